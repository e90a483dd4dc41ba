import CBPF
import CShim
import Glibc
import NSCore
import NSLinux
import NSTracer

/// `nstrace trace --bpf`: the kernel writes each followed task's syscalls, task creations,
/// execs, exits and signals to a ring buffer (Sources/CBPF/bpf/nstrace.bpf.c); this reads
/// them back and hands them to the same printer, record and summary as the ptrace loop,
/// decoded by the same decoders from the memory the kernel read (`CapturedMemory`). Nothing
/// is stopped: the tracee runs at its own speed, and what the ring buffer had no room for is
/// said, where and how much (docs/bpf.md).
public final class BPFTracer {
    /// What --bpf traces.
    public enum Target {
        /// Start this command (argv[0] resolved to `path`).
        case command(path: String, argv: [String], env: [String])
        /// These running processes (all their threads) and what they create.
        case attach([pid_t])
        /// Every task of the pid namespace of process `pid` (a container's), including
        /// tasks that enter it later.
        case container(pid_t)
        /// Every task of a cgroup v2 directory and those below it.
        case cgroup(String)
        /// A child forked by `launch` that stops itself (SIGSTOP) before doing anything, like
        /// `Spawn.stoppedChild` (a container's set-up: `nstrace run --bpf`).
        case prepared(launch: () throws(SystemError) -> Spawn.Child)
    }

    public struct Options {
        public var target: Target
        /// The ring buffer's size in bytes (--bpf-buffer).
        public var ringBytes: UInt32
        /// --flight-recorder: the printer's and the record's sinks are its streams; it is
        /// written out on SIGUSR1 and when the command or container ends badly (docs/bpf.md).
        public var flightRecorder: FlightRecorder?
        /// --bpf-attach: the calls' own tracepoints, the raw syscall tracepoints, or either.
        public var attach: BPFSession.Attach
        public init(target: Target, ringBytes: UInt32, flightRecorder: FlightRecorder? = nil, attach: BPFSession.Attach = .auto) {
            self.target = target
            self.ringBytes = ringBytes
            self.flightRecorder = flightRecorder
            self.attach = attach
        }
    }

    public enum StartError: Error, CustomStringConvertible {
        case unavailable(String)
        case launch(SystemError)
        case attach(pid: pid_t, reason: String)
        public var description: String {
            switch self {
            case .unavailable(let s): return s
            case .launch(let e): return e.description
            case .attach(let pid, let reason): return "cannot trace process \(pid): \(reason)"
            }
        }
    }

    var config: TraceConfig
    let options: Options
    let names = SyscallNames()
    /// Calls by number, one table per ABI, filled as numbers are first seen.
    var calls64: [BPFCall?] = Array(repeating: nil, count: 1024)
    var calls32: [BPFCall?] = Array(repeating: nil, count: 1024)
    let decoder: SyscallDecoder
    var tasks: [Int32: BPFTask] = [:]
    /// -Y: the names of processes that ended and were not waited for yet (zombies, whose
    /// /proc/PID/comm ptrace mode still reads: SIGCHLD's si_pid), with their parents.
    var zombies: [Int32: (comm: [UInt8]?, parent: Int32?)] = [:]
    /// Where everything produced goes (TraceConfig.output()), as in the ptrace loop.
    let out: TraceOutput
    /// CLOCK_MONOTONIC at the start, in nanoseconds (the programs' clock).
    let startNS: UInt64
    public let startEpoch: Double
    var session: BPFSession?
    let memory = CapturedMemory()
    /// The task of the last event (most events are of the task of the one before).
    var lastTask: BPFTask?
    let files = CapturedFiles()
    var initialPid: Int32 = 0
    var initialStatus: Int32?
    var childReaped = false
    var execErrorPipe: Int32 = -1
    var execError: Int32 = 0
    var interruptedBy: Int32 = 0
    var warnings: [String] = []
    var sawNewUserNamespace = false
    /// Said that a 32-bit program runs unseen (per-call tracepoints).
    var warnedCompat = false
    /// Id map files already shown (per-call tracepoints read them from /proc too): the user
    /// namespace (or pid) and the file.
    var idMapsShown: Set<String> = []
    /// Lost events already said (the kernel's counter says how many in all).
    var lostReported: UInt64 = 0
    /// Every task seen in a nested pid namespace, by its pid in each.
    var pidIndex = PidNamespaceIndex()
    /// --container: the container's first process; the trace ends with it.
    var anchorPid: Int32 = 0
    var needsDecode: Bool
    /// After a signal passed on to the started process (stopGrace): when to kill.
    var stopDeadline: Double?
    /// The started tree is being killed: tasks that appear now are killed too.
    var killing = false
    /// The end of the task whose end ends the trace (the container's first process, the
    /// one -p process), for the flight recorder.
    var watchedEnd: ExitEvent?
    /// SIGUSR1s already answered.
    var dumpRequests: Int32 = 0

