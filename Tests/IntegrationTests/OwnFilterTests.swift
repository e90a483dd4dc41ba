import Foundation
import Testing
import TestSupport

/// A command with a seccomp filter of its own under the fast path (on by default for
/// `-e trace=SUBSET`): every selected call is still seen, and the command gets what it gets
/// untraced, whether its filter answers a call itself (ERRNO) or asks for a tracer (TRACE,
/// which fails with ENOSYS when nobody handles it).
@Suite(.serialized)
struct OwnFilterTests {
    static let program = Harness.sample("ownfilter")
    static let selected = ["getpid", "getppid", "getuid", "write"]

    /// The calls of the trace, without pids (the lines of `-o FILE` with -f).
    static func calls(_ args: [String], _ mode: [String]) throws -> (stdout: String, calls: [String]) {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("trace").path
        let r = try Harness.nstrace(["trace", "-f", "-e", "trace=" + selected.joined(separator: ","), "-o", out] + args
                                    + ["--", program] + mode)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let calls = text.split(separator: "\n").compactMap { line -> String? in
            let rest = line.drop { $0 != " " }.drop { $0 == " " }
            guard let paren = rest.firstIndex(of: "("), selected.contains(String(rest[..<paren])) else { return nil }
            // "getppid()                 = -1 EPERM (Operation not permitted)" → "getppid() = -1 EPERM"
            let parts = rest.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let name = parts[0].split(separator: "(")[0]
            // getpid's result is the run's own pid: only that it succeeded is compared.
            let result = name == "getpid" ? "PID" : parts[1].split(separator: " ").prefix(2).joined(separator: " ")
            return "\(name) = \(result)"
        }
        return (r.stdout, calls)
    }

    @Test(.requires("the samples (make samples)", FileManager.default.isExecutableFile(atPath: OwnFilterTests.program)))
    func everySelectedCallIsSeenAndAnsweredAsUntraced() throws {
        for mode in [[], ["tsync"]] {
            let untraced = try Harness.run(Self.program, mode)
            #expect(untraced.stdout == "getppid -1 errno 1\ngetuid -1 errno 38\n", "\(untraced.stdout)")
            let fast = try Self.calls([], mode)
            #expect(fast.stdout == untraced.stdout, "mode \(mode): the command got other results under the fast path")
            #expect(fast.calls.contains("getppid = -1 EPERM"), "\(fast.calls)")
            #expect(fast.calls.contains("getuid = -1 ENOSYS"), "\(fast.calls)")
            let full = try Self.calls(["--no-seccomp-bpf"], mode)
            #expect(full.stdout == untraced.stdout)
            #expect(fast.calls == full.calls, "fast path \(fast.calls) against full trace \(full.calls)")
        }
    }
}
