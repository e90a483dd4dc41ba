import FoundationEssentials
import Glibc
import NSCore
import NSLinux

/// The container's cgroups: one directory beneath nstrace's own cgroup in each hierarchy
/// that holds a limited controller (cgroup v2 where the controller is delegated there,
/// otherwise the v1 hierarchy of that controller), so every limit on the caller still
/// holds. The started process joins them before it unshares its cgroup namespace.
public final class ContainerCgroups {
    public struct Limits: Sendable, Equatable {
        public var memoryBytes: Int64?
        public var pids: Int?
        public init(memoryBytes: Int64? = nil, pids: Int? = nil) {
            self.memoryBytes = memoryBytes
            self.pids = pids
        }
        public var isEmpty: Bool { memoryBytes == nil && pids == nil }
    }

    /// The directories made, in the order made.
    public private(set) var directories: [String] = []

    /// Where nstrace's own cgroup is, per hierarchy: v1 controller → path, and the v2 path.
    struct Membership {
        var v1: [String: String] = [:]
        var v2: String?

        /// /proc/self/cgroup ("4:memory:/a/b", "0::/c").
        static func parse(_ text: String) -> Membership {
            var m = Membership()
            for line in ScalarText.lines(text) {
                let f = ScalarText.split(line, ":", maxSplits: 2, omittingEmptySubsequences: false)
                guard f.count == 3 else { continue }
                if f[0] == "0" && f[1].isEmpty { m.v2 = f[2]; continue }
                for c in ScalarText.split(f[1], ",") { m.v1[c] = f[2] }
            }
            return m
        }
    }

    /// Mount points from /proc/self/mountinfo: v1 controller → mount point, and the v2 one.
    struct Mounts {
        var v1: [String: String] = [:]
        var v2: String?

        static func parse(_ text: String) -> Mounts {
            var m = Mounts()
            for line in ScalarText.lines(text) {
                // "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER"
                let fields = ScalarText.split(line, " ")
                guard let dash = fields.firstIndex(where: { $0 == "-" }), dash >= 5, dash + 3 < fields.count else { continue }
                let mountPoint = fields[4], fstype = fields[dash + 1]
                if fstype == "cgroup2" {
                    if m.v2 == nil { m.v2 = mountPoint }
                } else if fstype == "cgroup" {
                    for o in ScalarText.split(fields[dash + 3], ",") where m.v1[o] == nil { m.v1[o] = mountPoint }
                }
            }
            return m
        }
    }

    let name: String
    /// Called with each directory before it is made, so the run's state names it first
    /// (a SIGKILL right after the mkdir then leaves nothing `--cleanup` cannot find).
    public var beforeCreate: ((String) throws(RunError) -> Void)?

    /// `name`: the directory name (e.g. "nstrace-RUNID").
    public init(name: String) { self.name = name }

    /// Makes the cgroups and writes the limits; on failure removes what it made.
    public func create(_ limits: Limits) throws(RunError) {
        guard !limits.isEmpty else { return }
        let membership = Membership.parse(ProcFS.readText("/proc/self/cgroup") ?? "")
        let mounts = Mounts.parse(ProcFS.readText("/proc/self/mountinfo") ?? "")
        do throws(RunError) {
            if let bytes = limits.memoryBytes {
                try limit("memory", membership, mounts) { (dir, v2) throws(RunError) in
                    if v2 {
                        try Self.write("\(dir)/memory.max", "\(bytes)")
                        if access("\(dir)/memory.swap.max", F_OK) == 0 { try Self.write("\(dir)/memory.swap.max", "0") }
                    } else {
                        try Self.write("\(dir)/memory.limit_in_bytes", "\(bytes)")
                        // Beyond the limit the kernel kills instead of swapping.
                        if access("\(dir)/memory.memsw.limit_in_bytes", F_OK) == 0 {
                            try Self.write("\(dir)/memory.memsw.limit_in_bytes", "\(bytes)")
                        }
                        if access("\(dir)/memory.swappiness", F_OK) == 0 { try? Self.write("\(dir)/memory.swappiness", "0") }
                    }
                }
            }
            if let n = limits.pids {
                try limit("pids", membership, mounts) { (dir, _) throws(RunError) in try Self.write("\(dir)/pids.max", "\(n)") }
            }
        } catch {
            remove()
            throw error
        }
    }

    /// Makes this run's directory for `controller` and applies `configure`.
    private func limit(_ controller: String, _ membership: Membership, _ mounts: Mounts,
                       _ configure: (String, Bool) throws(RunError) -> Void) throws(RunError) {
        // cgroup v2 first, where nstrace's own cgroup delegates the controller.
        if let root = mounts.v2, let own = membership.v2 {
            let base = root + (own == "/" ? "" : own)
            let available = ScalarText.lines(ProcFS.readText("\(base)/cgroup.subtree_control") ?? "").flatMap { ScalarText.split($0, " ") }
            if available.contains(controller) {
                let dir = try make(base)
                try configure(dir, true)
                return
            }
        }
        guard let root = mounts.v1[controller], let own = membership.v1[controller] else {
            throw RunError("cannot limit \(controller): no cgroup v1 hierarchy with it and not delegated in cgroup v2")
        }
        let dir = try make(root + (own == "/" ? "" : own))
        try configure(dir, false)
    }

    private func make(_ parent: String) throws(RunError) -> String {
        let dir = parent + "/" + name
        if directories.contains(dir) { return dir }
        try beforeCreate?(dir)
        if mkdir(dir, 0o755) != 0 { throw RunError("creating cgroup \(dir): \(ErrnoNames.text(errno))") }
        directories.append(dir)
        return dir
    }

    static func write(_ path: String, _ text: String) throws(RunError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd < 0 { throw RunError("\(path): \(ErrnoNames.text(errno))") }
        defer { close(fd) }
        let ok = text.withCString { Glibc.write(fd, $0, strlen($0)) } >= 0
        if !ok { throw RunError("writing \(text) to \(path): \(ErrnoNames.text(errno))") }
    }

    /// Puts `pid` into every cgroup of the run.
    public func join(_ pid: pid_t) throws(RunError) {
        for dir in directories { try Self.write("\(dir)/cgroup.procs", "\(pid)") }
    }

    /// Removes the directories (killing what is still inside, which only happens when a
    /// run was interrupted); absent is fine.
    public func remove() {
        for dir in directories.reversed() { Self.removeDirectory(dir) }
        directories.removeAll()
    }

    public static func removeDirectory(_ dir: String) {
        for attempt in 0..<50 {
            if rmdir(dir) == 0 || errno == ENOENT { return }
            if errno != EBUSY { return }
            if attempt == 0 || attempt % 10 == 0 {
                for line in ScalarText.lines(ProcFS.readText("\(dir)/cgroup.procs") ?? "") {
                    if let p = pid_t(line) { kill(p, SIGKILL) }
                }
            }
            usleep(20_000)
        }
    }

    /// Adopts directories of an earlier run (for `--cleanup`).
    public func adopt(_ dirs: [String]) { directories = dirs }
}
