import Testing
import TestSupport
@testable import NSCore

@Suite struct PrinterTests {
    func event(_ pid: Int32, _ name: String, _ args: [String], _ ret: String, t: Double = 0) -> SyscallEvent {
        SyscallEvent(pid: pid, t: t, name: name, nr: 0, abi: .x86_64, args: args, ret: Int64(ret),
                     errno: nil, retText: ret, duration: 0.000012)
    }

    func entry(_ name: String, _ args: [String], deferredFrom: Int? = nil) -> String {
        StraceTextPrinter.entryText(name: name, entry: DecodedEntry(
            name: name, args: Array(args.prefix(deferredFrom ?? args.count)),
            deferredFrom: deferredFrom ?? args.count, argCount: args.count))
    }

    @Test func singleTaskLinesAlignResultsAtColumn40() {
        let sink = BufferSink()
        let p = StraceTextPrinter(sink: sink)
        p.syscallEntered(pid: 7, t: 0, name: "close", entryText: entry("close", ["3"]))
        p.syscallExited(event(7, "close", ["3"], "0"), deferredFrom: 1)
        let args = ["AT_FDCWD", "\"/etc/ld.so.cache\"", "O_RDONLY|O_CLOEXEC"]
        p.syscallEntered(pid: 7, t: 0, name: "openat", entryText: entry("openat", args))
        p.syscallExited(event(7, "openat", args, "3"), deferredFrom: 3)
        p.syscallEntered(pid: 7, t: 0, name: "exit_group", entryText: entry("exit_group", ["0"]))
        p.exit(ExitEvent(pid: 7, t: 0, code: 0))
        p.finish()
        #expect(sink.text == """
        close(3)                                = 0
        openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3
        exit_group(0)                           = ?
        +++ exited with 0 +++

        """)
    }

    @Test func interleavedTasksPrintUnfinishedAndResumed() {
        let sink = BufferSink()
        let p = StraceTextPrinter(sink: sink)
        p.liveTasks = 2
        // 2938 enters newfstatat (output arg deferred), 2939 runs close, both return.
        let stat = ["AT_FDCWD", "\"/bin/cat\"", "0x7ffd7d577e90", "0"]
        p.syscallEntered(pid: 2938, t: 0, name: "newfstatat", entryText: entry("newfstatat", stat, deferredFrom: 2))
        p.syscallEntered(pid: 2939, t: 0, name: "close", entryText: entry("close", ["3"]))
        var e = event(2938, "newfstatat", stat, "-1")
        e.retText = "-1 ENOENT (No such file or directory)"
        p.syscallExited(e, deferredFrom: 2)
        p.syscallExited(event(2939, "close", ["3"], "0"), deferredFrom: 1)
        p.signal(SignalEvent(pid: 2938, t: 0, signal: "SIGCHLD",
                             info: "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=2939, si_uid=0, si_status=0, si_utime=0, si_stime=0}"))
        p.exit(ExitEvent(pid: 2939, t: 0, code: 0))
        p.finish()
        Golden.check(sink.text, "printer-interleaved.txt")
    }

    @Test func supersededLeaderAndMovedExecve() {
        let sink = BufferSink()
        let p = StraceTextPrinter(sink: sink)
        p.liveTasks = 2
        p.syscallEntered(pid: 100, t: 0, name: "pause", entryText: "pause(")
        let exec = ["\"/bin/true\"", "[\"/bin/true\"]", "0x7ffc /* 3 vars */"]
        p.syscallEntered(pid: 101, t: 0, name: "execve", entryText: entry("execve", exec))
        p.exit(ExitEvent(pid: 100, t: 0, supersededBy: 101))
        p.moveSyscall(from: 101, to: 100)
        p.liveTasks = 1
        p.syscallExited(event(100, "execve", exec, "0"), deferredFrom: 3)
        p.finish()
        #expect(sink.text == """
        [pid   100] pause( <unfinished ...>
        [pid   101] execve("/bin/true", ["/bin/true"], 0x7ffc /* 3 vars */ <pid changed to 100 ...>
        [pid   100] <... pause resumed>)        = ?
        [pid   100] +++ superseded by execve in pid 101 +++
        <... execve resumed>)                   = 0

        """)
    }

    /// -Y: `PID<comm> ` (no padding) with -o, `[pid  PID<comm>] ` on a terminal; a task
    /// without a name keeps strace's padded pid; `<` and `>` in octal.
    @Test func pidPrefixWithCommandNames() {
        let sink = BufferSink()
        var o = StraceTextPrinter.Options()
        o.pidPrefix = .always
        let p = StraceTextPrinter(sink: sink, options: o)
        p.taskComm(42, Array("a<b>".utf8))
        p.syscallEntered(pid: 42, t: 0, name: "getpid", entryText: "getpid(")
        p.syscallExited(event(42, "getpid", [], "42"), deferredFrom: 0)
        p.syscallEntered(pid: 7, t: 0, name: "getpid", entryText: "getpid(")
        p.syscallExited(event(7, "getpid", [], "7"), deferredFrom: 0)
        p.finish()
        #expect(sink.text == "42<a\\74b\\76> getpid()                   = 42\n7     getpid()                          = 7\n")
        let tty = BufferSink()
        let q = StraceTextPrinter(sink: tty)
        q.liveTasks = 2
        q.taskComm(42, Array("sh".utf8))
        q.syscallEntered(pid: 42, t: 0, name: "getpid", entryText: "getpid(")
        q.syscallExited(event(42, "getpid", [], "42"), deferredFrom: 0)
        q.finish()
        #expect(tty.text == "[pid    42<sh>] getpid()                = 42\n")
    }

    @Test func timestampsDurationAndFilePrefix() {
        let sink = BufferSink()
        var o = StraceTextPrinter.Options()
        o.timestamps = .micros
        o.showDuration = true
        o.pidPrefix = .always
        o.startEpoch = 3600 * 5 + 61.25
        let p = StraceTextPrinter(sink: sink, options: o)
        p.syscallEntered(pid: 42, t: 0.5, name: "getpid", entryText: "getpid(")
        p.syscallExited(event(42, "getpid", [], "42", t: 0.5), deferredFrom: 0)
        p.finish()
        #expect(sink.text == "42    05:01:01.750000 getpid()          = 42 <0.000012>\n")
    }

    /// `-a COLUMN` as strace's tabto(): `)`, one space, then spaces up to COLUMN; the column
    /// counts the pid prefix, and applies to resumed lines and to `= ?` too.
    @Test(arguments: [0, 10, 22, 40, 60])
    func resultColumnAsStraceA(column: Int) {
        let sink = BufferSink()
        var o = StraceTextPrinter.Options()
        o.resultColumn = column
        let p = StraceTextPrinter(sink: sink, options: o)
        p.liveTasks = 2
        p.syscallEntered(pid: 7, t: 0, name: "close", entryText: entry("close", ["3"]))
        p.syscallExited(event(7, "close", ["3"], "0"), deferredFrom: 1)
        p.syscallEntered(pid: 7, t: 0, name: "read", entryText: entry("read", ["0", "\"\"", "1"], deferredFrom: 1))
        p.syscallEntered(pid: 8, t: 0, name: "exit_group", entryText: entry("exit_group", ["0"]))
        p.exit(ExitEvent(pid: 8, t: 0, code: 0))
        p.syscallExited(event(7, "read", ["0", "\"x\"", "1"], "1"), deferredFrom: 1)
        p.syscallEntered(pid: 7, t: 0, name: "pause", entryText: "pause(")
        p.exit(ExitEvent(pid: 7, t: 0, signal: "SIGKILL"))
        p.finish()
        func line(_ head: String, _ result: String) -> String {
            head + String(repeating: " ", count: max(1, column - head.utf8.count)) + "= " + result
        }
        #expect(sink.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == [
            line("[pid     7] close(3)", "0"),
            "[pid     7] read(0,  <unfinished ...>",
            line("[pid     8] exit_group(0)", "?"),
            "[pid     8] +++ exited with 0 +++",
            line("[pid     7] <... read resumed>\"x\", 1)", "1"),
            line("[pid     7] pause()", "?"),
            "[pid     7] +++ killed by SIGKILL +++",
            "",
        ])
    }

    @Test func fixedFormatsWithoutFoundation() {
        #expect(StraceTextPrinter.fixed(0.000012, 6) == "0.000012")
        #expect(StraceTextPrinter.fixed(12.5, 2) == "12.50")
        #expect(StraceTextPrinter.fixed(99.999, 2) == "100.00")
        #expect(StraceTextPrinter.fixed(-1.5, 1) == "-1.5")
    }
}
