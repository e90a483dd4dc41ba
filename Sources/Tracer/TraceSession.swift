import CShim
import Glibc
import NSCore
import NSLinux

/// What to trace and what to produce. Built by the CLI, consumed by `Tracer`.
public struct TraceConfig {
    public enum Target {
        /// Start this command (argv[0] already resolved to `path`).
        case command(path: String, argv: [String], env: [String])
        /// Seize these running processes (all their threads).
        case attach([pid_t])
        /// A child forked by `launch` that stops itself (SIGSTOP) before doing anything,
        /// like `Spawn.stoppedChild` (e.g. a container's set-up, `ns_spawn_container`).
        /// Its error pipe is the caller's to read.
        case prepared(launch: () throws(SystemError) -> Spawn.Child)
    }

    public var target: Target
    /// -u: the command runs as this user (a started command only).
    public var runAs: Spawn.User?
    /// Follow forks, vforks, clones (strace -f). The default.
    public var follow = true
    public var filter = TraceFilter.all
    /// -P PATH: only the calls that touch these paths (judged at entry).
    public var paths = PathFilter()
    /// -e read= / -e write=: hex dumps of the data of calls on these descriptors.
    public var ioDump = IODump()
    /// -e inject= / -e fault=: calls not made, their result given by nstrace.
    public var injections: [Injection] = []
    public var decode = DecodeOptions()
    /// The strace-style text output, or nil (-c alone).
    public var printer: StraceTextPrinter?
    /// --record.
    public var record: RecordWriter?
    /// -c / -C.
    public var summary: Bool = false
    /// -S: the order of the -c table's rows.
    public var summaryOrder = SyscallSummary.Order.time
    /// Where the -c table goes: -o FILE if given (as strace), else stderr.
    public var summarySink: OutputSink?
    /// Further consumers of the trace, after the printer, the record and the -c table.
    public var sinks: [any TraceSink] = []
    /// Where messages ("Process N attached", warnings) go: stderr.
    public var messages: OutputSink
    /// Print "Process N attached/detached" messages (not with -q).
    public var attachMessages = true
    /// Write the trace out whenever the tracer would block (the text goes to a terminal or
    /// stderr: show it as it happens). Off for -o FILE, which is written in large blocks
    /// (and at the end), as strace does.
    public var flushWhenIdle = true
    /// -k: a stack trace after each printed syscall.
    public var stackTraces = false
    /// The seccomp-bpf fast path: a BPF program (from SeccompFilter.build) the started
    /// command runs under, so only the syscalls it traps stop the tracee.
    public var seccompFilter: [UInt8]?
    /// Print `  ns: ...` lines under syscalls that changed a task's namespaces
    /// (--no-ns turns them off; the record keeps the transitions either way).
    public var namespaceNotes = true
    /// Called with the started child's pid once it is seized and before it runs on
    /// (e.g. to put it into a cgroup before it unshares its cgroup namespace).
    public var onSeized: ((pid_t) -> Void)?
    /// For a started command: on SIGINT/SIGTERM/SIGHUP/SIGQUIT, pass the signal on to the
    /// started process and give the tree this many seconds to end before it is killed (a
    /// second signal kills at once). nil: kill the tree at once (strace's behaviour).
    public var stopGrace: Double?

    public init(target: Target, messages: OutputSink) {
        self.target = target
        self.messages = messages
    }

    /// The one sink a tracer writes to: the printer, the record, the -c table and `sinks`
    /// subscribed, in that order.
    public func output() -> TraceOutput {
        var all: [any TraceSink] = []
        if let printer { all.append(printer) }
        if let record { all.append(record) }
        if summary { all.append(SummarySink(sink: summarySink ?? messages, order: summaryOrder)) }
        return TraceOutput(all + sinks)
    }
}

/// How tracing ended.
public struct TraceOutcome: Equatable {
    /// The exit status nstrace should exit with: the command's status, 128+signal when
    /// it was killed, 128+signal when nstrace itself was interrupted while running a
    /// command, 0 after detaching from -p processes.
    public var status: Int32
    public var reason: String
    public init(status: Int32, reason: String) {
        self.status = status
        self.reason = reason
    }
}

