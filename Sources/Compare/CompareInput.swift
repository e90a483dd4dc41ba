import FoundationEssentials
import NSCore

/// Reading the two sides (bytes in, no file system here) and the JSON view.
public enum CompareInput {
    public struct SideError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A record and, if there is one, its side file, as bytes → the side's analysis, its
    /// facts and its namespace graph. A record cut short is still read.
    public static func side(record: Data, sideFile: Data?) throws -> (trace: SideTrace, facts: SideFacts?, graph: NamespaceGraph) {
        let lines = try RecordReader.parse(record, allowCutTail: true)
        var facts: SideFacts?
        if let sideFile {
            do {
                facts = try JSONDecoder().decode(SideFacts.self, from: sideFile)
            } catch {
                throw SideError(description: "not a side file (\(SideFacts.formatName))")
            }
            guard facts?.format == SideFacts.formatName else {
                throw SideError(description: "not a side file (\(SideFacts.formatName))")
            }
            guard let v = facts?.version, v <= SideFacts.currentVersion else {
                throw SideError(description: "side file version \(facts?.version ?? 0) is newer than this nstrace reads (\(SideFacts.currentVersion))")
            }
        }
        return (SideTrace.analyze(lines), facts, GraphFromRecord.build(lines))
    }

    /// Side facts as the bytes of a side file.
    public static func encode(_ facts: SideFacts) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? e.encode(facts)) ?? Data()) + Data("\n".utf8)
    }
}

/// `--format json`: the whole report (docs/compare.md lists the keys).
public enum JSONReport {
    public static func render(_ r: CompareReport) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? e.encode(r) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
