import CShim
import FoundationEssentials
import Glibc
import NSCore
import NSLinux

/// The command's stdout and stderr through two pipes, drained by a thread of their own
/// while the tracer's loop runs (a full pipe would stop the command); stdin is /dev/null,
/// so the two runs of a comparison read the same (nothing).
public final class OutputCapture: @unchecked Sendable {
    /// What was read from one stream: the first `limit` bytes, and how many there were.
    public struct Stream: Sendable {
        public var bytes: [UInt8] = []
        public var total = 0
        public var truncated: Bool { total > bytes.count }
    }

    let limit: Int
    let devNull: Int32
    var readEnds: [Int32] = []
    var writeEnds: [Int32] = []
    let lock = Condition()
    var streams = [Stream(), Stream()]
    var stopping = false
    var done = false

    public init(limit: Int = 1 << 20) throws(SystemError) {
        self.limit = limit
        devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard devNull >= 0 else { throw SystemError("open /dev/null") }
        for _ in 0..<2 {
            var fds: [Int32] = [-1, -1]
            guard ns_pipe_cloexec(&fds) == 0 else {
                let e = SystemError("pipe")
                close(devNull)
                for fd in readEnds + writeEnds { close(fd) }
                throw e
            }
            readEnds.append(fds[0])
            writeEnds.append(fds[1])
        }
        do {
            try OSThread.detach(name: "nstrace-output") { [self] in drain() }
        } catch {
            close(devNull)
            for fd in readEnds + writeEnds { close(fd) }
            throw error
        }
    }

    /// stdin, stdout, stderr for the child.
    public var standardStreams: [Int32] { [devNull, writeEnds[0], writeEnds[1]] }

    /// Once the child is forked: the child holds the write ends; ours must go, or the
    /// pipes would never report end of file.
    public func childStarted() {
        for fd in writeEnds { close(fd) }
        writeEnds = []
        close(devNull)
    }

    func drain() {
        var open = [true, true]
        var buf = [UInt8](repeating: 0, count: 65536)
        while open.contains(true) {
            var fds = (0..<2).map { pollfd(fd: open[$0] ? readEnds[$0] : -1, events: Int16(POLLIN), revents: 0) }
            let n = poll(&fds, 2, 100)
            if n < 0 && errno != EINTR { break }
            var got = false
            for i in 0..<2 where open[i] && fds[i].revents != 0 {
                let r = read(readEnds[i], &buf, buf.count)
                if r > 0 {
                    got = true
                    lock.lock()
                    let keep = max(0, min(r, limit - streams[i].bytes.count))
                    streams[i].bytes.append(contentsOf: buf[0..<keep])
                    streams[i].total += r
                    lock.unlock()
                } else if r == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[i] = false
                }
            }
            lock.lock()
            let stop = stopping && !got && n == 0
            lock.unlock()
            if stop { break }
        }
        lock.lock()
        done = true
        lock.signal()
        lock.unlock()
    }

    /// After the trace: what was captured. Waits for end of file, or, if something that
    /// escaped the trace still holds a pipe, until it has been quiet for a moment.
    public func finish() -> (stdout: Stream, stderr: Stream) {
        if !writeEnds.isEmpty { childStarted() }
        lock.lock()
        stopping = true
        while !done { lock.wait(until: Condition.now + 0.2) }
        let out = (streams[0], streams[1])
        lock.unlock()
        for fd in readEnds { close(fd) }
        readEnds = []
        return out
    }
}

/// `--timeout`: when a side runs too long, every process nstrace traces is killed
/// (SIGKILL); the tracer then sees them end as usual. Only tracees of this nstrace are
/// touched (TracerPid in /proc/PID/status), so a pid reused meanwhile is safe.
public final class Watchdog: @unchecked Sendable {
    public let seconds: Double
    let lock = Condition()
    var deadline: Double?
    var armed = false
    var finished = false
    public private(set) var fired = false

    /// The longest `--timeout` (docs/security.md): about 11.6 days.
    public static let maxSeconds: Double = 1_000_000

    /// `seconds` is what `compare --timeout` allows (finite, > 0, at most `maxSeconds`);
    /// anything else is taken as that bound (NaN too) rather than trusted.
    public init(seconds: Double) throws(SystemError) {
        self.seconds = seconds > 0 ? min(seconds, Self.maxSeconds) : seconds.isNaN ? Self.maxSeconds : 0
        try OSThread.detach(name: "nstrace-timeout") { [self] in watch() }
    }

