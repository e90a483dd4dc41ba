/// `--format dot`: the graph in Graphviz's language (svg/png/pdf are this, laid out by
/// libgraphviz in-process).
///
/// Design: namespaces are boxes coloured by type, with what they show; processes are
/// ellipses, and identical siblings (same parent, name and namespaces) collapse into one
/// "×20 sleep" node. A process is linked to the namespaces it is in only where those are
/// not the initial (host) ones, so a machine of 500 processes stays readable. Edges:
/// ownership by a user namespace (dashed), pid/user parents (bold), veth pairs between
/// network namespaces (green, labelled with both ends), the process tree (grey), and, for
/// records, transitions labelled with the syscall and time (red).
public enum DotRenderer {
    static let colors: [NamespaceKind: String] = [
        .user: "#f4cccc", .pid: "#fce5cd", .mnt: "#fff2cc", .net: "#d9ead3",
        .uts: "#d0e0e3", .ipc: "#cfe2f3", .cgroup: "#d9d2e9", .time: "#ead1dc",
    ]

    /// `groupIdentical`: identical siblings as one "×N" node (the explorer draws every task,
    /// each clickable).
    public static func render(_ g: NamespaceGraph, title: String? = nil, groupIdentical: Bool = true) -> String {
        var out = "digraph nstrace {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t"
        out += title.map { ", label=\(quote($0))" } ?? ""
        out += "];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        let s = statements(g, groupIdentical: groupIdentical)
        out += "\n  // namespaces\n"
        for n in s.namespaces { out += "  " + n.line + "\n" }
        out += "\n  // processes\n"
        for n in s.processes { out += "  " + n.line + "\n" }
        for section in s.edges where !section.edges.isEmpty || section.alwaysShown {
            out += "\n  // " + section.comment + "\n"
            for e in section.edges { out += "  " + e.line + "\n" }
        }
        out += "}\n"
        return out
    }

    /// A graph's statements, not yet written as one graph: `render` writes them as they
    /// are; `nstrace compare` puts two of them side by side (its process ids prefixed so
    /// the sides never collide).
    public struct Statements: Sendable {
        public struct Node: Sendable {
            /// The node's id, unquoted: `uts:[4026531838]`, `p123`.
            public var id: String
            /// Attributes before the label: `shape=box, style="rounded,filled", ...`.
            public var attributes: String
            /// The label, a DOT string literal.
            public var label: String
            public var line: String { "\(DotText.quote(id)) [\(attributes), label=\(label)];" }
        }
        public struct Edge: Sendable {
            public var from: String
            public var to: String
            public var attributes: String
            public var line: String { "\(DotText.quote(from)) -> \(DotText.quote(to)) [\(attributes)];" }
        }
        public struct Section: Sendable {
            public var comment: String
            /// Written with its comment even when it has no edges.
            public var alwaysShown: Bool
            public var edges: [Edge]
        }
        public var namespaces: [Node] = []
        public var processes: [Node] = []
        public var edges: [Section] = []
    }

