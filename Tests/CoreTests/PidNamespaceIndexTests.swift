import NSCore
import Testing

/// The pid translation both tracers use for tasks in nested pid namespaces, and the id map
/// writes they notice, without a kernel.
@Suite struct PidNamespaceIndexTests {
    // Two sibling pid namespaces at depth 2 (inodes 20 and 30) under the top one (10).
    static let top: UInt64 = 10, left: UInt64 = 20, right: UInt64 = 30

    @Test func aPidSeenInsideIsNamedAsNstraceSeesIt() {
        var index = PidNamespaceIndex()
        index.add(1236, nsPids: [1236, 1], chain: [Self.top, Self.left])
        index.add(1240, nsPids: [1240, 2], chain: [Self.top, Self.left])
        // A task of the left namespace: its 1 and 2 are 1236 and 1240.
        #expect(index.outer(1, nsPids: [1240, 2], chain: [Self.top, Self.left]) == 1236)
        #expect(index.outer(2, nsPids: [1236, 1], chain: [Self.top, Self.left]) == 1240)
        #expect(index.outer(3, nsPids: [1236, 1], chain: [Self.top, Self.left]) == nil)
    }

    /// A signal's si_pid as both tracers show it: the task nstrace knows it as after it, also
    /// with -Y's command name (the translation was once lost when a name came first).
    @Test func aSignalsSenderIsNamedAsNstraceSeesIt() {
        struct Names: FDPathResolver {
            func path(ofFD fd: Int64) -> String? { nil }
            func socketKind(ofFD fd: Int64) -> SocketKind? { nil }
            func interfaceName(index: UInt32) -> String? { nil }
            func comm(ofProcess pid: Int32) -> [UInt8]? { pid == 2 ? Array("sh".utf8) : nil }
        }
        var si = SigInfo()
        si.signo = 17; si.code = 1; si.pid = 2
        let outer = { (pid: Int32) -> Int32? in pid == 2 ? 102 : nil }
        let plain = SigInfoFormat.format(si, style: DecodeStyle(), pid: SigInfoFormat.pidShown(comm: nil, outer: outer))
        let named = SigInfoFormat.format(si, style: DecodeStyle(), pid: SigInfoFormat.pidShown(comm: Names(), outer: outer))
        #expect(plain.contains("si_pid=2 /* 102 in nstrace's PID NS */,"), "\(plain)")
        #expect(named.contains("si_pid=2<sh> /* 102 in nstrace's PID NS */,"), "\(named)")
        let outside = SigInfoFormat.format(si, style: DecodeStyle(), pid: SigInfoFormat.pidShown(comm: nil) { _ in nil })
        #expect(outside == SigInfoFormat.format(si), "\(outside)")
    }

    @Test func aSiblingNamespaceAtTheSameDepthDoesNotCount() {
        var index = PidNamespaceIndex()
        index.add(1236, nsPids: [1236, 1], chain: [Self.top, Self.left])
        #expect(index.outer(1, nsPids: [1300, 1], chain: [Self.top, Self.right]) == nil)
    }

    @Test func nothingIsTranslatedAtTheTopOrWithoutAChain() {
        var index = PidNamespaceIndex()
        index.add(1236, nsPids: [1236, 1], chain: [Self.top, Self.left])
        index.add(500, nsPids: [500], chain: [Self.top])               // at the top: not indexed
        index.add(1250, nsPids: [1250, 5], chain: [])                  // chain unknown: not indexed
        #expect(index.count == 2)
        #expect(index.outer(1236, nsPids: [500], chain: [Self.top]) == nil)
        #expect(index.outer(5, nsPids: [1236, 1], chain: [Self.top, Self.left]) == nil)
        #expect(index.outer(1, nsPids: [1236, 1], chain: [Self.top]) == nil)
        // Not pids: 0, negative (an error), past Int32.
        #expect(index.outer(0, nsPids: [1236, 1], chain: [Self.top, Self.left]) == nil)
        #expect(index.outer(-1, nsPids: [1236, 1], chain: [Self.top, Self.left]) == nil)
        #expect(index.outer(Int64(Int32.max) + 1, nsPids: [1236, 1], chain: [Self.top, Self.left]) == nil)
    }

    @Test func everyLevelOfADeepTaskIsIndexed() {
        var index = PidNamespaceIndex()
        index.add(2000, nsPids: [2000, 7, 1], chain: [Self.top, Self.left, 40])
        #expect(index.outer(7, nsPids: [1236, 1], chain: [Self.top, Self.left]) == 2000)
        #expect(index.outer(1, nsPids: [2001, 9, 2], chain: [Self.top, Self.left, 40]) == 2000)
        #expect(PidNamespaceIndex.comment(2000) == " /* 2000 in nstrace's PID NS */")
    }

    @Test func idMapWritesAreKnownByTheirFile() {
        #expect(IDMapWrite(path: "/proc/1234/uid_map") == IDMapWrite(target: 1234, file: "uid_map"))
        #expect(IDMapWrite(path: "/proc/1234/setgroups")?.file == "setgroups")
        #expect(IDMapWrite(path: "/proc/1234/status") == nil)
        #expect(IDMapWrite(path: "/proc/self/uid_map") == nil)
        #expect(IDMapWrite(path: "/tmp/proc/1/uid_map") == nil)
        #expect(IDMapWrite(path: "/proc/1/task/1/uid_map") == nil)
        #expect(IDMapWrite(directory: "77", file: "gid_map") == IDMapWrite(target: 77, file: "gid_map"))
        #expect(IDMapWrite(directory: "x", file: "gid_map") == nil)
    }

    @Test func theNoteJoinsLinesAndEscapes() {
        let w = IDMapWrite(target: 1234, file: "uid_map")
        #expect(w.note(data: "0 1000 1\n1 100000 65536\n") == "  ns: uid_map of pid 1234 := 0 1000 1; 1 100000 65536")
        #expect(w.note(data: "0 0 1\u{1b}[2J") == "  ns: uid_map of pid 1234 := 0 0 1\\x1b[2J")
    }
}
