import CShim
import Glibc
import NSCore
import NSLinux

/// The ptrace loop, over the real kernel. Commands make this one; the loop itself is
/// `TraceLoop`, generic over its kernel (TracerKernel), and this class is it specialised
/// for LinuxKernel (made and run inside this module, so a release build specialises the
/// whole loop: no witness-table call per ptrace request).
public final class Tracer {
    let loop: TraceLoop<LinuxKernel>
    public typealias StartError = TraceStartError

    public init(config: TraceConfig) {
        loop = TraceLoop(config: config, kernel: LinuxKernel())
    }

    /// Wall-clock start, seconds since the epoch.
    public var startEpoch: Double { loop.startEpoch }

    /// Starts or seizes the target, traces until every task is gone (or nstrace is
    /// interrupted), and returns how it ended.
    public func run() throws(TraceStartError) -> TraceOutcome { try loop.run() }

    /// The errno of a failed execve of the command (0 when it started).
    public var commandExecError: Int32 { loop.commandExecError }

    /// Catch SIGINT/SIGTERM/SIGHUP/SIGQUIT/SIGPIPE from now on (they only set a flag that
    /// `run()` looks at). The CLI calls this before it opens the record, so a signal at
    /// any moment after the record exists ends it with its `end` line.
    public static func catchStopSignals() {
        ns_install_stop_handlers(ns_gettid())
    }
}

public enum TraceStartError: Error, CustomStringConvertible {
    case launch(Spawn.LaunchError)
    case system(SystemError)
    case attach(pid: pid_t, reason: String)

    public var description: String {
        switch self {
        case .launch(let e): return e.description
        case .system(let e): return e.description
        case .attach(let pid, let reason): return "cannot attach to process \(pid): \(reason)"
        }
    }
}

/// The ptrace loop. It runs entirely on the thread that calls `run()` (ptrace is per
/// thread): that thread seizes every task, waits for every stop with
/// `waitpid(-1, __WALL)` and turns stops into events for the printer, the record and
/// the summary. Each kind of stop chooses its own restart request (PTRACE_SYSCALL,
/// PTRACE_LISTEN, a signal to deliver), so a seccomp fast path only changes that choice.
final class TraceLoop<Kernel: TracerKernel> {
    let kernel: Kernel
    var config: TraceConfig
    let names = SyscallNames()
    /// Name, classes and traits by syscall number (looked up once per number).
    lazy var calls = CallTable(names: names)
    let decoder: SyscallDecoder
    var tasks: [pid_t: TaskState] = [:]
    /// Where everything the loop produces goes (TraceConfig.output()).
    let out: TraceOutput
    /// Calls are only shown as text: decoded straight into the printer's buffer.
    let direct: Bool
    let clockStart: Double
    /// Wall-clock start, seconds since the epoch.
    let startEpoch: Double
    var initialPid: pid_t = 0
    var initialStatus: Int32?
    var interruptedBy: Int32 = 0
    /// After a signal passed on to the started process (`stopGrace`): when to kill.
    var stopDeadline: Double?
    /// The started tree is being killed (after an interrupt): every task that stops is
    /// killed too.
    var killing = false
    var execErrorPipe: Int32 = -1
    var execError: Int32 = 0
    var needsDecode: Bool
    let unwinder: StackUnwinder?
    /// The seccomp-bpf fast path is on: tasks run with PTRACE_CONT between trapped calls.
    let seccompMode: Bool
    /// Tasks seen before their parent's clone event, and their stops.
    var holds = HeldTasks()
    /// Tasks followed and announced (held ones are not yet).
    var liveCount: Int { tasks.count - holds.count }

    // Namespace tracking (Tracer+Namespaces.swift).
    /// One warning, not one per task, when namespaces cannot be read; said at the end.
    var warnedUnreadable = false
    var warnings: [String] = []
    /// The stops of the current round (handleRound), kept to reuse its storage.
    var round: [(pid: pid_t, status: WaitStatus, traced: Bool)] = []
    /// NSTRACE_VERIFY_NS: what was checked (NamespaceVerifier).
    var verifier = NamespaceVerifier()
    /// Set once any task entered another user namespace: from then on writes are
    /// checked for /proc/PID/{uid_map,gid_map,setgroups} (no cost before).
    var sawNewUserNamespace = false
    /// Every task seen in a nested pid namespace, by its pid in each (PidNamespaceIndex).
    var pidIndex = PidNamespaceIndex()

