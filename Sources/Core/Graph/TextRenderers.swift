import FoundationEssentials

/// Options every view of a namespace graph shares.
public struct GraphStyle: Sendable {
    /// ANSI colour (only on a TTY, never with NO_COLOR: the caller decides).
    public var color = false
    /// User names for uids (the table's USER column); the live reader fills it.
    public var userNames: [UInt32: String] = [:]
    public init() {}
}

enum ANSI {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"
    static func type(_ t: NamespaceKind) -> String {
        switch t.base {
        case .user: return "\u{1B}[31m"
        case .pid: return "\u{1B}[33m"
        case .mnt: return "\u{1B}[35m"
        case .net: return "\u{1B}[32m"
        case .uts: return "\u{1B}[36m"
        case .ipc: return "\u{1B}[34m"
        case .cgroup: return "\u{1B}[95m"
        default: return "\u{1B}[37m"
        }
    }
}

/// Short descriptions shared by the text views and the DOT labels.
public enum Describe {
    public static func facts(_ n: NamespaceNode) -> [String] {
        var out: [String] = []
        let f = n.facts
        if let h = f.hostname { out.append("hostname \(h)" + (f.domainname.map { $0 == "(none)" || $0.isEmpty ? "" : ", domain \($0)" } ?? "")) }
        for i in f.interfaces ?? [] {
            var s = i.name + (i.kind.isEmpty ? "" : " (\(i.kind))") + (i.up ? " UP" : " DOWN")
            if !i.addresses.isEmpty { s += " " + i.addresses.joined(separator: " ") }
            out.append(s)
        }
        if let r = f.root { out.append("root \(r)" + (f.mountCount.map { $0 == 1 ? ", 1 mount" : ", \($0) mounts" } ?? "")) }
        if let l = f.overlayLower { out.append("overlay lower \(l.joined(separator: ":"))" + (f.overlayUpper.map { " upper \($0)" } ?? "")) }
        if let m = f.uidMap { out.append("uid_map " + m) }
        if let m = f.gidMap { out.append("gid_map " + m) }
        if let c = f.cgroupRoot { out.append("cgroup root \(c)") }
        if let t = f.timeOffsets, !t.isEmpty { out.append("offsets " + t) }
        // Hostnames, interface names and mount paths are chosen by whoever made the namespace.
        return out.map(TerminalText.escape)
    }

    public static func holders(_ n: NamespaceNode) -> String {
        let other = n.holders.filter { if case .process = $0 { return false } else { return true } }
        return other.map { TerminalText.escape($0.text) }.joined(separator: ", ")
    }

    /// "1236 sh", "1236 sh (1 inside)", "×20 sleep".
    static func process(_ p: ProcessNode) -> String {
        "\(p.pid) \(TerminalText.escape(p.comm))" + (p.nspid.count > 1 ? " (\(p.innerPid) inside)" : "")
    }

    /// Processes listed compactly: identical names collapse to "×N name".
    static func processList(_ pids: [Int32], in g: NamespaceGraph, limit: Int = 6) -> String {
        let procs = pids.compactMap { g.process($0) }
        var groups: [(String, [ProcessNode])] = []
        for p in procs {
            if let i = groups.firstIndex(where: { $0.0 == p.comm }) { groups[i].1.append(p) } else { groups.append((p.comm, [p])) }
        }
        var parts = groups.prefix(limit).map { g in g.1.count == 1 ? process(g.1[0]) : "×\(g.1.count) \(TerminalText.escape(g.0))" }
        if groups.count > limit { parts.append("…") }
        return parts.joined(separator: ", ")
    }
}

