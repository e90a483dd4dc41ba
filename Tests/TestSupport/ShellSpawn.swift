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

    /// Runs `path args` to completion (SIGKILLed after `timeout` seconds) with a signal state
    /// of the test's choosing: the signals in `ignoring` ignored (set by `sh`'s `trap '' N`,
    /// which then execs the program), those in `blocking` blocked, every other signal at its
    /// default action and unblocked, whatever the test process has. Stdin is /dev/null;
    /// stdout and stderr are collected through files.
    public static func run(_ path: String, _ args: [String], ignoring: [Int32], blocking: [Int32],
                           timeout: Double = 60) throws -> Subprocess.Result {
        let dir = Subprocess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout").path, err = dir.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var mask = sigset_t(), defaults = sigset_t()
        sigemptyset(&mask)
        for s in blocking { sigaddset(&mask, s) }
        sigemptyset(&defaults)
        for s: Int32 in 1..<32 where s != SIGKILL && s != SIGSTOP { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attr, &mask)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let trap = ignoring.isEmpty ? "" : "trap '' " + ignoring.map(String.init).joined(separator: " ") + "; "
        let argv: [UnsafeMutablePointer<CChar>?] = (["/bin/sh", "-c", trap + "exec \"$@\"", "sh", path] + args).map { strdup($0) } + [nil]
        let env: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, env)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var ended = reap(pid, within: timeout)
        let timedOut = ended == nil
        if timedOut {
            kill(pid, SIGKILL)
            ended = reap(pid, within: 10)
        }
        let read = { (p: String) in String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self) }
        let status = ended.map { $0.code ?? 128 + ($0.signal ?? 0) } ?? -1
        return Subprocess.Result(status: status, stdout: read(out), stderr: read(err), timedOut: timedOut)
    }
}
