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
    /// Follow forks, vforks, clones (strace -f). The default.
    public var follow = true
    public var filter = TraceFilter.all
    public var decode = DecodeOptions()
    /// The strace-style text output, or nil (-c alone).
    public var printer: StraceTextPrinter?
    /// --record.
    public var record: RecordWriter?
    /// -c / -C.
    public var summary: Bool = false
    /// Where the -c table goes: -o FILE if given (as strace), else stderr.
    public var summarySink: OutputSink?
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
}

/// How tracing ended.
public struct TraceOutcome: Equatable {
    /// The exit status nstrace should exit with: the command's status, 128+signal when
    /// it was killed, 128+signal when nstrace itself was interrupted while running a
    /// command, 0 after detaching from -p processes.
    public var status: Int32
    public var reason: String
}

/// One task (thread or process) being traced.
final class TaskState {
    var pid: pid_t
    var tgid: pid_t
    var ppid: pid_t?
    var origin: TaskOrigin
    /// Announced (a task event written) and resumed at least once.
    var started = false
    /// Seen, but its parent's clone event has not arrived yet: its stops wait here.
    var heldStops: [WaitStatus] = []
    var known: Bool
    /// The spawned command before its first syscall: its SIGCONT is ours, not shown.
    var prelude = false
    /// The syscall entered and not yet exited.
    var pending: PendingSyscall?
    /// The command installed a seccomp filter of its own in this task (or the task it was
    /// made from): its filter can answer a call before nstrace's sees it (ERRNO, KILL) or
    /// ask for a tracer itself (TRACE), so under the fast path this task is stopped at
    /// every syscall from then on, as without the fast path.
    var ownFilter = false
    /// Seen at its PTRACE_EVENT_EXIT stop: it is dying.
    var exiting = false
    /// In a group-stop (PTRACE_LISTEN).
    var groupStopped = false
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

    init(pid: pid_t, tgid: pid_t, ppid: pid_t?, origin: TaskOrigin, known: Bool) {
        self.pid = pid
        self.tgid = tgid
        self.ppid = ppid
        self.origin = origin
        self.known = known
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
