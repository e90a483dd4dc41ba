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
