/// Encodes record lines as JSON, one object per line, without Foundation: the tracer
/// writes one line per event on its hot path. Each line is handed to the sink whole,
/// so a record cut short by a signal still ends with a complete line.
public final class RecordWriter {
    private let sink: OutputSink
    private var line = ByteBuffer(capacity: 4096)

    public init(sink: OutputSink) { self.sink = sink }

    public func write(_ record: RecordLine) {
        Self.encode(record, into: &line)
        line.append(byte: 10)
        line.flush(to: sink)
    }

    public func write(_ event: TraceEvent) { write(.event(event)) }

    /// The JSON text of one line (without the newline).
    public static func encodeLine(_ record: RecordLine) -> String {
        var b = ByteBuffer(capacity: 256)
        encode(record, into: &b)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    static func encode(_ record: RecordLine, into b: inout ByteBuffer) {
        var o = JSONObject(buffer: b)
        b = ByteBuffer(capacity: 0)
        defer { b = o.buffer }
        switch record {
        case .header(let h):
            o.field("type", "header")
            o.field("format", h.format)
            o.field("version", h.version)
            o.field("command", h.command)
            o.field("attached", h.attached.map(Int.init))
            o.field("start", h.start)
            o.field("startEpoch", h.startEpoch)
            o.field("kernel", h.kernel)
            o.field("machine", h.machine)
            o.field("hostname", h.hostname)
            o.field("tool", h.tool)
            if let b = h.backend { o.field("backend", b) }
        case .end(let e):
            o.field("type", "end")
            o.field("t", e.t)
            o.field("status", Int(e.status))
            o.field("reason", e.reason)
        case .event(.task(let e)):
            o.field("type", "task")
            o.field("pid", Int(e.pid))
            o.field("tgid", Int(e.tgid))
            o.field("ppid", e.ppid.map(Int.init))
            o.field("via", e.via.rawValue)
            o.field("t", e.t)
            if let ns = e.ns { o.namespaces("ns", ns) }
            if let nspid = e.nspid { o.field("nspid", nspid.map(Int.init)) }
        case .event(.syscall(let e)):
            o.field("type", "syscall")
            o.field("pid", Int(e.pid))
            o.field("t", e.t)
            o.field("name", e.name)
            o.field("nr", Int(e.nr))
            o.field("abi", e.abi.rawValue)
            o.field("args", e.args)
            o.field("ret", e.ret.map(Int.init))
            o.field("errno", e.errno)
            o.field("retText", e.retText)
            o.field("duration", e.duration)
            // An event made without typed values (a converter's, a test's) is a version 2 line.
            if e.params != nil { o.typedValues(e) }
        case .event(.signal(let e)):
            o.field("type", "signal")
            o.field("pid", Int(e.pid))
            o.field("t", e.t)
            o.field("signal", e.signal)
            o.field("info", e.info)
            o.field("stopped", e.stopped)
        case .event(.exec(let e)):
            o.field("type", "exec")
            o.field("pid", Int(e.pid))
            o.field("formerPid", Int(e.formerPid))
            o.field("t", e.t)
            o.field("filename", e.filename)
        case .event(.namespace(let e)):
            o.field("type", "ns")
            o.field("pid", Int(e.pid))
            o.field("t", e.t)
            o.field("kind", e.kind.rawValue)
            // Inode numbers are unsigned, as in a task line's ns (a bit pattern read as Int
            // would write a negative number the reader refuses).
            o.field("from", inode: e.from)
            o.field("to", inode: e.to)
            o.field("cause", e.cause)
            o.field("call", e.call)
        case .event(.idmap(let e)):
            o.field("type", "idmap")
            o.field("pid", Int(e.pid))
            o.field("t", e.t)
            o.field("target", Int(e.target))
            o.field("file", e.file)
            o.field("data", e.data)
        case .event(.lost(let e)):
            o.field("type", "lost")
            o.field("pid", e.pid.map(Int.init))
            o.field("t", e.t)
            o.field("count", Int(clamping: e.count))
            o.field("from", e.from)
            o.field("to", e.to)
            o.field("reason", e.reason.rawValue)
        case .event(.exit(let e)):
            o.field("type", "exit")
            o.field("pid", Int(e.pid))
            o.field("t", e.t)
            o.field("code", e.code.map(Int.init))
            o.field("signal", e.signal)
            o.field("coreDumped", e.coreDumped)
            o.field("supersededBy", e.supersededBy.map(Int.init))
            o.field("detached", e.detached)
            if e.lost == true { o.field("lost", true) }
        }
        o.close()
    }
}

/// Writes one JSON object field by field.
struct JSONObject {
    private var first = true
    var buffer: ByteBuffer

    init(buffer: ByteBuffer) {
        self.buffer = buffer
        self.buffer.append(byte: UInt8(ascii: "{"))
    }

    mutating func key(_ k: String) {
        if !first { buffer.append(byte: UInt8(ascii: ",")) }
        first = false
        JSONText.string(k, into: &buffer)
        buffer.append(byte: UInt8(ascii: ":"))
    }

