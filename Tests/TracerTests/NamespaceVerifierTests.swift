import NSCore
import Testing
@testable import NSTracer

/// NSTRACE_VERIFY_NS's comparisons, without a kernel.
@Suite struct NamespaceVerifierTests {
    static func set(_ base: UInt64) -> NamespaceSet {
        var ns = NamespaceSet()
        for (i, kind) in NamespaceKind.allCases.enumerated() { ns[kind] = base + UInt64(i) }
        return ns
    }

    @Test func inheritedLinksAreComparedWithWhatIsRead() {
        var v = NamespaceVerifier()
        let parent = Self.set(4026531834)
        #expect(v.inherited(101, taken: parent, read: parent) == nil)
        var moved = parent
        moved[.uts] = 4026532201
        let d = v.inherited(102, taken: parent, read: moved)
        #expect(d?.hasPrefix("NSTRACE_VERIFY_NS: task 102 inherited ") == true)
        // A task that died already reads as nothing: nothing to compare.
        #expect(v.inherited(103, taken: parent, read: NamespaceSet()) == nil)
        #expect(v.inheritedChecked == 3 && v.partialChecked == 0)
        #expect(v.summary == ["NSTRACE_VERIFY_NS: 3 inherited namespace sets checked",
                              "NSTRACE_VERIFY_NS: 0 partly read namespace sets checked"])
    }

    @Test func aPartReadIsComparedExceptWhatCannotBeReadYet() {
        var v = NamespaceVerifier()
        let known = Self.set(4026531834)
        var read = known
        read[.pidForChildren] = 4026532300   // unreadable before, now a child exists
        #expect(v.partial(100, after: "unshare", known: known, unresolved: [.pidForChildren], read: read) == nil)
        #expect(v.partial(100, after: "unshare", known: known, unresolved: [], read: read)?
            .hasPrefix("NSTRACE_VERIFY_NS: task 100 after unshare has ") == true)
        // A link not read now (nil) is not a difference.
        var partial = known
        partial[.net] = nil
        #expect(v.partial(100, after: "setns", known: known, unresolved: [], read: partial) == nil)
        #expect(v.partialChecked == 3)
    }
}
