extension StringProtocol {
    /// The text without the leading and trailing characters `drop` picks (white space and
    /// newlines by default): Foundation's `trimmingCharacters(in:)`, which
    /// FoundationEssentials does not have.
    public func trimmed(_ drop: (Character) -> Bool = { $0.isWhitespace }) -> String {
        guard let first = firstIndex(where: { !drop($0) }) else { return "" }
        let last = lastIndex(where: { !drop($0) })!
        return String(self[first...last])
    }
}

extension Character {
    /// A space or a tab: what Foundation's `CharacterSet.whitespaces` holds in ASCII.
    public var isSpaceOrTab: Bool { self == " " || self == "\t" }
}
