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
            "cannot execute '\(command)': \(ErrnoNames.text(errno))"
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
    public static func stoppedChild(path: String, argv: [String], env: [String],
                                    filter: [UInt8]? = nil) throws(SystemError) -> Child {
        var errFD: Int32 = -1
        let pid: pid_t = withCStrings(argv) { cargv in
            withCStrings(env) { cenv in
                if let filter, !filter.isEmpty {
                    return filter.withUnsafeBytes {
                        ns_spawn_stopped_filtered(path, cargv, cenv, &errFD, $0.baseAddress, UInt16(filter.count / 8))
                    }
                }
                return ns_spawn_stopped(path, cargv, cenv, &errFD)
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
