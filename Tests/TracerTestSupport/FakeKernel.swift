import CShim
import Glibc
import NSCore
import NSLinux

/// A scripted kernel for the tracer's loop, as swift-nio's EmbeddedChannel is a scripted
/// channel: a test lists the stops `waitpid` reports (each with the facts a ptrace request
/// then reads: syscall info, event message, siginfo), runs the loop, and reads back every
/// request the loop made (`requests`) and what it wrote (the record).
///
/// It makes no system call on a task: no ptrace, no process_vm_readv, no kill, no /proc
/// read. Every method below answers from the script's tables. So the loop's tests need no
/// tracee, no root and no other process, and they can run in parallel.
public final class FakeKernel: TracerKernel {
    /// One scripted thing waitpid reports.
    public enum Step {
        /// A syscall-entry stop: PTRACE_GET_SYSCALL_INFO then says entry with this call.
        case entry(pid_t, nr: Int64, args: [UInt64] = [], arch32: Bool = false)
        /// A syscall-exit stop.
        case exit(pid_t, rval: Int64, isError: Bool = false)
        /// A PTRACE_EVENT_* stop with its event message (a child's pid, a former tid).
        case event(pid_t, Int32, message: UInt = 0, signal: Int32 = SIGTRAP)
        /// A seccomp stop (PTRACE_EVENT_SECCOMP) for this call.
        case seccomp(pid_t, nr: Int64, args: [UInt64] = [], retData: UInt32 = SeccompFilter.traceData)
        /// A signal-delivery stop, with si_pid (0: none).
        case signal(pid_t, Int32, senderPid: Int32 = 0)
        /// A group-stop (PTRACE_EVENT_STOP with a stopping signal).
        case groupStop(pid_t, Int32)
        case exited(pid_t, code: Int32)
        case killed(pid_t, Int32)
        /// The task gets a SIGKILL: it leaves any stop it is in (to its exit stop and death,
        /// the steps that follow). Nothing is reported for this step itself.
        case sigkill(pid_t)
        /// nstrace itself gets a stop signal (SIGINT...): the blocked waitpid says EINTR.
        case nstraceSignal(Int32)
        /// Nothing to report for a moment (a task preempted before its next stop): a
        /// non-blocking waitpid here says nothing is ready, so the loop goes idle; a blocking
        /// one passes over it.
        case idle
    }

    /// A request the loop made of the kernel, in order.
    public enum Request: Equatable, CustomStringConvertible {
        case seize(pid_t, options: Int)
        case syscall(pid_t, signal: Int32)
        case cont(pid_t, signal: Int32)
        case listen(pid_t)
        case interrupt(pid_t)
        case detach(pid_t, signal: Int32)
        case kill(pid_t, Int32)
        case skip(pid_t, Int64)
        case setArg0(pid_t, UInt64)
        case writeMemory(pid_t, UInt64, [UInt8])

        public var description: String {
            switch self {
            case .seize(let p, _): return "seize \(p)"
            case .syscall(let p, let s): return s == 0 ? "syscall \(p)" : "syscall \(p) sig \(s)"
            case .cont(let p, let s): return s == 0 ? "cont \(p)" : "cont \(p) sig \(s)"
            case .listen(let p): return "listen \(p)"
            case .interrupt(let p): return "interrupt \(p)"
            case .detach(let p, let s): return s == 0 ? "detach \(p)" : "detach \(p) sig \(s)"
            case .kill(let p, let s): return "kill \(p) \(s)"
            case .skip(let p, let r): return "skip \(p) \(r)"
            case .setArg0(let p, let v): return "setArg0 \(p) \(v)"
            case .writeMemory(let p, let a, let b): return "write \(p) \(a) \(b)"
            }
        }
    }