/// `--format tree`: the live system as the hierarchy of user namespaces (ownership),
/// pid namespaces under their parents; a record as its task tree with the namespaces
/// each task entered.
public enum TreeRenderer {
    public static func render(_ g: NamespaceGraph, style: GraphStyle = GraphStyle()) -> String {
        var out = ""
        let byID = Dictionary(g.namespaces.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func label(_ n: NamespaceNode) -> String {
            let id = style.color ? ANSI.type(n.id.type) + ANSI.bold + n.id.description + ANSI.reset : n.id.description
            var s = id
            if n.isInitial { s += " (initial)" }
            let count = n.processes.count
            s += count == 1 ? ", 1 process" : ", \(count) processes"
            let held = Describe.holders(n)
            if !held.isEmpty { s += ", held by " + held }
            if n.id.type == .pid, let par = n.parent, !pidChildPlaced(n), byID[NamespaceID(type: .pid, inode: par)] != nil {
                s += ", parent pid:[\(par)]"
            }
            let facts = Describe.facts(n)
            if !facts.isEmpty { s += ": " + facts.joined(separator: "; ") }
            if !n.isInitial && !n.processes.isEmpty {
                let procs = Describe.processList(n.processes, in: g)
                s += style.color ? " " + ANSI.dim + "[" + procs + "]" + ANSI.reset : " [" + procs + "]"
            }
            return s
        }
        if g.source == "record" {
            renderTasks(g, style: style, into: &out)
            return out
        }
        // Children of a node: for a user namespace, what it owns and the user namespaces
        // whose parent it is; for a pid namespace, its child pid namespaces.
        func children(_ n: NamespaceNode) -> [NamespaceNode] {
            var kids: [NamespaceNode] = []
            if n.id.type == .user {
                kids += g.namespaces.filter { $0.id.type != .user && $0.owner == n.id.inode && !pidChildPlaced($0) }
                kids += g.namespaces.filter { $0.id.type == .user && $0.parent == n.id.inode }
            } else if n.id.type == .pid {
                kids += g.namespaces.filter { $0.id.type == .pid && $0.parent == n.id.inode && pidChildPlaced($0) }
            }
            return kids.sorted { $0.id < $1.id }
        }
        /// A pid namespace is drawn under its parent pid namespace when both have the same
        /// owner (or its owner is not shown); otherwise under its owner, the parent named.
        func pidChildPlaced(_ n: NamespaceNode) -> Bool {
            guard n.id.type == .pid, let par = n.parent, let parent = byID[NamespaceID(type: .pid, inode: par)] else { return false }
            return parent.owner == n.owner || n.owner.map { byID[NamespaceID(type: .user, inode: $0)] == nil } ?? true
        }
        var shown = Set<NamespaceID>()
        func walk(_ root: NamespaceNode) {
            TreeDrawing.draw(root, into: &out) { n in
                shown.insert(n.id)
                return (label(n), children(n).filter { !shown.contains($0.id) })
            }
        }
        let roots = g.namespaces.filter { n in
            if n.id.type == .user { return n.parent.map { byID[NamespaceID(type: .user, inode: $0)] == nil } ?? true }
            if pidChildPlaced(n) { return false }
            return n.owner.map { byID[NamespaceID(type: .user, inode: $0)] == nil } ?? true
        }.sorted { $0.id < $1.id }
        for r in roots where !shown.contains(r.id) { walk(r) }
        for n in g.namespaces.sorted(by: { $0.id < $1.id }) where !shown.contains(n.id) { walk(n) }
        if !g.veths.isEmpty {
            out += "veth pairs:\n"
            for v in g.veths {
                let a = TerminalText.escape(([v.aInterface] + v.aAddresses).joined(separator: " "))
                let b = TerminalText.escape(([v.bInterface] + v.bAddresses).joined(separator: " "))
                out += "  \(v.a) \(a) ↔ \(v.b) \(b)\n"
            }
        }
        return out
    }

    /// A record: each task under its parent, with the namespaces it entered or was created in.
    static func renderTasks(_ g: NamespaceGraph, style: GraphStyle, into out: inout String) {
        var kids: [Int32: [ProcessNode]] = [:]
        let pids = Set(g.processes.map(\.pid))
        var roots: [ProcessNode] = []
        for p in g.processes {
            if let pp = p.ppid, pids.contains(pp) { kids[pp, default: []].append(p) } else { roots.append(p) }
        }
        var movesOf: [Int32: [Transition]] = [:]
        for t in g.transitions { movesOf[t.pid, default: []].append(t) }
        var shown = Set<Int32>()
        func text(_ p: ProcessNode) -> String {
            var s = Describe.process(p)
            if let via = p.via, via != "spawned" && via != "attached" { s += " (\(TerminalText.escape(via)))" }
            let moves = movesOf[p.pid] ?? []
            if !moves.isEmpty {
                // On a terminal each namespace in its type's colour, as in the ns tree.
                func id(_ n: NamespaceID) -> String {
                    style.color ? ANSI.type(n.type) + n.description + ANSI.reset : n.description
                }
                s += ": " + moves.map { m in
                    let what = m.from.map { "\(id($0)) → \(id(m.to))" } ?? id(m.to)
                    let kind = m.kind == m.to.type ? "" : " (\(m.kind.rawValue))"
                    // Only the cause comes from the record; the ids are ours (and may be coloured).
                    return "\(what)\(kind) by \(TerminalText.escape(m.cause))" + " @\(StraceTextPrinter.fixed(m.t, 3))s"
                }.joined(separator: ", ")
            }
            return s
        }
        func walk(_ root: ProcessNode) {
            TreeDrawing.draw(root, into: &out) { p in
                shown.insert(p.pid)
                return (text(p), (kids[p.pid] ?? []).filter { !shown.contains($0.pid) })
            }
        }
        for r in roots { walk(r) }
        // Tasks whose parents form a cycle (only a damaged or made-up record has one): shown
        // too, each cycle from its first task.
        for p in g.processes where !shown.contains(p.pid) { walk(p) }
        let initial = g.namespaces.filter(\.isInitial).map(\.id.description)
        if !initial.isEmpty { out += "initial namespaces: " + initial.joined(separator: " ") + "\n" }
    }
}

/// Draws a tree depth first with `├── `/`└── ` branches, without recursion: a record's
/// task tree can be as deep as it has tasks (a fork-and-exit loop gives a chain of 20,000),
/// and a recursive walk overflowed the stack there.
///
/// Indentation stops growing at `maxIndent` levels (docs/security.md, "Records"): deeper
/// nodes are drawn at that indentation with their depth written before them
/// (`[depth 101] ...`), so a chain of N tasks costs O(N) text, not O(N²).
enum TreeDrawing {
    static let maxIndent = 100

