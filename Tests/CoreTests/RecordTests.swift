import Foundation
import Testing
import TestSupport
@testable import NSCore

@Suite struct RecordTests {
    static let header = RecordHeader(command: ["sh", "-c", "echo \"hi\"\n"], attached: [], start: "2026-11-29T00:00:00.000000Z",
                                     startEpoch: 1_795_910_400, kernel: "6.18.44", machine: "x86_64",
                                     hostname: "host", tool: "nstrace 0.1.0")
    static let lines: [RecordLine] = [
        .header(header),
        .event(.task(TaskEvent(pid: 10, tgid: 10, ppid: nil, via: .spawned, t: 0))),
        .event(.syscall(typed(SyscallEvent(pid: 10, t: 0.000001, name: "openat", nr: 257, abi: .x86_64,
                                     args: ["AT_FDCWD", "\"/etc/\\x01\"", "O_RDONLY"], ret: -1, errno: "ENOENT",
                                     retText: "-1 ENOENT (No such file or directory)", duration: 0.000004,
                                     params: SyscallParams([
                                        // In name order: a reader gets an object's keys in no order.
                                        ParamField("dirfd", .int(-100)),
                                        ParamField("flags", .structure([ParamField("names", .array([.string("O_RDONLY")])),
                                                                        ParamField("value", .int(0))])),
                                        ParamField("pathname", .string("/etc/\u{1}"))]))))),
        .event(.task(TaskEvent(pid: 11, tgid: 10, ppid: 10, via: .clone3, t: 0.25,
                               ns: NamespaceSet([.uts: 4026531838, .pid: 4026532203, .user: 4026531837]),
                               nspid: [11, 1]))),
        .event(.namespace(NamespaceEvent(pid: 10, t: 0.3, kind: .uts, from: 4026531838, to: 4026532201,
                                         cause: "unshare", call: "unshare(CLONE_NEWUTS)"))),
        .event(.idmap(IDMapEvent(pid: 10, t: 0.4, target: 11, file: "uid_map", data: "0 1000 1\n"))),
        .event(.signal(SignalEvent(pid: 10, t: 0.5, signal: "SIGCHLD", info: "{si_signo=SIGCHLD}"))),
        .event(.exec(ExecEvent(pid: 10, formerPid: 11, t: 0.75, filename: "/bin/true"))),
        .event(.syscall(typed(SyscallEvent(pid: 10, t: 0.8, name: "exit_group", nr: 231, abi: .x86_64,
                                     args: ["0"], ret: nil, errno: nil, retText: "?", duration: nil,
                                     params: SyscallParams([ParamField("status", .int(0))]))))),
        .event(.lost(LostEvent(pid: 10, t: 0.9, count: 12, from: 0.85, to: 0.875, reason: .ringBufferFull))),
        .event(.exit(ExitEvent(pid: 10, t: 1, signal: "SIGKILL", coreDumped: false))),
        // Version 4: gone, its exit event lost (trace --bpf).
        .event(.exit(ExitEvent(pid: 11, t: 1.1, lost: true))),
        .event(.lost(LostEvent(pid: nil, t: 1.25, count: 3, from: nil, to: nil, reason: .programSkipped))),
        .end(RecordEnd(t: 1.5, status: 137, reason: "exited")),
    ]

    /// A version 3 syscall line as read back: its fds known (none here).
    static func typed(_ e: SyscallEvent) -> SyscallEvent {
        var e = e
        e.fds = [:]
        return e
    }

    @Test func roundTripsEveryLineType() throws {
        let text = Self.lines.map(RecordWriter.encodeLine).joined(separator: "\n") + "\n"
        let back = try RecordReader.parse(Data(text.utf8))
        #expect(back == Self.lines)
    }

    @Test func writerEmitsOneWholeLinePerWrite() {
        let sink = BufferSink()
        let w = RecordWriter(sink: sink)
        for l in Self.lines { w.write(l) }
        let text = sink.text
        #expect(text.split(separator: "\n").count == Self.lines.count)
        #expect(text.hasPrefix(#"{"type":"header","format":"nstrace-record","version":4,"command":["sh","-c","echo \"hi\"\n"]"#))
        Golden.check(text, "record.jsonl")
    }

    /// Version 1 records (no namespaces) are still read.
    @Test func readsVersionOneRecords() throws {
        let v1 = """
        {"type":"header","format":"nstrace-record","version":1,"command":["true"],"attached":[],"start":"2026-11-29T00:00:00.000000Z","startEpoch":1.0,"kernel":"6.1","machine":"x86_64","hostname":"h","tool":"nstrace 0.1.0"}
        {"type":"task","pid":5,"tgid":5,"ppid":null,"via":"spawned","t":0.000000}

        """
        let lines = try RecordReader.parse(Data(v1.utf8))
        guard case .event(.task(let t)) = lines[1] else { Issue.record("no task"); return }
        #expect(t.ns == nil && t.nspid == nil)
    }

    @Test func unknownNamespacesAreNull() {
        let line = RecordWriter.encodeLine(.event(.task(TaskEvent(pid: 1, tgid: 1, ppid: nil, via: .spawned, t: 0,
                                                                  ns: NamespaceSet([.net: 7]), nspid: []))))
        #expect(line.contains(#""ns":{"cgroup":null,"ipc":null,"mnt":null,"net":7,"#))
        #expect(line.hasSuffix(#""nspid":[]}"#))
    }

    @Test func readerRejectsWhatIsNotARecord() {
        #expect(throws: RecordReader.ReadError.self) { try RecordReader.parse(Data("{\"type\":\"task\"}\n".utf8)) }
        #expect(throws: RecordReader.ReadError.self) { try RecordReader.parse(Data()) }
        let newer = RecordWriter.encodeLine(.header(Self.header)).replacingOccurrences(of: "\"version\":4", with: "\"version\":99")
        do {
            _ = try RecordReader.parse(Data(newer.utf8))
            Issue.record("a newer version was accepted")
        } catch let e as RecordReader.ReadError {
            #expect(e.description.contains("newer"))
        } catch { Issue.record("unexpected \(error)") }
        // A record cut in the middle of its last line names that line.
        let cut = RecordWriter.encodeLine(.header(Self.header)) + "\n{\"type\":\"syscall\",\"pid\":1"
        do {
            _ = try RecordReader.parse(Data(cut.utf8))
            Issue.record("a truncated line was accepted")
        } catch let e as RecordReader.ReadError {
            #expect(e.line == 2)
        } catch { Issue.record("unexpected \(error)") }
    }
}
