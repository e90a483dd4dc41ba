import Foundation
import FuzzSupport
import NSCore

// libFuzzer target: a `--record` file as `nstrace graph` and `compare` read it.
// Properties: read, or a typed ReadError naming one of its lines; a record read is
// written again as a fixed point; every graph view shows every task, holds no control
// character, and the JSON view parses.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let lineCount = data.split(separator: 10, omittingEmptySubsequences: false).count
    let lines: [RecordLine]
    do {
        lines = try RecordReader.parse(data, allowCutTail: count % 2 == 1)
    } catch let e as RecordReader.ReadError {
        require(e.line >= 1 && e.line <= max(lineCount, 1), "error names line \(e.line) of \(lineCount)")
        return 0
    } catch {
        require(false, "untyped error \(type(of: error)): \(error)")
        return 0
    }
    guard case .header(let h)? = lines.first else {
        require(false, "a record read without a header first")
        return 0
    }
    require((RecordFormat.oldestReadable...RecordFormat.version).contains(h.version) && h.format == RecordFormat.name,
            "header \(h.format) \(h.version) accepted")
    let text = lines.map(RecordWriter.encodeLine).joined(separator: "\n") + "\n"
    require(terminalSafe(text), "the writer let a control character through")
    do {
        let again = try RecordReader.parse(Data(text.utf8))
        require(again.map(RecordWriter.encodeLine).joined(separator: "\n") + "\n" == text, "writing what was read is not a fixed point")
    } catch {
        require(false, "the writer's text of an accepted record is refused: \(error)")
    }
    let g = GraphFromRecord.build(lines)
    var views = [g, g.filtered(types: ["pid", "uts"])]
    if let p = g.processes.first, let n = g.neighbourhood(of: p.pid) { views.append(n) }
    for v in views {
        let tree = TreeRenderer.render(v)
        require(terminalSafe(tree) && terminalSafe(TableRenderer.render(v)) && terminalSafe(DotRenderer.render(v, title: "t")),
                "a view holds a control character")
        let json = JSONRenderer.render(v)
        require(terminalSafe(json), "the json view holds a control character")
        require((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "the json view does not parse")
        let shown = Set(tree.split(separator: "\n").compactMap { line -> Int32? in
            Int32(line.drop { "├└│─ ".contains($0) }.prefix { $0 != " " })
        })
        for p in v.processes { require(shown.contains(p.pid), "task \(p.pid) missing from the tree") }
    }
    return 0
}
