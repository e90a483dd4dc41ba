/// Every task seen in a nested pid namespace, by its pid in each pid namespace it is in, so a
/// pid a task sees (a call's argument or result, a signal's si_pid) can be named as nstrace
/// sees it: `= 1 /* 1236 in nstrace's PID NS */`. Entries stay after a task exits (a SIGCHLD
/// names a child that is gone). Both tracers keep one.
public struct PidNamespaceIndex: Sendable {
    struct Key: Hashable { var namespace: UInt64; var pid: Int32 }
    private var index: [Key: Int32] = [:]

    public init() {}

    public var count: Int { index.count }

    /// Indexes task `pid` (as nstrace sees it) under its pid at every level: `nsPids` from
    /// `NSpid:`, outermost first, `chain` the inode of each of those pid namespaces (same
    /// order). A task at the top level, or one whose chain is not known, is not indexed.
    public mutating func add(_ pid: Int32, nsPids: [Int32], chain: [UInt64]) {
        guard nsPids.count > 1, chain.count == nsPids.count else { return }
        for (level, inner) in nsPids.enumerated() {
            index[Key(namespace: chain[level], pid: inner)] = pid
        }
    }

    /// The pid, as nstrace sees it, of the task that is `value` in the innermost pid
    /// namespace of a task with these `nsPids` and `chain`; nil for a task at the top (its
    /// pids are nstrace's), a value that is no pid, or a pid not seen in that very namespace
    /// (a sibling namespace at the same depth does not count).
    public func outer(_ value: Int64, nsPids: [Int32], chain: [UInt64]) -> Int32? {
        let depth = nsPids.count
        guard depth > 1, value > 0, value <= Int64(Int32.max), chain.count == depth else { return nil }
        return index[Key(namespace: chain[depth - 1], pid: Int32(value))]
    }

    /// The comment added after a translated pid.
    public static func comment(_ outer: Int32) -> String { " /* \(outer) in nstrace's PID NS */" }
}

/// A write to another task's id map (`/proc/PID/uid_map`, `gid_map`, `setgroups`), seen by
/// the file the descriptor names: what the record keeps and the note the text shows.
public struct IDMapWrite: Equatable, Sendable {
    public static let files: Set<String> = ["uid_map", "gid_map", "setgroups"]
    /// The task whose map it is.
    public var target: Int32
    /// `uid_map`, `gid_map` or `setgroups`.
    public var file: String

    public init(target: Int32, file: String) {
        self.target = target
        self.file = file
    }

    /// The write's file from the link of its descriptor (`/proc/1234/uid_map`); nil for any
    /// other file.
    public init?(path: String) {
        let parts = ScalarText.split(path, "/")
        guard parts.count == 3, parts[0] == "proc" else { return nil }
        self.init(directory: parts[1], file: parts[2])
    }

    /// From a directory name (the pid) and a file name (trace --bpf's capture of the path).
    public init?(directory: String, file: String) {
        guard let pid = Int32(directory), Self.files.contains(file) else { return nil }
        self.init(target: pid, file: file)
    }

    /// `  ns: uid_map of pid 1234 := 0 1000 1; ...`: the bytes written, lines joined, escaped
    /// like every tracee text.
    public func note(data: String) -> String {
        let shown = TerminalText.escape(ScalarText.lines(data).joined(separator: "; "))
        return "  ns: \(file) of pid \(target) := \(shown)"
    }
}
