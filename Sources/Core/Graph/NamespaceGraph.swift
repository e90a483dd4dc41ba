/// The one model behind `nstrace ns` (the live system) and `nstrace graph` (a record):
/// processes, the namespaces they live in, how each namespace is held, what each
/// namespace shows (hostname, interfaces, mounts, id maps...), and how namespaces
/// relate (user-namespace ownership, pid/user parents, veth pairs, transitions over time).
/// Every renderer (tree, table, json, dot) reads this and nothing else.

/// A namespace's identity: type and inode ("net:[4026532201]").
public struct NamespaceID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// One of the eight types (`NamespaceKind.types`; never a *_for_children link: those
    /// refer to a namespace of the type they name). In JSON its name: "pid".
    public var type: NamespaceKind
    public var inode: UInt64
    public init(type: NamespaceKind, inode: UInt64) {
        self.type = type.base
        self.inode = inode
    }
    public var description: String { "\(type.rawValue):[\(inode)]" }
    private enum CodingKeys: String, CodingKey { case type, inode }
    /// From JSON as the initialiser makes it: a *_for_children name is its type's.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(type: try c.decode(NamespaceKind.self, forKey: .type), inode: try c.decode(UInt64.self, forKey: .inode))
    }
    public static func < (a: NamespaceID, b: NamespaceID) -> Bool {
        a.type == b.type ? a.inode < b.inode : a.type.listOrder < b.type.listOrder
    }
    /// Types in the order they are listed: the user namespace first (it owns the others).
    public static var types: [NamespaceKind] { NamespaceKind.types }
}

/// A process (or, from a record, a task).
public struct ProcessNode: Sendable, Codable, Equatable {
    public var pid: Int32
    public var ppid: Int32?
    public var comm: String
    public var argv: [String]
    /// Its pid in each pid namespace, outermost first.
    public var nspid: [Int32]
    /// Real uid (live system only).
    public var uid: UInt32?
    /// The namespace of each kind it is in (kind rawValue → inode); for_children links too.
    public var ns: [String: UInt64]
    /// Record only: when it appeared and ended, and how it was created.
    public var start: Double?
    public var end: Double?
    public var via: String?

    public init(pid: Int32, ppid: Int32?, comm: String, argv: [String], nspid: [Int32], uid: UInt32?,
                ns: [String: UInt64], start: Double? = nil, end: Double? = nil, via: String? = nil) {
        self.pid = pid
        self.ppid = ppid
        self.comm = comm
        self.argv = argv
        self.nspid = nspid
        self.uid = uid
        self.ns = ns
        self.start = start
        self.end = end
        self.via = via
    }

    /// Its namespace of `type` (the task's own link, not *_for_children).
    public func namespace(_ type: NamespaceKind) -> NamespaceID? {
        ns[type.rawValue].map { NamespaceID(type: type, inode: $0) }
    }

    /// Its pid in its own (innermost) pid namespace.
    public var innerPid: Int32 { nspid.last ?? pid }
}

/// How a namespace is kept alive. In JSON: `{"process": 123}`, `{"fd": {"pid": 123, "fd": 3}}`
/// or `{"bindMount": "/run/netns/red"}`.
public enum Holder: Sendable, Codable, Equatable, Hashable {
    /// A process is in it (or will put its children in it: pid_for_children/time_for_children).
    case process(Int32)
    /// An open file descriptor of a process refers to it.
    case fd(pid: Int32, fd: Int32)
    /// It is bind-mounted (nsfs), e.g. /run/netns/red.
    case bindMount(String)

    private enum Key: String, CodingKey { case process, fd, bindMount }
    private struct FD: Codable { var pid: Int32; var fd: Int32 }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let p = try c.decodeIfPresent(Int32.self, forKey: .process) {
            self = .process(p)
        } else if let f = try c.decodeIfPresent(FD.self, forKey: .fd) {
            self = .fd(pid: f.pid, fd: f.fd)
        } else {
            self = .bindMount(try c.decode(String.self, forKey: .bindMount))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .process(let p): try c.encode(p, forKey: .process)
        case .fd(let pid, let fd): try c.encode(FD(pid: pid, fd: fd), forKey: .fd)
        case .bindMount(let path): try c.encode(path, forKey: .bindMount)
        }
    }

    public var text: String {
        switch self {
        case .process(let p): return "pid \(p)"
        case .fd(let p, let fd): return "fd \(fd) of pid \(p)"
        case .bindMount(let path): return path
        }
    }
}

