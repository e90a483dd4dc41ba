import Foundation
import Testing
@testable import NSCompare
import NSCore

/// Terminal and DOT injection through `nstrace compare` (issue 17): every string of a
/// report comes from the command, the records or the side files, and none may reach the
/// terminal or the DOT as it is.
@Suite struct CompareInjectionTests {
    /// Retitles a terminal, moves the cursor (C1 CSI), reverses the text that follows,
    /// fakes a line, and closes a DOT label behind a combining mark.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{9B}2J\u{202E}\r\nFAKE LINE\"\u{301}, URL=\"javascript:alert(1)\""

    /// `r` with every string value (and every string in an array) replaced by one that
    /// holds `hostile`: JSON in, JSON out, so a string field added later is covered too.
    /// A verdict's type is a NamespaceKind, not text: it cannot hold any (decoding refuses).
    static func poisoned(_ r: CompareReport) throws -> CompareReport {
        func walk(_ v: Any, key: String?) -> Any {
            switch v {
            case let s as String: return key == "format" ? s : s + hostile
            case let a as [Any]: return a.map { walk($0, key: key) }
            case let d as [String: Any]:
                return Dictionary(uniqueKeysWithValues: d.map { ($0.key, key == "verdicts" && $0.key == "type" ? $0.value : walk($0.value, key: $0.key)) })
            default: return v
            }
        }
        let json = try JSONSerialization.jsonObject(with: Data(JSONReport.render(r).utf8))
        let data = try JSONSerialization.data(withJSONObject: walk(json, key: nil))
        return try JSONDecoder().decode(CompareReport.self, from: data)
    }

    static func terminalSafe(_ s: String) -> Unicode.Scalar? {
        s.unicodeScalars.first { $0 != "\n" && TerminalText.needsEscape($0) }
    }

    @Test func textReportEscapesEveryStringItHolds() throws {
        let (clean, _, _) = try Fixtures.report()
        let r = try Self.poisoned(clean)
        #expect(r.stdout.diff.contains(Self.hostile) && r.outside.place.contains(Self.hostile))
        var o = TextReport.Options()
        o.allSyscalls = true
        o.listLimit = 1000
        let text = TextReport.render(r, options: o)
        #expect(Self.terminalSafe(text) == nil, "holds U+\(String(Self.terminalSafe(text)?.value ?? 0, radix: 16)):\n\(text)")
        #expect(text.contains(#"\x1b]0;pwned\x07\x9b2J\u{202e}\x0d\x0aFAKE LINE"#))
        // No line of its own for the outside text (the stdout/stderr diff aside: its lines
        // are the command's output lines, each behind its " ", "+" or "-").
        o.outputDiff = false
        #expect(!TextReport.render(r, options: o).split(separator: "\n").contains { $0.hasPrefix("FAKE") })
        // In colour, the only escape sequences are nstrace's own SGR codes.
        o.color = true
        let coloured = TextReport.render(r, options: o)
        let sgr = try NSRegularExpression(pattern: "\u{1B}\\[[0-9;]*m")
        let stripped = sgr.stringByReplacingMatches(in: coloured, range: NSRange(coloured.startIndex..., in: coloured), withTemplate: "")
        #expect(Self.terminalSafe(stripped) == nil)
    }

    /// The text of `dot` outside its string literals (read as DOT's lexer reads them).
    static func outsideLiterals(_ dot: String) -> String {
        var out = String.UnicodeScalarView()
        var inside = false, escaped = false
        for u in dot.unicodeScalars {
            if inside {
                if escaped { escaped = false } else if u == "\\" { escaped = true } else if u == "\"" { inside = false }
            } else if u == "\"" {
                inside = true
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    @Test func dotReportKeepsOutsideTextInsideItsLiterals() throws {
        let (clean, a, b) = try Fixtures.report()
        let r = try Self.poisoned(clean)
        var ga = a
        ga.processes = ga.processes.map { var p = $0; p.comm += Self.hostile; return p }
        let dot = DotReport.render(r, outside: ga, inside: b)
        #expect(Self.terminalSafe(dot) == nil)
        let bare = Self.outsideLiterals(dot)
        #expect(!bare.contains("URL") && !bare.contains("pwned") && !bare.contains("FAKE"), "\(bare)")
        #expect(dot.contains("FAKE"))
    }

    /// DotReport builds on DotRenderer's statements (no DOT is read back): a label that
    /// holds `" -> "` or `"p1"` stays the label of its side's node, and only the node ids
    /// get the side's prefix.
    @Test func dotReportPrefixesIdsNotLabels() throws {
        let (clean, a, b) = try Fixtures.report()
        var g = a
        let pid = try #require(g.processes.first?.pid)
        g.processes[0].comm = "x\" -> \"p1\"\u{301} \"p\(pid)"
        let s = DotRenderer.statements(g, processPrefix: "o_")
        let node = try #require(s.processes.first { $0.id == "o_p\(pid)" }, "\(s.processes.map(\.id))")
        func has(_ line: String, _ needle: String) -> Bool { line.utf8.firstRange(of: needle.utf8) != nil }
        #expect(has(node.line, #"label="\#(pid) x\" -> \"p1\""#), "\(node.line)")
        #expect(!has(node.line, #"o_p1\"#), "\(node.line)")
        let dot = DotReport.render(clean, outside: g, inside: b)
        #expect(has(dot, #""o_p\#(pid)" [shape=ellipse, label="\#(pid) x\" -> \"p1\""#), "\(dot)")
        #expect(!has(dot, #""p\#(pid)" ["#))
    }

    /// A `'` followed by a combining mark is one Character but still a quote to a shell.
    @Test func shellWordQuotesAQuoteFollowedByACombiningMark() {
        let w = TextReport.Writer.shellWord("a'\u{301}; rm -rf ~")
        #expect(w == "'a'\\''\u{301}; rm -rf ~'", "\(w)")
        #expect(TextReport.Writer.shellWord("ps") == "ps")
        #expect(TextReport.Writer.shellWord("é") == "'é'")
    }

    /// Lines of the command's output end at every "\n", a "\r" before it included.
    @Test func outputDiffSplitsCRLFLines() {
        #expect(LineDiff.lines("a\r\nb\r\n") == ["a\r", "b\r"])
        #expect(LineDiff.lines("x\n\u{301}y") == ["x", "\u{301}y"])
        let d = LineDiff.unified("same\r\nold\r\n", "same\r\nnew\r\n", labelA: "a", labelB: "b")
        #expect(d.contains("-old\r") && d.contains("+new\r") && d.contains(" same\r"), "\(d)")
    }
}
