/// strace's string_quote: how bytes from the tracee are shown.
enum StringQuoting {
    /// Escapes `bytes` as strace does: `\t \n \v \f \r \" \\`, printable ASCII as is, others
    /// as octal (`\0`, `\177`, three digits when a digit follows), or every byte as `\xNN`
    /// when `hex`. `extraEscapes` are shown as octal too (the `<>` of `-y` paths).
    /// Text associated with a value, `<sh>` (a `-Y` command name), as strace's
    /// print_comm_str: escaped as a string without its quotes, `<` and `>` in octal.
    static func associated(_ bytes: [UInt8]) -> String {
        "<" + escape(bytes[...], extraEscapes: [UInt8(ascii: "<"), UInt8(ascii: ">")]) + ">"
    }

    static func escape(_ bytes: ArraySlice<UInt8>, hex: Bool = false, extraEscapes: [UInt8] = []) -> String {
        var out = ByteBuffer(capacity: bytes.count + 8)
        bytes.withUnsafeBytes { write($0, hex: hex, extraEscapes: extraEscapes, to: &out) }
        return out.string
    }

    /// `escape`, appended to `out`. `-x`/`-xx`/`--strings-in-hex` (DecodeStyle) choose hex
    /// for the whole string or for its non-printable bytes, as strace's string_quote.
    static func write(_ bytes: UnsafeRawBufferPointer, hex: Bool = false, extraEscapes: [UInt8] = [],
                      to out: inout ByteBuffer) {
        let hexDigits: StaticString = "0123456789abcdef"
        var hex = hex
        var hexBytes = false
        switch DecodeStyle.current.hexStrings {
        case .none: break
        case .all: hex = true
        case .nonASCII:
            // Printable ASCII and the whitespace \t\n\v\f\r keep the string as text.
            if !hex { hex = bytes.contains { $0 > 0x7E || ($0 < 0x20 && ($0 < 9 || $0 > 13)) } }
        case .nonASCIIChars: hexBytes = true
        }
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if hex {
                out.append(byte: 0x5C)
                out.append(byte: 0x78)
                out.append(byte: hexDigits.utf8Start[Int(c >> 4)])
                out.append(byte: hexDigits.utf8Start[Int(c & 15)])
                continue
            }
            let escaped: UInt8
            switch c {
            case 0x22, 0x5C: escaped = c
            case 0x0C: escaped = 0x66
            case 0x0A: escaped = 0x6E
            case 0x0D: escaped = 0x72
            case 0x09: escaped = 0x74
            case 0x0B: escaped = 0x76
            default:
                if c >= 0x20 && c <= 0x7E && (extraEscapes.isEmpty || !extraEscapes.contains(c)) {
                    out.append(byte: c)
                    continue
                }
                out.append(byte: 0x5C)
                if hexBytes {
                    out.append(byte: 0x78)
                    out.append(byte: hexDigits.utf8Start[Int(c >> 4)])
                    out.append(byte: hexDigits.utf8Start[Int(c & 15)])
                    continue
                }
                let next = i < bytes.count ? bytes[i] : 0
                if next >= 0x30 && next <= 0x37 {
                    out.append(byte: 0x30 + (c >> 6))
                    out.append(byte: 0x30 + ((c >> 3) & 7))
                } else if c >> 3 != 0 {
                    if c >> 6 != 0 { out.append(byte: 0x30 + (c >> 6)) }
                    out.append(byte: 0x30 + ((c >> 3) & 7))
                }
                out.append(byte: 0x30 + (c & 7))
                continue
            }
            out.append(byte: 0x5C)
            out.append(byte: escaped)
        }
    }

    /// `"…"` with `...` after the closing quote when `truncated`.
    static func quoted(_ bytes: ArraySlice<UInt8>, truncated: Bool, hex: Bool = false) -> String {
        var out = ByteBuffer(capacity: bytes.count + 8)
        bytes.withUnsafeBytes { writeQuoted($0, truncated: truncated, hex: hex, to: &out) }
        return out.string
    }

    /// `quoted`, appended to `out`.
    static func writeQuoted(_ bytes: UnsafeRawBufferPointer, truncated: Bool, hex: Bool = false,
                            to out: inout ByteBuffer) {
        out.append(byte: 0x22)
        write(bytes, hex: hex, to: &out)
        out.append(byte: 0x22)
        if truncated {
            out.append(byte: 0x2E)
            out.append(byte: 0x2E)
            out.append(byte: 0x2E)
        }
    }
}

/// The reverse of the decoders' quoting, for views that read a record's text back
/// (an execve's argv for the graph, a path or a hostname for compare).
public enum QuotedText {
    /// The string whose opening `"` is at `b[start]`: its bytes with strace's escapes undone
    /// (`\n \t \r \v \f \xHH \NNN`, any other `\c` is `c`), the index after its closing
    /// quote, and whether `...` follows (shown only up to -s bytes). nil when `b[start]` is
    /// not a quote or the string never closes.
    public static func parse(_ b: [UInt8], at start: Int) -> (bytes: [UInt8], next: Int, cutShort: Bool)? {
        guard start < b.count, b[start] == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        var i = start + 1
        while i < b.count {
            let c = b[i]
            i += 1
            if c == UInt8(ascii: "\"") {
                return (out, i, i < b.count && b[i] == UInt8(ascii: "."))
            }
            guard c == UInt8(ascii: "\\"), i < b.count else { out.append(c); continue }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "x"):
                var v: UInt8 = 0, n = 0
                while n < 2, i < b.count, let h = hexValue(b[i]) { v = v &* 16 &+ h; i += 1; n += 1 }
                out.append(n == 0 ? UInt8(ascii: "x") : v)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var v = Int(e - 0x30), n = 1
                while n < 3, i < b.count, b[i] >= 0x30, b[i] <= 0x37 { v = v * 8 + Int(b[i] - 0x30); i += 1; n += 1 }
                out.append(UInt8(truncatingIfNeeded: v))
            default: out.append(e)
            }
        }
        return nil
    }

    /// `"/etc/x"` → `/etc/x`; nil when the text is not one whole string (not quoted,
    /// never closed, or cut short).
    public static func unquote(_ text: String) -> String? {
        guard let s = parse(Array(text.utf8), at: 0), !s.cutShort else { return nil }
        return String(decoding: s.bytes, as: UTF8.self)
    }

    /// `["sh", "-c", "x"...]` → its strings as far as they are shown; nil when the text is
    /// not a list.
    public static func list(_ text: String) -> [String]? {
        guard ScalarText.hasPrefix(text, "[") else { return nil }  // by byte: "[" + U+0301 is one Character
        let b = Array(text.utf8)
        var out: [String] = []
        var i = 1
        while i < b.count, b[i] != UInt8(ascii: "]") {
            guard b[i] == UInt8(ascii: "\"") else { i += 1; continue }
            guard let s = parse(b, at: i) else { break }
            out.append(String(decoding: s.bytes, as: UTF8.self))
            i = s.next
        }
        return out
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}
