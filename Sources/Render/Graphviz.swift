import CGraphviz
import CLibLoad
import Glibc

/// Lays out DOT and renders it in-process with libgraphviz (gvc/cgraph), never by
/// running `dot`: `agmemread` → `gvLayout(..., "dot")` → `gvRenderData(..., format)`.
public enum Graphviz {
    public struct RenderError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Formats libgraphviz renders here.
    public static let formats = ["svg", "png", "pdf"]

    /// The most nodes and edges laid out (docs/security.md, "Bounds"). dot's layout grows
    /// faster than the graph: 4,000 took 3 s here, a record of 8,000 transitions a minute.
    public static let maxElements = 5_000

    /// The rendered bytes of `dot` in `format` ("svg", "png", "pdf").
    public static func render(dot: String, format: String) throws(RenderError) -> [UInt8] {
        // Loaded when first used (Sources/CLibLoad): a missing libgvc is this one line.
        var err = [CChar](repeating: 0, count: 512)
        if nsl_load(NSL_GRAPHVIZ, &err, err.count) != 0 {
            throw RenderError(description: String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        guard let gvc = gvContext() else { throw RenderError(description: "libgraphviz: no context") }
        defer { gvFreeContext(gvc) }
        guard let graph = agmemread(dot) else { throw RenderError(description: "libgraphviz could not read the DOT text") }
        defer { agclose(graph) }
        let elements = Int(agnnodes(graph)) + Int(agnedges(graph))
        guard elements <= maxElements else {
            throw RenderError(description: "\(elements) nodes and edges are more than nstrace lays out (at most \(maxElements)): "
                              + "narrow the graph (--pid, --types) or write dot or json instead")
        }
        guard gvLayout(gvc, graph, "dot") == 0 else { throw RenderError(description: "libgraphviz layout failed") }
        defer { gvFreeLayout(gvc, graph) }
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        guard gvRenderData(gvc, graph, format, &data, &length) == 0, let data else {
            throw RenderError(description: "libgraphviz cannot render '\(format)' (is its plugin installed?)")
        }
        defer { gvFreeRenderData(data) }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }
}
