import Foundation
import Glibc
import NSCompare
import Testing
import TestSupport

/// The traced command starts with the signal state nstrace was started with, as strace's
/// does: the signals its caller ignored stay ignored (`nohup`, `trap '' INT`, a shell's
/// background job), and the caller's blocked mask is the command's, whatever nstrace does
/// with signals for itself (its stop handlers, unblocked). Under `trace` (with and without
/// the seccomp filter), `run --trace` and `compare`, each spawning through
/// `ns_child_prelude`. Root only (run and compare make namespaces); serialized.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot))
struct SignalStateTests {
    /// The caller's state: SIGHUP, SIGINT and SIGQUIT ignored (`trap '' HUP INT QUIT`),
    /// SIGUSR1 and SIGTERM blocked.
    static let ignored = [SIGHUP, SIGINT, SIGQUIT]
    static let blocked = [SIGUSR1, SIGTERM]
    static let grep = ["grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status"]

    func withCallerState(_ path: String, _ args: [String]) throws -> Harness.Result {
        try ShellSpawn.run(path, args, ignoring: Self.ignored, blocking: Self.blocked)
    }

    /// What /proc/self/status says of the command run untraced in that state. SIGHUP,
    /// SIGINT, SIGQUIT ignored (bits 0-2), SIGUSR1 and SIGTERM (bits 9, 14) blocked; glibc's
    /// own signals 32 and 33 (bits 31, 32) are ignored when the test process ignores them (posix_spawn
    /// cannot reset those), and then for the traced command too.
    static let expected: String = {
        let r = try? ShellSpawn.run("/bin/grep", Array(grep.dropFirst()), ignoring: ignored, blocking: blocked)
        return r?.stdout ?? ""
    }()

    @Test func untracedCommandHasTheCallersState() throws {
        let lines = Self.expected.split(separator: "\n")
        #expect(lines.count == 2 && lines[0] == "SigBlk:\t0000000000004200", "\(Self.expected)")
        let ignoredMask = lines.count == 2 ? UInt64(lines[1].dropFirst("SigIgn:\t".count), radix: 16) : nil
        #expect(ignoredMask.map { $0 & 0x7fff_ffff } == 0x7, "\(Self.expected)")
    }

    @Test(arguments: [[String](), ["-e", "trace=openat"], ["--no-seccomp-bpf", "-e", "trace=openat"]])
    func traceKeepsIgnoredAndBlockedSignals(options: [String]) throws {
        let r = try withCallerState(Harness.nstrace, ["trace", "-o", "/dev/null"] + options + ["--"] + Self.grep)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == Self.expected, "nstrace trace \(options): \(r.stdout)")
    }

    @Test(.requires(Harness.strace, Harness.hasStrace))
    func traceGivesWhatStraceGives() throws {
        let s = try withCallerState("/usr/bin/strace", ["-o", "/dev/null", "--"] + Self.grep)
        let n = try withCallerState(Harness.nstrace, ["trace", "-o", "/dev/null", "--"] + Self.grep)
        #expect(s.status == 0 && n.status == 0, "\(s.stderr)\(n.stderr)")
        #expect(n.stdout == s.stdout, "strace: \(s.stdout) nstrace: \(n.stdout)")
    }

    /// nstrace's own handling is its business: an ignored or blocked SIGTERM to nstrace
    /// still ends the trace (and the command, 128+15), as without that state.
    @Test func nstraceStillEndsOnSignalsItsCallerIgnored() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pidFile = dir.appendingPathComponent("pid").path
        let q = Subprocess.shellQuote
        // The command kills nstrace (its parent) with SIGTERM, then would sleep.
        let r = try ShellSpawn.run(Harness.nstrace, ["trace", "-o", "/dev/null", "--", "sh", "-c",
                                                     "echo $PPID > \(q(pidFile)); kill -TERM $PPID; exec sleep 30"],
                                   ignoring: [SIGTERM], blocking: [SIGTERM], timeout: 20)
        #expect(!r.timedOut)
        #expect(r.status == 128 + SIGTERM, "\(r.stderr)")
    }

    @Test(.requires(Harness.images, Harness.imagesBuilt))
    func runTraceKeepsIgnoredAndBlockedSignals() throws {
        let before = HostState.capture()
        // The image has no grep: its cat reads its own status.
        let r = try withCallerState(Harness.nstrace, ["run", "--trace", "-o", "/dev/null", Harness.busyboxImage,
                                                      "--", "cat", "/proc/self/status"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("SigBlk:") || $0.hasPrefix("SigIgn:") }
        #expect(lines.map { $0 + "\n" }.joined() == Self.expected, "nstrace run: \(r.stdout)")
        #expect(HostState.capture() == before, "the run left something behind")
    }

    @Test func compareKeepsIgnoredAndBlockedSignalsOnBothSides() throws {
        let keep = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: keep) }
        let r = try withCallerState(Harness.nstrace, ["compare", "--keep", keep.path, "--unshare", "uts", "--"] + Self.grep)
        #expect(r.status == 0, "\(r.stderr)")
        for side in ["outside", "inside"] {
            let data = try Data(contentsOf: keep.appendingPathComponent("\(side).side.json"))
            let facts = try JSONDecoder().decode(SideFacts.self, from: data)
            #expect(facts.stdout?.text == Self.expected, "\(side): \(facts.stdout?.text ?? "no stdout")")
        }
    }
}
