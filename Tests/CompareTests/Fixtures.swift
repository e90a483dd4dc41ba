import Foundation
@testable import NSCompare
import NSCore

/// Small hand-made records: `ps -e` outside, and inside a new pid and mount namespace
/// (set up by a parent that unshares and forks, as nstrace compare --unshare pid,mnt does).
enum Fixtures {
    static let host: [NamespaceKind: UInt64] = [
        .cgroup: 4026531835, .ipc: 4026531839, .mnt: 4026531832, .net: 4026531833, .pid: 4026531836,
        .pidForChildren: 4026531836, .time: 4026531834, .timeForChildren: 4026531834, .user: 4026531837, .uts: 4026531838,
    ]

    /// Builds record text line by line.
    struct Record {
        var lines: [RecordLine] = []
        var t = 0.0

        /// A version 2 record: arguments as strace's text only (compare still reads those;
        /// the live comparisons of IntegrationTests read version 3's typed params).
        init(command: [String]) {
            var header = RecordHeader(command: command, attached: [], start: "2026-01-01T00:00:00.000000Z",
                                      startEpoch: 1_767_225_600, kernel: "6.18.0", machine: "x86_64",
                                      hostname: "vm", tool: "nstrace 0.1.0")
            header.version = 2
            lines.append(.header(header))
        }

        mutating func tick() -> Double { t += 0.001; return t }

        mutating func task(_ pid: Int32, ppid: Int32? = nil, via: TaskOrigin = .spawned,
                           ns: [NamespaceKind: UInt64] = Fixtures.host, nspid: [Int32]? = nil) {
            lines.append(.event(.task(TaskEvent(pid: pid, tgid: pid, ppid: ppid, via: via, t: tick(),
                                                ns: NamespaceSet(ns), nspid: nspid ?? [pid]))))
        }

        mutating func exec(_ pid: Int32, _ file: String) {
            lines.append(.event(.exec(ExecEvent(pid: pid, formerPid: pid, t: tick(), filename: file))))
        }

        mutating func call(_ pid: Int32, _ name: String, _ args: [String], _ ret: Int64?, errno: String? = nil, text: String? = nil) {
            let retText = text ?? (errno.map { "-1 \($0) (...)" } ?? ret.map(String.init) ?? "?")
            lines.append(.event(.syscall(SyscallEvent(pid: pid, t: tick(), name: name, nr: 0, abi: .x86_64, args: args,
                                                      ret: errno == nil ? ret : -1, errno: errno, retText: retText,
                                                      duration: ret == nil ? nil : 0.000010))))
        }

        mutating func ns(_ pid: Int32, _ kind: NamespaceKind, _ from: UInt64, _ to: UInt64, cause: String, call: String) {
            lines.append(.event(.namespace(NamespaceEvent(pid: pid, t: tick(), kind: kind, from: from, to: to,
                                                          cause: cause, call: call))))
        }

        mutating func exit(_ pid: Int32, _ code: Int32) {
            lines.append(.event(.exit(ExitEvent(pid: pid, t: tick(), code: code))))
        }

        mutating func end(_ status: Int32) {
            lines.append(.end(RecordEnd(t: tick(), status: status, reason: "exited")))
        }

        var data: Data { Data(lines.map { RecordWriter.encodeLine($0) + "\n" }.joined().utf8) }
    }

    /// ps's calls once it runs: libraries, /proc listed and each process's stat read.
    static func ps(_ r: inout Record, _ pid: Int32, self inner: Int32, procEntries: Int, pids: [Int32], missing: Bool) {
        r.call(pid, "execve", ["\"/usr/bin/ps\"", "[\"ps\", \"-e\"]", "0x7ffd /* 20 vars */"], 0)
        r.call(pid, "openat", ["AT_FDCWD", "\"/etc/ld.so.cache\"", "O_RDONLY|O_CLOEXEC"], 3, text: "3</etc/ld.so.cache>")
        r.call(pid, "close", ["3</etc/ld.so.cache>"], 0)
        r.call(pid, "openat", ["AT_FDCWD", "\"/lib/x86_64-linux-gnu/libprocps.so.8\"", "O_RDONLY|O_CLOEXEC"], 3,
               text: "3</usr/lib/x86_64-linux-gnu/libprocps.so.8.0.3>")
        r.call(pid, "close", ["3"], 0)
        r.call(pid, "openat", ["AT_FDCWD", "\"/etc/ps.conf\"", "O_RDONLY"], missing ? -1 : 3, errno: missing ? "ENOENT" : nil)
        if !missing { r.call(pid, "close", ["3"], 0) }
        r.call(pid, "getpid", [], Int64(inner))
        r.call(pid, "uname", ["{sysname=\"Linux\", nodename=\"vm\", ...}"], 0)
        r.call(pid, "openat", ["AT_FDCWD", "\"/proc\"", "O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY"], 5, text: "5</proc>")
        r.call(pid, "getdents64", ["5</proc>", "0x55d0 /* \(procEntries) entries */", "32768"], Int64(procEntries * 24))
        r.call(pid, "getdents64", ["5</proc>", "0x55d0 /* 0 entries */", "32768"], 0)
        for p in pids {
            r.call(pid, "openat", ["AT_FDCWD", "\"/proc/\(p)/stat\"", "O_RDONLY"], 6, text: "6</proc/\(p)/stat>")
            r.call(pid, "read", ["6</proc/\(p)/stat>", "\"...\"", "1024"], 100)
            r.call(pid, "close", ["6</proc/\(p)/stat>"], 0)
        }
        r.call(pid, "close", ["5</proc>"], 0)
        r.call(pid, "write", ["1</dev/pts/0>", "\"  PID TTY          TIME CMD\\n\"...", "28"], 28)
        r.call(pid, "exit_group", ["0"], nil)
    }

