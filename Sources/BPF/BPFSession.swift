import CBPF
import Glibc
import NSCore
import NSLinux

/// Who reads the programs' events (BPFTracer).
protocol BPFEventHandler: AnyObject {
    func handle(_ raw: UnsafeRawBufferPointer)
}

/// The loaded BPF programs: the typed side of the C shim (Sources/CBPF/include/nsbpf.h).
/// Every program, map and link is held by this process's descriptors only (nothing is
/// pinned): `close()`, the process's exit or a SIGKILL frees them all.
public final class BPFSession {
    public struct Options {
        public enum Follow {
            /// The tasks given to `follow`, and (with children) what they create.
            case tree(children: Bool)
            /// Every task of a pid namespace (its inode and level), and of those below it.
            case pidNamespace(inode: UInt64, level: UInt32)
            /// Every task of a cgroup v2 directory (an open descriptor of it) and below.
            case cgroup(fd: Int32)
        }
        public var follow: Follow
        /// The ring buffer's size in bytes (a power of two, at least a page).
        public var ringBytes: UInt32
        /// nstrace's pid namespace level (its pids are the ones written).
        public var level: UInt32 = 0
        /// The calls whose own tracepoints to attach to instead of the raw ones, by the name of
        /// their tracepoints, if the kernel has them all (`attach` says what else may be done).
        public var calls: [String] = []
        public var attach: Attach = .auto
        /// -e trace= leaves calls out: the programs look at each call's number before the
        /// task (the calls left out cost a load each).
        public var filtered = false
        /// Whether calls' events carry timestamps (off when nothing shown or written needs
        /// them: two clock reads per call are a tenth of a syscall-heavy tracee's time).
        public var clock = true
        /// -yy: descriptors' files are read with what strace shows beyond their paths.
        public var fdDetails = false
        /// -y or -P: descriptors inside structures and arrays are read.
        public var fds = false
        /// -Y: the tasks' names, and each change of them.
        public var comm = false

        public init(follow: Follow, ringBytes: UInt32) {
            self.follow = follow
            self.ringBytes = ringBytes
        }
    }

    /// How the programs see syscalls (--bpf-attach, docs/bpf.md "How the programs attach").
    public enum Attach: String, CaseIterable, Sendable {
        /// Each selected call's own tracepoints for a target already running when the calls
        /// are few and all have them, else the raw syscall tracepoints (BPFTracer decides).
        case auto
        /// Each selected call's own tracepoints (syscalls:sys_enter_NAME): an error when
        /// that cannot be done.
        case calls
        /// The raw syscall tracepoints: every call of a followed task runs the programs.
        case raw
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private var session: OpaquePointer?
    /// Given each event's bytes (valid only during the call). Not retained: it owns the
    /// session and closes it before it goes (and no count is taken per event: the
    /// events come a million a second).
    private unowned(unsafe) let handler: BPFEventHandler

    /// Loads the programs (libbpf first). Not attached yet: fill the table, then `attach()`.
    init(options: Options, handler: BPFEventHandler) throws(Failure) {
        self.handler = handler
        do { try Library.bpf.load() } catch { throw Failure(description: error.description) }
        var o = nsb_options()
        o.ring_bytes = options.ringBytes
        o.wakeup_bytes = Self.wakeupBytes(ring: options.ringBytes)
        o.level = options.level
        o.self_tgid = UInt32(bitPattern: getpid())
        o.cgroup_fd = -1
        switch options.follow {
        case .tree(let children):
            o.mode = UInt32(NSB_FOLLOW_TREE)
            o.follow_children = children ? 1 : 0
        case .pidNamespace(let inode, let level):
            o.mode = UInt32(NSB_FOLLOW_PIDNS)
            o.follow_children = 1
            o.pidns = inode
            o.pidns_level = level
        case .cgroup(let fd):
            o.mode = UInt32(NSB_FOLLOW_CGROUP)
            o.follow_children = 1
            o.cgroup_fd = fd
        }
        var err = [CChar](repeating: 0, count: 512)
        var s: OpaquePointer?
        let ctx = Unmanaged.passUnretained(self).toOpaque()
        if options.attach == .calls, options.calls.isEmpty {
            throw Failure(description: "cannot attach to the calls' own tracepoints: too many calls selected (at most \(Self.maxCalls)); choose fewer with -e trace=")
        }
        let names = options.calls.map { strdup($0) }
        defer { names.forEach { free($0) } }
        o.ncalls = UInt32(names.count)
        o.calls_required = options.attach == .calls ? 1 : 0
        o.filtered = options.filtered ? 1 : 0
        o.clock = options.clock ? 1 : 0
        o.fd_details = options.fdDetails ? 1 : 0
        o.fds = options.fds ? 1 : 0
        o.comm = options.comm ? 1 : 0
        let r = names.map { UnsafePointer($0) }.withUnsafeBufferPointer { namesBuf in
            o.call_names = namesBuf.baseAddress
            return nsb_open(&o, { ctx, data, size in
                guard let ctx, let data else { return 0 }
                Unmanaged<BPFSession>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                    $0.handler.handle(UnsafeRawBufferPointer(start: data, count: Int(size)))
                }
                return 0
            }, ctx, &s, &err, UInt(err.count))
        }
        guard r == 0, let s else { throw Failure(description: Self.text(err)) }
        session = s
    }

