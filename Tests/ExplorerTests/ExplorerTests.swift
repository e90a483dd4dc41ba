import Foundation
import NSCore
@testable import NSExplorer
import Testing
import TestSupport

/// The explorer's pure half: the page's model from a record, the script-safe JSON, the
/// scanner of keys the reader passes over, gzip and base64, the page's frame. No root, no
/// browser (those are ExplorerBrowserTests).
@Suite struct ExplorerModelTests {
    static let ns: [String: UInt64] = ["cgroup": 1, "ipc": 2, "mnt": 3, "net": 4, "pid": 5, "pid_for_children": 5,
                                       "time": 6, "time_for_children": 6, "user": 7, "uts": 8]

    static func nsJSON(_ change: [String: UInt64] = [:]) -> String {
        let m = ns.merging(change) { $1 }
        return "{" + m.keys.sorted().map { "\"\($0)\":\(m[$0]!)" }.joined(separator: ",") + "}"
    }

    /// unshare -fp: the parent unshares, clones its child into the new pid namespace; a
    /// thread of the child execs (its calls go to the leader); a task names itself.
    static let record = """
    {"type":"header","format":"nstrace-record","version":2,"command":["unshare","-fp","sh"],"attached":[],"start":"2026-01-01T00:00:00.000000Z","startEpoch":1.0,"kernel":"6","machine":"x86_64","hostname":"vm","tool":"nstrace"}
    {"type":"task","pid":10,"tgid":10,"ppid":null,"via":"spawned","t":0.001,"ns":\(nsJSON()),"nspid":[10]}
    {"type":"exec","pid":10,"formerPid":10,"t":0.002,"filename":"/usr/bin/unshare"}
    {"type":"syscall","pid":10,"t":0.0015,"name":"execve","nr":59,"abi":"x86_64","args":["\\"/usr/bin/unshare\\"","[\\"unshare\\", \\"-fp\\", \\"sh\\"]","0x1 /* 1 var */"],"ret":0,"errno":null,"retText":"0","duration":0.0005}
    {"type":"syscall","pid":10,"t":0.003,"name":"unshare","nr":272,"abi":"x86_64","args":["CLONE_NEWPID"],"ret":0,"errno":null,"retText":"0","duration":0.0001,"params":{"flags":{"value":536870912,"names":["CLONE_NEWPID"]}},"retValue":0}
    {"type":"task","pid":11,"tgid":11,"ppid":10,"via":"clone","t":0.005,"ns":\(nsJSON(["pid": 9, "pid_for_children": 9])),"nspid":[11,1]}
    {"type":"ns","pid":10,"t":0.005,"kind":"pid_for_children","from":5,"to":9,"cause":"unshare","call":"unshare(CLONE_NEWPID)"}
    {"type":"ns","pid":11,"t":0.005,"kind":"pid","from":5,"to":9,"cause":"clone","call":"clone(...)"}
    {"type":"syscall","pid":10,"t":0.004,"name":"clone","nr":56,"abi":"x86_64","args":["child_stack=NULL","flags=SIGCHLD"],"ret":11,"errno":null,"retText":"11","duration":0.002}
    {"type":"syscall","pid":11,"t":0.006,"name":"prctl","nr":157,"abi":"x86_64","args":["PR_SET_NAME","\\"runc:[1:CHILD]\\""],"ret":0,"errno":null,"retText":"0","duration":0.0001}
    {"type":"task","pid":12,"tgid":11,"ppid":11,"via":"clone3","t":0.007,"ns":\(nsJSON(["pid": 9, "pid_for_children": 9])),"nspid":[12,2]}
    {"type":"syscall","pid":12,"t":0.0075,"name":"openat","nr":257,"abi":"x86_64","args":["AT_FDCWD","\\"/no\\"","O_RDONLY"],"ret":-1,"errno":"ENOENT","retText":"-1 ENOENT (No such file or directory)","duration":0.0001}
    {"type":"exit","pid":11,"t":0.009,"code":null,"signal":null,"coreDumped":false,"supersededBy":12,"detached":false}
    {"type":"exec","pid":11,"formerPid":12,"t":0.009,"filename":"/usr/bin/ps"}
    {"type":"syscall","pid":12,"t":0.008,"name":"execve","nr":59,"abi":"x86_64","args":["\\"/usr/bin/ps\\"","[\\"ps\\"]","0x1 /* 1 var */"],"ret":0,"errno":null,"retText":"0","duration":0.001}
    {"type":"exit","pid":11,"t":0.010,"code":0,"signal":null,"coreDumped":false,"supersededBy":null,"detached":false}
    {"type":"exit","pid":10,"t":0.011,"code":null,"signal":"SIGKILL","coreDumped":true,"supersededBy":null,"detached":false}
    {"type":"end","t":0.012,"status":137,"reason":"exited"}

    """

