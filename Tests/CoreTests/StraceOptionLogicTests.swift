import Testing
import TestSupport
@testable import NSCore

/// The pure parts of strace's everyday options (issue 19), without a tracee: `-e`
/// qualifiers, `-X` and `-x` styles of the central formatters, the printer's `-e status=`
/// and `-e quiet=`, and `-P`'s choice of arguments. Their output against strace itself is
/// Tests/IntegrationTests/StraceOptionTests.swift.
@Suite struct StraceOptionLogicTests {
    static func known(_ name: String) -> Bool { ["openat", "chdir", "uname", "read"].contains(name) }

    // MARK: qualifiers

    @Test func statusAndQuietSetsParseAsStrace() throws {
        let q = try TraceQualifiers.parse(["status=failed,unfinished", "quiet=exit,superseded", "trace=chdir"], isKnown: Self.known)
        #expect(q.status == [.failed, .unfinished] && q.statusGiven)
        #expect(q.quiet == [.exit, .threadExecve])
        #expect(try TraceQualifiers.parse(["status=!successful"], isKnown: Self.known).status == [.failed, .unfinished, .unavailable, .detached])
        #expect(try TraceQualifiers.parse(["status=none"], isKnown: Self.known).status == [])
        #expect(try TraceQualifiers.parse(["q=all"], isKnown: Self.known).quiet == .all)
        #expect(try TraceQualifiers.parse(["quiet=!!attach"], isKnown: Self.known).quiet == [.attach])
        #expect(try TraceQualifiers.parse(["abbrev=uname"], isKnown: Self.known).abbrev?.names == ["uname"])
        #expect(try TraceQualifiers.parse([], isKnown: Self.known).quiet == nil)
        #expect(QuietSet.short(1) == [.attach, .personality] && QuietSet.short(2).contains(.exit) && QuietSet.short(5) == .all)
        for bad in ["status=bogus", "status=", "quiet=loud", "abbrev=nosuch", "bogus=1"] {
            #expect(throws: TraceQualifiers.ParseError.self) { try TraceQualifiers.parse([bad], isKnown: Self.known) }
        }
    }

    // MARK: -X and -x in the central formatters

    func styled<R>(_ xlat: DecodeStyle.Xlat, hex: DecodeStyle.HexStrings = .none, _ body: () -> R) -> R {
        DecodeStyle.with(DecodeStyle(xlat: xlat, hexStrings: hex), body)
    }

    @Test func tablesInEachStyle() {
        let t = Xlat("SEEK_???", [(0, "SEEK_SET"), (1, "SEEK_CUR")])
        let f = Xlat("O_???", [(0x40, "O_CREAT"), (0x80, "O_EXCL")])
        #expect(styled(.abbrev) { t.value(1) } == "SEEK_CUR")
        #expect(styled(.raw) { t.value(1) } == "0x1")
        #expect(styled(.verbose) { t.value(1) } == "0x1 /* SEEK_CUR */")
        #expect(styled(.verbose) { t.value(7) } == "0x7 /* SEEK_??? */")
        #expect(styled(.raw) { t.valueSigned(-5) } == "-5")
        #expect(styled(.abbrev) { f.flags(0xc0 | 0x100) } == "O_CREAT|O_EXCL|0x100")
        #expect(styled(.raw) { f.flags(0xc0) } == "0xc0")
        #expect(styled(.verbose) { f.flags(0x1c0) } == "0x1c0 /* O_CREAT|O_EXCL|0x100 */")
        #expect(styled(.verbose) { f.flags(0x100) } == "0x100 /* O_??? */")
        #expect(styled(.verbose) { f.flagsPlain(0x100) } == "0x100")
        #expect(styled(.verbose) { t.flags(0) } == "0 /* SEEK_SET */")
        #expect(styled(.raw) { DecodeStyle.constant("AT_FDCWD", number: "-100") } == "-100")
        // Nothing bound: abbrev.
        #expect(f.flags(0x40) == "O_CREAT")
    }

    @Test func stringsInHexAsStraceQuotesThem() {
        let text: [UInt8] = Array("ab\n".utf8), odd: [UInt8] = [0x7f, 0x45, 0x0a, 0x31]
        func q(_ b: [UInt8], _ h: DecodeStyle.HexStrings) -> String { styled(.abbrev, hex: h) { StringQuoting.quoted(b[...], truncated: false) } }
        #expect(q(text, .none) == #""ab\n""#)
        #expect(q(text, .nonASCII) == #""ab\n""#)
        #expect(q(odd, .nonASCII) == #""\x7f\x45\x0a\x31""#)
        #expect(q(text, .all) == #""\x61\x62\x0a""#)
        #expect(q(odd, .nonASCIIChars) == #""\x7fE\n1""#)
        #expect(q(odd, .none) == #""\177E\n1""#)
    }

    // MARK: the printer

    func printed(_ options: StraceTextPrinter.Options, _ body: (StraceTextPrinter) -> Void) -> String {
        let sink = BufferSink()
        let p = StraceTextPrinter(sink: sink, options: options)
        body(p)
        p.finish()
        return sink.text
    }

