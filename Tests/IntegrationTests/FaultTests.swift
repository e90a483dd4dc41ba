import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// Faults (docs/reliability.md): SIGKILL, SIGTERM or SIGINT to nstrace at a random moment
/// of a traced multi-process run (samples/tracees/faultload.c: workers that loop on
/// syscalls, fork and exec), many times. After each: nstrace ended in time with the
/// status the signal calls for, no process of the traced tree is left (alive, stopped,
/// traced or orphaned), and the record is whole JSON lines; after SIGTERM/SIGINT it ends
/// with its `end` line.
///
/// NSTRACE_FAULT_ITERATIONS sets the number of runs (50 by default; `make faults` runs
/// more), NSTRACE_FAULT_SEED the random seed (printed when something fails).
@Suite(.serialized, .requires(Harness.root, Harness.isRoot),
       .requires(Harness.samples, Harness.samplesBuilt && Harness.hardCasesBuilt))
struct FaultTests {

    static var iterations: Int {
        ProcessInfo.processInfo.environment["NSTRACE_FAULT_ITERATIONS"].flatMap { Int($0) } ?? 50
    }

    // 50 runs take about 30 s; the limit is for `make faults` (a hung run fails after 20 s anyway).
    @Test(.timeLimit(.minutes(30)))
    func signalsAtRandomMomentsLeaveNothingBehind() throws {
        let seed = ProcessInfo.processInfo.environment["NSTRACE_FAULT_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64.max)
        var rng = SplitMix64(seed: seed)
        var mostSeen = 0
        for i in 0..<Self.iterations {
            let signal = [SIGKILL, SIGTERM, SIGINT][Int(rng.next() % 3)]
            // Mostly anywhere from before nstrace has started the command to well into the
            // run; one run in four within half a millisecond of nstrace forking the
            // command, the moment before it has seized it.
            let moment: Moment = rng.next() % 4 == 0
                ? .afterFork(Double(rng.next() % 500) / 1_000_000)
                : .afterStart(Double(rng.next() % 700) / 1000)
            let seen = try Self.oneFault(signal: signal, at: moment, label: "run \(i) (NSTRACE_FAULT_SEED=\(seed))")
            mostSeen = max(mostSeen, seen)
        }
        // The scan that finds leftovers finds the live tree: the root, its three workers.
        if Self.iterations >= 10 {
            #expect(mostSeen >= 4, "the marker scan never saw the running tree (at most \(mostSeen) processes)")
        }
    }

    enum Moment: CustomStringConvertible {
        /// Seconds after nstrace was started.
        case afterStart(Double)
        /// Seconds after nstrace's first child (the command, not yet exec'd) appeared.
        case afterFork(Double)

        var description: String {
            switch self {
            case .afterStart(let s): return "\(Int(s * 1000)) ms after start"
            case .afterFork(let s): return "\(Int(s * 1_000_000)) µs after the fork"
            }
        }
    }

    /// One run; returns how many processes of the tree were seen just before the signal
    /// (0 when there was no time to look).
    static func oneFault(signal: Int32, at moment: Moment, label: String) throws -> Int {
        let name = SignalNames.name(signal)
        let what = "\(label): \(name) \(moment)"
        let marker = "nstrace-fault-\(UUID().uuidString)"
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("r.jsonl")
        let pid = try Self.spawn(Harness.nstrace, ["trace", "-o", "/dev/null", "--record", rec.path, "--",
                                                   Harness.sample("faultload"), marker])
        var seen = 0
        switch moment {
        case .afterStart(let delay):
            usleep(UInt32(delay * 1_000_000))
            if delay > 0.3 { seen = processes(marked: marker).count }
        case .afterFork(let delay):
            let children = "/proc/\(pid)/task/\(pid)/children"
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, (FileManager.default.contents(atPath: children) ?? Data()).isEmpty {}
            usleep(UInt32(delay * 1_000_000))
        }
        kill(pid, signal)
        var status = Self.reap(pid, within: 20)
        #expect(status != nil, "\(what): nstrace still runs 20 s later")
        if status == nil {
            kill(pid, SIGKILL)
            status = Self.reap(pid, within: 10)
        }
        guard let status else { return seen }

        // The status: killed by SIGKILL; 128+N after SIGTERM/SIGINT, which nstrace
        // handles once it runs (before that, the default action ends it).
        let handled = status.signal == nil
        if signal == SIGKILL || !handled {
            #expect(status.signal == signal, "\(what): ended with \(status)")
        } else {
            #expect(status.code == 128 + signal, "\(what): ended with \(status)")
        }

        // Nothing of the tree is left. (A zombie of it is reaped by init as soon as its
        // parent is gone: wait a little.)
        var left: [String] = []
        let clean = Harness.waitUntil(timeout: 5) {
            left = Self.processes(marked: marker)
            return left.isEmpty
        }
        #expect(clean, "\(what): left behind: \(left)")
        for entry in left { if let pid = pid_t(entry.prefix { $0.isNumber }) { kill(pid, SIGKILL) } }

        // The record: whole lines only, and an end line when the signal was handled.
        let data = (try? Data(contentsOf: rec)) ?? Data()
        if signal != SIGKILL && !handled {
            // Ended by the signal's default action: only before nstrace installed its
            // handlers, which it does before it opens the record.
            #expect(data.isEmpty, "\(what): nstrace died of it with a record open")
        }
        if data.isEmpty {
            // Killed before the record had its header (or before it was created).
            #expect(signal == SIGKILL || !handled, "\(what): empty record")
            return seen
        }
        #expect(data.last == 10, "\(what): the record does not end with a newline")
        let lines: [RecordLine]
        do {
            lines = try RecordReader.parse(data)
        } catch {
            Issue.record("\(what): the record does not parse: \(error)")
            return seen
        }
        guard case .header = lines.first else {
            Issue.record("\(what): the record does not start with its header")
            return seen
        }
        if signal != SIGKILL && handled {
            #expect(lines.end?.status == 128 + signal && lines.end?.reason == "interrupted",
                    "\(what): the record ends with \(String(describing: lines.last))")
        }
        return seen
    }

    /// Starts `path` as a shell would (TestSupport's ShellSpawn).
    static func spawn(_ path: String, _ args: [String]) throws -> pid_t { try ShellSpawn.spawn(path, args) }
    typealias Ended = ShellSpawn.Ended
    /// Waits up to `seconds` for `pid` to end and reaps it; nil if it still runs.
    static func reap(_ pid: pid_t, within seconds: Double) -> Ended? { ShellSpawn.reap(pid, within: seconds) }

    /// "PID STATE" of every process with `marker` in its argv (the test process aside).
    static func processes(marked marker: String) -> [String] {
        let me = getpid()
        let needle = Array(marker.utf8)
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return dirs.compactMap { d -> String? in
            guard let pid = pid_t(d), pid != me,
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  Array(cmdline).firstRange(of: needle) != nil else { return nil }
            let state = Harness.status(pid, "State") ?? "gone"
            let tracer = Harness.status(pid, "TracerPid") ?? "?"
            let ppid = Harness.status(pid, "PPid") ?? "?"
            return "\(pid) \(state) ppid \(ppid) tracer \(tracer)"
        }
    }
}

/// A small seeded generator, so a failing run can be repeated (NSTRACE_FAULT_SEED).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49EB_311D_133B
        return z ^ (z >> 31)
    }
}
