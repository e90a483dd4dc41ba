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

    /// A chain of `n` tasks, each the child of the one before (a fork-and-exit loop).
    static func chain(_ n: Int32, first: Int32 = 100) -> NamespaceGraph {
        var lines: [RecordLine] = [.header(header)]
        for i in 0..<n { lines.append(task(first + i, i == 0 ? nil : first + i - 1, t: Double(i) / 1000)) }
        return GraphFromRecord.build(lines)
    }

    @Test func taskTreeTwentyThousandDeepIsDrawnWithBoundedIndentation() {
        let n: Int32 = 20_000
        let text = TreeRenderer.render(Self.chain(n))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == Int(n))
        #expect(lines.first == "100 sh")
        #expect(lines[1] == "└── 101 sh (fork)")
        // Indentation grows to maxIndent levels, then stays; deeper lines say their depth.
        let deepest = String(repeating: " ", count: 4 * (TreeDrawing.maxIndent - 1))
        #expect(lines[TreeDrawing.maxIndent] == deepest + "└── \(100 + TreeDrawing.maxIndent) sh (fork)")
        #expect(lines[TreeDrawing.maxIndent + 1] == deepest + "└── [depth 101] 201 sh (fork)")
        #expect(lines.last.map(String.init) == deepest + "└── [depth 19999] 20099 sh (fork)")
        // Linear in the number of tasks: no line is longer than the deepest indentation allows.
        #expect(lines.allSatisfy { $0.utf8.count < 4 * TreeDrawing.maxIndent + 64 })
    }

    @Test func treeIsDrawnInTheSameOrderAsBeforeWithoutRecursion() {
        // 1 → (2 → (4, 5), 3); 6 → 7 → 6 is a cycle, drawn from its first task.
        let g = NamespaceGraph(source: "record", processes: [
            ProcessNode(pid: 1, ppid: nil, comm: "a", argv: [], nspid: [], uid: nil, ns: [:]),
            ProcessNode(pid: 2, ppid: 1, comm: "b", argv: [], nspid: [], uid: nil, ns: [:]),
            ProcessNode(pid: 3, ppid: 1, comm: "c", argv: [], nspid: [], uid: nil, ns: [:]),
            ProcessNode(pid: 4, ppid: 2, comm: "d", argv: [], nspid: [], uid: nil, ns: [:]),
            ProcessNode(pid: 5, ppid: 2, comm: "e", argv: [], nspid: [], uid: nil, ns: [:]),
            ProcessNode(pid: 6, ppid: 7, comm: "f", argv: [], nspid: [], uid: nil, ns: [:]),
            ProcessNode(pid: 7, ppid: 6, comm: "g", argv: [], nspid: [], uid: nil, ns: [:]),
        ])
        #expect(TreeRenderer.render(g) == """
            1 a
            ├── 2 b
            │   ├── 4 d
            │   └── 5 e
            └── 3 c
            6 f
            └── 7 g

            """)
    }

    @Test func neighbourhoodOfATwentyThousandDeepChain() throws {
        let g = Self.chain(20_000)
        let n = try #require(g.neighbourhood(of: 10_100))
        #expect(n.processes.count == 20_000)
        #expect(TreeRenderer.render(n).split(separator: "\n").count == 20_000)
    }

    @Test func neighbourhoodFollowsParentCycles() throws {
        // 1 → 2 → 3 → 1 is a cycle; 4 is 2's child; 5 and 6 are elsewhere.
        func p(_ pid: Int32, _ ppid: Int32?) -> ProcessNode {
            ProcessNode(pid: pid, ppid: ppid, comm: "x", argv: [], nspid: [], uid: nil, ns: [:])
        }
        let g = NamespaceGraph(source: "record", processes: [p(1, 3), p(2, 1), p(3, 2), p(4, 2), p(5, nil), p(6, 5)])
        #expect(Set(try #require(g.neighbourhood(of: 2)).processes.map(\.pid)) == [1, 2, 3, 4])
        #expect(Set(try #require(g.neighbourhood(of: 4)).processes.map(\.pid)) == [1, 2, 3, 4])
        #expect(Set(try #require(g.neighbourhood(of: 5)).processes.map(\.pid)) == [5, 6])
        #expect(Set(try #require(g.neighbourhood(of: 6)).processes.map(\.pid)) == [5, 6])
    }
}
