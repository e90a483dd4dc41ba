import ArgumentParser
import NSBPF

/// `--bpf` and its ring buffer (docs/bpf.md), for `trace` and `run`.
struct BPFOptions: ParsableArguments {
    @Flag(name: .customLong("bpf"),
          help: "Trace with eBPF programs in the kernel instead of ptrace: nothing is stopped, the command runs near its own speed (docs/bpf.md). Needs root, or CAP_BPF and CAP_PERFMON, and a kernel with BTF.")
    var enabled = false

    @Option(name: .customLong("bpf-buffer"),
            help: ArgumentHelp("The ring buffer of --bpf (default 16M; K, M, G suffixes; rounded up to a power of two). What does not fit is lost, and said.", valueName: "size"))
    var buffer: String?

    @Option(name: .customLong("bpf-attach"),
            help: ArgumentHelp("How --bpf's programs see calls: 'calls' attaches them to each selected call's own tracepoint (up to 64 calls, as -e trace=%namespace: the others cost almost nothing; 32-bit calls are not seen; about 40 ms per call at the end), 'raw' to the raw syscall tracepoints (every call); 'auto' (the default) is 'calls' for -p, --container and --cgroup with a few calls, 'raw' otherwise (docs/bpf.md).", valueName: "how"))
    var attach: BPFSession.Attach = .auto

    /// The default ring buffer: 16 MiB.
    static let defaultBytes: UInt32 = 16 << 20

    /// `--bpf-buffer` in bytes: a power of two from 4 KiB (a page) to 1 GiB.
    func ringBytes() throws -> UInt32 {
        guard let text = buffer else { return Self.defaultBytes }
        guard let n = BPFSession.parseSize(text) else {
            throw ValidationError("--bpf-buffer: '\(text)' is not a size (a number of bytes, or with K, M or G).")
        }
        guard n >= 4096, n <= 1 << 30 else { throw ValidationError("--bpf-buffer takes 4K to 1G.") }
        var p: UInt64 = 4096
        while p < n { p <<= 1 }
        return UInt32(p)
    }

    func validate() throws {
        if !enabled, buffer != nil { throw ValidationError("--bpf-buffer needs --bpf.") }
        if !enabled, attach != .auto { throw ValidationError("--bpf-attach needs --bpf.") }
        _ = try ringBytes()
    }
}

/// What only `trace --bpf` has: a whole container's pid namespace or a cgroup as the target,
/// and the flight recorder.
struct BPFTargetOptions: ParsableArguments {
    @Option(name: .customLong("container"),
            help: ArgumentHelp("With --bpf: trace every task in the pid namespace of process PID (a running container's), and those that enter it later.", valueName: "pid"),
            completion: PIDCompletion.kind)
    var container: Int32?

    @Option(name: .customLong("cgroup"),
            help: ArgumentHelp("With --bpf: trace every task in this cgroup v2 directory and those below it.", valueName: "path"))
    var cgroup: String?

    @Option(name: .customLong("flight-recorder"),
            help: ArgumentHelp("With --bpf: keep only the newest SIZE of the trace and of the record in memory (K, M, G suffixes), and write them out when the command or container ends badly (non-zero, killed) or when nstrace gets SIGUSR1.", valueName: "size"))
    var flightRecorder: String?

    var hasTarget: Bool { container != nil || cgroup != nil }

    /// `--flight-recorder` in bytes (4K to 1G), nil without it.
    func flightRecorderBytes() throws -> Int? {
        guard let text = flightRecorder else { return nil }
        guard let n = BPFSession.parseSize(text) else {
            throw ValidationError("--flight-recorder: '\(text)' is not a size (a number of bytes, or with K, M or G).")
        }
        guard n >= 4096, n <= 1 << 30 else { throw ValidationError("--flight-recorder takes 4K to 1G.") }
        return Int(n)
    }

    func validate() throws {
        _ = try flightRecorderBytes()
        if container != nil && cgroup != nil { throw ValidationError("Give --container or --cgroup, not both.") }
        if let c = container, c <= 0 { throw ValidationError("--container: invalid process id '\(c)'.") }
    }
}

extension BPFSession.Attach: ExpressibleByArgument {}
