/// `-P PATH`: only the calls that touch one of the paths, as strace's pathtrace.c decides
/// it at a call's entry: a path argument equal to one of them (byte for byte), or a
/// descriptor argument whose file (`/proc/PID/fd/N`) is one of them. Which arguments are
/// paths and descriptors follows strace's table; the others are judged by their first
/// argument (a path for a `%file` call, a descriptor for `%desc` and `%network` ones), and
/// a call of none of those classes never matches.
public struct PathFilter: Sendable, Equatable {
    /// The paths given, each followed by what it resolves to when that differs.
    public private(set) var paths: [String] = []

    public init() {}

    /// Adds `path` and, when it differs, `resolved` (its realpath). Returns `resolved`
    /// when it was added (strace says "Requested path P resolved into R").
    @discardableResult
    public mutating func add(_ path: String, resolved: String?) -> String? {
        if !paths.contains(path) { paths.append(path) }
        guard let resolved, resolved != path else { return nil }
        if !paths.contains(resolved) { paths.append(resolved) }
        return resolved
    }

    public var isEmpty: Bool { paths.isEmpty }

    /// PATH_MAX: the longest path read from the tracee.
    static let pathMax = 4096

    /// Whether call `name` (of `classes`) with `args` touches a selected path; `memory`
    /// reads its path arguments, `fdPath` names what a descriptor refers to.
    public func matches(name: String, abi: SyscallABI, classes: SyscallClasses, args: SyscallArgs,
                        memory: TraceeMemory, fdPath: (Int64) -> String?) -> Bool {
        guard !classes.intersection([.file, .desc, .network]).isEmpty else { return false }
        let word = abi == .i386 ? 4 : 8
        func fd(_ i: Int) -> Bool { fdMatches(Int64(Int32(truncatingIfNeeded: args[i])), fdPath) }
        func fdValue(_ v: UInt64) -> Bool { fdMatches(Int64(Int32(truncatingIfNeeded: v)), fdPath) }
        func path(_ i: Int) -> Bool { pathMatches(args[i], memory) }
        switch name {
        case "dup2", "dup3", "kexec_file_load", "sendfile", "sendfile64", "tee":
            return fd(0) || fd(1)
        case "execveat", "faccessat", "faccessat2", "fchmodat", "fchmodat2", "fchownat", "file_getattr",
             "file_setattr", "fspick", "fstatat64", "futimesat", "getxattrat", "inotify_add_watch",
             "listxattrat", "mkdirat", "mknodat", "mount_setattr", "name_to_handle_at", "newfstatat",
             "open_tree", "open_tree_attr", "openat", "openat2", "readlinkat", "removexattrat",
             "setxattrat", "statx", "unlinkat", "utimensat", "utimensat_time64":
            return fd(0) || path(1)
        case "link", "mount", "pivot_root":
            return path(0) || path(1)
        case "quotactl", "symlink":
            return path(1)
        case "linkat", "move_mount", "renameat2", "renameat":
            return fd(0) || fd(2) || path(1) || path(3)
        case "mmap" where abi == .i386:
            // old_mmap: the six arguments in memory.
            guard let b = memory.read(at: args[0], count: 6 * 4) else { return false }
            return fdValue(word32(b, 4))
        case "mmap", "mmap2":
            return fd(4)
        case "symlinkat":
            return fd(1) || path(2)
        case "copy_file_range", "splice":
            return fd(0) || fd(2)
        case "epoll_ctl":
            return fd(2)
        case "fanotify_mark":
            // The 64-bit mask takes two arguments on i386.
            let n = abi == .i386 ? 4 : 3
            return fd(n) || path(n + 1)
        case "select" where abi == .i386:
            // oldselect: the five arguments in memory.
            guard let b = memory.read(at: args[0], count: 5 * 4) else { return false }
            return selectMatches((0..<4).map { word32(b, $0) }, word: 4, memory, fdPath)
        case "select", "_newselect", "pselect6", "pselect6_time64":
            return selectMatches([args[0], args[1], args[2], args[3]], word: word, memory, fdPath)
        case "poll", "ppoll", "ppoll_time64":
            let nfds = min(UInt32(truncatingIfNeeded: args[1]), 1024 * 1024)
            guard nfds > 0 else { return false }
            for k in 0..<UInt64(nfds) {
                guard let b = memory.read(at: args[0] &+ k * 8, count: 8) else { break }
                if fdValue(word32(b, 0)) { return true }
            }
            return false
        case "fsconfig":
            switch UInt32(truncatingIfNeeded: args[1]) {
            case 3, 4: return fd(4) || path(3) // FSCONFIG_SET_PATH, FSCONFIG_SET_PATH_EMPTY
            case 5: return fd(4) // FSCONFIG_SET_FD
            default: return false
            }
        case "bpf", "epoll_create", "epoll_create1", "eventfd2", "eventfd", "fanotify_init", "fsopen",
             "inotify_init", "inotify_init1", "io_uring_setup", "landlock_create_ruleset", "memfd_create",
             "memfd_secret", "mq_open", "perf_event_open", "pidfd_open", "pipe", "pipe2", "socket",
             "socketpair", "timerfd_create", "userfaultfd":
            // File, descriptor or network calls without a path or descriptor argument.
            return false
        default:
            if classes.contains(.file) { return path(0) }
            return fd(0)
        }
    }

    func fdMatches(_ fd: Int64, _ fdPath: (Int64) -> String?) -> Bool {
        guard fd >= 0, let p = fdPath(fd) else { return false }
        return paths.contains(p)
    }

    func pathMatches(_ address: UInt64, _ memory: TraceeMemory) -> Bool {
        guard address != 0, let s = memory.readCString(at: address, limit: Self.pathMax + 1), s.terminated else { return false }
        return paths.contains { Array($0.utf8) == s.bytes }
    }

    /// select's descriptor sets (arguments 1 to 3, `nfds` bits each).
    func selectMatches(_ a: [UInt64], word: Int, _ memory: TraceeMemory, _ fdPath: (Int64) -> String?) -> Bool {
        let nfds = min(Int(Int32(truncatingIfNeeded: a[0])), 1024 * 1024)
        guard nfds > 0 else { return false }
        let size = ((nfds + 7) / 8 + word - 1) & -word
        for i in 1...3 where a[i] != 0 {
            guard let b = memory.read(at: a[i], count: size) else { continue }
            for j in 0..<nfds where b[j / 8] & (1 << UInt8(j % 8)) != 0 {
                if fdMatches(Int64(j), fdPath) { return true }
            }
        }
        return false
    }

    func word32(_ b: [UInt8], _ i: Int) -> UInt64 {
        UInt64(b[4 * i]) | UInt64(b[4 * i + 1]) << 8 | UInt64(b[4 * i + 2]) << 16 | UInt64(b[4 * i + 3]) << 24
    }
}