    static func model() throws -> ExplorerModel {
        let data = Data(record.utf8)
        let lines = try RecordReader.parse(data)
        return ExplorerModel.build(graph: GraphFromRecord.build(lines), lines: lines, raw: Array(data), title: "t")
    }

    @Test func tasksLabelsAndExits() throws {
        let m = try Self.model()
        #expect(m.tasks.map(\.pid) == [10, 11])
        #expect(m.tasks[0].label == "unshare")
        #expect(m.tasks[0].exit == "killed by SIGKILL (core dumped)")
        // The thread exec'd ps: the task is ps now; before, it had named itself.
        #expect(m.tasks[1].label == "ps")
        #expect(m.tasks[1].programs == ["ps"])
        #expect(m.tasks[1].exit == "exited 0")
        #expect(m.tasks[1].nspid == [11, 1])
        #expect(m.tasks[1].argv == ["ps"])
        #expect(m.command == ["unshare", "-fp", "sh"])
        #expect(m.endText?.hasPrefix("exited, status 137") == true)
    }

    @Test func aTaskThatNamedItselfIsLabelledSo() throws {
        let cut = Self.record.split(separator: "\n").prefix(10).joined(separator: "\n") + "\n"
        let lines = try RecordReader.parse(Data(cut.utf8), allowCutTail: true)
        let m = ExplorerModel.build(graph: GraphFromRecord.build(lines), lines: lines, title: "t")
        #expect(m.tasks.first { $0.pid == 11 }?.label == "runc:[1:CHILD]")
    }

    /// runc re-executes itself with execveat(fd, "", AT_EMPTY_PATH) from a sealed copy whose
    /// exe link reads "/": the task is named by the call's argv[0], not "/".
    @Test func aFileWithoutANameIsNamedByArgv0() throws {
        let text = """
        {"type":"header","format":"nstrace-record","version":2,"command":["runc","init"],"attached":[],"start":"x","startEpoch":1.0,"kernel":"6","machine":"x86_64","hostname":"vm","tool":"nstrace"}
        {"type":"task","pid":20,"tgid":20,"ppid":null,"via":"spawned","t":0.001,"ns":\(Self.nsJSON()),"nspid":[20]}
        {"type":"exec","pid":20,"formerPid":20,"t":0.002,"filename":"/usr/sbin/runc"}
        {"type":"syscall","pid":20,"t":0.0015,"name":"execve","nr":59,"abi":"x86_64","args":["\\"/proc/self/exe\\"","[\\"/usr/bin/runc\\", \\"init\\"]","0x1 /* 1 var */"],"ret":0,"errno":null,"retText":"0","duration":0.0005}
        {"type":"exec","pid":20,"formerPid":20,"t":0.004,"filename":"/"}
        {"type":"syscall","pid":20,"t":0.0035,"name":"execveat","nr":322,"abi":"x86_64","args":["6","\\"\\"","[\\"/usr/bin/runc\\", \\"init\\"]","0x1 /* 1 var */","AT_EMPTY_PATH"],"ret":0,"errno":null,"retText":"0","duration":0.0003}

        """
        let lines = try RecordReader.parse(Data(text.utf8))
        let g = GraphFromRecord.build(lines)
        #expect(g.processes.first?.comm == "runc")
        #expect(g.processes.first?.argv == ["/usr/bin/runc", "init"])
        let m = ExplorerModel.build(graph: g, lines: lines, title: "t")
        #expect(m.tasks.first?.programs == ["runc", "runc"])
        #expect(m.tasks.first?.label == "runc")
    }

