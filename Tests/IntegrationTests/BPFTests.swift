import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// `trace --bpf` (issue 22, docs/bpf.md) against the real kernel: the same lines and the same
/// namespace transitions as ptrace mode for the tutorial's commands, a running container
/// traced whole, losses said, and no program or map of nstrace left behind, also after a
/// SIGKILL. Root only; serialized (one kernel; the leftover checks look at every program).
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(BPFMachine.what, BPFMachine.ready))
struct BPFTests {
    static var bpftool: String? { BPFMachine.bpftool }

    /// One traced run: the text (-o) and the record.
    struct Run {
        var text: String
        var lines: [RecordLine]
        var result: Harness.Result
        var tasks: [TaskEvent] { lines.compactMap { if case .event(.task(let t)) = $0 { return t } else { return nil } } }
        var transitions: [NamespaceEvent] { lines.compactMap { if case .event(.namespace(let n)) = $0 { return n } else { return nil } } }
        var syscalls: [SyscallEvent] { lines.compactMap { if case .event(.syscall(let s)) = $0 { return s } else { return nil } } }
        var lost: [LostEvent] { lines.compactMap { if case .event(.lost(let l)) = $0 { return l } else { return nil } } }
        var header: RecordHeader? { if case .header(let h) = lines.first { return h } else { return nil } }
        /// Tasks by their place in the tree (as TaskSequences): the first task "T0", its second
        /// child "T0.1", that one's first "T0.1.0"; the same in any two runs of one command.
        var treeLabels: [Int32: String] {
            var children: [Int32: [Int32]] = [:]
            var root: Int32?
            for t in tasks {
                if let pp = t.ppid { children[pp, default: []].append(t.pid) } else if root == nil { root = t.pid }
            }
            var label: [Int32: String] = [:]
            func walk(_ pid: Int32, _ l: String) {
                label[pid] = l
                for (i, c) in (children[pid] ?? []).enumerated() { walk(c, l + "." + String(i)) }
            }
            if let root { walk(root, "T0") }
            return label
        }
    }

