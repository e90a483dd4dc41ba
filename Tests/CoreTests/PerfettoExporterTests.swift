import Foundation
import Testing
import TestSupport
@testable import NSCore

/// `graph --format perfetto` on a fixed record (golden file): a shell (10) that clones a
/// child (11), which unshares its uts namespace, writes a uid_map, starts a thread (12)
/// that execs (and so takes over pid 11), and is killed; a failed call, a call that never
/// returns, a signal.
@Suite struct PerfettoExporterTests {
    static let lines: [RecordLine] = {
        let header = RecordHeader(command: ["sh", "-c", "child"], attached: [], start: "2026-11-29T00:00:00.000000Z",
                                  startEpoch: 1_795_910_400, kernel: "6.18.44", machine: "x86_64",
                                  hostname: "host", tool: "nstrace 0.1.0 (git 902a10e)")
        func call(_ pid: Int32, _ t: Double, _ name: String, _ args: [String], ret: Int64?, errno: String? = nil,
                  text: String, duration: Double?) -> RecordLine {
            .event(.syscall(SyscallEvent(pid: pid, t: t, name: name, nr: 0, abi: .x86_64, args: args, ret: ret,
                                         errno: errno, retText: text, duration: duration)))
        }
        let host = NamespaceSet([.uts: 4026531838, .pid: 4026531836, .user: 4026531837])
        return [
            .header(header),
            .event(.task(TaskEvent(pid: 10, tgid: 10, ppid: nil, via: .spawned, t: 0.000100, ns: host, nspid: [10]))),
            .event(.exec(ExecEvent(pid: 10, formerPid: 10, t: 0.001000, filename: "/usr/bin/dash"))),
            call(10, 0.000200, "execve", ["\"/bin/sh\"", "[\"sh\", \"-c\", \"child\"]", "0x7ffd /* 3 vars */"], ret: 0,
                 text: "0", duration: 0.000850),
            call(10, 0.002000, "openat", ["AT_FDCWD", "\"/no/such\"", "O_RDONLY"], ret: -1, errno: "ENOENT",
                 text: "-1 ENOENT (No such file or directory)", duration: 0.000012),
            .event(.task(TaskEvent(pid: 11, tgid: 11, ppid: 10, via: .clone, t: 0.003500, ns: host, nspid: [11]))),
            call(10, 0.003000, "clone", ["child_stack=NULL", "flags=SIGCHLD"], ret: 11, text: "11", duration: 0.000600),
            call(11, 0.004000, "unshare", ["CLONE_NEWUTS"], ret: 0, text: "0", duration: 0.000300),
            .event(.namespace(NamespaceEvent(pid: 11, t: 0.004300, kind: .uts, from: 4026531838, to: 4026532201,
                                             cause: "unshare", call: "unshare(CLONE_NEWUTS)"))),
            call(11, 0.005000, "write", ["3", "\"0 1000 1\\n\"", "9"], ret: 9, text: "9", duration: 0.000020),
            .event(.idmap(IDMapEvent(pid: 11, t: 0.005020, target: 11, file: "uid_map", data: "0 1000 1\n"))),
            .event(.task(TaskEvent(pid: 12, tgid: 11, ppid: 11, via: .clone3, t: 0.006000, ns: host, nspid: [12]))),
            call(10, 0.004500, "wait4", ["-1", "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]", "0", "NULL"], ret: 11,
                 text: "11", duration: 0.009000),
            .event(.exit(ExitEvent(pid: 11, t: 0.007000, supersededBy: 12))),
            .event(.exec(ExecEvent(pid: 11, formerPid: 12, t: 0.007000, filename: "/usr/bin/true"))),
            call(12, 0.006500, "execve", ["\"/bin/true\"", "[\"true\"]", "0x7ffd /* 3 vars */"], ret: 0, text: "0",
                 duration: 0.000600),
            call(11, 0.008000, "pause", [], ret: nil, text: "?", duration: nil),
            .event(.exit(ExitEvent(pid: 11, t: 0.013000, signal: "SIGKILL"))),
            .event(.signal(SignalEvent(pid: 10, t: 0.013600, signal: "SIGCHLD",
                                       info: "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=11}"))),
            call(10, 0.014000, "exit_group", ["0"], ret: nil, text: "?", duration: nil),
            .event(.exit(ExitEvent(pid: 10, t: 0.014200, code: 0))),
            .end(RecordEnd(t: 0.014300, status: 0, reason: "exited")),
        ]
    }()

    static func parse(_ json: String) throws -> [[String: Any]] {
        let top = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(top["displayTimeUnit"] as? String == "ns")
        return try #require(top["traceEvents"] as? [[String: Any]])
    }

    @Test func golden() {
        Golden.check(PerfettoExporter.export(Self.lines), "perfetto.json")
    }