    public var script: [Step]
    public private(set) var requests: [Request] = []
    /// Tasks that have reported a stop and not been restarted yet: the kernel reports no
    /// other stop of theirs until then, as a real one does (a `.sigkill` step ends a stop).
    public private(set) var stopped = Set<pid_t>()
    /// /proc/PID/task of each process (-p).
    public var threadsOf: [pid_t: [pid_t]] = [:]
    /// /proc/PID/status fields.
    public var status: [pid_t: [String: String]] = [:]
    /// /proc/PID/ns links; a pid not here has `defaultNamespaces`.
    public var namespacesOf: [pid_t: NamespaceSet] = [:]
    public var defaultNamespaces: NamespaceSet
    /// NSpid of each pid; a pid not here is at the top ([pid]).
    public var nsPidsOf: [pid_t: [Int32]] = [:]
    public var pidChainOf: [pid_t: [UInt64]] = [:]
    public var links: [String: String] = [:]
    public var texts: [String: String] = [:]
    /// Tracee memory: bytes at an address, for every pid.
    public var memoryBytes: [UInt64: [UInt8]] = [:]
    /// Pids that exist (attach checks); every pid the script names does.
    public var existing = Set<pid_t>()
    /// The pid `spawnStopped` returns.
    public var spawnPid: pid_t = 100
    public private(set) var stopSignal: Int32 = 0
    public private(set) var stopSignals: Int32 = 0
    /// waitpid calls made with the script empty (the loop ran it dry).
    public private(set) var ranDry = 0

    /// A syscall-info / event message / siginfo per pid, set when its stop is reported.
    var info: [pid_t: ns_syscall_info] = [:]
    var message: [pid_t: UInt] = [:]
    var siginfo: [pid_t: SigInfo] = [:]

    public init(_ script: [Step] = []) {
        self.script = script
        var ns = NamespaceSet()
        for (i, kind) in NamespaceKind.allCases.enumerated() { ns[kind] = 4026531834 + UInt64(i) }
        defaultNamespaces = ns
        for step in script { if let p = Self.pid(of: step) { existing.insert(p) } }
    }

    static func pid(of step: Step) -> pid_t? {
        switch step {
        case .entry(let p, _, _, _), .exit(let p, _, _), .event(let p, _, _, _), .seccomp(let p, _, _, _),
             .signal(let p, _, _), .groupStop(let p, _), .exited(let p, _), .killed(let p, _):
            return p
        case .sigkill(let p):
            return p
        case .nstraceSignal, .idle:
            return nil
        }
    }

    /// The first step the kernel could report now: the next one of a task that is not
    /// waiting for its restart (a death is reported whatever the task's state).
    func nextReady() -> Int? {
        script.indices.first { i in
            switch script[i] {
            case .nstraceSignal, .sigkill, .idle: return true
            default: return !stopped.contains(Self.pid(of: script[i])!)
            }
        }
    }