    init(config: TraceConfig, kernel: Kernel) {
        self.kernel = kernel
        self.config = config
        self.decoder = SyscallDecoder(options: config.decode)
        self.clockStart = Self.monotonic()
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        self.startEpoch = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        self.out = config.output()
        self.needsDecode = out.decodesCalls
        self.direct = out.writesDirectly
        self.unwinder = config.stackTraces && out.showsText ? StackUnwinder() : nil
        if case .command = config.target, config.seccompFilter != nil {
            seccompMode = true
        } else {
            seccompMode = false
        }
        out.started(epoch: startEpoch)
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    var now: Double { Self.monotonic() - clockStart }

    var options: Int {
        (config.follow ? Ptrace.followOptions : Ptrace.noFollowOptions)
            | (seccompMode ? Int(NS_PTRACE_O_TRACESECCOMP) : 0)
    }

    /// Lets a stopped task run on. In seccomp mode a task between calls runs with
    /// PTRACE_CONT (the filter stops it at the next trapped call); one inside a trapped
    /// call, or one with a seccomp filter of its own (`ownFilter`), runs with
    /// PTRACE_SYSCALL. Otherwise always PTRACE_SYSCALL.
    func restart(_ pid: pid_t, signal: Int32 = 0) {
        let task = tasks[pid]
        if seccompMode && task?.pending == nil && task?.ownFilter != true {
            kernel.resume(pid, signal: signal)
        } else {
            kernel.resumeToSyscall(pid, signal: signal)
        }
    }

    // MARK: start

    typealias StartError = TraceStartError

    /// Starts or seizes the target, traces until every task is gone (or nstrace is
    /// interrupted), and returns how it ended.
    func run() throws(StartError) -> TraceOutcome {
        kernel.installStopHandlers()
        defer { kernel.restoreStopHandlers() }
        // A signal that came before anything started (the CLI installs the handlers
        // before it opens its outputs): start nothing, end the record as interrupted.
        if kernel.pendingStopSignal() != 0 {
            interruptedBy = kernel.pendingStopSignal()
            return finish()
        }
        switch config.target {
        case .command(let path, let argv, let env):
            try start(path: path, argv: argv, env: env)
        case .prepared(let launch):
            let child: Spawn.Child
            do { child = try launch() } catch { throw .system(error) }
            try seizeStarted(child.pid)
        case .attach(let pids):
            try attach(pids)
        }
        loop()
        return finish()
    }

    func start(path: String, argv: [String], env: [String]) throws(StartError) {
        let child: Spawn.Child
        do {
            child = try kernel.spawnStopped(path: path, argv: argv, env: env,
                                           filter: seccompMode ? config.seccompFilter : nil, user: config.runAs)
        } catch {
            throw .system(error)
        }
        execErrorPipe = child.errorPipe
        try seizeStarted(child.pid)
    }

    /// The child stops itself; seize it in that stop, then let it go on (to execve).
    func seizeStarted(_ pid: pid_t) throws(StartError) {
        guard let st = kernel.waitOne(pid, options: Int32(WUNTRACED)), case .signalStop = st else {
            throw .system(SystemError("child \(pid) did not stop", errno: ECHILD))
        }
        do {
            try kernel.seize(pid, options: options | Ptrace.exitKill)
        } catch {
            kernel.kill(pid, SIGKILL)
            _ = kernel.waitOne(pid, options: 0)
            throw .system(error)
        }
        initialPid = pid
        let task = TaskState(pid: pid, tgid: pid, ppid: nil, origin: .spawned, known: true)
        task.prelude = true
        tasks[pid] = task
        announce(task)
        config.onSeized?(pid)
        kernel.kill(pid, SIGCONT)
    }

    func attach(_ pids: [pid_t]) throws(StartError) {
        // Check every pid before touching any, so one bad pid leaves the others alone.
        for pid in pids {
            if pid <= 0 || !kernel.processExists(pid) {
                throw .attach(pid: pid, reason: "No such process")
            }
            if pid == getpid() {
                throw .attach(pid: pid, reason: "that is nstrace itself")
            }
        }
        var seized: [pid_t] = []
        for pid in pids {
            let threads = kernel.threads(pid)
            for tid in threads.isEmpty ? [pid] : threads where tasks[tid] == nil {
                do {
                    try kernel.seize(tid, options: options)
                } catch {
                    if tid == pid || error.errno != ESRCH {
                        for s in seized { _ = detachRunning(s) }
                        throw .attach(pid: pid, reason: ErrnoNames.text(error.errno))
                    }
                    continue
                }
                seized.append(tid)
                let task = TaskState(pid: tid, tgid: pid, ppid: nil, origin: .attached, known: true)
                task.lastSyscall = blockedSyscall(tid)
                tasks[tid] = task
            }
        }
        for pid in seized {
            if let t = tasks[pid] { announce(t) }
            kernel.interrupt(pid)
            if config.attachMessages && pids.contains(pid) {
                message("Process \(pid) attached")
            }
        }
        if pids.count == 1 { initialPid = pids[0] }
    }

    /// The syscall a task is blocked in, from /proc/TID/syscall ("230 0x0 ..."), by name.
    func blockedSyscall(_ tid: pid_t) -> String? {
        guard let text = kernel.readText("/proc/\(tid)/syscall"),
              let first = ScalarText.split(text, " ").first, let nr = Int64(first), nr >= 0 else { return nil }
        return names.name(nr, abi: .x86_64)
    }

    // MARK: loop

    func loop() {
        while !tasks.isEmpty {
            if interruptedBy == 0, kernel.pendingStopSignal() != 0 {
                interruptedBy = kernel.pendingStopSignal()
                onInterrupt()
                if tasks.isEmpty { break }
            } else if let deadline = stopDeadline {
                if kernel.stopSignalCount() > 1 || now >= deadline {
                    stopDeadline = nil
                    killAll()
                } else {
                    kernel.alarm(1)  // wake up to look at the deadline again
                }
            }
            // Look before blocking only when something must happen while the tracees run:
            // showing the trace as it goes (stderr), or children held for a clone event.
            // Otherwise (-o FILE, a record, -c) one blocking wait per stop is enough.
            var r: Wait.Result = .none
            if config.flushWhenIdle || !holds.isEmpty {
                r = kernel.waitAny(block: false)
            }
            if r == .none {
                releaseOrphanedHolds()
                if config.flushWhenIdle { out.idle() }
                r = kernel.waitAny(block: true)
            }
            switch r {
            case .task(let pid, let status):
                if tasks.count > 1 {
                    handleRound(pid, status)
                } else {
                    handle(pid, status)
                }
            case .interrupted, .none:
                continue
            case .noChildren:
                // Every tracee is gone without telling us (should not happen).
                for pid in Array(tasks.keys) { drop(pid) }
            }
        }
    }

    /// With several tasks, the stops of a round: the one `waitpid` returned and every other
    /// already pending, collected before any is handled (and so before any task runs on).
    /// `waitpid(-1)` reports the first task of the kernel's list that has a stop; a task
    /// restarted at once can have its next stop ready before the others are looked at, and
    /// a few busy threads then get every turn while the rest starve (strace collects its
    /// queue the same way). In a round each task is served once: none waits for more
    /// than one stop of each other task.
    func handleRound(_ pid: pid_t, _ status: WaitStatus) {
        round.removeAll(keepingCapacity: true)
        round.append((pid, status, tasks[pid] != nil))
        while round.count < tasks.count + holds.count + 64, case .task(let p, let s) = kernel.waitAny(block: false) {
            round.append((p, s, tasks[p] != nil))
        }
        for (p, s, wasTraced) in round {
            // A task an earlier stop of this round ended (exit_group, an exec from another
            // thread): its stop was collected before that and is gone with it.
            if wasTraced && tasks[p] == nil { continue }
            handle(p, s)
        }
    }

    func handle(_ pid: pid_t, _ status: WaitStatus) {
        if killing {
            switch status {
            case .exited, .killed:
                break
            default:
                // Interrupted: the tree is being killed. A task that comes up only now
                // (created just before its parent got the SIGKILL, which then never
                // reports it) must not be let go to run on untraced-for-good.
                kernel.kill(pid, SIGKILL)
            }
        }
        guard let task = tasks[pid] else {
            switch status {
            case .exited, .killed, .unknown:
                return // not ours (or already gone)
            default:
                // An auto-attached child seen before its parent's clone event.
                let t = TaskState(pid: pid, tgid: pid, ppid: nil, origin: .unknown, known: false)
                tasks[pid] = t
                hold(t, status)
                return
            }
        }
        if !task.known {
            hold(task, status)
            return
        }
        switch status {
        case .exited(let code):
            ended(task, ExitEvent(pid: pid, t: now, code: code))
        case .killed(let sig, let core):
            ended(task, ExitEvent(pid: pid, t: now, signal: SignalNames.name(sig), coreDumped: core))
        case .syscallStop:
            syscallStop(task)
        case .event(let event, let sig):
            eventStop(task, event: event, signal: sig)
        case .signalStop(let sig):
            signalStop(task, sig)
        case .unknown:
            restart(pid)
        }
    }

    // MARK: events

    func eventStop(_ task: TaskState, event: Int32, signal: Int32) {
        let pid = task.pid
        switch event {
        case NS_PTRACE_EVENT_FORK, NS_PTRACE_EVENT_VFORK, NS_PTRACE_EVENT_CLONE:
            if let msg = kernel.eventMessage(pid) {
                newChild(pid_t(truncatingIfNeeded: msg), parent: task, event: event)
            }
            restart(pid)
        case NS_PTRACE_EVENT_EXEC:
            execEvent(task)
        case NS_PTRACE_EVENT_STOP:
            if !task.started {
                task.on(.firstStop)
                restart(pid)
            } else if [SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU].contains(signal) {
                // A group-stop: show it, and stay stopped until SIGCONT (PTRACE_LISTEN).
                task.on(.groupStop)
                emitSignal(SignalEvent(pid: pid, t: now, signal: SignalNames.name(signal), info: nil, stopped: true))
                kernel.listen(pid)
            } else {
                task.on(.groupStopEnded)
                restart(pid)
            }
        case NS_PTRACE_EVENT_SECCOMP:
            // A filter trapped a call: this is its entry (unless a task with a filter of
            // its own, stopped at every call, has had its entry stop already). Go on to
            // its exit.
            if let info = kernel.syscallInfo(pid), info.op == NS_SYSCALL_INFO_SECCOMP {
                task.prelude = false
                if task.pending == nil { syscallEntry(task, info) }
                if info.ret_data != SeccompFilter.traceData {
                    // The command's own filter asked for a tracer. Untraced (or traced
                    // without PTRACE_O_TRACESECCOMP) the call fails with ENOSYS; nstrace
                    // only watches, so the command gets the same.
                    _ = kernel.skipSyscall(pid, returning: -Int64(ENOSYS))
                }
            }
            restart(pid)
        case NS_PTRACE_EVENT_EXIT:
            // It is dying: a clone it was in will report no child any more.
            task.on(.exitStop)
            restart(pid)
        default:
            // VFORK_DONE: nothing to show here.
            restart(pid)
        }
    }

    func newChild(_ child: pid_t, parent: TaskState, event: Int32) {
        let via: TaskOrigin
        switch parent.pending?.name {
        case "clone3": via = .clone3
        case "clone": via = .clone
        case "fork": via = .fork
        case "vfork": via = .vfork
        default:
            via = event == NS_PTRACE_EVENT_FORK ? .fork : event == NS_PTRACE_EVENT_VFORK ? .vfork : .clone
        }
        let flags = parent.pending.flatMap { Self.cloneFlags(name: $0.name, args: $0.args, memory: kernel.memory(parent.pid)) }
        let isThread = event == NS_PTRACE_EVENT_CLONE && (flags ?? 0) & CloneFlag.thread != 0
        let tgid = isThread ? parent.tgid : child
        parent.pending?.childReported = true
        if let held = tasks[child], !held.known {
            held.on(.announced)
            let stops = holds.release(child)
            held.ppid = parent.pid
            held.tgid = tgid
            held.origin = via
            held.ownFilter = parent.ownFilter
            announce(held, cloneFlags: flags)
            for st in stops { handle(child, st) }
        } else if let released = tasks[child] {
            // Released as an orphan before this event came (its creator was not seen
            // inside a creating call, e.g. -p attached mid-clone): its task line is
            // written, but what the loop knows from now on is right.
            released.ownFilter = released.ownFilter || parent.ownFilter
            if released.origin == .unknown {
                released.ppid = parent.pid
                released.tgid = tgid
                released.origin = via
            }
        } else {
            let t = TaskState(pid: child, tgid: tgid, ppid: parent.pid, origin: via, known: true)
            t.ownFilter = parent.ownFilter
            tasks[child] = t
            announce(t, cloneFlags: flags)
        }
    }

    /// The flags of the call that created a task: clone's first argument, clone3's
    /// `flags` field, CLONE_VM|CLONE_VFORK for vfork, 0 for fork; nil for anything else
    /// or when clone3's struct cannot be read.
    static func cloneFlags(name: String, args: SyscallArgs, memory: some TraceeMemory) -> UInt64? {
        switch name {
        case "clone": return args[0]
        case "fork": return 0
        case "vfork": return CloneFlag.vm | CloneFlag.vfork
        case "clone3":
            guard let raw = memory.read(at: args[0], count: 8) else { return nil }
            return raw.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        default: return nil
        }
    }

    func execEvent(_ task: TaskState) {
        let pid = task.pid
        let former = kernel.eventMessage(pid).map { pid_t(truncatingIfNeeded: $0) } ?? pid
        let t = now
        if former != pid, let thread = tasks[former] {
            // A non-leader thread exec'd: the leader (this pid) is superseded, and
            // the thread goes on under the leader's pid.
            if task.pending != nil { abandonPending(task, t: t) }
            let superseded = ExitEvent(pid: pid, t: t, supersededBy: former)
            out.event(.exit(superseded))
            tasks[former] = nil
            thread.pid = pid
            thread.tgid = pid
            tasks[pid] = thread
            out.syscallMoved(from: former, to: pid)
            if task.nsPids.count < 2 { out.pidLabel(pid, nil) }
            thread.nsPids = task.nsPids
            thread.pidNsChain = task.pidNsChain
            out.tasksFollowed(tasks.count)
        }
        let cur = tasks[pid] ?? task
        cur.prelude = false
        // The file is read only for the record.
        out.event(.exec(ExecEvent(pid: pid, formerPid: former, t: t,
                                  filename: out.needs.contains(.values) ? kernel.readLink("/proc/\(pid)/exe") : nil)))
        restart(pid)
    }

    func signalStop(_ task: TaskState, _ sig: Int32) {
        let pid = task.pid
        if !task.started {
            // An attached or spawned task's first stop.
            task.on(.firstStop)
        }
        if task.prelude && sig == SIGCONT {
            // Our own SIGCONT to the spawned command: deliver it, don't show it.
            restart(pid, signal: sig)
            return
        }
        let info = kernel.signalInfo(pid)
        let resolver = config.decode.pidComm ? kernel.fdResolver(pid) : nil
        // si_pid is in the receiver's pid namespace: which task it is here is said after it.
        let text = info.map {
            SigInfoFormat.format($0, style: config.decode.style,
                                 pid: SigInfoFormat.pidShown(comm: resolver) { [self] in translatedPid(task, Int64($0)) })
        }
        emitSignal(SignalEvent(pid: pid, t: now, signal: SignalNames.name(sig), info: text, stopped: false))
        restart(pid, signal: sig)
    }

    func emitSignal(_ e: SignalEvent) {
        out.event(.signal(e))
    }

    func ended(_ task: TaskState, _ e: ExitEvent) {
        abandonPending(task, t: e.t)
        if task.pid == initialPid && initialStatus == nil {
            if let code = e.code { initialStatus = code }
            if let sig = e.signal { initialStatus = 128 + (SignalNames.number(sig) ?? 0) }
        }
        if task.pid == initialPid && execErrorPipe >= 0 {
            execError = kernel.execErrno(execErrorPipe)
            execErrorPipe = -1
        }
        out.event(.exit(e))
        drop(task.pid)
    }

    func drop(_ pid: pid_t) {
        if let unwinder, let task = tasks[pid] { unwinder.forget(pid, process: task.tgid) }
        tasks[pid] = nil
        holds.forget(pid)
        out.tasksFollowed(max(1, liveCount))
    }

    /// Tasks held for a parent's clone event that did not come (the parent died):
    /// take the parent from /proc and let them go on.
    ///
    /// Not while some task is still inside a fork/vfork/clone/clone3 whose event has not
    /// come: the kernel wakes the child before the parent reports the event, so a
    /// parent preempted in between reports it late, and releasing its child now would
    /// write it as `via: "unknown"` for good. Such a parent reports the event or dies
    /// (its exit ends the call), so the wait ends.
    /// Keeps a stop of a task seen before its parent's clone event, to replay it then.
    func hold(_ task: TaskState, _ status: WaitStatus) {
        // A dying task finishes dying now (HeldTasks.hold says why).
        if holds.hold(task.pid, status) { kernel.resume(task.pid, signal: 0) }
    }

    func releaseOrphanedHolds() {
        guard !holds.isEmpty else { return }
        // A dying task's clone reports no child any more: it does not hold the others back.
        if tasks.values.contains(where: { $0.known && !$0.exiting && $0.pending?.mayReportChild == true }) { return }
        for task in tasks.values where !task.known {
            let ppid = kernel.statusField(task.pid, "PPid").flatMap { pid_t($0) }
            task.on(.announced)
            let stops = holds.release(task.pid)
            task.ppid = ppid
            task.tgid = kernel.tgid(task.pid) ?? task.pid
            announce(task)
            for st in stops { handle(task.pid, st) }
        }
    }

    /// The errno of a failed execve of the command (0 when it started).
    var commandExecError: Int32 { execError }
}

extension TraceLoop {
    /// Detaches a tracee that may be running: interrupt, wait for its stop, detach.
    func detachRunning(_ pid: pid_t) -> Bool {
        kernel.interrupt(pid)
        guard let st = kernel.waitOne(pid, options: 0) else { return false }
        if case .signalStop(let sig) = st { return kernel.detach(pid, signal: sig) }
        return kernel.detach(pid, signal: 0)
    }
}
