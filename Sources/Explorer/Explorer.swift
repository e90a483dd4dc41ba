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
        var m = ExplorerModel.build(graph: graph, lines: lines, raw: raw, title: title)
        do {
            let svg = try Graphviz.render(dot: DotRenderer.render(graph, title: nil, groupIdentical: false), format: "svg")
            m.svg = String(decoding: svg, as: UTF8.self)
        } catch {
            m.svgError = "\(error)"
        }
        return try ExplorerPage.render(m)
    }
}
