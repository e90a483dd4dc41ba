import Testing
@testable import NSCore

/// trimmed(): Foundation's trimmingCharacters(in:) for the few places that need it.
@Suite struct TrimmingTests {
    @Test func trimsBothEndsOnly() {
        #expect("  a b \n".trimmed() == "a b")
        #expect(" \t 512M\t".trimmed(\.isSpaceOrTab) == "512M")
        // A newline is not a space or a tab: /proc's "Name:\tbash\n" keeps its newline.
        #expect("\tbash\n".trimmed(\.isSpaceOrTab) == "bash\n")
        #expect("x".trimmed() == "x")
    }

    @Test func nothingLeft() {
        #expect("".trimmed() == "")
        #expect(" \t\n ".trimmed() == "")
        #expect("aaa".trimmed { $0 == "a" } == "")
    }

    @Test func substringsToo() {
        let line = "key:  value  "
        #expect(line.split(separator: ":")[1].trimmed() == "value")
    }
}