    mutating func field(_ k: String, _ v: String?) {
        key(k)
        if let v { JSONText.string(v, into: &buffer) } else { buffer.append("null") }
    }

    mutating func field(_ k: String, _ v: Int?) {
        key(k)
        buffer.append(v.map { String($0) } ?? "null")
    }

    mutating func field(_ k: String, inode v: UInt64) {
        key(k)
        buffer.append(String(v))
    }

    mutating func field(_ k: String, _ v: Double?) {
        key(k)
        buffer.append(v.map { JSONText.number($0) } ?? "null")
    }

    mutating func field(_ k: String, _ v: Bool) {
        key(k)
        buffer.append(v ? "true" : "false")
    }

    mutating func field(_ k: String, _ v: [String]) {
        key(k)
        buffer.append(byte: UInt8(ascii: "["))
        for (i, s) in v.enumerated() {
            if i > 0 { buffer.append(byte: UInt8(ascii: ",")) }
            JSONText.string(s, into: &buffer)
        }
        buffer.append(byte: UInt8(ascii: "]"))
    }

    mutating func field(_ k: String, _ v: [Int]) {
        key(k)
        buffer.append("[" + v.map(String.init).joined(separator: ",") + "]")
    }

    /// {"cgroup": 4026531835, ..., "uts": null}: every kind, null when unknown.
    mutating func namespaces(_ k: String, _ ns: NamespaceSet) {
        key(k)
        buffer.append(byte: UInt8(ascii: "{"))
        for (i, kind) in NamespaceKind.allCases.enumerated() {
            if i > 0 { buffer.append(byte: UInt8(ascii: ",")) }
            JSONText.string(kind.rawValue, into: &buffer)
            buffer.append(byte: UInt8(ascii: ":"))
            buffer.append(ns[kind].map { String($0) } ?? "null")
        }
        buffer.append(byte: UInt8(ascii: "}"))
    }

    /// Version 3: `params`, `retValue` and `fds` of a syscall line.
    mutating func typedValues(_ e: SyscallEvent) {
        var fds: [(String, String)] = []
        key("params")
        SyscallValue.writeObject(e.params?.fields ?? [], into: &buffer, fds: &fds)
        key("retValue")
        if let r = e.retValue { r.writeJSON(into: &buffer, fds: &fds) } else { buffer.append("null") }
        key("fds")
        buffer.append(byte: UInt8(ascii: "{"))
        for (i, (fd, path)) in fds.enumerated() {
            if i > 0 { buffer.append(byte: UInt8(ascii: ",")) }
            JSONText.string(fd, into: &buffer)
            buffer.append(byte: UInt8(ascii: ":"))
            JSONText.string(path, into: &buffer)
        }
        buffer.append(byte: UInt8(ascii: "}"))
    }

    mutating func close() { buffer.append(byte: UInt8(ascii: "}")) }
}

enum JSONText {
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string literal; invalid UTF-8 cannot occur (Swift strings are valid). Every
    /// character `TerminalText` escapes is written as a `\u` escape, so a record shown with
    /// `cat` sends no control sequence to the terminal.
    static func string(_ s: String, into b: inout ByteBuffer) {
        var s = s
        s.withUTF8 { utf8 in string(utf8, into: &b) }
    }

    private static func string(_ utf8: UnsafeBufferPointer<UInt8>, into b: inout ByteBuffer) {
        b.append(byte: UInt8(ascii: "\""))
        var i = 0
        while i < utf8.count {
            let c = utf8[i]
            i += 1
            // C1 controls (C2 80..9F) and the separators and bidi marks (E2 80/81 xx).
            if c == 0xC2 || c == 0xE2 {
                let width = c == 0xC2 ? 1 : 2
                if i + width <= utf8.count {
                    let scalar = c == 0xC2 ? UInt32(utf8[i] & 0x3F) | 0x80
                        : 0x2000 | UInt32(utf8[i] & 0x3F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                    if let u = Unicode.Scalar(scalar), TerminalText.needsEscape(u) {
                        var digits = Array(String(scalar, radix: 16).utf8)
                        while digits.count < 4 { digits.insert(UInt8(ascii: "0"), at: 0) }
                        b.append("\\u")
                        for d in digits { b.append(byte: d) }
                        i += width
                        continue
                    }
                }
            }
            switch c {
            case UInt8(ascii: "\""): b.append("\\\"")
            case UInt8(ascii: "\\"): b.append("\\\\")
            case 0x0A: b.append("\\n")
            case 0x0D: b.append("\\r")
            case 0x09: b.append("\\t")
            case 0..<0x20, 0x7F:
                b.append("\\u00")
                b.append(byte: hex[Int(c >> 4)])
                b.append(byte: hex[Int(c & 15)])
            default: b.append(byte: c)
            }
        }
        b.append(byte: UInt8(ascii: "\""))
    }

    /// Seconds with microsecond precision, as a JSON number.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        return StraceTextPrinter.fixed(d, 6)
    }
}
