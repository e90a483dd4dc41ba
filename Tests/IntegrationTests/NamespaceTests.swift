import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// Namespace transitions and PID translation (issue 3), against real unshare, nsenter
/// and ip netns. Every inode is checked against what `readlink /proc/PID/ns/TYPE`
/// printed for the task itself. Root only; serialized (one kernel, shared /run/netns).
@Suite(.serialized, .requires(Harness.root, Harness.isRoot))
struct NamespaceTests {
    /// A traced run: its record, text output and stdout.
    struct Traced {
        var lines: [RecordLine]
        var stdout: String
        var stderr: String
        var status: Int32

        var tasks: [TaskEvent] {
            lines.compactMap { if case .event(.task(let t)) = $0 { return t } else { return nil } }
        }
        var transitions: [NamespaceEvent] {
            lines.compactMap { if case .event(.namespace(let n)) = $0 { return n } else { return nil } }
        }
        var syscalls: [SyscallEvent] {
            lines.compactMap { if case .event(.syscall(let s)) = $0 { return s } else { return nil } }
        }
        var idmaps: [IDMapEvent] {
            lines.compactMap { if case .event(.idmap(let m)) = $0 { return m } else { return nil } }
        }
        var root: TaskEvent? { tasks.first }
        /// Inodes printed by `readlink` in the command ("uts:[4026532201]" lines), by type.
        var printedInodes: [String: UInt64] {
            var out: [String: UInt64] = [:]
            for line in stdout.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":"), let inode = NamespaceSet.inode(fromLink: String(line)) else { continue }
                out[String(line[..<colon])] = inode
            }
            return out
        }
    }

    func trace(_ command: [String], extra: [String] = []) throws -> Traced {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("r.jsonl")
        let r = try Harness.nstrace(["trace", "--record", rec.path] + extra + ["--"] + command)
        return Traced(lines: try Harness.readRecord(rec), stdout: r.stdout, stderr: r.stderr, status: r.status)
    }

    static func ownInode(_ kind: String) -> UInt64? {
        var buf = [CChar](repeating: 0, count: 256)
        let n = readlink("/proc/self/ns/\(kind)", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        return NamespaceSet.inode(fromLink: String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    static func hostname() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, buf.count)
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // 1. unshare -u: one uts transition, sethostname decoded, children inherit, host untouched.
    @Test func utsNamespace() throws {
        let before = Self.hostname()
        let t = try trace(["unshare", "-u", "sh", "-c", "readlink /proc/$$/ns/uts; hostname bananaman; hostname"])
        #expect(t.status == 0)
        #expect(t.stdout.hasSuffix("bananaman\n"))
        let root = try #require(t.root)
        let newUTS = try #require(t.printedInodes["uts"])
        #expect(newUTS != Self.ownInode("uts"))
        #expect(t.transitions.map(\.kind) == [.uts])
        let uts = try #require(t.transitions.first)
        #expect(uts.pid == root.pid && uts.cause == "unshare" && uts.to == newUTS)
        #expect(uts.from == Self.ownInode("uts"))
        #expect(uts.call == "unshare(CLONE_NEWUTS)")
        #expect(t.syscalls.contains { $0.name == "sethostname" && $0.args == ["\"bananaman\"", "9"] && $0.ret == 0 })
        let children = t.tasks.filter { $0.ppid != nil }
        #expect(children.count == 3) // readlink, hostname, hostname
        #expect(children.allSatisfy { $0.ns?[.uts] == newUTS })
        #expect(t.stderr.contains("unshare(CLONE_NEWUTS)                   = 0\n  ns: uts \(uts.from) → \(newUTS)\n"))
        #expect(Self.hostname() == before)
    }

    // 2. unshare -fp --mount-proc: pid_for_children and mnt transitions, ps is PID 1 inside.
    @Test func pidNamespaceAndMountProc() throws {
        let t = try trace(["unshare", "-fp", "--mount-proc", "sh", "-c", "readlink /proc/$$/ns/pid; exec ps -o pid,comm"])
        #expect(t.status == 0)
        let root = try #require(t.root)
        let inner = try #require(t.printedInodes["pid"])
        let rootKinds = Set(t.transitions.filter { $0.pid == root.pid }.map(\.kind))
        #expect(rootKinds == [.mnt, .pidForChildren])
        #expect(t.transitions.first { $0.kind == .pidForChildren }?.to == inner)
        #expect(t.transitions.first { $0.kind == .pidForChildren }?.cause == "unshare")
        let child = try #require(t.tasks.first { $0.ppid == root.pid })
        #expect(child.nspid == [child.pid, 1])
        #expect(child.ns?[.pid] == inner)
        #expect(t.stdout.contains("      1 ps\n"))
        #expect(t.syscalls.contains { $0.name == "mount" && $0.args.prefix(4) == ["\"proc\"", "\"/proc\"", "\"proc\"", "MS_NOSUID|MS_NODEV|MS_NOEXEC"] })
        #expect(t.stderr.contains("[pid \(child.pid) (1 in pid:[\(inner)])] execve(\"/usr/bin/ps\""))
        #expect(t.stderr.contains("[pid \(child.pid) (1 in pid:[\(inner)])] getpid() = 1 /* \(child.pid) in nstrace's PID NS */")
                || !t.syscalls.contains { $0.name == "getpid" && $0.pid == child.pid })
    }

    // PIDs as arguments are translated too, like strace --pidns-translation.
    @Test func pidArgumentsAreTranslated() throws {
        let t = try trace(["unshare", "-fp", "--mount-proc", "sh", "-c", "sleep 5 & kill $!; wait"], extra: ["-e", "trace=kill"])
        let sleeper = try #require(t.tasks.first { $0.nspid?.last == 2 })
        #expect(t.stderr.contains("kill(2 /* \(sleeper.pid) in nstrace's PID NS */, SIGTERM"), "\(t.stderr)")
        #expect(t.stderr.contains("[pid \(sleeper.pid) (2 in pid:["))
        // The SIGCHLD the inner init gets names the sleeper by its inner pid, translated.
        #expect(t.stderr.contains("si_pid=2 /* \(sleeper.pid) in nstrace's PID NS */,"), "\(t.stderr)")
    }

    // 3. ip netns exec red: setns resolved to red's inode, the net transition recorded.
    @Test func setnsIntoANamedNetworkNamespace() throws {
        let name = "nstrace-red-\(getpid())"
        _ = try Harness.run("/usr/sbin/ip", ["netns", "delete", name])
        let add = try Harness.run("/usr/sbin/ip", ["netns", "add", name])
        try #require(add.status == 0, "ip netns add failed: \(add.stderr)")
        defer { _ = try? Harness.run("/usr/sbin/ip", ["netns", "delete", name]) }
        var st = stat()
        try #require(stat("/run/netns/\(name)", &st) == 0)
        let red = UInt64(st.st_ino)

        let t = try trace(["ip", "netns", "exec", name, "ip", "link"])
        #expect(t.status == 0)
        #expect(t.stdout.contains("1: lo:"))
        let setns = try #require(t.syscalls.first { $0.name == "setns" })
        #expect(setns.args.count == 2 && setns.args[0].hasSuffix("<net:[\(red)]>") && setns.args[1] == "CLONE_NEWNET")
        let net = t.transitions.filter { $0.kind == .net }
        #expect(net.count == 1)
        #expect(net.first?.to == red && net.first?.from == Self.ownInode("net") && net.first?.cause == "setns")
    }

    // 4. nsenter -a into a test-made namespace set: a transition per differing type.
    @Test func nsenterAllTypes() throws {
        let target = Process()
        target.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        target.arguments = ["--fork", "--pid", "--mount", "--uts", "--ipc", "--net", "--cgroup", "--mount-proc", "sleep", "60"]
        target.standardOutput = FileHandle.nullDevice
        try target.runUnblocked()
        defer { kill(target.processIdentifier, SIGKILL); target.waitUntilExit() }
        // The sleep is unshare's child.
        var sleeper: pid_t = 0
        try #require(Harness.waitUntil(timeout: 10) {
            let kids = (try? String(contentsOfFile: "/proc/\(target.processIdentifier)/task/\(target.processIdentifier)/children", encoding: .utf8)) ?? ""
            sleeper = kids.split(separator: " ").compactMap { pid_t($0) }.first ?? 0
            return sleeper > 0 && (try? String(contentsOfFile: "/proc/\(sleeper)/comm", encoding: .utf8)) == "sleep\n"
        })
        defer { kill(sleeper, SIGKILL) }
        func inode(_ pid: pid_t, _ kind: String) -> UInt64? {
            var buf = [CChar](repeating: 0, count: 256)
            let n = readlink("/proc/\(pid)/ns/\(kind)", &buf, buf.count - 1)
            return n > 0 ? NamespaceSet.inode(fromLink: String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)) : nil
        }
        let t = try trace(["nsenter", "-t", String(sleeper), "-a", "true"])
        #expect(t.status == 0)
        let root = try #require(t.root)
        var differing: [NamespaceKind] = []
        for kind in NamespaceKind.allCases where kind != .pid && kind != .time {
            if inode(sleeper, kind.rawValue) != Self.ownInode(kind.rawValue) { differing.append(kind) }
        }
        #expect(Set(differing).isSuperset(of: [.mnt, .uts, .ipc, .net, .cgroup, .pidForChildren]))
        let mine = t.transitions.filter { $0.pid == root.pid }
        for kind in differing {
            let hits = mine.filter { $0.kind == kind }
            #expect(hits.count == 1, "\(kind): \(hits)")
            #expect(hits.first?.to == inode(sleeper, kind.rawValue), "\(kind)")
            #expect(hits.first?.cause == "setns")
        }
        #expect(Set(mine.map(\.kind)) == Set(differing))
        // nsenter forks into the pid namespace: its child is there from birth.
        let child = try #require(t.tasks.first { $0.ppid == root.pid })
        #expect(child.ns?[.pid] == inode(sleeper, "pid"))
        #expect(t.transitions.contains { $0.pid == child.pid && $0.kind == .pid && $0.to == inode(sleeper, "pid") })
        #expect(child.nspid?.count == 2)
    }

    // 5. unshare -Ur: the user transition and the id map writes.
    @Test func userNamespaceAndIDMaps() throws {
        let t = try trace(["unshare", "-Ur", "sh", "-c", "readlink /proc/$$/ns/user; id -u"])
        #expect(t.status == 0)
        #expect(t.stdout.hasSuffix("\n0\n"))
        let root = try #require(t.root)
        let user = t.transitions.filter { $0.kind == .user }
        #expect(user.count == 1)
        #expect(user.first?.pid == root.pid && user.first?.to == t.printedInodes["user"] && user.first?.cause == "unshare")
        let files = t.idmaps.map(\.file)
        #expect(files.contains("uid_map") && files.contains("gid_map") && files.contains("setgroups"))
        #expect(t.idmaps.first { $0.file == "setgroups" }?.data.hasPrefix("deny") == true)
        #expect(t.idmaps.first { $0.file == "uid_map" }?.data.hasPrefix("0 0 1") == true)
        #expect(t.idmaps.allSatisfy { $0.target == root.pid })
        #expect(t.stderr.contains("  ns: uid_map of pid \(root.pid) := 0 0 1"))
    }

    // 6. time, cgroup and ipc namespaces (with 1-5: all eight types).
    @Test func timeCgroupAndIPC() throws {
        let t = try trace(["unshare", "--time", "--cgroup", "--ipc", "--fork", "sh", "-c",
                           "readlink /proc/$$/ns/time /proc/$$/ns/cgroup /proc/$$/ns/ipc"])
        #expect(t.status == 0)
        let root = try #require(t.root)
        let printed = t.printedInodes
        let rootKinds = Set(t.transitions.filter { $0.pid == root.pid }.map(\.kind))
        #expect(rootKinds.isSuperset(of: [.cgroup, .ipc, .timeForChildren]))
        #expect(t.transitions.first { $0.pid == root.pid && $0.kind == .cgroup }?.to == printed["cgroup"])
        #expect(t.transitions.first { $0.pid == root.pid && $0.kind == .ipc }?.to == printed["ipc"])
        #expect(t.transitions.first { $0.pid == root.pid && $0.kind == .timeForChildren }?.to == printed["time"])
        let child = try #require(t.tasks.first { $0.ppid == root.pid })
        #expect(child.ns?[.time] == printed["time"])
        #expect(t.transitions.contains { $0.pid == child.pid && $0.kind == .time && $0.to == printed["time"] })
    }

    /// A new task that shares all its parent's namespaces takes them from its parent, not
    /// from /proc (the process-heavy fast path of issue 8). NSTRACE_VERIFY_NS=1 makes the
    /// tracer read each such task's links anyway and name any that differ: after forks,
    /// threads, vfork, unshare of every type (time and pid included: their children are the
    /// cases that must be read) and setns hops, in the full trace and the seccomp one.
    @Test(arguments: [["-f"], ["-e", "trace=%namespace"]])
    func inheritedNamespacesAreWhatProcShows(_ mode: [String]) throws {
        let script = """
            set -e
            true; (true); true & wait
            unshare -u -i sh -c 'hostname x; true & wait; (true)'
            unshare -p -f --mount-proc sh -c 'true & wait; sh -c true'
            unshare -T sh -c 'true & wait'
            unshare -T -f sh -c 'true & wait'
            unshare -U -r -n sh -c 'true & wait'
            unshare -C -m sh -c 'true & wait'
            \(Subprocess.shellQuote(Harness.sample("threads"))) 3 2 >/dev/null || [ $? = 7 ]
            \(Subprocess.shellQuote(Harness.sample("vfork-exec"))) /bin/true || [ $? = 42 ]
            \(Subprocess.shellQuote(Harness.sample("nshop"))) >/dev/null
            """
        let r = try Harness.run("/usr/bin/env", ["NSTRACE_VERIFY_NS=1", Harness.nstrace, "trace", "-o", "/dev/null"]
                                + mode + ["--", "sh", "-c", script])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("NSTRACE_VERIFY_NS: task"), "\(r.stderr)")
        let checked = r.stderr.split(separator: "\n").first { $0.hasSuffix(" inherited namespace sets checked") }
            .flatMap { Int($0.split(separator: " ")[2]) }
        // One per task created without a new namespace: at least the shell's own forks.
        #expect((checked ?? 0) >= 15, "\(r.stderr)")
        // One per unshare or setns whose flags name the types: read only those links,
        // then all ten to compare (unshare -u -i, -p, -T twice, -U -r -n, -C -m, nshop's setns).
        let partly = r.stderr.split(separator: "\n").first { $0.hasSuffix(" partly read namespace sets checked") }
            .flatMap { Int($0.split(separator: " ")[2]) }
        #expect((partly ?? 0) >= 6, "\(r.stderr)")
    }

    @Test func noNsTurnsAnnotationsOffButKeepsTheRecord() throws {
        let t = try trace(["unshare", "-u", "true"], extra: ["--no-ns"])
        #expect(!t.stderr.contains("  ns: "))
        #expect(t.transitions.count == 1)
        let f = try Harness.nstrace(["trace", "-e", "trace=%namespace", "--", "unshare", "-u", "true"])
        let names = f.stderr.split(separator: "\n").filter { !$0.hasPrefix("+++") && !$0.hasPrefix("  ns:") }
            .map { $0.prefix { $0 != "(" } }
        #expect(Set(names) == ["execve", "unshare"], "\(f.stderr)")
    }
}
