import CShim
import Glibc
import NSCore

/// Everything the tracer's loop asks of the kernel, in one protocol: ptrace requests,
/// waits, tracee memory, the /proc facts it reads, signals, and nstrace's own stop-signal
/// flags. `LinuxKernel` forwards each to the typed wrapper that makes the call (Ptrace,
/// Wait, ProcessMemory, ProcFS, NamespaceReader, Spawn); a test gives the loop a scripted
/// fake instead (Tests/TracerTests/FakeKernel.swift), so the loop runs without a tracee.
///
/// The loop is generic over it (specialised for LinuxKernel in release builds: no
/// witness-table call on the hot path). Not behind it: -k's unwinder (libunwind-ptrace
/// makes its own ptrace calls) and the printer's and record's outputs.
public protocol TracerKernel {
    associatedtype Memory: TraceeMemory

    // ptrace (every request from the loop's thread)
    /// PTRACE_SEIZE with `options`.
    func seize(_ pid: pid_t, options: Int) throws(SystemError)
    /// PTRACE_SYSCALL, delivering `signal`.
    @discardableResult func resumeToSyscall(_ pid: pid_t, signal: Int32) -> Bool
    /// PTRACE_CONT, delivering `signal`.
    @discardableResult func resume(_ pid: pid_t, signal: Int32) -> Bool
    /// PTRACE_LISTEN.
    @discardableResult func listen(_ pid: pid_t) -> Bool
    /// PTRACE_INTERRUPT.
    @discardableResult func interrupt(_ pid: pid_t) -> Bool
    /// PTRACE_DETACH, delivering `signal`.
    @discardableResult func detach(_ pid: pid_t, signal: Int32) -> Bool
    /// PTRACE_GETEVENTMSG.
    func eventMessage(_ pid: pid_t) -> UInt?
    /// PTRACE_GET_SYSCALL_INFO.
    func syscallInfo(_ pid: pid_t) -> ns_syscall_info?
    /// PTRACE_GETSIGINFO.
    func signalInfo(_ pid: pid_t) -> SigInfo?
    /// At a seccomp stop: skip the call, making it return `ret` (PTRACE_SETREGS).
    func skipSyscall(_ pid: pid_t, returning ret: Int64) -> Bool
    /// At a syscall entry: set the first argument (PTRACE_SETREGS).
    func setSyscallArg0(_ pid: pid_t, compat32: Bool, _ value: UInt64) -> Bool

    // waitpid
    /// waitpid(-1, __WALL [| WNOHANG]).
    func waitAny(block: Bool) -> Wait.Result
    /// waitpid on one pid (__WALL | options), retrying EINTR.
    func waitOne(_ pid: pid_t, options: Int32) -> WaitStatus?

    // tracee memory
    func memory(_ pid: pid_t) -> Memory
    /// process_vm_writev; true when all the bytes were written.
    func writeMemory(_ pid: pid_t, at address: UInt64, _ bytes: UnsafeRawBufferPointer) -> Bool

    // /proc
    func processExists(_ pid: pid_t) -> Bool
    /// The tids of /proc/PID/task.
    func threads(_ pid: pid_t) -> [pid_t]
    func statusField(_ pid: pid_t, _ field: String) -> String?
    func tgid(_ pid: pid_t) -> pid_t?
    func readLink(_ path: String) -> String?
    func readText(_ path: String) -> String?
    /// `-Y`: a task's command name (/proc/PID/comm's bytes without the newline).
    func comm(_ pid: pid_t) -> [UInt8]?
    /// `-y`: fd → what /proc/PID/fd/N points to.
    func fdResolver(_ pid: pid_t) -> any FDPathResolver
    func namespaces(_ tid: pid_t, kinds: [NamespaceKind]) -> NamespaceSet
    func nsPids(_ tid: pid_t) -> [Int32]
    func pidNamespaceChain(_ tid: pid_t, levels: Int) -> [UInt64]
    func describeNamespaceFile(_ path: String) -> String?

    // processes and signals
    func spawnStopped(path: String, argv: [String], env: [String], filter: [UInt8]?, user: Spawn.User?) throws(SystemError) -> Spawn.Child
    /// The errno a failed execve of the spawned command left in its error pipe.
    func execErrno(_ errorPipe: Int32) -> Int32
    @discardableResult func kill(_ pid: pid_t, _ signal: Int32) -> Bool

    // nstrace's own stop signals (SIGINT, SIGTERM, ...; ns_install_stop_handlers)
    func installStopHandlers()
    func restoreStopHandlers()
    /// The first stop signal nstrace got, or 0.
    func pendingStopSignal() -> Int32
    func stopSignalCount() -> Int32
    func alarm(_ seconds: UInt32)
}

/// The real kernel: thin forwarding, inlinable so a specialised loop calls the wrappers
/// directly.
public struct LinuxKernel: TracerKernel {
    @inlinable public init() {}

