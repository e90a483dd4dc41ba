import FoundationEssentials
import NSCore

/// `--format dot` (and svg, through libgraphviz): the process and namespace trees of the
/// two sides, side by side, each drawn by the graph renderer (DotRenderer) in a cluster
/// of its own. A namespace both sides were in is drawn once, between the clusters, so
/// what is shared and what is not shows at a glance; a note lists the verdicts of the
/// types that differ.
public enum DotReport {
    public static func render(_ r: CompareReport, outside: NamespaceGraph, inside: NamespaceGraph) -> String {
        let a = DotRenderer.statements(outside, processPrefix: "o_")
        let b = DotRenderer.statements(inside, processPrefix: "i_")
        let shared = Set(a.namespaces.map(\.id)).intersection(b.namespaces.map(\.id))
        let title = "nstrace compare: " + r.command.map(TextReport.Writer.shellWord).joined(separator: " ")

        var out = "digraph nstrace_compare {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\(DotText.quote(title))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"

        out += "\n  // namespaces of both sides\n"
        for var n in a.namespaces where shared.contains(n.id) {
            n.label = DotText.label([n.id, "both sides"])
            out += "  " + n.line + "\n"
        }
        for (name, side, part) in [("outside", r.outside, a), ("inside", r.inside, b)] {
            out += "\n  subgraph cluster_\(name) {\n"
            out += "    label=\(DotText.label(["\(name): \(side.place)", side.outcome]));\n"
            out += "    style=rounded; color=\"gray50\";\n"
            for n in part.namespaces + part.processes where !shared.contains(n.id) {
                out += "    " + n.line + "\n"
            }
            out += "  }\n"
        }
        out += "\n  // edges of both sides\n"
        for e in (a.edges + b.edges).flatMap(\.edges) { out += "  " + e.line + "\n" }

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
}
