/// The overlay rules applied to layer entries in memory: what each layer adds (A), modifies (M)
/// and deletes (D), what is left at the end, and the bytes wasted on files that later layers
/// overwrite or delete. Pure: no filesystem, so everything here is tested without root.
///
/// Rules (the OCI image spec's, which docker, podman and umoci follow):
/// - A layer's whiteouts apply to the lower layers only: first `.wh.NAME` deletes NAME and
///   everything beneath it, `.wh..wh..opq` hides every lower child of its directory; then the
///   layer's other entries are applied in order, so neither marker touches an entry of its
///   own layer.
/// - An entry replaces what is at its path; a non-directory replacing a directory takes the
///   directory's whole subtree with it. A directory entry over a directory merges with it.
/// - A: the path did not exist below. M: it did and this layer changed it; a directory only
///   counts as modified when its type, mode, owner or xattrs change, or when it was deleted and
///   made again (a directory restated because a child changed is not a change of its own).
///   D: the path existed below and this layer leaves it absent.
public struct LayerDiff {
    public enum Op: String, Sendable, Codable { case added = "A", modified = "M", deleted = "D" }

    public struct Change: Sendable, Equatable {
        public var op: Op
        public var path: RootPath
        /// The new entry (A, M) or the one deleted (D).
        public var entry: LayerEntry
    }

    /// A file whose bytes are in some layer but not in the final image.
    public struct Waste: Sendable, Equatable {
        public var path: RootPath
        /// The layer (0-based) that holds the bytes.
        public var layer: Int
        public var size: Int64
        /// The layer that overwrote or deleted it.
        public var by: Int
    }

    public struct Layer {
        public var changes: [Change] = []
        /// Entries of the tar, whiteout markers included.
        public var entryCount = 0
        /// Non-directory entries that are not markers (files, links, devices).
        public var fileCount = 0
        public var whiteoutCount = 0
        /// Sum of file sizes in this layer.
        public var contentBytes: Int64 = 0
        public var count: (added: Int, modified: Int, deleted: Int) {
            (changes.filter { $0.op == .added }.count, changes.filter { $0.op == .modified }.count,
             changes.filter { $0.op == .deleted }.count)
        }
    }

    public private(set) var layers: [Layer] = []
    public private(set) var waste: [Waste] = []
    public private(set) var tree = FileTree()

    public init() {}

    /// Applies layers in order.
    public init(layers: [[LayerEntry]]) {
        for l in layers { apply(l) }
    }

    public var wastedBytes: Int64 { waste.reduce(0) { $0 + $1.size } }
    public var totalContentBytes: Int64 { layers.reduce(0) { $0 + $1.contentBytes } }

    /// Applies the next layer.
    public mutating func apply(_ entries: [LayerEntry]) {
        let index = layers.count
        var layer = Layer()
        layer.entryCount = entries.count
        // Paths deleted from lower layers (first deletion wins: it holds the lower entry).
        var removed: [RootPath: LayerEntry] = [:]
        var removedOrder: [RootPath] = []
        func noteRemoved(_ list: [(RootPath, FileTree.Node)]) {
            for (p, node) in list {
                if removed[p] == nil && node.layer < index {
                    removed[p] = node.entry
                    removedOrder.append(p)
                }
                if node.entry.kind == .file && node.entry.size > 0 {
                    waste.append(Waste(path: p, layer: node.layer, size: node.entry.size, by: index))
                }
            }
        }

        // 1. Markers act on the lower layers.
        for e in entries {
            switch e.kind {
            case .whiteout:
                layer.whiteoutCount += 1
                noteRemoved(tree.remove(e.path))
            case .opaque:
                layer.whiteoutCount += 1
                noteRemoved(tree.removeChildren(of: e.path))
            default:
                break
            }
        }

        // 2. Entries in order.
        var added: Set<RootPath> = []
        var touched: [RootPath: LayerEntry] = [:]
        var touchedOrder: [RootPath] = []
        var dirChanged: Set<RootPath> = []
        for e in entries where e.kind != .whiteout && e.kind != .opaque {
            if e.kind != .directory { layer.fileCount += 1 }
            if e.kind == .file { layer.contentBytes += e.size }
            if e.path.isRoot { continue }
            // Missing parents are made as plain directories (as tar and umoci do). One walk
            // down from the root: a lookup from the root per level made a deep tree cost the
            // cube of its depth (1,500 levels: a minute).
            var parent = tree.root
            for depth in 1..<e.path.components.count {
                let name = e.path.components[depth - 1]
                if let node = parent.children[name], node.entry.kind == .directory {
                    parent = node
                    continue
                }
                let p = RootPath(Array(e.path.components.prefix(depth)))
                let replaced = tree.set(p, LayerEntry(kind: .directory, path: p, mode: 0o755), layer: index, keepChildren: false)
                if let made = parent.children[name] { parent = made }
                noteRemoved(replaced)
                if removed[p] == nil && !added.contains(p) { added.insert(p) }
                if touched[p] == nil { touchedOrder.append(p) }
                touched[p] = LayerEntry(kind: .directory, path: p, mode: 0o755)
            }
            let old = tree.lookup(e.path)
            if let old, old.entry.kind == .directory, e.kind == .directory {
                if old.entry.mode != e.mode || old.entry.uid != e.uid || old.entry.gid != e.gid || old.entry.xattrs != e.xattrs {
                    dirChanged.insert(e.path)
                }
                _ = tree.set(e.path, e, layer: index, keepChildren: true)
            } else {
                if let old, old.layer == index, old.entry.kind == .file, old.entry.size > 0 {
                    // The same path twice in one layer: the first copy is wasted.
                    waste.append(Waste(path: e.path, layer: index, size: old.entry.size, by: index))
                }
                let replaced = tree.set(e.path, e, layer: index, keepChildren: false)
                noteRemoved(replaced.filter { $0.1.layer < index || $0.0 != e.path })
                if old == nil && removed[e.path] == nil { added.insert(e.path) }
                if let old, old.entry.kind != e.kind { dirChanged.insert(e.path) }
            }
            if touched[e.path] == nil { touchedOrder.append(e.path) }
            touched[e.path] = e
        }

        // 3. Classify.
        var changes: [Change] = []
        for p in touchedOrder {
            guard let e = touched[p], tree.lookup(p) != nil else { continue }
            if added.contains(p) {
                changes.append(Change(op: .added, path: p, entry: e))
            } else if e.kind != .directory || dirChanged.contains(p) || removed[p] != nil {
                changes.append(Change(op: .modified, path: p, entry: e))
            }
        }
        for p in removedOrder where tree.lookup(p) == nil {
            changes.append(Change(op: .deleted, path: p, entry: removed[p]!))
        }
        layer.changes = changes.sorted { $0.path < $1.path }
        layers.append(layer)
    }
}

