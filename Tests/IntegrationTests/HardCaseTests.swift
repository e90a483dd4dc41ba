import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// The hard cases of tracing (docs/reliability.md): one small program of samples/tracees
/// each, traced by the built `nstrace` and by `strace -f`. Each test checks that nstrace
/// saw every task the program reports, that each task's syscalls are strace's, that the
/// exit status is the command's, and that nothing hangs (a time limit, and the harness
/// kills a run after 60 s).
@Suite(.serialized, .requires(Harness.root, Harness.isRoot),
       .requires(Harness.samples, Harness.samplesBuilt && Harness.hardCasesBuilt),
       .requires(Harness.strace, Harness.hasStrace))
struct HardCaseTests {

    // MARK: threads and exec

    // execve from a thread that is not the leader while every other thread, the leader
    // too, is busy making syscalls: the threads die, the exec'ing thread takes the
    // leader's pid, the leader is superseded.
    @Test(.timeLimit(.minutes(1)))
    func execFromANonLeaderThreadWhileOthersRun() throws {
        // strace 6.1 sometimes takes a stop of a thread killed by the execve for a syscall
        // entry, with a stale register as the number ("syscall_0xa6f(...)", "???(");
        // PTRACE_GET_SYSCALL_INFO tells nstrace which stop it is. Left out of strace's side.
        let c = try HardRun.compare([Harness.sample("busy-exec"), "4", Harness.sample("hello-world")],
                                    collapseRepeats: true, straceMisreadsNumbers: true)
        #expect(c.n.status == 0 && c.s.status == 0)
        // "leader L busy T1 T2 T3 T4 exec E"
        let words = c.n.stdout.split(separator: "\n").first?.split(separator: " ").map(String.init) ?? []
        try #require(words.count == 9 && words[0] == "leader" && words[2] == "busy" && words[7] == "exec",
                     "\(c.n.stdout)")
        let leader = Int32(words[1])!, busy = words[3...6].map { Int32($0)! }, execer = Int32(words[8])!
        let r = c.record
        #expect(Set(r.tasks.map(\.pid)) == Set([leader, execer] + busy))
        #expect(r.tasks.count == 6)
        #expect(r.tasks.filter { $0.pid != leader }.allSatisfy { $0.tgid == leader && $0.ppid == leader && $0.via == .clone3 })
        // The exec: under the leader's pid, from the thread.
        #expect(r.execs.map(\.formerPid) == [leader, execer])
        #expect(r.execs.allSatisfy { $0.pid == leader })
        #expect(r.exits.contains { $0.pid == leader && $0.supersededBy == execer })
        for t in busy {
            #expect(r.exits.filter { $0.pid == t }.map(\.code) == [0], "busy thread \(t)")
            #expect(r.calls(of: t).contains("getppid"), "busy thread \(t)")
        }
        // The execve is the thread's; what follows is hello-world's, under the leader's pid.
        #expect(r.syscalls.filter { $0.name == "execve" }.map(\.pid) == [leader, execer])
        #expect(r.syscalls.last { $0.name == "execve" }?.ret == 0)
        let afterExec = r.syscalls.drop { !($0.name == "execve" && $0.pid == execer) }.dropFirst()
        #expect(afterExec.filter { $0.pid == leader }.map(\.name) == ["write", "exit"])
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // vfork + execve: the parent is blocked inside vfork until its child execs (first
    // child) or exits after a failed execve (second child).
    @Test(.timeLimit(.minutes(1)))
    func vforkThenExec() throws {
        let c = try HardRun.compare([Harness.sample("vfork-exec"), Harness.sample("hello-world")])
        #expect(c.n.status == 42 && c.s.status == 42)
        #expect(c.n.stdout.contains("Hello from nstrace!"))
        let r = c.record
        try #require(r.tasks.count == 3)
        let root = r.tasks[0].pid, first = r.tasks[1].pid, second = r.tasks[2].pid
        #expect(r.tasks.dropFirst().allSatisfy { $0.via == .vfork && $0.ppid == root && $0.tgid == $0.pid })
        #expect(r.execs.map(\.pid) == [root, first])
        #expect(r.exits.first { $0.pid == first }?.code == 0)
        #expect(r.exits.first { $0.pid == second }?.code == 42)
        let failed = r.syscalls.filter { $0.pid == second && $0.name == "execve" }
        #expect(failed.map(\.errno) == ["ENOENT"])
        #expect(r.calls(of: root).filter { $0 == "vfork" }.count == 2)
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // A fork bomb capped at 100 processes: children fork while their siblings are still
    // being created, and children's first stops often come before their parent's fork
    // event (those are held until it comes).
    @Test(.timeLimit(.minutes(1)))
    func forkBombCappedAtN() throws {
        let n = 100
        let c = try HardRun.compare([Harness.sample("forkbomb"), String(n)])
        #expect(c.n.status == Int32(n) && c.s.status == Int32(n))
        // "I PID" for every process I = 1...n.
        var pidOf: [Int: Int32] = [:]
        for line in c.n.stdout.split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count == 2, let i = Int(f[0]), let p = Int32(f[1]) { pidOf[i] = p }
        }
        try #require(pidOf.count == n, "\(c.n.stdout)")
        let r = c.record
        #expect(r.tasks.count == n)
        #expect(Set(r.tasks.map(\.pid)) == Set(pidOf.values))
        let taskOf = Dictionary(r.tasks.map { ($0.pid, $0) }, uniquingKeysWith: { a, _ in a })
        for i in 2...n {
            let t = taskOf[pidOf[i]!]
            #expect(t?.ppid == pidOf[i / 2] && t?.via == .clone && t?.tgid == t?.pid, "process \(i): \(String(describing: t))")
        }
        // Each exits with the size of its subtree.
        func size(_ i: Int) -> Int { i > n ? 0 : 1 + size(2 * i) + size(2 * i + 1) }
        let codes = Dictionary(r.exits.map { ($0.pid, $0.code) }, uniquingKeysWith: { a, _ in a })
        for i in 1...n { #expect(codes[pidOf[i]!] == Int32(size(i)), "process \(i)") }
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // 64 threads making syscalls at the same time. Every thread is seen, as a clone3
    // of the main thread, in its group (a child whose first stop comes before its
    // parent's clone event must not be let go as "unknown").
    @Test(.timeLimit(.minutes(1)))
    func sixtyFourThreadsAtOnce() throws {
        let rounds = 20
        // futex: how often a thread waits at the barrier or join depends on timing.
        let c = try HardRun.compare([Harness.sample("threads"), "64", String(rounds)], dropping: ["futex"])
        #expect(c.n.status == 7 && c.s.status == 7)
        let lines = c.n.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        try #require(lines.count == 65 && lines[0].first == "main", "\(c.n.stdout)")
        let main = Int32(lines[0][1])!
        let threads = lines.dropFirst().map { Int32($0[1])! }
        let r = c.record
        #expect(r.tasks.count == 65)
        #expect(Set(r.tasks.map(\.pid)) == Set([main] + threads))
        let created = r.tasks.filter { $0.pid != main }
        #expect(created.filter { $0.via != .clone3 || $0.ppid != main || $0.tgid != main }.map(\.pid) == [],
                "threads written with the wrong origin, parent or group")
        for t in threads {
            let calls = r.calls(of: t)
            #expect(calls.filter { $0 == "getppid" }.count == rounds && calls.filter { $0 == "write" }.count == rounds,
                    "thread \(t): \(calls)")
            #expect(r.exits.filter { $0.pid == t }.map(\.code) == [0])
        }
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // MARK: signals

    // SIGSTOP/SIGCONT group stops of a traced two-thread child, twice: the real parent
    // sees them (waitpid WUNTRACED / WCONTINUED), the trace shows each thread stopped.
    @Test(.timeLimit(.minutes(1)))
    func groupStopsWhileTraced() throws {
        // futex: whether pthread_join waits depends on timing.
        let c = try HardRun.compare([Harness.sample("stopcont")], dropping: ["futex"])
        #expect(c.n.status == 0 && c.s.status == 0)
        #expect(c.n.stdout == "stopped continued\nstopped continued\nchild 5\n")
        let r = c.record
        try #require(r.tasks.count == 3)
        let child = r.tasks[1].pid, thread = r.tasks[2].pid
        #expect(r.tasks[2].tgid == child)
        for t in [child, thread] {
            let stops = r.signals.filter { $0.pid == t && $0.stopped }
            #expect(stops.map(\.signal) == ["SIGSTOP", "SIGSTOP"], "task \(t)")
        }
        #expect(r.exits.first { $0.pid == child }?.code == 5)
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // A process that SIGKILLs itself while both its threads are inside syscalls: neither
    // call returns, both are recorded as such, and nstrace exits as the command did.
    @Test(.timeLimit(.minutes(1)))
    func selfKillMidSyscall() throws {
        let c = try HardRun.compare([Harness.sample("selfkill")])
        #expect(c.n.status == 137 && c.s.status == 137)
        let r = c.record
        try #require(r.tasks.count == 2)
        let main = r.tasks[0].pid, killer = r.tasks[1].pid
        #expect(r.exits.map(\.signal).allSatisfy { $0 == "SIGKILL" } && r.exits.count == 2)
        let lastOfMain = r.syscalls.last { $0.pid == main }, lastOfKiller = r.syscalls.last { $0.pid == killer }
        #expect(lastOfMain?.name == "read" && lastOfMain?.ret == nil && lastOfMain?.retText == "?")
        #expect(lastOfKiller?.name == "kill" && lastOfKiller?.ret == nil && lastOfKiller?.args.last == "SIGKILL")
        #expect(r.end?.status == 137)
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // MARK: process lifetimes

    // The parent exits at once; its three children are reparented and go on. nstrace
    // follows them to their end and exits with the parent's status.
    @Test(.timeLimit(.minutes(1)))
    func orphansAreFollowedAfterTheirParentExits() throws {
        let c = try HardRun.compare([Harness.sample("orphans")])
        #expect(c.n.status == 3 && c.s.status == 3)
        let lines = c.n.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        let parent = lines.first { $0.first == "parent" }.map { Int32($0[1])! }
        let newParents = lines.filter { $0.first == "orphan" }.map { Int32($0[3])! }
        #expect(newParents.count == 3 && !newParents.contains(parent ?? -1), "\(c.n.stdout)")
        let r = c.record
        #expect(r.tasks.count == 4)
        #expect(r.tasks.dropFirst().allSatisfy { $0.ppid == parent })
        let children = Set(r.tasks.dropFirst().map(\.pid))
        #expect(r.exits.filter { children.contains($0.pid) }.compactMap(\.code).sorted() == [10, 11, 12])
        // They were followed after the parent was gone.
        let parentEnd = r.exits.firstIndex { $0.pid == parent }
        #expect(parentEnd == 0, "the parent ends first: \(r.exits)")
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // Children that are never reaped: the parent waits for them with WNOWAIT (they stay
    // zombies) and exits. Their exits are in the trace; nothing waits for a reap.
    @Test(.timeLimit(.minutes(1)))
    func zombiesNeverReapedByTheirParent() throws {
        let c = try HardRun.compare([Harness.sample("zombies")])
        #expect(c.n.status == 4 && c.s.status == 4)
        let zombies = c.n.stdout.split(separator: "\n").compactMap { line -> Int32? in
            line.hasPrefix("zombie ") ? Int32(line.dropFirst(7)) : nil
        }
        try #require(zombies.count == 3, "\(c.n.stdout)")
        let r = c.record
        #expect(r.tasks.dropFirst().map(\.pid) == zombies)
        for (i, z) in zombies.enumerated() {
            #expect(r.exits.filter { $0.pid == z }.map(\.code) == [Int32(20 + i)])
        }
        #expect(r.syscalls.filter { $0.name == "waitid" && $0.ret == 0 }.count == 3)
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // A task that renames itself and exits at once: eight processes and four threads.
    @Test(.timeLimit(.minutes(1)))
    func commChangeAndExitAtOnce() throws {
        let c = try HardRun.compare([Harness.sample("commexit")], dropping: ["futex"])
        #expect(c.n.status == 28 && c.s.status == 28)
        let r = c.record
        try #require(r.tasks.count == 13)
        let root = r.tasks[0].pid
        let procs = r.tasks.filter { $0.tgid == $0.pid && $0.pid != root }
        let threads = r.tasks.filter { $0.tgid == root && $0.pid != root }
        #expect(procs.count == 8 && procs.allSatisfy { $0.via == .clone && $0.ppid == root })
        #expect(threads.count == 4 && threads.allSatisfy { $0.via == .clone3 && $0.ppid == root })
        for (i, p) in procs.enumerated() {
            #expect(r.exits.filter { $0.pid == p.pid }.map(\.code) == [Int32(i)])
            #expect(r.syscalls.filter { $0.pid == p.pid }.map(\.name) == ["set_robust_list", "prctl", "exit_group"])
        }
        #expect(r.syscalls.filter { $0.name == "prctl" && $0.args.first == "PR_SET_NAME" }.count == 13)
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // MARK: syscalls a tracer must get right

    // `int 0x80` from a 64-bit program: i386 numbers, named from the i386 table.
    @Test(.timeLimit(.minutes(1)))
    func int80FromA64BitProgram() throws {
        let c = try HardRun.compare([Harness.sample("int80")])
        #expect(c.n.status == 0 && c.s.status == 0)
        let compat = c.record.syscalls.filter { $0.abi == .i386 }
        #expect(compat.map(\.name) == ["getpid", "exit"])
        #expect(compat.map(\.nr) == [20, 1])
        #expect(compat.first?.ret == Int64(c.record.tasks.first?.pid ?? -1))
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // execve of a missing file and of a script whose interpreter is missing (ENOENT
    // both, the process goes on), then one that works; and such a script as the command.
    @Test(.timeLimit(.minutes(1)))
    func execveOfMissingFileAndMissingInterpreter() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("script").path
        let c = try HardRun.compare([Harness.sample("execfail"), script, Harness.sample("hello-world")])
        #expect(c.n.status == 0 && c.s.status == 0)
        #expect(c.n.stdout.hasPrefix("missing ENOENT\nscript ENOENT\n") && c.n.stdout.contains("Hello from nstrace!"))
        let execs = c.record.syscalls.filter { $0.name == "execve" }
        #expect(execs.map(\.errno) == [nil, "ENOENT", "ENOENT", nil])
        #expect(execs.dropFirst().first?.args.first == "\"/proc/self/no-such-program\"")
        #expect(execs.dropFirst().first?.retText == "-1 ENOENT (No such file or directory)")
        #expect(c.record.execs.count == 2)
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")

        // The script as the command: nstrace says why, exits 127, the record is whole.
        let bad = dir.appendingPathComponent("bad-interpreter").path
        try "#!/proc/self/no-such-interpreter\n".write(toFile: bad, atomically: true, encoding: .utf8)
        chmod(bad, 0o755)
        let rec = dir.appendingPathComponent("bad.jsonl")
        let n = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec.path, "--", bad])
        #expect(n.status == 127)
        #expect(n.stderr == "nstrace: cannot execute '\(bad)': No such file or directory\n")
        let r = try Harness.readRecord(rec)
        #expect(r.syscalls.first?.name == "execve" && r.syscalls.first?.errno == "ENOENT")
        #expect(r.end?.status == 127)
    }

    // An execve with 1 MiB of arguments (1024 of 1023 bytes), made by the program, and
    // one made by nstrace itself for the command.
    @Test(.timeLimit(.minutes(1)))
    func megabyteArgv() throws {
        let bigargv = Harness.sample("bigargv")
        let c = try HardRun.compare([bigargv])
        #expect(c.n.status == 0 && c.s.status == 0)
        #expect(c.n.stdout == "argc 1026 bytes \(1024 * 1024 + bigargv.utf8.count + 1 + 6)\n")
        let execs = c.record.syscalls.filter { $0.name == "execve" }
        try #require(execs.count == 2)
        #expect(execs[1].ret == 0 && execs[1].args.first == "\"/proc/self/exe\"")
        // The argv text is strace's: the first 32 strings cut at 32 bytes, then "...".
        let straceLine = c.straceText.split(separator: "\n").last { $0.contains("execve(\"/proc/self/exe\"") }
        let argvText = straceLine.flatMap { line -> Substring? in
            guard let open = line.firstIndex(of: "["), let close = line.range(of: "], ") else { return nil }
            return line[open...close.lowerBound]
        }
        #expect(argvText.map(String.init) == execs[1].args[1])
        #expect(execs[1].args[1].hasSuffix(", ...]"))
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")

        // 1 MiB argv for the command nstrace starts.
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("r.jsonl")
        let args = (0..<1024).map { String(repeating: Character(UnicodeScalar(UInt8(97 + $0 % 26))), count: 1023) }
        let n = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec.path, "--", Harness.sample("hello-world")] + args)
        #expect(n.status == 0)
        let r = try Harness.readRecord(rec)
        guard case .header(let h) = r.first else { Issue.record("no header"); return }
        #expect(h.command.count == 1025 && h.command.last == args.last)
        #expect(r.syscalls.map(\.name) == ["execve", "write", "exit"])
        #expect(r.syscalls.first?.ret == 0)
    }

    // A tracee that uses ptrace itself: PTRACE_TRACEME in it and its child, and
    // PTRACE_SEIZE/PTRACE_ATTACH of that child all fail with EPERM (already traced);
    // the trace goes on undisturbed.
    @Test(.timeLimit(.minutes(1)))
    func traceeCallsPtraceItself() throws {
        let c = try HardRun.compare([Harness.sample("traceme")])
        #expect(c.n.status == 6 && c.s.status == 6)
        #expect(Set(c.n.stdout.split(separator: "\n")) == ["traceme -1 EPERM", "child-traceme -1 EPERM",
                                                             "seize -1 EPERM", "attach -1 EPERM"])
        let r = c.record
        let calls = r.syscalls.filter { $0.name == "ptrace" }
        #expect(calls.count == 4 && calls.allSatisfy { $0.errno == "EPERM" })
        #expect(calls.map { $0.args.first ?? "" }.sorted() == ["PTRACE_ATTACH", "PTRACE_SEIZE", "PTRACE_TRACEME", "PTRACE_TRACEME"])
        #expect(r.tasks.count == 2)
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }

