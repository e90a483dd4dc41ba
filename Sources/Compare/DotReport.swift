import FoundationEssentials
import NSCore

/// `--format dot` (and svg, through libgraphviz): the process and namespace trees of the
/// two sides, side by side, each drawn by the graph renderer (DotRenderer) in a cluster
/// of its own. A namespace both sides were in is drawn once, between the clusters, so
/// what is shared and what is not shows at a glance; a note lists the verdicts of the
/// types that differ.
public enum DotReport {
    public static func render(_ r: CompareReport, outside: NamespaceGraph, inside: NamespaceGraph) -> String {
        let a = parse(DotRenderer.render(outside), prefix: "o_")
        let b = parse(DotRenderer.render(inside), prefix: "i_")
        let shared = Set(a.nodes.map(\.id)).intersection(b.nodes.map(\.id))
        let title = "nstrace compare: " + r.command.map(TextReport.Writer.shellWord).joined(separator: " ")

        var out = "digraph nstrace_compare {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\(DotText.quote(title))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"

        out += "\n  // namespaces of both sides\n"
        for n in a.nodes where shared.contains(n.id) {
            // The id is DotRenderer's literal as it was (already escaped): kept as it is.
            out += "  " + relabel(n.line, "\"" + n.id + "\\nboth sides\"") + "\n"
        }
        for (name, side, part) in [("outside", r.outside, a), ("inside", r.inside, b)] {
            out += "\n  subgraph cluster_\(name) {\n"
            out += "    label=\(DotText.label(["\(name): \(side.place)", side.outcome]));\n"
            out += "    style=rounded; color=\"gray50\";\n"
            for n in part.nodes where !shared.contains(n.id) { out += "    " + n.line + "\n" }
            out += "  }\n"
        }
        out += "\n  // edges of both sides\n"
        for e in a.edges + b.edges { out += "  " + e + "\n" }

        let differing = r.verdicts.filter(\.different)
        if !differing.isEmpty {
            // Left-aligned lines (\l), each escaped on its own.
            let label = DotText.label(differing.map { "\($0.type): \($0.text)" }, lineEnd: .left)
            out += "\n  // what differs\n"
            out += "  \"verdicts\" [shape=note, style=filled, fillcolor=\"#fff8dc\", label=\(label)];\n"
        }
        out += "}\n"
        return out
    }

    struct Node { var id: String; var line: String }
    struct Parsed { var nodes: [Node] = []; var edges: [String] = [] }

    /// The statements of one DotRenderer graph: node definitions and edges, with the
    /// process nodes ("p123") renamed with `prefix` so the two sides never collide.
    ///
    /// Read as bytes, string literals as DOT's lexer reads them (a `"` preceded by a
    /// backslash does not end one), so nothing inside a label (a `" -> "`, a `"p1"`) is
    /// taken for a statement or an id.
    static func parse(_ dot: String, prefix: String) -> Parsed {
        var p = Parsed()
        for raw in dot.utf8.split(separator: UInt8(ascii: "\n")) {
            let line = raw.drop { $0 == UInt8(ascii: " ") }
            // Graph/node/edge defaults, comments and braces do not start with a string.
            guard line.first == UInt8(ascii: "\"") else { continue }
            let renamed = renameProcesses(line, prefix: prefix)
            let bytes = renamed.utf8[...]
            guard let first = literal(bytes) else { continue }
            if bytes[first.upperBound...].starts(with: " -> \"".utf8) {
                p.edges.append(renamed)
            } else {
                let id = bytes[bytes.index(after: first.lowerBound)..<bytes.index(before: first.upperBound)]
                p.nodes.append(Node(id: String(decoding: id, as: UTF8.self), line: renamed))
            }
        }
        return p
    }

    /// The range of the string literal that starts `bytes` (quotes included), or nil
    /// when it does not end.
    static func literal(_ bytes: Substring.UTF8View.SubSequence) -> Range<String.Index>? {
        guard bytes.first == UInt8(ascii: "\"") else { return nil }
        var i = bytes.index(after: bytes.startIndex)
        while i < bytes.endIndex {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                i = bytes.index(after: i)
                if i < bytes.endIndex { i = bytes.index(after: i) }
            case UInt8(ascii: "\""):
                return bytes.startIndex..<bytes.index(after: i)
            default:
                i = bytes.index(after: i)
            }
        }
        return nil
    }

    /// Every string literal of `line` that is exactly `"p123"` becomes `"<prefix>p123"`;
    /// the rest, labels included, is copied as it is.
    static func renameProcesses(_ line: Substring.UTF8View.SubSequence, prefix: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(line.count + 16)
        var i = line.startIndex
        while i < line.endIndex {
            if line[i] == UInt8(ascii: "\""), let r = literal(line[i...]) {
                let inner = line[line.index(after: r.lowerBound)..<line.index(before: r.upperBound)]
                if inner.count > 1, inner.first == UInt8(ascii: "p"), inner.dropFirst().allSatisfy({ (0x30...0x39).contains($0) }) {
                    out.append(UInt8(ascii: "\""))
                    out += prefix.utf8
                    out += inner
                    out.append(UInt8(ascii: "\""))
                } else {
                    out += line[r]
                }
                i = r.upperBound
            } else {
                out.append(line[i])
                i = line.index(after: i)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A node line with its label replaced (DotRenderer puts the label last, and writes no
    /// `, label=` inside a literal: a label's `"` and `\` are escaped, so only the first
    /// `, label="` outside a literal counts).
    static func relabel(_ line: String, _ label: String) -> String {
        let bytes = line.utf8
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\""), let r = literal(bytes[i...]) {
                i = r.upperBound
            } else if bytes[i...].starts(with: ", label=".utf8) {
                return String(line[..<i]) + ", label=" + label + "];"
            } else {
                i = bytes.index(after: i)
            }
        }
        return line
    }
}
