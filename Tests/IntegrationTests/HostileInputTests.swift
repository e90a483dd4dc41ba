import Foundation
import Glibc
import Testing
import TestSupport

/// The built binary on the inputs and options that made it trap, overflow its stack or try
/// to allocate exabytes (issue 17): each must end normally, with a report or a one-line
/// error, and leave nothing in TMPDIR. Subprocesses: a trap here would kill the test runner.
@Suite struct HostileInputTests {
    static let header = #"{"type":"header","format":"nstrace-record","version":2,"command":["sh"],"attached":[],"start":"2026-11-29T00:00:00.000000Z","startEpoch":1795910400.000000,"kernel":"6.18.44","machine":"x86_64","hostname":"host","tool":"nstrace 0.1.0"}"#

    static func write(_ lines: [String], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    /// A chain of `n` tasks, each forked by the one before and exited (a fork-and-exit loop).
    static func chain(_ n: Int) -> [String] {
        [header] + (0..<n).map { i in
            #"{"type":"task","pid":\#(100 + i),"tgid":\#(100 + i),"ppid":\#(i == 0 ? "null" : String(99 + i)),"via":"fork","t":\#(Double(i) / 1000)}"#
        }
    }

    @Test func perfettoOfTimesBeyondInt64Microseconds() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = try Self.write([
            Self.header,
            #"{"type":"task","pid":10,"tgid":10,"ppid":null,"via":"spawned","t":1e13}"#,
            #"{"type":"syscall","pid":10,"t":0.5,"name":"read","nr":0,"abi":"x86_64","args":["0"],"ret":0,"errno":null,"retText":"0","duration":1e308}"#,
            #"{"type":"exit","pid":10,"t":-1e300,"code":0,"signal":null,"coreDumped":false,"supersededBy":null,"detached":false}"#,
        ], "times.jsonl", in: dir)
        let r = try Harness.nstrace(["graph", record, "--format", "perfetto"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((json?["traceEvents"] as? [Any])?.count == 5)
        #expect(r.stdout.contains(#""ts":9223372036854775807"#) && r.stdout.contains(#""dur":9223372036854275807"#))
    }

    @Test func graphOfATwentyThousandDeepTaskChain() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = try Self.write(Self.chain(20_000), "deep.jsonl", in: dir)
        for args in [["--format", "tree"], ["--format", "table"], ["--pid", "10100"], ["--pid", "10100", "--format", "json"],
                     ["--format", "dot"]] {
            let r = try Harness.nstrace(["graph", record] + args, timeout: 120)
            #expect(r.status == 0 && !r.timedOut, "\(args): \(r.status) \(r.stderr.prefix(300))")
            if args.last == "tree" || args.first == "--pid" && args.count == 2 {
                let lines = r.stdout.split(separator: "\n")
                #expect(lines.count == 20_000, "\(args)")
                #expect(lines.last?.hasSuffix("└── [depth 19999] 20099 sh (fork)") == true, "\(args)")
            }
        }
    }

    /// A record of one `sh` that exec'd and exited: the sides of the compare cases.
    static let shRecord = [
        header,
        #"{"type":"task","pid":10,"tgid":10,"ppid":null,"via":"spawned","t":0}"#,
        #"{"type":"exec","pid":10,"formerPid":10,"t":0.001,"filename":"/bin/sh"}"#,
        #"{"type":"exit","pid":10,"t":0.002,"code":0,"signal":null,"coreDumped":false,"supersededBy":null,"detached":false}"#,
    ]

    /// Two records of one side file each: `timedOut` as a side file may say it.
    @Test func compareOfSideFilesWithHugeTimes() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = Self.shRecord
        for (name, secs) in [("outside", "1e300"), ("inside", "-1e19")] {
            _ = try Self.write(record, "\(name).jsonl", in: dir)
            _ = try Self.write([#"{"format":"nstrace-compare-side","version":1,"side":"\#(name)","place":"x","timedOut":\#(secs),"notes":[]}"#],
                               "\(name).side.json", in: dir)
        }
        let r = try Harness.nstrace(["compare", dir.appendingPathComponent("outside.jsonl").path,
                                     dir.appendingPathComponent("inside.jsonl").path, "--width", "10000"])
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        #expect(r.stdout.contains("timed out after 1e+300 s (killed)"))
        #expect(r.stdout.contains("timed out after -1e+19 s (killed)"))
    }

    /// The issue's case: 10,000 differing lines of 17 bytes per side took 6.3 GB to diff
    /// (every row of Myers' V array kept) and aborted under a 4 GB limit; run here under 2 GiB
    /// of address space. The diff must be whole and correct.
    @Test func compareDiffOfTenThousandDifferingLinesFitsInMemory() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = Self.shRecord
        for (name, tag) in [("outside", "a"), ("inside", "b")] {
            // 17 bytes a line with its newline; a common line every 1,000.
            let text = (0..<10_000).map { $0 % 1_000 == 0 ? String(format: "common %09d", $0) : String(format: "%@ line %09d", tag, $0) }
                .joined(separator: "\n") + "\n"
            let json = String(decoding: try JSONSerialization.data(withJSONObject: [
                "format": "nstrace-compare-side", "version": 1, "side": name, "place": "x", "notes": [String](),
                "stdout": ["text": text, "bytes": text.utf8.count, "truncated": false] as [String: Any],
            ] as [String: Any]), as: UTF8.self)
            _ = try Self.write(record, "\(name).jsonl", in: dir)
            _ = try Self.write([json], "\(name).side.json", in: dir)
        }
        let r = try Harness.run("/usr/bin/prlimit", ["--as=\(2 << 30)", Harness.nstrace, "compare",
                                                     dir.appendingPathComponent("outside.jsonl").path,
                                                     dir.appendingPathComponent("inside.jsonl").path], timeout: 600)
        #expect(r.status == 0 && !r.timedOut, "\(r.status) \(r.stderr.prefix(500))")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("-a line ") }.count == 9_990)
        #expect(lines.filter { $0.hasPrefix("+b line ") }.count == 9_990)
        #expect(lines.filter { $0 == " common 000005000" }.count == 1)
        #expect(r.stdout.contains("-a line 000000999\n+b line 000000001\n"))
    }