    func report(_ step: Step) -> Wait.Result {
        switch step {
        case .entry(let p, let nr, let args, let arch32):
            var i = ns_syscall_info()
            i.op = UInt8(NS_SYSCALL_INFO_ENTRY)
            i.arch = arch32 ? NS_AUDIT_ARCH_I386 : NS_AUDIT_ARCH_X86_64
            i.nr = UInt64(bitPattern: nr)
            withUnsafeMutableBytes(of: &i.args) { raw in
                for (n, a) in args.prefix(6).enumerated() { raw.storeBytes(of: a, toByteOffset: n * 8, as: UInt64.self) }
            }
            info[p] = i
            return stop(p, .syscallStop)
        case .exit(let p, let rval, let isError):
            var i = info[p] ?? ns_syscall_info()
            i.op = UInt8(NS_SYSCALL_INFO_EXIT)
            i.rval = rval
            i.is_error = isError ? 1 : 0
            info[p] = i
            return stop(p, .syscallStop)
        case .event(let p, let event, let msg, let sig):
            message[p] = msg
            return stop(p, .event(event, signal: sig))
        case .seccomp(let p, let nr, let args, let retData):
            var i = ns_syscall_info()
            i.op = UInt8(NS_SYSCALL_INFO_SECCOMP)
            i.arch = NS_AUDIT_ARCH_X86_64
            i.nr = UInt64(bitPattern: nr)
            i.ret_data = retData
            withUnsafeMutableBytes(of: &i.args) { raw in
                for (n, a) in args.prefix(6).enumerated() { raw.storeBytes(of: a, toByteOffset: n * 8, as: UInt64.self) }
            }
            info[p] = i
            return stop(p, .event(NS_PTRACE_EVENT_SECCOMP, signal: SIGTRAP))
        case .signal(let p, let sig, let sender):
            var si = SigInfo()
            si.signo = sig
            si.code = sender > 0 ? 0 : 128  // SI_USER / SI_KERNEL
            si.pid = sender
            siginfo[p] = si
            return stop(p, .signalStop(sig))
        case .groupStop(let p, let sig):
            return stop(p, .event(NS_PTRACE_EVENT_STOP, signal: sig))
        case .exited(let p, let code):
            stopped.remove(p)
            return .task(p, .exited(code: code))
        case .killed(let p, let sig):
            stopped.remove(p)
            return .task(p, .killed(signal: sig, coreDumped: false))
        case .sigkill, .idle:
            return .none
        case .nstraceSignal(let sig):
            if stopSignal == 0 { stopSignal = sig }
            stopSignals += 1
            return .interrupted
        }
    }

    func stop(_ pid: pid_t, _ st: WaitStatus) -> Wait.Result {
        stopped.insert(pid)
        return .task(pid, st)
    }

    func restarted(_ pid: pid_t, _ r: Request) -> Bool {
        requests.append(r)
        return stopped.remove(pid) != nil
    }

    // MARK: TracerKernel

    public func seize(_ pid: pid_t, options: Int) throws(SystemError) {
        requests.append(.seize(pid, options: options))
        guard existing.contains(pid) else { throw SystemError("PTRACE_SEIZE \(pid)", errno: ESRCH) }
    }
    public func resumeToSyscall(_ pid: pid_t, signal: Int32) -> Bool { restarted(pid, .syscall(pid, signal: signal)) }
    public func resume(_ pid: pid_t, signal: Int32) -> Bool { restarted(pid, .cont(pid, signal: signal)) }
    public func listen(_ pid: pid_t) -> Bool { restarted(pid, .listen(pid)) }
    public func interrupt(_ pid: pid_t) -> Bool {
        requests.append(.interrupt(pid))
        return true
    }
    public func detach(_ pid: pid_t, signal: Int32) -> Bool { restarted(pid, .detach(pid, signal: signal)) }
    public func eventMessage(_ pid: pid_t) -> UInt? { message[pid] }
    public func syscallInfo(_ pid: pid_t) -> ns_syscall_info? { info[pid] }
    public func signalInfo(_ pid: pid_t) -> SigInfo? { siginfo[pid] }
    public func skipSyscall(_ pid: pid_t, returning ret: Int64) -> Bool {
        requests.append(.skip(pid, ret))
        return true
    }
    public func setSyscallArg0(_ pid: pid_t, compat32: Bool, _ value: UInt64) -> Bool {
        requests.append(.setArg0(pid, value))
        return true
    }

    public func waitAny(block: Bool) -> Wait.Result {
        while let i = nextReady() {
            let step = script.remove(at: i)
            if case .sigkill(let p) = step {
                stopped.remove(p)
                continue
            }
            if case .idle = step {
                if block { continue }
                return .none
            }
            return report(step)
        }
        if script.isEmpty && block {
            ranDry += 1
            return .noChildren
        }
        // Steps remain, all of stopped tasks: a blocking wait would hang for good.
        return block ? .noChildren : .none
    }

