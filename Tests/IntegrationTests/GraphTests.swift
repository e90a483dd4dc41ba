import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// `nstrace ns` and `nstrace graph` on the real system (issue 4). Root; serialized: the
/// tests make network namespaces, veth pairs and processes, and remove them.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot))
struct GraphTests {
    static let ip = "/usr/sbin/ip"

    /// The seed's example: red and blue joined by a veth pair, 192.168.15.1/.2.
    struct RedBlue {
        let red: String
        let blue: String
        init() throws {
            let tag = getpid()
            red = "nst-red-\(tag)"
            blue = "nst-blue-\(tag)"
            let steps: [[String]] = [
                ["netns", "add", red], ["netns", "add", blue],
                ["link", "add", "nstr\(tag)", "type", "veth", "peer", "name", "nstb\(tag)"],
                ["link", "set", "nstr\(tag)", "netns", red], ["link", "set", "nstb\(tag)", "netns", blue],
                ["-n", red, "addr", "add", "192.168.15.1/24", "dev", "nstr\(tag)"],
                ["-n", blue, "addr", "add", "192.168.15.2/24", "dev", "nstb\(tag)"],
                ["-n", red, "link", "set", "nstr\(tag)", "up"], ["-n", blue, "link", "set", "nstb\(tag)", "up"],
            ]
            for s in steps {
                let r = try Harness.run(GraphTests.ip, s)
                if r.status != 0 {
                    remove()
                    throw Failure(message: "ip \(s.joined(separator: " ")): \(r.stderr)")
                }
            }
        }
        func remove() {
            _ = try? Harness.run(GraphTests.ip, ["netns", "delete", red])
            _ = try? Harness.run(GraphTests.ip, ["netns", "delete", blue])
        }
        func inode(_ name: String) -> UInt64 {
            var st = stat()
            return stat("/run/netns/\(name)", &st) == 0 ? UInt64(st.st_ino) : 0
        }
    }

    struct Failure: Error { var message: String }

    // 1. dot has both namespaces and one veth edge with both names; svg is valid XML.
    @Test func redBlueVethInDotAndSVG() throws {
        let rb = try RedBlue()
        defer { rb.remove() }
        let tag = getpid()
        let r = try Harness.nstrace(["ns", "--format", "dot"])
        #expect(r.status == 0, "\(r.stderr)")
        let red = "net:[\(rb.inode(rb.red))]", blue = "net:[\(rb.inode(rb.blue))]"
        #expect(r.stdout.contains("\"\(red)\" [") && r.stdout.contains("\"\(blue)\" ["))
        let veths = r.stdout.split(separator: "\n").filter { $0.contains("dir=none") && $0.contains("nstr\(tag)") }
        #expect(veths.count == 1)
        #expect(veths.first.map { $0.contains("nstb\(tag)") && $0.contains("192.168.15.1/24") && $0.contains("192.168.15.2/24") } == true)
        #expect(veths.first.map { ($0.contains("\"\(red)\" -> \"\(blue)\"") || $0.contains("\"\(blue)\" -> \"\(red)\"")) } == true)

        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("ns.svg")
        let s = try Harness.nstrace(["ns", "--types", "net", "--format", "svg", "-o", svg.path])
        #expect(s.status == 0, "\(s.stderr)")
        let check = try Harness.run("/usr/bin/env", ["python3", "-c", """
            import sys, xml.etree.ElementTree as E
            root = E.parse(sys.argv[1]).getroot()
            texts = ''.join(t.text or '' for t in root.iter('{http://www.w3.org/2000/svg}text'))
            assert root.tag == '{http://www.w3.org/2000/svg}svg', root.tag
            assert 'nstr\(tag)' in texts and 'nstb\(tag)' in texts, texts
            print('ok')
            """, svg.path])
        #expect(check.stdout == "ok\n", "\(check.stderr)")
        let png = dir.appendingPathComponent("ns.png")
        #expect(try Harness.nstrace(["ns", "--types", "net", "--format", "png", "-o", png.path]).status == 0)
        let magic = try Data(contentsOf: png).prefix(4)
        #expect(Array(magic) == [0x89, 0x50, 0x4E, 0x47])
    }