/// A network interface as seen inside its namespace.
public struct Interface: Sendable, Codable, Equatable {
    public var name: String
    public var ifindex: Int32
    /// "veth", "bridge", "loopback" (for lo), ... ("" when plain).
    public var kind: String
    public var up: Bool
    /// "192.168.15.1/24", "fe80::1/64".
    public var addresses: [String]
    /// IFLA_LINK: the peer's ifindex for a veth (in the peer's namespace).
    public var peerIfindex: Int32?
    /// IFLA_LINK_NETNSID: the peer's namespace as an id local to this namespace.
    public var peerNetnsid: Int32?
    /// That namespace's inode, when it could be resolved (RTM_GETNSID).
    public var peerNamespace: UInt64?
    public init(name: String, ifindex: Int32, kind: String, up: Bool, addresses: [String],
                peerIfindex: Int32? = nil, peerNetnsid: Int32? = nil) {
        self.name = name
        self.ifindex = ifindex
        self.kind = kind
        self.up = up
        self.addresses = addresses
        self.peerIfindex = peerIfindex
        self.peerNetnsid = peerNetnsid
    }
}

/// What a namespace shows, by type. Unknown facts are nil.
public struct NamespaceFacts: Sendable, Codable, Equatable {
    // uts
    public var hostname: String?
    public var domainname: String?
    // net
    public var interfaces: [Interface]?
    // mnt
    public var root: String?
    public var mountCount: Int?
    public var overlayLower: [String]?
    public var overlayUpper: String?
    // user
    public var uidMap: String?
    public var gidMap: String?
    // cgroup
    public var cgroupRoot: String?
    // time
    public var timeOffsets: String?
    public init() {}
}

public struct NamespaceNode: Sendable, Codable, Equatable {
    public var id: NamespaceID
    /// The user namespace that owns it (NS_GET_USERNS); nil for the initial one or unknown.
    public var owner: UInt64?
    /// pid and user namespaces: the parent (NS_GET_PARENT).
    public var parent: UInt64?
    /// user namespaces: the uid of its creator (NS_GET_OWNER_UID).
    public var ownerUID: UInt32?
    /// Processes in it (their own link of this type).
    public var processes: [Int32]
    public var holders: [Holder]
    public var facts: NamespaceFacts
    /// The namespace of this type that nstrace itself is in (the "host" one).
    public var isInitial: Bool

    public init(id: NamespaceID, owner: UInt64? = nil, parent: UInt64? = nil, ownerUID: UInt32? = nil,
                processes: [Int32] = [], holders: [Holder] = [], facts: NamespaceFacts = NamespaceFacts(),
                isInitial: Bool = false) {
        self.id = id
        self.owner = owner
        self.parent = parent
        self.ownerUID = ownerUID
        self.processes = processes
        self.holders = holders
        self.facts = facts
        self.isInitial = isInitial
    }
}

/// Two interfaces of a veth pair, in two network namespaces.
public struct VethLink: Sendable, Codable, Equatable {
    public var a: NamespaceID
    public var aInterface: String
    public var aAddresses: [String]
    public var b: NamespaceID
    public var bInterface: String
    public var bAddresses: [String]
    public init(a: NamespaceID, aInterface: String, aAddresses: [String],
                b: NamespaceID, bInterface: String, bAddresses: [String]) {
        self.a = a
        self.aInterface = aInterface
        self.aAddresses = aAddresses
        self.b = b
        self.bInterface = bInterface
        self.bAddresses = bAddresses
    }
}

/// From a record: a task created in, or moved into, a namespace by a syscall at a time.
public struct Transition: Sendable, Codable, Equatable {
    public var pid: Int32
    /// The link that changed (a *_for_children link is its own kind; `to.type` is the
    /// namespace's type).
    public var kind: NamespaceKind
    public var from: NamespaceID?
    public var to: NamespaceID
    public var cause: String
    public var call: String?
    public var t: Double
    public init(pid: Int32, kind: NamespaceKind, from: NamespaceID?, to: NamespaceID, cause: String, call: String?, t: Double) {
        self.pid = pid
        self.kind = kind
        self.from = from
        self.to = to
        self.cause = cause
        self.call = call
        self.t = t
    }
}

public struct NamespaceGraph: Sendable, Codable, Equatable {
    /// "live" (nstrace ns) or "record" (nstrace graph).
    public var source: String
    public var processes: [ProcessNode]
    public var namespaces: [NamespaceNode]
    public var veths: [VethLink]
    public var transitions: [Transition]

