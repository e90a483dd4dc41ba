import FoundationEssentials
import Glibc
import NSImage
import NSLinux

/// Where a run keeps its state and its overlay upper/work directories: one directory
/// per run under /run/nstrace (root) or $XDG_RUNTIME_DIR/nstrace, removed when the run
/// ends. A run whose nstrace was SIGKILLed leaves it behind; `nstrace run --cleanup`
/// finds such runs by their state file (the owner is gone) and removes what they made.
public final class RunDirectory {
    /// What a run made that outlives a SIGKILL of nstrace (mounts die with the mount
    /// namespace, network namespaces with their last fd, processes with EXITKILL).
    public struct State: Codable, Equatable, Sendable {
        public var id: String
        /// nstrace's pid and its start time (field 22 of /proc/PID/stat): a reused pid is
        /// not mistaken for the owner.
        public var owner: Int32
        public var ownerStart: UInt64
        public var cgroups: [String]
        public var image: String
    }

    public let id: String
    public let path: String
    public private(set) var state: State

    public static var base: String {
        if let dir = getenv("NSTRACE_RUN_DIR"), dir.pointee != 0 { return String(cString: dir) }
        if geteuid() == 0 { return "/run/nstrace" }
        if let xdg = getenv("XDG_RUNTIME_DIR"), xdg.pointee != 0 { return String(cString: xdg) + "/nstrace" }
        return "/tmp/nstrace-\(geteuid())"
    }

    /// Makes a new run directory (mode 0700) with a random id.
    public init(image: String) throws(RunError) {
        id = String(UInt64.random(in: 0...0xffff_ffff_ffff), radix: 16).leftPadded(12)
        let base = Self.base
        path = base + "/" + id
        // Another run that ends removes the base directory when it is empty: try again
        // when it vanished between the two mkdirs.
        var attempts = 0
        while true {
            let b = ExactMode.mkdir(base, 0o700)
            if b != 0 && b != EEXIST {
                throw RunError("creating \(base): \(String(cString: strerror(b)))")
            }
            let r = ExactMode.mkdir(path, 0o700)
            if r == 0 { break }
            attempts += 1
            if r != ENOENT || attempts == 5 { throw RunError("creating \(path): \(String(cString: strerror(r)))") }
        }
        state = State(id: id, owner: getpid(), ownerStart: Self.startTime(getpid()) ?? 0, cgroups: [], image: image)
        do throws(RunError) {
            // 0755 whatever the umask: the overlay's root directory takes the upper
            // directory's mode, and a --run-as user must be able to enter it.
            for d in ["upper", "work", "root"] {
                let r = ExactMode.mkdir(path + "/" + d, 0o755)
                if r != 0 { throw RunError("creating \(path)/\(d): \(String(cString: strerror(r)))") }
            }
            try save()
        } catch {
            try? SafeRemove.tree(path)
            throw error
        }
    }

    public var upper: String { path + "/upper" }
    public var work: String { path + "/work" }
    /// The mount point of the container's root (mounted only inside its mount namespace).
    public var root: String { path + "/root" }

    public func record(cgroups: [String]) throws(RunError) {
        state.cgroups = cgroups
        try save()
    }

    func save() throws(RunError) {
        let data: Data
        do { data = try JSONEncoder().encode(state) } catch { throw RunError("state: \(error)") }
        let tmp = path + "/state.json.tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: data, attributes: [.posixPermissions: 0o600]),
              rename(tmp, path + "/state.json") == 0 else {
            throw RunError("writing \(path)/state.json: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the directory and everything in it (and the base directory when no
    /// other run is left in it).
    public func remove() {
        try? SafeRemove.tree(path)
        rmdir(Self.base)
    }

    static func startTime(_ pid: pid_t) -> UInt64? {
        guard let text = ProcFS.readText("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After "pid (comm)": state is field 3, starttime field 22.
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    /// What `--cleanup` did or found.
    public struct CleanupReport: Sendable {
        public var removed: [String] = []
        public var running: [String] = []
        public var cgroups: [String] = []
    }

    /// Removes every run directory whose owner is gone, with the cgroups it recorded.
    public static func cleanup() -> CleanupReport {
        var report = CleanupReport()
        let base = Self.base
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return report }
        for name in names.sorted() {
            let dir = base + "/" + name
            var st = stat()
            guard lstat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
            if let data = FileManager.default.contents(atPath: dir + "/state.json"),
               let state = try? JSONDecoder().decode(State.self, from: data) {
                if let start = startTime(state.owner), start == state.ownerStart {
                    report.running.append(name)
                    continue
                }
                for cg in state.cgroups where isCgroupPath(cg, name: name) {
                    ContainerCgroups.removeDirectory(cg)
                    report.cgroups.append(cg)
                }
            }
            try? SafeRemove.tree(dir)
            report.removed.append(name)
        }
        rmdir(base)  // only when empty
        return report
    }

    /// A recorded cgroup is only removed when it is a cgroup directory named for the run.
    static func isCgroupPath(_ path: String, name: String) -> Bool {
        path.hasPrefix("/sys/fs/cgroup/") && path.hasSuffix("/nstrace-" + name) && !path.contains("/../")
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
