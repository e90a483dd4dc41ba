import CBPF
import Glibc
import NSCore
import NSLinux

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

        public init(follow: Follow, ringBytes: UInt32) {
            self.follow = follow
            self.ringBytes = ringBytes
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private var session: OpaquePointer?
    /// Called with each event's bytes (valid only during the call).
    private let handler: (UnsafeRawBufferPointer) -> Void

    /// Loads the programs (libbpf first). Not attached yet: fill the table, then `attach()`.
    public init(options: Options, handler: @escaping (UnsafeRawBufferPointer) -> Void) throws(Failure) {
        self.handler = handler
        do { try Library.bpf.load() } catch { throw Failure(description: error.description) }
        var o = nsb_options()
        o.ring_bytes = options.ringBytes
        o.wakeup_bytes = UInt64(max(options.ringBytes / 4, 4096))
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
        let r = nsb_open(&o, { ctx, data, size in
            guard let ctx, let data else { return 0 }
            let me = Unmanaged<BPFSession>.fromOpaque(ctx).takeUnretainedValue()
            me.handler(UnsafeRawBufferPointer(start: data, count: Int(size)))
            return 0
        }, ctx, &s, &err, UInt(err.count))
        guard r == 0, let s else { throw Failure(description: Self.text(err)) }
        session = s
    }

    deinit { close() }

    static func text(_ err: [CChar]) -> String {
        String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

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

    /// Follows the task `key` (its tid in the initial pid namespace), seen as `tid` of `tgid`.
    @discardableResult
    public func follow(key: UInt32, tid: Int32, tgid: Int32) -> Bool {
        guard let session else { return false }
        return nsb_follow(session, key, UInt32(bitPattern: tid), UInt32(bitPattern: tgid)) == 0
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
    /// Tasks in the task map.
    public var followed: Int { session.map { Int(nsb_followed($0)) } ?? 0 }

    public func close() {
        if let s = session { nsb_close(s) }
        session = nil
    }
}