    /// The side started now.
    public func arm() {
        lock.lock()
        armed = true
        fired = false
        deadline = Condition.now + seconds
        lock.signal()
        lock.unlock()
    }

    /// The side ended: whether it was killed for running too long.
    public func disarm() -> Bool {
        lock.lock()
        armed = false
        let f = fired
        lock.unlock()
        return f
    }

    /// Ends the watching thread.
    public func stop() {
        lock.lock()
        finished = true
        armed = false
        lock.signal()
        lock.unlock()
    }

    func watch() {
        lock.lock()
        while !finished {
            if armed, let d = deadline {
                if Condition.now >= d {
                    fired = true
                    lock.unlock()
                    Self.killTracees()
                    lock.lock()
                    // Again until the side is over (a fork may have slipped through).
                    lock.wait(until: Condition.now + 0.1)
                } else {
                    lock.wait(until: d)
                }
            } else {
                lock.wait()
            }
        }
        lock.unlock()
    }

    static func killTracees() {
        let me = String(getpid())
        for pid in ProcFS.pids() where ProcFS.statusField(pid, "TracerPid") == me {
            kill(pid, SIGKILL)
        }
    }
}

/// What the command is, read from /proc while it is stopped at its exec: the facts of a
/// comparison that a record does not hold.
extension ProcessIdentity {
    public static func read(_ pid: pid_t) -> ProcessIdentity {
        var f = ProcessIdentity()
        // As bytes (ProcStatus): a comm ending in "\r" must not swallow the next line.
        let status = ProcFS.read("/proc/\(pid)/status") ?? []
        func field(_ name: String, in status: [UInt8]) -> [String] {
            guard let value = ProcStatus.field(status, name) else { return [] }
            return ScalarText.split(value, "\t").flatMap { ScalarText.split($0, " ") }
        }
        let nspid = field("NSpid", in: status).compactMap { Int32($0) }
        f.pid = nspid.last
        f.uid = field("Uid", in: status).first.flatMap { UInt32($0) }
        f.gid = field("Gid", in: status).first.flatMap { UInt32($0) }
        if let ppid = field("PPid", in: status).first.flatMap({ Int32($0) }) {
            if ppid == 0 {
                f.ppid = 0
            } else {
                let parent = field("NSpid", in: ProcFS.read("/proc/\(ppid)/status") ?? []).compactMap { Int32($0) }
                let depth = nspid.count
                f.ppid = depth > 0 && parent.count >= depth ? parent[depth - 1] : 0
            }
        }
        f.root = ProcFS.readLink("/proc/\(pid)/root")
        f.cwd = ProcFS.readLink("/proc/\(pid)/cwd")
        if let text = ProcFS.readText("/proc/\(pid)/mountinfo") {
            for line in ScalarText.lines(text) {
                let parts = ScalarText.split(line, " ")
                guard parts.count > 4, parts[4] == "/", let dash = parts.firstIndex(where: { $0 == "-" }), dash + 2 < parts.count else { continue }
                // File system, source, and the directory of it mounted there when that
                // is not its top (a bind mount, as a container's root often is).
                f.rootMount = "\(parts[dash + 1]) \(parts[dash + 2])" + (parts[3] == "/" ? "" : " \(parts[3])")
            }
        }
        f.hostname = hostname(of: pid)
        return f
    }

    /// The hostname of the process's uts namespace: this thread enters it for a moment.
    static func hostname(of pid: pid_t) -> String? {
        func uname() -> String? {
            var u = utsname()
            guard Glibc.uname(&u) == 0 else { return nil }
            return withUnsafeBytes(of: u.nodename) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let theirs = ProcFS.readLink("/proc/\(pid)/ns/uts")
        if theirs == nil || theirs == ProcFS.readLink("/proc/thread-self/ns/uts") { return uname() }
        let home = open("/proc/thread-self/ns/uts", O_RDONLY | O_CLOEXEC)
        guard home >= 0 else { return nil }
        defer { close(home) }
        let target = open("/proc/\(pid)/ns/uts", O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { return nil }
        defer { close(target) }
        let flag = Int32(truncatingIfNeeded: NamespaceKind.uts.cloneFlag)
        guard ns_setns(target, flag) == 0 else { return nil }
        let name = uname()
        if ns_setns(home, flag) != 0 {
            // Never carry on in the wrong namespace.
            fatalError("nstrace: cannot return to the original uts namespace")
        }
        return name
    }
}
