import NSCore
import NSRender

/// `graph --format html` and friends: a graph (and a record's lines) → the page.
public enum Explorer {
    /// The page of a graph: of a record when `lines` are given (`raw`: the record's bytes,
    /// for the keys the reader does not decode), of the live system otherwise. The picture
    /// is laid out by libgraphviz in-process; a graph too large to draw leaves it out and
    /// says why, and the other views work as ever.
    public static func page(graph: NamespaceGraph, lines: [RecordLine]?, raw: [UInt8]? = nil,
                            title: String) throws -> [UInt8] {
        try ExplorerPage.render(model(graph: graph, lines: lines, raw: raw, title: title))
    }

    /// One side of a compare page, or a page's whole model, with its picture.
    public static func model(graph: NamespaceGraph, lines: [RecordLine]?, raw: [UInt8]?, title: String) -> ExplorerModel {
        var m = ExplorerModel.build(graph: graph, lines: lines, raw: raw, title: title)
        do {
            let svg = try Graphviz.render(dot: DotRenderer.render(graph, title: nil, groupIdentical: false), format: "svg")
            m.svg = String(decoding: svg, as: UTF8.self)
        } catch {
            m.svgError = "\(error)"
        }
        return m
    }

    /// `compare --format html`: the report (`JSONReport`'s JSON), then both sides' explorers.
    public static func comparePage(outside: ExplorerModel, inside: ExplorerModel, report: [UInt8]) throws -> [UInt8] {
        try ExplorerPage.renderCompare(outside: outside, inside: inside, report: report)
    }
}
