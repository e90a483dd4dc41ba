import Foundation
import FoundationXML
import NSCore
import Testing
import TestSupport

/// `graph --format svg` end to end, through libgraphviz (issue 17): names from a record
/// that once closed their DOT label (a `"` behind a combining mark) and added an SVG link
/// are one node's text in the SVG, and the SVG holds no link.
@Suite struct SVGInjectionTests {
    static let link = "\"\u{301}, URL=\"javascript:alert(1)\", target=\"_top\", tooltip=\""
    static let more = "\\N\\G&#92;l&lt;a&gt;<b>\u{1B}]0;pwned\u{07}"

    /// The elements and the text of each `<text>` element of an SVG document.
    final class SVGReader: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var texts: [String] = []
        var attributes: [String] = []
        private var current: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(name)
            self.attributes += attributes.keys
            if name == "text" { current = "" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let c = current { texts.append(c); current = nil }
        }
    }

    @Test func svgOfARecordHoldsHostileNamesAsText() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = RecordHeader(command: ["/tmp/" + Self.link], attached: [], start: "", startEpoch: 0, kernel: "", machine: "",
                                  hostname: "", tool: "")
        let lines: [RecordLine] = [
            .header(header),
            .event(.task(TaskEvent(pid: 10, tgid: 10, ppid: nil, via: .spawned, t: 0,
                                   ns: NamespaceSet([.uts: 1, .pid: 2, .pidForChildren: 2]), nspid: [10]))),
            .event(.exec(ExecEvent(pid: 10, formerPid: 10, t: 0.1, filename: "/tmp/" + Self.link))),
            .event(.task(TaskEvent(pid: 11, tgid: 11, ppid: 10, via: .clone, t: 0.2,
                                   ns: NamespaceSet([.uts: 1, .pid: 2, .pidForChildren: 2]), nspid: [11]))),
            .event(.exec(ExecEvent(pid: 11, formerPid: 11, t: 0.3, filename: "/tmp/" + Self.more))),
        ]
        let rec = dir.appendingPathComponent("r.jsonl")
        try Data(lines.map { RecordWriter.encodeLine($0) + "\n" }.joined().utf8).write(to: rec)
        let r = try Harness.nstrace(["graph", rec.path, "--format", "svg"])
        #expect(r.status == 0, "\(r.stderr)")
        let reader = SVGReader()
        let parser = XMLParser(data: Data(r.stdout.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "the SVG does not parse: \(parser.parserError as Any)\n\(r.stdout)")
        #expect(!reader.elements.contains("a"), "a link in the SVG:\n\(r.stdout)")
        #expect(!reader.attributes.contains { $0.hasSuffix("href") }, "\(reader.attributes)")
        // Each process is one node whose text is its pid and its name, as TerminalText shows it.
        #expect(reader.texts.filter { $0 == "10 " + TerminalText.escape(Self.link) }.count == 1, "\(reader.texts)")
        #expect(reader.texts.filter { $0 == "11 " + TerminalText.escape(Self.more) }.count == 1, "\(reader.texts)")
    }
}
