import Foundation
import NSCore
import Testing
import TestSupport

/// `--bpf-attach calls`: the programs on each selected call's own tracepoint
/// (syscalls:sys_enter_NAME) instead of the raw ones (docs/bpf.md, "How the programs
/// attach"). Part of BPFTests (one kernel: its leftover checks look at every program).
extension BPFTests {
    /// Commands of the tutorial that make namespaces, user namespaces with id maps among them.
    static let ownTracepointCommands: [[String]] = [
        ["unshare", "-r", "-u", "sh", "-c", "hostname x"],
        ["unshare", "-U", "--map-user=0", "--map-group=0", "-f", "true"],
        ["unshare", "-fpu", "--mount-proc", "ps"],
        ["sh", "-c", VethScript.script],
    ]

    /// A trace of a few calls shows the same through the calls' own tracepoints as through the
    /// raw ones: the same lines per task, the same transitions, the same id maps (those
    /// written before the writes were looked at are read from /proc), and nothing is left
    /// behind (each per-call tracepoint is a perf event of its own).
    @Test(arguments: ownTracepointCommands.indices)
    func ownTracepointsShowWhatRawOnesShow(_ i: Int) throws {
        let args = ["-f", "-e", "trace=%namespace", "--"] + Self.ownTracepointCommands[i]
        if args.contains(VethScript.script) { #expect(VethScript.prepared) }
        let raw = try traced(args, bpf: true, extra: ["--bpf-attach", "raw"])
        let own = try traced(args, bpf: true, extra: ["--bpf-attach", "calls"])
        #expect(raw.result.status == 0 && own.result.status == 0, "\(raw.result.stderr) \(own.result.stderr)")
        #expect(PerTask(raw).difference(PerTask(own)) == "no difference", "\(args)")
        #expect(Transitions(raw).description == Transitions(own).description, "\(args)")
        #expect(Self.idMaps(raw) == Self.idMaps(own), "\(args)")
        if i < 2 { #expect(Self.idMaps(own).count == 3, "\(own.text)") }
        #expect(!own.syscalls.isEmpty && own.lost.isEmpty, "\(own.lost)")
        #expect(Harness.waitUntil(timeout: 5) { Self.leftovers().isEmpty }, "\(Self.leftovers())")
    }

    /// execve and execveat get their own tracepoints only when selected: the namespaces an
    /// exec moves a task into (a time namespace it unshared) come with the exec event, the
    /// same as from execve's exit with the raw tracepoints; and nstrace's own SIGCONT to the
    /// started command, seen at its exec, is not shown.
    @Test func execNamespacesWithoutExecve() throws {
        let args = ["-f", "-e", "trace=unshare", "--", "unshare", "-T", "sh", "-c", "true"]
        let raw = try traced(args, bpf: true, extra: ["--bpf-attach", "raw"])
        let own = try traced(args, bpf: true, extra: ["--bpf-attach", "calls"])
        #expect(raw.result.status == 0 && own.result.status == 0, "\(raw.result.stderr) \(own.result.stderr)")
        #expect(PerTask(raw).difference(PerTask(own)) == "no difference", "\(own.text)")
        #expect(Transitions(raw).description == Transitions(own).description)
        #expect(own.transitions.contains { $0.kind == .time && $0.cause == "execve" }, "\(own.text)")
        #expect(!own.text.contains("SIGCONT"), "\(own.text)")
        // The tracepoints the programs are on while the command runs (bpftool lists each
        // perf event with its program).
        let tool = try #require(Self.bpftool)
        for (filter, execve) in [("trace=unshare", false), ("trace=unshare,execve", true)] {
            let tracer = Process()
            tracer.executableURL = URL(fileURLWithPath: Harness.nstrace)
            tracer.arguments = ["trace", "--bpf", "--bpf-attach", "calls", "-e", filter, "-o", "/dev/null", "--", "sleep", "3"]
            try tracer.runUnblocked()
            var points: [String] = []
            #expect(Harness.waitUntil(timeout: 10) {
                let shown = (try? Harness.run(tool, ["perf", "show"]))?.stdout ?? ""
                points = shown.split(separator: "\n").filter { $0.hasPrefix("pid \(tracer.processIdentifier) ") }
                    .compactMap { $0.split(separator: " ").last.map(String.init) }
                return points.contains("sys_exit_unshare")
            }, "\(points)")
            kill(tracer.processIdentifier, SIGINT)
            tracer.waitUntilExit()
            #expect(points.contains("sys_enter_setns") && points.contains("sys_enter_execve") == execve
                    && points.contains("sys_enter_execveat") == false, "\(filter): \(points)")
        }
    }

    /// The id maps of a run: which file, what (spaces as one). Not whose: a map is its user
    /// namespace's, written or read through the /proc directory of any of its tasks.
    static func idMaps(_ run: Run) -> [String] {
        run.lines.compactMap { line -> String? in
            guard case .event(.idmap(let m)) = line else { return nil }
            let data = m.data.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            return "\(m.file) \(data)"
        }.sorted()
    }

    /// Too many calls for their own tracepoints: asked for anyway, one line says so.
    @Test func ownTracepointsForEveryCallRefused() throws {
        let r = try Harness.nstrace(["trace", "--bpf", "--bpf-attach", "calls", "-o", "/dev/null", "--", "true"])
        #expect(r.status == 69)
        #expect(r.stderr == "nstrace: cannot attach to the calls' own tracepoints: too many calls selected (at most 64); choose fewer with -e trace=\n",
                "\(r.stderr)")
        #expect(Harness.waitUntil(timeout: 5) { Self.leftovers().isEmpty }, "\(Self.leftovers())")
    }

    /// The programs load for --cgroup with both ways of attaching (the per-call tracepoints'
    /// entry program once went over the verifier's 512 bytes of stack there): a directory
    /// that is no cgroup gets past the load to the one line that says so.
    @Test(arguments: ["raw", "calls"])
    func programsLoadForACgroup(_ how: String) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Harness.nstrace(["trace", "--bpf", "--bpf-attach", how, "--cgroup", dir.path, "-e", "trace=unshare",
                                     "-o", "/dev/null"])
        #expect(r.status == 69)
        #expect(r.stderr == "nstrace: cannot use the cgroup (is it a cgroup v2 directory?): Bad file descriptor\n", "\(r.stderr)")
        #expect(Harness.waitUntil(timeout: 5) { Self.leftovers().isEmpty }, "\(Self.leftovers())")
    }

    /// --bpf-attach needs --bpf.
    @Test func attachNeedsBPF() throws {
        let r = try Harness.nstrace(["trace", "--bpf-attach", "calls", "--", "true"])
        #expect(r.status == 64 && r.stderr.contains("--bpf-attach needs --bpf."), "\(r.stderr)")
    }
}

