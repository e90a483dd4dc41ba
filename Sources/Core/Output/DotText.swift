/// Text made into a Graphviz DOT string literal: the one escaping of every DOT nstrace
/// writes (`graph`/`ns`/`compare --format dot`, and svg/png/pdf, which are that DOT laid
/// out by libgraphviz). See docs/security.md.
///
/// Works on Unicode scalars, never on Swift `Character`s: `"` followed by a combining mark
/// (U+0301) is one Character that is not equal to `"`, and a Character-level escaper let
/// it through unescaped (a tracee's file name could close the string and add attributes,
/// such as an SVG link).
///
/// What Graphviz does with a quoted string, and how each step is answered:
/// 1. The DOT lexer ends the string at the first `"` not preceded by a backslash, turns
///    `\"` into `"`, drops a backslash-newline and keeps every other byte. Here a `"` is
///    always written `\"` and a backslash always `\\`, so the literal ends where it should,
///    and no raw newline (nor any other control character) is written at all.
/// 2. The label's escapes: `\N` `\G` `\E` `\H` `\T` `\L` (names of objects), `\n` `\l` `\r`
///    (line ends), `\\` (a backslash). Every backslash of the text is doubled, so the only
///    single backslashes are the line ends this type writes itself.
/// 3. HTML entities in a label (`&amp;`, `&#60;`) are decoded: `&` is written `&amp;`.
/// 4. HTML-like labels are `<...>` *without* quotes: a quoted string never is one.
/// The label Graphviz shows is therefore exactly `TerminalText.escape(line)` for each
/// line, and SVG output (Graphviz escapes `<`, `>`, `&`, `"` in it) holds it as text.
public enum DotText {
    /// How each line of a label ends: centred (`\n`) or left-aligned (`\l`).
    public enum LineEnd: Sendable {
        case center, left
        var escape: String { self == .center ? "\\n" : "\\l" }
    }

    /// A DOT string literal of one line: an id, or a label of one line. A newline or any
    /// other control character in `s` is shown as `\x0a` (TerminalText), never a line end.
    public static func quote(_ s: String) -> String { label([s], lineEnd: .center, endLast: false) }

    /// A DOT string literal of a label of several lines, each escaped on its own. With
    /// `.left`, every line (the last too) ends in `\l`; with `.center`, lines are separated
    /// by `\n`.
    public static func label(_ lines: [String], lineEnd: LineEnd = .center) -> String {
        label(lines, lineEnd: lineEnd, endLast: lineEnd == .left)
    }

    static func label(_ lines: [String], lineEnd: LineEnd, endLast: Bool) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for (i, line) in lines.enumerated() {
            if i > 0 { out.append(contentsOf: lineEnd.escape.unicodeScalars) }
            appendEscaped(line, to: &out)
        }
        if endLast && !lines.isEmpty { out.append(contentsOf: lineEnd.escape.unicodeScalars) }
        out.append("\"")
        return String(out)
    }

    /// `s` escaped for the inside of a DOT string literal (no quotes around it).
    public static func escaped(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        appendEscaped(s, to: &out)
        return String(out)
    }

    private static func appendEscaped(_ s: String, to out: inout String.UnicodeScalarView) {
        // TerminalText first (its `\xNN` escapes hold backslashes, doubled below like any
        // other), then DOT's own characters, scalar by scalar.
        for u in TerminalText.escape(s).unicodeScalars {
            switch u {
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            default: out.append(u)
            }
        }
    }
}
