// Value ↔ name tables (strace's "xlat") and the two ways strace prints them: as a set of
// flags ("O_CREAT|O_EXCL|0x10000000") and as one value ("SEEK_SET", "0x7 /* SEEK_??? */").

/// A class: an argument's kind (`Arg.flags(X.openFlags)`) holds one reference, not copies
/// of its arrays.
final class Xlat: Sendable {
    let entries: [(value: UInt64, name: String)]
    /// The "PREFIX_???" shown in a comment after an unknown value.
    let unknown: String
    private let byValue: [UInt64: String]

    init(_ unknown: String, _ entries: [(UInt64, String)]) {
        self.unknown = unknown
        self.entries = entries.map { (value: $0.0, name: $0.1) }
        var map: [UInt64: String] = [:]
        for (v, n) in entries where map[v] == nil { map[v] = n }
        byValue = map
    }

    func name(_ v: UInt64) -> String? { byValue[v] }

    /// strace printxval: the name, or `0x7 /* SIG_??? */`; with `-X raw` `0x7`, with
    /// `-X verbose` `0x1 /* NAME */` (DecodeStyle).
    func value(_ v: UInt64) -> String {
        var out = ByteBuffer(capacity: 32)
        writeValue(v, to: &out)
        return out.string
    }

    /// `value(v)`, appended to `out`.
    func writeValue(_ v: UInt64, to out: inout ByteBuffer) {
        let style = DecodeStyle.current.xlat
        if style == .abbrev, let n = byValue[v] { return out.append(n) }
        out.append(hex: v)
        if style == .raw { return }
        if let n = byValue[v] { return writeComment(n, to: &out) }
        writeUnknown(to: &out)
    }

    /// A signed value: unknown negative values print in decimal like strace's printxval_d
    /// (and every value with `-X raw`/`verbose`).
    func valueSigned(_ v: Int64) -> String {
        let style = DecodeStyle.current.xlat
        let name = byValue[UInt64(bitPattern: v)]
        if style == .abbrev, let name { return name }
        if style == .raw { return String(v) }
        return String(v) + " /* " + (name ?? unknown) + " */"
    }

    /// strace printflags: names in table order, then the leftover bits in hex; `0` (or the
    /// zero-valued name) for no bits; only unknown bits → `0x80 /* GRND_??? */`.
    func flags(_ value: UInt64) -> String {
        var out = ByteBuffer(capacity: 64)
        writeFlags(value, to: &out)
        return out.string
    }

    /// Flags without the "/* ??? */" comment when nothing is known (used inside structs).
    func flagsPlain(_ value: UInt64) -> String {
        var out = ByteBuffer(capacity: 64)
        writeFlags(value, plain: true, to: &out)
        return out.string
    }

    /// `flags(value)` (or `flagsPlain` when `plain`), appended to `out`.
    func writeFlags(_ value: UInt64, plain: Bool = false, to out: inout ByteBuffer) {
        switch DecodeStyle.current.xlat {
        case .abbrev: break
        case .raw: return out.append(hex: value)
        case .verbose: return writeFlagsVerbose(value, plain: plain, to: &out)
        }
        if value == 0 { return out.append(byValue[0] ?? "0") }
        var rest = value
        for e in entries where e.value != 0 && rest & e.value == e.value {
            if rest != value { out.append(byte: UInt8(ascii: "|")) }
            out.append(e.name)
            rest &= ~e.value
        }
        if rest == value {
            out.append(hex: value)
            if !plain { writeUnknown(to: &out) }
        } else if rest != 0 {
            out.append(byte: UInt8(ascii: "|"))
            out.append(hex: rest)
        }
    }

    /// strace printflags_ex with `-X verbose`: `0x80002 /* O_RDWR|0x80000 */`, `0 /* NAME */`
    /// for a zero with a name, `0x80 /* GRND_??? */` when no bit is known.
    private func writeFlagsVerbose(_ value: UInt64, plain: Bool, to out: inout ByteBuffer) {
        if value == 0 {
            out.append(byte: 0x30)
            if let zero = byValue[0] { writeComment(zero, to: &out) }
            return
        }
        out.append(hex: value)
        var rest = value
        var found = false
        for e in entries where e.value != 0 && rest & e.value == e.value {
            out.append(found ? "|" : " /* ")
            out.append(e.name)
            found = true
            rest &= ~e.value
        }
        if found {
            if rest != 0 {
                out.append(byte: UInt8(ascii: "|"))
                out.append(hex: rest)
            }
            out.append(" */")
        } else if !plain {
            writeUnknown(to: &out)
        }
    }

    private func writeComment(_ name: String, to out: inout ByteBuffer) {
        out.append(" /* ")
        out.append(name)
        out.append(" */")
    }

    private func writeUnknown(to out: inout ByteBuffer) {
        out.append(" /* ")
        out.append(unknown)
        out.append(" */")
    }
}

extension ByteBuffer {
    /// strace's printaddr: NULL or 0x…
    mutating func append(addr v: UInt64) {
        if v == 0 { return append("NULL") }
        append(hex: v)
    }

    /// `Fmt.mode(v)`: `%#03o`, at least three characters with the leading 0.
    mutating func append(mode v: UInt64) {
        var digits = 1
        while digits < 22 && v >> (3 * UInt64(digits)) != 0 { digits += 1 }
        let width = v == 0 ? 1 : digits + 1
        for _ in width..<max(width, 3) { append(byte: 0x30) }
        if v != 0 { append(byte: 0x30) }
        append(v, radix: 8)
    }
}

/// Number formatting as strace's printf formats.
enum Fmt {
    /// `%#lx`: "0" for zero, "0x1f" otherwise.
    static func hex(_ v: UInt64) -> String { v == 0 ? "0" : "0x" + String(v, radix: 16) }
    /// printaddr: NULL or 0x…
    static func addr(_ v: UInt64) -> String { v == 0 ? "NULL" : "0x" + String(v, radix: 16) }
    /// `%#03o` (strace's umode_t): 000, 0644, 01777.
    static func mode(_ v: UInt64) -> String {
        var out = ByteBuffer(capacity: 8)
        out.append(mode: v)
        return out.string
    }
    /// `%#lo`: "0" or "022".
    static func octal(_ v: UInt64) -> String { v == 0 ? "0" : "0" + String(v, radix: 8) }
    static func int32(_ v: UInt64) -> String { String(Int32(truncatingIfNeeded: v)) }
    static func uint32(_ v: UInt64) -> String { String(UInt32(truncatingIfNeeded: v)) }
}
