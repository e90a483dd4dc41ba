import NSCore


/// A model of what Graphviz (2.42, the version here) does with a DOT string literal, used
/// as the oracle of the DOT escaping tests: the lexer (`scan.l`), then a label's object
/// escapes (`strdup_and_subst_obj0`), its HTML entities (`htmlEntityUTF8`) and its line
/// ends (`make_simple_label`). One copy, for the tests (CoreTests) and the fuzz targets (Fuzz/).
public enum DotSyntax {
    /// What the lexer reads from `text` when `text` is exactly one complete string literal
    /// (nothing before or after it), else nil.
    public static func lex(_ text: String) -> String? {
        let u = Array(text.unicodeScalars)
        guard u.first == "\"" else { return nil }
        var out = String.UnicodeScalarView()
        var i = 1
        while i < u.count {
            let c = u[i]
            if c == "\\" && i + 1 < u.count {
                switch u[i + 1] {
                case "\"": out.append("\"")                   // \" is a quote
                case "\n": break                               // an escaped newline vanishes
                case "\\": out.append(contentsOf: "\\\\".unicodeScalars)  // kept as a pair
                default: out.append(c); i += 1; continue
                }
                i += 2
                continue
            }
            if c == "\"" { return i == u.count - 1 ? String(out) : nil }
            out.append(c)
            i += 1
        }
        return nil
    }

    /// The lines Graphviz shows for a label whose lexed value is `value`, each with the
    /// escape that ended it (`n`, `l`, `r`; none for the text after the last one); nil
    /// when the value holds something Graphviz would replace: `\N` `\G` `\E` `\H` `\T`
    /// `\L` (object names) or an HTML entity other than `&amp;`.
    public static func label(_ value: String) -> [String]? {
        // Object escapes, pair by pair.
        let u = Array(value.unicodeScalars)
        var i = 0
        while i < u.count {
            if u[i] == "\\" {
                if i + 1 < u.count, "GNETHL".unicodeScalars.contains(u[i + 1]) { return nil }
                i += 2
            } else {
                i += 1
            }
        }
        // Entities: only &amp; is expected; any other & would be decoded, or kept, by a rule
        // the escaper does not rely on.
        var text = String.UnicodeScalarView()
        i = 0
        let amp = Array("&amp;".unicodeScalars)
        while i < u.count {
            if u[i] == "&" {
                guard i + amp.count <= u.count, Array(u[i..<i + amp.count]) == amp else { return nil }
                text.append("&")
                i += amp.count
            } else {
                text.append(u[i])
                i += 1
            }
        }
        // Line ends and backslashes.
        let t = Array(text)
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        i = 0
        while i < t.count {
            if t[i] == "\\" {
                if i + 1 < t.count {
                    switch t[i + 1] {
                    case "n", "l", "r":
                        lines.append(String(line))
                        line = String.UnicodeScalarView()
                    default:
                        line.append(t[i + 1])
                    }
                }
                i += 2
            } else {
                line.append(t[i])
                i += 1
            }
        }
        lines.append(String(line))
        return lines
    }

    /// The lines a literal shows: lex then label.
    public static func shown(_ literal: String) -> [String]? { lex(literal).flatMap(label) }

    /// The label literal of a statement line `... label="...", ...];` (the last `label=`
    /// outside a literal), found by reading literals as the lexer does.
    public static func labelLiteral(ofStatement line: String) -> String? {
        let u = Array(line.unicodeScalars)
        var i = 0
        var found: String?
        while i < u.count {
            if u[i] == "\"" {
                var j = i + 1
                while j < u.count && u[j] != "\"" { j += u[j] == "\\" ? 2 : 1 }
                guard j < u.count else { return nil }
                let lit = String(String.UnicodeScalarView(u[i...j]))
                let before = String(String.UnicodeScalarView(u[..<i]))
                if before.hasSuffix("label=") { found = lit }
                i = j + 1
            } else {
                i += 1
            }
        }
        return found
    }
}
