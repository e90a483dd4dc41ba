import Foundation
import Testing
@testable import NSCore

/// What a hostile or merely unusual record does to `graph` (issue 17): times no Int64 of
/// microseconds holds, and task trees as deep as the record has tasks. Each of these
/// trapped or overflowed the stack before; the binary is run on the same inputs in
/// `HostileInputTests` (IntegrationTests).
@Suite struct HostileRecordGraphTests {
    static let header = RecordHeader(command: ["sh"], attached: [], start: "2026-11-29T00:00:00.000000Z",
                                     startEpoch: 0, kernel: "6.18.44", machine: "x86_64", hostname: "host", tool: "nstrace")

    static func task(_ pid: Int32, _ ppid: Int32?, t: Double = 0) -> RecordLine {
        .event(.task(TaskEvent(pid: pid, tgid: pid, ppid: ppid, via: ppid == nil ? .spawned : .fork, t: t, ns: nil, nspid: nil)))
    }

    static func call(_ pid: Int32, t: Double, duration: Double?) -> RecordLine {
        .event(.syscall(SyscallEvent(pid: pid, t: t, name: "read", nr: 0, abi: .x86_64, args: ["0"], ret: 0,
                                     errno: nil, retText: "0", duration: duration)))
    }

    /// `"key":N` values of the perfetto JSON.
    static func numbers(_ json: String, _ key: String) -> [String] {
        json.components(separatedBy: "\"\(key)\":").dropFirst().map { String($0.prefix { $0 == "-" || $0.isNumber }) }
    }

    @Test func perfettoClampsTimesBeyondInt64Microseconds() throws {
        let lines: [RecordLine] = [
            .header(Self.header),
            Self.task(10, nil, t: 1e13),                 // 1e19 µs: above Int64.max
            Self.call(10, t: 0.5, duration: 1e308),      // ends at 1e308 s
            Self.call(10, t: -1e19, duration: 1e300),    // starts below Int64.min µs
            Self.call(10, t: 1.0, duration: .infinity),
            Self.call(10, t: .nan, duration: 1),
            Self.call(10, t: 2.0, duration: 0.000003),   // an ordinary call stays exact
        ]
        let json = PerfettoExporter.export(lines)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["traceEvents"] as? [Any])?.count == 8)
        #expect(Self.numbers(json, "ts") == ["9223372036854775807", "500000", "-9223372036854775808", "1000000", "0", "2000000"])
        #expect(Self.numbers(json, "dur") == ["9223372036854275807", "9223372036854775807", "9223372036853775807", "0", "3"])
        #expect(PerfettoExporter.micros(.nan) == 0)
        #expect(PerfettoExporter.micros(-.infinity) == .min)
        #expect(PerfettoExporter.micros(9.3e12) == .max)
        #expect(PerfettoExporter.micros(1.5) == 1_500_000)
        #expect(PerfettoExporter.span(.min, .max) == .max)
        #expect(PerfettoExporter.span(5, 3) == 0)
    }
}