    func traced(_ args: [String], bpf: Bool, extra: [String] = [], command: String = "trace") throws -> Run {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("t.txt"), rec = dir.appendingPathComponent("r.jsonl")
        let r = try Harness.nstrace([command] + (bpf ? ["--bpf"] : []) + ["-o", text.path, "--record", rec.path] + extra + args,
                                   timeout: 120)
        let check = try Harness.run("/usr/bin/env", ["python3", Harness.packageRoot.appendingPathComponent("docs/check-record.py").path,
                                                     "--strict", rec.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        return Run(text: (try? String(contentsOf: text, encoding: .utf8)) ?? "", lines: try Harness.readRecord(rec), result: r)
    }

    // MARK: 1. the tutorial's commands: the same lines per task, the same transitions

    static let commands: [(name: String, args: [String], extra: [String])] = [
        ("hello-world", ["--", Harness.sample("hello-world")], []),
        ("unshare -u", ["--", "unshare", "-u", "sh", "-c", "hostname x"], []),
        ("unshare -fpu ps", ["--", "unshare", "-fpu", "--mount-proc", "ps"], []),
        ("veth pair", ["--", "sh", "-c", VethScript.script], []),
        // SIGKILL: no signal line (ptrace never stops for it), only the task's end.
        ("kill -9", ["--", "sh", "-c", "sh -c 'kill -9 $$'; true"], []),
        // 32-bit calls through int 0x80: the i386 table, and strace's personality notice.
        ("int80", ["--", Harness.sample("int80")], []),
        // An exec of string literals the caller never touched (its entry cannot read them):
        // the filename and argv read back from where the kernel copied them. Its argv[0]
        // both shorter and longer than -s (CI once failed where the checkout's path was
        // longer: every string the entry read was cut, and none was taken as a match).
        ("bigargv, short argv[0]", ["--", Harness.sample("bigargv"), "big"], []),
        ("bigargv, argv[0] over -s", ["--", Harness.sample("bigargv"), "/an/argv0/longer/than/the/32/bytes/of/-s/big"], []),
        // -y: the kernel names descriptors as /proc/PID/fd does (files, pipes, the cwd).
        ("-y files", ["--", "sh", "-c", "wc -c </etc/hostname; exec 3</etc/passwd; cat <&3 >/dev/null; cd /etc/apt && ls . >/dev/null"],
         ["-y"]),
        // rt_sigreturn's mask, read in the signal frame above the stack pointer: USR2 was
        // blocked when the USR1 handler ran.
        ("rt_sigreturn", ["--", "/usr/bin/python3", "-c",
                          "import os, signal; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2}); "
                          + "signal.signal(signal.SIGUSR1, lambda *a: None); os.kill(os.getpid(), signal.SIGUSR1)"],
         ["-e", "trace=rt_sigreturn,kill"]),
        // Memory the tracee does not have: a bad pointer, an iovec array and a string that
        // run into a page it may not read. Shown as strace shows them (the address, the
        // elements before the gap), not as memory the kernel side failed to read.
        ("bad pointers", ["--", "/usr/bin/python3", "-c", Self.badPointers], ["-e", "trace=write,writev,chdir"]),
        // -v: whole structures, read by the kernel side (envp's strings: below, as the first
        // exec's are the test's own environment, which differs from run to run).
        ("-v", ["--", "env", "-i", "A=1", "B=2", "/bin/sh", "-c", "uname -a >/dev/null"], ["-v", "-e", "trace=uname"]),
        // -y and -P on poll's and select's descriptors: their files read in the kernel from
        // the pollfds and the fd_sets, at entry and for the result.
        ("-y poll select", ["--", "/usr/bin/python3", "-c",
                            "import os, select; r, w = os.pipe(); n = os.open('/dev/null', os.O_RDONLY); os.write(w, b'x'); "
                            + "p = select.poll(); p.register(r); p.register(n); p.poll(0); select.select([r, n], [w], [], 0)"],
         ["-y", "-e", "trace=poll,ppoll,select,pselect6"]),
        ("-P poll select", ["--", "/usr/bin/python3", "-c",
                            "import os, select; n = os.open('/dev/null', os.O_RDONLY); r, w = os.pipe(); "
                            + "p = select.poll(); p.register(n); p.poll(0); select.select([n], [], [], 0); select.select([r], [], [], 0)"],
         ["-P", "/dev/null", "-e", "trace=poll,ppoll,select,pselect6"]),
        // Netlink messages, decoded by the socket's protocol the kernel read (ip's requests
        // and replies, whole), in a network namespace of the test's own.
        ("netlink", ["--", "unshare", "-n", "ip", "link", "show", "lo"], ["-e", "trace=sendto,recvfrom,sendmsg,recvmsg"]),
        // -P: only the calls that touch the path, decided from what the kernel read.
        ("-P", ["--", "sh", "-c", "cat /etc/hostname /etc/passwd >/dev/null"], ["-P", "/etc/hostname"]),
    ]

    /// A page the tracee may read and one after it that it may not: write(1, 0x8, 5);
    /// chdir of "wxyz" with no NUL before it; writev of two iovecs, the second in the second
    /// page (written over "wxyz").
    static let badPointers = """
        import ctypes
        c = ctypes.CDLL(None)
        c.mmap.restype = ctypes.c_void_p
        c.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
        m = c.mmap(None, 8192, 3, 0x22, -1, 0)
        end = m + 4096
        c.mprotect(ctypes.c_void_p(end), 4096, 0)
        c.write(1, ctypes.c_void_p(8), 5)
        ctypes.memmove(end - 4, b"wxyz", 4)
        c.chdir(ctypes.c_void_p(end - 4))
        ctypes.memmove(end - 24, b"abcd", 4)
        ctypes.memmove(end - 16, (ctypes.c_uint64 * 2)(end - 24, 4), 16)
        c.writev(1, ctypes.c_void_p(end - 16), 2)
        """

    @Test(.requires(Harness.samples, Harness.samplesBuilt), arguments: commands.indices)
    func sameLinesAsPtrace(_ i: Int) throws {
        let c = Self.commands[i]
        if c.name == "veth pair" { #expect(VethScript.prepared) }
        let p = try traced(c.args, bpf: false, extra: c.extra)
        let b = try traced(c.args, bpf: true, extra: c.extra)
        #expect(p.result.status == 0 && b.result.status == 0, "\(c.name): \(p.result.stderr) \(b.result.stderr)")
        #expect(b.header?.backend == "bpf" && p.header?.backend == "ptrace")
        #expect(PerTask(p).difference(PerTask(b)) == "no difference", "\(c.name)")
        #expect(Transitions(p).description == Transitions(b).description, "\(c.name)")
        #expect(b.lost.isEmpty, "\(c.name): \(b.lost)")
        if c.name == "rt_sigreturn" {
            #expect(p.text.contains("rt_sigreturn({mask=[USR2]})") && b.text.contains("rt_sigreturn({mask=[USR2]})"), "\(p.text)\(b.text)")
        }
        if c.name == "bad pointers" {
            #expect(b.text.contains("write(1, 0x8, 5)") && b.text.contains("[{iov_base=\"abcd\", iov_len=4}, ... /* 0x")
                && b.text.contains("chdir(0x") && !b.text.contains("not captured"), "\(b.text)")
        }
        if c.name == "-v" {
            #expect(b.text.contains("domainname="), "\(b.text)")
            let env = try traced(["--", "env", "-i", "A=1", "B=2", "/bin/true"], bpf: true, extra: ["-v", "-e", "trace=execve"])
            #expect(env.text.contains(#"execve("/bin/true", ["/bin/true"], ["A=1", "B=2"]) = 0"#), "\(env.text)")
        }
        if c.name == "-y poll select" {
            #expect(b.text.contains("</dev/null>, events=POLLIN") && b.text.contains("{fd=3<pipe:[") && b.text.contains("</dev/null>]"),
                    "\(b.text)")
        }
        if c.name == "-P poll select" {
            // The poll and the first select touch /dev/null; the second select (a pipe) is not shown.
            #expect(b.text.split(separator: "\n").filter { $0.contains("poll(") || $0.contains("select") }.count == 2, "\(b.text)")
        }
        if c.name == "netlink" {
            #expect(b.text.contains("nlmsg_type=RTM_NEWLINK") && b.text.contains("ARPHRD_LOOPBACK") && !b.text.contains("not captured"),
                    "\(b.text)")
        }
        if c.name == "-P" {
            #expect(b.text.contains("/etc/hostname") && !b.text.contains("/etc/passwd") && b.text.contains("read(3,"), "\(b.text)")
        }
    }