    public static func statements(_ g: NamespaceGraph, processPrefix: String = "", groupIdentical: Bool = true) -> Statements {
        var s = Statements()
        // Which processes to draw: a record's tasks all; on the live system those in at
        // least one namespace that is not the initial one (and their parents, for context).
        let initial = Set(g.namespaces.filter(\.isInitial).map(\.id))
        let shownTypes = Set(g.namespaces.map(\.id.type))
        let shownIDs = Set(g.namespaces.map(\.id))
        func interesting(_ p: ProcessNode) -> Bool {
            shownTypes.contains { t in p.namespace(t).map { !initial.contains($0) && shownIDs.contains($0) } ?? false }
        }
        var drawn = Set<Int32>()
        if g.source == "record" {
            drawn = Set(g.processes.map(\.pid))
        } else {
            for p in g.processes where interesting(p) {
                drawn.insert(p.pid)
                if let pp = p.ppid { drawn.insert(pp) }
            }
        }

        // Namespaces.
        for n in g.namespaces.sorted(by: { $0.id < $1.id }) {
            var lines = [n.id.description + (n.isInitial ? " (initial)" : "")]
            let count = n.processes.count
            lines.append(count == 1 ? "1 process" : "\(count) processes")
            let held = Describe.holders(n)
            if !held.isEmpty { lines.append("held by " + held) }
            lines += Describe.facts(n)
            let fill = colors[n.id.type] ?? "#eeeeee"
            s.namespaces.append(.init(id: n.id.description,
                                      attributes: "shape=box, style=\"rounded,filled\", fillcolor=\"\(fill)\""
                                          + (n.isInitial ? ", penwidth=2" : ""),
                                      label: DotText.label(lines)))
        }

        // Processes, identical siblings grouped.
        struct Key: Hashable { var ppid: Int32?; var comm: String; var ns: [String: UInt64] }
        var groups: [(key: Key, members: [ProcessNode])] = []
        var index: [Key: Int] = [:]
        let withTransitions = Set(g.transitions.map(\.pid))
        for p in g.processes where drawn.contains(p.pid) {
            // Tasks with their own transitions stay separate.
            let key = Key(ppid: p.ppid, comm: withTransitions.contains(p.pid) || !groupIdentical ? "\(p.comm)#\(p.pid)" : p.comm, ns: p.ns)
            if let i = index[key] { groups[i].members.append(p) } else {
                index[key] = groups.count
                groups.append((key, [p]))
            }
        }
        var nodeOf: [Int32: String] = [:]
        for (_, members) in groups {
            let first = members[0]
            let id = processPrefix + "p\(first.pid)"
            for m in members { nodeOf[m.pid] = id }
            var label: [String]
            if members.count > 1 {
                label = ["×\(members.count) \(first.comm)", members.prefix(4).map { String($0.pid) }.joined(separator: " ")
                    + (members.count > 4 ? " …" : "")]
            } else {
                label = ["\(first.pid) \(first.comm)"]
                if first.nspid.count > 1 {
                    label.append("(\(first.innerPid) in " + (first.namespace(.pid)?.description ?? "a pid namespace") + ")")
                }
            }
            s.processes.append(.init(id: id, attributes: "shape=ellipse", label: DotText.label(label)))
        }

        // Membership in non-initial namespaces.
        var membership = Statements.Section(comment: "membership (initial namespaces are implied)", alwaysShown: true, edges: [])
        var seenEdges = Set<String>()
        let known = Set(g.namespaces.map(\.id))
        // A transition edge already says the task is there.
        let moved = Set(g.transitions.map { "\($0.pid) \($0.to)" })
        for (_, members) in groups {
            let p = members[0]
            for t in NamespaceID.types {
                guard let id = p.namespace(t), !initial.contains(id), known.contains(id),
                      !moved.contains("\(p.pid) \(id)") else { continue }
                let e = Statements.Edge(from: nodeOf[p.pid]!, to: id.description,
                                        attributes: "style=dotted, arrowhead=none, color=\"gray40\"")
                if seenEdges.insert(e.line).inserted { membership.edges.append(e) }
            }
        }

        // The process tree.
        var tree = Statements.Section(comment: "process tree", alwaysShown: true, edges: [])
        for (_, members) in groups {
            let p = members[0]
            guard let pp = p.ppid, let parent = nodeOf[pp], parent != nodeOf[p.pid] else { continue }
            let e = Statements.Edge(from: parent, to: nodeOf[p.pid]!, attributes: "color=\"gray60\"")
            if seenEdges.insert(e.line).inserted { tree.edges.append(e) }
        }

        // Ownership and parents.
        var owners = Statements.Section(comment: "ownership (dashed) and parents (bold)", alwaysShown: true, edges: [])
        for n in g.namespaces.sorted(by: { $0.id < $1.id }) {
            if let o = n.owner, n.id.type != .user || o != n.parent, known.contains(NamespaceID(type: .user, inode: o)) {
                owners.edges.append(.init(from: n.id.description, to: "user:[\(o)]",
                                          attributes: "style=dashed, color=\"#a61c00\", label=\"owner\""))
            }
            if let par = n.parent, known.contains(NamespaceID(type: n.id.type, inode: par)) {
                owners.edges.append(.init(from: n.id.description, to: "\(n.id.type):[\(par)]", attributes: "style=bold, label=\"parent\""))
            }
        }

        // veth pairs.
        var veths = Statements.Section(comment: "veth pairs", alwaysShown: false, edges: [])
        for v in g.veths {
            let label = [([v.aInterface] + v.aAddresses).joined(separator: " "), "⟷",
                         ([v.bInterface] + v.bAddresses).joined(separator: " ")]
            veths.edges.append(.init(from: v.a.description, to: v.b.description,
                                     attributes: "dir=none, color=\"#38761d\", penwidth=2, label=\(DotText.label(label))"))
        }

        // Transitions over time (records).
        var moves = Statements.Section(comment: "transitions", alwaysShown: false, edges: [])
        for t in g.transitions {
            guard let node = nodeOf[t.pid] else { continue }
            let kind = t.kind == t.to.type ? "" : " (\(t.kind.rawValue))"
            let label = "\(t.cause)\(kind) @\(StraceTextPrinter.fixed(t.t, 3))s"
            moves.edges.append(.init(from: node, to: t.to.description,
                                     attributes: "color=\"#cc0000\", fontcolor=\"#cc0000\", label=\(quote(label))"))
        }
        s.edges = [membership, tree, owners, veths, moves]
        return s
    }

    /// A DOT string literal of one line (DotText: by Unicode scalar, complete).
    static func quote(_ s: String) -> String { DotText.quote(s) }
}