    public init(config: TraceConfig, options: Options) {
        self.config = config
        self.options = options
        self.decoder = SyscallDecoder(options: config.decode)
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        startNS = UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
        clock_gettime(CLOCK_REALTIME, &ts)
        startEpoch = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        out = config.output()
        needsDecode = out.decodesCalls
        out.started(epoch: startEpoch)
        if config.decode.pidComm {
            files.commOf = { [unowned self] pid, task in self.comm(ofProcess: pid, for: task) }
        }
    }

    /// Seconds since the start of an event's kernel time.
    func time(_ ns: UInt64) -> Double { ns > startNS ? Double(ns - startNS) / 1e9 : 0 }

    var now: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return time(UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
    }

    /// A command started by nstrace (not attached).
    var isStarted: Bool {
        switch options.target {
        case .command, .prepared: return true
        default: return false
        }
    }

    /// The errno of a failed execve of the command (0 when it started).
    public var commandExecError: Int32 { execError }

    // MARK: start

    /// Loads and attaches the programs, starts or finds the target, traces until it is gone
    /// (or nstrace is interrupted), and returns how it ended.
    public func run() throws(StartError) -> TraceOutcome {
        ns_install_stop_handlers(ns_gettid())
        defer { ns_restore_stop_handlers() }
        if options.flightRecorder != nil { ns_install_dump_handler() }
        if let missing = BPFRequirements.missing() { throw .unavailable(missing) }
        if ns_pending_stop_signal() != 0 {
            interruptedBy = ns_pending_stop_signal()
            return finish()
        }
        defer { session?.close() }
        switch options.target {
        case .command(let path, let argv, let env):
            // The child first, the programs after: it must not inherit their descriptors (a
            // container's set-up before its exec would number its files after them).
            let child: Spawn.Child
            do { child = try Spawn.stoppedChild(path: path, argv: argv, env: env, user: config.runAs) } catch { throw .launch(error) }
            execErrorPipe = child.errorPipe
            try started(child.pid)
        case .prepared(let launch):
            let child: Spawn.Child
            do { child = try launch() } catch { throw .launch(error) }
            try started(child.pid)
        case .attach(let pids):
            try open()
            try attach(pids)
        case .container(let pid):
            try open()
            try adoptContainer(pid)
        case .cgroup:
            try open()
        }
        loop()
        return finish()
    }

