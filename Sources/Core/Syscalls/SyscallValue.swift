import FoundationEssentials

// Typed values of syscall arguments and results. The decoders produce them; the strace
// text of a structure, an array or a pointer is rendered from them; a record's `params`
// and `retValue` (version 3) are their JSON form (docs/record-format.md, "Typed values").
//
// Each leaf keeps the exact text strace shows beside its data (a flag set's
// "O_RDONLY|O_CLOEXEC" beside its value and names), so one decoder gives both forms and
// they cannot disagree.

/// A named member of a structure (or a parameter of a call).
public struct ParamField: Sendable, Equatable {
    public var name: String
    public var value: SyscallValue
    /// strace shows the value without `name=` (`inet_pton(AF_INET6, "::1", &sin6_addr)`).
    public var bare = false
    public init(_ name: String, _ value: SyscallValue) {
        self.name = name
        self.value = value
    }
    init(bare name: String, _ value: SyscallValue) {
        self.name = name
        self.value = value
        bare = true
    }
}

public indirect enum SyscallValue: Sendable, Equatable {
    /// A signed number. `text`: how strace shows it when that is not plain decimal
    /// (`-1` of a uid, `0x1000`).
    case int(Int64, text: String? = nil)
    /// An unsigned number (`0644` of a mode, `0x7f3c2a000000` of an address-sized value).
    case uint(UInt64, text: String? = nil)
    /// A file descriptor; `path` is what `-y` resolved (nil without `-y`), `details` what
    /// `-yy` adds (the text inside the brackets then: `/dev/full<char 1:7>`, `pid:1234`).
    case fd(Int64, path: String?, details: String? = nil)
    /// AT_FDCWD as a directory fd (-100); `path` the cwd with `-y`.
    case fdcwd(path: String?)
    /// An address strace shows as such (NULL, or memory it does not decode or could not read).
    case pointer(UInt64)
    /// Bytes: a path, a NUL-terminated string or a buffer, cut at `-s` when `truncated`;
    /// `hex`: shown as `\x..` throughout (getrandom).
    case string([UInt8], truncated: Bool, hex: Bool = false)
    /// A set of flags: the raw value, the names of the known bits, the bits left unnamed,
    /// and strace's text of it.
    case flags(UInt64, names: [String], unknown: UInt64, text: String)
    /// One value of a table (an enum, a signal, a command): the raw value, its name when
    /// known, and strace's text.
    case symbol(Int64, name: String?, text: String)
    /// A structure's members, in order; `more`: strace abbreviates the rest (`, ...}`).
    case structure([ParamField], more: Bool = false)
    /// An array; `more`: elements beyond `-s` were left out (`, ...]`).
    case array([SyscallValue], more: Bool = false)
    /// What a pointer points at, shown in brackets: `[3]`.
    case pointee(SyscallValue)
    /// An in/out value before and after the call: `[110 => 16]` (inside the brackets).
    case change(SyscallValue, SyscallValue)
    /// `name=value` inside an argument list (`child_stack=NULL`); the JSON is the value's.
    case labeled(String, SyscallValue)
    /// A value with strace's comment after it: `{tv_sec=0, tv_nsec=0} /* 1970-01-01... */`.
    case commented(SyscallValue, String)
    /// strace's text for what is best read as an expression (`makedev(0x1, 0x3)`,
    /// `{WIFEXITED(s) && WEXITSTATUS(s) == 0}`); `json` is its typed form, when it has one.
    case expr(String, json: SyscallValue?)
    /// A boolean (read back from a record; decoders do not make these).
    case bool(Bool)
    /// JSON null (read back from a record).
    case null
}

// MARK: - strace's text