    static var outside: Record {
        var r = Record(command: ["ps", "-e"])
        r.task(100)
        r.exec(100, "/usr/bin/ps")
        ps(&r, 100, self: 100, procEntries: 64, pids: [1, 57, 100], missing: false)
        r.exit(100, 0)
        r.end(0)
        return r
    }

    static var inside: Record {
        var r = Record(command: ["ps", "-e"])
        r.task(200)
        r.call(200, "unshare", ["CLONE_NEWNS|CLONE_NEWPID"], 0)
        r.ns(200, .mnt, 4026531832, 4026532300, cause: "unshare", call: "unshare(CLONE_NEWNS|CLONE_NEWPID)")
        var child = Fixtures.host
        child[.mnt] = 4026532300
        child[.pid] = 4026532301
        child[.pidForChildren] = 4026532301
        r.task(201, ppid: 200, via: .fork, ns: child, nspid: [201, 1])
        r.ns(200, .pidForChildren, 4026531836, 4026532301, cause: "unshare", call: "unshare(CLONE_NEWNS|CLONE_NEWPID)")
        r.ns(201, .pid, 4026531836, 4026532301, cause: "fork", call: "fork()")
        r.call(200, "fork", [], 201)
        r.call(201, "mount", ["NULL", "\"/\"", "NULL", "MS_REC|MS_PRIVATE", "NULL"], 0)
        r.call(201, "mount", ["\"proc\"", "\"/proc\"", "\"proc\"", "MS_NOSUID|MS_NODEV|MS_NOEXEC", "NULL"], 0)
        r.call(201, "execve", ["\"/usr/local/bin/ps\"", "[\"ps\", \"-e\"]", "0x7ffd /* 20 vars */"], -1, errno: "ENOENT")
        r.exec(201, "/usr/bin/ps")
        ps(&r, 201, self: 1, procEntries: 62, pids: [1], missing: true)
        r.exit(201, 0)
        r.call(200, "wait4", ["201", "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]", "0", "NULL"], 201)
        r.call(200, "exit_group", ["0"], nil)
        r.exit(200, 0)
        r.end(0)
        return r
    }

    static var outsideFacts: SideFacts {
        var f = SideFacts(side: "outside", place: "the caller's namespaces")
        var id = SideFacts.Identity()
        id.pid = 100; id.ppid = 99; id.hostname = "vm"; id.uid = 0; id.gid = 0
        id.root = "/"; id.cwd = "/work"; id.rootMount = "ext4 /dev/vda"
        f.identity = id
        f.stdout = .init(text: "  PID TTY          TIME CMD\n    1 ?        00:00:02 init\n   57 ?        00:00:00 sshd\n  100 ?        00:00:00 ps\n", bytes: 112, truncated: false)
        f.stderr = .init(text: "", bytes: 0, truncated: false)
        return f
    }

    static var insideFacts: SideFacts {
        var f = SideFacts(side: "inside", place: "--unshare pid,mnt (new pid, mnt namespaces on the host's root)")
        f.notes = ["a new /proc is mounted inside, in the new mount namespace"]
        var id = SideFacts.Identity()
        id.pid = 1; id.ppid = 0; id.hostname = "vm"; id.uid = 0; id.gid = 0
        id.root = "/"; id.cwd = "/work"; id.rootMount = "ext4 /dev/vda"
        f.identity = id
        f.stdout = .init(text: "  PID TTY          TIME CMD\n    1 ?        00:00:00 ps\n", bytes: 56, truncated: false)
        f.stderr = .init(text: "", bytes: 0, truncated: false)
        return f
    }

    static func report(withFacts: Bool = true) throws -> (CompareReport, NamespaceGraph, NamespaceGraph) {
        let a = try CompareInput.side(record: outside.data, sideFile: withFacts ? CompareInput.encode(outsideFacts) : nil)
        let b = try CompareInput.side(record: inside.data, sideFile: withFacts ? CompareInput.encode(insideFacts) : nil)
        return (CompareReport.build(outside: (a.trace, a.facts), inside: (b.trace, b.facts)), a.graph, b.graph)
    }
}