    deinit { close() }

    static func text(_ err: [CChar]) -> String {
        String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// How full the ring buffer gets before the programs wake nstrace (else it looks every
    /// 20 ms): a quarter of it. (At least 4096 bytes made a 4 KiB buffer's threshold all of
    /// it: nstrace was never woken, and slept its poll timeout while everything was lost.)
    static func wakeupBytes(ring: UInt32) -> UInt64 { UInt64(ring / 4) }

    /// "16M", "1MiB", "4096", "64k" (--bpf-buffer) → bytes; nil for anything else.
    public static func parseSize(_ s: String) -> UInt64? {
        var digits = Substring(s)
        var unit: UInt64 = 1
        let upper = s.uppercased()
        for (suffixes, value) in [(["KIB", "KB", "K"], UInt64(1) << 10), (["MIB", "MB", "M"], UInt64(1) << 20),
                                  (["GIB", "GB", "G"], UInt64(1) << 30)] {
            if let suf = suffixes.first(where: { upper.hasSuffix($0) }) {
                digits = s.dropLast(suf.count)
                unit = value
                break
            }
        }
        guard let n = UInt64(digits), n > 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: unit)
        return overflow ? nil : v
    }

    /// Whether this build has the programs.
    public static var isBuilt: Bool { nsb_built() != 0 }

    /// Sets what the programs do for syscall `nr` of `abi`.
    public func setCall(abi: SyscallABI, nr: Int, _ call: nsb_call) {
        guard let session, nr >= 0, nr < Int(NSB_NR_MAX) else { return }
        var c = call
        _ = nsb_set_call(session, UInt32((abi == .i386 ? 1 : 0) * Int(NSB_NR_MAX) + nr), &c)
    }

    /// Follows the task `tid` of process `tgid` (false: gone, or already taken in by the
    /// programs). A thread that is not its process's leader is taken in by the programs at its
    /// next syscall (docs/bpf.md, "The task map").
    @discardableResult
    public func follow(tid: Int32, tgid: Int32) -> Bool {
        guard let session else { return false }
        return nsb_follow(session, UInt32(bitPattern: tid), UInt32(bitPattern: tgid)) == 0
    }

    public func attach() throws(Failure) {
        guard let session else { throw Failure(description: "the BPF programs are closed") }
        var err = [CChar](repeating: 0, count: 512)
        if nsb_attach(session, &err, UInt(err.count)) != 0 { throw Failure(description: Self.text(err)) }
    }

    /// Waits up to `timeoutMS` for events and hands each to the handler; how many.
    @discardableResult
    public func poll(timeoutMS: Int32) -> Int {
        guard let session else { return 0 }
        return Int(nsb_poll(session, timeoutMS))
    }

    /// Makes `poll` return as soon as process `pid` ends (the started command: the trace
    /// ends with it, not up to a timeout later). Until `unwake()`.
    public func wakeOnExit(of pid: pid_t) {
        if let session { _ = nsb_wake_on_exit(session, pid) }
    }

    public func unwake() {
        if let session { nsb_unwake(session) }
    }

    /// Hands every event already there to the handler.
    @discardableResult
    public func consume() -> Int {
        guard let session else { return 0 }
        return Int(nsb_consume(session))
    }

    /// Events the ring buffer had no room for.
    public var lost: UInt64 { session.map { nsb_stat($0, Int32(NSB_STAT_LOST)) } ?? 0 }
    /// Runs of the programs the kernel skipped (one already running on the CPU).
    public var missedRuns: UInt64 { session.map { nsb_missed($0) } ?? 0 }
    /// More calls than this are traced with the raw tracepoints: each call's tracepoints
    /// cost about 80 ms to detach at the end (docs/bpf.md), and past a few dozen calls the
    /// raw tracepoints cost a followed task little more.
    public static let maxCalls = 64
    /// How many calls' own tracepoints the programs are attached to (0: the raw ones).
    public var callsAttached: Int { session.map { Int(nsb_calls_attached($0)) } ?? 0 }
    /// With per-call tracepoints: a followed task exec'd a 32-bit program.
    public var sawCompat: Bool { session.map { nsb_saw_compat($0) != 0 } ?? false }
    /// With per-call tracepoints: look at writes for id maps from now on.
    public func watchIDMaps() { if let session { _ = nsb_watch_idmaps(session) } }

    public func close() {
        if let s = session { nsb_close(s) }
        session = nil
    }
}