extension SyscallValue {
    /// The value as strace prints it, appended to `out`.
    public func write(to out: inout ByteBuffer) {
        switch self {
        case .int(let v, let text): if let text { out.append(text) } else { out.append(decimal: v) }
        case .uint(let v, let text): if let text { out.append(text) } else { out.append(decimal: v) }
        case .fd(let v, let path, let details):
            out.append(decimal: v)
            if let details {
                out.append(byte: UInt8(ascii: "<"))
                out.append(details)
                out.append(byte: UInt8(ascii: ">"))
            } else if let path { SyscallValue.writeFDPath(path, to: &out) }
        case .fdcwd(let path):
            DecodeStyle.constant("AT_FDCWD", number: "-100", to: &out)
            if let path { SyscallValue.writeFDPath(path, to: &out) }
        case .pointer(let a): out.append(addr: a)
        case .string(let bytes, let truncated, let hex):
            bytes.withUnsafeBytes { StringQuoting.writeQuoted($0, truncated: truncated, hex: hex, to: &out) }
        case .flags(_, _, _, let text), .symbol(_, _, let text): out.append(text)
        case .structure(let fields, let more):
            out.append(byte: UInt8(ascii: "{"))
            for (k, f) in fields.enumerated() {
                if k > 0 { out.append(", ") }
                if !f.bare {
                    out.append(f.name)
                    out.append(byte: UInt8(ascii: "="))
                }
                f.value.write(to: &out)
            }
            if more { out.append(fields.isEmpty ? "..." : ", ...") }
            out.append(byte: UInt8(ascii: "}"))
        case .array(let items, let more):
            out.append(byte: UInt8(ascii: "["))
            for (k, v) in items.enumerated() {
                if k > 0 { out.append(", ") }
                v.write(to: &out)
            }
            if more { out.append(items.isEmpty ? "..." : ", ...") }
            out.append(byte: UInt8(ascii: "]"))
        case .pointee(let v):
            out.append(byte: UInt8(ascii: "["))
            v.write(to: &out)
            out.append(byte: UInt8(ascii: "]"))
        case .labeled(let name, let v):
            out.append(name)
            out.append(byte: UInt8(ascii: "="))
            v.write(to: &out)
        case .change(let a, let b):
            a.write(to: &out)
            out.append(" => ")
            b.write(to: &out)
        case .commented(let v, let comment):
            v.write(to: &out)
            out.append(" /* ")
            out.append(comment)
            out.append(" */")
        case .expr(let text, _): out.append(text)
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("NULL")
        }
    }

    /// The value as strace prints it.
    public var text: String {
        var out = ByteBuffer(capacity: 32)
        write(to: &out)
        return out.string
    }

    /// What `-yy` shows inside the brackets: the escaped path and `<char 1:7>`, or `pid:N`.
    static func detailsText(path: String, _ details: FDDetails) -> String {
        switch details {
        case .device(let block, let major, let minor):
            var out = ByteBuffer(capacity: path.utf8.count + 16)
            var p = path
            p.withUTF8 { StringQuoting.write(UnsafeRawBufferPointer($0), extraEscapes: [0x3C, 0x3E], to: &out) }
            out.append("<\(block ? "block" : "char") \(major):\(minor)>")
            return out.string
        case .pid(let pid): return "pid:\(pid)"
        case .socket(let text): return text
        }
    }

    /// `<path>`, escaped (a `<` or `>` in it as octal), as `-y` shows a descriptor's file.
    static func writeFDPath(_ path: String, to out: inout ByteBuffer) {
        var path = path
        out.append(byte: UInt8(ascii: "<"))
        path.withUTF8 { StringQuoting.write(UnsafeRawBufferPointer($0), extraEscapes: [0x3C, 0x3E], to: &out) }
        out.append(byte: UInt8(ascii: ">"))
    }

    /// `writeFDPath` of a path's bytes as the kernel gave them.
    static func writeFDPath(bytes: [UInt8], to out: inout ByteBuffer) {
        out.append(byte: UInt8(ascii: "<"))
        bytes.withUnsafeBytes { StringQuoting.write($0, extraEscapes: [0x3C, 0x3E], to: &out) }
        out.append(byte: UInt8(ascii: ">"))
    }
}

