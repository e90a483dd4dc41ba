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
}