    @inlinable public func seize(_ pid: pid_t, options: Int) throws(SystemError) {
        try Ptrace.seize(pid, options: options)
    }
    @inlinable @discardableResult public func resumeToSyscall(_ pid: pid_t, signal: Int32) -> Bool {
        Ptrace.resumeToSyscall(pid, signal: signal)
    }
    @inlinable @discardableResult public func resume(_ pid: pid_t, signal: Int32) -> Bool {
        Ptrace.resume(pid, signal: signal)
    }
    @inlinable @discardableResult public func listen(_ pid: pid_t) -> Bool { Ptrace.listen(pid) }
    @inlinable @discardableResult public func interrupt(_ pid: pid_t) -> Bool { Ptrace.interrupt(pid) }
    @inlinable @discardableResult public func detach(_ pid: pid_t, signal: Int32) -> Bool {
        Ptrace.detach(pid, signal: signal)
    }
    @inlinable public func eventMessage(_ pid: pid_t) -> UInt? { Ptrace.eventMessage(pid) }
    @inlinable public func syscallInfo(_ pid: pid_t) -> ns_syscall_info? { Ptrace.syscallInfo(pid) }
    @inlinable public func signalInfo(_ pid: pid_t) -> SigInfo? { Ptrace.signalInfo(pid) }
    @inlinable public func skipSyscall(_ pid: pid_t, returning ret: Int64) -> Bool {
        ns_skip_syscall(pid, ret) == 0
    }
    @inlinable public func setSyscallArg0(_ pid: pid_t, compat32: Bool, _ value: UInt64) -> Bool {
        ns_set_syscall_arg0(pid, compat32 ? 1 : 0, value) == 0
    }

    @inlinable public func waitAny(block: Bool) -> Wait.Result { Wait.any(block: block) }
    @inlinable public func waitOne(_ pid: pid_t, options: Int32) -> WaitStatus? { Wait.one(pid, options: options) }

    @inlinable public func memory(_ pid: pid_t) -> ProcessMemory { ProcessMemory(pid: pid) }
    @inlinable public func writeMemory(_ pid: pid_t, at address: UInt64, _ bytes: UnsafeRawBufferPointer) -> Bool {
        ns_vm_write(pid, address, bytes.baseAddress, UInt(bytes.count)) == bytes.count
    }

    @inlinable public func processExists(_ pid: pid_t) -> Bool { ProcFS.exists(pid) }
    @inlinable public func threads(_ pid: pid_t) -> [pid_t] { ProcFS.threads(pid) }
    @inlinable public func statusField(_ pid: pid_t, _ field: String) -> String? { ProcFS.statusField(pid, field) }
    @inlinable public func tgid(_ pid: pid_t) -> pid_t? { ProcFS.tgid(pid) }
    @inlinable public func readLink(_ path: String) -> String? { ProcFS.readLink(path) }
    @inlinable public func readText(_ path: String) -> String? { ProcFS.readText(path) }
    @inlinable public func comm(_ pid: pid_t) -> [UInt8]? { ProcFS.comm(pid) }
    @inlinable public func fdResolver(_ pid: pid_t) -> any FDPathResolver { ProcFDResolver(pid: pid) }
    @inlinable public func namespaces(_ tid: pid_t, kinds: [NamespaceKind]) -> NamespaceSet {
        NamespaceReader.read(tid, kinds: kinds)
    }
    @inlinable public func nsPids(_ tid: pid_t) -> [Int32] { NamespaceReader.nsPids(tid) }
    @inlinable public func pidNamespaceChain(_ tid: pid_t, levels: Int) -> [UInt64] {
        NamespaceReader.pidNamespaceChain(tid, levels: levels)
    }
    @inlinable public func describeNamespaceFile(_ path: String) -> String? { NamespaceReader.describeFile(path) }

    @inlinable public func spawnStopped(path: String, argv: [String], env: [String],
                                        filter: [UInt8]?, user: Spawn.User?) throws(SystemError) -> Spawn.Child {
        try Spawn.stoppedChild(path: path, argv: argv, env: env, filter: filter, user: user)
    }
    @inlinable public func execErrno(_ errorPipe: Int32) -> Int32 { ns_spawn_exec_errno(errorPipe) }
    @inlinable @discardableResult public func kill(_ pid: pid_t, _ signal: Int32) -> Bool { ns_kill(pid, signal) == 0 }

    @inlinable public func installStopHandlers() { ns_install_stop_handlers(ns_gettid()) }
    @inlinable public func restoreStopHandlers() { ns_restore_stop_handlers() }
    @inlinable public func pendingStopSignal() -> Int32 { ns_pending_stop_signal() }
    @inlinable public func stopSignalCount() -> Int32 { ns_stop_signal_count() }
    @inlinable public func alarm(_ seconds: UInt32) { ns_alarm(seconds) }
}
