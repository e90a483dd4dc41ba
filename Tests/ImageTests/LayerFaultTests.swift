import Foundation
import Glibc
import Testing
import TestSupport
@testable import NSImage

/// Fault loops (docs/reliability.md) for what writes images to disk: `image unpack`, and
/// the layer cache of `nstrace run` with a cold cache, each signalled (SIGKILL, SIGTERM,
/// SIGINT) at a random moment, many times. Afterwards nothing is left: no process, no
/// mount, no run directory, no temporary layer, no cgroup, and an unpack is all or nothing
/// (after SIGKILL, which nothing can catch, DIR may hold part of the tree: the one
/// documented exception).
///
/// `make test` runs a few iterations; `make faults` (NSTRACE_FAULT_ITERATIONS=N) runs N/4.
/// NSTRACE_FAULT_SEED repeats a sequence (every failure names it).
extension ImageSuite {
    @Suite("layer and unpack faults") struct LayerFaultTests {
        static var iterations: Int {
            ProcessInfo.processInfo.environment["NSTRACE_FAULT_ITERATIONS"].flatMap(Int.init).map { max(4, $0 / 4) } ?? 6
        }
        static let seed = ProcessInfo.processInfo.environment["NSTRACE_FAULT_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 1...UInt64.max)

        @Test(.timeLimit(.minutes(20)))
        func unpackSignalledAtRandomMomentsIsAllOrNothing() throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let image = dir.appendingPathComponent("image")
            let layers = 20, files = 60
            try GeneratedImages.manyLayers(layers, filesPerLayer: files, busybox: false).writeLayout(image)
            let expected = 1 + (layers - 1) * files  // bin/true and every layer's files
            var rng = SystemRandomNumberGenerator()
            var failures: [String] = []
            for i in 0..<Self.iterations {
                let out = dir.appendingPathComponent("out")
                let signal = [SIGKILL, SIGTERM, SIGINT][i % 3]
                let delay = UInt32.random(in: 0...400_000, using: &rng)
                let what = "iteration \(i) (\(signal) after \(delay / 1000) ms, NSTRACE_FAULT_SEED=\(Self.seed))"
                let pid = try FaultSpawn.spawn(Harness.nstrace, ["image", "unpack", "-q", image.path, out.path])
                usleep(delay)
                kill(pid, signal)
                guard let end = FaultSpawn.reap(pid, within: 20) else {
                    failures.append("\(what): still running 20 s after the signal")
                    kill(pid, SIGKILL)
                    _ = FaultSpawn.reap(pid, within: 5)
                    continue
                }
                let present = FileManager.default.fileExists(atPath: out.path)
                switch (end.code, end.signal) {
                case (0?, _):
                    let n = FaultSpawn.countFiles(out.path)
                    if n != expected { failures.append("\(what): exit 0 with \(n) of \(expected) files") }
                case (let c?, _) where c == 128 + signal:
                    if present { failures.append("\(what): interrupted, and \(out.path) was left") }
                case (_, SIGKILL?) where signal == SIGKILL:
                    break  // nothing can catch SIGKILL: DIR may hold part of the tree
                case (_, let s?) where s == signal:
                    // Killed by SIGTERM/SIGINT: only before the handlers, so before DIR was made.
                    if present { failures.append("\(what): killed by the signal with \(out.path) made") }
                default:
                    failures.append("\(what): ended with \(end)")
                }
                try? FileManager.default.removeItem(at: out)
                let others = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0 != "image" }
                if !others.isEmpty { failures.append("\(what): left beside DIR: \(others)") }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }

