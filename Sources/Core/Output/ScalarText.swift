/// Splitting and searching text that came from outside (a tracee, the kernel's /proc
/// text, a record, a side file) by Unicode scalar, never by Swift `Character`.
///
/// A Character is a grapheme cluster: `"\r\n"` is one Character, and so is a `/`, `"`,
/// `:` or space followed by a combining mark (U+0301). `text.split(separator: "\n")`,
/// `firstIndex(of: ":")` and `hasPrefix("lowerdir=")` over Characters therefore miss a
/// separator that the outside text glued to what follows it: a mount point ending in `\r`
/// hid the next line of mountinfo, a file name starting with U+0301 hid the `/` before it.
/// The same calls over `unicodeScalars` or `utf8` see every separator. The check in
/// `SourcePatternTests` keeps the Character forms out of the sources.
public enum ScalarText {
    /// `s` split at every `separator` scalar.
    public static func split(_ s: some StringProtocol, _ separator: Unicode.Scalar, maxSplits: Int = .max,
                             omittingEmptySubsequences: Bool = true) -> [String] {
        if separator.isASCII {
            // An ASCII scalar is one byte in UTF-8, and no byte of another scalar is ever
            // below 0x80: splitting the bytes there is splitting the scalars, without
            // building each part a scalar at a time.
            return s.utf8.split(separator: UInt8(separator.value), maxSplits: maxSplits,
                                omittingEmptySubsequences: omittingEmptySubsequences)
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return s.unicodeScalars.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
            .map { String(String.UnicodeScalarView($0)) }
    }

    /// The lines of `s` (split at every `\n` scalar, a `\r` before it kept), empty lines
    /// left out unless `keepEmpty`.
    public static func lines(_ s: some StringProtocol, keepEmpty: Bool = false) -> [String] {
        split(s, "\n", omittingEmptySubsequences: !keepEmpty)
    }

    /// True when the bytes of `s` start with those of `prefix`.
    public static func hasPrefix(_ s: some StringProtocol, _ prefix: String) -> Bool {
        s.utf8.starts(with: prefix.utf8)
    }

    /// True when the bytes of `s` end with those of `suffix`.
    public static func hasSuffix(_ s: some StringProtocol, _ suffix: String) -> Bool {
        s.utf8.count >= suffix.utf8.count && s.utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    /// `s` without its first `count` bytes of `prefix` when it starts with them, else nil.
    public static func dropPrefix(_ s: some StringProtocol, _ prefix: String) -> String? {
        guard hasPrefix(s, prefix) else { return nil }
        return String(decoding: s.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    /// The part of `s` before the first `separator` scalar and the part after it, or nil
    /// when there is none.
    public static func cut(_ s: some StringProtocol, at separator: Unicode.Scalar) -> (before: String, after: String)? {
        let parts = split(s, separator, maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// The last component of a path (what follows its last `/`), the path itself when it has
    /// no `/` but at its end.
    public static func baseName(_ path: String) -> String {
        split(path, "/").last ?? path
    }
}
