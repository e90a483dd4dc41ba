import CShim
import FoundationEssentials
import Glibc
import NSLinux
import NSCore

/// The container's network, configured from a helper thread of nstrace while the tracer
/// loop runs the container on the main thread: the started child unshares its network
/// namespace and waits on a pipe; this thread brings `lo` up inside it and, for `veth`,
/// makes a new host-side network namespace (held by an fd of nstrace only, so it goes
/// away with nstrace, even after SIGKILL) and a veth pair between the two, with addresses.
/// All through netlink (libnl-route); the thread moves between namespaces with setns,
/// which only ever moves that thread.
public final class ContainerNetwork: @unchecked Sendable {
    public let mode: NetworkMode
    public let hostAddress: String
    public let containerAddress: String
    public let hostInterface: String
    public let containerInterface = "eth0"
    /// The host-side namespace (veth), kept open for the run.
    public private(set) var hostNamespaceFD: Int32 = -1
    /// Set when configuring failed: why.
    public private(set) var failure: String?
    /// Set when something optional failed (e.g. lo up in an unprivileged run).
    public private(set) var warnings: [String] = []

    private var started = false
    private let done = Semaphore()

    public init(mode: NetworkMode, cidr: String, runID: String) throws(RunError) {
        self.mode = mode
        let a = try RunPlan.addresses(cidr)
        hostAddress = a.host
        containerAddress = a.container
        hostInterface = "nst-" + String(runID.prefix(8))
    }

    deinit {
        if hostNamespaceFD >= 0 { close(hostNamespaceFD) }
    }

    /// Starts the helper thread: it waits for the child's byte on `syncRead`, configures
    /// the namespace of `pid`, and answers '1' (go on) or '0' (failed) on `goWrite`.
    public func start(pid: pid_t, syncRead: Int32, goWrite: Int32) {
        do {
            try OSThread.detach(name: "nstrace-net") { [self] in
                // The answer may go to a child that died meanwhile: EPIPE, not a SIGPIPE that
                // would end nstrace (whose handlers may be gone by then).
                var pipeSignal = sigset_t()
                sigemptyset(&pipeSignal)
                sigaddset(&pipeSignal, SIGPIPE)
                pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
                var c: UInt8 = 0
                var n: Int
                repeat { n = read(syncRead, &c, 1) } while n < 0 && errno == EINTR
                if n == 1 {
                    var answer: UInt8 = 0x31
                    do { try self.configure(pid) } catch {
                        self.failure = (error as? RunError)?.message ?? "\(error)"
                        answer = 0x30
                    }
                    _ = write(goWrite, &answer, 1)
                }
                close(syncRead)
                close(goWrite)
                self.done.signal()
            }
            started = true
        } catch {
            // Nobody will answer the child: it reads end of file and gives up.
            failure = "network: \(error)"
            close(syncRead)
            close(goWrite)
        }
    }

    /// Waits for the helper thread (it ends on its own when the child dies early: EOF).
    public func wait() {
        if started { done.wait() }
    }

    private func configure(_ pid: pid_t) throws(RunError) {
        let containerFD = open("/proc/\(pid)/ns/net", O_RDONLY | O_CLOEXEC)
        if containerFD < 0 { throw RunError("network: opening /proc/\(pid)/ns/net: \(ErrnoNames.text(errno))") }
        defer { close(containerFD) }
        do {
            if mode == .veth {
                // A host side of our own: this thread's fresh network namespace.
                if ns_unshare(Int32(truncatingIfNeeded: NamespaceKind.net.cloneFlag)) != 0 {
                    throw RunError("network: a host-side network namespace: \(ErrnoNames.text(errno)) (try --net none)")
                }
                hostNamespaceFD = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
                let host = try NetlinkRoute()
                try host.setUp("lo")
                try host.addVethPair(name: hostInterface, peer: containerInterface, peerNamespaceFD: containerFD)
                try host.addAddress(hostAddress, to: hostInterface)
                try host.setUp(hostInterface)
            }
            if ns_setns(containerFD, Int32(truncatingIfNeeded: NamespaceKind.net.cloneFlag)) != 0 {
                if mode == .none && geteuid() != 0 {
                    warnings.append("lo stays down: cannot enter the container's network namespace (\(ErrnoNames.text(errno)))")
                    return
                }
                throw RunError("network: entering the container's network namespace: \(ErrnoNames.text(errno))")
            }
            let inside = try NetlinkRoute()
            try inside.setUp("lo")
            if mode == .veth {
                try inside.addAddress(containerAddress, to: containerInterface)
                try inside.setUp(containerInterface)
            }
        } catch let e as NetlinkRoute.Failure {
            throw RunError("network: \(e.description)")
        } catch let e as RunError {
            throw e
        } catch {
            throw RunError("network: \(error)")
        }
    }
}