/// One task (thread or process) being traced.
final class TaskState {
    /// -e inject=: how many calls of each syscall the task has made (when=).
    var injectCounts: [String: UInt64] = [:]
    /// -e inject=...:signal=: the signal to give the task as its injected call returns.
    var injectSignal: Int32 = 0
    var pid: pid_t
    var tgid: pid_t
    var ppid: pid_t?
    var origin: TaskOrigin
    /// Where it is in its life (held, seized, running, group-stopped, exiting): changed only
    /// by `on(_:)`, whose transitions are all in `TaskPhase.after(_:)`.
    private(set) var phase: TaskPhase
    /// The spawned command before its first syscall: its SIGCONT is ours, not shown.
    var prelude = false
    /// The syscall entered and not yet exited.
    var pending: PendingSyscall?
    /// The command installed a seccomp filter of its own in this task (or the task it was
    /// made from): its filter can answer a call before nstrace's sees it (ERRNO, KILL) or
    /// ask for a tracer itself (TRACE), so under the fast path this task is stopped at
    /// every syscall from then on, as without the fast path.
    var ownFilter = false
    var abi: SyscallABI = .x86_64
    /// The last syscall entered: what a restart_syscall resumes.
    var lastSyscall: String?
    /// Its namespaces as last read (empty until read).
    var ns = NamespaceSet()
    /// Its pid in each pid namespace, outermost first.
    var nsPids: [Int32] = []
    /// The inode of each of those pid namespaces (same order), from NS_GET_PARENT.
    var pidNsChain: [UInt64] = []
    /// Links that became unreadable after a syscall (pid_for_children after
    /// unshare(CLONE_NEWPID) reads only once the first child exists), with that cause.
    var unresolved: [NamespaceKind: (cause: String, call: String)] = [:]
    /// Annotations for children it created, printed after its clone line returns.
    var childNotes: [(pid: pid_t, text: String)] = []

    /// Followed: announced (its task event written), not held for a parent's event.
    var known: Bool { phase != .held }
    /// Its first stop (the seize's, or a new child's PTRACE_EVENT_STOP) has been seen.
    var started: Bool { phase != .held && phase != .seized }
    /// Seen at its PTRACE_EVENT_EXIT stop: it is dying.
    var exiting: Bool { phase == .exiting }

    func on(_ transition: TaskPhase.Transition) { phase = phase.after(transition) }

    init(pid: pid_t, tgid: pid_t, ppid: pid_t?, origin: TaskOrigin, known: Bool) {
        self.pid = pid
        self.tgid = tgid
        self.ppid = ppid
        self.origin = origin
        self.phase = known ? .seized : .held
    }
}

/// A task's life as the loop sees it. `prelude` (the spawned command before its first
/// syscall) stays a flag of its own: it is about which stops are nstrace's, and it holds
/// across these phases.
enum TaskPhase: Equatable {
    /// Seen before its parent's clone event: its stops are kept, not handled.
    case held
    /// Followed, its first stop not seen yet.
    case seized
    case running
    /// In a group-stop, left there with PTRACE_LISTEN until SIGCONT.
    case groupStopped
    /// Past its PTRACE_EVENT_EXIT stop: a clone it was in will report no child.
    case exiting

    enum Transition {
        /// Its parent's clone event came, or it was released as an orphan.
        case announced
        /// Its first stop.
        case firstStop
        /// A PTRACE_EVENT_STOP with a stopping signal.
        case groupStop
        /// A PTRACE_EVENT_STOP after a group-stop (SIGCONT).
        case groupStopEnded
        /// PTRACE_EVENT_EXIT.
        case exitStop
    }

    func after(_ t: Transition) -> TaskPhase {
        switch (self, t) {
        case (_, .exitStop): return .exiting
        case (.exiting, _): return .exiting
        case (.held, .announced): return .seized
        case (.seized, .firstStop): return .running
        case (.running, .groupStop), (.groupStopped, .groupStop): return .groupStopped
        case (.groupStopped, .groupStopEnded): return .running
        default: return self
        }
    }
}

struct PendingSyscall {
    var nr: Int64
    var abi: SyscallABI
    var name: String
    var args: SyscallArgs
    var t: Double
    var selected: Bool
    var entry: DecodedEntry?
    /// The task that made the call (differs from the reporting pid after a
    /// non-leader thread's execve).
    var caller: pid_t
    /// A fork/vfork/clone/clone3 whose PTRACE_EVENT_FORK/VFORK/CLONE has come.
    var childReported = false
    /// What the loop does at its exit besides printing: the spec table's traits (CallTable).
    var traits: SyscallTraits = []
    /// Decoded as Strings even when only printed (CallInfo.argumentText).
    var argumentText = false
    /// -e inject=: not made; its result is nstrace's (` (INJECTED)`).
    var injected = false

    /// A call that creates a task and has not reported it yet: a child seen before its
    /// parent's event may be this call's.
    var mayReportChild: Bool { !childReported && traits.contains(.createsTask) }
}

/// Settings read from the environment once.
enum TraceEnvironment {
    /// NSTRACE_VERIFY_NS=1 (for tests): read the links of every task whose namespaces were
    /// taken from its parent, and say at the end how many were checked and which differed.
    static let verifyInherited = getenv("NSTRACE_VERIFY_NS") != nil
}
