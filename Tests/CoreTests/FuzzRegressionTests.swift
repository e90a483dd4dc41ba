import Foundation
import Testing
@testable import NSCore

// Fixed inputs the fuzzers of FuzzTests.swift found. Each was a crash (a trap in nstrace
// takes the traced program down with it: PTRACE_O_EXITKILL) or a broken property; each is
// fixed in the product, in the commit that added its test here.

@Suite("Fuzz regressions: record reader and graph") struct RecordFuzzRegressions {
    static let header = #"{"type":"header","format":"nstrace-record","version":2,"command":["sh"],"attached":[],"start":"","startEpoch":0,"kernel":"","machine":"","hostname":"","tool":""}"#

    /// Reads `lines` as a record and renders every view of its graph; the lines read.
    static func regression(_ lines: [String], _ label: String) throws -> [RecordLine] {
        let read = try RecordReader.parse(Data((lines.joined(separator: "\n") + "\n").utf8))
        let g = GraphFromRecord.build(read)
        _ = (TreeRenderer.render(g), TableRenderer.render(g), DotRenderer.render(g), JSONRenderer.render(g))
        #expect(RecordWriter.encodeLine(read[0]).hasPrefix(#"{"type":"header""#), "\(label)")
        for l in read { _ = try RecordReader.parseLine(Data(RecordWriter.encodeLine(l).utf8)) }
        return read
    }

