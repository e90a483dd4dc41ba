import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// What a run may leave on the host: every test compares it before and after.
struct HostState: Equatable, CustomStringConvertible {
    var mounts: [String]
    var netns: [String]
    var links: [String]
    var cgroups: [String]
    var runs: [String]

    static func list(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// The cgroup directories beneath the test process's own cgroup in the hierarchies a
    /// run may use (memory and pids, v1 here).
    static func cgroupDirs() -> [String] {
        let text = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        var out: [String] = []
        for line in text.split(separator: "\n") {
            let f = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count == 3, ["memory", "pids"].contains(String(f[1])) else { continue }
            let dir = "/sys/fs/cgroup/\(f[1])\(f[2] == "/" ? "" : String(f[2]))"
            out += list(dir).filter { $0.hasPrefix("nstrace-") }.map { "\(f[1]):\($0)" }
        }
        return out.sorted()
    }

    static func capture() -> HostState {
        let mountinfo = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        let points = mountinfo.split(separator: "\n").compactMap { line -> String? in
            let f = line.split(separator: " ")
            return f.count > 4 ? String(f[4]) : nil
        }
        return HostState(mounts: points.sorted(), netns: list("/run/netns"), links: list("/sys/class/net"),
                         cgroups: cgroupDirs(), runs: list("/run/nstrace"))
    }

    var description: String {
        "mounts \(mounts.count), netns \(netns), links \(links), cgroups \(cgroups), runs \(runs)"
    }
}

/// `nstrace run` (issue 6): each test checks the host is as before afterwards.
extension Harness {
    static let helloImage = sample("images/hello-world/docker-archive.tar")
    static let busyboxImage = sample("images/busybox/docker-archive.tar")
    static var imagesBuilt: Bool {
        FileManager.default.fileExists(atPath: helloImage) && FileManager.default.fileExists(atPath: busyboxImage)
    }
    static let images = "the sample images (make samples; needs umoci, skopeo, busybox-static)"
}

@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.images, Harness.imagesBuilt))
struct RunTests {
    static let helloImage = Harness.helloImage
    static let busybox = Harness.busyboxImage

    /// Runs `body` and checks nothing was left on the host.
    func unchanged(_ body: () throws -> Void) throws {
        let before = HostState.capture()
        try body()
        let after = HostState.capture()
        #expect(after == before, "left behind: before \(before), after \(after)")
    }

    @Test func helloWorldImage() throws {
        try unchanged {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let record = dir.appendingPathComponent("run.jsonl")
            let r = try Harness.nstrace(["run", "--record", record.path, Self.helloImage])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Hello from nstrace!"))
            let lines = try Harness.readRecord(record)
            var created = Set<NamespaceKind>()
            var nspid: [Int32: [Int32]] = [:]
            var execs: [(pid: Int32, args: [String], ret: Int64?)] = []
            for case .event(let e) in lines {
                switch e {
                case .namespace(let n): created.insert(n.kind.base)
                case .task(let t): nspid[t.pid] = t.nspid
                case .syscall(let s) where s.name == "execve": execs.append((s.pid, s.args, s.ret))
                default: break
                }
            }
            #expect(created.isSuperset(of: [.mnt, .uts, .ipc, .pid, .net, .cgroup, .time]), "\(created)")
            let hello = execs.first { $0.args.first == "\"/hello\"" }
            #expect(hello != nil, "no execve(\"/hello\") in \(execs)")
            if let hello {
                #expect(hello.ret == 0)
                #expect(nspid[hello.pid]?.last == 1, "execve(\"/hello\") not by PID 1 of its namespace: \(String(describing: nspid[hello.pid]))")
            }
        }
    }

