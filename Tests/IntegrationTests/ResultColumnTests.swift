import Foundation
import Glibc
import Testing
import TestSupport

/// `-a COLUMN` (strace's alignment of ` = RESULT`) against strace itself on the same
/// programs: the default (40), `-a0` (one space), narrow and wide columns, with a time
/// prefix (-tt) and a duration (-T) that count or not. strace's test suite runs every test
/// with its own -a (docs/decoding.md). Root; serialized (one kernel).
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.samples, Harness.samplesBuilt),
       .requires(Harness.strace, Harness.hasStrace))
struct ResultColumnTests {
    /// Times differ between two runs; their width does not.
    static func timesZeroed(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d\d:\d\d:\d\d\.\d{6}"#, with: "00:00:00.000000", options: .regularExpression)
            .replacingOccurrences(of: #"<\d+\.\d{6}>"#, with: "<0.000000>", options: .regularExpression)
    }

    /// strace OPTIONS -o A -- CMD and nstrace trace --no-follow OPTIONS -o B -- CMD.
    func both(_ options: [String], _ command: [String]) throws -> (strace: String, nstrace: String) {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = dir.appendingPathComponent("strace.txt").path, n = dir.appendingPathComponent("nstrace.txt").path
        let a = try Harness.run("/usr/bin/strace", options + ["-o", s, "--"] + command)
        let b = try Harness.nstrace(["trace", "--no-follow"] + options + ["-o", n, "--"] + command)
        #expect(a.status == b.status, "\(a.stderr)\(b.stderr)")
        let read = { (p: String) in Self.timesZeroed(String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self)) }
        return (read(s), read(n))
    }

    @Test(arguments: [[], ["-a0"], ["-a", "10"], ["-a22"], ["-a40"], ["-a", "60"], ["-a100"],
                      ["-a30", "-tt"], ["-a60", "-T"]])
    func helloWorldAsStrace(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "trace=write,exit"], [Harness.sample("hello-world")])
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("exit(0)"))
    }

    /// Failed calls (`= -1 ENOENT (...)`) and `exit_group(1) = ?`.
    @Test(arguments: [["-a0"], ["-a25"], ["-a70"]])
    func failedCallsAsStrace(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "trace=openat,exit_group"], ["/bin/cat", "/no/such/file"])
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("ENOENT"))
    }

    @Test func columnOutOfRangeIsAUsageError() throws {
        let r = try Harness.nstrace(["trace", "-a", "-1", "--", "true"])
        #expect(r.status == 64)
        let big = try Harness.nstrace(["trace", "-a", "2000000", "--", "true"])
        #expect(big.status == 64 && big.stderr.contains("-a takes a column from 0 to 1048576."), "\(big.stderr)")
    }
}