// MARK: - Building values

extension SyscallValue {
    /// A string value from text (tests, read-back).
    public static func string(_ s: String) -> SyscallValue { .string(Array(s.utf8), truncated: false) }

    /// A symbol shown by name, or as `text` when unknown.
    static func symbol(_ raw: Int64, _ name: String?, text: String? = nil) -> SyscallValue {
        .symbol(raw, name: name, text: text ?? name ?? String(raw))
    }

    /// A flag set whose text is already made: its names are the text's symbolic parts
    /// (`O_RDONLY|O_CLOEXEC`, `SIGCHLD`), its unknown bits the hexadecimal ones.
    static func flagSet(_ raw: UInt64, text: String) -> SyscallValue {
        var names: [String] = []
        var unknown: UInt64 = 0
        for part in ScalarText.split(text, "|") {
            let p = part.trimmed()
            if p.isEmpty { continue }
            if let hex = ScalarText.dropPrefix(p, "0x"), let v = UInt64(hex, radix: 16) {
                unknown |= v
            } else if let first = p.unicodeScalars.first, first == "_" || (first.properties.isAlphabetic),
                      !p.unicodeScalars.contains(where: { $0 == "(" || $0 == " " || $0 == "<" }) {
                names.append(p)
            }
        }
        return .flags(raw, names: names, unknown: unknown, text: text)
    }
}

extension Xlat {
    /// `flags(v)` as a typed value.
    func flagsValue(_ v: UInt64, plain: Bool = false) -> SyscallValue {
        var out = ByteBuffer(capacity: 32)
        writeFlags(v, plain: plain, to: &out)
        var names: [String] = []
        var rest = v
        if v == 0, let zero = name(0) { names.append(zero) }
        for e in entries where e.value != 0 && rest & e.value == e.value {
            names.append(e.name)
            rest &= ~e.value
        }
        return .flags(v, names: names, unknown: rest, text: out.string)
    }

    /// `value(v)` as a typed value.
    func symbolValue(_ v: UInt64) -> SyscallValue {
        .symbol(Int64(bitPattern: v), name: name(v), text: value(v))
    }

    /// `valueSigned(v)` as a typed value.
    func symbolValue(signed v: Int64) -> SyscallValue {
        .symbol(v, name: name(UInt64(bitPattern: v)), text: valueSigned(v))
    }
}

// MARK: - JSON (a record's params)

