import FuzzSupport
import NSCore
import TestOracles

// libFuzzer target: DOT escaping (DotText, and DotRenderer with it).
// Input: text split at NUL into up to 5 strings: label lines, then a process's comm and a
// hostname. Properties: a label is one DOT string literal (DotSyntax, a model of Graphviz's
// lexer and label escapes) that shows exactly TerminalText.escape of each line; in a
// rendered graph, the process is one node statement whose label is its pid and its escaped
// comm, and its namespace shows the escaped hostname; nothing holds a control character.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDot(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let parts = UnsafeBufferPointer(start: bytes, count: count).split(separator: 0, maxSplits: 4, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    for end in [DotText.LineEnd.center, .left] {
        let literal = DotText.label(parts, lineEnd: end)
        require(terminalSafe(literal), "a DOT literal holds a control character")
        let want = parts.map(TerminalText.escape) + (end == .left ? [""] : [])
        require(DotSyntax.shown(literal) == want, "\(parts) → \(literal) shows \(DotSyntax.shown(literal) as Any)")
    }
    let comm = parts.count > 1 ? parts[parts.count - 2] : parts[0], host = parts[parts.count - 1]
    let procs = [ProcessNode(pid: 10, ppid: nil, comm: comm, argv: [comm], nspid: [10], uid: 0, ns: ["uts": 2])]
    var uts = NamespaceNode(id: NamespaceID(type: "uts", inode: 2), processes: [10], holders: [.process(10)], isInitial: false)
    uts.facts.hostname = host
    let g = NamespaceGraph(source: "live", processes: procs, namespaces: [uts], veths: [], transitions: [])
    let dot = DotRenderer.render(g, title: comm)
    require(terminalSafe(dot), "the DOT holds a control character")
    let lines = dot.utf8.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    let nodes = lines.filter { $0.utf8.starts(with: "  \"p10\" [".utf8) }
    require(nodes.count == 1, "\(nodes.count) statements for the process")
    let shown = DotSyntax.labelLiteral(ofStatement: nodes[0]).flatMap(DotSyntax.shown)
    require(shown == ["10 " + TerminalText.escape(comm)], "node \(nodes[0]) shows \(shown as Any)")
    let ns = lines.first { $0.utf8.starts(with: "  \"uts:[2]\" [".utf8) }
    let nsShown = ns.flatMap(DotSyntax.labelLiteral(ofStatement:)).flatMap(DotSyntax.shown) ?? []
    require(nsShown.contains("hostname " + TerminalText.escape(host)), "namespace \(ns ?? "missing") shows \(nsShown)")
    return 0
}