    /// `visit(node)` gives the node's line and the children to draw beneath it (in order);
    /// it is called once per drawn node, in the order the lines are written.
    static func draw<Node>(_ root: Node, into out: inout String, visit: (Node) -> (text: String, kids: [Node])) {
        var stack: [(node: Node, prefix: String, last: Bool, depth: Int)] = [(root, "", true, 0)]
        while let f = stack.popLast() {
            let (text, kids) = visit(f.node)
            let top = f.depth == 0
            if !top { out += f.prefix + (f.last ? "└── " : "├── ") }
            if f.depth > maxIndent { out += "[depth \(f.depth)] " }
            out += text + "\n"
            let next = top ? "" : f.depth >= maxIndent ? f.prefix : f.prefix + (f.last ? "    " : "│   ")
            for (i, k) in kids.enumerated().reversed() {
                stack.append((k, next, i == kids.count - 1, f.depth + 1))
            }
        }
    }
}

/// `--format table`: lsns's columns plus HELD-BY.
public enum TableRenderer {
    public static func render(_ g: NamespaceGraph, style: GraphStyle = GraphStyle()) -> String {
        var rows: [[String]] = [["NS", "TYPE", "NPROCS", "PID", "USER", "COMMAND", "HELD-BY"]]
        for n in g.namespaces.sorted(by: { $0.id < $1.id }) {
            let first = n.processes.min().flatMap { g.process($0) }
            let user = first?.uid.map { style.userNames[$0] ?? String($0) } ?? ""
            let command = first.map { $0.argv.isEmpty ? $0.comm : $0.argv.joined(separator: " ") } ?? ""
            // The command line and user name are the process's own choice: escaped.
            rows.append([String(n.id.inode), n.id.type.rawValue, String(n.processes.count),
                         first.map { String($0.pid) } ?? "", TerminalText.escape(user), TerminalText.escape(command),
                         Describe.holders(n)])
        }
        let widths = (0..<7).map { c in rows.map { $0[c].count }.max() ?? 0 }
        let rightAligned: Set<Int> = [0, 2, 3]
        return rows.map { row in
            row.enumerated().map { (i, cell) in
                if i == row.count - 1 || (i == 5 && row[6].isEmpty) { return cell }
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: " ").trimmingTrailingSpaces
        }.joined(separator: "\n") + "\n"
    }
}

/// `--format json`: the model as it is (stable key order).
public enum JSONRenderer {
    /// Pretty-printed with sorted keys, C0 and C1 controls and bidi marks as `\u` escapes
    /// (GraphJSON: the layout JSONEncoder gives the model's Codable form, written directly).
    public static func render(_ g: NamespaceGraph) -> String {
        GraphJSON.render(g)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