    /// -yy: what strace shows of a descriptor beyond its path, read by the kernel side with
    /// the file: a device's numbers, a pidfd's process, a socket's ends (unix peers and names,
    /// TCP, netlink port ids; an unbound socket as its inode). In a network namespace of the
    /// test's own; the program prints the text each should have, from its own view (fstat's
    /// inodes, getsockname's ports).
    @Test func descriptorsBeyondTheirPaths() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("yy.py")
        try Data(Self.socketsAndDevices.utf8).write(to: script)
        let command = ["--", "unshare", "-n", "sh", "-c", "ip link set lo up && exec /usr/bin/python3 \"$0\"", script.path]
        let b = try traced(command, bpf: true, extra: ["-yy", "-e", "trace=getsockname,newfstatat,fstat"])
        #expect(b.result.status == 0, "\(b.result.stderr)")
        let expected = b.result.stdout.split(separator: "\n").map(String.init)
        #expect(expected.count == 8, "\(b.result.stdout)")
        for text in expected {
            #expect(b.text.contains("<\(text)>"), "no <\(text)> in \(b.text.split(separator: "\n").filter { !$0.contains("/") }.joined(separator: "\n"))")
        }
        // -e decode-fds=dev: a device's numbers, a socket's inode alone.
        let dev = try traced(command, bpf: true, extra: ["-e", "decode-fds=path,dev", "-e", "trace=getsockname,newfstatat,fstat"])
        #expect(dev.text.contains("</dev/full<char 1:7>>") && dev.text.contains("<socket:[") && !dev.text.contains("<TCP:"), "\(dev.text)")
    }

    /// -Y: the tasks' names in the prefix (each as the kernel told it: at the fork, after an
    /// exec, after prctl(PR_SET_NAME)), in pid arguments and results, and in SIGCHLD's si_pid
    /// (a child that ended and was not waited for yet is still named): the same lines as
    /// ptrace mode, pids and addresses aside.
    @Test func processNamesAsPtraceShowsThem() throws {
        let python = "import ctypes, os; ctypes.CDLL(None).prctl(15, b'renamed', 0, 0, 0); os.kill(os.getpid(), 0); os.getppid()"
        let args = ["-f", "-Y", "-e", "trace=kill,prctl,getpid,getppid", "--", "sh", "-c",
                    "sleep 0.1 & wait; kill -0 $$; exec /usr/bin/python3 -c \"$0\"", python]
        func lines(_ r: Run) -> Set<String> {
            Set(r.text.split(separator: "\n").map {
                String($0).replacingOccurrences(of: #"[0-9]+<"#, with: "N<", options: .regularExpression)
                    .replacingOccurrences(of: #"0x[0-9a-f]+"#, with: "A", options: .regularExpression)
                    .replacingOccurrences(of: #"si_utime=[0-9]+.*si_stime=[0-9]+( /\* [0-9.]+ s \*/)?"#, with: "T", options: .regularExpression)
            })
        }
        let p = try traced(args, bpf: false)
        let b = try traced(args, bpf: true)
        #expect(p.result.status == 0 && b.result.status == 0, "\(p.result.stderr) \(b.result.stderr)")
        #expect(lines(p) == lines(b), "ptrace:\n\(p.text)\nbpf:\n\(b.text)")
        for text in ["N<sh> kill(N<sh>, 0)", "si_pid=N<sleep>", "N<python3> prctl(PR_SET_NAME, \"renamed\")",
                     "N<renamed> kill(N<renamed>, 0)", "N<renamed> getppid()"] {
            #expect(b.text.replacingOccurrences(of: #"[0-9]+<"#, with: "N<", options: .regularExpression).contains(text), "\(text): \(b.text)")
        }
    }

    /// What descriptorsBeyondTheirPaths traces: each descriptor looked at (getsockname,
    /// fstat), then the text -yy should show for it printed.
    static let socketsAndDevices = """
        import os, socket
        def ino(s): return os.fstat(s.fileno()).st_ino
        a, b = socket.socketpair()
        a.getsockname()
        print(f"UNIX-STREAM:[{ino(a)}->{ino(b)}]")
        u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        u.bind("\\0nstrace-yy")
        print(f'UNIX:[{ino(u)},"@nstrace-yy"]')
        t = socket.socket()
        t.bind(("127.0.0.1", 0))
        t.listen()
        port = t.getsockname()[1]
        print(f"TCP:[127.0.0.1:{port}]")
        c = socket.create_connection(("127.0.0.1", port))
        print(f"TCP:[127.0.0.1:{c.getsockname()[1]}->127.0.0.1:{port}]")
        n = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
        n.bind((0, 0))
        print(f"NETLINK:[ROUTE:{n.getsockname()[0]}]")
        f = socket.socket()
        f.getsockname()
        print(f"TCP:[{ino(f)}]")
        p = os.pidfd_open(os.getpid())
        os.fstat(p)
        print(f"pid:{os.getpid()}")
        d = os.open("/dev/full", os.O_WRONLY)
        os.fstat(d)
        print("/dev/full<char 1:7>")

        """

    /// Threads (pthread_create's clone3): what the kernel wrote, ` => {parent_tid=[N]}`, read
    /// at exit where clone_args points, in both modes (the threads' futex calls depend on
    /// timing under any tracer: the clone3 lines alone are compared).
    @Test(.requires(Harness.samples, Harness.samplesBuilt))
    func threadCreationShowsTheParentTid() throws {
        let args = ["-e", "trace=clone3", "--", "sh", "-c", "\"$0\" 3 2 >/dev/null; true", Harness.sample("threads")]
        for bpf in [false, true] {
            let r = try traced(args, bpf: bpf)
            #expect(r.result.status == 0, "\(r.result.stderr)")
            // A line another task's line interrupted is joined again: `PID clone3(... <unfinished
            // ...>` and `PID <... clone3 resumed> => {...}, 88) = N`.
            var open: [Substring: Substring] = [:]
            var lines: [String] = []
            for l in r.text.split(separator: "\n") {
                let pid = l.prefix { $0 != " " }
                if l.hasSuffix(" <unfinished ...>"), l.contains("clone3(") {
                    open[pid] = l.dropLast(" <unfinished ...>".count)
                } else if let r = l.range(of: "<... clone3 resumed>"), let start = open.removeValue(forKey: pid) {
                    lines.append(String(start + l[r.upperBound...]))
                } else if l.contains("clone3(") {
                    lines.append(String(l))
                }
            }
            #expect(lines.count == 3, "\(r.text)")
            var shownTids = 0
            for l in lines {
                // `... CLONE_PARENT_SETTID..., parent_tid=0x...} => {parent_tid=[N]}, 88) = N`
                // The child's tid, or 0: glibc passes the same word as child_tid with
                // CLONE_CHILD_CLEARTID, which the kernel clears when the thread exits, and a
                // thread may be gone before its parent's exit is read (strace shows it so too).
                let m = l.firstMatch(of: #/ => \{parent_tid=\[([0-9]+)\]\}, 88\) += ([0-9]+)$/#)
                #expect(m != nil && (m?.1 == m?.2 || m?.1 == "0"), "bpf \(bpf): \(l)")
                if let m, m.1 == m.2 { shownTids += 1 }
            }
            // The first threads wait at a barrier for the last: theirs are still there.
            #expect(shownTids >= 2, "bpf \(bpf): \(lines)")
        }
    }

    /// `nstrace run` of the busybox image: its set-up and the command, the same with --bpf.
    @Test(.requires(Harness.samples, Harness.samplesBuilt))
    func runOfBusyboxAsPtrace() throws {
        let image = Harness.packageRoot.appendingPathComponent("samples/bin/images/busybox/docker-archive.tar").path
        let args = ["--trace", image, "--", "sh", "-c", "hostname; echo hi"]
        let p = try traced(args, bpf: false, command: "run")
        let b = try traced(args, bpf: true, command: "run")
        #expect(p.result.status == 0 && b.result.status == 0, "\(p.result.stderr) \(b.result.stderr)")
        #expect(b.result.stdout == "busybox\nhi\n")
        #expect(PerTask(p).difference(PerTask(b)) == "no difference")
        #expect(Transitions(p).description == Transitions(b).description)
    }

    // MARK: 2. a running container, whole

    /// `--container PID` on a running `nstrace run` container: its processes' calls, a process
    /// started in it later with nsenter, and nothing of the host's.
    @Test(.requires(Harness.samples, Harness.samplesBuilt))
    func containerIsTracedWhole() throws {
        let image = Harness.packageRoot.appendingPathComponent("samples/bin/images/busybox/docker-archive.tar").path
        let container = Process()
        container.executableURL = URL(fileURLWithPath: Harness.nstrace)
        container.arguments = ["run", image, "--", "sh", "-c", "while :; do cat /etc/hostname >/dev/null; sleep 0.2; done"]
        container.standardOutput = FileHandle.nullDevice
        container.standardError = FileHandle.nullDevice
        try container.runUnblocked()
        defer {
            kill(container.processIdentifier, SIGINT)
            container.waitUntilExit()
        }
        // The container's first process: the shell, pid 1 in a pid namespace of its own.
        var inside: pid_t = 0
        let own = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid")
        #expect(Harness.waitUntil(timeout: 20) {
            for p in Self.pids() where Self.cmdline(p).contains("while :; do cat /etc/hostname") {
                if let ns = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(p)/ns/pid"), ns != own {
                    inside = p
                    return true
                }
            }
            return false
        })
        try #require(inside > 0, "the container did not start")
        let containerNS = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(inside)/ns/pid")

        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("c.jsonl"), text = dir.appendingPathComponent("c.txt")
        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: Harness.nstrace)
        tracer.arguments = ["trace", "--bpf", "--container", String(inside), "-o", text.path, "--record", rec.path]
        tracer.standardError = FileHandle.nullDevice
        try tracer.runUnblocked()
        // Attached once the record has its first task line.
        #expect(Harness.waitUntil(timeout: 20) { ((try? String(contentsOf: rec, encoding: .utf8)) ?? "").contains("\"type\":\"task\"") })
        usleep(300_000)
        // A process started in the container later, and one on the host meanwhile.
        let entered = try Harness.run("/usr/bin/nsenter", ["-t", String(inside), "-a", "/bin/cat", "/etc/hostname"])
        #expect(entered.status == 0 && entered.stdout == "busybox\n", "\(entered.stderr)")
        let host = try Harness.run("/bin/cat", ["/etc/hostname"])
        #expect(host.status == 0)
        usleep(500_000)
        kill(tracer.processIdentifier, SIGINT)
        tracer.waitUntilExit()
        #expect(tracer.terminationStatus == 0)

        let lines = try Harness.readRecord(rec)
        let tasks = lines.compactMap { if case .event(.task(let t)) = $0 { return t } else { return nil } }
        let calls = lines.compactMap { if case .event(.syscall(let s)) = $0 { return s } else { return nil } }
        // Every task is in the container's pid namespace; none is the host's.
        #expect(!tasks.isEmpty && tasks.allSatisfy { "pid:[\($0.ns?[.pid] ?? 0)]" == containerNS }, "\(tasks)")
        #expect(tasks.contains { $0.pid == inside && $0.via == .attached })
        // The container's own loop, and the cat nsenter started (its argv[0] is the path given).
        #expect(calls.contains { $0.name == "execve" && $0.args.count > 1 && $0.args[1] == #"["cat", "/etc/hostname"]"# })
        #expect(calls.contains { $0.name == "execve" && $0.args.count > 1 && $0.args[1] == #"["/bin/cat", "/etc/hostname"]"# })
        // The host's cat (argv ["/bin/cat", ...] too) ran outside: its pid is not among the tasks.
        #expect(!calls.contains { $0.name == "openat" && $0.args.count > 1 && $0.args[1].contains("/usr/lib/") })
        guard case .end(let end) = lines.last else { Issue.record("no end line"); return }
        #expect(end.reason == "detached")
    }

    // MARK: 3. losses said, nothing left behind

    /// A flood into a 4 KiB ring buffer: what did not fit is said in the text and the record,
    /// and every read and write of dd is either recorded or counted lost.
    @Test func lossesAreSaid() throws {
        let count = 20_000
        let b = try traced(["--bpf-buffer", "4K", "--", "dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=\(count)"], bpf: true)
        #expect(b.result.status == 0, "\(b.result.stderr)")
        let lost = b.lost.reduce(UInt64(0)) { $0 + $1.count }
        #expect(lost > 0)
        #expect(b.text.contains("events lost"))
        #expect(b.result.stderr.contains("lost"))
        // Each lost line names its task and when, except the last (the rest the kernel counted).
        #expect(b.lost.contains { $0.pid != nil && $0.from != nil && $0.to != nil })
        let rw = b.syscalls.filter { ($0.name == "read" || $0.name == "write") && $0.args.first != "2" }.count
        // Two events a call: every call dd made is there or counted.
        #expect(UInt64(rw) * 2 + lost >= UInt64(2 * count * 2), "recorded \(rw), lost \(lost)")
        // Losses come in runs: a task that lost events goes on only once a quarter of the
        // buffer is free again, not as soon as one event fits (that cut a flood into a lost
        // line per event or two, each taking the room of what it reported).
        let f = try traced(["--bpf-buffer", "16K", "--", "dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=\(count)"], bpf: true)
        let flood = f.lost.reduce(UInt64(0)) { $0 + $1.count }
        #expect(f.result.status == 0 && flood > 0, "\(f.result.stderr)")
        #expect(flood >= 20 * UInt64(f.lost.count), "\(f.lost.count) lost lines for \(flood) events")
    }

    /// A namespace change whose call's entry was lost keeps its cause: the call's exit is
    /// written with the namespaces alone. Two floods keep the ring buffer full while a shell
    /// runs `unshare -u true` again and again: the unshare lines are lost (a call's events
    /// leave the last quarter of the buffer to the rare ones), their transitions are not.
    @Test func aLostEntryKeepsItsTransitionsCause() throws {
        let script = "for i in 1 2; do dd if=/dev/zero of=/dev/null bs=1 count=300000 2>/dev/null & done; "
            + "i=0; while [ $i -lt 40 ]; do unshare -u true; i=$((i+1)); done; wait"
        let b = try traced(["--bpf-buffer", "256K", "-f", "--", "sh", "-c", script], bpf: true)
        #expect(b.result.status == 0, "\(b.result.stderr)")
        let uts = b.transitions.filter { $0.kind == .uts }
        let unshared = Set(b.syscalls.filter { $0.name == "unshare" }.map(\.pid))
        // Transitions told by exits written without their entries: the cause, and the call
        // without its arguments (they were in the entry), and no unshare line of that task.
        let fromExitsAlone = uts.filter { $0.cause == "unshare" && $0.call == "unshare(...)" }
        #expect(!b.lost.isEmpty && !fromExitsAlone.isEmpty && fromExitsAlone.allSatisfy { !unshared.contains($0.pid) },
                "\(uts.count) uts transitions, \(unshared.count) unshare lines: \(uts)")
        // A cause other than unshare only where that exit was lost too (said, for that task,
        // before the exec that then shows the namespaces).
        for n in uts where n.cause != "unshare" {
            #expect(b.lost.contains { $0.pid == n.pid && $0.t <= n.t }, "\(n) without a loss of its task before it")
        }
    }

    /// nstrace's programs and maps go with it: after it exits, and after a SIGKILL in the
    /// middle of a trace (nothing is pinned; the kernel frees them with the descriptors).
    @Test func nothingIsLeftBehind() throws {
        #expect(Self.leftovers().isEmpty, "before: \(Self.leftovers())")
        let r = try Harness.nstrace(["trace", "--bpf", "-o", "/dev/null", "--", "true"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Harness.waitUntil(timeout: 5) { Self.leftovers().isEmpty }, "after an exit: \(Self.leftovers())")

        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: Harness.nstrace)
        tracer.arguments = ["trace", "--bpf", "-o", "/dev/null", "--", "sleep", "30"]
        try tracer.runUnblocked()
        #expect(Harness.waitUntil(timeout: 20) { !Self.leftovers().isEmpty }, "the programs never loaded")
        kill(tracer.processIdentifier, SIGKILL)
        tracer.waitUntilExit()
        #expect(Harness.waitUntil(timeout: 5) { Self.leftovers().isEmpty }, "after a SIGKILL: \(Self.leftovers())")
        // The command runs on untraced: end it.
        for p in Self.pids() where Self.cmdline(p) == "sleep\u{0}30\u{0}" { kill(p, SIGKILL) }
    }

    /// nstrace's programs and maps still loaded (bpftool), by name.
    static func leftovers() -> [String] {
        guard let tool = bpftool else { return ["no bpftool"] }
        var out: [String] = []
        for kind in ["prog", "map"] {
            let r = (try? Harness.run(tool, [kind, "show"])) ?? Harness.Result(status: 1, stdout: "", stderr: "", timedOut: false)
            for line in r.stdout.split(separator: "\n") where line.contains(" name nsb_") || line.contains(" name nstrace_") {
                out.append(String(line))
            }
        }
        return out
    }

    // MARK: 4. the flight recorder

    /// A command that ends badly: only the newest lines are written, what was not kept is
    /// said in the text and the record, and the record is still whole (header, tasks, end).
    @Test func flightRecorderWritesWhenTheCommandFails() throws {
        let script = "i=0; while [ $i -lt 200 ]; do cat /etc/hostname >/dev/null; i=$((i+1)); done; exit 3"
        let b = try traced(["--flight-recorder", "64K", "--", "sh", "-c", script], bpf: true)
        #expect(b.result.status == 3, "\(b.result.stderr)")
        #expect(b.result.stderr.contains("nstrace: flight recorder: ") && b.result.stderr.contains(" written (the command ended with status 3)"),
                "\(b.result.stderr)")
        let text = b.text.split(separator: "\n")
        #expect(text.first?.contains("earlier lines not kept by the flight recorder (--flight-recorder) ---") == true, "\(text.prefix(2))")
        #expect(text.last?.hasSuffix("+++ exited with 3 +++") == true, "\(text.suffix(2))")
        // The window, its marker line and the line it keeps whole at its start.
        #expect(b.text.utf8.count <= 65536 + 200)
        let marks = b.lost.filter { $0.reason == .flightRecorder }
        #expect(marks.count == 1 && b.lost.count == 1, "\(b.lost)")
        if let m = marks.first, let from = m.from, let to = m.to {
            #expect(m.pid == nil && m.count > 100 && from <= to && to <= m.t)
        } else {
            Issue.record("no times in \(marks)")
        }
        // 200 cats ran; far fewer are kept, the last of them among them; the shell's exit is last.
        let cats = b.syscalls.filter { $0.name == "execve" && $0.args.count > 1 && $0.args[1] == #"["cat", "/etc/hostname"]"# }
        #expect(!cats.isEmpty && cats.count < 100, "\(cats.count) of \(b.syscalls.count)")
        #expect(b.syscalls.last?.name == "exit_group" && b.syscalls.last?.args == ["3"])
        // The tree has its own window: the tasks of the calls kept have their task lines.
        let kept = Set(b.tasks.map(\.pid))
        #expect(cats.allSatisfy { kept.contains($0.pid) }, "\(kept)")
        guard case .end(let end) = b.lines.last else { Issue.record("no end line"); return }
        #expect(end.status == 3)
    }

    /// A command that ends well: nothing is written, one line says so.
    @Test func flightRecorderKeepsAGoodRunToItself() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("t.txt"), rec = dir.appendingPathComponent("r.jsonl")
        let r = try Harness.nstrace(["trace", "--bpf", "--flight-recorder", "64K", "-o", text.path, "--record", rec.path,
                                     "--", "sh", "-c", "cat /etc/hostname >/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("nstrace: flight recorder: the trace ended well; its last ") && r.stderr.hasSuffix(" not written (SIGUSR1 writes them on demand)\n"),
                "\(r.stderr)")
        #expect(try Data(contentsOf: text).isEmpty && Data(contentsOf: rec).isEmpty)
        // Without --bpf, or with nothing to keep: a usage error.
        #expect(try Harness.nstrace(["trace", "--flight-recorder", "64K", "--", "true"]).status == 64)
        #expect(try Harness.nstrace(["trace", "--bpf", "-c", "--flight-recorder", "64K", "--", "true"]).status == 64)
        #expect(try Harness.nstrace(["trace", "--bpf", "--flight-recorder", "1K", "--", "true"]).status == 64)
    }

    /// SIGUSR1 writes the window out while the command runs on; the trace goes on.
    @Test func flightRecorderOnSIGUSR1() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("t.txt"), rec = dir.appendingPathComponent("r.jsonl")
        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: Harness.nstrace)
        tracer.arguments = ["trace", "--bpf", "--flight-recorder", "64K", "-o", text.path, "--record", rec.path, "--",
                            "sh", "-c", "i=0; while [ $i -lt 40 ]; do cat /etc/hostname >/dev/null; sleep 0.1; i=$((i+1)); done"]
        let errors = Pipe()
        tracer.standardError = errors
        try tracer.runUnblocked()
        // Once the command's cats have started (it is traced from its first call).
        #expect(Harness.waitUntil(timeout: 20) { Self.pids().contains { Self.cmdline($0).hasPrefix("sleep\u{0}0.1") } })
        usleep(500_000)
        kill(tracer.processIdentifier, SIGUSR1)
        #expect(Harness.waitUntil(timeout: 10) { ((try? Data(contentsOf: rec))?.count ?? 0) > 0 })
        usleep(300_000)
        let atDump = (try? Data(contentsOf: text)) ?? Data()
        tracer.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(tracer.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains(" written (SIGUSR1)\n") && stderr.contains("the trace ended well"), "\(stderr)")
        let written = try String(contentsOf: text, encoding: .utf8)
        #expect(written.contains(#", ["cat", "/etc/hostname"], "#), "\(written.prefix(300))")
        // Written mid-way; what came after it was not (the trace ended well).
        let atEnd = try Data(contentsOf: text)
        #expect(!atDump.isEmpty && atEnd == atDump)
        let lines = try Harness.readRecord(rec)
        guard case .header(let h) = lines.first else { Issue.record("no header"); return }
        #expect(h.backend == "bpf")
        #expect(lines.contains { if case .event(.syscall(let s)) = $0 { return s.name == "openat" } else { return false } })
    }

    // MARK: facts of the backend

    /// The tracee cannot see the tracer: no TracerPid, no stop.
    @Test func tracerIsInvisible() throws {
        let r = try Harness.nstrace(["trace", "--bpf", "-o", "/dev/null", "--", "grep", "TracerPid", "/proc/self/status"])
        #expect(r.status == 0 && r.stdout == "TracerPid:\t0\n", "\(r.stdout) \(r.stderr)")
    }

    /// Without root (or CAP_BPF and CAP_PERFMON) one line names what is missing.
    @Test func withoutCapabilitiesOneLine() throws {
        let (copy, dir) = try Harness.nstraceForAnyUser()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Harness.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                                                     copy, "trace", "--bpf", "--", "true"])
        #expect(r.status == 69)
        #expect(r.stderr == "nstrace: --bpf needs root, or the capabilities CAP_BPF and CAP_PERFMON (this process lacks CAP_BPF and CAP_PERFMON)\n",
                "\(r.stderr)")
    }

    /// -p: a running process's calls, attached and detached as ptrace mode says it.
    @Test func attachToARunningProcess() throws {
        let loop = Process()
        loop.executableURL = URL(fileURLWithPath: "/bin/sh")
        loop.arguments = ["-c", "while :; do cat /etc/hostname >/dev/null; sleep 0.1; done"]
        try loop.runUnblocked()
        defer {
            kill(loop.processIdentifier, SIGKILL)
            loop.waitUntilExit()
        }
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("p.jsonl")
        let (status, stderr) = try tracedWhileRunning(loop.processIdentifier, ["-e", "trace=openat,execve", "--record", rec.path])
        #expect(status == 0)
        #expect(stderr.contains("nstrace: Process \(loop.processIdentifier) attached")
                && stderr.contains("nstrace: Process \(loop.processIdentifier) detached"), "\(stderr)")
        let calls = try Harness.readRecord(rec).compactMap { line -> SyscallEvent? in
            if case .event(.syscall(let s)) = line { return s } else { return nil }
        }
        #expect(calls.contains { $0.name == "openat" && $0.args.count > 1 && $0.args[1] == #""/etc/hostname""# })
    }

    /// The programs read the clock only when something shown or written needs times: -T
    /// asks for them (a sleep of 0.2 s lasts that long), and a record always has them.
    @Test func timesWhenAskedFor() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("t.txt")
        let r = try Harness.nstrace(["trace", "--bpf", "-T", "-e", "trace=nanosleep,clock_nanosleep", "-o", text.path,
                                     "--", "sleep", "0.2"], timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        let line = try String(contentsOf: text, encoding: .utf8).split(separator: "\n").first { $0.contains("nanosleep(") }
        let duration = line.flatMap { $0.split(separator: "<").last }.flatMap { Double($0.dropLast()) }
        #expect(duration.map { $0 >= 0.15 && $0 < 10 } == true, "\(line ?? "no nanosleep line")")
        let untimed = try traced(["-e", "trace=nanosleep,clock_nanosleep", "--", "sleep", "0.2"], bpf: true)
        let sleep = untimed.syscalls.first { $0.name.hasSuffix("nanosleep") }
        #expect((sleep?.duration ?? 0) >= 0.15, "\(String(describing: sleep))")
    }

    /// The programs' CO-RE relocations use the types `make bpf` cut out of this kernel's BTF
    /// (docs/bpf.md, "Start-up"), and on another kernel its whole BTF (NSB_FULL_BTF stands in
    /// for one). Both read the namespaces right: the uts namespace left is the host's.
    @Test func relocatedAgainstTheBuiltInTypes() throws {
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/uts")
        let host = link.filter(\.isNumber)
        var texts: [String] = []
        for (env, says) in [(["NSB_DEBUG=1"], "against the programs' types of this kernel (built in)"),
                            (["NSB_DEBUG=1", "NSB_FULL_BTF=1"], "against the kernel's BTF")] {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let text = dir.appendingPathComponent("t.txt")
            let bin: String = Harness.nstrace
            let r = try Harness.run("/usr/bin/env", env + [bin, "trace", "--bpf", "-e", "trace=unshare,uname", "-o", text.path,
                                                           "--", "unshare", "-u", "uname", "-n"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("nstrace: CO-RE relocations " + says), "\(env): \(r.stderr.prefix(300))")
            let t = try String(contentsOf: text, encoding: .utf8)
            #expect(t.contains("ns: uts \(host) → "), "\(t)")
            texts.append(t.replacingOccurrences(of: #"(?m)^\d+ |→ \d+"#, with: "", options: .regularExpression))
        }
        #expect(texts.count == 2 && texts[0] == texts[1], "\(texts)")
    }

    /// -p of a process with threads: each thread is followed (the programs take a thread user
    /// space names in at its next syscall: docs/bpf.md, "The task map"), so every thread's
    /// calls are in the record under its tid.
    @Test func attachFollowsEveryThread() throws {
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        worker.arguments = ["-c", """
            import threading, time
            def work():
                while True:
                    open("/etc/hostname").close()
                    time.sleep(0.05)
            for _ in range(2):
                threading.Thread(target=work, daemon=True).start()
            while True:
                time.sleep(1)
            """]
        try worker.runUnblocked()
        defer {
            kill(worker.processIdentifier, SIGKILL)
            worker.waitUntilExit()
        }
        let pid = worker.processIdentifier
        // Its two threads made (the main one and two workers).
        var threads: [pid_t] = []
        for _ in 0..<100 where threads.count < 3 {
            usleep(50_000)
            threads = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []).compactMap { pid_t($0) }
        }
        try #require(threads.count == 3, "the workers' threads did not start: \(threads)")
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("p.jsonl")
        let (status, stderr) = try tracedWhileRunning(pid, ["-e", "trace=openat", "--record", rec.path])
        #expect(status == 0, "\(stderr)")
        let callers = Set(try Harness.readRecord(rec).compactMap { line -> Int32? in
            if case .event(.syscall(let s)) = line, s.name == "openat", s.args.count > 1, s.args[1] == #""/etc/hostname""# { return s.pid }
            return nil
        })
        let workers = Set(threads.filter { $0 != pid })
        #expect(callers == workers, "openat of /etc/hostname by \(callers.sorted()), the worker threads are \(workers.sorted())")
    }

    // MARK: helpers

    /// `trace --bpf -p pid -o /dev/null` with `options` for 1.5 s, then SIGINT: its exit status
    /// and stderr.
    func tracedWhileRunning(_ pid: pid_t, _ options: [String]) throws -> (status: Int32, stderr: String) {
        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: Harness.nstrace)
        tracer.arguments = ["trace", "--bpf", "-p", String(pid), "-o", "/dev/null"] + options
        let errors = Pipe()
        tracer.standardError = errors
        try tracer.runUnblocked()
        usleep(1_500_000)
        kill(tracer.processIdentifier, SIGINT)
        tracer.waitUntilExit()
        return (tracer.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    static func pids() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
    }

    static func cmdline(_ pid: pid_t) -> String {
        (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
    }
}

/// What --bpf needs of the machine and the build.
enum BPFMachine {
    static let what = "eBPF: the kernel's BTF (/sys/kernel/btf/vmlinux), bpftool, and nstrace built with its BPF programs (make)"
    static let bpftool = ["/usr/sbin/bpftool", "/usr/bin/bpftool"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var ready: Bool {
        FileManager.default.fileExists(atPath: "/sys/kernel/btf/vmlinux") && bpftool != nil
            && FileManager.default.fileExists(atPath: Harness.packageRoot.appendingPathComponent("Sources/CBPF/generated/nstrace.skel.h").path)
    }
}

/// Two network namespaces joined by a veth pair, made and removed by the traced shell.
enum VethScript {
    static let tag = getpid() % 100_000
    /// The script run once untraced, before two traces of it are compared: its first `ip
    /// netns add` on a machine makes /run/netns and its mount, and the second would not.
    static let prepared: Bool = ((try? Harness.run("/bin/sh", ["-c", script]))?.status ?? 1) == 0
    static let script = """
    set -e
    ip netns add nsbA\(tag); ip netns add nsbB\(tag)
    trap 'ip netns delete nsbA\(tag); ip netns delete nsbB\(tag)' EXIT
    ip link add nsbva\(tag) netns nsbA\(tag) type veth peer name nsbvb\(tag) netns nsbB\(tag)
    ip -n nsbA\(tag) addr add 10.221.\(tag % 250).1/24 dev nsbva\(tag)
    ip -n nsbB\(tag) addr add 10.221.\(tag % 250).2/24 dev nsbvb\(tag)
    ip netns exec nsbA\(tag) ip link set nsbva\(tag) up
    ip netns exec nsbB\(tag) ip link set nsbvb\(tag) up
    """
}

/// A trace's lines per task, as two tracers can be compared: tasks named by their place in
/// the tree, `<unfinished ...>` and `<... resumed>` joined, and what differs from run to run
/// masked: addresses, pids, inode numbers, times, random bytes, what /proc and netlink
/// answered, the run directory's name.
struct PerTask: Equatable {
    var byTask: [String: [String]]

    init(_ run: BPFTests.Run) {
        let label = run.treeLabels
        var pending: [String: String] = [:]
        var out: [String: [String]] = [:]
        var signals: [String: [String]] = [:]
        var procFDs: [String: Set<String>] = [:]
        for raw in run.text.split(separator: "\n") {
            guard let space = raw.firstIndex(of: " "), let pid = Int32(raw[..<space]) else { continue }
            var rest = String(raw[raw.index(after: space)...])
            // "524 (1 in pid:[4026532178]) call(...)": the label after the pid.
            if rest.hasPrefix("("), let close = rest.firstIndex(of: ")") { rest = String(rest[rest.index(after: close)...]) }
            rest = rest.trimmingCharacters(in: .whitespaces)
            let who = label[pid] ?? "T?"
            if rest.hasSuffix("<unfinished ...>") {
                pending[who] = String(rest.dropLast("<unfinished ...>".count)).trimmingCharacters(in: .whitespaces)
                continue
            }
            if rest.hasPrefix("<... "), let r = rest.range(of: " resumed>") {
                rest = (pending.removeValue(forKey: who) ?? "") + rest[r.upperBound...]
            }
            // Namespace notes are compared as transitions (the kernel's are exact where ptrace
            // reads pid_for_children only once a child exists).
            if rest.hasPrefix("ns: ") { continue }
            let line = Self.normalize(rest, labels: label, procFDs: &procFDs[who, default: []])
            // Where a signal lands among a task's calls, and so where its handler returns
            // (rt_sigreturn), depends on timing, under any tracer: signals are compared as a
            // set per task.
            if line.hasPrefix("--- ") { signals[who, default: []].append(line); continue }
            if line.hasPrefix("rt_sigreturn(") { continue }
            out[who, default: []].append(line)
        }
        byTask = out
        for (k, v) in signals { byTask["signals of " + k] = v.sorted() }
    }

    static func normalize(_ line: String, labels: [Int32: String], procFDs: inout Set<String>) -> String {
        var s = line
        func replace(_ pattern: String, _ with: String) {
            s = s.replacingOccurrences(of: pattern, with: with, options: .regularExpression)
        }
        // One space before " = ", whatever the padding.
        replace(#"\) +="#, ") =")
        replace(#",\s*"#, ", ")
        replace(#"\s+\)"#, ")")
        // The parent outside the trace (nstrace itself, a shell).
        replace(#"^getppid\(\) = [0-9]+"#, "getppid() = ?")
        // A file of /proc opened: what it reads back differs (TracerPid, times, counters).
        if s.hasPrefix("openat("), s.contains("\"/proc/"), let eq = s.range(of: ") = ", options: .backwards) {
            procFDs.insert(String(s[eq.upperBound...].prefix { $0.isNumber }))
        }
        if s.hasPrefix("close(") { procFDs.remove(String(s.dropFirst(6).prefix { $0.isNumber })) }
        if s.hasPrefix("read(") || s.hasPrefix("pread64("), procFDs.contains(String(s.drop { $0 != "(" }.dropFirst().prefix { $0.isNumber })) {
            replace(#""[^"]*"(\.\.\.)?"#, "\"?\"")
            replace(#"= [0-9]+$"#, "= ?")
        }
        if s.hasPrefix("getrandom(") || s.hasPrefix("sendmsg(") || s.hasPrefix("recvmsg(") || s.hasPrefix("sendto(")
            || s.hasPrefix("recvfrom(") {
            replace(#""([^"\\]|\\.)*"(\.\.\.)?"#, "\"?\"")
            replace(#"nl_pid=[0-9]+"#, "nl_pid=?")
        }
        replace(#"nl_pid=-?[0-9]+"#, "nl_pid=?")
        // Netlink payloads carry what the kernel fills in differently from run to run (port
        // ids, sequence numbers, counters); the descriptor and the result still compare (the
        // "netlink" command checks the decoding itself).
        if s.hasPrefix("sendto(") || s.hasPrefix("sendmsg(") || s.hasPrefix("recvmsg(") || s.hasPrefix("recvfrom(") {
            replace(#"^(\w+\([0-9]+), .*\) = "#, "$1, ...) = ")
            replace(#" /\* not captured[^*]*\*/$"#, "")
        }
        replace(#"si_utime=[0-9]+( /\* [0-9.]+ s \*/)?"#, "si_utime=?")
        replace(#"si_stime=[0-9]+( /\* [0-9.]+ s \*/)?"#, "si_stime=?")
        replace(#"/run/nstrace/[0-9a-f]+"#, "/run/nstrace/RUN")
        replace(#"^\[ Process PID=[0-9]+ runs in"#, "[ Process PID=? runs in")
        replace(#"(pipe|socket):\[[0-9]+\]"#, "$1:[?]")
        // The harness's output files, one directory per run.
        replace(#"/tmp/nstrace-test-[0-9A-F-]+/"#, "/tmp/TEST/")
        replace(#"0x[0-9a-f]{5,}"#, "0x?")
        replace(#"\b4026[0-9]{6}\b"#, "INODE")
        // Pids as the tree's labels where a line shows one: a result of a call that returns a
        // pid (not a read's count that happens to equal one), si_pid, a translation.
        let name = String(s.prefix { $0 != "(" })
        let returnsPid = ["clone", "clone3", "fork", "vfork", "wait4", "waitpid", "getpid", "gettid", "getppid",
                          "getpgid", "getsid", "getpgrp", "setsid", "set_tid_address", "kill", "tgkill"].contains(name)
            || s.hasPrefix("<... clone") || s.hasPrefix("<... wait4") || s.hasPrefix("<... vfork")
        for (pid, l) in labels {
            if returnsPid { replace("= \(pid)( |$)", "= \(l)$1") }
            replace("si_pid=\(pid)\\b", "si_pid=\(l)")
            replace("parent_tid=\\[\(pid)\\]", "parent_tid=[\(l)]")
            replace("/\\* \(pid) in", "/* \(l) in")
            replace("\\(\(pid)([,)])", "(\(l)$1")
            replace("/proc/\(pid)/", "/proc/\(l)/")
        }
        return s
    }

    func difference(_ other: PerTask) -> String {
        for key in Set(byTask.keys).union(other.byTask.keys).sorted() {
            let a = byTask[key] ?? [], b = other.byTask[key] ?? []
            if a != b {
                let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                return "\(key) line \(i): ptrace \(i < a.count ? a[i] : "(none)") | bpf \(i < b.count ? b[i] : "(none)") (\(a.count) vs \(b.count) lines)"
            }
        }
        return "no difference"
    }
}

/// The namespace transitions of a record, as two runs can be compared: by task (its place in
/// the tree), kind, cause and call; new namespaces are new inodes each run, the host's are
/// the same.
struct Transitions: Equatable, CustomStringConvertible {
    var items: [String]

    init(_ run: BPFTests.Run) {
        let label = run.treeLabels
        let host = Set(run.tasks.first?.ns?.inodes.values.map { $0 } ?? [])
        items = run.transitions.map { n in
            let from = host.contains(n.from) ? String(n.from) : "new"
            let call = (n.call ?? "").replacingOccurrences(of: #"0x[0-9a-f]{5,}"#, with: "0x?", options: .regularExpression)
                .replacingOccurrences(of: #"\b4026[0-9]{6}\b"#, with: "INODE", options: .regularExpression)
            return "\(label[n.pid] ?? "T?") \(n.kind.rawValue) \(from)→new \(n.cause) \(call)"
        }.sorted()
    }

    var description: String { items.joined(separator: "; ") }
}
