import Foundation
import Testing

/// Issue 17, must show 2: no Swift `Character`-level escaping, splitting or searching of
/// outside text is left in the sources. A Character is a grapheme cluster: `"\r\n"` is one,
/// and so is `"`, `/`, `:` or a space followed by a combining mark, so
/// `split(separator: "\n")`, `firstIndex(of: ":")` or an escaper that loops over a String's
/// Characters misses the separator or the quote (a DOT label closed by `"\u{301}`, a
/// status line swallowed after a comm ending in "\r"). Outside text goes through
/// `ScalarText` (split, prefix, basename), `TerminalText`, `DotText`, or `unicodeScalars`/
/// `utf8` directly.
///
/// This reads Sources/**/*.swift and fails on each pattern below, unless the line is in
/// `allowed` with the reason it only handles nstrace's own or the user's text. An entry
/// that no longer matches fails too, so the list stays true.
@Suite struct SourcePatternTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Character-level calls with a string literal (not after `.unicodeScalars`/`.utf8`).
    static let patterns: [(what: String, regex: String)] = [
        ("split by a Character", #"(?<!unicodeScalars|utf8)\.split\(separator: ""#),
        ("split by a Character predicate", #"\.split\(whereSeparator: \{ \$0 == ""#),
        ("index of a Character", #"(?<!unicodeScalars|utf8)\.(first|last)Index\(of: ""#),
        ("range of a string, by Characters", #"(?<!utf8)\.(firstRange|ranges)\(of: ""#),
        ("components(separatedBy:), by Characters", #"\.components\(separatedBy: "#),
        ("a Character compared in a map", #"\.map \{ \$0 == ""#),
    ]

    /// Folders not audited yet (none: Tracer, Image and Run were audited after the rest, in
    /// the same round). A folder put here is skipped, and must say why.
    static let notAudited: [String: String] = [:]

    /// "file: text of the line" → why a match there handles no outside text.
    static let allowed: [String: String] = [
        "Linux/Spawn.swift: (path ?? \"/usr/local/bin:/usr/bin:/bin\").split(separator: \":\"":
            "PATH of nstrace's own environment: the user's, trusted (docs/security.md)",
        "Commands/TraceCommand.swift: pids.flatMap({ $0.split(separator: \",\") })": "-p list from the command line",
        "Commands/PIDCompletion.swift: prefix.lastIndex(of: \",\")": "the word the user is completing",
        "Commands/PIDCompletion.swift: head.split(separator: \",\")": "the word the user is completing",
        "Commands/RunCommand.swift: path.split(separator: \".\")": "the --graph file name the user gave",
        "Core/Filter/TraceFilter.swift: text.split(separator: \",\"": "-e expressions from the command line",
        "Core/Filter/TraceFilter.swift: arg.firstIndex(of: \"=\")": "-e expressions from the command line",
        "Linux/LiveNamespaces.swift: parts.firstIndex(of: \"-\"), dash + 1":
            "parts is [String] (mountinfo fields split by scalar): the field \"-\" compared whole",
        "Linux/LiveNamespaces.swift: parts.firstIndex(of: \"-\"), dash + 3":
            "parts is [String] (mountinfo fields split by scalar): the field \"-\" compared whole",
        "Core/Graph/TextRenderers.swift: f.domainname.map { $0 == \"(none)\"":
            "Optional<String>.map: the whole domain name compared with the kernel's \"(none)\"",
    ]

    struct Hit: CustomStringConvertible {
        var file: String, line: Int, text: String, what: String
        var description: String { "\(file):\(line): \(what): \(text)" }
    }

    static func files() -> [(String, String)] {
        let e = FileManager.default.enumerator(atPath: sources.path)
        var out: [(String, String)] = []
        while let rel = e?.nextObject() as? String {
            guard rel.hasSuffix(".swift"), let text = try? String(contentsOf: sources.appendingPathComponent(rel), encoding: .utf8)
            else { continue }
            out.append((rel, text))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// Every match of the patterns, and every Character-level escaper: a `case "\""` or
    /// `case "\\"` whose loop does not walk `unicodeScalars` or `utf8`.
    static func hits(in file: String, _ text: String) -> [Hit] {
        let lines = text.components(separatedBy: "\n")
        let regexes = patterns.map { (what: $0.what, re: try! NSRegularExpression(pattern: $0.regex)) }
        var out: [Hit] = []
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") || trimmed.hasPrefix("///") { continue }
            for r in regexes where r.re.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                out.append(Hit(file: file, line: i + 1, text: trimmed, what: r.what))
            }
            if trimmed.hasPrefix(#"case "\"""#) || trimmed.hasPrefix(#"case "\\""#) {
                let loop = lines[max(0, i - 10)..<i].last { $0.contains("for ") && $0.contains(" in ") }
                if let loop, !loop.contains("unicodeScalars"), !loop.contains("utf8") {
                    out.append(Hit(file: file, line: i + 1, text: loop.trimmingCharacters(in: .whitespaces),
                                   what: "an escaper that walks Characters"))
                }
            }
        }
        return out
    }

    @Test func noCharacterLevelHandlingOfOutsideText() throws {
        let files = Self.files()
        try #require(files.count > 50, "found \(files.count) source files under \(Self.sources.path)")
        var used = Set<String>()
        for (file, text) in files where !Self.notAudited.keys.contains(where: { file.hasPrefix($0) }) {
            for hit in Self.hits(in: file, text) {
                let key = Self.allowed.keys.first { k in
                    let parts = k.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    return parts.count == 2 && parts[0] == file && hit.text.contains(parts[1])
                }
                if let key { used.insert(key) } else { Issue.record("\(hit)") }
            }
        }
        for k in Self.allowed.keys where !used.contains(k) { Issue.record("allow-list entry matches nothing: \(k)") }
    }

    /// The check itself finds what it is for.
    @Test func theCheckFindsEachPattern() {
        let bad = """
            for line in text.split(separator: "\\n") {}
            let f = s.split(whereSeparator: { $0 == " " })
            guard let c = target.firstIndex(of: ":") else {}
            let r = text.firstRange(of: "/* ")
            let h = line.components(separatedBy: " - ")
            let b = s.map { $0 == "x" }
            for c in s {
                switch c {
                case "\\"": out += "\\\\\\""
                }
            }
            """
        #expect(Self.hits(in: "x.swift", bad).count == 7, "\(Self.hits(in: "x.swift", bad))")
        let good = """
            let a = s.unicodeScalars.split(separator: "\\n")
            let b = s.utf8.firstIndex(of: 0x3A)
            for u in s.unicodeScalars {
                switch u {
                case "\\"": out += "\\\\\\""
                }
            }
            """
        #expect(Self.hits(in: "x.swift", good).isEmpty, "\(Self.hits(in: "x.swift", good))")
    }
}
