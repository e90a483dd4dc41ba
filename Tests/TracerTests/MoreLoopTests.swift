import CShim
import Glibc
import NSCore
import NSLinux
import Testing
@testable import NSTracer
import TracerTestSupport

/// More of the loop's cases, each a bug once found by running real processes: pid
/// translation of a signal's sender, the grace given to a started command on SIGINT, a
/// child of a process attached in the middle of its clone, and the wait for a parent that
/// is late with its clone event.
@Suite struct MoreLoopTests {
    static let newPid: UInt64 = 0x20000000 | UInt64(SIGCHLD)   // CLONE_NEWPID
    static let top: UInt64 = 4026531836, inner: UInt64 = 4026532999

    /// si_pid is in the receiver's pid namespace: a SIGCHLD from a child that is 2 inside is
    /// shown with the child's pid as nstrace sees it, even after the child is gone.
    @Test func siPidOfASignalIsTranslated() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.clone, args: [Self.newPid]), .event(100, NS_PTRACE_EVENT_CLONE, message: 101),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP), .exit(100, rval: 101),
            .entry(101, nr: NR.fork), .event(101, NS_PTRACE_EVENT_FORK, message: 102),
            .event(102, NS_PTRACE_EVENT_STOP, signal: SIGTRAP), .exit(101, rval: 2),
        ] + exitGroup(102) + [
            .signal(101, SIGCHLD, senderPid: 2),
        ] + exitGroup(101) + exitGroup(100))
        h.kernel.nsPidsOf = [101: [101, 1], 102: [102, 2]]
        h.kernel.pidChainOf = [101: [Self.top, Self.inner], 102: [Self.top, Self.inner]]
        try h.run()
        let sigchld = try #require(h.signals.first { $0.pid == 101 && $0.signal == "SIGCHLD" })
        #expect(sigchld.info?.contains("si_pid=2 /* 102 in nstrace's PID NS */,") == true)
        #expect(h.output.contains("si_pid=2 /* 102 in nstrace's PID NS */,"))
        // fork's result, 2 inside, is translated the same way.
        #expect(h.lines.contains { $0.contains("<... fork resumed>) = 2 /* 102 in nstrace's PID NS */") })
        // The top task's own pids are nstrace's: nothing to translate.
        #expect(!h.lines.contains { $0.hasPrefix("clone(") && $0.contains("PID NS") })
    }

    /// With a grace (`run`, `trace` of a container), SIGINT to nstrace is passed on to the
    /// started process, not a SIGKILL; the command's own exit status is the outcome.
    @Test func stopGracePassesTheSignalOnAndKeepsTheCommandsStatus() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.nanosleep),
            .nstraceSignal(SIGINT),
            .exit(100, rval: -Int64(EINTR), isError: true),
            .signal(100, SIGINT, senderPid: 1),
        ] + exitGroup(100, 130))
        let o = try h.run(stopGrace: 5)
        #expect(o == TraceOutcome(status: 130, reason: "exited"))
        #expect(h.requests.contains("kill 100 \(SIGINT)"))
        #expect(!h.requests.contains("kill 100 \(SIGKILL)"))
        #expect(h.signals.map(\.signal) == ["SIGINT"])
    }

    /// A second signal during the grace kills the tree at once.
    @Test func aSecondSignalDuringTheGraceKills() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.nanosleep),
            .nstraceSignal(SIGINT), .nstraceSignal(SIGINT),
            .killed(100, SIGKILL),
        ])
        let o = try h.run(stopGrace: 5)
        let r = h.requests
        let passed = try #require(r.firstIndex(of: "kill 100 \(SIGINT)"))
        let killed = try #require(r.firstIndex(of: "kill 100 \(SIGKILL)"))
        #expect(passed < killed)
        // With a grace the command's own end is the outcome: here its SIGKILL.
        #expect(o == TraceOutcome(status: 128 + SIGKILL, reason: "exited"))
    }

    /// -p attached while the process was inside clone: the child's stop comes, its parent
    /// was never seen entering a creating call, so nothing announces it; when the loop is
    /// idle it is released with its parent from /proc (one task line, `via: unknown`), and
    /// the late clone event then only corrects what the loop knows.
    @Test func attachedMidCloneTheChildIsReleasedAsAnOrphan() throws {
        let h = Harness([
            .event(200, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
            .event(201, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
            .idle,
            .event(200, NS_PTRACE_EVENT_CLONE, message: 201), .exit(200, rval: 201),
            .entry(201, nr: NR.getpid), .exit(201, rval: 201),
            .exited(201, code: 0), .exited(200, code: 0),
        ])
        h.kernel.existing.insert(200)
        h.kernel.status[201] = ["PPid": "200", "Tgid": "201"]
        let o = try h.run(.attach([200]))
        #expect(o == TraceOutcome(status: 0, reason: "exited"))
        let lines = h.tasks.filter { $0.pid == 201 }
        #expect(lines.count == 1)
        #expect(lines.first?.via == .unknown && lines.first?.ppid == 200 && lines.first?.tgid == 201)
        // Released at the idle moment, before the clone event came.
        let r = h.requests
        let childRuns = try #require(r.firstIndex(of: "syscall 201"))
        let parentAfterEvent = try #require(r.indices.filter { r[$0] == "syscall 200" }.dropFirst().first)
        #expect(childRuns < parentAfterEvent)
        #expect(h.syscalls.contains { $0.pid == 201 && $0.name == "getpid" && $0.ret == 201 })
        #expect(h.exits.map(\.pid).sorted() == [200, 201])
        #expect(h.kernel.script.isEmpty)
    }

    /// A parent seen inside fork that is late with its event (preempted between waking the
    /// child and reporting): an idle loop must not release the child as an orphan, or it
    /// would be written `via: unknown` for good.
    @Test func aChildWaitsForAParentLateWithItsEvent() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.fork),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
            .idle, .idle,
            .event(100, NS_PTRACE_EVENT_FORK, message: 101), .exit(100, rval: 101),
        ] + exitGroup(101) + exitGroup(100))
        h.kernel.status[101] = ["PPid": "100", "Tgid": "101"]
        try h.run()
        let child = try #require(h.tasks.first { $0.pid == 101 })
        #expect(child.via == .fork && child.ppid == 100)
        #expect(h.tasks.filter { $0.pid == 101 }.count == 1)
    }

    /// A parent that dies inside its clone never reports the child: the child is released
    /// when the loop is idle (its exit ended the call, so it holds nobody back).
    @Test func aChildOfAParentDyingInItsCloneIsReleased() throws {
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.clone, args: [UInt64(SIGCHLD)]),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP),
            .sigkill(100), .event(100, NS_PTRACE_EVENT_EXIT), .killed(100, SIGKILL),
            .idle,
        ] + exitGroup(101, 4))
        h.kernel.status[101] = ["PPid": "1", "Tgid": "101"]
        try h.run()
        let child = try #require(h.tasks.first { $0.pid == 101 })
        #expect(child.via == .unknown && child.ppid == 1)
        #expect(h.exits.contains { $0.pid == 101 && $0.code == 4 })
        #expect(h.kernel.script.isEmpty)
    }
}
