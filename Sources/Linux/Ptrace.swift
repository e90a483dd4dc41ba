import CShim
import Glibc
import NSCore

/// Typed ptrace requests. Every request must come from the thread that attached
/// (ptrace is per thread): only the tracer loop's thread calls these.
public enum Ptrace {
    /// The options nstrace always sets: syscall stops marked, every kind of child
    /// followed, exec and exit events, and tracees killed if the tracer dies.
    public static let followOptions: Int =
        Int(NS_PTRACE_O_TRACESYSGOOD | NS_PTRACE_O_TRACEFORK | NS_PTRACE_O_TRACEVFORK
            | NS_PTRACE_O_TRACECLONE | NS_PTRACE_O_TRACEEXEC | NS_PTRACE_O_TRACEEXIT)
    public static let exitKill = Int(NS_PTRACE_O_EXITKILL)
    public static let noFollowOptions: Int =
        Int(NS_PTRACE_O_TRACESYSGOOD | NS_PTRACE_O_TRACEEXEC | NS_PTRACE_O_TRACEEXIT)

    /// PTRACE_SEIZE with `options`.
    public static func seize(_ pid: pid_t, options: Int) throws(SystemError) {
        if ns_ptrace(NS_PTRACE_SEIZE, pid, nil, UnsafeMutableRawPointer(bitPattern: options)) < 0 {
            throw SystemError("PTRACE_SEIZE \(pid)")
        }
    }

    /// PTRACE_SYSCALL: resume until the next syscall entry/exit, delivering `signal`.
    @discardableResult
    public static func resumeToSyscall(_ pid: pid_t, signal: Int32 = 0) -> Bool {
        ns_ptrace(NS_PTRACE_SYSCALL, pid, nil, UnsafeMutableRawPointer(bitPattern: Int(signal))) == 0
    }

    /// PTRACE_CONT: resume without syscall stops (the seccomp fast path).
    @discardableResult
    public static func resume(_ pid: pid_t, signal: Int32 = 0) -> Bool {
        ns_ptrace(NS_PTRACE_CONT, pid, nil, UnsafeMutableRawPointer(bitPattern: Int(signal))) == 0
    }

    /// PTRACE_LISTEN: leave a group-stopped tracee stopped but let SIGCONT wake it.
    @discardableResult
    public static func listen(_ pid: pid_t) -> Bool {
        ns_ptrace(NS_PTRACE_LISTEN, pid, nil, nil) == 0
    }

    /// PTRACE_INTERRUPT: bring a running tracee to a PTRACE_EVENT_STOP.
    @discardableResult
    public static func interrupt(_ pid: pid_t) -> Bool {
        ns_ptrace(NS_PTRACE_INTERRUPT, pid, nil, nil) == 0
    }

    /// PTRACE_DETACH from a stopped tracee, delivering `signal`.
    @discardableResult
    public static func detach(_ pid: pid_t, signal: Int32 = 0) -> Bool {
        ns_ptrace(NS_PTRACE_DETACH, pid, nil, UnsafeMutableRawPointer(bitPattern: Int(signal))) == 0
    }

    /// PTRACE_GETEVENTMSG: the new child's pid at a clone event, the former tid at exec.
    public static func eventMessage(_ pid: pid_t) -> UInt? {
        var msg: UInt = 0
        let r = withUnsafeMutablePointer(to: &msg) { ns_ptrace(NS_PTRACE_GETEVENTMSG, pid, nil, $0) }
        return r == 0 ? msg : nil
    }

    /// PTRACE_GET_SYSCALL_INFO.
    public static func syscallInfo(_ pid: pid_t) -> ns_syscall_info? {
        var info = ns_syscall_info()
        return ns_get_syscall_info(pid, &info) == 0 ? info : nil
    }

    /// PTRACE_GETSIGINFO, as the fields nstrace shows.
    public static func signalInfo(_ pid: pid_t) -> SigInfo? {
        var raw = ns_siginfo()
        guard ns_get_siginfo(pid, &raw) == 0 else { return nil }
        var si = SigInfo()
        si.signo = raw.signo
        si.errno = raw.err
        si.code = raw.code
        si.pid = raw.pid
        si.uid = raw.uid
        si.status = raw.status
        si.utime = raw.utime
        si.stime = raw.stime
        si.addr = raw.addr
        si.timerid = raw.timerid
        si.overrun = raw.overrun
        si.value = raw.value
        si.band = raw.band
        si.fd = raw.fd
        si.syscall = raw.syscall
        si.arch = raw.arch
        si.callAddr = raw.call_addr
        return si
    }
}

/// What waitpid reported for one task.
public enum WaitStatus: Equatable, Sendable {
    case exited(code: Int32)
    case killed(signal: Int32, coreDumped: Bool)
    /// A syscall-stop (SIGTRAP|0x80).
    case syscallStop
    /// A ptrace-event-stop (PTRACE_EVENT_*), with the stop signal.
    case event(Int32, signal: Int32)
    /// A signal-delivery-stop.
    case signalStop(Int32)
    case unknown(Int32)

    public init(raw s: Int32) {
        if ns_wifexited(s) != 0 {
            self = .exited(code: ns_wexitstatus(s))
        } else if ns_wifsignaled(s) != 0 {
            self = .killed(signal: ns_wtermsig(s), coreDumped: ns_wcoredump(s) != 0)
        } else if ns_wifstopped(s) != 0 {
            let sig = ns_wstopsig(s)
            let event = ns_wevent(s)
            if sig == (SIGTRAP | 0x80) {
                self = .syscallStop
            } else if event != 0 {
                self = .event(event, signal: sig)
            } else {
                self = .signalStop(sig)
            }
        } else {
            self = .unknown(s)
        }
    }
}

public enum Wait {
    public enum Result: Equatable {
        case task(pid_t, WaitStatus)
        /// No child is ready (WNOHANG).
        case none
        /// Interrupted by a signal to the tracer.
        case interrupted
        /// No children left (ECHILD).
        case noChildren
    }

    /// waitpid(-1, __WALL [| WNOHANG]).
    public static func any(block: Bool) -> Result {
        var status: Int32 = 0
        let r = ns_waitpid(-1, &status, NS_WALL | (block ? 0 : NS_WNOHANG))
        if r > 0 { return .task(r, WaitStatus(raw: status)) }
        if r == 0 { return .none }
        switch errno {
        case EINTR: return .interrupted
        default: return .noChildren
        }
    }

    /// waitpid on one pid (__WALL), retrying EINTR.
    public static func one(_ pid: pid_t, options: Int32 = 0) -> WaitStatus? {
        var status: Int32 = 0
        while true {
            let r = ns_waitpid(pid, &status, NS_WALL | options)
            if r == pid { return WaitStatus(raw: status) }
            if r < 0 && errno == EINTR { continue }
            return nil
        }
    }
}
