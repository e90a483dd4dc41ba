import NSCore
import Testing

/// The one reader of /proc/PID/status (ProcStatus): one field, or the summary `ns` shows,
/// from the kernel's bytes.
@Suite struct ProcStatusTests {
    static func status(name: String, ppid: Int, nspid: String) -> [UInt8] {
        Array("Name:\t\(name)\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t1236\nNgid:\t0\nPid:\t1236\nPPid:\t\(ppid)\nTracerPid:\t0\nUid:\t1000\t1000\t1000\t1000\nGid:\t100\t100\t100\t100\nNSpid:\t\(nspid)\n".utf8)
    }

    @Test func theSummaryAndTheFieldsAgree() {
        let s = Self.status(name: "sh", ppid: 1200, nspid: "1236\t1")
        let summary = ProcStatus.summary(s)
        #expect(summary == ProcStatus.Summary(name: "sh", ppid: 1200, uid: 1000, nspid: [1236, 1]))
        #expect(ProcStatus.field(s, "PPid") == "1200")
        #expect(ProcStatus.field(s, "NSpid") == "1236\t1")
        #expect(ProcStatus.field(s, "TracerPid") == "0")
        #expect(ProcStatus.field(s, "Nothing") == nil)
    }

    @Test func aCommEndingInCarriageReturnKeepsTheNextLine() {
        // As a Character split, "\r\n" would be one Character and PPid would be lost.
        let s = Self.status(name: "evil\r", ppid: 7, nspid: "1236")
        #expect(ProcStatus.summary(s).name == "evil\r")
        #expect(ProcStatus.summary(s).ppid == 7)
        #expect(ProcStatus.field(s, "PPid") == "7")
    }

    @Test func theCommIsKeptAsWrittenAndPPidZeroIsNone() {
        let s = Self.status(name: " two words ", ppid: 0, nspid: "1")
        let summary = ProcStatus.summary(s)
        #expect(summary.name == " two words ")
        #expect(summary.ppid == nil)
        #expect(summary.nspid == [1])
    }
}