    @Test func traceShowsTheSetUpSteps() throws {
        try unchanged {
            let r = try Harness.nstrace(["run", "--trace", "-e", "trace=unshare,mount,pivot_root,sethostname,execve",
                                         Self.helloImage])
            #expect(r.status == 0, "\(r.stderr)")
            let steps = r.stderrLines.compactMap { line -> String? in
                // "[pid 12 (1 in pid:[4026532180])] mount(...": the call follows the first "] ".
                let body = line.hasPrefix("[pid") ? line.range(of: "] ").map { String(line[$0.upperBound...]) } ?? line : line
                let name = body.prefix { $0 != "(" }
                return ["unshare", "mount", "pivot_root", "sethostname", "execve"].contains(String(name)) ? String(name) : nil
            }
            // runc's order: namespaces, mounts, hostname, pivot_root, exec.
            let order = ["unshare", "mount", "sethostname", "pivot_root", "execve"]
            let firsts = order.compactMap { steps.firstIndex(of: $0) }
            #expect(firsts.count == order.count, "\(steps)")
            #expect(firsts == firsts.sorted(), "\(steps)")
            #expect(r.stderr.contains("sethostname(\"hello-world\""))
            #expect(r.stderr.contains("(1 in pid:["), "PID 1 is not shown with its pid in the namespace")
        }
    }

