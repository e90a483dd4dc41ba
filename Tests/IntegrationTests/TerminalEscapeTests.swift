import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// Issue 10, must show 3: a tracee whose argv, comm and hostname contain `\e]0;pwned\a`
/// (which would retitle a terminal) and other control bytes is shown escaped by every
/// view: the strace text, `nstrace graph` (tree, table, dot), `nstrace ns` (tree, table),
/// and nstrace's error messages. samples/bin/ctlname is the tracee. Root: it enters a UTS
/// namespace of its own (so `ns` lists it) and sets that namespace's hostname.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot),
       .requires("samples/bin/ctlname (make samples)", FileManager.default.isExecutableFile(atPath: Harness.sample("ctlname"))))
struct TerminalEscapeTests {
    static let title = "\u{1B}]0;pwned\u{07}"
    /// How nstrace's own views escape the title (TerminalText).
    static let titleEscaped = #"\x1b]0;pwned\x07"#
    /// How the strace text quotes it (octal, as strace).
    static let titleQuoted = #"\33]0;pwned\7"#

    /// No byte of `text` is one a terminal acts on (C0 but newline, DEL, C1, bidi marks).
    static func expectClean(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = text.unicodeScalars.first { $0 != "\n" && TerminalText.needsEscape($0) }
        #expect(bad == nil, "\(what) holds U+\(String(bad?.value ?? 0, radix: 16)):\n\(text.prefix(3000))", sourceLocation: sourceLocation)
    }

    /// A copy of ctlname whose file name is the title, so the exec'd program's name (and
    /// with it the graph's comm) carries the sequence too.
    static func hostileCopy(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(title + "x\u{9B}1m").path
        try FileManager.default.copyItem(atPath: Harness.sample("ctlname"), toPath: path)
        return path
    }

    @Test func traceTextAndGraphOfARecord() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let program = try Self.hostileCopy(in: dir)
        let rec = dir.appendingPathComponent("r.jsonl")
        let r = try Harness.nstrace(["trace", "-f", "--record", rec.path, "--", program, Self.title, "bell\u{07}csi\u{9B}2J"])
        #expect(r.status == 0, "\(r.stderr)")
        // The strace text: every tracee string quoted as strace does.
        Self.expectClean(r.stderr, "trace text")
        #expect(r.stderr.contains(#"prctl(PR_SET_NAME, "\33]0;pwned\7\302\233")"#), "\(r.stderr)")
        #expect(r.stderr.contains(#"sethostname("\33]0;pwned\7", 10)"#))
        #expect(r.stderr.contains(Self.titleQuoted + #"x\302\2331m", ["#), "\(r.stderr)")
        #expect(r.stderr.contains(#""bell\7csi\302\2332J""#))

        // graph: tree, table and dot of the record.
        for format in ["tree", "table", "dot"] {
            let g = try Harness.nstrace(["graph", rec.path, "--format", format])
            #expect(g.status == 0, "\(g.stderr)")
            Self.expectClean(g.stdout, "graph --format \(format)")
            Self.expectClean(g.stderr, "graph --format \(format) stderr")
            // The comm is there, escaped: the name ctlname gives itself with
            // prctl(PR_SET_NAME) after its exec (the graph labels a task by it since issue 21).
            // In DOT the escapes' backslashes are doubled (DotText), so the label shows them.
            let shown = format == "dot" ? DotText.escaped(Self.title + "\u{9B}") : Self.titleEscaped + #"\x9b"#
            if format != "table" { #expect(g.stdout.contains(shown), "\(format): \(g.stdout)") }
        }
        let table = try Harness.nstrace(["graph", rec.path, "--format", "table"])
        // The command line (the execve's argv, strace's quoting undone), escaped.
        #expect(table.stdout.contains(Self.titleEscaped + #" bell\x07csi\x9b2J"#), "\(table.stdout)")
    }

    @Test func nsShowsALiveProcessEscaped() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out")
        try #require(FileManager.default.createFile(atPath: outURL.path, contents: nil))
        let out = try FileHandle(forWritingTo: outURL)
        defer { try? out.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.sample("ctlname"))
        p.arguments = [Self.title, "tab\tcsi\u{9B}2J", "wait"]
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.runUnblocked()
        defer { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        let ready = Harness.waitUntil(timeout: 10) { (try? String(contentsOf: outURL, encoding: .utf8))?.hasPrefix("ready") == true }
        try #require(ready, "ctlname did not start")
        let pid = p.processIdentifier

        let tree = try Harness.nstrace(["ns", "--format", "tree"])
        #expect(tree.status == 0, "\(tree.stderr)")
        Self.expectClean(tree.stdout, "ns tree")
        // Its uts namespace: the hostname and the process's comm, escaped.
        let line = tree.stdout.split(separator: "\n").first { $0.contains("[\(pid) ") } ?? ""
        #expect(line.contains("hostname " + Self.titleEscaped), "\(tree.stdout)")
        #expect(line.contains("\(pid) \(Self.titleEscaped)\\x9b"), "comm as shown: \(line)")

        let table = try Harness.nstrace(["ns", "--format", "table"])
        #expect(table.status == 0)
        Self.expectClean(table.stdout, "ns table")
        let row = table.stdout.split(separator: "\n").first { $0.contains(" \(pid) ") } ?? ""
        #expect(row.contains(Self.titleEscaped + #" tab\x09csi\x9b2J wait"#), "argv as shown: \(row)")

        let dot = try Harness.nstrace(["ns", "--format", "dot", "--pid", String(pid)])
        #expect(dot.status == 0)
        Self.expectClean(dot.stdout, "ns dot")
        #expect(dot.stdout.contains(DotText.escaped(Self.title)), "\(dot.stdout)")
    }

    /// Error messages quote what they read: a record's unknown line type, a file name.
    @Test func errorMessagesAreEscaped() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("bad.jsonl")
        let header = #"{"type":"header","format":"nstrace-record","version":2,"command":[],"attached":[],"start":"","startEpoch":0,"kernel":"","machine":"","hostname":"","tool":""}"#
        try Data((header + "\n" + #"{"type":"\u001b]0;pwned\u0007"}"# + "\n").utf8).write(to: rec)
        let r = try Harness.nstrace(["graph", rec.path])
        #expect(r.status == 1)
        Self.expectClean(r.stderr, "graph error")
        #expect(r.stderr.contains("line 2: unknown line type '\(Self.titleEscaped)'"), "\(r.stderr)")

        let missing = try Harness.nstrace(["graph", dir.appendingPathComponent(Self.title).path])
        #expect(missing.status == 1)
        Self.expectClean(missing.stderr, "graph error for a missing file")
    }
}