    public init(source: String, processes: [ProcessNode] = [], namespaces: [NamespaceNode] = [],
                veths: [VethLink] = [], transitions: [Transition] = []) {
        self.source = source
        self.processes = processes
        self.namespaces = namespaces
        self.veths = veths
        self.transitions = transitions
    }

    public func namespace(_ id: NamespaceID) -> NamespaceNode? { namespaces.first { $0.id == id } }
    public func process(_ pid: Int32) -> ProcessNode? { processes.first { $0.pid == pid } }

    /// Pairs veth interfaces across network namespaces: A(ifindex a, peer b) in one
    /// namespace with B(ifindex b, peer a) in another.
    public static func pairVeths(_ nets: [NamespaceNode]) -> [VethLink] {
        var out: [VethLink] = []
        var used = Set<String>()
        for n in nets {
            for i in n.facts.interfaces ?? [] where i.kind == "veth" {
                guard let peer = i.peerIfindex, !used.contains("\(n.id)/\(i.ifindex)") else { continue }
                // The peer's namespace when it is known; otherwise any other one.
                for m in nets where m.id != n.id && (i.peerNamespace == nil || i.peerNamespace == m.id.inode) {
                    guard let j = (m.facts.interfaces ?? []).first(where: {
                        $0.kind == "veth" && $0.ifindex == peer && $0.peerIfindex == i.ifindex
                            && ($0.peerNamespace == nil || $0.peerNamespace == n.id.inode)
                            && !used.contains("\(m.id)/\($0.ifindex)")
                    }) else { continue }
                    used.insert("\(n.id)/\(i.ifindex)")
                    used.insert("\(m.id)/\(j.ifindex)")
                    out.append(VethLink(a: n.id, aInterface: i.name, aAddresses: i.addresses,
                                        b: m.id, bInterface: j.name, bAddresses: j.addresses))
                    break
                }
            }
        }
        return out
    }

    // MARK: narrowing

    /// Only namespaces of `types` (processes keep their links).
    public func filtered(types: Set<NamespaceKind>) -> NamespaceGraph {
        var g = self
        g.namespaces = namespaces.filter { types.contains($0.id.type) }
        g.veths = types.contains(.net) ? veths : []
        g.transitions = transitions.filter { types.contains($0.to.type) }
        return g
    }

    /// `--pid PID`: that process, its ancestors and descendants, the namespaces they are
    /// in, and namespaces related to those (owners, parents, veth peers).
    public func neighbourhood(of pid: Int32) -> NamespaceGraph? {
        // Linear in the number of processes, without recursion: a record's task tree may
        // be a chain of 20,000 (a fork-and-exit loop), or have a cycle (a made-up record).
        // The first node of a pid counts, as with `process(_:)`.
        var byPid: [Int32: ProcessNode] = [:]
        for q in processes where byPid[q.pid] == nil { byPid[q.pid] = q }
        guard byPid[pid] != nil else { return nil }
        var keep: Set<Int32> = [pid]
        // Ancestors.
        var p = byPid[pid]?.ppid
        while let pp = p, !keep.contains(pp), let node = byPid[pp] {
            keep.insert(pp)
            p = node.ppid
        }
        // Descendants: every task whose chain of parents reaches `pid`.
        var kids: [Int32: [Int32]] = [:]
        for q in byPid.values { if let pp = q.ppid, pp != q.pid { kids[pp, default: []].append(q.pid) } }
        var below: Set<Int32> = [pid]
        var queue: [Int32] = [pid]
        var i = 0
        while i < queue.count {
            for c in kids[queue[i]] ?? [] where below.insert(c).inserted {
                keep.insert(c)
                queue.append(c)
            }
            i += 1
        }
        var ids = Set<NamespaceID>()
        for q in processes where keep.contains(q.pid) {
            for t in NamespaceID.types { if let id = q.namespace(t) { ids.insert(id) } }
        }
        for n in namespaces where ids.contains(n.id) {
            if let o = n.owner { ids.insert(NamespaceID(type: .user, inode: o)) }
            if let par = n.parent { ids.insert(NamespaceID(type: n.id.type, inode: par)) }
        }
        for v in veths where ids.contains(v.a) || ids.contains(v.b) {
            ids.insert(v.a)
            ids.insert(v.b)
        }
        var g = self
        g.processes = processes.filter { keep.contains($0.pid) }
        g.namespaces = namespaces.filter { ids.contains($0.id) }
            .map { n in var n = n; n.processes = n.processes.filter { keep.contains($0) }; return n }
        g.veths = veths.filter { ids.contains($0.a) && ids.contains($0.b) }
        g.transitions = transitions.filter { keep.contains($0.pid) }
        return g
    }
}
