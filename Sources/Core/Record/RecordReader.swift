import FoundationEssentials

/// Reads a `--record` file back (for `graph`, `compare` and tests).
public enum RecordReader {
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    private struct TypeTag: Decodable { var type: String }

    /// The longest line read: 16 MiB. Decoding a JSON line costs many times its size in
    /// memory; nstrace's own lines stay far below it (`-s` is at most 1 MiB).
    public static let maxLineBytes = 16 << 20

    /// Parses a whole record. The first line must be a header of a version this reader
    /// knows; a last line cut short (a tracer killed mid-write) is an error naming it.
    ///
    /// With `allowCutTail`, a last line without its newline that does not parse (a tracer
    /// killed mid-write) is dropped instead: what the record holds is still usable.
    public static func parse(_ data: Data, allowCutTail: Bool = false) throws -> [RecordLine] {
        var lines: [RecordLine] = []
        var number = 0
        let raws = data.split(separator: 10, omittingEmptySubsequences: false)
        for (i, raw) in raws.enumerated() {
            number += 1
            if raw.isEmpty { continue }
            if raw.count > maxLineBytes {
                throw ReadError(line: number, reason: "a line of \(raw.count) bytes (at most \(maxLineBytes >> 20) MiB)")
            }
            let line: RecordLine
            do {
                line = try parseLine(Data(raw), number: number)
            } catch {
                if allowCutTail && i == raws.count - 1 && number > 1 { break }
                throw error
            }
            // The first line that is not blank (blank lines are skipped, also before it): a
            // leading blank line must not let a record without a checked header through.
            if lines.isEmpty {
                guard case .header(let h) = line else {
                    throw ReadError(line: number, reason: "not an nstrace record (no header line)")
                }
                guard h.format == RecordFormat.name else {
                    throw ReadError(line: number, reason: "format '\(h.format)' is not \(RecordFormat.name)")
                }
                guard h.version >= RecordFormat.oldestReadable else {
                    throw ReadError(line: number, reason: "record version \(h.version) is older than this nstrace reads (\(RecordFormat.oldestReadable))")
                }
                guard h.version <= RecordFormat.version else {
                    throw ReadError(line: number, reason: "record version \(h.version) is newer than this nstrace reads (\(RecordFormat.version))")
                }
            }
            lines.append(line)
        }
        if lines.isEmpty { throw ReadError(line: 1, reason: "empty record") }
        return lines
    }

    public static func parseLine(_ data: Data, number: Int = 0) throws -> RecordLine {
        let d = JSONDecoder()
        do {
            let tag = try d.decode(TypeTag.self, from: data)
            switch tag.type {
            case "header": return .header(try d.decode(RecordHeader.self, from: data))
            case "end": return .end(try d.decode(RecordEnd.self, from: data))
            case "task": return .event(.task(try d.decode(TaskEvent.self, from: data)))
            case "syscall": return .event(.syscall(try d.decode(SyscallEvent.self, from: data)))
            case "signal": return .event(.signal(try d.decode(SignalEvent.self, from: data)))
            case "exec": return .event(.exec(try d.decode(ExecEvent.self, from: data)))
            case "exit": return .event(.exit(try d.decode(ExitEvent.self, from: data)))
            case "ns": return .event(.namespace(try d.decode(NamespaceEvent.self, from: data)))
            case "idmap": return .event(.idmap(try d.decode(IDMapEvent.self, from: data)))
            case "lost": return .event(.lost(try d.decode(LostEvent.self, from: data)))
            default: throw ReadError(line: number, reason: "unknown line type '\(tag.type)'")
            }
        } catch let e as ReadError {
            throw e
        } catch let DecodingError.keyNotFound(key, _) {
            throw ReadError(line: number, reason: "missing field '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw ReadError(line: number, reason: "wrong type at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.valueNotFound(_, ctx) where !ctx.codingPath.isEmpty {
            throw ReadError(line: number, reason: "null at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.dataCorrupted(ctx) where !ctx.codingPath.isEmpty {
            // Valid JSON, but a value out of range (a pid beyond Int32, a negative inode) or
            // not one of the known words (an unknown "via").
            throw ReadError(line: number, reason: "bad value at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch {
            throw ReadError(line: number, reason: "not valid JSON")
        }
    }
}
