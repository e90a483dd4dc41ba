/// `-e signal=SET` (`--signal=SET`): which delivered signals the text shows as
/// `--- SIGCHLD {...} ---` (strace's qualifier). SET is a comma-separated list of signal
/// names (with or without `SIG`, any case) and numbers, negated as a whole with a leading
/// `!`; `all` and `none`. It changes the text only: the record keeps every signal, and
/// stops (`--- stopped by ---`) are shown as strace shows them, by the same set.
public struct SignalFilter: Sendable, Equatable {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let item: String
        public var description: String { item.isEmpty ? "empty signal set" : "invalid signal '\(item)'" }
    }

    public var numbers: Set<Int32>
    public var negated: Bool

    public static let all = SignalFilter(numbers: [], negated: true)

    public init(numbers: Set<Int32>, negated: Bool) {
        self.numbers = numbers
        self.negated = negated
    }

    public static func parse(_ expr: String) throws(ParseError) -> SignalFilter {
        var text = Substring(expr)
        var negated = false
        if text.hasPrefix("!") {
            negated = true
            text = text.dropFirst()
        }
        if text == "all" { return SignalFilter(numbers: [], negated: !negated) }
        if text == "none" { return SignalFilter(numbers: [], negated: negated) }
        var numbers = Set<Int32>()
        for part in ScalarText.split(text, ",", omittingEmptySubsequences: false) {
            let item = part.trimmingSpaces
            guard let n = number(item) else { throw ParseError(item: item) }
            numbers.insert(n)
        }
        return SignalFilter(numbers: numbers, negated: negated)
    }

    /// `SIGCHLD`, `chld`, `CHLD`, `17`, `SIGRTMIN+1`.
    static func number(_ item: String) -> Int32? {
        if let n = Int32(item) { return n >= 1 && n <= 64 ? n : nil }
        let upper = item.uppercased()
        return SignalNames.number(ScalarText.hasPrefix(upper, "SIG") ? upper : "SIG" + upper)
    }

    /// Whether signal `name` (`"SIGCHLD"`) is shown.
    public func selects(_ name: String) -> Bool {
        guard let n = SignalNames.number(name) else { return negated }
        return numbers.contains(n) != negated
    }

    public var selectsAll: Bool { negated && numbers.isEmpty }
}
