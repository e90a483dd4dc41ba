import Foundation
@testable import NSCompare
import NSCore
import Testing
import TestSupport

@Suite struct CompareAnalysisTests {
    @Test func scopeStartsAtTheCommandsExec() throws {
        let inside = SideTrace.analyze(try RecordReader.parse(Fixtures.inside.data))
        #expect(inside.rootPid == 201)
        #expect(inside.program == "/usr/bin/ps")
        #expect(inside.nspid == [201, 1])
        #expect(inside.ppidInside == 0)
        #expect(inside.namespaces[.pid] == 4026532301)
        #expect(inside.namespaces[.mnt] == 4026532300)
        // The set-up (unshare, fork, mounts, the failed PATH lookup, the waiting parent).
        #expect(inside.setup["unshare"] == 1)
        #expect(inside.setup["mount"] == 2)
        #expect(inside.setup["execve"] == 1)
        #expect(inside.setup["wait4"] == 1)
        #expect(inside.counts["unshare"] == nil)
        #expect(inside.counts["execve"] == 1)
        #expect(inside.exitCode == 0)
        #expect(inside.values["getpid"] == [.number(1)])
        #expect(inside.values["uname nodename"] == [.text("vm")])
        #expect(inside.listings["/proc"] == [62])
        #expect(inside.procPids == [1])
        #expect(inside.paths["/etc/ps.conf"]?.status == "ENOENT")
        #expect(inside.paths["/proc/[pid]/stat"]?.ok == 1)
    }

    @Test func outsideSide() throws {
        let o = SideTrace.analyze(try RecordReader.parse(Fixtures.outside.data))
        #expect(o.rootPid == 100)
        #expect(o.setup.isEmpty)
        #expect(o.ppidInside == nil)
        #expect(o.procPids == [1, 57, 100])
        #expect(o.listings["/proc"] == [64])
        #expect(o.processes == 1)
    }

    @Test func argumentTexts() {
        #expect(QuotedText.unquote("\"/etc/hostname\"") == "/etc/hostname")
        #expect(QuotedText.unquote("\"a\\\"b\\\\c\\n\"") == "a\"b\\c\n")
        #expect(QuotedText.unquote("\"\\303\\251t\\303\\251\"") == "été")
        #expect(QuotedText.unquote("\"/very/long\"...") == nil)
        #expect(QuotedText.unquote("AT_FDCWD") == nil)
        #expect(SideTrace.fdPath("3</proc>") == "/proc")
        #expect(SideTrace.fdPath("3<socket:[123]>") == nil)
        #expect(SideTrace.fdPath("3<\\74odd\\76>") == nil)
        #expect(SideTrace.fdPath("3</a\\74b>") == "/a<b")
        #expect(SideTrace.fdNumber("3</proc>") == 3)
        #expect(SideTrace.entries("0x55d0 /* 62 entries */") == 62)
        #expect(SideTrace.procKey("/proc/12/task/13/stat").0 == "/proc/[pid]/task/[tid]/stat")
        #expect(SideTrace.procKey("/proc/self/stat").1 == nil)
        #expect(SideTrace.normalize("/a//b/./c/") == "/a/b/c")
        #expect(SideFacts.path(forRecord: "dir/outside.jsonl") == "dir/outside.side.json")
    }

    @Test func relativeLookupsUseTheirDirectoryFD() throws {
        var r = Fixtures.Record(command: ["find"])
        r.task(10)
        r.exec(10, "/usr/bin/find")
        r.call(10, "openat", ["AT_FDCWD", "\"/etc\"", "O_RDONLY|O_DIRECTORY"], 4)
        r.call(10, "newfstatat", ["4", "\"hostname\"", "{...}", "0"], 0)
        r.call(10, "newfstatat", ["5</usr>", "\"lib\"", "{...}", "0"], 0)
        let t = SideTrace.analyze(try RecordReader.parse(r.data))
        #expect(t.paths["/etc/hostname"]?.ok == 1)
        #expect(t.paths["/usr/lib"]?.ok == 1)
    }
}

@Suite struct CompareReportTests {
    @Test func identityAndVerdicts() throws {
        let (r, _, _) = try Fixtures.report()
        let pidNs = try #require(r.identity.first { $0.name == "pid" && $0.kind == "namespace" })
        #expect(!pidNs.same)
        #expect(r.identity.first { $0.name == "uts" }?.same == true)
        let pid = try #require(r.identity.first { $0.name == "PID" })
        #expect(pid.inside == .number(1) && !pid.same)
        let v = try #require(r.verdicts.first { $0.type == .pid })
        #expect(v.different)
        #expect(v.text.contains("ps saw 1 process inside, 3 outside"))
        #expect(r.verdicts.first { $0.type == .net }?.text == "same namespace on both sides: no effect")
        #expect(r.results.contains { $0.call == "getpid" && $0.inside == [.number(1)] && $0.outside == [.number(100)] })
        #expect(r.listings == [.init(path: "/proc", outside: 64, inside: 62)])
        #expect(r.files.missingInside.map(\.path) == ["/etc/ps.conf"])
        #expect(!r.stdout.same && r.stdout.diff.contains("-   57 ?        00:00:00 sshd"))
        #expect(r.stderr.same)
        #expect(r.inside.setup.first?.name == "mount")
        #expect(r.syscalls.first { $0.name == "openat" }.map { $0.outside - $0.inside } == 2)
    }

