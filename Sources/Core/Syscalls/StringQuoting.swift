/// strace's string_quote: how bytes from the tracee are shown.
enum StringQuoting {
    /// Escapes `bytes` as strace does: `\t \n \v \f \r \" \\`, printable ASCII as is, others
    /// as octal (`\0`, `\177`, three digits when a digit follows), or every byte as `\xNN`
    /// when `hex`. `extraEscapes` are shown as octal too (the `<>` of `-y` paths).
    static func escape(_ bytes: ArraySlice<UInt8>, hex: Bool = false, extraEscapes: [UInt8] = []) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        let hexDigits = Array("0123456789abcdef".utf8)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if hex {
                out += [0x5C, 0x78, hexDigits[Int(c >> 4)], hexDigits[Int(c & 15)]]
                i += 1
                continue
            }
            switch c {
            case 0x22, 0x5C: out += [0x5C, c]
            case 0x0C: out += [0x5C, 0x66]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x0B: out += [0x5C, 0x76]
            default:
                if c >= 0x20 && c <= 0x7E && !extraEscapes.contains(c) {
                    out.append(c)
                } else {
                    out.append(0x5C)
                    let next = i + 1 < bytes.endIndex ? bytes[i + 1] : 0
                    if next >= 0x30 && next <= 0x37 {
                        out += [0x30 + (c >> 6), 0x30 + ((c >> 3) & 7)]
                    } else if c >> 3 != 0 {
                        if c >> 6 != 0 { out.append(0x30 + (c >> 6)) }
                        out.append(0x30 + ((c >> 3) & 7))
                    }
                    out.append(0x30 + (c & 7))
                }
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `"…"` with `...` after the closing quote when `truncated`.
    static func quoted(_ bytes: ArraySlice<UInt8>, truncated: Bool, hex: Bool = false) -> String {
        "\"" + escape(bytes, hex: hex) + "\"" + (truncated ? "..." : "")
    }
}