    // MARK: namespaces

    // setns into five types (uts, ipc, net, mnt, cgroup) in a loop, between namespaces the
    // program made in children (unshare in one, clone with CLONE_NEW* in the other) and
    // its own. Every hop is an `ns` line with the inode the program saw.
    @Test(.timeLimit(.minutes(1)))
    func namespaceHoppingWithSetns() throws {
        let c = try HardRun.compare([Harness.sample("nshop")])
        #expect(c.n.status == 0 && c.s.status == 0)
        let hops = c.n.stdout.split(separator: "\n").map { line -> String in String(line) }
        #expect(hops.count == 45)
        let r = c.record
        try #require(r.tasks.count == 3)
        let root = r.tasks[0].pid, a = r.tasks[1].pid, b = r.tasks[2].pid
        let moves = r.namespaces.filter { $0.pid == root && $0.cause == "setns" }
        #expect(moves.map { "\($0.kind.rawValue) \($0.to)" } == hops)
        #expect(r.syscalls.filter { $0.pid == root && $0.name == "setns" && $0.ret == 0 }.count == 45)
        let five: Set<String> = ["uts", "ipc", "net", "mnt", "cgroup"]
        #expect(Set(r.namespaces.filter { $0.pid == a && $0.cause == "unshare" }.map(\.kind.rawValue)) == five)
        #expect(Set(r.namespaces.filter { $0.pid == b && $0.cause == "clone" }.map(\.kind.rawValue)) == five)
        #expect(r.tasks[2].via == .clone)
        #expect(c.nstrace == c.strace, "strace:\n\(c.strace)\nnstrace:\n\(c.nstrace)")
    }
}

