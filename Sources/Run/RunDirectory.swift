import FoundationEssentials
import Glibc
import NSCore
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
    /// The run's lock: `lock` in the run directory, flock(LOCK_EX) for the run's whole life
    /// (close-on-exec; the container's set-up processes, forked before their exec, share it
    /// until then). `--cleanup` takes a run directory only when it can take this lock, so a
    /// run that is starting or running is never removed, whatever its state file says.
    private var lockFD: Int32 = -1

    /// The name of the lock file in a run directory.
    static let lockName = "lock"
    /// A run directory is made under this prefix and renamed to its id once its lock is
    /// held and its state written: `.new-ID-PID-START`, the maker's pid and start time, so
    /// one left by a maker killed before it took the lock is known as stale at once.
    static let newPrefix = ".new-"
    /// A directory without a lock file (between mkdir and the lock's open, or left by an
    /// older nstrace) is only taken as stale when it is older than this.
    static let unlockedGrace: time_t = 60

    public static var base: String {
        if let dir = getenv("NSTRACE_RUN_DIR"), dir.pointee != 0 { return String(cString: dir) }
        if geteuid() == 0 { return "/run/nstrace" }
        if let xdg = getenv("XDG_RUNTIME_DIR"), xdg.pointee != 0 { return String(cString: xdg) + "/nstrace" }
        return "/tmp/nstrace-\(geteuid())"
    }

    /// Makes a new run directory (mode 0700) with a random id, locked for the life of this
    /// object: it is made as `.new-ID`, its lock taken and its state written, then renamed
    /// to `ID`.
    public init(image: String) throws(RunError) {
        id = String(UInt64.random(in: 0...0xffff_ffff_ffff), radix: 16).leftPadded(12)
        let base = Self.base
        path = base + "/" + id
        let me = getpid()
        let staging = base + "/" + Self.newPrefix + id + "-\(me)-\(Self.startTime(me) ?? 0)"
        // Another run that ends removes the base directory when it is empty: try again
        // when it vanished between the two mkdirs.
        var attempts = 0
        while true {
            let b = ExactMode.mkdir(base, 0o700)
            if b != 0 && b != EEXIST {
                throw RunError("creating \(base): \(ErrnoNames.text(b))")
            }
            let r = ExactMode.mkdir(staging, 0o700)
            if r == 0 { break }
            attempts += 1
            if r != ENOENT || attempts == 5 { throw RunError("creating \(staging): \(ErrnoNames.text(r))") }
        }
        state = State(id: id, owner: getpid(), ownerStart: Self.startTime(getpid()) ?? 0, cgroups: [], image: image)
        do throws(RunError) {
            lockFD = open(staging + "/" + Self.lockName, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if lockFD < 0 { throw RunError("creating \(staging)/\(Self.lockName): \(ErrnoNames.text(errno))") }
            if flock(lockFD, LOCK_EX | LOCK_NB) != 0 { throw RunError("locking \(staging)/\(Self.lockName): \(ErrnoNames.text(errno))") }
            // 0755 whatever the umask: the overlay's root directory takes the upper
            // directory's mode, and a --run-as user must be able to enter it.
            for d in ["upper", "work", "root"] {
                let r = ExactMode.mkdir(staging + "/" + d, 0o755)
                if r != 0 { throw RunError("creating \(staging)/\(d): \(ErrnoNames.text(r))") }
            }
            try save(in: staging)
            if rename(staging, path) != 0 { throw RunError("renaming \(staging): \(ErrnoNames.text(errno))") }
        } catch {
            try? SafeRemove.tree(staging)
            if lockFD >= 0 { close(lockFD); lockFD = -1 }
            rmdir(base)
            throw error
        }
    }

    public var upper: String { path + "/upper" }
    public var work: String { path + "/work" }
    /// The mount point of the container's root (mounted only inside its mount namespace).
    public var root: String { path + "/root" }

    /// Records the run's cgroups. Called with a cgroup before it is made (the intent), so
    /// a SIGKILL between the mkdir and this write cannot leave a cgroup no state names.
    public func record(cgroups: [String]) throws(RunError) {
        state.cgroups = cgroups
        try save(in: path)
    }

    func save(in dir: String) throws(RunError) {
        let data: Data
        do { data = try JSONEncoder().encode(state) } catch { throw RunError("state: \(error)") }
        let tmp = dir + "/state.json.tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: data, attributes: [.posixPermissions: 0o600]),
              rename(tmp, dir + "/state.json") == 0 else {
            throw RunError("writing \(dir)/state.json: \(ErrnoNames.text(errno))")
        }
    }

    /// Removes the directory and everything in it (and the base directory when no
    /// other run is left in it), then lets go of the lock.
    public func remove() {
        // The state first: what is left if this is cut short is a directory without
        // cgroups to name, still locked until the fd is closed.
        unlink(path + "/state.json")
        try? SafeRemove.tree(path)
        if lockFD >= 0 { close(lockFD); lockFD = -1 }
        rmdir(Self.base)
    }

    deinit {
        if lockFD >= 0 { close(lockFD) }
    }

    static func startTime(_ pid: pid_t) -> UInt64? {
        // The comm between "(" and ")" is the task's choice: the fields start after the
        // last ")" byte (a comm ending in a prepended mark, U+0600, would join the kernel's
        // ")" into one Character).
        guard let bytes = ProcFS.read("/proc/\(pid)/stat"), let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = ScalarText.split(String(decoding: bytes[(close + 1)...], as: UTF8.self), " ")
        // After "pid (comm)": state is field 3, starttime field 22.
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    /// What `--cleanup` did or found.
    public struct CleanupReport: Sendable {
        public var removed: [String] = []
        public var running: [String] = []
        public var cgroups: [String] = []
    }

    /// Removes every run directory whose run is over: its lock can be taken (the run holds
    /// it for its whole life, so a run still starting or running is left alone), with the
    /// cgroups it recorded. A directory being made, caught between its mkdir and its lock,
    /// is judged by its maker's pid and start time (in its name): left while the maker
    /// lives, taken at once when it is gone. Any other directory without a lock (made by an
    /// older nstrace) is judged by its owner's pid and start time, and only taken when older
    /// than a minute.
    public static func cleanup() -> CleanupReport {
        var report = CleanupReport()
        let base = Self.base
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return report }
        let staging = Self.newPrefix
        for name in names.sorted() {
            let dir = base + "/" + name
            var st = stat()
            guard lstat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
            let isNew = name.hasPrefix(staging)
            let id = isNew ? (ScalarText.split(String(name.dropFirst(staging.count)), "-").first ?? name) : name
            let lock = open(dir + "/" + Self.lockName, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            defer { if lock >= 0 { close(lock) } }
            let state = FileManager.default.contents(atPath: dir + "/state.json")
                .flatMap { try? JSONDecoder().decode(State.self, from: $0) }
            if lock >= 0 {
                if flock(lock, LOCK_EX | LOCK_NB) != 0 {
                    report.running.append(id)
                    continue
                }
            } else if isNew, let maker = Self.maker(ofStaging: String(name.dropFirst(staging.count))) {
                // Made, not yet locked: its maker is in that window right now, or was killed
                // in it (its pid and start time are in the name).
                if let now = startTime(maker.pid), now == maker.start {
                    report.running.append(id)
                    continue
                }
            } else {
                let old = time(nil) - st.st_mtim.tv_sec > Self.unlockedGrace
                if let state, let start = startTime(state.owner), start == state.ownerStart {
                    report.running.append(id)
                    continue
                }
                if !old {
                    report.running.append(id)
                    continue
                }
            }
            for cg in state?.cgroups ?? [] where isCgroupPath(cg, name: id) {
                if access(cg, F_OK) == 0 {
                    ContainerCgroups.removeDirectory(cg)
                    report.cgroups.append(cg)
                }
            }
            try? SafeRemove.tree(dir)
            report.removed.append(id)
        }
        rmdir(base)  // only when empty
        return report
    }

    /// "ID-PID-START" (a staging directory's name after its prefix) → its maker.
    static func maker(ofStaging rest: String) -> (pid: pid_t, start: UInt64)? {
        let parts = ScalarText.split(rest, "-")
        guard parts.count == 3, let pid = pid_t(parts[1]), let start = UInt64(parts[2]) else { return nil }
        return (pid, start)
    }

    /// A recorded cgroup is only removed when it is a cgroup directory named for the run.
    static func isCgroupPath(_ path: String, name: String) -> Bool {
        path.hasPrefix("/sys/fs/cgroup/") && path.hasSuffix("/nstrace-" + name) && !path.contains("/../")
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
