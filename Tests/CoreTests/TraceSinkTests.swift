import NSCore
import Testing

/// TraceOutput passes everything on to its subscribers; the printer's part of the stream
/// (losses, a task gone unseen) is laid out by the printer.
@Suite struct TraceSinkTests {
    @Test func needsAreTheUnionAndSayHowCallsAreDecoded() {
        let text = StraceTextPrinter(sink: BufferSink())
        let record = RecordWriter(sink: BufferSink())
        let summary = SummarySink(sink: BufferSink())
        #expect(TraceOutput([text]).writesDirectly)
        #expect(TraceOutput([text, summary]).writesDirectly)
        #expect(!TraceOutput([text, record]).writesDirectly)
        #expect(TraceOutput([text, record]).decodesCalls)
        #expect(!TraceOutput([summary]).decodesCalls)
        #expect(!TraceOutput([]).decodesCalls)
        #expect(TraceOutput([summary]).needs == [.counts, .time])
        #expect(!TraceOutput([text]).needs.contains(.time))
        var timed = StraceTextPrinter.Options()
        timed.showDuration = true
        #expect(TraceOutput([StraceTextPrinter(sink: BufferSink(), options: timed)]).needs.contains(.time))
    }

    @Test func losesAndGoneTasksAreLaidOutByThePrinter() {
        let sink = BufferSink()
        let out = TraceOutput([StraceTextPrinter(sink: sink)])
        out.event(.lost(LostEvent(pid: 7, t: 1, count: 2, from: 0.5, to: 0.75, reason: .ringBufferFull)))
        out.event(.lost(LostEvent(pid: nil, t: 2, count: 1, from: nil, to: nil, reason: .ringBufferFull)))
        out.event(.lost(LostEvent(pid: nil, t: 2, count: 3, from: nil, to: nil, reason: .programSkipped)))
        out.taskGone(ExitEvent(pid: 7, t: 3, code: 0))
        out.finish()
        #expect(sink.text.split(separator: "\n") == [
            "--- 2 events lost between 0.500000 and 0.750000 s: the ring buffer was full (--bpf-buffer) ---",
            "--- 1 more event lost: the ring buffer was full (--bpf-buffer) ---",
            "--- 3 syscall stops not seen: the kernel skipped nstrace's programs ---",
            "+++ gone (its exit was lost) +++",
        ])
    }

    @Test func theRecordWritesAGoneTaskAsItsExit() throws {
        let sink = BufferSink()
        let out = TraceOutput([RecordWriter(sink: sink)])
        out.taskGone(ExitEvent(pid: 7, t: 3, code: 0))
        out.note(pid: 7, t: 3, "  ns: not in the record")
        #expect(sink.text.contains("\"type\":\"exit\""))
        #expect(!sink.text.contains("not in the record"))
    }

    @Test func everySubscriberInTurn() {
        let a = BufferSink(), b = BufferSink()
        let out = TraceOutput([StraceTextPrinter(sink: a), StraceTextPrinter(sink: b)])
        out.event(.signal(SignalEvent(pid: 1, t: 0, signal: "SIGCHLD", info: nil, stopped: false)))
        out.finish()
        #expect(a.text == "--- SIGCHLD {} ---\n" && b.text == a.text)
    }

    @Test func stackFramesAreLaidOutAsStraceDoes() {
        let sink = BufferSink()
        let out = TraceOutput([StraceTextPrinter(sink: sink), RecordWriter(sink: BufferSink())])
        out.stackTrace(pid: 1, [
            StackFrame(ip: 0x7f00_0000_1234, path: "/usr/lib/libc.so.6", symbol: "__write", symbolOffset: 0x10, fileAddress: 0xf8350),
            StackFrame(ip: 0x5555_0000_0000, path: "/tmp/a\u{1b}b", symbol: nil, symbolOffset: 0, fileAddress: 0),
            StackFrame(ip: 0xdead, path: nil, symbol: nil, symbolOffset: 0, fileAddress: 0xdead),
        ])
        out.finish()
        #expect(sink.text == """
             > /usr/lib/libc.so.6(__write+0x10) [0xf8350]
             > /tmp/a\\x1bb() [0x0]
             > unexpected_backtracing_error [0xdead]

            """)
    }
}