// MARK: - support

extension Harness {
    static let hardCases = ["busy-exec", "vfork-exec", "forkbomb", "threads", "stopcont", "selfkill", "orphans",
                            "zombies", "execfail", "bigargv", "traceme", "commexit", "nshop", "faultload"]

    static var hardCasesBuilt: Bool {
        hardCases.allSatisfy { FileManager.default.isExecutableFile(atPath: sample($0)) }
    }
}

/// One program run under strace -f and under nstrace, as per-task syscall sequences.
struct HardRun {
    var s: Harness.Result
    var n: Harness.Result
    var straceText: String
    var record: [RecordLine]
    var strace: TaskSequences
    var nstrace: TaskSequences

    /// Runs `command` under both tracers until their sequences agree, at most `attempts`
    /// times (scheduling can still reorder a signal against a syscall). Calls the kernel
    /// restarted (ERESTART*: a signal came in, which depends on timing under any tracer)
    /// and names in `dropping` are left out; with `collapseRepeats`, a run of one call
    /// counts once (busy loops).
    static func compare(_ command: [String], dropping: Set<String> = [], collapseRepeats: Bool = false,
                        straceMisreadsNumbers: Bool = false, attempts: Int = 3) throws -> HardRun {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("strace.txt"), rec = dir.appendingPathComponent("record.jsonl")
        var last: HardRun?
        for _ in 0..<attempts {
            let s = try Harness.run("/usr/bin/strace", ["-f", "-qq", "-o", out.path, "--"] + command)
            let n = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec.path, "--"] + command)
            #expect(!s.timedOut && !n.timedOut, "a tracer hung on \(command)")
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            let record = try Harness.readRecord(rec)
            var a = HardSequences.fromStrace(text, dropping: dropping, unnumbered: straceMisreadsNumbers)
            var b = HardSequences.fromRecord(record, dropping: dropping)
            if collapseRepeats {
                a = HardSequences.collapsed(a)
                b = HardSequences.collapsed(b)
            }
            last = HardRun(s: s, n: n, straceText: text, record: record, strace: a, nstrace: b)
            if a == b { break }
        }
        return last!
    }
}

