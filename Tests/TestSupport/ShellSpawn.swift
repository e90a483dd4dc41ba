import Foundation
import Glibc

/// Starting a program as a shell does (signals unblocked and at their defaults, stdio on
/// /dev/null), for the fault loops that signal nstrace at random moments. Not Foundation's
/// `Process`: it can miss the exit of a child killed a moment after it started, and it
/// started children with SIGINT and SIGTERM not ending them.
public enum ShellSpawn {
    public static func spawn(_ path: String, _ args: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        let env: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, env)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }

    /// How a process ended: an exit status or a signal.
    public struct Ended: CustomStringConvertible {
        public var code: Int32?
        public var signal: Int32?
        public init(code: Int32? = nil, signal: Int32? = nil) {
            self.code = code
            self.signal = signal
        }
        public var description: String { code.map { "exit status \($0)" } ?? "signal \(signal ?? 0)" }
    }

    /// Waits up to `seconds` for `pid` to end and reaps it; nil if it still runs.
    public static func reap(_ pid: pid_t, within seconds: Double) -> Ended? {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                // WIFEXITED and friends are macros Swift does not import.
                let sig = status & 0x7f
                return sig == 0 ? Ended(code: (status >> 8) & 0xff) : Ended(signal: sig)
            }
            if r < 0 && errno != EINTR { return Ended(code: -1) }
            usleep(2_000)
        }
        return nil
    }
}
