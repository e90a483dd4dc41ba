import Foundation
import Testing
@testable import NSCore

/// Text from tracees and records never reaches a terminal with its control characters
/// (docs/security.md): the escaping rule and the views that use it.
@Suite struct TerminalTextTests {
    static let title = "\u{1B}]0;pwned\u{07}"

    @Test func escapesControlsC1AndBidiKeepsTheRest() {
        #expect(TerminalText.escape(Self.title) == #"\x1b]0;pwned\x07"#)
        #expect(TerminalText.escape("a\u{0}b\tc\nd\u{7F}") == #"a\x00b\x09c\x0ad\x7f"#)
        #expect(TerminalText.escape("\u{9B}31m\u{85}") == #"\x9b31m\x85"#)
        #expect(TerminalText.escape("x\u{202E}y\u{2028}z\u{2066}") == #"x\u{202e}y\u{2028}z\u{2066}"#)
        #expect(TerminalText.escape("héllo 🙂 \\033 ok") == "héllo 🙂 \\033 ok")
        #expect(TerminalText.escapeKeepingNewlines("a\u{1B}\nb") == "a\\x1b\nb")
        #expect(TerminalText.isSafe("plain /path") && !TerminalText.isSafe("\u{9B}"))
        // JSON: C0 was escaped by the encoder; C1 and bidi marks become \u escapes, same value.
        let json = TerminalText.escapeJSON("{\"a\" : \"x\u{9B}y\u{202E}\"}")
        #expect(json == #"{"a" : "x\u009by\u202e"}"#)
        let back = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(back?["a"] == "x\u{9B}y\u{202E}")
        // A pretty-printed document: its newlines stay, DEL inside a string is escaped, and
        // a document with nothing to escape comes back as it is.
        #expect(TerminalText.escapeJSON("{\n  \"a\" : \"\u{7F}\"\n}") == "{\n  \"a\" : \"\\u007f\"\n}")
        #expect(TerminalText.escapeJSON("{\n  \"a\" : \"é\"\n}") == "{\n  \"a\" : \"é\"\n}")
    }

    static func hostileGraph() -> NamespaceGraph {
        let procs = [ProcessNode(pid: 10, ppid: nil, comm: Self.title, argv: [Self.title, "x\u{9B}2J"], nspid: [10, 1], uid: 0,
                                 ns: ["uts": 2, "pid": 3])]
        var uts = NamespaceNode(id: NamespaceID(type: .uts, inode: 2), processes: [10], holders: [.process(10), .bindMount("/run/\u{1B}[2J")],
                                isInitial: false)
        uts.facts.hostname = Self.title
        let pid = NamespaceNode(id: NamespaceID(type: .pid, inode: 3), processes: [10], holders: [.process(10)], isInitial: false)
        return NamespaceGraph(source: "live", processes: procs, namespaces: [pid, uts], veths: [],
                              transitions: [])
    }

    @Test func graphViewsEscapeNamesHostnamesAndPaths() {
        let g = Self.hostileGraph()
        let tree = TreeRenderer.render(g), table = TableRenderer.render(g), dot = DotRenderer.render(g, title: Self.title)
        for (name, text) in [("tree", tree), ("table", table), ("dot", dot)] {
            #expect(!text.unicodeScalars.contains { $0 != "\n" && TerminalText.needsEscape($0) }, "\(name): \(text)")
        }
        #expect(tree.contains(#"hostname \x1b]0;pwned\x07"#) && tree.contains(#"10 \x1b]0;pwned\x07 (1 inside)"#), "\(tree)")
        #expect(tree.contains(#"held by /run/\x1b[2J"#))
        #expect(table.contains(#"\x1b]0;pwned\x07 x\x9b2J"#), "\(table)")
        // In DOT, TerminalText's backslashes are doubled, so the label shows `\x1b` (Graphviz
        // would drop a single backslash before an unknown letter): DotText.
        #expect(dot.contains(#"\\x1b]0;pwned\\x07"#))
        #expect(JSONRenderer.render(g).contains(#"x\u009b2J"#))
    }

    /// The argv and hostname a record shows are strace's quoted text: graph undoes the
    /// quoting (it showed `\33]0;pwned\7` as "33]0;pwned7") and escapes the bytes itself.
    @Test func argvAndHostnameFromARecordAreUnquoted() {
        #expect(QuotedText.list(#"["\33]0;pwned\7", "a\"b\\c", "\302\233\x41\n", "cut"..., "x"]"#)
                == ["\u{1B}]0;pwned\u{07}", "a\"b\\c", "\u{9B}A\n", "cut", "x"])
        #expect(QuotedText.list(#"["\0", "\1234"]"#) == ["\u{0}", "S4"])
        #expect(QuotedText.list("0x7ffc /* 3 vars */") == nil)
        let header = RecordLine.header(RecordHeader(command: ["sh"], attached: [], start: "", startEpoch: 0, kernel: "", machine: "",
                                                    hostname: "", tool: ""))
        let g = GraphFromRecord.build([
            header,
            .event(.task(TaskEvent(pid: 1, tgid: 1, ppid: nil, via: .spawned, t: 0, ns: NamespaceSet([.uts: 7]), nspid: [1]))),
            .event(.syscall(SyscallEvent(pid: 1, t: 0, name: "sethostname", nr: 170, abi: .x86_64, args: [#""\33]0;a\"b\7""#, "9"],
                                         ret: 0, errno: nil, retText: "0", duration: 0))),
            .event(.syscall(SyscallEvent(pid: 1, t: 0, name: "execve", nr: 59, abi: .x86_64,
                                         args: [#""/x""#, #"["\33]0;pwned\7", "b"]"#, "0x1 /* 0 vars */"],
                                         ret: 0, errno: nil, retText: "0", duration: 0))),
        ])
        #expect(g.namespaces.first { $0.id.type == .uts }?.facts.hostname == "\u{1B}]0;a\"b\u{07}")
        #expect(g.process(1)?.argv == ["\u{1B}]0;pwned\u{07}", "b"])
        #expect(TableRenderer.render(g).contains(#"\x1b]0;pwned\x07 b"#), "\(TableRenderer.render(g))")
        #expect(TreeRenderer.render(g).isEmpty == false)
    }

    @Test func recordWriterEscapesC1AndBidi() throws {
        let line = RecordWriter.encodeLine(.event(.exec(ExecEvent(pid: 1, formerPid: 1, t: 0, filename: "/x\u{1B}\u{9B}\u{202E}é"))))
        #expect(line.contains(#""filename":"/x\u001b\u009b\u202eé""#), "\(line)")
        #expect(try RecordReader.parseLine(Data(line.utf8)) == .event(.exec(ExecEvent(pid: 1, formerPid: 1, t: 0, filename: "/x\u{1B}\u{9B}\u{202E}é"))))
    }
}
