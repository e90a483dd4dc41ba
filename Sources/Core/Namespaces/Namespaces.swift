/// The namespace model: the ten `/proc/TID/ns/` links of a task and how they change.

/// One kind of `/proc/TID/ns/` link.
public enum NamespaceKind: String, CaseIterable, Sendable, Codable, Comparable {
    case cgroup, ipc, mnt, net, pid
    case pidForChildren = "pid_for_children"
    case time
    case timeForChildren = "time_for_children"
    case user, uts

    /// The type of namespace a link refers to (.pidForChildren → .pid).
    public var base: NamespaceKind {
        switch self {
        case .pidForChildren: return .pid
        case .timeForChildren: return .time
        default: return self
        }
    }

    /// The eight types, in the order they are listed: the user namespace first (it owns the
    /// others).
    public static let types: [NamespaceKind] = [.user, .pid, .mnt, .net, .uts, .ipc, .cgroup, .time]

    /// Its place in `types` (a *_for_children link: its type's).
    public var listOrder: Int { Self.types.firstIndex(of: base) ?? Self.types.count }

    /// A comma-separated list of types as options take it ("pid, net,uts"; unshare(1)'s
    /// "mount" and "network" for mnt and net), in the order given, duplicates and empty
    /// words dropped; or the first word that names none of `types`.
    public static func parseTypes(_ list: String) -> Result<[NamespaceKind], UnknownType> {
        var out: [NamespaceKind] = []
        for part in ScalarText.split(list, ",") {
            let word = part.trimmingSpaces
            if word.isEmpty { continue }
            let name = word == "mount" ? "mnt" : word == "network" ? "net" : word
            guard let k = NamespaceKind(rawValue: name), types.contains(k) else { return .failure(UnknownType(word: word)) }
            if !out.contains(k) { out.append(k) }
        }
        return .success(out)
    }

    /// A word of a list that names no namespace type.
    public struct UnknownType: Error, Equatable {
        public var word: String
        /// "known: user,pid,mnt,net,uts,ipc,cgroup,time".
        public static var known: String { "known: " + NamespaceKind.types.map(\.rawValue).joined(separator: ",") }
    }

    /// The type a link's target names ("net:[4026531840]" → .net); nil when it names none
    /// of `types`.
    public static func type(ofLink target: String) -> NamespaceKind? {
        guard let name = ScalarText.cut(target, at: ":")?.before, let k = NamespaceKind(rawValue: name), types.contains(k) else { return nil }
        return k
    }

    /// The link's path beneath /proc/TID: "ns/net".
    public var linkPath: String { "ns/" + rawValue }

    /// The CLONE_NEW* flag that creates a namespace of this type.
    public var cloneFlag: UInt64 {
        switch self {
        case .cgroup: return CloneFlag.newCgroup
        case .ipc: return CloneFlag.newIPC
        case .mnt: return CloneFlag.newNS
        case .net: return CloneFlag.newNet
        case .pid, .pidForChildren: return CloneFlag.newPID
        case .time, .timeForChildren: return CloneFlag.newTime
        case .user: return CloneFlag.newUser
        case .uts: return CloneFlag.newUTS
        }
    }

    public static func < (a: NamespaceKind, b: NamespaceKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// All CLONE_NEW* bits.
    public static let allCloneFlags: UInt64 = allCases.reduce(0) { $0 | $1.cloneFlag }
}

/// A task's namespaces: kind → inode, nil where the link could not be read (the task
/// was gone, or /proc did not show it).
public struct NamespaceSet: Sendable, Equatable, Codable {
    public var inodes: [NamespaceKind: UInt64]

    public init(_ inodes: [NamespaceKind: UInt64] = [:]) { self.inodes = inodes }

    public subscript(kind: NamespaceKind) -> UInt64? {
        get { inodes[kind] }
        set { inodes[kind] = newValue }
    }

    public var isEmpty: Bool { inodes.isEmpty }

    /// The kinds whose inode differs between `self` (before) and `after`, where both are known.
    public func changes(to after: NamespaceSet) -> [NamespaceTransition] {
        NamespaceKind.allCases.compactMap { kind in
            guard let from = inodes[kind], let to = after.inodes[kind], from != to else { return nil }
            return NamespaceTransition(kind: kind, from: from, to: to)
        }
    }

