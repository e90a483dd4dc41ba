// The event model: what the tracer saw, independent of how it is shown.
// Tracer → [TraceEvent] → printers (strace text, -c summary) and the record writer.

/// How a task came to be.
public enum TaskOrigin: String, Sendable, Codable, Equatable {
    /// The command nstrace started.
    case spawned
    /// A process attached with -p (or one of its threads).
    case attached
    case fork
    case vfork
    case clone
    case clone3
    /// Created by a clone event whose syscall could not be told.
    case unknown
}

/// A new task (process or thread) the tracer follows.
public struct TaskEvent: Sendable, Equatable, Codable {
    public var pid: Int32
    /// Thread-group id (the process id; equals pid for a process leader).
    public var tgid: Int32
    /// The task that created it; nil for the spawned command and attached tasks.
    public var ppid: Int32?
    public var via: TaskOrigin
    /// Seconds since the trace started.
    public var t: Double
    /// Its namespaces when first seen (version 2; nil in version 1 records).
    public var ns: NamespaceSet?
    /// Its pid in each pid namespace, outermost (the tracer's) first: [1236, 1].
    /// Empty when it could not be read (version 2; nil in version 1 records).
    public var nspid: [Int32]?
    public init(pid: Int32, tgid: Int32, ppid: Int32?, via: TaskOrigin, t: Double,
                ns: NamespaceSet? = nil, nspid: [Int32]? = nil) {
        self.pid = pid
        self.tgid = tgid
        self.ppid = ppid
        self.via = via
        self.t = t
        self.ns = ns
        self.nspid = nspid
    }
}

/// One of a task's namespace links changed (version 2).
public struct NamespaceEvent: Sendable, Equatable, Codable {
    public var pid: Int32
    public var t: Double
    public var kind: NamespaceKind
    public var from: UInt64
    public var to: UInt64
    /// The syscall that changed it: "unshare", "setns", "execve", or for a new task
    /// the parent's "clone"/"clone3"/"fork"/"vfork" (the namespace it was created in).
    public var cause: String
    /// That syscall as strace prints it, e.g. `unshare(CLONE_NEWUTS)`.
    public var call: String?
    public init(pid: Int32, t: Double, kind: NamespaceKind, from: UInt64, to: UInt64, cause: String, call: String?) {
        self.pid = pid
        self.t = t
        self.kind = kind
        self.from = from
        self.to = to
        self.cause = cause
        self.call = call
    }
}

/// A write to /proc/PID/uid_map, gid_map or setgroups (version 2).
public struct IDMapEvent: Sendable, Equatable, Codable {
    /// The writer.
    public var pid: Int32
    public var t: Double
    /// The process whose map was written.
    public var target: Int32
    /// "uid_map", "gid_map" or "setgroups".
    public var file: String
    /// What was written.
    public var data: String
    public init(pid: Int32, t: Double, target: Int32, file: String, data: String) {
        self.pid = pid
        self.t = t
        self.target = target
        self.file = file
        self.data = data
    }
}

/// One completed (or never completed) syscall.
public struct SyscallEvent: Sendable, Equatable, Codable {
    public var pid: Int32
    /// Seconds since start, at entry.
    public var t: Double
    public var name: String
    public var nr: Int64
    public var abi: SyscallABI
    /// Decoded arguments as strace prints them.
    public var args: [String]
    /// Raw return value; nil when the syscall did not return (exit, killed, superseded).
    public var ret: Int64?
    /// "ENOENT" when it failed.
    public var errno: String?
    /// Result as strace prints it after "= ".
    public var retText: String
    /// Seconds between entry and exit, when known.
    public var duration: Double?
    /// The arguments as typed values, by parameter name (version 3; nil in older records).
    public var params: SyscallParams?
    /// The result typed, where it is a pid, an fd, flags or a named value (version 3).
    public var retValue: SyscallValue?
    /// The files `-y` resolved, by descriptor number as text (`"3"`, `"AT_FDCWD"`) (version 3).
    public var fds: [String: String]?
    public init(pid: Int32, t: Double, name: String, nr: Int64, abi: SyscallABI, args: [String],
                ret: Int64?, errno: String?, retText: String, duration: Double?,
                params: SyscallParams? = nil, retValue: SyscallValue? = nil) {
        self.pid = pid
        self.t = t
        self.name = name
        self.nr = nr
        self.abi = abi
        self.args = args
        self.ret = ret
        self.errno = errno
        self.retText = retText
        self.duration = duration
        self.params = params
        self.retValue = retValue
    }

    /// Parameter `name`, typed (version 3 records).
    public func param(_ name: String) -> SyscallValue? { params?[name] }
}

/// A call's arguments as typed values, by parameter name, in the order strace shows them.
/// In a record: a JSON object (docs/record-format.md, "Typed values").
public struct SyscallParams: Sendable, Equatable, Codable {
    public var fields: [ParamField]
    public init(_ fields: [ParamField]) { self.fields = fields }

