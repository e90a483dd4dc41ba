import Foundation
import Testing
@testable import NSCore

/// A record is untrusted input (graph, compare): a line is bounded before it is decoded,
/// and nstrace's own lines always stay within that bound (docs/security.md, "Bounds").
@Suite struct RecordBoundTests {
    @Test func aLineLongerThanTheBoundIsRefusedByNumber() throws {
        let header = RecordWriter.encodeLine(RecordTests.lines[0])
        let huge = #"{"type":"syscall","pid":1,"t":0,"name":"write","args":[""# + String(repeating: "x", count: RecordReader.maxLineBytes)
            + #""],"retText":"0"}"#
        #expect(throws: RecordReader.ReadError(line: 2, reason: "a line of \(huge.utf8.count) bytes (at most 16 MiB)")) {
            try RecordReader.parse(Data((header + "\n" + huge + "\n").utf8))
        }
    }

    @Test func theLongestLineNstraceWritesIsRead() throws {
        // -s at its largest, every byte written as \xNN: the longest string a line holds.
        let longest = "\"" + String(repeating: "\\xff", count: DecodeOptions.maxStringLimit) + "\"..."
        let event = SyscallEvent(pid: 1, t: 0, name: "write", nr: 1, abi: .x86_64, args: ["1", longest, "1048576"],
                                 ret: 1_048_576, errno: nil, retText: "1048576", duration: 0)
        let text = RecordWriter.encodeLine(RecordTests.lines[0]) + "\n" + RecordWriter.encodeLine(.event(.syscall(event))) + "\n"
        #expect(text.utf8.count < RecordReader.maxLineBytes)
        #expect(try RecordReader.parse(Data(text.utf8)).count == 2)
    }
}
