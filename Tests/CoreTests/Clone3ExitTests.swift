import Testing
@testable import NSCore

/// clone3 as strace shows it (issue 19): what the kernel wrote into the caller's memory,
/// ` => {parent_tid=[N]}`, goes on from the struct shown at entry, before the size; a call
/// that asked for nothing to be written is shown whole at entry.
@Suite struct Clone3ExitTests {
    /// pthread_create's clone_args at 0x9000 (CLONE_PARENT_SETTID: the tid at 0x7f10).
    static func threadMemory(tid: Int32?) -> FakeMemory {
        var m = FakeMemory()
        let flags: UInt64 = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x80000 | 0x100000 | 0x200000
        m.put(0x9000, le(flags, 8) + le(0, 8) + le(0x7f10, 8) + le(0x7f10, 8) + le(0, 8)
              + le(0x7e00, 8) + le(0x1000, 8) + le(0x7f30, 8) + le(0, 8) + le(0, 8) + le(0, 8))
        if let tid { m.put(0x7f10, le(UInt64(UInt32(bitPattern: tid)), 4)) }
        return m
    }

    static let threadArgs = "{flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f10, parent_tid=0x7f10, exit_signal=0, stack=0x7e00, stack_size=0x1000, tls=0x7f30}"

    @Test func theParentTidFollowsTheStruct() {
        let d = SyscallDecoder(options: DecodeOptions())
        let before = Self.threadMemory(tid: nil), after = Self.threadMemory(tid: 4242)
        let e = d.decodeEntry(name: "clone3", abi: .x86_64, args: [0x9000, 88], memory: before, fds: nil)
        // Shown at entry: the struct alone, no ", " (the exit goes on with it).
        #expect(e.args == [Self.threadArgs] && e.deferredFrom == 1 && e.gluedAtExit && e.argCount == 2)
        #expect(StraceTextPrinter.entryText(name: "clone3", entry: e) == "clone3(" + Self.threadArgs)
        let x = d.decodeExit(e, abi: .x86_64, args: [0x9000, 88], rval: 4242, isError: false, memory: after, fds: nil)
        // The record's argument is the whole text; the line's exit part starts with ` => `.
        #expect(x.args == [Self.threadArgs + " => {parent_tid=[4242]}", "88"])
        #expect(x.completion == ArgCompletion(index: 0, offset: Self.threadArgs.utf8.count))
        #expect(x.completion?.split(x.args) == [Self.threadArgs, " => {parent_tid=[4242]}", "88"])
        #expect(x.completion.map { $0.join($0.split(x.args)) } == x.args)
        // The record's typed parameters: the two arguments, not the continuation.
        #expect(x.params.map(\.name) == ["cl_args", "size"])
        // The printer's own path writes the same.
        #expect(writtenLine(d, "clone3", .x86_64, [0x9000, 88], ret: 4242, error: false, mem: before, exitMem: after, fds: nil)
            == Self.threadArgs + "| => {parent_tid=[4242]}, 88|4242")
        // Failed: nothing was written; the size follows the struct.
        let f = d.decodeExit(e, abi: .x86_64, args: [0x9000, 88], rval: -11, isError: true, memory: after, fds: nil)
        #expect(f.args == [Self.threadArgs, "88"] && f.completion?.split(f.args) == [Self.threadArgs, "", "88"])
    }

    /// Without CLONE_PIDFD or CLONE_PARENT_SETTID (posix_spawn's CLONE_VM|CLONE_VFORK), the
    /// call is decoded whole at entry, as strace does: an interleaved line reads
    /// `clone3({...}, 88 <unfinished ...>`.
    @Test func nothingToShowAtExitShowsAllAtEntry() {
        var m = FakeMemory()
        m.put(0x9000, le(0x100 | 0x4000, 8) + le(0, 24) + le(17, 8) + le(0x7e00, 8) + le(0x9000, 8) + le(0, 32))
        let d = SyscallDecoder(options: DecodeOptions())
        let e = d.decodeEntry(name: "clone3", abi: .x86_64, args: [0x9000, 88], memory: m, fds: nil)
        #expect(e.args == ["{flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7e00, stack_size=0x9000}", "88"])
        #expect(e.deferredFrom == 2 && !e.gluedAtExit)
    }

    /// Interleaved with another task: `<... clone3 resumed> => {parent_tid=[N]}, 88) = N`.
    @Test func resumedLineStartsWithTheContinuation() {
        let sink = BufferSink()
        let p = StraceTextPrinter(sink: sink)
        p.liveTasks = 2
        let d = SyscallDecoder(options: DecodeOptions())
        let e = d.decodeEntry(name: "clone3", abi: .x86_64, args: [0x9000, 88], memory: Self.threadMemory(tid: nil), fds: nil)
        p.syscallEntered(pid: 10, t: 0, name: "clone3", entry: e)
        p.syscallEntered(pid: 11, t: 0, name: "getpid", entry: DecodedEntry(name: "getpid", args: [], deferredFrom: 0, argCount: 0))
        p.syscallExited(SyscallEvent(pid: 11, t: 0, name: "getpid", nr: 39, abi: .x86_64, args: [], ret: 11, errno: nil,
                                     retText: "11", duration: nil), deferredFrom: 0)
        let x = d.decodeExit(e, abi: .x86_64, args: [0x9000, 88], rval: 12, isError: false, memory: Self.threadMemory(tid: 12), fds: nil)
        var shown = SyscallEvent(pid: 10, t: 0, name: "clone3", nr: 435, abi: .x86_64, args: x.args, ret: 12, errno: nil,
                                 retText: x.ret, duration: nil)
        shown.args = x.completion!.split(shown.args)
        p.syscallExited(shown, deferredFrom: e.deferredFrom)
        p.finish()
        let lines = sink.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "[pid    10] clone3(" + Self.threadArgs + " <unfinished ...>")
        #expect(lines.last == "[pid    10] <... clone3 resumed> => {parent_tid=[12]}, 88) = 12", "\(lines)")
    }
}
