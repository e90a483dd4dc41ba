/// Text that came from somewhere nstrace does not control (a tracee's comm, argv or
/// hostname, a record file, an image's file names and config), made safe to print on a
/// terminal. See docs/security.md.
///
/// Escaped, each as `\xNN` (or `\u{NNNN}`), so no escape or control sequence reaches the
/// terminal and nothing can fake a line of output:
/// - C0 controls 0x00-0x1F (ESC, BEL, CR, LF, BS, ...) and DEL 0x7F;
/// - C1 controls U+0080-U+009F (U+009B is CSI on terminals that honour 8-bit controls);
/// - line and paragraph separators U+2028, U+2029, and the bidirectional formatting
///   characters U+200E, U+200F, U+202A-U+202E, U+2066-U+2069 (they reorder what follows).
/// Everything else, other UTF-8 included, is kept. Backslashes are kept as they are: the
/// syscall arguments inside such texts are already quoted the way strace quotes them.
public enum TerminalText {
    /// `s` with every character listed above escaped.
    public static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if needsEscape(u) {
                let v = u.value
                let digits = String(v, radix: 16)
                let text = v < 0x100 ? "\\x" + (digits.count < 2 ? "0" + digits : digits) : "\\u{" + digits + "}"
                out.append(contentsOf: text.unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// As `escape`, but a newline stays a newline (for multi-line messages nstrace writes).
    public static func escapeKeepingNewlines(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        // Split by scalar: "\r\n" is one Character, and so is "\n" before a combining mark.
        return s.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { escape(String(String.UnicodeScalarView($0))) }.joined(separator: "\n")
    }

    /// True for a scalar that must not reach a terminal as it is.
    public static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// True when `s` holds nothing `escape` would change.
    public static func isSafe(_ s: String) -> Bool { !s.unicodeScalars.contains(where: needsEscape) }

    /// A JSON text with every C1 control, DEL and the characters above written as `\u00XX`
    /// escapes (JSON encoders escape only C0). The JSON value is unchanged: these characters
    /// can only occur inside strings.
    public static func escapeJSON(_ json: String) -> String {
        // A C0 control inside a JSON document is whitespace between tokens (\n, \t) or
        // already escaped by the encoder: kept. So only DEL and non-ASCII scalars can need
        // it, and a document without such bytes (the common case) is returned as it is.
        guard json.utf8.contains(where: { $0 >= 0x7F }),
              json.unicodeScalars.contains(where: { $0.value >= 0x7F && needsEscape($0) }) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 64)
        for u in json.unicodeScalars {
            if u.value >= 0x7F && needsEscape(u) {
                var digits = String(u.value, radix: 16)
                while digits.count < 4 { digits = "0" + digits }
                out += "\\u" + digits
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