    @Test func busyboxHostnamePidAndPs() throws {
        try unchanged {
            let r = try Harness.nstrace(["run", "--hostname", "bananaman", Self.busybox, "--", "sh", "-c", "hostname; echo $$; ps"])
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count >= 4, "\(r.stdout)")
            guard lines.count >= 4 else { return }
            #expect(lines[0] == "bananaman")
            #expect(lines[1] == "1")
            #expect(lines[2].contains("PID"))
            // Only the container's processes: small pids, none of the host's.
            let pids = lines[3...].compactMap { Int($0.split(separator: " ").first ?? "") }
            #expect(!pids.isEmpty && pids.allSatisfy { $0 < 10 }, "\(r.stdout)")
            #expect(pids.count <= 2, "\(r.stdout)")
        }
    }

    /// The overlay of cached layers shows the image's final tree: whiteouts (a file, a
    /// directory) and an opaque directory hide what lower layers had; WorkingDir and a
    /// --run-as user apply.
    @Test func layersWhiteoutsWorkdirAndUser() throws {
        try unchanged {
            let r = try Harness.nstrace(["run", "--run-as", "1000:1000", Self.busybox, "--", "sh", "-c",
                                         "pwd; id -u; id -g; ls -A /data; ls -A /data/keep; ls -A /opt/old; cat /etc/motd"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.split(separator: "\n").map(String.init)
                    == ["/data", "1000", "1000", "keep", "new.txt", "a", "fresh", "welcome to busybox (layer 2)"], "\(r.stdout)")
        }
    }

    @Test func vethReachesTheHostSideAndNsDrawsIt() throws {
        try unchanged {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let out = dir.appendingPathComponent("out")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Harness.nstrace)
            p.arguments = ["run", "--net", "veth", Self.busybox, "--", "sh", "-c",
                           "ping -c1 -W2 10.200.0.1 >/dev/null && echo PINGOK; sleep 4"]
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            p.standardOutput = try FileHandle(forWritingTo: out)
            try p.runUnblocked()
            defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) }; p.waitUntilExit() }
            let pinged = Harness.waitUntil(timeout: 20) {
                ((try? String(contentsOf: out, encoding: .utf8)) ?? "").contains("PINGOK")
            }
            #expect(pinged, "the container did not reach 10.200.0.1")
            // While it runs: nstrace ns sees the veth pair between the two namespaces.
            let ns = try Harness.nstrace(["ns", "--format", "dot"])
            #expect(ns.status == 0, "\(ns.stderr)")
            let vethLine = ns.stdout.split(separator: "\n").first { $0.contains("10.200.0.1/30") && $0.contains("10.200.0.2/30") }
            #expect(vethLine != nil, "no veth edge with both addresses in nstrace ns")
            if let vethLine {
                #expect(vethLine.contains("eth0") && vethLine.contains("nst-"))
                #expect(vethLine.contains("dir=none"))
            }
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
    }

    @Test func pidsLimitStopsAForkLoop() throws {
        try unchanged {
            let r = try Harness.nstrace(["run", "--pids", "10", Self.busybox, "--", "sh", "-c",
                                         "i=0; while [ $i -lt 40 ]; do sleep 3 & i=$((i+1)); done; echo all-started"])
            #expect(r.status != 0)
            #expect(!r.stdout.contains("all-started"), "40 children started under --pids 10")
            #expect(r.stderr.contains("can't fork") || r.stderr.contains("Resource temporarily unavailable"), "\(r.stderr)")
        }
    }

    @Test func memoryLimitKillsAnAllocationBeyondIt() throws {
        try unchanged {
            let small = try Harness.nstrace(["run", "--memory", "16m", Self.busybox, "--", "sh", "-c",
                                             "x=$(head -c 1000000 /dev/zero | tr '\\0' a); echo survived"])
            #expect(small.status == 0, "\(small.stderr)")
            #expect(small.stdout.contains("survived"))
            let big = try Harness.nstrace(["run", "--memory", "16m", Self.busybox, "--", "sh", "-c",
                                           "x=$(head -c 30000000 /dev/zero | tr '\\0' a); echo survived"])
            #expect(big.status == 137, "\(big.stderr)")
            #expect(!big.stdout.contains("survived"))
        }
    }

    @Test func userNamespaceMapsRootToTheCaller() throws {
        try unchanged {
            let r = try Harness.nstrace(["run", "--user", Self.busybox, "--", "sh", "-c", "id -u; cat /proc/self/uid_map"])
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(lines == ["0", "0 \(getuid()) 1"], "\(r.stdout)")
        }
    }

    @Test func unprivilegedRunWithUser() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // nobody cannot reach the build directory of every clone (umask 077, a private home).
        let bin = try Harness.nstraceForAnyUser()
        defer { try? FileManager.default.removeItem(at: bin.dir) }
        let rootfs = dir.appendingPathComponent("rootfs").path
        let unpack = try Harness.nstrace(["image", "unpack", Self.busybox, rootfs])
        #expect(unpack.status == 0, "\(unpack.stderr)")
        // The temporary directory is 0755 (Subprocess.tempDir) and the unpack made rootfs
        // 0755 whatever the umask.
        #expect(Fixture.mode(dir.path) == 0o755 && Fixture.mode(rootfs) == 0o755)
        let run = { (args: [String]) throws -> Harness.Result in
            try Harness.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                 "env", "HOME=\(dir.path)", "XDG_RUNTIME_DIR=", bin.path] + args)
        }
        let r = try run(["run", "--user", "--rootfs", rootfs, "--", "sh", "-c", "id -u; cat /proc/self/uid_map; echo $$"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines == ["0", "0 65534 1", "1"], "\(r.stdout)")
        // Without --user an ordinary user is told what to do.
        let refused = try run(["run", "--rootfs", rootfs, "--", "true"])
        #expect(refused.status == 125)
        #expect(refused.stderrLines.count == 1 && refused.stderr.contains("--user"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/nstrace-65534"), "the unprivileged run directory stayed")
    }

    /// A run, its layer cache and its run directory do not depend on the caller's umask
    /// (issue 16): under umask 077 a --run-as user still enters / and runs the entrypoint,
    /// the container starts with umask 0022 as under runc, and the cached layers have the
    /// same modes as those cached under umask 022.
    @Test func runAndLayerCacheDoNotDependOnTheUmask() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = "id -u; umask; ls -ldn / /data /etc /bin | cut -c1-10; echo x > /tmp/new; ls -ln /tmp/new | cut -c1-10"
        var outputs: [String: String] = [:]
        var caches: [String: [String: String]] = [:]
        for mask in ["077", "022"] {
            let cache = dir.appendingPathComponent("cache-\(mask)").path
            let r = try Harness.run("/bin/sh", ["-c", #"umask "$1"; NSTRACE_CACHE_DIR="$2"; export NSTRACE_CACHE_DIR; shift 2; exec "$@""#,
                                                "sh", mask, cache, Harness.nstrace, "run", "--run-as", "1000:1000", Self.busybox,
                                                "--", "sh", "-c", script])
            #expect(r.status == 0, "umask \(mask): \(r.stderr)")
            outputs[mask] = r.stdout
            // Every cached layer: its entries' types and modes.
            var modes: [String: String] = [:]
            let layers = cache + "/layers"
            for layer in HostState.list(layers) {
                let base = layers + "/" + layer
                modes[layer] = Fixture.mode(base).map { String($0, radix: 8) }
                let walker = FileManager.default.enumerator(atPath: base)
                while let rel = walker?.nextObject() as? String {
                    var st = stat()
                    if lstat(base + "/" + rel, &st) == 0 { modes[layer + "/" + rel] = String(st.st_mode, radix: 8) }
                }
            }
            caches[mask] = modes
        }
        #expect(outputs["077"] == ["1000", "0022", "drwxr-xr-x", "drwxr-xr-x", "drwxr-xr-x", "drwxr-xr-x", "-rw-r--r--"]
                    .joined(separator: "\n") + "\n", "\(outputs["077"] ?? "")")
        #expect(outputs["077"] == outputs["022"])
        #expect(caches["077"]?.isEmpty == false)
        let a = caches["077"] ?? [:], b = caches["022"] ?? [:]
        let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted().map { "\($0): \(a[$0] ?? "absent") vs \(b[$0] ?? "absent")" }
        #expect(differing.isEmpty, "layer cache modes under umask 077 vs 022:\n\(differing.joined(separator: "\n"))")
    }

    @Test func exitStatusesAndBadInput() throws {
        try unchanged {
            let three = try Harness.nstrace(["run", Self.busybox, "--", "sh", "-c", "exit 3"])
            #expect(three.status == 3)
            let missing = try Harness.nstrace(["run", Self.busybox, "--", "nosuchcommand"])
            #expect(missing.status == 127)
            #expect(missing.stderrLines == ["nstrace: cannot execute 'nosuchcommand' in the container: No such file or directory"])
            let notExec = try Harness.nstrace(["run", Self.busybox, "--", "/etc/motd"])
            #expect(notExec.status == 126)
            #expect(notExec.stderrLines.count == 1 && notExec.stderr.contains("Permission denied"))
            let noImage = try Harness.nstrace(["run", "/nonexistent/image.tar"])
            #expect(noImage.status == 125)
            #expect(noImage.stderrLines.count == 1 && noImage.stderr.contains("/nonexistent/image.tar"), "\(noImage.stderr)")
            let badType = try Harness.nstrace(["run", "--ns", "mnt,bogus", Self.busybox])
            #expect(badType.status == 125)
            #expect(badType.stderr.contains("bogus"))
            // PID 1 cannot be killed from inside its namespace; under --init the shell is PID 2.
            let killed = try Harness.nstrace(["run", "--init", Self.busybox, "--", "sh", "-c", "kill -9 $$"])
            #expect(killed.status == 137)
        }
    }

    @Test func sigtermIsForwardedAndTheGraphWritten() throws {
        try unchanged {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let svg = dir.appendingPathComponent("run.svg")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Harness.nstrace)
            p.arguments = ["run", "--init", "--graph", svg.path, Self.busybox, "--", "sh", "-c", "sleep \(Self.sigtermSleep)"]
            try p.runUnblocked()
            defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) }; p.waitUntilExit() }
            let started = Harness.waitUntil(timeout: 10) {
                !HostState.list("/run/nstrace").isEmpty && Self.sleeper(Self.sigtermSleep) != nil
            }
            #expect(started)
            usleep(200_000)
            kill(p.processIdentifier, SIGTERM)
            p.waitUntilExit()
            // The tiny init passes SIGTERM to the shell, which dies of it.
            #expect(p.terminationStatus == 143)
            let text = (try? String(contentsOf: svg, encoding: .utf8)) ?? ""
            #expect(text.contains("<svg"), "no SVG graph written")
            #expect(text.contains("pid:["), "the graph shows no pid namespace")
            // The container's processes die with its pid namespace; one being killed may
            // still be listed for a moment, none may stay.
            #expect(Harness.waitUntil(timeout: 5) { Self.sleeper(Self.sigtermSleep) == nil }, "a process of the run survived")
        }
    }

    /// Each test's sleep takes its own number of seconds, so a `sleep 30` of another suite
    /// (trace and compare tests run them too) is never taken for a process of this run.
    static let sigtermSleep = 47, sigkillSleep = 48

    /// A process of the busybox "sleep N" run, if any.
    static func sleeper(_ seconds: Int) -> pid_t? {
        for name in HostState.list("/proc") {
            guard let pid = pid_t(name),
                  let cmd = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { continue }
            if cmd == "sleep\u{0}\(seconds)\u{0}" || cmd == "sh\u{0}-c\u{0}sleep \(seconds)\u{0}" { return pid }
        }
        return nil
    }

    @Test func cleanupAfterSigkill() throws {
        let before = HostState.capture()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.nstrace)
        p.arguments = ["run", "--memory", "64m", "--pids", "50", "--net", "veth", Self.busybox, "--", "sh", "-c",
                       "sleep \(Self.sigkillSleep)"]
        try p.runUnblocked()
        let started = Harness.waitUntil(timeout: 10) { Self.sleeper(Self.sigkillSleep) != nil && !HostState.cgroupDirs().isEmpty }
        #expect(started)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // EXITKILL: the container dies with its tracer; the veth and the host-side
        // namespace go with their last reference.
        #expect(Harness.waitUntil(timeout: 5) { Self.sleeper(Self.sigkillSleep) == nil }, "a process of the run survived SIGKILL of nstrace")
        let left = HostState.capture()
        #expect(left.runs.count == before.runs.count + 1, "no run directory left to clean: \(left)")
        #expect(left.cgroups.count > before.cgroups.count)
        let c = try Harness.nstrace(["run", "--cleanup"])
        #expect(c.status == 0)
        #expect(c.stdout.contains("removed run"), "\(c.stdout)")
        #expect(c.stdout.contains("removed cgroup"), "\(c.stdout)")
        // Nothing of this run is left; --cleanup may also have removed a dead run another
        // program left before the test (the host's business, not this test's).
        #expect(Harness.waitUntil(timeout: 5) {
            var now = HostState.capture()
            guard Set(now.runs).isSubset(of: before.runs) else { return false }
            now.runs = before.runs
            return now == before
        }, "after --cleanup: \(HostState.capture()) vs \(before)")
    }
}

