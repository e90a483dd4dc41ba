/// JSON written straight into a byte buffer, safe inside an HTML `<script>` element.
///
/// Besides JSON's own escapes (`"`, `\`, C0 controls), every `<`, `>` and `&` is written as
/// `\u003c`, `\u003e`, `\u0026` (no `</script>` or `<!--` can end or bend the element), and
/// DEL, the C1 controls, U+2028 and U+2029 (line terminators in older JavaScript) and the
/// bidirectional formatting characters as `\u` escapes too. The value is the same JSON; the
/// page shows every string with `textContent`, never as HTML (docs/explorer.md, Security).
public struct ScriptJSON {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    static let hex = Array("0123456789abcdef".utf8)

    @inline(__always) mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `"key":`
    public mutating func key(_ k: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(k)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func byte(_ c: UInt8) { bytes.append(c) }

    public mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    public mutating func null() { raw("null") }

    public mutating func bool(_ b: Bool) { b ? raw("true") : raw("false") }

    public mutating func int<T: BinaryInteger>(_ v: T) {
        if v == 0 { bytes.append(UInt8(ascii: "0")); return }
        var digits: [UInt8] = []
        var m = v.magnitude
        while m > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10))
            m /= 10
        }
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        bytes.append(contentsOf: digits.reversed())
    }

    /// Seconds as whole microseconds: the record's precision. Values beyond ±2^53 µs
    /// (a made-up record's 1e300) are clamped so JavaScript keeps them exact; NaN is 0.
    public mutating func micros(_ seconds: Double) { int(Self.micros(seconds)) }

    public static func micros(_ seconds: Double) -> Int64 {
        let limit = 9_007_199_254_740_991.0
        let v = (seconds * 1e6).rounded()
        if v.isNaN { return 0 }
        return Int64(max(-limit, min(limit, v)))
    }

    public mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for u in s.unicodeScalars {
            let v = u.value
            switch v {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x09: raw("\\t")
            case 0x0D: raw("\\r")
            case 0x3C, 0x3E, 0x26, 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029,
                 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                raw("\\u")
                bytes.append(Self.hex[Int(v >> 12 & 15)])
                bytes.append(Self.hex[Int(v >> 8 & 15)])
                bytes.append(Self.hex[Int(v >> 4 & 15)])
                bytes.append(Self.hex[Int(v & 15)])
            case 0...0x7F:
                bytes.append(UInt8(v))
            default:
                bytes.append(contentsOf: String(u).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func strings(_ list: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { comma() }
            string(s)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func ints<T: BinaryInteger>(_ list: [T]) {
        bytes.append(UInt8(ascii: "["))
        for (i, v) in list.enumerated() {
            if i > 0 { comma() }
            int(v)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
