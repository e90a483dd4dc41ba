import Testing
import TestSupport
@testable import NSCore

@Suite struct FilterTests {
    let known: (String) -> Bool = { ["openat", "read", "write", "close", "execve"].contains($0) }

    @Test func namesClassesAndNegation() throws {
        let f = try TraceFilter.parseQualifier("trace=openat,%process", isKnown: known)
        #expect(f.selects("openat", classes: [.file, .desc]))
        #expect(f.selects("clone", classes: [.process]))
        #expect(!f.selects("read", classes: [.desc]))
        let n = try TraceFilter.parseQualifier("trace=!read,write", isKnown: known)
        #expect(!n.selects("read", classes: [.desc]))
        #expect(n.selects("close", classes: [.desc]))
        #expect(try TraceFilter.parse("all", isKnown: known).selectsAll)
        #expect(!(try TraceFilter.parse("none", isKnown: known)).selects("read", classes: []))
        #expect(try TraceFilter.parseQualifier("%namespace", isKnown: known).classes == .namespace)
    }

    @Test func badExpressionsAreErrors() {
        #expect(throws: TraceFilter.ParseError.unknownSyscall("opne")) { try TraceFilter.parse("opne", isKnown: known) }
        #expect(throws: TraceFilter.ParseError.unknownClass("%files")) { try TraceFilter.parse("%files", isKnown: known) }
        #expect(throws: TraceFilter.ParseError.unknownQualifier("verbose")) { try TraceFilter.parseQualifier("verbose=all", isKnown: known) }
        #expect(throws: TraceFilter.ParseError.empty) { try TraceFilter.parse("read,,write", isKnown: known) }
        #expect(throws: TraceFilter.ParseError.unknownSyscall("/^nosuch")) { try TraceFilter.parse("/^nosuch", isKnown: known) }
        #expect(throws: TraceFilter.ParseError.badRegex("(")) { try TraceFilter.parse("/(", isKnown: known) }
    }

    /// strace's `/REGEX` (matched anywhere in the table's names of either ABI) and `?`.
    @Test func regexesAndOptionalItems() throws {
        let f = try TraceFilter.parse("/(osf_)?shmat,shmdt", isKnown: { $0 == "shmdt" })
        #expect(f.names == ["shmat", "shmdt"])
        let stats = try TraceFilter.parse("/^(new)?fstatat", isKnown: known)
        #expect(stats.names == ["newfstatat", "fstatat64"])      // x86_64's and i386's
        #expect(try TraceFilter.parse("/^sethostname$", isKnown: known).names == ["sethostname"])
        let optional = try TraceFilter.parse("?nosuch,?%nosuch,?/^nosuch,read", isKnown: known)
        #expect(optional.names == ["read"] && optional.classes.isEmpty)
    }
}

@Suite struct SummaryTests {
    @Test func rendersStraceLayout() {
        var s = SyscallSummary()
        func add(_ name: String, _ d: Double, _ err: String? = nil) {
            s.add(SyscallEvent(pid: 1, t: 0, name: name, nr: 0, abi: .x86_64, args: [], ret: 0,
                               errno: err, retText: "0", duration: d))
        }
        add("read", 0.000300)
        add("read", 0.000100)
        add("openat", 0.000050, "ENOENT")
        add("close", 0.000050)
        Golden.check(s.render(), "summary.txt")
        #expect(s.sortedRows.map(\.name) == ["read", "openat", "close"])
    }
}

@Suite struct SignalFilterTests {
    @Test func setsAsStraceReadsThem() throws {
        #expect(try SignalFilter.parse("none").selects("SIGCHLD") == false)
        #expect(try SignalFilter.parse("all").selects("SIGCHLD"))
        let chld = try SignalFilter.parse("!chld")
        #expect(!chld.selects("SIGCHLD") && chld.selects("SIGTERM"))
        let some = try SignalFilter.parse("SIGUSR1,term,9")
        #expect(some.selects("SIGUSR1") && some.selects("SIGTERM") && some.selects("SIGKILL") && !some.selects("SIGCHLD"))
        #expect(throws: SignalFilter.ParseError.self) { try SignalFilter.parse("FOO") }
        #expect(throws: SignalFilter.ParseError.self) { try SignalFilter.parse("65") }
        #expect(throws: SignalFilter.ParseError.self) { try SignalFilter.parse("usr1,") }
        #expect(TraceFilter.signalSet("signal=none") == "none" && TraceFilter.signalSet("s=!chld") == "!chld")
        #expect(TraceFilter.signalSet("trace=open") == nil)
    }

    /// The printer leaves out the signals the set does not hold, and only those.
    @Test func printerShowsOnlySelectedSignals() {
        let sink = BufferSink()
        var o = StraceTextPrinter.Options()
        o.signals = SignalFilter(numbers: [15], negated: false)
        let p = StraceTextPrinter(sink: sink, options: o)
        p.signal(SignalEvent(pid: 1, t: 0, signal: "SIGCHLD", info: nil))
        p.signal(SignalEvent(pid: 1, t: 0, signal: "SIGTERM", info: nil))
        p.finish()
        #expect(sink.text == "--- SIGTERM {} ---\n")
    }
}

/// `-e inject=` and `-e fault=` as strace parses them.
@Suite struct InjectionTests {
    let known: (String) -> Bool = { ["openat", "getpid", "prlimit64"].contains($0) }

    @Test func actionsSignalsAndWhen() throws {
        let r = try Injection.parse("prlimit64:retval=42:when=256+", fault: false, isKnown: known)
        #expect(r.result == 42 && r.filter.names == ["prlimit64"])
        #expect(!r.applies(toCall: 255) && r.applies(toCall: 256) && r.applies(toCall: 1000))
        let e = try Injection.parse("openat,getpid:error=ENOENT:signal=USR1:when=2..6+2", fault: false, isKnown: known)
        #expect(e.result == -2 && e.signal == 10)
        #expect((1...8).filter { e.applies(toCall: UInt64($0)) } == [2, 4, 6])
        #expect(try Injection.parse("getpid:error=13:when=3", fault: false, isKnown: known).applies(toCall: 3))
        #expect(!(try Injection.parse("getpid:error=13:when=3", fault: false, isKnown: known)).applies(toCall: 4))
        #expect(try Injection.parse("getpid", fault: true, isKnown: known).result == -38)        // ENOSYS
        #expect(try Injection.parse("getpid:when=1..2", fault: true, isKnown: known).applies(toCall: 2))
        let every = try Injection.parse("%process:signal=SIGUSR2", fault: false, isKnown: known)
        #expect(every.result == nil && every.signal == 12 && every.applies(toCall: 1) && every.applies(toCall: 9))
    }

    @Test func badRulesAreErrors() {
        for bad in ["", "getpid", "getpid:retval=x", "getpid:error=ENOTANERRNO", "getpid:retval=1:error=EPERM",
                    "getpid:when=0", "getpid:when=5..2", "getpid:when=1+x", "nosuch:retval=1", "getpid:delay_enter=1"] {
            #expect(throws: Injection.ParseError.self, "\(bad)") { try Injection.parse(bad, fault: false, isKnown: known) }
        }
        #expect(throws: Injection.ParseError.self) { try Injection.parse("getpid:retval=1", fault: true, isKnown: known) }
    }
}
