import CShim
import Glibc
import NSCore
import NSLinux
import Testing
@testable import NSTracer
import TracerTestSupport

/// The loop driven by scripted stops (FakeKernel): each test lists what waitpid reports and
/// checks the events, the restart requests and the outcome. No tracee and no ptrace call:
/// the fake answers every request from its script.
@Suite struct LoopTests {
    static let threadFlags: UInt64 = 0x3d0f00  // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID

    @Test func spawnExecWriteExit() throws {
        let h = Harness(spawnPrelude() + [.entry(100, nr: NR.write, args: [1, 0, 3]), .exit(100, rval: 3)] + exitGroup(100, 3))
        let o = try h.run()
        #expect(o == TraceOutcome(status: 3, reason: "exited"))
        // Our SIGCONT is delivered, not shown; the prelude's prctl is not shown.
        #expect(h.signals.isEmpty)
        #expect(h.syscalls.map(\.name) == ["execve", "write", "exit_group"])
        #expect(h.requests.contains("syscall 100 sig \(SIGCONT)"))
        #expect(h.lines.last == "+++ exited with 3 +++")
        #expect(h.kernel.script.isEmpty)
    }

    @Test func forkChildAnnouncedWithParent() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.fork), .event(100, NS_PTRACE_EVENT_FORK, message: 101),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
            .exit(100, rval: 101),
        ] + exitGroup(101) + exitGroup(100))
        try h.run()
        let child = try #require(h.tasks.first { $0.pid == 101 })
        #expect(child.ppid == 100 && child.tgid == 101 && child.via == .fork)
        #expect(h.exits.map(\.pid).sorted() == [100, 101])
        #expect(h.lines.contains { $0.hasPrefix("fork()") && $0.hasSuffix("= 101") })
    }

    @Test func vforkChild() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.vfork), .event(100, NS_PTRACE_EVENT_VFORK, message: 101),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
        ] + exitGroup(101) + [
            .event(100, NS_PTRACE_EVENT_VFORK_DONE, message: 101), .exit(100, rval: 101),
        ] + exitGroup(100))
        try h.run()
        #expect(h.tasks.first { $0.pid == 101 }?.via == .vfork)
        #expect(h.outcome?.status == 0)
    }

    @Test func cloneOfAThreadSharesTheThreadGroup() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.clone, args: [Self.threadFlags]), .event(100, NS_PTRACE_EVENT_CLONE, message: 101),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
            .exit(100, rval: 101),
            .entry(101, nr: NR.exitGroup), .event(101, NS_PTRACE_EVENT_EXIT),
            .event(100, NS_PTRACE_EVENT_EXIT), .exited(101, code: 0), .exited(100, code: 0),
        ])
        try h.run()
        let thread = try #require(h.tasks.first { $0.pid == 101 })
        #expect(thread.tgid == 100 && thread.ppid == 100 && thread.via == .clone)
        // Its namespaces are its parent's (taken from the parent, not read).
        #expect(thread.ns == h.tasks.first { $0.pid == 100 }?.ns)
    }

    @Test func childStopBeforeParentsCloneEventIsHeld() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.fork),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),  // the child first
            .event(100, NS_PTRACE_EVENT_FORK, message: 101),
            .exit(100, rval: 101),
        ] + exitGroup(101) + exitGroup(100))
        try h.run()
        let child = try #require(h.tasks.first { $0.pid == 101 })
        #expect(child.via == .fork && child.ppid == 100)
        // The child ran on only after its parent's event announced it: its first restart
        // comes after the parent's restart from fork's entry (the 6th after the prelude's 5).
        let r = h.requests
        let forkEntry = try #require(r.indices.filter { r[$0] == "syscall 100" }.dropFirst(5).first)
        let childRestart = try #require(r.firstIndex(of: "syscall 101"))
        #expect(forkEntry < childRestart)
    }

    @Test func execFromANonLeaderThread() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.clone, args: [Self.threadFlags]), .event(100, NS_PTRACE_EVENT_CLONE, message: 101),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP), .exit(100, rval: 101),
            .entry(100, nr: NR.nanosleep),
            .entry(101, nr: NR.execve),
            // The kernel reports the exec under the leader's pid, the former tid as message.
            .event(100, NS_PTRACE_EVENT_EXEC, message: 101), .exit(100, rval: 0),
        ] + exitGroup(100))
        try h.run()
        let superseded = try #require(h.exits.first { $0.supersededBy != nil })
        #expect(superseded.pid == 100 && superseded.supersededBy == 101)
        let exec = try #require(h.events.compactMap { if case .exec(let e) = $0 { e } else { nil } }.last)
        #expect(exec.pid == 100 && exec.formerPid == 101)
        // The leader's nanosleep never returns; the execve is the thread's, now pid 100.
        #expect(h.syscalls.contains { $0.name == "nanosleep" && $0.retText == "?" })
        #expect(h.syscalls.contains { $0.name == "execve" && $0.pid == 101 && $0.ret == 0 })
        #expect(h.outcome == TraceOutcome(status: 0, reason: "exited"))
    }

    @Test func groupStopListensAndSIGCONTResumes() throws {
        let h = Harness(spawnPrelude() + [
            .signal(100, SIGSTOP),
            .groupStop(100, SIGSTOP),
            .event(100, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),  // SIGCONT ended the group-stop
            .signal(100, SIGCONT),
        ] + exitGroup(100))
        try h.run()
        #expect(h.signals.map(\.signal) == ["SIGSTOP", "SIGSTOP", "SIGCONT"])
        #expect(h.signals.map(\.stopped) == [false, true, false])
        let r = h.requests
        let listen = try #require(r.firstIndex(of: "listen 100"))
        #expect(r[listen - 1] == "syscall 100 sig \(SIGSTOP)")
        #expect(r[listen + 1] == "syscall 100")
        #expect(h.output.contains("--- stopped by SIGSTOP ---"))
    }

    @Test func signalDuringASyscallAndItsRestart() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.nanosleep), .exit(100, rval: -516, isError: true),  // ERESTART_RESTARTBLOCK
            .signal(100, SIGALRM, senderPid: 7),
            .entry(100, nr: NR.restartSyscall), .exit(100, rval: 0),
        ] + exitGroup(100))
        try h.run()
        #expect(h.signals.map(\.signal) == ["SIGALRM"])
        #expect(h.requests.contains("syscall 100 sig \(SIGALRM)"))
        #expect(h.output.contains("<... resuming interrupted nanosleep ...>"))
    }

    @Test func seccompStopsRunBetweenCallsWithCont() throws {
        let h = Harness([
            .signal(100, SIGSTOP), .signal(100, SIGCONT),
            .seccomp(100, nr: NR.execve), .event(100, NS_PTRACE_EVENT_EXEC, message: 100), .exit(100, rval: 0),
            .seccomp(100, nr: NR.getpid, retData: 0x7),  // the command's own filter's SECCOMP_RET_TRACE
            .exit(100, rval: -Int64(ENOSYS), isError: true),
            .seccomp(100, nr: NR.exitGroup), .event(100, NS_PTRACE_EVENT_EXIT), .exited(100, code: 0),
        ])
        try h.run(seccomp: true)
        let r = h.requests
        // Inside a trapped call: PTRACE_SYSCALL to see its exit; between calls: PTRACE_CONT.
        #expect(r.contains("cont 100 sig \(SIGCONT)"))
        #expect(r.contains("skip 100 \(-Int64(ENOSYS))"))
        #expect(r.filter { $0 == "cont 100" }.count >= 2)
        #expect(h.syscalls.map(\.name).prefix(2) == ["execve", "getpid"])
        #expect(h.syscalls.first { $0.name == "getpid" }?.errno == "ENOSYS")
    }

    /// A pid namespace's init dying before its parent's clone event: held, it must still
    /// finish its exit at once (its namespace's other tasks wait for it).
    @Test func pidNamespaceInitDyingDuringTheCloneIsLetGo() throws {
        let newPid: UInt64 = 0x20000000 | UInt64(SIGCHLD)
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.clone, args: [newPid]),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
            .sigkill(101),
            .event(101, NS_PTRACE_EVENT_EXIT),
            .exited(101, code: 0),
            .event(100, NS_PTRACE_EVENT_CLONE, message: 101), .exit(100, rval: 101),
        ] + exitGroup(100))
        h.kernel.nsPidsOf[101] = [101, 1]
        h.kernel.pidChainOf[101] = [4026531836, 4026532999]
        try h.run()
        let r = h.requests
        // Let go at its exit stop while still held (before the parent's event).
        let letGo = try #require(r.firstIndex(of: "cont 101"))
        let parentEvent = try #require(r.indices.first { r[$0] == "syscall 100" && $0 > letGo })
        #expect(letGo < parentEvent)
        let child = try #require(h.tasks.first { $0.pid == 101 })
        #expect(child.via == .clone && child.ppid == 100 && child.nspid == [101, 1])
        #expect(h.exits.contains { $0.pid == 101 && $0.code == 0 })
        #expect(h.output.contains("101 (1 in "))
    }

    /// CLONE_UNTRACED would let the child escape: cleared in clone's register, and in
    /// clone3's struct in the tracee's memory, before the kernel reads them.
    @Test func cloneUntracedIsCleared() throws {
        let untraced: UInt64 = 0x00800000
        let clone3: Int64 = 435
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.clone, args: [untraced | UInt64(SIGCHLD)]), .exit(100, rval: -1, isError: true),
            .entry(100, nr: clone3, args: [0x1000, 88]), .exit(100, rval: -1, isError: true),
        ] + exitGroup(100))
        h.kernel.memoryBytes[0x1000] = withUnsafeBytes(of: untraced) { Array($0) } + [UInt8](repeating: 0, count: 80)
        try h.run()
        #expect(h.requests.contains("setArg0 100 \(SIGCHLD)"))
        #expect(h.kernel.requests.contains(.writeMemory(100, 0x1000, [UInt8](repeating: 0, count: 8))))
        #expect(h.output.components(separatedBy: "cleared CLONE_UNTRACED").count == 3)
    }

    @Test func interruptKillsTheWholeStartedTree() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.fork), .event(100, NS_PTRACE_EVENT_FORK, message: 101),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP), .exit(100, rval: 101),
            .entry(100, nr: NR.nanosleep), .entry(101, nr: NR.nanosleep),
            .nstraceSignal(SIGINT),
            .killed(101, SIGKILL), .killed(100, SIGKILL),
        ])
        let o = try h.run()
        #expect(o == TraceOutcome(status: 128 + SIGINT, reason: "interrupted"))
        #expect(Set(h.requests.filter { $0.hasPrefix("kill") && $0.hasSuffix(" \(SIGKILL)") }) == ["kill 100 9", "kill 101 9"])
        #expect(h.exits.map(\.signal) == ["SIGKILL", "SIGKILL"])
        // Both calls were cut short: recorded as never returning.
        #expect(h.syscalls.filter { $0.name == "nanosleep" }.allSatisfy { $0.retText == "?" })
    }

    @Test func attachToAMultiThreadedProcessThenDetach() throws {
        let h = Harness([
            .event(200, NS_PTRACE_EVENT_STOP, signal: SIGTRAP), .event(201, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
            .entry(201, nr: NR.nanosleep),
            .nstraceSignal(SIGINT),
            .event(200, NS_PTRACE_EVENT_STOP, signal: SIGTRAP), .event(201, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
        ])
        h.kernel.threadsOf[200] = [200, 201]
        h.kernel.existing.insert(200)
        let o = try h.run(.attach([200]))
        #expect(o == TraceOutcome(status: 0, reason: "detached"))
        let r = h.requests
        #expect(r.prefix(4) == ["seize 200", "seize 201", "interrupt 200", "interrupt 201"])
        #expect(r.contains("detach 200") && r.contains("detach 201"))
        #expect(h.tasks.map(\.pid) == [200, 201] && h.tasks.allSatisfy { $0.tgid == 200 && $0.via == .attached })
        #expect(h.exits.allSatisfy(\.detached) && h.exits.count == 2)
        #expect(h.messageText == "nstrace: Process 200 attached\nnstrace: Process 200 detached\n")
    }

    @Test func attachToAMissingPidFailsBeforeSeizingAny() {
        let h = Harness([])
        #expect(throws: TraceStartError.self) { try h.run(.attach([4242])) }
        #expect(h.requests.isEmpty)
    }
}

/// The task lifecycle's transitions, all in TaskPhase.after.
@Suite struct TaskPhaseTests {
    @Test func transitions() {
        #expect(TaskPhase.held.after(.announced) == .seized)
        #expect(TaskPhase.held.after(.firstStop) == .held)  // a held task's stops are kept, not handled
        #expect(TaskPhase.seized.after(.firstStop) == .running)
        #expect(TaskPhase.running.after(.groupStop) == .groupStopped)
        #expect(TaskPhase.groupStopped.after(.groupStopEnded) == .running)
        #expect(TaskPhase.running.after(.groupStopEnded) == .running)
        for p in [TaskPhase.held, .seized, .running, .groupStopped] { #expect(p.after(.exitStop) == .exiting) }
        #expect(TaskPhase.exiting.after(.announced) == .exiting)
    }
}