    public func waitOne(_ pid: pid_t, options: Int32) -> WaitStatus? {
        guard let i = script.firstIndex(where: { Self.pid(of: $0) == pid }),
              case .task(_, let st) = report(script.remove(at: i)) else { return nil }
        return st
    }

    public func memory(_ pid: pid_t) -> Memory { Memory(bytes: memoryBytes) }
    public func writeMemory(_ pid: pid_t, at address: UInt64, _ bytes: UnsafeRawBufferPointer) -> Bool {
        requests.append(.writeMemory(pid, address, Array(bytes)))
        memoryBytes[address] = Array(bytes)
        return true
    }

    public func processExists(_ pid: pid_t) -> Bool { existing.contains(pid) }
    public func threads(_ pid: pid_t) -> [pid_t] { threadsOf[pid] ?? [pid] }
    public func statusField(_ pid: pid_t, _ field: String) -> String? { status[pid]?[field] }
    public func tgid(_ pid: pid_t) -> pid_t? { status[pid]?["Tgid"].flatMap { pid_t($0) } }
    public func readLink(_ path: String) -> String? { links[path] }
    public func readText(_ path: String) -> String? { texts[path] }
    public func comm(_ pid: pid_t) -> [UInt8]? { texts["/proc/\(pid)/comm"].map { Array($0.utf8) } }
    public func fdResolver(_ pid: pid_t) -> any FDPathResolver { Resolver(pid: pid, links: links) }
    public func namespaces(_ tid: pid_t, kinds: [NamespaceKind]) -> NamespaceSet {
        let all = namespacesOf[tid] ?? defaultNamespaces
        var set = NamespaceSet()
        for k in kinds { set[k] = all[k] }
        return set
    }
    public func nsPids(_ tid: pid_t) -> [Int32] { nsPidsOf[tid] ?? [tid] }
    public func pidNamespaceChain(_ tid: pid_t, levels: Int) -> [UInt64] {
        let c = pidChainOf[tid] ?? []
        return c.count == levels ? c : []
    }
    public func describeNamespaceFile(_ path: String) -> String? { links[path] }

    public func spawnStopped(path: String, argv: [String], env: [String], filter: [UInt8]?, user: Spawn.User?) throws(SystemError) -> Spawn.Child {
        existing.insert(spawnPid)
        return Spawn.Child(pid: spawnPid, errorPipe: -1)
    }
    public func execErrno(_ errorPipe: Int32) -> Int32 { 0 }
    public func kill(_ pid: pid_t, _ signal: Int32) -> Bool {
        requests.append(.kill(pid, signal))
        if signal == SIGCONT { stopped.remove(pid) }  // the spawned child's own stop ends
        return existing.contains(pid)
    }

    public func installStopHandlers() {}
    public func restoreStopHandlers() {}
    public func pendingStopSignal() -> Int32 { stopSignal }
    public func stopSignalCount() -> Int32 { stopSignals }
    public func alarm(_ seconds: UInt32) {}

    /// The tracee memory of the script (the same for every pid).
    public struct Memory: TraceeMemory {
        let bytes: [UInt64: [UInt8]]
        public func read(at address: UInt64, count: Int) -> [UInt8]? {
            for (base, b) in bytes where address >= base && address + UInt64(count) <= base + UInt64(b.count) {
                let off = Int(address - base)
                return Array(b[off..<off + count])
            }
            return nil
        }
        public func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
            for (base, b) in bytes where address >= base && address < base + UInt64(b.count) {
                let rest = b[Int(address - base)...].prefix(limit)
                if let nul = rest.firstIndex(of: 0) { return (Array(rest[..<nul]), true) }
                return (Array(rest), false)
            }
            return nil
        }
    }

    struct Resolver: FDPathResolver {
        let pid: pid_t
        let links: [String: String]
        func path(ofFD fd: Int64) -> String? { links["/proc/\(pid)/fd/\(fd)"] }
    }
}
