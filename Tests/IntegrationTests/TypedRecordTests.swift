import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// Record version 3: the arguments of real calls as typed values (docs/record-format.md,
/// "Typed values"), read by graph and held to the published schema. Root: the workload
/// unshares its uts namespace.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.samples, Harness.samplesBuilt))
struct TypedRecordTests {
    static func record(_ args: [String], options: [String] = []) throws -> (lines: [RecordLine], path: URL, dir: URL) {
        let dir = Harness.tempDir()
        let rec = dir.appendingPathComponent("r.jsonl")
        let r = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec.path] + options + ["--"] + args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return (try Harness.readRecord(rec), rec, dir)
    }

    static func calls(_ lines: [RecordLine], _ name: String) -> [SyscallEvent] {
        lines.compactMap { if case .event(.syscall(let s)) = $0, s.name == name { return s } else { return nil } }
    }

    static func checkStrict(_ path: URL) throws -> Harness.Result {
        try Harness.run("/usr/bin/env", ["python3", Harness.packageRoot.appendingPathComponent("docs/check-record.py").path,
                                         "--strict", path.path])
    }

    /// Must show 1: the calls of `sh -c 'cat /etc/hostname; unshare -u hostname x'`, typed.
    @Test func realCallsAreTyped() throws {
        // Through a pipe: the harness's stdout is a file, and GNU cat copies a file to a file
        // with copy_file_range, not write.
        let (lines, path, dir) = try Self.record(["sh", "-c", "cat /etc/hostname | cat; unshare -u hostname x"])
        defer { try? FileManager.default.removeItem(at: dir) }
        guard case .header(let h) = lines.first else { Issue.record("no header"); return }
        #expect(h.version >= 3 && h.version == RecordFormat.version)

        let open = try #require(Self.calls(lines, "openat").first { $0.param("pathname")?.stringValue == "/etc/hostname" },
                                "no openat of /etc/hostname with a typed pathname")
        #expect(open.param("flags")?.names.contains("O_RDONLY") == true, "\(String(describing: open.params))")
        #expect(open.param("dirfd")?.integer == -100)
        #expect(open.retValue?.integer == open.ret, "an fd result is typed")

        let write = try #require(Self.calls(lines, "write").first)
        guard case .int? = write.param("fd"), let count = write.param("count")?.integer else {
            Issue.record("write's fd and count are not integers: \(String(describing: write.params))")
            return
        }
        #expect(count > 0 && write.param("buf")?.stringValue != nil)

        let execs = Self.calls(lines, "execve").filter { $0.ret == 0 }
        let argvs = execs.compactMap { $0.param("argv")?.items?.compactMap(\.stringValue) }
        #expect(argvs.contains(["cat", "/etc/hostname"]), "\(argvs)")
        #expect(argvs.contains(["unshare", "-u", "hostname", "x"]), "\(argvs)")
        #expect(argvs.contains(["hostname", "x"]), "\(argvs)")

        let unshare = try #require(Self.calls(lines, "unshare").first)
        #expect(unshare.param("flags")?.names.contains("CLONE_NEWUTS") == true, "\(String(describing: unshare.params))")
        let sethostname = try #require(Self.calls(lines, "sethostname").first)
        #expect(sethostname.param("name")?.stringValue == "x")
        #expect(sethostname.param("len")?.integer == 1)

        let check = try Self.checkStrict(path)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// execveat's argv is its third argument: it reaches the record and the graph.
    @Test func execveatArgvReachesRecordAndGraph() throws {
        let (lines, path, dir) = try Self.record([Harness.sample("execveat")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let call = try #require(Self.calls(lines, "execveat").first)
        #expect(call.ret == 0)
        #expect(call.param("argv")?.items?.compactMap(\.stringValue) == ["true", "via-execveat", "x y"])
        #expect(call.param("pathname")?.stringValue == "/bin/true")

        let graph = try Harness.nstrace(["graph", path.path, "--format", "json"])
        #expect(graph.status == 0, "\(graph.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(graph.stdout.utf8)) as? [String: Any]
        let procs = json?["processes"] as? [[String: Any]] ?? []
        #expect(procs.contains { $0["argv"] as? [String] == ["true", "via-execveat", "x y"] }, "\(procs)")
    }

    /// Must show 2: records of the sample tracees and of real workloads, with and without
    /// -y, hold every value to exactly one of the schema's forms.
    @Test func samplesAndWorkloadsPassTheStrictChecker() throws {
        let runs: [[String]] = [
            [Harness.sample("hello-world")], [Harness.sample("thread-exec")], [Harness.sample("int80")],
            [Harness.sample("escape")], [Harness.sample("ctlname")], [Harness.sample("execveat")],
            [Harness.sample("bigargv")], [Harness.sample("nshop")], [Harness.sample("callchain")],
            ["sh", "-c", "echo hi | cat; cat /no/such/file 2>/dev/null; ls -l / >/dev/null"],
            ["unshare", "-Urfpu", "--mount-proc", "sh", "-c", "hostname x; sleep 5 & kill $!; wait; ps -o pid,comm >/dev/null"],
            ["sh", "-c", "exec 3</etc/hostname; cat <&3 >/dev/null; stat / >/dev/null; id >/dev/null"],
        ]
        for args in runs {
            for options in [[], ["-y"]] {
                let dir = Harness.tempDir()
                defer { try? FileManager.default.removeItem(at: dir) }
                let rec = dir.appendingPathComponent("r.jsonl")
                let r = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec.path] + options + ["--"] + args)
                #expect(FileManager.default.fileExists(atPath: rec.path), "\(args): \(r.stderr)")
                let check = try Self.checkStrict(rec)
                #expect(check.status == 0, "\(options) \(args): \(check.stdout)\(check.stderr)")
                if options == ["-y"] {
                    // An fd shown as `3</etc/hostname>` is the integer 3 in params, its file in fds.
                    var seen = 0
                    for case .event(.syscall(let c)) in try Harness.readRecord(rec) {
                        guard let first = c.args.first, let lt = first.firstIndex(of: "<"), first.hasSuffix(">"),
                              let fd = Int(first[..<lt]), !first.contains("\\") else { continue }
                        let path = String(first[first.index(after: lt)..<first.index(before: first.endIndex)])
                        #expect(c.fds?[String(fd)] == path, "\(c.name) \(c.args) \(String(describing: c.fds))")
                        seen += 1
                    }
                    #expect(seen > 0, "\(args): no fd with a path")
                }
            }
        }
    }

    /// The checker holds each value to exactly one form: a malformed one fails it.
    @Test func checkerRejectsMalformedValues() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = #"{"type":"header","format":"nstrace-record","version":3,"command":["x"],"attached":[],"start":"2026-01-01T00:00:00.000000Z","startEpoch":1.0,"kernel":"6","machine":"x86_64","hostname":"h","tool":"nstrace 0.1.0"}"#
        let end = #"{"type":"end","t":1.000000,"status":0,"reason":"exited"}"#
        func line(_ params: String, retValue: String = "null") -> String {
            #"{"type":"syscall","pid":5,"t":0.100000,"name":"openat","nr":257,"abi":"x86_64","args":["AT_FDCWD"],"ret":3,"errno":null,"retText":"3","duration":0.000010,"params":"#
                + params + #","retValue":"# + retValue + #","fds":{}}"#
        }
        let good = [#"{"dirfd":-100,"pathname":"/x","flags":{"value":0,"names":["O_RDONLY"]}}"#,
                    #"{"buf":{"string":"ab","truncated":true},"b":{"hex":"ff"},"p":{"ptr":16},"s":{"value":9,"name":"SIGKILL"}}"#,
                    #"{"st":{"st_mode":420,"st_size":3},"a":["x",{"in":1,"out":2}],"c":{"items":[1],"truncated":true},"e":{"expr":"x"}}"#]
        let bad = [#"{"flags":{"value":0,"names":[1]}}"#, #"{"s":{"value":"SIGKILL"}}"#, #"{"p":{"ptr":"0x10"}}"#,
                   #"{"buf":{"string":"ab"}}"#, #"{"b":{"hex":"xyz"}}"#, #"{"f":{"value":1,"names":[],"extra":2}}"#,
                   #"{"x":1.5}"#, #"{"st":{"inner":{"ptr":0}}}"#]
        for (i, params) in (good + bad).enumerated() {
            let rec = dir.appendingPathComponent("r\(i).jsonl")
            try (header + "\n" + line(params) + "\n" + end + "\n").write(to: rec, atomically: true, encoding: .utf8)
            let check = try Self.checkStrict(rec)
            #expect(check.status == (i < good.count ? 0 : 1), "\(params): \(check.stdout)\(check.stderr)")
        }
        // A version 3 syscall line without its typed keys, and a version 2 line with them.
        let rec = dir.appendingPathComponent("missing.jsonl")
        let v2line = line("{}").replacingOccurrences(of: #","params":{},"retValue":null,"fds":{}"#, with: "")
        try (header + "\n" + v2line + "\n" + end + "\n").write(to: rec, atomically: true, encoding: .utf8)
        #expect(try Self.checkStrict(rec).status == 1)
        let v2 = header.replacingOccurrences(of: #""version":3"#, with: #""version":2"#)
        try (v2 + "\n" + line("{}") + "\n" + end + "\n").write(to: rec, atomically: true, encoding: .utf8)
        #expect(try Self.checkStrict(rec).status == 1)
        try (v2 + "\n" + v2line + "\n" + end + "\n").write(to: rec, atomically: true, encoding: .utf8)
        #expect(try Self.checkStrict(rec).status == 0)

        // Version 4's exit of a task whose exit event was lost: only with "lost": true, only
        // with nothing else known, only in version 4.
        let v4 = header.replacingOccurrences(of: #""version":3"#, with: #""version":4,"backend":"bpf""#)
        func exit(_ tail: String) -> String {
            #"{"type":"exit","pid":5,"t":0.500000,"code":null,"signal":null,"coreDumped":false,"supersededBy":null,"detached":false"# + tail + "}"
        }
        for (head, exitLine, status) in [(v4, exit(#","lost":true"#), 0), (v4, exit(#","lost":false"#), 1),
                                         (v4, exit(""), 1), (header, exit(#","lost":true"#), 1),
                                         (v4, exit(#","lost":true"#).replacingOccurrences(of: #""code":null"#, with: #""code":0"#), 1)] {
            try (head + "\n" + exitLine + "\n" + end + "\n").write(to: rec, atomically: true, encoding: .utf8)
            let check = try Self.checkStrict(rec)
            #expect(check.status == Int32(status), "\(exitLine): \(check.stdout)\(check.stderr)")
        }
    }
}
