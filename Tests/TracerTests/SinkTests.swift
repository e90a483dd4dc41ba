import CShim
import Glibc
import NSCore
import Testing
@testable import NSTracer
import TracerTestSupport

/// The loop's one output (TraceSink): the printer, the record, the -c table and any other
/// subscriber get the same stream; no consumer is called by hand.
@Suite struct SinkTests {
    /// A consumer that is neither the printer nor the record: what it is told, in order.
    final class Collector: TraceSink {
        let needs: TraceNeeds
        var seen: [String] = []
        init(needs: TraceNeeds) { self.needs = needs }
        func event(_ e: TraceEvent) {
            switch e {
            case .task(let t): seen.append("task \(t.pid)")
            case .exit(let x): seen.append("exit \(x.pid)")
            case .exec(let x): seen.append("exec \(x.pid)")
            case .signal(let s): seen.append("signal \(s.pid) \(s.signal)")
            case .syscall(let c): seen.append("syscall? \(c.name)")
            default: seen.append("other")
            }
        }
        func syscallExited(_ event: SyscallEvent, shown: SyscallEvent?, deferredFrom: Int) {
            seen.append("syscall \(event.name) = \(event.retText)")
        }
        func syscallAbandoned(_ event: SyscallEvent) { seen.append("abandoned \(event.name)") }
        func ended(_ end: RecordEnd) { seen.append("end \(end.status)") }
    }

    static var script: [FakeKernel.Step] {
        spawnPrelude() + [.entry(100, nr: NR.write, args: [1, 0, 3]), .exit(100, rval: 3),
                          .entry(100, nr: NR.getpid), .exit(100, rval: -Int64(ENOSYS), isError: true)] + exitGroup(100, 3)
    }

    /// What the record says, in the Collector's words.
    static func words(_ events: [TraceEvent]) -> [String] {
        events.map {
            switch $0 {
            case .task(let t): "task \(t.pid)"
            case .exit(let x): "exit \(x.pid)"
            case .exec(let x): "exec \(x.pid)"
            case .signal(let s): "signal \(s.pid) \(s.signal)"
            case .syscall(let c): c.retText == "?" ? "abandoned \(c.name)" : "syscall \(c.name) = \(c.retText)"
            default: "other"
            }
        }
    }

    @Test func aSubscriberSeesWhatTheRecordSees() throws {
        let c = Collector(needs: .values)
        let h = Harness(Self.script)
        try h.run(sinks: [c])
        #expect(c.seen.last == "end 3")
        #expect(Array(c.seen.dropLast()) == Self.words(h.events))
        #expect(c.seen.contains("syscall getpid = -1 ENOSYS (Function not implemented)"))
        #expect(c.seen.contains("abandoned exit_group"))
    }

    @Test func summaryAloneCountsReturnedCallsAndDecodesNothing() throws {
        let h = Harness(Self.script)
        let c = Collector(needs: .counts)
        try h.run(printer: false, recording: false, summary: true, sinks: [c])
        let table = h.summaryText.text
        #expect(table.contains("write"))
        #expect(table.contains("getpid"))
        // exit_group never returned: strace -c does not count it.
        #expect(!table.contains("exit_group"))
        // Nobody shows or records calls: none is decoded into an event.
        #expect(!c.seen.contains { $0.hasPrefix("syscall ") })
        #expect(h.output.isEmpty && h.record.bytes.isEmpty)
    }

    @Test func printerAndSummaryTogether() throws {
        // -C: the lines written straight into the printer's buffer, and the table counted
        // from the same calls.
        let h = Harness(Self.script)
        try h.run(recording: false, summary: true)
        #expect(h.lines.contains { $0.hasPrefix("write(1, ") && $0.hasSuffix("= 3") })
        #expect(h.lines.contains { $0.hasPrefix("getpid()") && $0.hasSuffix("= -1 ENOSYS (Function not implemented)") })
        let rows = h.summaryText.text.split(separator: "\n").filter { $0.hasSuffix(" write") || $0.hasSuffix(" getpid") }
        #expect(rows.count == 2)
    }

    @Test func withoutSubscribersTheLoopStillRuns() throws {
        let h = Harness(Self.script)
        let o = try h.run(printer: false, recording: false)
        #expect(o.status == 3)
        #expect(h.output.isEmpty && h.record.bytes.isEmpty && h.summaryText.bytes.isEmpty)
    }
}