    public subscript(name: String) -> SyscallValue? { fields.first { $0.name == name }?.value }

    public init(from decoder: Decoder) throws {
        let v = try SyscallValue(from: decoder)
        guard case .structure(let fields, _) = v else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "params is not an object"))
        }
        self.fields = fields
    }

    public func encode(to encoder: Encoder) throws {
        try SyscallValue.structure(fields).encode(to: encoder)
    }
}

/// A signal delivered to a task (signal-delivery-stop), or a group-stop.
public struct SignalEvent: Sendable, Equatable, Codable {
    public var pid: Int32
    public var t: Double
    /// "SIGCHLD".
    public var signal: String
    /// The siginfo as strace prints it: "{si_signo=SIGCHLD, ...}", or nil for a stop.
    public var info: String?
    /// True for a group-stop ("--- stopped by SIGSTOP ---").
    public var stopped: Bool
    public init(pid: Int32, t: Double, signal: String, info: String?, stopped: Bool = false) {
        self.pid = pid
        self.t = t
        self.signal = signal
        self.info = info
        self.stopped = stopped
    }
}

/// A successful execve: the task now runs a new program. When a non-leader thread
/// execs, the kernel gives it the leader's pid: `pid` is the leader, `formerPid` the thread.
public struct ExecEvent: Sendable, Equatable, Codable {
    public var pid: Int32
    public var formerPid: Int32
    public var t: Double
    /// The executable (/proc/PID/exe after the exec), when readable.
    public var filename: String?
    public init(pid: Int32, formerPid: Int32, t: Double, filename: String?) {
        self.pid = pid
        self.formerPid = formerPid
        self.t = t
        self.filename = filename
    }
}

/// How a task ended.
public struct ExitEvent: Sendable, Equatable, Codable {
    public var pid: Int32
    public var t: Double
    /// Exit code when it exited.
    public var code: Int32?
    /// "SIGKILL" when a signal killed it.
    public var signal: String?
    public var coreDumped: Bool
    /// The pid of the thread whose execve replaced this task (strace's "superseded").
    public var supersededBy: Int32?
    /// True when nstrace detached and the task lives on (-p).
    public var detached: Bool
    /// Version 4 (trace --bpf): the task is gone but its exit was never seen (the ring buffer
    /// had no room for it), so neither its code nor a signal is known. Absent (nil) otherwise.
    public var lost: Bool?
    public init(pid: Int32, t: Double, code: Int32? = nil, signal: String? = nil,
                coreDumped: Bool = false, supersededBy: Int32? = nil, detached: Bool = false, lost: Bool? = nil) {
        self.lost = lost
        self.pid = pid
        self.t = t
        self.code = code
        self.signal = signal
        self.coreDumped = coreDumped
        self.supersededBy = supersededBy
        self.detached = detached
    }
}

/// Events the tracer did not see (trace --bpf, version 4): the kernel had no room for them
/// in its ring buffer, or skipped its programs. Never silent: the text and the record say
/// how many, of which task and when.
public struct LostEvent: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable {
        /// The ring buffer was full (--bpf-buffer sets its size).
        case ringBufferFull = "ring-buffer-full"
        /// The kernel did not run a program (one was running on that CPU already).
        case programSkipped = "program-skipped"
        /// Lines the flight recorder did not keep (--flight-recorder: only the newest SIZE
        /// bytes are kept); `count` is lines of the record, not events.
        case flightRecorder = "flight-recorder"
    }
    /// The task whose events were lost; nil when the kernel does not say (the total at the end).
    public var pid: Int32?
    /// When the loss was said.
    public var t: Double
    public var count: UInt64
    /// The times of the first and the last event lost, when known.
    public var from: Double?
    public var to: Double?
    public var reason: Reason
    public init(pid: Int32?, t: Double, count: UInt64, from: Double?, to: Double?, reason: Reason) {
        self.pid = pid
        self.t = t
        self.count = count
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// Everything a trace is made of, in the order the tracer saw it.
public enum TraceEvent: Sendable, Equatable {
    case task(TaskEvent)
    case syscall(SyscallEvent)
    case signal(SignalEvent)
    case exec(ExecEvent)
    case exit(ExitEvent)
    case namespace(NamespaceEvent)
    case idmap(IDMapEvent)
    case lost(LostEvent)

    public var pid: Int32 {
        switch self {
        case .lost(let e): return e.pid ?? 0
        case .namespace(let e): return e.pid
        case .idmap(let e): return e.pid
        case .task(let e): return e.pid
        case .syscall(let e): return e.pid
        case .signal(let e): return e.pid
        case .exec(let e): return e.pid
        case .exit(let e): return e.pid
        }
    }
}