    /// A time too large for an integer (1e20, as a hand-made record may hold) crashed the
    /// number formatting of the graph views and of the writer (UInt64(Double) trapped).
    @Test func regressionHugeTimes() throws {
        let lines = [Self.header,
                     #"{"type":"task","pid":1,"tgid":1,"ppid":null,"via":"spawned","t":1e20,"ns":{"uts":1},"nspid":[1]}"#,
                     #"{"type":"ns","pid":1,"t":-1e300,"kind":"uts","from":1,"to":2,"cause":"unshare","call":null}"#,
                     #"{"type":"exit","pid":1,"t":1.8446744073709552e+19,"code":0,"signal":null,"coreDumped":false,"supersededBy":null,"detached":false}"#]
        let read = try Self.regression(lines, "huge times")
        let tree = TreeRenderer.render(GraphFromRecord.build(read))
        #expect(tree.contains("by unshare @-1e+300s"), "\(tree)")
        #expect(StraceTextPrinter.fixed(.infinity, 6) == "inf" && StraceTextPrinter.fixed(1.5, 3) == "1.500")
    }

    /// A thread's execve makes it its process's leader; its task line named the leader as
    /// parent, so it became its own parent and the tree of `nstrace graph` was empty
    /// (samples/bin/thread-exec showed no task at all). Its argv was lost too.
    @Test func regressionExecFromAThread() throws {
        let lines = [Self.header,
                     #"{"type":"task","pid":29283,"tgid":29283,"ppid":null,"via":"spawned","t":0.00197,"ns":{"uts":4026531838},"nspid":[29283]}"#,
                     #"{"type":"task","pid":29284,"tgid":29283,"ppid":29283,"via":"clone3","t":0.013553,"ns":{"uts":4026531838},"nspid":[29284]}"#,
                     #"{"type":"exit","pid":29283,"t":0.220437,"code":null,"signal":null,"coreDumped":false,"supersededBy":29284,"detached":false}"#,
                     #"{"type":"exec","pid":29283,"formerPid":29284,"t":0.220437,"filename":"/work/main/samples/bin/hello-world"}"#,
                     #"{"type":"syscall","pid":29284,"t":0.219835,"name":"execve","nr":59,"abi":"x86_64","args":["\"samples/bin/hello-world\"","[\"samples/bin/hello-world\"]","0x7ffcd8f9ec60 /* 35 vars */"],"ret":0,"errno":null,"retText":"0","duration":0.000795}"#,
                     #"{"type":"end","t":0.221152,"status":0,"reason":"exited"}"#]
        let g = GraphFromRecord.build(try Self.regression(lines, "exec from a thread"))
        #expect(TreeRenderer.render(g).hasPrefix("29283 hello-world\n"), "\(TreeRenderer.render(g))")
        let p = try #require(g.process(29283))
        #expect(p.ppid == nil && p.via == "spawned" && p.argv == ["samples/bin/hello-world"])
    }

    /// Inode numbers above Int64.max were written as negative numbers, which the reader then
    /// refused: a record nstrace wrote that nstrace could not read.
    @Test func regressionLargeInodes() throws {
        let e = NamespaceEvent(pid: 1, t: 0, kind: .net, from: UInt64.max, to: 1 << 63, cause: "setns", call: nil)
        let text = RecordWriter.encodeLine(.event(.namespace(e)))
        #expect(text.contains(#""from":18446744073709551615,"to":9223372036854775808"#), "\(text)")
        #expect(try RecordReader.parseLine(Data(text.utf8)) == .event(.namespace(e)))
        // A negative inode is refused (Foundation's decoder on Linux only says "not valid JSON").
        #expect(throws: RecordReader.ReadError.self) {
            try RecordReader.parseLine(Data(#"{"type":"ns","pid":1,"t":0,"kind":"net","from":-1,"to":1,"cause":"x","call":null}"#.utf8), number: 2)
        }
    }

    /// A blank first line made the reader skip its header checks: a record of version 99,
    /// or of another format, or with no header at all, was read.
    @Test func regressionBlankFirstLine() {
        for text in ["\n" + Self.header.replacingOccurrences(of: #""version":2"#, with: #""version":99"#) + "\n",
                     "\n\n" + Self.header.replacingOccurrences(of: "nstrace-record", with: "other") + "\n",
                     "\n" + #"{"type":"end","t":0,"status":0,"reason":"exited"}"# + "\n"] {
            #expect(throws: RecordReader.ReadError.self) { try RecordReader.parse(Data(text.utf8)) }
        }
        #expect(throws: RecordReader.ReadError(line: 2, reason: "record version 99 is newer than this nstrace reads (\(RecordFormat.version))")) {
            try RecordReader.parse(Data(("\n" + Self.header.replacingOccurrences(of: #""version":2"#, with: #""version":99"#)).utf8))
        }
    }

    /// Tasks whose parents form a cycle (a made-up record) are still shown, once each.
    @Test func regressionParentCycle() throws {
        let lines = [Self.header,
                     #"{"type":"task","pid":5,"tgid":5,"ppid":6,"via":"fork","t":0,"ns":{},"nspid":[5]}"#,
                     #"{"type":"task","pid":6,"tgid":6,"ppid":5,"via":"fork","t":0,"ns":{},"nspid":[6]}"#,
                     #"{"type":"task","pid":7,"tgid":7,"ppid":7,"via":"fork","t":0,"ns":{},"nspid":[7]}"#]
        let tree = TreeRenderer.render(GraphFromRecord.build(try Self.regression(lines, "parent cycle")))
        #expect(tree == "5 ? (fork)\n└── 6 ? (fork)\n7 ? (fork)\n", "\(tree)")
    }
}

/// Inputs the decoder fuzzer found; each crashed nstrace (a trap takes the tracer down, and
/// with it, through PTRACE_O_EXITKILL, the traced program).
@Suite("Fuzz regressions: argument decoders") struct DecoderFuzzRegressions {
    static func decode(_ name: String, _ args: [UInt64], _ mem: FakeMemory, s: Int = 32, ret: Int64 = 0) -> (DecodedEntry, DecodedExit) {
        let d = SyscallDecoder(options: DecodeOptions(stringLimit: s))
        let e = d.decodeEntry(name: name, abi: .x86_64, args: args, memory: mem, fds: nil)
        return (e, d.decodeExit(e, abi: .x86_64, args: args, rval: ret, isError: false, memory: mem, fds: nil))
    }

    /// pselect6's sixth argument points at {sigset pointer, size}; a size above Int.max
    /// (a tracee's choice) trapped in Int(_:).
    @Test func pselect6SigmaskSizeAboveIntMax() {
        var m = FakeMemory()
        m.put(0x5000, words: [0x6000, UInt64.max])
        m.put(0x6000, words: [0])
        let (e, _) = Self.decode("pselect6", [0, 0, 0, 0, 0, 0x5000], m)
        #expect(e.args.last == "{sigmask=0x6000, sigsetsize=18446744073709551615}")
    }

    /// `-s 9223372036854775807` (Int.max, accepted by the command line) overflowed
    /// `limit + 1` at the first string argument: the execve's argv.
    @Test func stringLimitIntMax() {
        var m = FakeMemory()
        m.put(0x1000, cString: "/bin/true")
        m.put(0x2000, words: [0x1000, 0])
        let (e, _) = Self.decode("execve", [0x1000, 0x2000, 0], m, s: Int.max)
        #expect(e.args == ["\"/bin/true\"", "[\"/bin/true\"]", "NULL"])
    }
}
