/// strace's string_quote: how bytes from the tracee are shown.
enum StringQuoting {
    /// Escapes `bytes` as strace does: `\t \n \v \f \r \" \\`, printable ASCII as is, others
    /// as octal (`\0`, `\177`, three digits when a digit follows), or every byte as `\xNN`
    /// when `hex`. `extraEscapes` are shown as octal too (the `<>` of `-y` paths).
    static func escape(_ bytes: ArraySlice<UInt8>, hex: Bool = false, extraEscapes: [UInt8] = []) -> String {
        var out = ByteBuffer(capacity: bytes.count + 8)
        bytes.withUnsafeBytes { write($0, hex: hex, extraEscapes: extraEscapes, to: &out) }
        return out.string
    }

    /// `escape`, appended to `out`.
    static func write(_ bytes: UnsafeRawBufferPointer, hex: Bool = false, extraEscapes: [UInt8] = [],
                      to out: inout ByteBuffer) {
        let hexDigits: StaticString = "0123456789abcdef"
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
