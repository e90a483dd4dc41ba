import CShim
import Glibc
import NSCompare
import NSCore
import Testing
@testable import NSCompareLive
import TracerTestSupport

/// compare's live runs find the command's first exec from the tracer's events (a sink
/// subscribed beside the record), not by matching the record's bytes.
@Suite struct CompareLiveTests {
    final class Box { var harness: Harness? }

    @Test func theFirstExecIsReadOnceWhileTheCommandIsStoppedThere() throws {
        var asked: [pid_t] = []
        var requestsThen: [String] = []
        let box = Box()
        let first = CompareLive.FirstExec(read: { pid in
            asked.append(pid)
            requestsThen = box.harness?.requests ?? []
            var id = SideFacts.Identity()
            id.uid = 4242
            return id
        })
        // The spawned command execs, forks, and the child execs again.
        let h = Harness(spawnPrelude() + [
            .entry(100, nr: NR.fork), .event(100, NS_PTRACE_EVENT_FORK, message: 101),
            .event(101, NS_PTRACE_EVENT_STOP, signal: SIGTRAP), .exit(100, rval: 101),
            .entry(101, nr: NR.execve), .event(101, NS_PTRACE_EVENT_EXEC, message: 101), .exit(101, rval: 0),
        ] + exitGroup(101) + exitGroup(100))
        box.harness = h
        try h.run(sinks: [first])
        #expect(asked == [100])
        #expect(first.pid == 100 && first.facts?.uid == 4242)
        // Read at the exec stop: the command had been restarted four times (SIGCONT,
        // prctl's entry and exit, execve's entry), not yet from the exec event.
        #expect(requestsThen.filter { $0.hasPrefix("syscall 100") }.count == 4)
        let execs = h.events.filter { if case .exec = $0 { true } else { false } }
        #expect(execs.count == 2)
    }

    @Test func withoutARecordTheExecIsStillSeen() throws {
        var asked: [pid_t] = []
        let first = CompareLive.FirstExec(read: { asked.append($0); return SideFacts.Identity() })
        let h = Harness(spawnPrelude() + exitGroup(100))
        try h.run(printer: false, recording: false, sinks: [first])
        #expect(asked == [100])
    }
}