    func calls(_ p: StraceTextPrinter) {
        p.syscallEntered(pid: 7, t: 0, name: "chdir", entryText: "chdir(\"/\"")
        p.syscallExited(SyscallEvent(pid: 7, t: 0, name: "chdir", nr: 80, abi: .x86_64, args: ["\"/\""], ret: 0,
                                     errno: nil, retText: "0", duration: nil), deferredFrom: 1)
        p.syscallEntered(pid: 7, t: 0, name: "chdir", entryText: "chdir(\"/x\"")
        p.syscallExited(SyscallEvent(pid: 7, t: 0, name: "chdir", nr: 80, abi: .x86_64, args: ["\"/x\""], ret: -1,
                                     errno: "ENOENT", retText: "-1 ENOENT (No such file or directory)", duration: nil), deferredFrom: 1)
        p.syscallEntered(pid: 7, t: 0, name: "exit_group", entryText: "exit_group(0")
        p.exit(ExitEvent(pid: 7, t: 0, code: 0))
    }

    @Test func statusShowsOnlyTheCallsThatEndedSo() {
        var o = StraceTextPrinter.Options()
        o.resultColumn = 0
        o.status = .failed
        #expect(printed(o, calls) == "chdir(\"/x\") = -1 ENOENT (No such file or directory)\n+++ exited with 0 +++\n")
        o.status = [.successful, .unfinished]
        #expect(printed(o, calls) == "chdir(\"/\") = 0\nexit_group(0) = ?\n+++ exited with 0 +++\n")
        o.status = .all
        #expect(printed(o, calls).components(separatedBy: "\n").count == 5)
    }

    @Test func heldLinesAreWrittenWholeNeverUnfinished() {
        var o = StraceTextPrinter.Options()
        o.resultColumn = 0
        o.status = .successful
        o.pidPrefix = .always
        let text = printed(o) { p in
            p.syscallEntered(pid: 1, t: 0, name: "read", entryText: "read(0, ")
            p.syscallEntered(pid: 2, t: 0, name: "chdir", entryText: "chdir(\"/\"")
            p.syscallExited(SyscallEvent(pid: 2, t: 0, name: "chdir", nr: 80, abi: .x86_64, args: ["\"/\""], ret: 0,
                                         errno: nil, retText: "0", duration: nil), deferredFrom: 1)
            p.syscallExited(SyscallEvent(pid: 1, t: 0, name: "read", nr: 0, abi: .x86_64, args: ["0", "\"x\"", "1"], ret: 1,
                                         errno: nil, retText: "1", duration: nil), deferredFrom: 1)
        }
        #expect(text == "2     chdir(\"/\") = 0\n1     read(0, \"x\", 1) = 1\n")
    }

    @Test func quietLeavesOutExitSupersededAndPersonalityLines() {
        var o = StraceTextPrinter.Options()
        o.quiet = [.exit, .threadExecve, .personality]
        let text = printed(o) { p in
            p.note(pid: 7, t: 0, "[ Process PID=7 runs in 32 bit mode. ]")
            p.exit(ExitEvent(pid: 8, t: 0, supersededBy: 7))
            p.exit(ExitEvent(pid: 7, t: 0, code: 3))
            p.exit(ExitEvent(pid: 9, t: 0, signal: "SIGKILL"))
        }
        #expect(text == "+++ killed by SIGKILL +++\n")
    }

    // MARK: -P

    @Test func pathFilterLooksAtStraceArguments() {
        var mem = FakeMemory()
        mem.put(0x1000, cString: "/tmp/p")
        mem.put(0x2000, cString: "/tmp/other")
        let fds = FakeFDs(paths: [3: "/tmp/p", 4: "/tmp/other"])
        var filter = PathFilter()
        #expect(filter.add("p", resolved: "/tmp/p") == "/tmp/p")
        func m(_ name: String, _ classes: SyscallClasses, _ args: [UInt64]) -> Bool {
            filter.matches(name: name, abi: .x86_64, classes: classes, args: SyscallArgs(args), memory: mem,
                           fdPath: { fds.path(ofFD: $0) })
        }
        #expect(m("openat", [.file, .desc], [UInt64(bitPattern: -100), 0x1000, 0]))
        #expect(!m("openat", [.file, .desc], [UInt64(bitPattern: -100), 0x2000, 0]))
        #expect(m("openat", [.file, .desc], [3, 0x2000, 0]))
        #expect(m("read", [.desc], [3, 0, 0]))
        #expect(!m("read", [.desc], [4, 0, 0]))
        #expect(m("dup2", [.desc], [4, 3]))
        #expect(m("mmap", [.desc, .memory], [0, 4096, 1, 2, 3, 0]))
        #expect(!m("mmap", [.desc, .memory], [0, 4096, 1, 2, 4, 0]))
        #expect(m("stat", [.file], [0x1000, 0]))
        #expect(!m("pipe2", [.desc], [0x1000, 0]))
        #expect(!m("getpid", [], [3]))
        // poll's pollfd array: fd 4, then fd 3.
        mem.put(0x3000, [4, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0])
        #expect(m("poll", [.desc], [0x3000, 2, 0]))
        #expect(!m("poll", [.desc], [0x3000, 1, 0]))
        // select's read set with bit 3.
        mem.put(0x4000, [0x08, 0, 0, 0, 0, 0, 0, 0])
        #expect(m("select", [.desc], [4, 0x4000, 0, 0, 0]))
        #expect(!m("select", [.desc], [3, 0x4000, 0, 0, 0]))
    }
}
