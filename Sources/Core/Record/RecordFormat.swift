/// The `--record` JSON Lines format (docs/record-format.md). A public contract:
/// readers check `format` and `version`; any change to the meaning of a field needs a
/// version bump.
public enum RecordFormat {
    public static let name = "nstrace-record"
    /// 2: task lines carry `ns` and `nspid`; `ns` and `idmap` lines.
    /// 3: syscall lines carry `params`, `retValue` and `fds`: the arguments typed.
    /// 4: the header says which `backend` traced (ptrace, bpf); `lost` lines.
    public static let version = 4
    /// The oldest version this reader still reads.
    public static let oldestReadable = 1
}

/// The first line of a record.
public struct RecordHeader: Sendable, Equatable, Codable {
    public var format: String = RecordFormat.name
    public var version: Int = RecordFormat.version
    /// The traced command's argv (empty with -p).
    public var command: [String]
    /// The pids attached with -p (empty when a command was started).
    public var attached: [Int32]
    /// Start time, RFC 3339 UTC, and the same as seconds since the epoch.
    public var start: String
    public var startEpoch: Double
    /// uname: release and machine of the tracing host; its hostname.
    public var kernel: String
    public var machine: String
    public var hostname: String
    /// The nstrace version that wrote it.
    public var tool: String
    /// How it was traced: "ptrace", or "bpf" (trace --bpf); nil in records before version 4.
    public var backend: String?

    public init(command: [String], attached: [Int32], start: String, startEpoch: Double,
                kernel: String, machine: String, hostname: String, tool: String, backend: String? = "ptrace") {
        self.backend = backend
        self.command = command
        self.attached = attached
        self.start = start
        self.startEpoch = startEpoch
        self.kernel = kernel
        self.machine = machine
        self.hostname = hostname
        self.tool = tool
    }
}

/// The last line of a complete record.
public struct RecordEnd: Sendable, Equatable, Codable {
    public var t: Double
    /// nstrace's exit status (the traced command's).
    public var status: Int32
    /// Why tracing ended: "exited", "interrupted" (a signal to nstrace), "detached".
    public var reason: String
    public init(t: Double, status: Int32, reason: String) {
        self.t = t
        self.status = status
        self.reason = reason
    }
}

/// One line of a record.
public enum RecordLine: Sendable, Equatable {
    case header(RecordHeader)
    case event(TraceEvent)
    case end(RecordEnd)
}