    @Test func callsInEntryOrderWithTheThreadsCallsOnItsLeader() throws {
        let m = try Self.model()
        #expect(m.calls.count == 6)
        #expect(m.calls.t == m.calls.t.sorted())
        let names = (0..<m.calls.count).map { m.calls.names[Int(m.calls.name[$0])] }
        #expect(names == ["execve", "unshare", "clone", "prctl", "openat", "execve"])
        // Every call of the thread (12) belongs to the task it became (11).
        let openat = (0..<m.calls.count).first { m.calls.names[Int(m.calls.name[$0])] == "openat" }!
        #expect(m.tasks[Int(m.calls.task[openat])].pid == 11)
        #expect(m.calls.errnos[Int(m.calls.errno[openat])] == "ENOENT")
        #expect(m.calls.text[openat] == "openat(AT_FDCWD, \"/no\", O_RDONLY) = -1 ENOENT (No such file or directory)")
    }

    @Test func transitionsAndExecsPointAtTheirCalls() throws {
        let m = try Self.model()
        func call(_ i: Int?) -> String? { i.map { m.calls.text[$0] } }
        let pfc = m.transitions.first { $0.kind == .pidForChildren }
        #expect(call(pfc?.callIndex) == "unshare(CLONE_NEWPID) = 0")
        let pid = m.transitions.first { $0.kind == .pid }
        #expect(call(pid?.callIndex) == "clone(child_stack=NULL, flags=SIGCHLD) = 11")
        #expect(m.execs.map { call($0.callIndex) } == ["execve(\"/usr/bin/unshare\", [\"unshare\", \"-fp\", \"sh\"], 0x1 /* 1 var */) = 0",
                                                        "execve(\"/usr/bin/ps\", [\"ps\"], 0x1 /* 1 var */) = 0"])
    }

    @Test func paramsAndRetValueComeAsTheRecordHoldsThem() throws {
        let m = try Self.model()
        let unshare = (0..<m.calls.count).first { m.calls.names[Int(m.calls.name[$0])] == "unshare" }!
        #expect(m.calls.params[unshare].map { String(decoding: $0, as: UTF8.self) } == #"{"flags":{"value":536870912,"names":["CLONE_NEWPID"]}}"#)
        #expect(m.calls.retValue[unshare].map { String(decoding: $0, as: UTF8.self) } == "0")
        #expect(m.calls.params[0] == nil)
    }

    @Test func theLiveSystemHasNoCalls() {
        let g = NamespaceGraph(source: "live", processes: [ProcessNode(pid: 1, ppid: nil, comm: "init", argv: ["/sbin/init"], nspid: [1], uid: 0, ns: ["pid": 5])],
                               namespaces: [NamespaceNode(id: NamespaceID(type: .pid, inode: 5), processes: [1], isInitial: true)])
        let m = ExplorerModel.build(graph: g, lines: nil, title: "nstrace ns")
        #expect(m.tasks.map(\.label) == ["init"])
        #expect(m.calls.count == 0)
        #expect(m.namespaces.map(\.id.description) == ["pid:[5]"])
    }
}