    @Test func oneTrackPerTaskNamedByWhatItRan() throws {
        let events = try Self.parse(PerfettoExporter.export(Self.lines))
        let threads = events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
        #expect(threads.map { $0["tid"] as? Int } == [10, 11, 12])
        // A thread belongs to its process: 12 is a thread of 11.
        #expect(threads.map { $0["pid"] as? Int } == [10, 11, 11])
        let procs = events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "process_name" }
        #expect(procs.map { ($0["args"] as? [String: Any])?["name"] as? String } == ["dash", "dash → true"])
        // Every slice and instant is on a named track.
        let named = Set(threads.compactMap { $0["tid"] as? Int })
        for e in events where e["ph"] as? String != "M" {
            #expect(named.contains(e["tid"] as? Int ?? -1), "\(e)")
        }
    }

    @Test func syscallsAreSlicesInMicroseconds() throws {
        let events = try Self.parse(PerfettoExporter.export(Self.lines))
        let slices = events.filter { $0["ph"] as? String == "X" }
        #expect(slices.count == 9)
        let open = try #require(slices.first { $0["name"] as? String == "openat" })
        #expect(open["ts"] as? Int == 2000 && open["dur"] as? Int == 12)
        #expect((open["args"] as? [String: Any])?["errno"] as? String == "ENOENT")
        // A call that never returned lasts until its task's exit.
        let pause = try #require(slices.first { $0["name"] as? String == "pause" })
        #expect(pause["ts"] as? Int == 8000 && pause["dur"] as? Int == 5000)
        #expect((pause["args"] as? [String: Any])?["returned"] as? Bool == false)
    }

    @Test func transitionsSignalsAndExitsAreInstants() throws {
        let events = try Self.parse(PerfettoExporter.export(Self.lines))
        let instants = events.filter { $0["ph"] as? String == "i" }
        #expect(instants.allSatisfy { $0["s"] as? String == "t" })
        let names = instants.map { $0["name"] as? String ?? "" }
        #expect(names.contains("ns: uts 4026531838 → 4026532201"))
        #expect(names.contains("ns: uid_map of pid 11 := 0 1000 1"))
        #expect(names.contains("SIGCHLD"))
        #expect(names.contains("killed by SIGKILL"))
        #expect(names.contains("superseded by execve in pid 12"))
        #expect(names.contains("exited with 0"))
    }

    @Test func pidAndTypeFilters() throws {
        let only10 = try Self.parse(PerfettoExporter.export(Self.lines, options: .init(pids: [10])))
        #expect(Set(only10.compactMap { $0["tid"] as? Int }) == [10])
        let noUts = try Self.parse(PerfettoExporter.export(Self.lines, options: .init(types: [.net])))
        #expect(!noUts.contains { ($0["cat"] as? String) == "ns" })
    }

    @Test func aRecordCutShortStillExports() throws {
        // Cut after pause: the unfinished call lasts until the last time the record has,
        // the end of wait4 at 0.0135 (pid 11's exit before pause was the superseded leader's).
        let cut = Array(Self.lines[0...16])
        let events = try Self.parse(PerfettoExporter.export(cut))
        let pause = try #require(events.first { $0["name"] as? String == "pause" })
        #expect(pause["dur"] as? Int == 5500)
    }
}

extension PerfettoExporterTests {
    /// A version 3 call's typed params, retValue and fds reach the slice's args as the record has them.
    @Test func typedParamsReachTheSlice() throws {
        var lines = Self.lines
        let typed = SyscallEvent(pid: 10, t: 0.0021, name: "openat", nr: 257, abi: .x86_64,
                                 args: ["AT_FDCWD", "\"/etc/hostname\"", "O_RDONLY"], ret: 3, errno: nil, retText: "3</etc/hostname>",
                                 duration: 0.00001,
                                 params: SyscallParams([ParamField("dirfd", .fdcwd(path: nil)),
                                                        ParamField("pathname", .string("/etc/hostname")),
                                                        ParamField("flags", .flags(0, names: ["O_RDONLY"], unknown: 0, text: "O_RDONLY"))]),
                                 retValue: .fd(3, path: "/etc/hostname"))
        var withFDs = typed
        withFDs.fds = ["3": "/etc/hostname"]
        lines.insert(.event(.syscall(withFDs)), at: 5)
        let events = try Self.parse(PerfettoExporter.export(lines))
        let slice = try #require(events.first { $0["name"] as? String == "openat" && $0["ts"] as? Int == 2100 })
        let args = try #require(slice["args"] as? [String: Any])
        let params = try #require(args["params"] as? [String: Any])
        #expect(params["dirfd"] as? Int == -100 && params["pathname"] as? String == "/etc/hostname")
        #expect((params["flags"] as? [String: Any])?["names"] as? [String] == ["O_RDONLY"])
        #expect(args["retValue"] as? Int == 3)
        #expect((args["fds"] as? [String: Any])?["3"] as? String == "/etc/hostname")
    }
}