    @Test func withoutSideFilesWhatTheTraceTells() throws {
        let (r, _, _) = try Fixtures.report(withFacts: false)
        #expect(!r.stdout.known)
        #expect(r.identity.first { $0.name == "PID" }?.inside == .number(1))
        #expect(r.identity.first { $0.name == "PPID" }?.inside == .number(0))
        #expect(r.identity.first { $0.name == "hostname" }?.outside == .text("vm"))
        #expect(r.outside.place == "outside")
        #expect(!r.inside.hasSideFile)
    }

    @Test func commandMissingInsideIsADifference() throws {
        var r = Fixtures.Record(command: ["nosuch"])
        r.task(300)
        r.call(300, "execve", ["\"/usr/bin/nosuch\"", "[\"nosuch\"]", "0x1 /* 1 var */"], -1, errno: "ENOENT")
        r.call(300, "exit_group", ["127"], nil)
        r.exit(300, 127)
        r.end(127)
        var facts = SideFacts(side: "inside", place: "--image x")
        facts.launchError = "cannot execute 'nosuch': No such file or directory"
        facts.stdout = .init(text: "", bytes: 0, truncated: false)
        facts.stderr = .init(text: "", bytes: 0, truncated: false)
        let a = try CompareInput.side(record: Fixtures.outside.data, sideFile: CompareInput.encode(Fixtures.outsideFacts))
        let b = try CompareInput.side(record: r.data, sideFile: CompareInput.encode(facts))
        let report = CompareReport.build(outside: (a.trace, a.facts), inside: (b.trace, b.facts))
        #expect(!report.inside.ran)
        #expect(report.inside.outcome == "did not run: cannot execute 'nosuch': No such file or directory")
        #expect(report.identity.first { $0.name == "exit" }?.same == false)
        #expect(report.verdicts.allSatisfy { !$0.different })
        #expect(TextReport.render(report).contains("did not run: cannot execute 'nosuch'"))
    }

    @Test func sideFilesRoundTrip() throws {
        let data = CompareInput.encode(Fixtures.insideFacts)
        let back = try JSONDecoder().decode(SideFacts.self, from: data)
        #expect(back == Fixtures.insideFacts)
        var newer = Fixtures.insideFacts
        newer.version = 99
        #expect(throws: CompareInput.SideError.self) {
            _ = try CompareInput.side(record: Fixtures.inside.data, sideFile: CompareInput.encode(newer))
        }
    }

    @Test func jsonRoundTrips() throws {
        let (r, _, _) = try Fixtures.report()
        let back = try JSONDecoder().decode(CompareReport.self, from: Data(JSONReport.render(r).utf8))
        #expect(back == r)
    }

    @Test func textFitsItsWidth() throws {
        let (r, _, _) = try Fixtures.report()
        for width in [80, 120] {
            var o = TextReport.Options()
            o.width = width
            o.outputDiff = false
            for line in TextReport.render(r, options: o).split(separator: "\n") {
                #expect(line.count <= width, "too wide at \(width): \(line)")
            }
        }
    }

    @Test func golden() throws {
        let (r, a, b) = try Fixtures.report()
        Golden.check(TextReport.render(r), "ps-unshare-80.txt")
        var wide = TextReport.Options()
        wide.width = 120
        wide.allSyscalls = true
        Golden.check(TextReport.render(r, options: wide), "ps-unshare-120.txt")
        var color = TextReport.Options()
        color.color = true
        Golden.check(TextReport.render(r, options: color), "ps-unshare-color.txt")
        Golden.check(JSONReport.render(r), "ps-unshare.json")
        Golden.check(DotReport.render(r, outside: a, inside: b), "ps-unshare.dot")
    }
}

