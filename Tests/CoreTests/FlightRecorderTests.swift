import Foundation
import Testing
@testable import NSCore

/// `--flight-recorder` (Sources/Core/Output/FlightRecorder.swift): windows of whole lines,
/// what fell out said, the record's header once and its tree in a window of its own.
@Suite struct FlightRecorderTests {
    static func write(_ s: String, to sink: OutputSink) {
        var s = s
        s.withUTF8 { sink.write(UnsafeRawBufferPointer($0)) }
    }

    @Test func keepsTheNewestWholeLinesAndSaysHowManyItDropped() {
        let out = BufferSink()
        let fr = FlightRecorder(budget: 20, text: out, record: nil)
        // Written in pieces that do not follow the lines.
        Self.write("line 1\nline 2\nli", to: fr.text)
        Self.write("ne 3\nline 4\nline 5\n", to: fr.text)
        #expect(out.bytes.isEmpty)
        #expect(fr.dump(t: 1, final: false) == 2)
        #expect(out.text == "--- 3 earlier lines not kept by the flight recorder (--flight-recorder) ---\nline 4\nline 5\n")
        // Emptied: the next dump has only what came since, and nothing was dropped since.
        Self.write("line 6\n", to: fr.text)
        #expect(fr.dump(t: 2, final: false) == 1)
        #expect(out.text.hasSuffix("line 5\nline 6\n"))
        #expect(fr.dumps == 2)
    }

    @Test func aLineNotEndedWaitsForTheFinalDump() {
        let out = BufferSink()
        let fr = FlightRecorder(budget: 100, text: out, record: nil)
        Self.write("a\nread(0, ", to: fr.text)
        fr.dump(t: 1, final: false)
        #expect(out.text == "a\n")
        Self.write("\"x\", 1) = 1\nb", to: fr.text)
        fr.dump(t: 2, final: true)
        #expect(out.text == "a\nread(0, \"x\", 1) = 1\nb")
    }

    @Test func aLineLongerThanTheWindowIsKeptWhole() {
        let out = BufferSink()
        let fr = FlightRecorder(budget: 4, text: out, record: nil)
        Self.write("x\n0123456789\n", to: fr.text)
        fr.dump(t: 1, final: true)
        #expect(out.text.hasSuffix("---\n0123456789\n") && out.text.hasPrefix("--- 1 earlier line not kept"))
    }

    @Test func discardingWritesNothing() {
        let out = BufferSink(), rec = BufferSink()
        let fr = FlightRecorder(budget: 100, text: out, record: rec)
        Self.write("a\nb\n", to: fr.text)
        Self.write("{\"type\":\"header\"}\n", to: fr.record!)
        #expect(fr.discard() == 2)
        #expect(out.bytes.isEmpty && rec.bytes.isEmpty)
    }

    /// The record: the header once (it is not in the window), the tree's lines in a window of
    /// their own, all written in the order they came, and a `lost` line for what was not kept
    /// with the times of the first and the last of it.
    @Test func theRecordKeepsItsHeaderAndItsTree() throws {
        let text = BufferSink(), rec = BufferSink()
        // Budget: a little over two syscall lines.
        let call = { (t: Double) in
            RecordLine.event(.syscall(SyscallEvent(pid: 7, t: t, name: "getpid", nr: 39, abi: .x86_64, args: [], ret: 7,
                                                   errno: nil, retText: "7", duration: nil)))
        }
        let size = RecordWriter.encodeLine(call(1.0)).utf8.count + 1
        let fr = FlightRecorder(budget: size * 2 + 10, text: text, record: rec)
        let writer = RecordWriter(sink: fr.record!)
        let header = RecordHeader(command: ["x"], attached: [], start: "2026-01-01T00:00:00.000000Z",
                                  startEpoch: 1, kernel: "6", machine: "x86_64", hostname: "h", tool: "t", backend: "bpf")
        writer.write(.header(header))
        writer.write(.event(.task(TaskEvent(pid: 7, tgid: 7, ppid: nil, via: .spawned, t: 0.5))))
        for i in 0..<5 { writer.write(call(1.0 + Double(i))) }
        writer.write(.event(.exit(ExitEvent(pid: 7, t: 6.5, code: 0))))
        fr.dump(t: 7, final: true)
        let back = try RecordReader.parse(Data(rec.bytes))
        #expect(back.count == 6, "\(rec.text)")
        guard back.count == 6 else { return }
        #expect(back[0] == .header(header))
        #expect(back[1] == .event(.lost(LostEvent(pid: nil, t: 7, count: 3, from: 1, to: 3, reason: .flightRecorder))))
        #expect(back[2] == .event(.task(TaskEvent(pid: 7, tgid: 7, ppid: nil, via: .spawned, t: 0.5))))
        #expect(back[3] == call(4.0) && back[4] == call(5.0))
        #expect(back[5] == .event(.exit(ExitEvent(pid: 7, t: 6.5, code: 0))))
        // A second dump appends without the header.
        writer.write(call(8))
        fr.dump(t: 9, final: true)
        let again = try RecordReader.parse(Data(rec.bytes))
        #expect(again.count == 7 && again.last == call(8))
        #expect(text.bytes.isEmpty)
    }

    @Test func timesOfRecordLines() {
        #expect(FlightRecorder.Stream.time(of: Array(#"{"type":"syscall","pid":5,"t":12.5,"name":"x"}"#.utf8)) == 12.5)
        #expect(FlightRecorder.Stream.time(of: Array(#"{"type":"header","version":4}"#.utf8)) == nil)
        #expect(FlightRecorder.Stream.isTree(Array(#"{"type":"ns","pid":1}"#.utf8)))
        #expect(!FlightRecorder.Stream.isTree(Array(#"{"type":"syscall","pid":1}"#.utf8)))
        #expect(!FlightRecorder.Stream.isTree(Array(#"{"type":"nsx","pid":1}"#.utf8)))
    }
}
