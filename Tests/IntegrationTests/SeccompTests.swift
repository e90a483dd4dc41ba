import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// The seccomp-bpf fast path (issue 8): a filtered trace sees the same namespace story
/// as a full one, and every task of the command runs under the filter.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.samples, Harness.samplesBuilt))
struct SeccompTests {
    struct Story: Equatable {
        var transitions: [String]
        var calls: [String]
    }

    func story(_ lines: [RecordLine]) -> Story {
        var pids: [Int32: Int] = [:] // pid → order of appearance, so two runs compare
        func id(_ p: Int32) -> Int {
            if let i = pids[p] { return i }
            pids[p] = pids.count
            return pids[p]!
        }
        var s = Story(transitions: [], calls: [])
        for l in lines {
            guard case .event(let e) = l else { continue }
            switch e {
            case .task(let t): _ = id(t.pid)
            case .namespace(let n): s.transitions.append("\(id(n.pid)) \(n.kind.rawValue) \(n.cause)")
            case .syscall(let c) where SyscallDecoder.classes(of: c.name).contains(.namespace) && c.name != "execve":
                // A new task's pid differs from run to run: name it by its order.
                let ret = ["clone", "clone3", "fork", "vfork"].contains(c.name) && (c.ret ?? 0) > 0
                    ? "task \(id(Int32(c.ret!)))" : c.retText
                s.calls.append("\(id(c.pid)) \(c.name)(\(c.args.joined(separator: ", "))) = \(ret)")
            default: break
            }
        }
        return s
    }

    @Test func filteredTraceTellsTheSameNamespaceStory() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = dir.appendingPathComponent("full.jsonl"), fast = dir.appendingPathComponent("fast.jsonl")
        let cmd = ["unshare", "-u", "sh", "-c", "ls / >/dev/null; hostname x"]
        let a = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", full.path, "--"] + cmd)
        let b = try Harness.nstrace(["trace", "-e", "trace=%namespace", "-o", "/dev/null", "--record", fast.path, "--"] + cmd)
        #expect(a.status == 0 && b.status == 0)
        let sa = story(try Harness.readRecord(full)), sb = story(try Harness.readRecord(fast))
        #expect(sa == sb)
        #expect(sa.transitions == ["0 uts unshare"])
        #expect(sa.calls.contains { $0.hasSuffix("sethostname(\"x\", 1) = 0") })
        // The filtered run stopped far less often: only namespace calls are recorded.
        let fastCalls = try Harness.readRecord(fast).filter { if case .event(.syscall) = $0 { return true } else { return false } }
        let fullCalls = try Harness.readRecord(full).filter { if case .event(.syscall) = $0 { return true } else { return false } }
        #expect(fastCalls.count * 5 < fullCalls.count)
    }

    @Test func everyTaskRunsUnderTheFilter() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.nstrace)
        p.arguments = ["trace", "-e", "trace=%namespace", "-o", "/dev/null", "--", "sh", "-c", "sleep 30 & sleep 30 & wait"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.runUnblocked()
        defer { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        var tracees: [pid_t] = []
        #expect(Harness.waitUntil(timeout: 20) {
            tracees = Harness.tracees(of: p.processIdentifier)
            return tracees.count >= 3 && tracees.allSatisfy { Harness.status($0, "Name") != "nstrace" }
        })
        for t in tracees { #expect(Harness.status(t, "Seccomp") == "2", "pid \(t)") }
        // Without a subset, no filter.
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let full = try Harness.nstrace(["trace", "-o", "/dev/null", "--", "grep", "^Seccomp:", "/proc/self/status"])
        #expect(full.stdout == "Seccomp:\t0\n")
        let off = try Harness.nstrace(["trace", "--no-seccomp-bpf", "-e", "trace=openat", "-o", "/dev/null", "--", "grep", "^Seccomp:", "/proc/self/status"])
        #expect(off.stdout == "Seccomp:\t0\n")
    }

    @Test func attachFallsBackWithAMessage() throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.runUnblocked()
        defer { kill(sleeper.processIdentifier, SIGKILL); sleeper.waitUntilExit() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.nstrace)
        p.arguments = ["trace", "--seccomp-bpf", "-p", String(sleeper.processIdentifier)]
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        p.standardError = err
        try p.runUnblocked()
        try err.close()
        #expect(Harness.waitUntil(timeout: 10) { Harness.status(sleeper.processIdentifier, "TracerPid") == String(p.processIdentifier) })
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let text = try String(contentsOf: errURL, encoding: .utf8)
        #expect(text.hasPrefix("nstrace: --seccomp-bpf needs a started command"))
        #expect(p.terminationStatus == 0)
    }
}