    // Two veth pairs whose ends have the same ifindexes: pairs come from the peer's
    // namespace (IFLA_LINK_NETNSID resolved with RTM_GETNSID), not from the indexes alone.
    @Test func vethPairsWithEqualIndexesAreNotMixedUp() throws {
        let tag = getpid()
        let names = ["a1", "a2", "b2", "b1"].map { "nstv-\($0)-\(tag)" }
        defer { for n in names { _ = try? Harness.run(Self.ip, ["netns", "delete", n]) } }
        for n in names { #expect(try Harness.run(Self.ip, ["netns", "add", n]).status == 0) }
        for (a, b) in [("a1", "b1"), ("a2", "b2")] {
            // Made inside the namespaces: every end gets ifindex 2 (after lo).
            #expect(try Harness.run(Self.ip, ["-n", "nstv-\(a)-\(tag)", "link", "add", "va\(tag)", "type", "veth",
                                              "peer", "name", "vb\(tag)", "netns", "nstv-\(b)-\(tag)"]).status == 0)
        }
        func inode(_ n: String) -> UInt64 {
            var st = stat()
            return stat("/run/netns/nstv-\(n)-\(tag)", &st) == 0 ? UInt64(st.st_ino) : 0
        }
        let r = try Harness.nstrace(["ns", "--types", "net", "--format", "json"])
        let g = try JSONDecoder().decode(NamespaceGraph.self, from: Data(r.stdout.utf8))
        let mine = g.veths.filter { $0.aInterface == "va\(tag)" || $0.aInterface == "vb\(tag)" }
        let pairs = Set(mine.map { Set([$0.a.inode, $0.b.inode]) })
        #expect(pairs == [Set([inode("a1"), inode("b1")]), Set([inode("a2"), inode("b2")])], "\(mine)")
    }

    // 2. json has every namespace lsns -J has, with the same counts, plus those lsns misses.
    @Test func jsonCoversLsnsAndMore() throws {
        let rb = try RedBlue()
        defer { rb.remove() }
        // A network namespace held only by an open fd: open it, then remove its bind mount.
        let fdName = "nst-fd-\(getpid())"
        #expect(try Harness.run(Self.ip, ["netns", "add", fdName]).status == 0)
        var st = stat()
        stat("/run/netns/\(fdName)", &st)
        let fdOnly = UInt64(st.st_ino)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 3</run/netns/\(fdName); \(Self.ip) netns delete \(fdName); echo ready; exec sleep 60"]
        let out = Pipe()
        holder.standardOutput = out
        try holder.runUnblocked()
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        _ = out.fileHandleForReading.availableData // "ready"

        struct Lsns: Decodable {
            struct NS: Decodable { var ns: UInt64; var type: String; var nprocs: Int }
            var namespaces: [NS]
        }
        var missing: [String] = []
        var wrongCounts: [String] = []
        var graph: NamespaceGraph?
        for _ in 0..<3 {
            let l = try Harness.run("/usr/bin/lsns", ["-J", "-o", "NS,TYPE,NPROCS"])
            let n = try Harness.nstrace(["ns", "--format", "json"])
            let lsns = try JSONDecoder().decode(Lsns.self, from: Data(l.stdout.utf8))
            let g = try JSONDecoder().decode(NamespaceGraph.self, from: Data(n.stdout.utf8))
            graph = g
            missing = []
            wrongCounts = []
            for ns in lsns.namespaces {
                guard let kind = NamespaceKind(rawValue: ns.type), let ours = g.namespace(NamespaceID(type: kind, inode: ns.ns)) else {
                    missing.append("\(ns.type):[\(ns.ns)]")
                    continue
                }
                // The host's namespaces hold every process on the machine, and processes come
                // and go between the two snapshots (the tools themselves, builds running on
                // the machine): a small difference there is churn. Every other namespace must
                // match exactly.
                let slack = ours.isInitial ? 5 : 0
                if abs(ours.processes.count - ns.nprocs) > slack {
                    wrongCounts.append("\(ns.type):[\(ns.ns)] lsns \(ns.nprocs) nstrace \(ours.processes.count)")
                }
            }
            if missing.isEmpty && wrongCounts.isEmpty { break }
        }
        #expect(missing.isEmpty, "\(missing)")
        #expect(wrongCounts.isEmpty, "\(wrongCounts)")
        let g = try #require(graph)
        let red = g.namespace(NamespaceID(type: .net, inode: rb.inode(rb.red)))
        #expect(red?.holders.contains(.bindMount("/run/netns/\(rb.red)")) == true)
        #expect(red?.processes.isEmpty == true)
        #expect(g.namespace(NamespaceID(type: .net, inode: rb.inode(rb.blue)))?.facts.interfaces?.contains { $0.addresses.contains("192.168.15.2/24") } == true)
        let held = g.namespace(NamespaceID(type: .net, inode: fdOnly))
        #expect(held?.holders == [.fd(pid: holder.processIdentifier, fd: 3)], "\(String(describing: held))")
    }

    // 3. graph of a recorded unshare -fpu --mount-proc: the unsharing task, the new
    // uts/pid/mnt namespaces, ps as PID 1, edges labelled by syscall.
    @Test func graphOfARecordedUnshare() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("r.jsonl")
        let t = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec.path, "--",
                                     "unshare", "-fpu", "--mount-proc", "sh", "-c", "hostname x; exec ps -o pid,comm"])
        #expect(t.status == 0)
        #expect(t.stdout.contains("      1 ps\n"))
        let lines = try Harness.readRecord(rec)
        let g = GraphFromRecord.build(lines)
        let root = try #require(g.processes.first)
        #expect(root.comm == "unshare")
        let moved = Set(g.transitions.filter { $0.pid == root.pid }.map(\.kind))
        #expect(moved == [.uts, .mnt, .pidForChildren])
        let ps = try #require(g.processes.first { $0.comm == "ps" })
        #expect(ps.innerPid == 1)

        let tree = try Harness.nstrace(["graph", rec.path])
        #expect(tree.status == 0)
        #expect(tree.stdout.hasPrefix("\(root.pid) unshare: "))
        #expect(tree.stdout.contains("by unshare @"))
        #expect(tree.stdout.contains("\(ps.pid) ps (1 inside)"))
        let dot = try Harness.nstrace(["graph", rec.path, "--format", "dot"])
        for kind: NamespaceKind in [.uts, .mnt, .pid] {
            let to = try #require(g.transitions.first { $0.pid == root.pid && $0.to.type == kind }).to
            #expect(dot.stdout.contains("\"p\(root.pid)\" -> \"\(to)\" [color=\"#cc0000\", fontcolor=\"#cc0000\", label=\"unshare"), "\(kind)")
        }
        #expect(dot.stdout.contains("\(ps.pid) ps\\n(1 in pid:["))
        #expect(g.namespaces.contains { $0.id.type == .uts && $0.facts.hostname == "x" })
        // A record cut in the middle of a line still draws what it has.
        var data = try Data(contentsOf: rec)
        data.removeLast(20)
        let cut = dir.appendingPathComponent("cut.jsonl")
        try data.write(to: cut)
        #expect(try Harness.nstrace(["graph", cut.path]).status == 0)
    }

    @Test func badRecordsAreOneLineErrors() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notOurs = dir.appendingPathComponent("x.json")
        try Data("{\"hello\": 1}\n".utf8).write(to: notOurs)
        let r = try Harness.nstrace(["graph", notOurs.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("nstrace: \(notOurs.path): line 1: ") && r.stderr.split(separator: "\n").count == 1)
        let newer = dir.appendingPathComponent("new.jsonl")
        try Data(#"{"type":"header","format":"nstrace-record","version":99,"command":[],"attached":[],"start":"","startEpoch":0,"kernel":"","machine":"","hostname":"","tool":""}"#.utf8).write(to: newer)
        let n = try Harness.nstrace(["graph", newer.path])
        #expect(n.status == 1 && n.stderr.contains("newer"))
        let missing = try Harness.nstrace(["graph", dir.appendingPathComponent("nope").path])
        #expect(missing.status == 1 && missing.stderr.contains("No such file or directory"))
        #expect(try Harness.nstrace(["ns", "--types", "bogus"]).status == 64)
        #expect(try Harness.nstrace(["ns", "--pid", "999999999"]).status == 1)
    }

    // 4. A user namespace owning a pid namespace that has a child pid namespace: the tree
    // shows user → pid → pid, each deeper.
    @Test func nestedTreeShowsTheHierarchy() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["-U", "-r", "--fork", "--pid", "sh", "-c", "unshare --fork --pid sleep 60"]
        p.standardOutput = FileHandle.nullDevice
        try p.runUnblocked()
        defer { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        // Find the innermost sleep: a descendant of p with three NSpid levels.
        var sleeper: pid_t = 0
        try #require(Harness.waitUntil(timeout: 10) {
            let dirs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            for d in dirs {
                guard let pid = pid_t(d), Harness.status(pid, "Name") == "sleep",
                      let nspid = Harness.status(pid, "NSpid"), nspid.split(whereSeparator: { $0 == " " || $0 == "\t" }).count == 3 else { continue }
                var anc = Harness.status(pid, "PPid").flatMap { pid_t($0) } ?? 0
                for _ in 0..<4 where anc > 1 {
                    if anc == p.processIdentifier { sleeper = pid; return true }
                    anc = Harness.status(anc, "PPid").flatMap { pid_t($0) } ?? 0
                }
            }
            return false
        })
        defer { kill(sleeper, SIGKILL) }
        func link(_ kind: String) -> String {
            var buf = [CChar](repeating: 0, count: 128)
            let n = readlink("/proc/\(sleeper)/ns/\(kind)", &buf, 127)
            return String(decoding: buf[0..<max(0, n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let user = link("user"), pid = link("pid")
        let r = try Harness.nstrace(["ns", "--pid", String(sleeper), "--format", "tree"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        func depth(_ s: String) -> Int { s.prefix { !$0.isLetter }.count }
        let u = lines.firstIndex { $0.contains(user + ",") || $0.contains(user + " ") }
        let inner = lines.firstIndex { $0.contains(pid + ",") }
        try #require(u != nil && inner != nil, "\(r.stdout)")
        // Between them, the middle pid namespace, one level down from the user namespace.
        let middle = lines[(u! + 1)..<inner!].first { $0.contains("pid:[") }
        #expect(middle != nil, "\(r.stdout)")
        if let middle {
            #expect(depth(middle) > depth(lines[u!]))
            #expect(depth(lines[inner!]) > depth(middle))
        }
        #expect(lines[inner!].contains("\(sleeper) sleep (1 inside)"))
    }
}