/// A tree of paths to entries: the visible state after some layers (a reference: `LayerDiff`
/// changes it in place).
public final class FileTree {
    public final class Node {
        public var entry: LayerEntry
        /// The layer (0-based) the entry came from.
        public var layer: Int
        var children: [String: Node] = [:]
        init(entry: LayerEntry, layer: Int) { self.entry = entry; self.layer = layer }
    }

    let root = Node(entry: LayerEntry(kind: .directory, path: RootPath([]), mode: 0o755), layer: -1)

    public init() {}

    public func lookup(_ p: RootPath) -> Node? {
        var n = root
        for c in p.components {
            guard let next = n.children[c] else { return nil }
            n = next
        }
        return n
    }

    /// Every path beneath `p` (p itself first), depth first in name order.
    /// Without recursion: a tree as deep as an entry name allows must not use up the stack.
    public func walk(_ p: RootPath = RootPath([])) -> [(RootPath, Node)] {
        guard let n = lookup(p) else { return [] }
        var out: [(RootPath, Node)] = []
        var stack: [(RootPath, Node)] = [(p, n)]
        while let (path, node) = stack.popLast() {
            out.append((path, node))
            // Pushed in reverse name order, so they come off the stack in name order.
            for name in node.children.keys.sorted().reversed() {
                stack.append((path.appending(name), node.children[name]!))
            }
        }
        return out
    }

    /// Removes `p` and its subtree; returns what was removed.
    @discardableResult
    public func remove(_ p: RootPath) -> [(RootPath, Node)] {
        guard !p.isRoot, let parent = lookup(p.parent), parent.children[p.name] != nil else { return [] }
        let gone = walk(p)
        parent.children[p.name] = nil
        return gone
    }

    /// Removes every child of the directory `p`; returns what was removed.
    public func removeChildren(of p: RootPath) -> [(RootPath, Node)] {
        guard let n = lookup(p), n.entry.kind == .directory else { return [] }
        let gone = Array(walk(p).dropFirst())
        n.children = [:]
        return gone
    }

    /// Puts `entry` at `p` (the parent must exist); returns the nodes it replaced.
    func set(_ p: RootPath, _ entry: LayerEntry, layer: Int, keepChildren: Bool) -> [(RootPath, Node)] {
        guard let parent = lookup(p.parent) else { return [] }
        if let old = parent.children[p.name] {
            if keepChildren {
                old.entry = entry
                old.layer = layer
                return []
            }
            let gone = walk(p)
            parent.children[p.name] = Node(entry: entry, layer: layer)
            return gone
        }
        parent.children[p.name] = Node(entry: entry, layer: layer)
        return []
    }

    /// Resolves `p` inside the tree as the image's root would (symlinks followed, absolute
    /// ones from the root, ".." never above it; at most 40 links). Nil when it does not exist.
    public func resolve(_ p: RootPath) -> (RootPath, Node)? {
        var pending = p.components
        var done: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let c = pending.removeFirst()
            if c == "." || c.isEmpty { continue }
            if c == ".." { if !done.isEmpty { done.removeLast() }; continue }
            let here = RootPath(done + [c])
            guard let node = lookup(here) else { return nil }
            if node.entry.kind == .symlink, let target = node.entry.linkTarget {
                hops += 1
                if hops > 40 { return nil }
                let parts = PathRules.parts(target)
                if target.hasPrefix("/") { done = [] }
                pending = parts + pending
                continue
            }
            if node.entry.kind == .hardlink, let t = node.entry.hardlinkTarget, let tn = lookup(t) {
                if pending.isEmpty { return (t, tn) }
            }
            done.append(c)
        }
        let final = RootPath(done)
        return lookup(final).map { (final, $0) }
    }
}