extension SyscallValue {
    /// The value's JSON form (docs/record-format.md, "Typed values"), appended to `b`.
    /// `fds` collects the paths `-y` resolved, by descriptor (the line's `fds`).
    func writeJSON(into b: inout ByteBuffer, fds: inout [(String, String)]) {
        switch self {
        case .int(let v, _): b.append(decimal: v)
        case .uint(let v, _): b.append(decimal: v)
        case .fd(let v, let path, _):
            b.append(decimal: v)
            if let path { SyscallValue.note(String(v), path, &fds) }
        case .fdcwd(let path):
            b.append("-100")
            if let path { SyscallValue.note("AT_FDCWD", path, &fds) }
        case .pointer(let a):
            if a == 0 { return b.append("null") }
            b.append("{\"ptr\":")
            b.append(decimal: a)
            b.append(byte: UInt8(ascii: "}"))
        case .string(let bytes, let truncated, _):
            let valid = String(validating: bytes, as: UTF8.self)
            if let s = valid, !truncated { return JSONText.string(s, into: &b) }
            if let s = valid {
                b.append("{\"string\":")
                JSONText.string(s, into: &b)
            } else {
                b.append("{\"hex\":\"")
                for byte in bytes {
                    b.append(byte: JSONText.hex[Int(byte >> 4)])
                    b.append(byte: JSONText.hex[Int(byte & 15)])
                }
                b.append(byte: UInt8(ascii: "\""))
            }
            b.append(truncated ? ",\"truncated\":true}" : "}")
        case .flags(let v, let names, let unknown, _):
            b.append("{\"value\":")
            b.append(decimal: v)
            b.append(",\"names\":[")
            for (k, n) in names.enumerated() {
                if k > 0 { b.append(byte: UInt8(ascii: ",")) }
                JSONText.string(n, into: &b)
            }
            b.append(byte: UInt8(ascii: "]"))
            if unknown != 0 {
                b.append(",\"unknown\":")
                b.append(decimal: unknown)
            }
            b.append(byte: UInt8(ascii: "}"))
        case .symbol(let v, let name, _):
            b.append("{\"value\":")
            b.append(decimal: v)
            if let name {
                b.append(",\"name\":")
                JSONText.string(name, into: &b)
            }
            b.append(byte: UInt8(ascii: "}"))
        case .structure(let fields, _):
            SyscallValue.writeObject(fields, into: &b, fds: &fds)
        case .array(let items, let more):
            if more { b.append("{\"items\":") }
            b.append(byte: UInt8(ascii: "["))
            for (k, v) in items.enumerated() {
                if k > 0 { b.append(byte: UInt8(ascii: ",")) }
                v.writeJSON(into: &b, fds: &fds)
            }
            b.append(byte: UInt8(ascii: "]"))
            if more { b.append(",\"truncated\":true}") }
        case .pointee(let v), .commented(let v, _), .labeled(_, let v): v.writeJSON(into: &b, fds: &fds)
        case .change(let before, let after):
            b.append("{\"in\":")
            before.writeJSON(into: &b, fds: &fds)
            b.append(",\"out\":")
            after.writeJSON(into: &b, fds: &fds)
            b.append(byte: UInt8(ascii: "}"))
        case .expr(let text, let json):
            if let json { return json.writeJSON(into: &b, fds: &fds) }
            b.append("{\"expr\":")
            JSONText.string(text, into: &b)
            b.append(byte: UInt8(ascii: "}"))
        case .bool(let v): b.append(v ? "true" : "false")
        case .null: b.append("null")
        }
    }

    /// `{"name":value,...}`; a name met twice keeps its first value.
    static func writeObject(_ fields: [ParamField], into b: inout ByteBuffer, fds: inout [(String, String)]) {
        b.append(byte: UInt8(ascii: "{"))
        var seen = Set<String>()
        for f in fields where seen.insert(f.name).inserted {
            if seen.count > 1 { b.append(byte: UInt8(ascii: ",")) }
            JSONText.string(f.name, into: &b)
            b.append(byte: UInt8(ascii: ":"))
            f.value.writeJSON(into: &b, fds: &fds)
        }
        b.append(byte: UInt8(ascii: "}"))
    }

    private static func note(_ key: String, _ path: String, _ fds: inout [(String, String)]) {
        if !fds.contains(where: { $0.0 == key }) { fds.append((key, path)) }
    }

    /// The JSON text of the value (tests, tools).
    public var json: String {
        var b = ByteBuffer(capacity: 64)
        var fds: [(String, String)] = []
        writeJSON(into: &b, fds: &fds)
        return b.string
    }
}

// MARK: - Reading values back (consumers of a record)