    func open() throws(StartError) {
        let follow: BPFSession.Options.Follow
        switch options.target {
        case .command, .attach, .prepared: follow = .tree(children: config.follow)
        case .container(let pid):
            guard let (inode, level) = BPFRequirements.pidNamespace(of: pid) else {
                throw .attach(pid: pid, reason: ProcFS.exists(pid) ? "cannot read its pid namespace" : "No such process")
            }
            follow = .pidNamespace(inode: inode, level: level)
        case .cgroup(let path):
            let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw .unavailable("cannot open cgroup '\(path)': \(ErrnoNames.text(errno))") }
            follow = .cgroup(fd: fd)
        }
        var o = BPFSession.Options(follow: follow, ringBytes: options.ringBytes)
        o.level = BPFRequirements.ownPidLevel()
        o.attach = options.attach
        if usesOwnTracepoints { o.calls = ownTracepointCalls() }
        o.filtered = leavesCallsOut
        o.clock = out.needs.contains(.time)
        o.comm = config.decode.pidComm
        o.fds = planOptions.resolveFDs
        o.fdDetails = config.decode.resolveFDs && !config.decode.fdDecoding.isDisjoint(with: [.dev, .pidfd, .socket])
        let s: BPFSession
        do {
            s = try BPFSession(options: o, handler: self)
        } catch {
            throw .unavailable(error.description)
        }
        fillTable(s)
        do { try s.attach() } catch { throw .unavailable(error.description) }
        session = s
    }

    /// The started child stopped itself: follow it, then let it go on.
    func started(_ pid: pid_t) throws(StartError) {
        guard let st = Wait.one(pid, options: Int32(WUNTRACED)), case .signalStop = st else {
            throw .launch(SystemError("child \(pid) did not stop", errno: ECHILD))
        }
        do { try open() } catch {
            // Nothing started: the child goes without ever running the command.
            _ = ns_kill(pid, SIGKILL)
            _ = Wait.one(pid)
            if execErrorPipe >= 0 { close(execErrorPipe); execErrorPipe = -1 }
            throw error
        }
        initialPid = pid
        session?.wakeOnExit(of: pid)
        let task = BPFTask(pid: pid, tgid: pid, ppid: nil, origin: .spawned)
        task.prelude = true
        tasks[pid] = task
        session?.follow(tid: pid, tgid: pid)
        announce(task, snapshot: nil)
        config.onSeized?(pid)
        _ = ns_kill(pid, SIGCONT)
    }

    func attach(_ pids: [pid_t]) throws(StartError) {
        for pid in pids {
            if pid <= 0 || !ProcFS.exists(pid) { throw .attach(pid: pid, reason: "No such process") }
            if pid == getpid() { throw .attach(pid: pid, reason: "that is nstrace itself") }
        }
        for pid in pids {
            adoptThreads(of: pid, origin: .attached)
            if config.attachMessages { message("Process \(pid) attached") }
        }
        if pids.count == 1 { initialPid = pids[0] }
    }

    /// --container PID: the tasks already in its pid namespace (the programs take in those
    /// that come later, and those they see first).
    func adoptContainer(_ pid: pid_t) throws(StartError) {
        guard let (inode, _) = BPFRequirements.pidNamespace(of: pid) else {
            throw .attach(pid: pid, reason: "No such process")
        }
        anchorPid = pid
        for p in BPFRequirements.pids() where BPFRequirements.pidNamespace(of: p)?.inode == inode {
            adoptThreads(of: p, origin: .attached)
        }
        if config.attachMessages { message("Process \(pid) attached (pid namespace pid:[\(inode)])") }
    }

    /// Follows every thread of `pid` and announces each (twice over, for threads made meanwhile).
    func adoptThreads(of pid: pid_t, origin: TaskOrigin) {
        for _ in 0..<2 {
            let threads = ProcFS.threads(pid)
            for tid in threads.isEmpty ? [pid] : threads where tasks[tid] == nil {
                let ok = session?.follow(tid: tid, tgid: pid) ?? false
                // Taken in by the programs first (--container): they announce it.
                if !ok { continue }
                let task = BPFTask(pid: tid, tgid: pid, ppid: nil, origin: origin)
                task.lastSyscall = blockedSyscall(tid)
                tasks[tid] = task
                announce(task, snapshot: nil)
            }
        }
    }

    /// The syscall a task is blocked in, from /proc/TID/syscall.
    func blockedSyscall(_ tid: pid_t) -> String? {
        guard let text = ProcFS.readText("/proc/\(tid)/syscall"),
              let first = ScalarText.split(text, " ").first, let nr = Int64(first), nr >= 0 else { return nil }
        return names.name(nr, abi: .x86_64)
    }

    // MARK: loop

    func loop() {
        guard let session else { return }
        var idleSince = now
        var lastSweep = now
        while true {
            if interruptedBy == 0, ns_pending_stop_signal() != 0 {
                interruptedBy = ns_pending_stop_signal()
                onInterrupt()
            } else if let deadline = stopDeadline, ns_stop_signal_count() > 1 || now >= deadline {
                stopDeadline = nil
                killAll()
            }
            if options.flightRecorder != nil, ns_dump_requests() != dumpRequests {
                dumpRequests = ns_dump_requests()
                writeFlightRecorder(why: "SIGUSR1", final: false)
            }
            let n = session.consume()
            if n > 0 {
                idleSince = now
                continue
            }
            let reaped = childReaped
            reapChild()
            if isDone { break }
            // Reaped just now and not done: its end (or its tasks') may have been lost; looked
            // for now rather than at the next sweep.
            if !reaped && childReaped { lastSweep = -.infinity }
            if config.flushWhenIdle { out.idle() }
            if !warnedCompat, session.sawCompat {
                warnedCompat = true
                message("a traced task runs a 32-bit program: the calls' own tracepoints do not see its calls (use --bpf-attach raw)")
            }
            let t = now
            // Tasks whose exit the ring buffer had no room for, or that died unseen: look
            // for them now and then.
            if t - lastSweep > 0.5 {
                lastSweep = t
                sweep(idleFor: t - idleSince)
                if isDone { break }
            }
            session.poll(timeoutMS: 20)
        }
        session.consume()
        reportLoss(final: true)
    }

    /// The trace is over: every followed task is gone (and a started command reaped).
    var isDone: Bool {
        switch options.target {
        case .command, .prepared: return childReaped && tasks.values.allSatisfy { $0.gone }
        case .attach: return tasks.values.allSatisfy { $0.gone } || interruptedBy != 0
        case .container:
            return interruptedBy != 0 || (!ProcFS.exists(anchorPid) && tasks.values.allSatisfy { $0.gone })
        case .cgroup: return interruptedBy != 0
        }
    }

    /// Reaps the started command once it has exited (its exit event came first).
    func reapChild() {
        guard isStarted, !childReaped, initialPid > 0 else { return }
        var st: Int32 = 0
        let r = waitpid(initialPid, &st, WNOHANG | __WALL)
        guard r == initialPid || (r < 0 && errno == ECHILD) else { return }
        childReaped = true
        session?.unwake()
        if initialStatus == nil, r == initialPid {
            // Its exit event was lost: the status from wait.
            initialStatus = (st & 0x7f) == 0 ? (st >> 8) & 0xff : 128 + (st & 0x7f)
        }
        if execErrorPipe >= 0 {
            execError = ns_spawn_exec_errno(execErrorPipe)
            execErrorPipe = -1
        }
    }

    /// Tasks that no longer exist but whose exit never came (lost): ended now, said so.
    func sweep(idleFor: Double) {
        for task in tasks.values where !task.gone && !BPFRequirements.alive(task.pid) {
            // A last look at the ring buffer before calling it lost.
            session?.consume()
            guard !task.gone else { continue }
            task.lostExit = true
            ended(task, ExitEvent(pid: task.pid, t: now, code: nil, signal: nil, lost: true))
        }
    }

    func onInterrupt() {
        switch options.target {
        case .command, .prepared:
            if let grace = config.stopGrace, initialStatus == nil, tasks[initialPid]?.gone == false {
                // Pass it on (the started process forwards it to the command) and wait.
                _ = ns_kill(initialPid, interruptedBy)
                stopDeadline = now + grace
            } else {
                killAll()
            }
        case .attach, .container, .cgroup:
            // Nothing to undo: the programs go with nstrace; the tasks run on untraced.
            session?.consume()
            for task in tasks.values where !task.gone {
                let e = ExitEvent(pid: task.pid, t: now, detached: true)
                out.event(.exit(e))
                task.gone = true
                if config.attachMessages, task.pid == task.tgid, case .attach = options.target {
                    message("Process \(task.pid) detached")
                }
            }
        }
    }

    func killAll() {
        killing = true
        for task in tasks.values where !task.gone { _ = ns_kill(task.pid, SIGKILL) }
    }

    func message(_ text: String) {
        out.flush()
        var s = "nstrace: " + text + "\n"
        s.withUTF8 { config.messages.write(UnsafeRawBufferPointer($0)) }
    }

    /// The events the ring buffer had no room for that no task's LOST event said, and the
    /// programs' runs the kernel skipped: said at the end, in the text and the record.
    func reportLoss(final: Bool) {
        guard let session else { return }
        let lost = session.lost
        let missed = session.missedRuns
        if lost > lostReported {
            let n = lost - lostReported
            lostReported = lost
            let e = LostEvent(pid: nil, t: now, count: n, from: nil, to: nil, reason: .ringBufferFull)
            out.event(.lost(e))
        }
        if missed > 0 {
            let e = LostEvent(pid: nil, t: now, count: missed, from: nil, to: nil, reason: .programSkipped)
            out.event(.lost(e))
        }
        if final, lost + missed > 0 {
            warnings.append("warning: \(lost + missed) event\(lost + missed == 1 ? "" : "s") lost (see the '--- ... lost' lines); a larger --bpf-buffer keeps more")
        }
    }

    func finish() -> TraceOutcome {
        out.finish()
        let outcome: TraceOutcome
        switch options.target {
        case .command, .prepared:
            if interruptedBy != 0, config.stopGrace == nil || initialStatus == nil {
                outcome = TraceOutcome(status: 128 + interruptedBy, reason: "interrupted")
            } else {
                outcome = TraceOutcome(status: initialStatus ?? 0, reason: "exited")
            }
        default:
            outcome = TraceOutcome(status: 0, reason: interruptedBy != 0 ? "detached" : "exited")
        }
        out.ended(RecordEnd(t: now, status: outcome.status, reason: outcome.reason))
        if options.flightRecorder != nil { endFlightRecorder(outcome) }
        for w in warnings { message(w) }
        out.summarize()
        return outcome
    }

    // MARK: flight recorder

    /// Writes the flight recorder's windows out, and says so.
    func writeFlightRecorder(why: String, final: Bool) {
        guard let recorder = options.flightRecorder else { return }
        out.flush()
        let n = recorder.dump(t: now, final: final)
        message("flight recorder: \(n) line\(n == 1 ? "" : "s") written (\(why))")
    }

    /// The trace is over: the windows are written out when it ended badly (the command
    /// exited non-zero or was killed; for --container and -p, the process the trace
    /// followed did), dropped otherwise.
    func endFlightRecorder(_ outcome: TraceOutcome) {
        guard let recorder = options.flightRecorder else { return }
        var why: String?
        switch options.target {
        case .command, .prepared:
            if outcome.status != 0 {
                why = interruptedBy != 0 ? "nstrace got \(SignalNames.name(interruptedBy))" : "the command ended with status \(outcome.status)"
            }
        case .container, .attach:
            if let e = watchedEnd {
                if let sig = e.signal {
                    why = "process \(e.pid) was killed by \(sig)"
                } else if let code = e.code, code != 0 {
                    why = "process \(e.pid) exited with \(code)"
                } else if e.lost == true {
                    why = "process \(e.pid) is gone, how is not known"
                }
            }
        case .cgroup:
            break
        }
        if let why {
            writeFlightRecorder(why: why, final: true)
        } else {
            let n = recorder.discard()
            message("flight recorder: the trace ended well; its last \(n) line\(n == 1 ? "" : "s") not written (SIGUSR1 writes them on demand)")
        }
    }
}