/// What `nstrace run` leaves when it fails or is cut short, and what `--cleanup` may take.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.images, Harness.imagesBuilt))
struct RunLeftoverTests {
    /// `nstrace ARGS` with NSTRACE_RUN_DIR=runs (a base of the test's own).
    static func nstrace(runs: String, _ args: [String]) throws -> Harness.Result {
        try Harness.run("/usr/bin/env", ["NSTRACE_RUN_DIR=" + runs, Harness.nstrace] + args)
    }

    /// A run directory whose run is still starting (its lock held, no state.json yet), and
    /// one caught between its mkdir and its lock, are not `--cleanup`'s to remove; one whose
    /// lock nobody holds is.
    @Test func cleanupLeavesARunThatIsStillStartingAlone() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = dir.appendingPathComponent("runs").path
        // A directory being made is named with its maker's pid and start time: this test
        // process (alive) for one, a pid that cannot be alive for the other.
        let stat = try String(contentsOfFile: "/proc/self/stat", encoding: .utf8)
        let afterComm = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        let myStart = String(afterComm[19])
        let starting = runs + "/0000000000aa", fresh = runs + "/.new-0000000000bb-\(getpid())-\(myStart)"
        let stale = runs + "/0000000000cc", killedMaker = runs + "/.new-0000000000dd-\(Int32.max)-1"
        for d in [starting, fresh, stale, killedMaker] {
            try FileManager.default.createDirectory(atPath: d + "/upper", withIntermediateDirectories: true)
        }
        let lock = open(starting + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { close(lock) }
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        #expect(FileManager.default.createFile(atPath: stale + "/lock", contents: nil))
        let r = try Self.nstrace(runs: runs, ["run", "--cleanup"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: starting + "/upper"), "--cleanup removed a run that is starting: \(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: fresh + "/upper"), "--cleanup removed a run directory being made: \(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: stale), "--cleanup left a run nobody holds: \(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: killedMaker), "--cleanup left a directory whose maker is gone: \(r.stdout)")
        #expect(r.stdout.contains("removed run 0000000000cc") && r.stdout.contains("still running: 0000000000aa"), "\(r.stdout)")
    }

    /// nstrace SIGKILLed right after it made a cgroup (at its next syscall, the open of the
    /// limit file): the state already names the cgroup, so `--cleanup` removes it.
    @Test(.requires(Harness.strace, Harness.hasStrace))
    func cleanupRemovesACgroupMadeJustBeforeAKill() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = HostState.capture()
        let log = dir.appendingPathComponent("strace.log").path
        let run = ["/usr/bin/env", "NSTRACE_RUN_DIR=/run/nstrace", Harness.nstrace, "run", "--memory", "64m", "--net", "none",
                   Harness.busyboxImage, "--", "sh", "-c", "exit 0"]
        // First: which of nstrace's openat calls (its main thread only, no -f) opens the
        // new cgroup's limit file. The run is the same the second time (warm layer cache).
        _ = try Harness.run(Harness.nstrace, ["run", Harness.busyboxImage, "--", "sh", "-c", "exit 0"])
        let first = try Harness.run("/usr/bin/strace", ["-o", log, "-e", "trace=openat"] + run)
        #expect(first.status == 0, "\(first.stderr)")
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("openat(") }
        let limitFile = try #require(calls.firstIndex { $0.contains("/nstrace-") && ($0.contains("memory.limit_in_bytes") || $0.contains("memory.max")) },
                                     "no open of a cgroup limit file in \(calls.count) openat calls")
        let second = try Harness.run("/usr/bin/strace", ["-o", log, "-e", "trace=openat",
                                                         "-e", "inject=openat:signal=SIGKILL:when=\(limitFile + 1)"] + run)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("killed by SIGKILL"), "\(text.suffix(500))")
        #expect(text.split(separator: "\n").last { $0.hasPrefix("openat(") }?.contains("/nstrace-") == true,
                "killed elsewhere: \(text.suffix(500)) \(second.stderr)")
        let left = HostState.capture()
        #expect(left.cgroups.count > before.cgroups.count, "no cgroup was made before the kill: \(left)")
        let c = try Harness.nstrace(["run", "--cleanup"])
        #expect(c.status == 0)
        #expect(c.stdout.contains("removed cgroup"), "\(c.stdout)")
        #expect(Harness.waitUntil(timeout: 5) { HostState.capture() == before }, "after --cleanup: \(HostState.capture()) vs \(before)")
    }

    /// `--graph` that cannot be drawn (a command line that breaks the DOT text, a file that
    /// cannot be written): an error, and the run's cgroup and directory are gone all the same.
    @Test(arguments: ["dot", "full"])
    func failedGraphLeavesNothingBehind(_ how: String) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = HostState.capture()
        let svg = dir.appendingPathComponent("run.svg")
        var command = ["sh", "-c", "true"]
        if how == "dot" {
            // A `"` with a combining mark (one Character, not equal to `"`) breaks the DOT
            // of an escaper that walks Characters; whether or not it does, nothing may stay.
            command.append("x\"\u{301};}}}{{{ ]]] \"\u{301} ->")
        } else {
            #expect(symlink("/dev/full", svg.path) == 0)
        }
        let r = try Harness.nstrace(["run", "--memory", "64m", "--graph", svg.path, Harness.busyboxImage, "--"] + command)
        if how == "full" {
            #expect(r.status == 125, "exit \(r.status): \(r.stderr)")
            #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
        } else {
            let drawn = ((try? String(contentsOf: svg, encoding: .utf8)) ?? "").contains("<svg")
            #expect(drawn ? r.status == 0 : r.status == 125, "exit \(r.status): \(r.stderr)")
        }
        #expect(HostState.capture() == before, "left behind: \(HostState.capture()) vs \(before)")
    }
}

