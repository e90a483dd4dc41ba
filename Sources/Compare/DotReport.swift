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
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\(quote(title))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"

        out += "\n  // namespaces of both sides\n"
        for n in a.nodes where shared.contains(n.id) {
            out += "  " + relabel(n.line, quote(n.id + "\nboth sides")) + "\n"
        }
        for (name, side, part) in [("outside", r.outside, a), ("inside", r.inside, b)] {
            out += "\n  subgraph cluster_\(name) {\n"
            out += "    label=\(quote("\(name): \(side.place)\n\(side.outcome)"));\n"
            out += "    style=rounded; color=\"gray50\";\n"
            for n in part.nodes where !shared.contains(n.id) { out += "    " + n.line + "\n" }
            out += "  }\n"
        }
        out += "\n  // edges of both sides\n"
        for e in a.edges + b.edges { out += "  " + e + "\n" }

        let differing = r.verdicts.filter(\.different)
        if !differing.isEmpty {
            // Left-aligned lines (\l), each escaped as a DOT string.
            let escaped = differing.map { escape("\($0.type): \($0.text)") + "\\l" }.joined()
            out += "\n  // what differs\n"
            out += "  \"verdicts\" [shape=note, style=filled, fillcolor=\"#fff8dc\", label=\"\(escaped)\"];\n"
        }
        out += "}\n"
        return out
    }

    struct Node { var id: String; var line: String }
    struct Parsed { var nodes: [Node] = []; var edges: [String] = [] }

    /// The statements of one DotRenderer graph: node definitions and edges, with the
    /// process nodes ("p123") renamed with `prefix` so the two sides never collide.
    static func parse(_ dot: String, prefix: String) -> Parsed {
        var p = Parsed()
        let lines = dot.split(separator: "\n").map { $0.trimmingLeadingSpaces() }
        for raw in lines {
            guard raw.hasPrefix("\"") else { continue }  // graph/node/edge defaults, comments, braces
            let line = renameProcesses(raw, prefix: prefix)
            if line.contains("\" -> \"") {
                p.edges.append(line)
            } else if let end = line.dropFirst().firstIndex(of: "\"") {
                p.nodes.append(Node(id: String(line[line.index(after: line.startIndex)..<end]), line: line))
            }
        }
        return p
    }

    /// `"p123"` → `"o_p123"`.
    static func renameProcesses(_ line: String, prefix: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let r = rest.firstRange(of: "\"p") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            let digits = after.prefix { $0.isNumber }
            if !digits.isEmpty, after.dropFirst(digits.count).hasPrefix("\"") {
                out += "\"" + prefix + "p" + digits + "\""
                rest = after.dropFirst(digits.count + 1)
            } else {
                out += "\"p"
                rest = after
            }
        }
        return out + rest
    }

    /// A DOT string literal.
    static func quote(_ s: String) -> String { "\"" + escape(s) + "\"" }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// A node line with its label replaced (DotRenderer puts the label last).
    static func relabel(_ line: String, _ label: String) -> String {
        guard let r = line.firstRange(of: ", label=") else { return line }
        return line[..<r.lowerBound] + ", label=" + label + "];"
    }
}

extension Substring {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}