/// What the loop knows of a syscall number, worked out once: its name, classes, traits and
/// decoder, and whether -e trace= selects it.
final class BPFCall {
    let name: String
    let classes: SyscallClasses
    let traits: SyscallTraits
    let decoding: SyscallDecoder.Call
    let selected: Bool
    /// The loop needs the decoded text besides printing it.
    let argumentText: Bool
    static let textTraits: SyscallTraits = [.changesNamespaces, .returnsPid, .takesPid, .createsTask, .resumesCall]

    init(nr: Int64, name: String, abi: SyscallABI, filter: TraceFilter) {
        self.name = name
        let spec = SyscallSpecs.spec(Int(nr), abi: abi).flatMap { $0.name == name ? $0 : nil }
            ?? SyscallSpecs.spec(named: name, abi: abi)
        decoding = SyscallDecoder.Call(name: name, abi: abi, spec: spec)
        classes = spec?.classes ?? SyscallDecoder.classes(of: name)
        traits = spec?.traits ?? []
        selected = filter.selectsAll || filter.selects(name, classes: classes)
        argumentText = !traits.isDisjoint(with: Self.textTraits)
    }
}

/// One followed task.
final class BPFTask {
    var pid: Int32
    var tgid: Int32
    var ppid: Int32?
    var origin: TaskOrigin
    /// The spawned command before its first syscall: the calls and SIGCONT are nstrace's.
    var prelude = false
    var pending: BPFPending?
    var abi: SyscallABI = .x86_64
    var lastSyscall: String?
    var lastCall: BPFCall?
    var ns = NamespaceSet()
    var nsPids: [Int32] = []
    var pidNsChain: [UInt64] = []
    var childNotes: [(pid: Int32, text: String)] = []
    /// Its exit event came (or was given up on).
    var gone = false
    /// A thread-group leader's exit, held until the group's other threads are gone (as
    /// ptrace reports it) or a thread's execve supersedes it.
    var heldExit: ExitEvent?
    /// Its exit event was lost.
    var lostExit = false
    /// -Y: its name, as the kernel last told it.
    var comm: [UInt8]?

    init(pid: Int32, tgid: Int32, ppid: Int32?, origin: TaskOrigin) {
        self.pid = pid
        self.tgid = tgid
        self.ppid = ppid
        self.origin = origin
    }
}

struct BPFPending {
    var nr: Int64
    var abi: SyscallABI
    var call: BPFCall
    var args: SyscallArgs
    var t: Double
    var selected: Bool
    var entry: DecodedEntry?
    var caller: Int32
    /// The entry event, kept when the kernel could not read some of its memory: decoded at
    /// the exit, with the reads the exit made again (the call brought the pages in).
    var held: [UInt8]?
}