@Suite struct LineDiffTests {
    @Test func unified() {
        let a = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
        let b = "a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\n"
        #expect(LineDiff.unified(a, b, labelA: "x", labelB: "y") == """
        --- x
        +++ y
        @@ -1,6 +1,6 @@
         a
         b
        -c
        +C
         d
         e
         f
        @@ -8,3 +8,4 @@
         h
         i
         j
        +k
        """)
        #expect(LineDiff.unified(a, a, labelA: "x", labelB: "y") == "")
        #expect(LineDiff.unified("", "x\n", labelA: "x", labelB: "y") == "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+x")
    }

    @Test func editScriptsReproduceBothSides() {
        let cases: [([String], [String])] = [
            ([], []), (["a"], []), ([], ["b"]), (["a", "b", "c"], ["c", "b", "a"]),
            (["x", "a", "b", "x", "c"], ["a", "x", "b", "c", "x"]),
        ]
        for (a, b) in cases {
            let ops = LineDiff.ops(a, b)
            let left = ops.compactMap { op -> String? in
                switch op { case .same(let l), .removed(let l): return l; case .added: return nil }
            }
            let right = ops.compactMap { op -> String? in
                switch op { case .same(let l), .added(let l): return l; case .removed: return nil }
            }
            #expect(left == a && right == b)
        }
    }
}

/// The diff of stdout and stderr in bounded memory (issue 17: every row of Myers' V array
/// was kept, 6.3 GB for 10,000 differing lines per side).
@Suite struct LineDiffBoundsTests {
    static func check(_ ops: [LineDiff.Op], _ a: [String], _ b: [String]) -> Bool {
        let left = ops.compactMap { op -> String? in
            switch op { case .same(let l), .removed(let l): return l; case .added: return nil }
        }
        let right = ops.compactMap { op -> String? in
            switch op { case .same(let l), .added(let l): return l; case .removed: return nil }
        }
        return left == a && right == b
    }

    static func edits(_ ops: [LineDiff.Op]) -> Int {
        ops.filter { if case .same = $0 { return false } else { return true } }.count
    }

    @Test func threeThousandDifferingLinesPerSideAreDiffedInLinearSpace() {
        // 3,000 lines per side, every one different, with a common line every 500: 6,000
        // edits, beyond what the greedy walk keeps rows for.
        let a = (0..<3_000).map { $0 % 500 == 0 ? "common \($0)" : "outside line \($0) xx" }
        let b = (0..<3_000).map { $0 % 500 == 0 ? "common \($0)" : "inside line \($0) yyy" }
        let ops = LineDiff.ops(a, b)
        #expect(Self.check(ops, a, b))
        #expect(Self.edits(ops) == 2 * (3_000 - 6))
        let text = LineDiff.unified(a.joined(separator: "\n") + "\n", b.joined(separator: "\n") + "\n",
                                    labelA: "x", labelB: "y")
        #expect(text.hasPrefix("--- x\n+++ y\n@@ -1,3000 +1,3000 @@\n common 0\n-outside line 1 xx\n"))
        // Between two common lines, removed lines come first, then the added ones.
        #expect(text.contains("-outside line 499 xx\n+inside line 1 yyy\n"))
    }

    @Test func linearSpaceScriptsAreAsShortAsTheGreedyOnes() {
        // Small random texts over a few lines, so that they share a lot: both walks give
        // scripts of the same (shortest) length that rebuild both sides.
        var rng = SeededRandom(seed: 17)
        for _ in 0..<2_000 {
            let a = (0..<Int(rng.next() % 12)).map { _ in String(rng.next() % 4) }
            let b = (0..<Int(rng.next() % 12)).map { _ in String(rng.next() % 4) }
            let ia = a.map { Int($0)! }, ib = b.map { Int($0)! }
            let greedy = LineDiff.greedy(ia, ib, maxD: 100)!
            let linear = LineDiff.linear(ia, ib)
            #expect(greedy.filter { $0 != .same }.count == linear.filter { $0 != .same }.count, "\(a) \(b)")
            #expect(linear.filter { $0 != .added }.count == a.count && linear.filter { $0 != .removed }.count == b.count)
            // Replay the linear script: a same step consumes equal lines.
            var i = 0, j = 0, ok = true
            for s in linear {
                switch s {
                case .same: ok = ok && a[i] == b[j]; i += 1; j += 1
                case .removed: i += 1
                case .added: j += 1
                }
            }
            #expect(ok, "\(a) \(b)")
        }
        // Past exactD edits the greedy walk gives up.
        #expect(LineDiff.greedy(Array(0..<10), Array(10..<20), maxD: 5) == nil)
    }
}

/// Numbers from side files and options that reach conversions and allocations (issue 17).
@Suite struct HostileSideFileTests {
    @Test func timedOutOfAnySizeIsReported() throws {
        // JSON has no inf or NaN: a side file cannot hold them, the formatter takes them anyway.
        #expect(CompareReport.formatSeconds(.infinity) == "inf")
        #expect(CompareReport.formatSeconds(-.infinity) == "-inf")
        #expect(CompareReport.formatSeconds(.nan) == "nan")
        #expect(CompareReport.formatSeconds(9.3e18) == "9.3e+18")
        for (secs, shown) in [(1e300, "1e+300"), (-1e19, "-1e+19"), (30.0, "30"), (2.5, "2.5"), (-0.0, "0")] {
            var facts = Fixtures.insideFacts
            facts.timedOut = secs
            let a = try CompareInput.side(record: Fixtures.outside.data, sideFile: CompareInput.encode(Fixtures.outsideFacts))
            let b = try CompareInput.side(record: Fixtures.inside.data, sideFile: CompareInput.encode(facts))
            let report = CompareReport.build(outside: (a.trace, a.facts), inside: (b.trace, b.facts))
            #expect(report.inside.outcome == "timed out after \(shown) s (killed)")
            #expect(TextReport.render(report).contains("timed out"))
        }
    }

    @Test func widthIsBoundedInTheReport() throws {
        let (report, _, _) = try Fixtures.report()
        var o = TextReport.Options()
        o.width = Int.max
        let text = TextReport.render(report, options: o)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= TextReport.maxWidth })
        o.width = TextReport.maxWidth
        #expect(TextReport.render(report, options: o) == text)
    }
}