@Suite struct ExplorerEncodingTests {
    @Test func scriptJSONCannotEndItsElementAndDecodesToTheSameText() throws {
        let hostile = "</script><script>alert(1)</script> <!-- & > \u{2028}\u{2029}\u{202E}\u{1B}\u{7F}\u{9B}\"\\ é 🙂"
        var j = ScriptJSON()
        j.string(hostile)
        let text = String(decoding: j.bytes, as: UTF8.self)
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}", "\u{202E}", "\u{1B}", "\u{7F}", "\u{9B}"] {
            #expect(!text.contains(bad), "\(bad.unicodeScalars.first!.value) is escaped")
        }
        let back = try JSONSerialization.jsonObject(with: Data(("[" + text + "]").utf8), options: []) as? [String]
        #expect(back == [hostile])
    }

    @Test func microsecondsAreClampedForJavaScript() {
        #expect(ScriptJSON.micros(0.000001) == 1)
        #expect(ScriptJSON.micros(1e300) == 9_007_199_254_740_991)
        #expect(ScriptJSON.micros(-1e300) == -9_007_199_254_740_991)
        #expect(ScriptJSON.micros(.nan) == 0)
    }

    @Test func jsonScanFindsOnlyTopLevelKeys() {
        func scan(_ s: String, _ k: String) -> String? {
            JSONScan.topLevelValue(ArraySlice(Array(s.utf8)), key: k).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(scan(#"{"a":1,"params":{"x":[1,{"y":"}"}]},"b":2}"#, "params") == #"{"x":[1,{"y":"}"}]}"#)
        #expect(scan(#"{"args":["\"params\":1"],"n":{"params":2}}"#, "params") == nil)
        #expect(scan(#"{ "retValue" : -1 }"#, "retValue") == "-1")
        #expect(scan(#"{"s":"a\"b","params":"x\\"}"#, "params") == #""x\\""#)
        #expect(scan(#"{"params":{"#, "params") == nil)
        #expect(scan("[1]", "params") == nil)
        #expect(scan("", "params") == nil)
    }

    @Test func base64IsFoundations() {
        for n in 0..<20 {
            let b = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            #expect(Base64.encode(b) == Data(b).base64EncodedString())
        }
    }

    @Test func utf16LengthsAreJavaScripts() {
        for s in ["", "abc", "é", "🙂", "a🙂é\u{2028}"] {
            #expect(ExplorerPage.utf16Count(Array(s.utf8)) == s.utf16.count)
        }
    }

    @Test func gzipIsWhatGzipReads() throws {
        let input = Array(String(repeating: "openat(AT_FDCWD, \"/etc/ld.so.cache\") = 3\n", count: 2000).utf8)
        let gz = try Gzip.compress(input)
        #expect(gz.prefix(2) == [0x1F, 0x8B])
        #expect(gz.count < input.count / 10)
        let dir = Subprocess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x.gz")
        try Data(gz).write(to: file)
        let r = try Subprocess.run("/usr/bin/env", ["gzip", "-dc", file.path], timeout: 30)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == String(decoding: input, as: UTF8.self))
        #expect(try Gzip.compress([]).prefix(2) == [0x1F, 0x8B])
    }

    @Test func thePageIsOneFileThatLoadsNothing() throws {
        let data = Data(ExplorerModelTests.record.utf8)
        let lines = try RecordReader.parse(data)
        var m = ExplorerModel.build(graph: GraphFromRecord.build(lines), lines: lines, raw: Array(data), title: "</title><script>x</script>")
        m.svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"https://example.org/\"/></svg>"
        let page = String(decoding: try ExplorerPage.render(m), as: UTF8.self)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        // Only the page's own script runs: its hash, no 'unsafe-inline' for scripts.
        #expect(page.contains("script-src '\(ExplorerPage.scriptHash)';"))
        #expect(ExplorerPage.scriptHash.hasPrefix("sha256-") && ExplorerPage.scriptHash.count == 51)
        #expect(page.contains("<script>" + ExplorerPage.scriptText + "</script>"))
        // The assets cannot close their own elements early.
        #expect(!ExplorerAssets.js.lowercased().contains("</script"))
        #expect(!ExplorerAssets.css.lowercased().contains("</style"))
        #expect(!ExplorerAssets.html.lowercased().contains("<script"))
        // Tracee text is inside the compressed data only.
        #expect(!page.contains("</title><script>x"))
        #expect(!page.contains("example.org"))
        // Only the SVG namespace's name (createElementNS), which nothing loads.
        let re = try NSRegularExpression(pattern: "https?://[^\\s\"'<>)]*")
        let urls = re.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { String(page[Range($0.range, in: page)!]) }
        #expect(Set(urls) == ["http://www.w3.org/2000/svg"])
    }
}