        /// `nstrace run` with a cold layer cache, signalled while it unpacks (or later);
        /// after a SIGKILL, `run --cleanup` reclaims what it left.
        @Test(.timeLimit(.minutes(20)), .requires(Harness.rootNeeded, Harness.isRoot),
              .requires(GeneratedImages.busyboxNeeded, GeneratedImages.hasBusybox))
        func layerCacheSignalledAtRandomMomentsLeavesNothing() throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let image = dir.appendingPathComponent("image")
            try GeneratedImages.manyLayers(20, filesPerLayer: 40).writeLayout(image)
            let cgroupsBefore = FaultSpawn.runCgroups()
            var rng = SystemRandomNumberGenerator()
            var failures: [String] = []
            for i in 0..<Self.iterations {
                let work = dir.appendingPathComponent("iteration-\(i)")
                try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: work) }
                let marker = "NSTRACE_LAYER_FAULT=\(getpid())-\(i)"
                let signal = [SIGKILL, SIGTERM, SIGINT][i % 3]
                let delay = UInt32.random(in: 0...700_000, using: &rng)
                let what = "iteration \(i) (\(signal) after \(delay / 1000) ms, NSTRACE_FAULT_SEED=\(Self.seed))"
                let env = GeneratedImages.env(work)
                let pid = try FaultSpawn.spawn("/usr/bin/env", env + [Harness.nstrace, "run", "--memory", "64m", "--env", marker,
                                                                     "--stop-timeout", "0.5", image.path, "--",
                                                                     "/bin/busybox", "sh", "-c", "while :; do /bin/busybox sleep 0.05; done"])
                usleep(delay)
                kill(pid, signal)
                if FaultSpawn.reap(pid, within: 30) == nil {
                    failures.append("\(what): still running 30 s after the signal")
                    kill(pid, SIGKILL)
                    _ = FaultSpawn.reap(pid, within: 5)
                }
                // After a SIGKILL (or a hang) only --cleanup can remove what the run made.
                let c = try GeneratedImages.nstrace(in: work, ["run", "--cleanup"])
                if c.status != 0 { failures.append("\(what): --cleanup: \(c.stderr)") }
                if !ImageFaults.waitUntil(timeout: 5, { FaultSpawn.marked(marker).isEmpty }) {
                    failures.append("\(what): processes left: \(FaultSpawn.marked(marker))")
                    for p in FaultSpawn.marked(marker) { kill(p, SIGKILL) }
                }
                let left = GeneratedImages.leftovers(work)
                if !left.isEmpty { failures.append("\(what): \(left)") }
                if !ImageFaults.waitUntil(timeout: 5, { FaultSpawn.runCgroups() == cgroupsBefore }) {
                    failures.append("\(what): cgroups \(FaultSpawn.runCgroups()) vs \(cgroupsBefore)")
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }
}

/// Starting nstrace the way a shell does (signals unblocked and at their defaults, which
/// Foundation's Process does not promise), reaping it, and what a run may leave.
enum FaultSpawn {
    static func spawn(_ path: String, _ args: [String]) throws -> pid_t { try ShellSpawn.spawn(path, args) }
    static func reap(_ pid: pid_t, within seconds: Double) -> ShellSpawn.Ended? { ShellSpawn.reap(pid, within: seconds) }

    static func countFiles(_ root: String) -> Int {
        var n = 0
        let e = FileManager.default.enumerator(atPath: root)
        while let p = e?.nextObject() as? String {
            var st = stat()
            if lstat(root + "/" + p, &st) == 0, st.st_mode & S_IFMT == S_IFREG { n += 1 }
        }
        return n
    }

    /// Pids of processes whose environment holds `marker`.
    static func marked(_ marker: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name -> pid_t? in
            guard let pid = pid_t(name), let env = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return nil }
            return env.range(of: Data(marker.utf8)) != nil ? pid : nil
        }
    }

    /// `nstrace-*` cgroups beneath this process's own memory and pids cgroups (v1 and v2).
    static func runCgroups() -> [String] {
        let text = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        var out: [String] = []
        for line in text.split(separator: "\n") {
            let f = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count == 3 else { continue }
            let controllers = f[1].split(separator: ",").map(String.init)
            let dirs: [String]
            if f[1].isEmpty { dirs = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"].map { $0 + (f[2] == "/" ? "" : String(f[2])) } }
            else if controllers.contains("memory") || controllers.contains("pids") {
                dirs = ["/sys/fs/cgroup/\(f[1])\(f[2] == "/" ? "" : String(f[2]))"]
            } else { continue }
            for d in dirs {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: d)) ?? []
                out += names.filter { $0.hasPrefix("nstrace-") }.map { d + "/" + $0 }
            }
        }
        return out.sorted()
    }
}