    /// Parses a link target such as "uts:[4026531838]" into its inode.
    public static func inode(fromLink target: String) -> UInt64? {
        // The decimal digits between the first "[" and the final "]", read as bytes (both
        // are ASCII, so never part of another character's bytes): ten links per task read,
        // no String made.
        let u = target.utf8
        guard let open = u.firstIndex(of: UInt8(ascii: "[")), u.last == UInt8(ascii: "]") else { return nil }
        var value: UInt64 = 0
        var digits = 0
        for c in u[u.index(after: open)..<u.index(before: u.endIndex)] {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(c - 0x30))
            if o1 || o2 { return nil }
            value = sum
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    // Codable as {"uts": 4026531838, ...} with every kind present (null when unknown).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var inodes: [NamespaceKind: UInt64] = [:]
        for kind in NamespaceKind.allCases {
            if let v = try c.decodeIfPresent(UInt64.self, forKey: Key(kind.rawValue)) { inodes[kind] = v }
        }
        self.inodes = inodes
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for kind in NamespaceKind.allCases {
            try c.encode(inodes[kind], forKey: Key(kind.rawValue))
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// One link that changed.
public struct NamespaceTransition: Sendable, Equatable {
    public var kind: NamespaceKind
    public var from: UInt64
    public var to: UInt64
    public init(kind: NamespaceKind, from: UInt64, to: UInt64) {
        self.kind = kind
        self.from = from
        self.to = to
    }
}

/// Which links to look at after a syscall that can change a task's namespaces (those
/// with `SyscallTraits.changesNamespaces` in the spec table).
public enum NamespaceEffects {
    /// A new task's links when they follow from its parent's and the clone flags alone,
    /// so they need not be read from /proc: no CLONE_NEW* flag, and the parent's ten links
    /// are known with pid == pid_for_children and time == time_for_children. A child is then
    /// in every one of its parent's namespaces, CLONE_VM or not (the kernel allocates its pid
    /// in pid_for_children and moves it to time_for_children only when the two differ).
    /// nil when the links must be read.
    public static func inherited(from parent: NamespaceSet, cloneFlags: UInt64) -> NamespaceSet? {
        guard cloneFlags & NamespaceKind.allCloneFlags == 0,
              parent.inodes.count == NamespaceKind.allCases.count,
              parent[.pid] == parent[.pidForChildren],
              parent[.time] == parent[.timeForChildren] else { return nil }
        return parent
    }

    /// The links a successful unshare or setns can have changed for the caller, from its
    /// flags (`args` as the call got them): the links of each CLONE_NEW* type named, both
    /// links of pid and time (pid_for_children, time_for_children). unshare with no such
    /// flag changes none. nil when every link must be read: setns(fd, 0) joins whatever
    /// type fd is, and calls other than these two.
    public static func linksChanged(by name: String, args: SyscallArgs) -> [NamespaceKind]? {
        let flags: UInt64
        switch name {
        case "unshare": flags = args[0]
        case "setns":
            flags = args[1]
            if flags & NamespaceKind.allCloneFlags == 0 { return nil }
        default: return nil
        }
        return NamespaceKind.allCases.filter { flags & $0.cloneFlag != 0 }
    }

    /// Whether an execve cannot change the caller's links: exec moves a task only into its
    /// time_for_children (after unshare(CLONE_NEWTIME)), so with all ten links known and
    /// the two time links equal there is nothing to read again.
    public static func execKeeps(_ ns: NamespaceSet) -> Bool {
        ns.inodes.count == NamespaceKind.allCases.count && ns[.time] == ns[.timeForChildren]
    }

    /// How every namespace note of the text output begins (transitions, id map writes).
    public static let notePrefix = "  ns: "

    /// The annotation strace users will read under the syscall line:
    /// `  ns: uts 4026531838 → 4026532201, mnt 4026531841 → 4026532202`.
    public static func annotation(_ changes: [NamespaceTransition]) -> String {
        notePrefix + changes.map { "\($0.kind.rawValue) \($0.from) → \($0.to)" }.joined(separator: ", ")
    }
}

extension String {
    /// An entry text closed as a whole call: `clone(child_stack=NULL, ` → `clone(child_stack=NULL, ...)`.
    public var closedCall: String {
        hasSuffix(", ") ? self + "...)" : self + ")"
    }
}