/// Per-task sequences as `TaskSequences`, but without restarted calls and chosen names,
/// and with strace lines parsed whole (`<... resumed>` results, padded ` = `).
enum HardSequences {
    static let alwaysDropped: Set<String> = ["rt_sigreturn", "restart_syscall"]
    static let creating: Set<String> = ["clone", "clone3", "fork", "vfork"]

    /// `unnumbered`: leave out calls strace could not name (`syscall_0x...`, `???`).
    static func fromStrace(_ text: String, dropping: Set<String>, unnumbered: Bool = false) -> TaskSequences {
        var names: [(pid: Int32, name: String)?] = []
        var open: [Int32: Int] = [:]  // pid → index of its unfinished call
        var children: [(Int32, Int32)] = []
        var root: Int32?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, let pid = Int32(parts[0]) else { continue }
            if root == nil { root = pid }
            let rest = parts[1].drop { $0 == " " }
            if rest.hasPrefix("+++") || rest.hasPrefix("---") || rest.hasPrefix("[") { continue }
            let result = rest.range(of: " = ", options: .backwards).map { rest[$0.upperBound...] }
            let restarted = result?.hasPrefix("? ERESTART") == true
            var name: String
            if rest.hasPrefix("<... ") {
                name = String(rest.dropFirst(5).prefix { $0 != " " })
                if let i = open.removeValue(forKey: pid), restarted { names[i] = nil }
            } else {
                name = String(rest.prefix { $0 != "(" })
                if !restarted && !dropping.contains(name) && !alwaysDropped.contains(name)
                    && !(unnumbered && (name.hasPrefix("syscall_0x") || name == "???")) {
                    if rest.hasSuffix("<unfinished ...>") { open[pid] = names.count }
                    names.append((pid, name))
                }
            }
            if creating.contains(name), let r = result, let child = Int32(r.prefix { $0.isNumber }), child > 0 {
                children.append((pid, child))
            }
        }
        return TaskSequences.build(root: root ?? 0, names: names.compactMap { $0 }, children: children)
    }

    static func fromRecord(_ lines: [RecordLine], dropping: Set<String>) -> TaskSequences {
        TaskSequences.fromRecord(lines) { s in
            s.errno?.hasPrefix("ERESTART") != true && !dropping.contains(s.name) && !alwaysDropped.contains(s.name)
        }
    }

    /// Consecutive repeats of one call as one.
    static func collapsed(_ s: TaskSequences) -> TaskSequences {
        TaskSequences(byTask: s.byTask.mapValues { seq in
            seq.reduce(into: [String]()) { out, name in if out.last != name { out.append(name) } }
        })
    }
}

extension Array where Element == RecordLine {
    var events: [TraceEvent] { compactMap { if case .event(let e) = $0 { return e } else { return nil } } }
    var tasks: [TaskEvent] { events.compactMap { if case .task(let t) = $0 { return t } else { return nil } } }
    var syscalls: [SyscallEvent] { events.compactMap { if case .syscall(let s) = $0 { return s } else { return nil } } }
    var exits: [ExitEvent] { events.compactMap { if case .exit(let x) = $0 { return x } else { return nil } } }
    var execs: [ExecEvent] { events.compactMap { if case .exec(let x) = $0 { return x } else { return nil } } }
    var signals: [SignalEvent] { events.compactMap { if case .signal(let x) = $0 { return x } else { return nil } } }
    var namespaces: [NamespaceEvent] { events.compactMap { if case .namespace(let x) = $0 { return x } else { return nil } } }
    var end: RecordEnd? { compactMap { if case .end(let e) = $0 { return e } else { return nil } }.last }

    /// The names of the calls `pid` made, in order.
    func calls(of pid: Int32) -> [String] { syscalls.filter { $0.pid == pid }.map(\.name) }
}
