import NSCore
import CShim
import Glibc

/// Starting the command to trace: PATH lookup as execvp does it, then a child that
/// stops itself before execve so the tracer can seize it (the fork/exec part is C).
public enum Spawn {
    public struct LaunchError: Error, CustomStringConvertible, Equatable {
        public var command: String
        public var errno: Int32
        public init(command: String, errno: Int32) {
            self.command = command
            self.errno = errno
        }
        /// 127 when not found, 126 when found but not executable (as shells).
        public var exitCode: Int32 { errno == ENOENT || errno == ENOTDIR ? 127 : 126 }
        public var description: String {
            if errno & NS_SPAWN_USER_FAILED != 0 {
                return "cannot run '\(command)' as the user of -u: \(ErrnoNames.text(errno & ~NS_SPAWN_USER_FAILED))"
            }
            return "cannot execute '\(command)': \(ErrnoNames.text(errno))"
        }
    }

    /// Who the command runs as (`trace -u USER`, strace's -u): the user's uid, gid and
    /// supplementary groups from the user database; a set-user-ID (set-group-ID) program
    /// keeps its owner (group) as its effective uid (gid), as strace does.
    public struct User: Equatable, Sendable {
        public var name: String
        public var uid: uid_t
        public var gid: gid_t
        public var euid: uid_t
        public var egid: gid_t
        public var groups: [gid_t]

        public enum LookupError: Error, Equatable, CustomStringConvertible {
            case notRoot
            case noSuchUser(String)
            public var description: String {
                switch self {
                case .notRoot: return "-u needs root (a command is started as another user by root only)"
                case .noSuchUser(let n): return "-u \(n): no such user"
                }
            }
        }

        /// `name` from the user database (getpwnam_r, getgrouplist), for running `program`.
        public static func lookup(_ name: String, program: String) throws(LookupError) -> User {
            guard getuid() == 0 && geteuid() == 0 else { throw .notRoot }
            var pw = passwd()
            var result: UnsafeMutablePointer<passwd>?
            var buf = [CChar](repeating: 0, count: 16384)
            guard getpwnam_r(name, &pw, &buf, buf.count, &result) == 0, result != nil else { throw .noSuchUser(name) }
            var count: Int32 = 64
            var groups = [gid_t](repeating: 0, count: Int(count))
            // -1 with `count` set to how many there are: again with room for them all.
            var found = getgrouplist(name, pw.pw_gid, &groups, &count)
            while found < 0 && Int(count) > groups.count {
                groups = [gid_t](repeating: 0, count: Int(count))
                found = getgrouplist(name, pw.pw_gid, &groups, &count)
            }
            // Never more than the database said (a failure leaves only the user's own group).
            let list = found < 0 ? [pw.pw_gid] : Array(groups.prefix(min(Int(count), groups.count)))
            var u = User(name: name, uid: pw.pw_uid, gid: pw.pw_gid, euid: pw.pw_uid, egid: pw.pw_gid, groups: list)
            var st = stat()
            if stat(program, &st) == 0 {
                if st.st_mode & S_ISUID != 0 { u.euid = st.st_uid }
                if st.st_mode & S_ISGID != 0 { u.egid = st.st_gid }
            }
            return u
        }
    }

    /// The path execve will get: `name` itself when it has a slash, else the first
    /// executable regular file named so in $PATH.
    public static func resolve(_ name: String, path: String?) throws(LaunchError) -> String {
        if name.isEmpty { throw LaunchError(command: name, errno: ENOENT) }
        if name.contains("/") {
            try check(name, command: name)
            return name
        }
        var firstError: Int32 = ENOENT
        let dirs = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false)
        for dir in dirs {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
            do {
                try check(candidate, command: name)
                return candidate
            } catch {
                if error.errno != ENOENT && error.errno != ENOTDIR && firstError == ENOENT {
                    firstError = error.errno
                }
            }
        }
        throw LaunchError(command: name, errno: firstError)
    }

    private static func check(_ path: String, command: String) throws(LaunchError) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw LaunchError(command: command, errno: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw LaunchError(command: command, errno: EACCES) }
        guard access(path, X_OK) == 0 else { throw LaunchError(command: command, errno: errno) }
    }

    public struct Child {
        public let pid: pid_t
        /// Read end of the exec-error pipe (see ns_spawn_stopped).
        public let errorPipe: Int32
        public init(pid: pid_t, errorPipe: Int32) {
            self.pid = pid
            self.errorPipe = errorPipe
        }
    }

    /// Forks a child that is stopped (SIGSTOP) before it execs `path`. The caller
    /// waits for the stop, seizes it and sends SIGCONT.
    /// With `filter`, the child installs that seccomp BPF program before execve.
    /// With `user`, it becomes that user after the filter, before execve.
    public static func stoppedChild(path: String, argv: [String], env: [String],
                                    filter: [UInt8]? = nil, user: User? = nil) throws(SystemError) -> Child {
        var errFD: Int32 = -1
        let groups = user?.groups ?? []
        let pid: pid_t = withCStrings(argv) { cargv in
            withCStrings(env) { cenv in
                let bytes = filter ?? []
                return bytes.withUnsafeBytes { f in
                    groups.withUnsafeBufferPointer { g in
                        var who = user.map {
                            ns_spawn_user(uid: $0.uid, euid: $0.euid, gid: $0.gid, egid: $0.egid,
                                          ngroups: Int32(g.count), groups: g.baseAddress)
                        }
                        let count = UInt16(bytes.count / 8)
                        if who != nil {
                            return ns_spawn_stopped_as(path, cargv, cenv, &errFD, count > 0 ? f.baseAddress : nil, count, &who!)
                        }
                        return ns_spawn_stopped_as(path, cargv, cenv, &errFD, count > 0 ? f.baseAddress : nil, count, nil)
                    }
                }
            }
        }
        guard pid > 0 else { throw SystemError("fork") }
        return Child(pid: pid, errorPipe: errFD)
    }

    /// Calls `body` with a NULL-terminated char* array of `strings`.
    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var ptrs: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        ptrs.append(nil)
        defer { for p in ptrs { free(p) } }
        return ptrs.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
