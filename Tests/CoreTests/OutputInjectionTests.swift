import Foundation
import Testing
import TestOracles
@testable import NSCore

/// Output injection through text nstrace does not control (issue 17): a `"` or `\` of a
/// file name or hostname must stay inside its DOT literal whatever follows it, and kernel
/// text must be split where its bytes say. docs/security.md, "Output".
@Suite struct OutputInjectionTests {
    /// Closes the label with a `"` the combining mark hides from a Character-level
    /// escaper, then adds an SVG link to the node.
    static let link = "\"\u{301}, URL=\"javascript:alert(1)\", target=\"_top\", x=\""

    static func graph(comm: String, hostname: String) -> NamespaceGraph {
        let procs = [ProcessNode(pid: 10, ppid: nil, comm: comm, argv: [comm], nspid: [10], uid: 0, ns: ["uts": 2])]
        var uts = NamespaceNode(id: NamespaceID(type: .uts, inode: 2), processes: [10], holders: [.process(10)], isInitial: false)
        uts.facts.hostname = hostname
        return NamespaceGraph(source: "live", processes: procs, namespaces: [uts], veths: [], transitions: [])
    }

    @Test func dotLabelKeepsAQuoteFollowedByACombiningMark() throws {
        let dot = DotRenderer.render(Self.graph(comm: Self.link, hostname: Self.link), title: Self.link)
        let node = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  \"p10\" [") }, "\(dot)")
        let literal = try #require(DotSyntax.labelLiteral(ofStatement: String(node)), "\(node)")
        // One literal, whose label is the comm as it is: nothing of it became an attribute.
        #expect(DotSyntax.shown(literal) == ["10 " + Self.link], "\(node)")
        #expect(node.hasSuffix("label=\(literal)];"), "\(node)")
        let ns = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  \"uts:[2]\" [") })
        let nsLabel = try #require(DotSyntax.labelLiteral(ofStatement: String(ns)).flatMap(DotSyntax.shown))
        #expect(nsLabel.contains("hostname " + Self.link), "\(ns)")
        #expect(DotSyntax.shown(DotText.quote(Self.link)) == [Self.link])
    }

    /// `\N` (the node's name), `\G`, `\l` and entities are Graphviz's, not the text's.
    @Test func dotLabelEscapesAndEntitiesCannotBeFormedByOutsideText() {
        for s in [#"\N\G\E\H\T\L"#, #"a\nb\lc\r"#, "&amp;&#92;N&lt;a href=x&gt;", "\\", "\\\"", "<b>html?</b>", "x\\\n"] {
            let q = DotRenderer.quote(s)
            #expect(DotSyntax.shown(q) == [TerminalText.escape(s)], "\(s) → \(q)")
        }
        // Several lines, each escaped on its own: an outside newline is not a line end.
        let lines = ["a\nb", "c\u{1B}", "\"\u{301}"]
        #expect(DotSyntax.shown(DotText.label(lines)) == lines.map(TerminalText.escape))
        #expect(DotSyntax.shown(DotText.label(lines, lineEnd: .left)) == lines.map(TerminalText.escape) + [""])
    }

    /// `"Name:\tx\r\nUmask:..."`: "\r\n" is one Character, and a Character-level split lost
    /// the line after a comm ending in "\r".
    @Test func statusFieldSurvivesACommEndingInCarriageReturn() {
        let status = Array("Name:\tevil\r\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t42\nNSpid:\t42\t1\n".utf8)
        #expect(ProcStatus.field(status, "Umask") == "0022")
        #expect(ProcStatus.field(status, "Name") == "evil\r")
        #expect(ProcStatus.field(status, "Tgid") == "42")
        #expect(ProcStatus.field(status, "NSpid") == "42\t1")
        #expect(ProcStatus.field(status, "Pid") == nil)
        // A comm that looks like a field is still the Name line's value.
        let fake = Array("Name:\tx\nTracerPid:\t0\n".utf8)
        #expect(ProcStatus.field(fake, "TracerPid") == "0")
    }

    /// Separators that a combining mark or a "\r" before a "\n" hid from Character-level
    /// calls are found by scalar.
    @Test func scalarTextSplitsWhereCharactersDoNot() {
        #expect(ScalarText.lines("a b\r\nc d\n") == ["a b\r", "c d"])
        #expect(ScalarText.split("/x/\u{301}y", "/") == ["x", "\u{301}y"])
        #expect(ScalarText.baseName("/bin/\u{301}evil") == "\u{301}evil")
        #expect(ScalarText.hasPrefix("lowerdir=\u{301}/a", "lowerdir="))
        #expect(ScalarText.dropPrefix("lowerdir=\u{301}/a", "lowerdir=") == "\u{301}/a")
        #expect(ScalarText.hasSuffix("net:[1]", "]") && !ScalarText.hasSuffix("]", "]]"))
        #expect(ScalarText.cut("net:\u{301}[5]", at: ":")?.before == "net")
        #expect(NamespaceSet.inode(fromLink: "net:[\u{301}5]") == nil)
        #expect(NamespaceSet.inode(fromLink: "net:[4026532201]") == 4026532201)
        #expect(TerminalText.escapeKeepingNewlines("a\r\nb\u{1B}") == "a\\x0d\nb\\x1b")
        #expect(TerminalText.escapeKeepingNewlines("a\n\u{301}b") == "a\n\u{301}b")
    }

    /// A file name that starts with a combining mark: basename of the exec'd file, the
    /// comm `graph` shows for a record.
    @Test func recordCommIsTheBasenameByScalar() {
        let header = RecordLine.header(RecordHeader(command: ["x"], attached: [], start: "", startEpoch: 0, kernel: "", machine: "",
                                                    hostname: "", tool: ""))
        let lines: [RecordLine] = [
            header,
            .event(.task(TaskEvent(pid: 10, tgid: 10, ppid: nil, via: .spawned, t: 0, ns: NamespaceSet([.uts: 1]), nspid: [10]))),
            .event(.exec(ExecEvent(pid: 10, formerPid: 10, t: 0.1, filename: "/tmp/d/\u{301}evil"))),
        ]
        #expect(GraphFromRecord.build(lines).processes.first?.comm == "\u{301}evil")
    }
}