    @Test func compareOptionsOutOfBoundsAreOneLineUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--timeout", "1e10"], "--timeout takes a number of seconds > 0 and at most 1000000."),
            (["--timeout", "inf"], "--timeout takes a number of seconds > 0 and at most 1000000."),
            (["--timeout", "nan"], "--timeout takes a number of seconds > 0 and at most 1000000."),
            (["--timeout", "0"], "--timeout takes a number of seconds > 0 and at most 1000000."),
            (["--width", "9223372036854775807"], "--width takes a number of columns from 60 to 10000."),
            (["--width", "10001"], "--width takes a number of columns from 60 to 10000."),
            (["--width", "59"], "--width takes a number of columns from 60 to 10000."),
        ]
        let tmp = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        for (args, message) in cases {
            let r = try Harness.run("/usr/bin/env", ["TMPDIR=\(tmp.path)", Harness.nstrace, "compare"] + args
                                        + ["--unshare", "uts", "--", "true"])
            #expect(r.status == 64, "\(args): \(r.status) \(r.stderr.prefix(300))")
            #expect(r.stderr.split(separator: "\n").first.map(String.init) == "Error: " + message, "\(args)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }

    /// The private directory of a live compare holds both records: removed whatever the end.
    @Test(.requires(Harness.root, Harness.isRoot))
    func liveCompareLeavesNothingInTMPDIR() throws {
        let tmp = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let runs: [([String], Int32)] = [
            (["--unshare", "uts", "--", "true"], 0),
            (["--timeout", "nan", "--unshare", "uts", "--", "true"], 64),
            (["--rootfs", tmp.appendingPathComponent("no such root").path, "--", "true"], 1),
            (["-o", "/dev/full", "--unshare", "uts", "--", "true"], 1),
        ]
        for (args, status) in runs {
            let r = try Harness.run("/usr/bin/env", ["TMPDIR=\(tmp.path)", Harness.nstrace, "compare"] + args)
            #expect(r.status == status, "\(args): \(r.status) \(r.stderr.prefix(300))")
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [], "\(args)")
        }
    }
}
