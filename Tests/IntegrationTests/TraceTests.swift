import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// `nstrace trace` end to end: the built binary as a subprocess, as root (CI is root).
/// Serialized: these tests share one kernel, and the -p/kill tests watch /proc.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.samples, Harness.samplesBuilt))
struct TraceTests {

    // Must show 1: hello-world makes exactly execve, write, exit.
    @Test func helloWorldIsWriteAndExit() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = dir.appendingPathComponent("hello.jsonl")
        let hello = Harness.sample("hello-world")
        let r = try Harness.nstrace(["trace", "--record", record.path, "--", hello])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("\nHello from nstrace!\n"))
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5, "\(r.stderr)")
        guard lines.count == 5 else { return }
        // argv strings are cut at -s (32) like strace's.
        #expect(lines[0].hasPrefix("execve(\"\(hello)\", [\"\(hello.prefix(32))\""))
        #expect(lines[0].hasSuffix(" vars */) = 0"))
        #expect(lines[1] == #"write(1, "\nHello from nstrace!\nThis progra"..., 186) = 186"#)
        #expect(lines[2] == "exit(0)                                 = ?")
        #expect(lines[3] == "+++ exited with 0 +++")
        #expect(lines[4] == "")

        let rec = try Harness.readRecord(record)
        let syscalls = rec.compactMap { l -> SyscallEvent? in
            if case .event(.syscall(let s)) = l { return s } else { return nil }
        }
        #expect(syscalls.map(\.name) == ["execve", "write", "exit"])
        #expect(syscalls[1].ret == 186 && syscalls[1].args[0] == "1")
        #expect(syscalls[2].ret == nil)
        guard case .header(let h) = rec.first else { Issue.record("no header"); return }
        #expect(h.version == RecordFormat.version && h.command == [hello])
        guard case .end(let end) = rec.last else { Issue.record("no end line"); return }
        #expect(end.status == 0)
        // Records can hold secrets (argv, env): 0600.
        let mode = try FileManager.default.attributesOfItem(atPath: record.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    // Must show 2: per-task syscall sequences equal strace -f's.
    @Test(.requires(Harness.strace, Harness.hasStrace), arguments: [
        ["ls", "-l", "/"],
        ["sh", "-c", "echo hi | cat"],
        ["THREAD-EXEC"],
    ])
    func sequencesMatchStrace(_ command: [String]) throws {
        let cmd = command == ["THREAD-EXEC"]
            ? [Harness.sample("thread-exec"), Harness.sample("hello-world")] : command
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let straceOut = dir.appendingPathComponent("strace.txt")
        let record = dir.appendingPathComponent("record.jsonl")
        // Scheduling can still reorder a signal against a syscall (a SIGCHLD that makes
        // wait4 restart): a difference must show up in three runs in a row to count.
        var expected = TaskSequences(byTask: [:]), actual = TaskSequences(byTask: [:])
        for _ in 0..<3 {
            let s = try Harness.run("/usr/bin/strace", ["-f", "-qq", "-o", straceOut.path, "--"] + cmd)
            let n = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", record.path, "--"] + cmd)
            #expect(s.status == n.status)
            // ls -l / lists /tmp, whose time changes while tests run: compare the rest.
            if command[0] != "ls" { #expect(s.stdout == n.stdout) }
            expected = TaskSequences.fromStrace(try String(contentsOf: straceOut, encoding: .utf8))
            actual = TaskSequences.fromRecord(try Harness.readRecord(record))
            if actual == expected { break }
        }
        #expect(actual == expected, "strace:\n\(expected)\nnstrace:\n\(actual)")
        #expect(expected.byTask.count >= (command.count == 1 ? 2 : 1))
    }

    // 32-bit `int 0x80` calls are named from the i386 table, not misnamed as x86_64 ones.
    @Test func int80SyscallsAreLabelled() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("r.jsonl")
        let r = try Harness.nstrace(["trace", "--record", rec.path, "--", Harness.sample("int80")])
        #expect(r.status == 0)
        let tail = r.stderr.split(separator: "\n").suffix(4).map(String.init)
        #expect(tail.count == 4)
        #expect(tail.first?.hasPrefix("[ Process PID=") == true && tail.first?.hasSuffix(" runs in 32 bit mode. ]") == true)
        #expect(tail.dropFirst().first?.hasPrefix("getpid()") == true)
        #expect(tail.dropFirst(2).first == "exit(0)                                 = ?")
        let calls = try Harness.readRecord(rec).compactMap { l -> SyscallEvent? in
            if case .event(.syscall(let s)) = l, s.abi == .i386 { return s } else { return nil }
        }
        #expect(calls.map(\.name) == ["getpid", "exit"])
        #expect(calls.map(\.nr) == [20, 1])
    }

    // -p with one bad pid in the list: an error naming it, and the good one untouched.
    @Test func attachListWithAMissingPidTouchesNothing() throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.runUnblocked()
        defer { kill(sleeper.processIdentifier, SIGKILL); sleeper.waitUntilExit() }
        let pid = sleeper.processIdentifier
        let r = try Harness.nstrace(["trace", "-p", "\(pid),999999999"])
        #expect(r.status == 1)
        #expect(r.stderr == "nstrace: cannot attach to process 999999999: No such process\n")
        #expect(Harness.status(pid, "TracerPid") == "0")
        #expect(Harness.status(pid, "State")?.hasPrefix("S") == true)
    }

    // The record format is a public contract: real records of every line type pass the
    // published JSON Schema and checker (docs/record-format.schema.json, docs/check-record.py).
    @Test func recordsPassThePublishedSchema() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("r.jsonl")
        let r = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec.path, "--", "unshare", "-Urfpu", "--mount-proc",
                                     "sh", "-c", "hostname x; sleep 5 & kill $!; wait; exec /bin/true"])
        #expect(r.status == 0, "\(r.stderr)")
        let types = Set(try Harness.readRecord(rec).map { line -> String in
            switch line {
            case .header: return "header"
            case .end: return "end"
            case .event(let e):
                switch e {
                case .task: return "task"
                case .syscall: return "syscall"
                case .signal: return "signal"
                case .exec: return "exec"
                case .exit: return "exit"
                case .namespace: return "ns"
                case .idmap: return "idmap"
                }
            }
        })
        #expect(types == ["header", "end", "task", "syscall", "signal", "exec", "exit", "ns", "idmap"])
        let check = try Harness.run("/usr/bin/env", ["python3", Harness.packageRoot.appendingPathComponent("docs/check-record.py").path,
                                                     "--strict", rec.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasSuffix(": ok (\(try String(contentsOf: rec, encoding: .utf8).split(separator: "\n").count) lines)\n"))
    }

    // Must show 3: exit status of the command; 128+signal when it was killed.
    @Test func exitStatusIsTheCommands() throws {
        #expect(try Harness.nstrace(["trace", "-o", "/dev/null", "--", "sh", "-c", "exit 7"]).status == 7)
        let killed = try Harness.nstrace(["trace", "--", "sh", "-c", "kill -9 $$"])
        #expect(killed.status == 137)
        #expect(killed.stderr.hasSuffix("+++ killed by SIGKILL +++\n"))
    }

    @Test func badCommandsAndOptions() throws {
        let missing = try Harness.nstrace(["trace", "--", "no-such-command-xyz"])
        #expect(missing.status == 127)
        #expect(missing.stderr == "nstrace: cannot execute 'no-such-command-xyz': No such file or directory\n")
        // A file of the test's own with no execute bit (a host file such as /etc/hostname
        // may be 0755 on some machine).
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("not-executable")
        try Fixture.write("just text\n", to: plain, mode: 0o644)
        let notExec = try Harness.nstrace(["trace", "--", plain.path])
        #expect(notExec.status == 126)
        #expect(notExec.stderr.hasPrefix("nstrace: cannot execute '\(plain.path)': Permission denied"), "\(notExec.stderr)")
        #expect(try Harness.nstrace(["trace", "-e", "trace=opne", "--", "true"]).status == 64)
        #expect(try Harness.nstrace(["trace", "--bogus", "--", "true"]).status == 64)
        #expect(try Harness.nstrace(["trace"]).status == 64)
        let unwritable = try Harness.nstrace(["trace", "-o", "/nonexistent/dir/x", "--", "true"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.hasPrefix("nstrace: cannot open '/nonexistent/dir/x'"))
        let badRecord = try Harness.nstrace(["trace", "--record", "/proc/nope", "--", "true"])
        #expect(badRecord.status == 1)
        let gone = try Harness.nstrace(["trace", "-p", "999999999"])
        #expect(gone.status == 1 || gone.status == 64)
        #expect(gone.stderr.contains("999999999"))
    }

    // Must show 4: SIGKILL to the tracer leaves no stopped or orphaned tracee.
    @Test func killingTheTracerLeavesNothingBehind() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.nstrace)
        p.arguments = ["trace", "-o", "/dev/null", "--", "sh", "-c", "sleep 30 & sleep 30 & while :; do :; done"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.runUnblocked()
        let tracer = p.processIdentifier
        var tracees: [pid_t] = []
        #expect(Harness.waitUntil(timeout: 20) {
            tracees = Harness.tracees(of: tracer)
            return tracees.count >= 3
        })
        kill(tracer, SIGKILL)
        p.waitUntilExit()
        let clean = Harness.waitUntil(timeout: 10) {
            tracees.allSatisfy { pid in
                guard let state = Harness.status(pid, "State") else { return true }
                return state.hasPrefix("Z") || state.hasPrefix("X")
            }
        }
        #expect(clean, "tracees still alive: \(tracees.map { "\($0):\(Harness.status($0, "State") ?? "gone")" })")
        for pid in tracees { kill(pid, SIGKILL) }
    }

    // Ctrl-C (SIGINT to nstrace) while tracing a started command ends its whole tree.
    @Test func interruptEndsTheStartedTree() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.nstrace)
        p.arguments = ["trace", "-o", "/dev/null", "--", "sh", "-c", "sleep 30 & sleep 30; wait"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.runUnblocked()
        var tracees: [pid_t] = []
        #expect(Harness.waitUntil(timeout: 20) {
            tracees = Harness.tracees(of: p.processIdentifier)
            return tracees.count >= 3
        })
        kill(p.processIdentifier, SIGINT)
        let exited = Harness.waitUntil(timeout: 10) { !p.isRunning }
        #expect(exited)
        if !exited { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(tracees.allSatisfy { pid in
            guard let state = Harness.status(pid, "State") else { return true }
            return state.hasPrefix("Z") || state.hasPrefix("X")
        })
        for pid in tracees { kill(pid, SIGKILL) }
    }

    // Must show 5: -p attaches to a running sleep; SIGINT detaches; sleep runs on.
    @Test func attachAndDetachLeavesTheProcessRunning() throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["60"]
        try sleeper.runUnblocked()
        // SIGKILL: Foundation starts children with signals blocked, so SIGTERM would wait.
        defer { kill(sleeper.processIdentifier, SIGKILL); sleeper.waitUntilExit() }
        let pid = sleeper.processIdentifier

        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.nstrace)
        p.arguments = ["trace", "-p", String(pid)]
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let errURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.runUnblocked()
        try err.close()
        #expect(Harness.waitUntil(timeout: 10) { Harness.status(pid, "TracerPid") == String(p.processIdentifier) })
        usleep(200_000)
        kill(p.processIdentifier, SIGINT)
        let exited = Harness.waitUntil(timeout: 10) { !p.isRunning }
        #expect(exited)
        if !exited { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        let stderr = try String(contentsOf: errURL, encoding: .utf8)
        #expect(p.terminationStatus == 0)
        #expect(stderr.contains("nstrace: Process \(pid) attached"))
        #expect(stderr.contains("restart_syscall(<... resuming interrupted clock_nanosleep ...>") || stderr.contains("clock_nanosleep"))
        #expect(stderr.contains("nstrace: Process \(pid) detached"))
        #expect(Harness.status(pid, "TracerPid") == "0")
        let state = Harness.status(pid, "State") ?? "gone"
        #expect(state.hasPrefix("S"), "sleep is \(state)")
        #expect(sleeper.isRunning)
    }

    // Must show 6: -c and -e trace=%file count and select what strace does.
    @Test(.requires(Harness.strace, Harness.hasStrace)) func summaryAndFileClassMatchStrace() throws {
        let cmd = ["ls", "-l", "/"]
        let s = try Harness.run("/usr/bin/strace", ["-f", "-c", "-o", "/dev/stderr", "--"] + cmd)
        let n = try Harness.nstrace(["trace", "-c", "--"] + cmd)
        func rows(_ text: String) -> [String: [Int]] {
            var out: [String: [Int]] = [:]
            for line in text.split(separator: "\n") {
                let f = line.split(separator: " ", omittingEmptySubsequences: true)
                guard f.count >= 5, Double(f[0]) != nil, let name = f.last, name != "total" else { continue }
                let calls = Int(f[3]) ?? -1
                let errors = f.count == 6 ? Int(f[4]) ?? -1 : 0
                out[String(name)] = [calls, errors]
            }
            return out
        }
        #expect(n.stderr.hasPrefix("% time     seconds  usecs/call     calls    errors syscall\n"))
        #expect(rows(n.stderr) == rows(s.stderr), "strace:\n\(s.stderr)\nnstrace:\n\(n.stderr)")
        #expect(rows(n.stderr).count > 5)

        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("strace.txt")
        let rec = dir.appendingPathComponent("r.jsonl")
        _ = try Harness.run("/usr/bin/strace", ["-f", "-qq", "-e", "trace=%file", "-o", out.path, "--"] + cmd)
        let f = try Harness.nstrace(["trace", "-e", "trace=%file", "-o", "/dev/null", "--record", rec.path, "--"] + cmd)
        #expect(f.status == 0)
        let expected = TaskSequences.fromStrace(try String(contentsOf: out, encoding: .utf8))
        let actual = TaskSequences.fromRecord(try Harness.readRecord(rec))
        #expect(actual == expected, "strace:\n\(expected)\nnstrace:\n\(actual)")
        #expect(expected.byTask["0"]?.contains("openat") == true)
    }

    @Test func filtersTimestampsAndFDPaths() throws {
        // A file of the test's own (a host file may be missing or differ), at a path
        // without characters strace would escape.
        let dir = URL(fileURLWithPath: "/tmp/nstrace-fd-\(getpid())")
        try Fixture.makeDirectory(dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("name")
        try Fixture.write("box\n", to: file)
        let r = try Harness.nstrace(["trace", "-y", "-tt", "-T", "-e", "trace=openat,read,close", "--", "cat", file.path])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n")
        let open = lines.first { $0.contains("\"\(file.path)\"") }
        #expect(open != nil)
        // 12:34:56.123456 openat(AT_FDCWD</cwd>, "/tmp/.../name", O_RDONLY) = 3</tmp/.../name> <0.000010>
        let p = NSRegularExpression.escapedPattern(for: file.path)
        #expect(open?.range(of: #"^\d\d:\d\d:\d\d\.\d{6} openat\(AT_FDCWD</[^>]*>, ""# + p + #"", O_RDONLY\) += (\d+)<"# + p + #"> <\d+\.\d{6}>$"#,
                            options: .regularExpression) != nil, "\(open ?? "")")
        #expect(lines.allSatisfy { !$0.contains(" mmap(") })
    }
}
