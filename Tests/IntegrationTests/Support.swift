import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// Running the built `nstrace` (and `strace`) as subprocesses: ptrace and wait are per
/// process, so the tracer never runs inside the test process.
enum Harness {
    static let isRoot = getuid() == 0
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The nstrace binary next to this test bundle (or $NSTRACE_BIN).
    static let nstrace = Subprocess.nstrace(packageRoot: packageRoot)

    static func sample(_ name: String) -> String {
        packageRoot.appendingPathComponent("samples/bin/\(name)").path
    }

    static var samplesBuilt: Bool {
        FileManager.default.isExecutableFile(atPath: sample("hello-world"))
            && FileManager.default.isExecutableFile(atPath: sample("thread-exec"))
            && FileManager.default.isExecutableFile(atPath: sample("int80"))
            && FileManager.default.isExecutableFile(atPath: sample("callchain"))
            && FileManager.default.isExecutableFile(atPath: sample("escape"))
    }

    static let hasStrace = FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")

    // What the suites need, as `.requires` traits (TestSupport/Requirement.swift): skipped
    // with the reason outside CI, a failure naming what is missing under CI=true.
    static let root = "root (CI runs as root)"
    static let samples = "the samples (make samples builds samples/bin)"
    static let strace = "strace (apt-get install strace)"

    /// A copy of the built nstrace that any user can run (Subprocess.copyForAnyUser); the
    /// caller removes its directory.
    static func nstraceForAnyUser() throws -> (path: String, dir: URL) {
        let path = try Subprocess.copyForAnyUser(nstrace)
        return (path, URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    typealias Result = Subprocess.Result

    /// A fresh temporary directory for one test.
    static func tempDir() -> URL { Subprocess.tempDir() }

    /// Runs a program to completion (killed after `timeout` seconds).
    static func run(_ path: String, _ args: [String], timeout: Double = 60, cwd: URL? = nil) throws -> Result {
        try Subprocess.run(path, args, timeout: timeout, cwd: cwd)
    }

    static func nstrace(_ args: [String], timeout: Double = 60) throws -> Result {
        try run(nstrace, args, timeout: timeout)
    }

    static func readRecord(_ url: URL) throws -> [RecordLine] {
        try RecordReader.parse(Data(contentsOf: url))
    }

    /// A field of /proc/PID/status, or nil when the process is gone.
    static func status(_ pid: pid_t, _ field: String) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Pids of every process whose tracer is `tracer`.
    static func tracees(of tracer: pid_t) -> [pid_t] {
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return dirs.compactMap { pid_t($0) }.filter { status($0, "TracerPid") == String(tracer) }
    }

    /// Waits until `condition` holds or `timeout` passes.
    static func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}

/// A process tree's syscall names per task, in a form two tracers can be compared in:
/// tasks are named by their place in the tree ("0", "0.1", "0.1.0": the second child of
/// the root, its first child), children in the order their parent created them.
struct TaskSequences: Equatable, CustomStringConvertible {
    var byTask: [String: [String]]

    var description: String {
        byTask.keys.sorted().map { "\($0): \(byTask[$0]!.joined(separator: " "))" }.joined(separator: "\n")
    }

    static func build(root: Int32, names: [(pid: Int32, name: String)], children: [(parent: Int32, child: Int32)]) -> TaskSequences {
        var seq: [Int32: [String]] = [:]
        // Where a signal handler returns (rt_sigreturn) depends on when the signal
        // arrived, which differs from run to run under any tracer: leave it out.
        for (pid, name) in names where name != "rt_sigreturn" { seq[pid, default: []].append(name) }
        var kids: [Int32: [Int32]] = [:]
        for (p, c) in children where !(kids[p]?.contains(c) ?? false) { kids[p, default: []].append(c) }
        var out: [String: [String]] = [:]
        func walk(_ pid: Int32, _ label: String) {
            out[label] = seq[pid] ?? []
            for (i, c) in (kids[pid] ?? []).enumerated() { walk(c, label + "." + String(i)) }
        }
        walk(root, "0")
        return TaskSequences(byTask: out)
    }

    /// From `strace -f -o FILE` output: "PID  name(args..." lines; resumed lines add no name.
    static func fromStrace(_ text: String) -> TaskSequences {
        var names: [(Int32, String)] = []
        var children: [(Int32, Int32)] = []
        var root: Int32?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, let pid = Int32(parts[0]) else { continue }
            if root == nil { root = pid }
            let rest = parts[1].drop { $0 == " " }
            var name: Substring
            if rest.hasPrefix("<... ") {
                name = rest.dropFirst(5).prefix { $0 != " " }
            } else if rest.hasPrefix("+++") || rest.hasPrefix("---") || rest.hasPrefix("[") {
                continue
            } else {
                name = rest.prefix { $0 != "(" }
                names.append((pid, String(name)))
            }
            if ["clone", "clone3", "fork", "vfork"].contains(String(name)),
               // ") = 123", or ")      = 123" when strace pads a short line to column 40.
               let eq = rest.range(of: " = ", options: .backwards),
               let child = Int32(rest[eq.upperBound...].prefix { $0.isNumber }), child > 0 {
                children.append((pid, child))
            }
        }
        return build(root: root ?? 0, names: names, children: children)
    }

    /// From an nstrace record.
    /// `keep`: which syscall events count (all by default).
    static func fromRecord(_ lines: [RecordLine], keep: (SyscallEvent) -> Bool = { _ in true }) -> TaskSequences {
        var names: [(Int32, String)] = []
        var children: [(Int32, Int32)] = []
        var root: Int32?
        for l in lines {
            guard case .event(let e) = l else { continue }
            switch e {
            case .task(let t):
                if let pp = t.ppid { children.append((pp, t.pid)) } else if root == nil { root = t.pid }
            case .syscall(let s) where keep(s):
                names.append((s.pid, s.name))
            default:
                break
            }
        }
        return build(root: root ?? 0, names: names, children: children)
    }
}