extension SyscallValue: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A record's JSON read back generically: numbers as `.int`/`.uint`, strings as
    /// `.string`, arrays as `.array`, objects as `.structure` (so a flag set is the
    /// structure `{value, names}`; the accessors below know each form).
    public init(from decoder: Decoder) throws {
        if let c = try? decoder.container(keyedBy: Key.self) {
            var fields: [ParamField] = []
            for k in c.allKeys { fields.append(ParamField(k.stringValue, try c.decode(SyscallValue.self, forKey: k))) }
            fields.sort { $0.name < $1.name }
            self = .structure(fields)
            return
        }
        if var c = try? decoder.unkeyedContainer() {
            var items: [SyscallValue] = []
            while !c.isAtEnd { items.append(try c.decode(SyscallValue.self)) }
            self = .array(items)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let u = try? c.decode(UInt64.self) { self = .uint(u) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a typed syscall value")
        }
    }

    /// The same JSON as the record writer's (JSONEncoder round trips, tests).
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .int(let v, _), .fd(let v, _, _):
            var c = encoder.singleValueContainer()
            try c.encode(v)
        case .uint(let v, _):
            var c = encoder.singleValueContainer()
            try c.encode(v)
        case .fdcwd:
            var c = encoder.singleValueContainer()
            try c.encode(-100)
        case .bool(let v):
            var c = encoder.singleValueContainer()
            try c.encode(v)
        case .string(let bytes, false, _) where String(validating: bytes, as: UTF8.self) != nil:
            var c = encoder.singleValueContainer()
            try c.encode(String(decoding: bytes, as: UTF8.self))
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .pointee(let v), .commented(let v, _), .labeled(_, let v), .expr(_, json: let v?):
            try v.encode(to: encoder)
        case .array(let items, false):
            var c = encoder.unkeyedContainer()
            for v in items { try c.encode(v) }
        case .structure(let fields, _):
            var c = encoder.container(keyedBy: Key.self)
            var seen = Set<String>()
            for f in fields where seen.insert(f.name).inserted { try c.encode(f.value, forKey: Key(stringValue: f.name)) }
        default:
            // The object forms (a pointer, a cut string, a flag set, ...): as the writer makes them.
            var fds: [(String, String)] = []
            var b = ByteBuffer(capacity: 64)
            writeJSON(into: &b, fds: &fds)
            let object = try JSONDecoderLite.decode(b.string)
            try object.encode(to: encoder)
        }
    }
}

/// Reads the writer's JSON of one value back as a generic value (for `encode`).
private enum JSONDecoderLite {
    static func decode(_ text: String) throws -> SyscallValue {
        try FoundationEssentials.JSONDecoder().decode(SyscallValue.self, from: Data(text.utf8))
    }
}

extension SyscallValue {
    /// The member `name` of a structure (or of an object read back).
    public subscript(name: String) -> SyscallValue? {
        if case .structure(let fields, _) = unwrapped { return fields.first { $0.name == name }?.value }
        return nil
    }

    /// Past the wrappers that only change how it is shown.
    var unwrapped: SyscallValue {
        switch self {
        case .pointee(let v), .commented(let v, _), .labeled(_, let v): return v.unwrapped
        case .expr(_, let json?): return json.unwrapped
        default: return self
        }
    }

    /// A number: an integer, a descriptor, a symbol's or flag set's value (either form).
    public var integer: Int64? {
        switch unwrapped {
        case .int(let v, _), .fd(let v, _, _), .symbol(let v, _, _): return v
        case .uint(let v, _): return Int64(exactly: v)
        case .flags(let v, _, _, _): return Int64(bitPattern: v)
        case .fdcwd: return -100
        case .structure: return self["value"]?.integer
        default: return nil
        }
    }

    /// The text of a string value (lossy for bytes that are not UTF-8), either form.
    public var stringValue: String? {
        switch unwrapped {
        case .string(let bytes, _, _): return String(decoding: bytes, as: UTF8.self)
        case .structure:
            if let s = self["string"]?.stringValue { return s }
            return nil
        default: return nil
        }
    }

    /// The elements of an array, either form (cut arrays read back are `{items, truncated}`).
    public var items: [SyscallValue]? {
        switch unwrapped {
        case .array(let items, _): return items
        case .structure: return self["items"]?.items
        default: return nil
        }
    }

    /// The names of a flag set, or the name of a symbol, either form.
    public var names: [String] {
        switch unwrapped {
        case .flags(_, let names, _, _): return names
        case .symbol(_, let name, _): return name.map { [$0] } ?? []
        case .structure:
            if let n = self["names"]?.items { return n.compactMap(\.stringValue) }
            if let n = self["name"]?.stringValue { return [n] }
            return []
        default: return []
        }
    }
}