/// -k (issue 8): stack traces name the call chain, innermost first.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.samples, Harness.samplesBuilt))
struct StackTraceTests {
    @Test func callChainIsNamedInOrder() throws {
        let r = try Harness.nstrace(["trace", "-k", "-e", "trace=write", "--", Harness.sample("callchain")])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("write(1, \"callchain\\n\", 10)") })
        let frames = lines[(start + 1)...].prefix { $0.hasPrefix(" > ") }
        let names = frames.compactMap { f -> String? in
            guard let open = f.firstIndex(of: "("), let plus = f[open...].firstIndex(of: "+") else { return nil }
            return String(f[f.index(after: open)..<plus])
        }
        // libc's write wrapper, then b, a, main of the sample.
        let chain = names.drop { $0 != "b" }
        #expect(Array(chain.prefix(3)) == ["b", "a", "main"], "\(frames)")
        #expect(frames.contains { $0.contains("/callchain(b+0x") })
        #expect(frames.first?.contains("libc.so.6(") == true)
    }

    /// Code unmapped and replaced at the same address (dlclose, then dlopen of another
    /// library the loader puts there): the second stack names the new library, not what
    /// was cached for the old one. Under the seccomp filter too, which then traps munmap,
    /// mremap and MAP_FIXED mmaps without showing them.
    @Test(arguments: [["--seccomp-bpf"], ["--no-seccomp-bpf"]])
    func replacedCodeIsNamedAfterwards(_ mode: [String]) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("trace.txt")
        let bin = URL(fileURLWithPath: Harness.sample("reload")).deletingLastPathComponent().path
        let r = try Harness.nstrace(["trace"] + mode + ["-k", "-e", "trace=write", "-o", out.path, "--",
                                                        Harness.sample("reload"), bin])
        #expect(r.status == 0, "\(r.stderr)")
        // The case this is about; the loader of Debian 12 reuses the address.
        #expect(r.stdout.hasSuffix("same base\n"), "\(r.stdout)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map(String.init)
        func frames(after call: String) -> [String] {
            guard let i = lines.firstIndex(where: { $0.contains(call) }) else { return [] }
            return Array(lines[(i + 1)...].prefix { $0.hasPrefix(" > ") })
        }
        let one = frames(after: #"write(1, "one\n", 4)"#), two = frames(after: #"write(1, "two\n", 4)"#)
        #expect(one.contains { $0.contains("/reload-one.so(one_writes+0x") }, "\(one)")
        #expect(two.contains { $0.contains("/reload-two.so(two_writes+0x") }, "\(two)")
        #expect(!two.contains { $0.contains("reload-one.so") }, "\(two)")
        // munmap and mmap were trapped for -k, not shown.
        #expect(!lines.contains { $0.contains("munmap(") || $0.contains("mmap(") })
    }
}

/// Issue 8 (strace issue #303): a tracee with its own seccomp filter, and a child made
/// with CLONE_UNTRACED, neither escape the trace nor break under the fast path.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.samples, Harness.samplesBuilt))
struct EscapeTests {
    @Test(arguments: [["--no-seccomp-bpf"], ["--seccomp-bpf"]])
    func ownFilterAndUntracedChildStayTraced(_ mode: [String]) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("r.jsonl")
        let r = try Harness.nstrace(["trace"] + mode + ["-e", "trace=%namespace", "--record", rec.path, "--", Harness.sample("escape")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("parent ok\n") && r.stdout.contains("child "))
        #expect(r.stderr.contains("nstrace: cleared CLONE_UNTRACED so the child stays traced"))
        let lines = try Harness.readRecord(rec)
        let tasks = lines.compactMap { l -> TaskEvent? in if case .event(.task(let t)) = l { return t } else { return nil } }
        #expect(tasks.count == 2)
        let child = try #require(tasks.last)
        let calls = lines.compactMap { l -> SyscallEvent? in if case .event(.syscall(let s)) = l { return s } else { return nil } }
        #expect(calls.contains { $0.pid == child.pid && $0.name == "sethostname" && $0.args.first == "\"child\"" })
        let uts = lines.compactMap { l -> NamespaceEvent? in if case .event(.namespace(let n)) = l, n.kind == .uts { return n } else { return nil } }
        #expect(uts.map(\.pid) == [tasks[0].pid, child.pid])
    }
}