/// Issue 10's fault loop for `nstrace run`: SIGKILL, SIGTERM or SIGINT to nstrace at a
/// random moment of a run with cgroups and a veth; afterwards (with `--cleanup` after a
/// SIGKILL) no process of the run remains and the host is as before.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.images, Harness.imagesBuilt))
struct RunFaultTests {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["NSTRACE_FAULT_ITERATIONS"].flatMap(Int.init) ?? 50
    }

    /// Pids of processes whose environment holds `marker`.
    static func marked(_ marker: String) -> [pid_t] {
        HostState.list("/proc").compactMap { name -> pid_t? in
            guard let pid = pid_t(name), let env = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return nil }
            return env.range(of: Data(marker.utf8)) != nil ? pid : nil
        }
    }

    /// Whether `pid` has handlers for SIGINT and SIGTERM (SigCgt of /proc/PID/status).
    static func handlesStopSignals(_ pid: pid_t) -> Bool {
        guard let caught = Harness.status(pid, "SigCgt").flatMap({ UInt64($0, radix: 16) }) else { return false }
        let both: UInt64 = 1 << (UInt64(SIGINT) - 1) | 1 << (UInt64(SIGTERM) - 1)
        return caught & both == both
    }

    @Test(.timeLimit(.minutes(5))) func signalsAtRandomMomentsLeaveNothing() throws {
        let before = HostState.capture()
        var generator = SystemRandomNumberGenerator()
        var failures: [String] = []
        for i in 0..<Self.iterations {
            let marker = "NSTRACE_FAULT=\(getpid())-\(i)"
            let signal = [SIGKILL, SIGTERM, SIGINT][i % 3]
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Harness.nstrace)
            p.arguments = ["run", "--stop-timeout", "0.5", "--memory", "64m", "--net", i % 2 == 0 ? "veth" : "none",
                           "--env", marker] + (i % 4 < 2 ? ["--init"] : [])
                + [Harness.busyboxImage, "--", "sh", "-c", "while :; do sleep 0.05 & wait; done"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.runUnblocked()
            // The random moment is one of the run: from when nstrace handles SIGINT and
            // SIGTERM, its first step (before it, the default action ends nstrace, before
            // anything is made, as Ctrl-C ends any program that has not started).
            _ = Harness.waitUntil(timeout: 10) { Self.handlesStopSignals(p.processIdentifier) || !p.isRunning }
            usleep(UInt32.random(in: 0...600_000, using: &generator))
            kill(p.processIdentifier, signal)
            // A run must end on its own after a signal (within --stop-timeout and a kill).
            if !Harness.waitUntil(timeout: 30, { !p.isRunning }) {
                failures.append("iteration \(i) (\(signal)): nstrace still running 30 s after the signal")
                kill(p.processIdentifier, SIGKILL)
            }
            p.waitUntilExit()
            if signal == SIGKILL || failures.last?.hasPrefix("iteration \(i) ") == true {
                _ = try Harness.nstrace(["run", "--cleanup"])
            }
            if !Harness.waitUntil(timeout: 5, { Self.marked(marker).isEmpty }) {
                failures.append("iteration \(i) (\(signal)): processes left: \(Self.marked(marker))")
                for pid in Self.marked(marker) { kill(pid, SIGKILL) }
            }
            if !Harness.waitUntil(timeout: 5, { HostState.capture() == before }) {
                failures.append("iteration \(i) (\(signal)): \(HostState.capture()) vs \(before)")
                _ = try Harness.nstrace(["run", "--cleanup"])
            }
            if signal != SIGKILL && p.terminationReason == .uncaughtSignal {
                failures.append("iteration \(i): nstrace died of signal \(p.terminationStatus) instead of ending the run")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

extension RunFaultTests {
    /// `nstrace run --cleanup` again and again while runs start: a starting or running
    /// run is never taken (its lock is held), every run ends as its command does, and
    /// afterwards nothing is left.
    @Test(.timeLimit(.minutes(10))) func cleanupRacingStartingRunsLeavesThemAlone() throws {
        let before = HostState.capture()
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // `--cleanup` in a loop, all the time the runs start and end.
        let log = dir.appendingPathComponent("cleanup.log")
        let loop = Process()
        loop.executableURL = URL(fileURLWithPath: "/bin/sh")
        loop.arguments = ["-c", "while :; do \(Subprocess.shellQuote(Harness.nstrace)) run --cleanup || echo FAILED $?; done > \(Subprocess.shellQuote(log.path)) 2>&1"]
        try loop.runUnblocked()
        var failures: [String] = []
        let runs = max(5, Self.iterations / 2)
        for i in 0..<runs {
            let r = try Harness.nstrace(["run", "--memory", "64m", Harness.busyboxImage, "--", "sh", "-c", "echo started-\(i)"])
            if r.status != 0 || r.stdout != "started-\(i)\n" {
                failures.append("run \(i) failed beside --cleanup: \(r.status) \(r.stdout) \(r.stderr)")
            }
        }
        kill(loop.processIdentifier, SIGTERM)
        loop.waitUntilExit()
        _ = try Harness.nstrace(["run", "--cleanup"])
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n")
        #expect(lines.count > runs, "the cleanup loop hardly ran: \(lines.count) lines")
        for line in lines where line.hasPrefix("removed") || line.hasPrefix("FAILED") {
            failures.append("--cleanup beside live runs: \(line)")
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(Harness.waitUntil(timeout: 5) { HostState.capture() == before }, "\(HostState.capture()) vs \(before)")
    }
}

/// Issue 9's Perfetto export of a run.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.images, Harness.imagesBuilt))
struct RunExportTests {
    /// A Perfetto trace of a busybox run: valid JSON with one track (thread) per task.
    @Test func perfettoOfABusyboxRun() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = dir.appendingPathComponent("run.jsonl")
        let trace = dir.appendingPathComponent("run.json")
        let r = try Harness.nstrace(["run", "--record", record.path, Harness.busyboxImage, "--", "sh", "-c", "ls / >/dev/null; echo hi | cat"])
        #expect(r.status == 0, "\(r.stderr)")
        let g = try Harness.nstrace(["graph", "--format", "perfetto", "-o", trace.path, record.path])
        #expect(g.status == 0, "\(g.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: trace)) as? [String: Any]
        let events = json?["traceEvents"] as? [[String: Any]] ?? []
        var tasks = Set<Int>()
        for case .event(.task(let t)) in try Harness.readRecord(record) { tasks.insert(Int(t.pid)) }
        let named = Set(events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
            .compactMap { $0["tid"] as? Int })
        let sliced = Set(events.filter { $0["ph"] as? String == "X" }.compactMap { $0["tid"] as? Int })
        // The set-up process, PID 1 (sh) and its children ls, echo's subshell and cat.
        #expect(tasks.count >= 4, "\(tasks)")
        #expect(named == tasks, "tracks \(named) for tasks \(tasks)")
        #expect(sliced.isSubset(of: tasks) && sliced.count == tasks.count)
    }
}