extension BPFTests {
    /// Every 64-bit call this kernel implements has its tracepoints under the name
    /// SyscallSpecs.entryPoint gives it: a call the kernel names otherwise (uname is
    /// sys_newuname), missing from that table, would make --bpf-attach calls fail for it.
    @Test func everyImplementedCallHasItsTracepoints() throws {
        // The tracepoints as a tracefs mounted in a mount namespace of the test's own lists them
        // (on a directory of its own: the host may have one at /sys/kernel/tracing or not).
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Harness.run("/usr/bin/unshare", ["-m", "--propagation", "private", "sh", "-c",
                                                    "mount -t tracefs none \"$0\" && ls \"$0/events/syscalls\"", dir.path])
        let events = Set(r.stdout.split(separator: "\n").map(String.init))
        #expect(r.status == 0 && events.contains("sys_enter_unshare") && events.contains("sys_exit_newuname"), "\(r.stderr)")
        // The kernel's 64-bit wrappers: what it implements (__x64_sys_NAME; a weak one, `W`, is
        // the -ENOSYS stub of a call configured out).
        // (/proc files have no size: read to the end, not by the size stat gives.)
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/kallsyms"))
        defer { try? handle.close() }
        let symbols = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        var wrappers = Set<String>()
        for line in symbols.split(separator: "\n") {
            if let at = line.range(of: " T __x64_sys_") ?? line.range(of: " t __x64_sys_") {
                wrappers.insert(String(line[at.upperBound...]))
            }
        }
        #expect(wrappers.contains("unshare"))
        var unseen: [String] = []
        // 64-bit numbers without an entry point in syscall_64.tbl: their wrappers serve i386 only.
        let notOn64: Set<String> = ["set_thread_area", "get_thread_area"]
        for row in SyscallSpecs.rows(.x86_64) where !notOn64.contains(row.name) {
            let entry = SyscallSpecs.entryPoint(of: row.name)
            // Implemented (its wrapper is there) but no tracepoint by that name: the table
            // lacks the call's entry point.
            if wrappers.contains(entry) && !(events.contains("sys_enter_" + entry) && events.contains("sys_exit_" + entry)) {
                unseen.append("\(row.name) (sys_enter_\(entry))")
            }
        }
        #expect(unseen.isEmpty, "\(unseen)")
    }
}
