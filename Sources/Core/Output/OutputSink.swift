/// Where formatted bytes go. The tracer gives printers a sink backed by a file
/// descriptor; tests give them a buffer.
public protocol OutputSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer)
}

/// An in-memory sink (tests, golden files).
public final class BufferSink: OutputSink {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func write(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A reusable byte buffer that formatting appends to; flushed to a sink in large writes.
public struct ByteBuffer {
    public private(set) var bytes: [UInt8] = []
    public init(capacity: Int = 64 * 1024) { bytes.reserveCapacity(capacity) }
    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }
    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }
    public mutating func append(byte: UInt8) { bytes.append(byte) }
    public mutating func append(_ b: [UInt8]) { bytes.append(contentsOf: b) }
    public mutating func append(_ b: ArraySlice<UInt8>) { bytes.append(contentsOf: b) }
    public mutating func append(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b) }
    /// The bytes as a String (for the places that still want one: records, tests).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Removes the bytes from `start` on and returns them.
    public mutating func removeSuffix(from start: Int) -> [UInt8] {
        guard start >= 0, start <= bytes.count else { return [] }
        let cut = Array(bytes[start...])
        bytes.removeSubrange(start...)
        return cut
    }

    /// Replaces the bytes from `start` on by `transform` of their text (a line's arguments,
    /// marked after they were written: trace --bpf's memory the kernel did not read).
    public mutating func rewrite(from start: Int, _ transform: (String) -> String) {
        guard start >= 0, start <= bytes.count else { return }
        let text = transform(String(decoding: bytes[start...], as: UTF8.self))
        bytes.removeSubrange(start...)
        append(text)
    }

    /// `v` in base 16 or 8 (lowercase digits, no prefix), without building a String.
    public mutating func append(_ v: UInt64, radix: Int) {
        let shift: UInt64 = radix == 16 ? 4 : 3
        var n = 1
        while n < 22 && v >> (shift * UInt64(n)) != 0 { n += 1 }
        for k in stride(from: n - 1, through: 0, by: -1) {
            let d = UInt8(truncatingIfNeeded: (v >> (shift * UInt64(k))) & (radix == 16 ? 15 : 7))
            bytes.append(d < 10 ? 0x30 &+ d : 0x57 &+ d)
        }
    }

    /// strace's `%#lx`: "0" for zero, "0x1f" otherwise.
    public mutating func append(hex v: UInt64) {
        if v == 0 { bytes.append(0x30); return }
        bytes.append(0x30)
        bytes.append(0x78)
        append(v, radix: 16)
    }

    /// `v` in decimal, without building a String.
    public mutating func append(decimal v: Int64) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        append(decimal: v.magnitude)
    }

    /// `v` in decimal, without building a String.
    public mutating func append(decimal v: UInt64) {
        if v < 10 {
            bytes.append(0x30 &+ UInt8(truncatingIfNeeded: v))
            return
        }
        // Least significant digit first, from the end of a small stack buffer.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = digits.count
            var m = v
            while m > 0 {
                i -= 1
                digits[i] = 0x30 &+ UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// 64 spaces, for `append(spaces:)` (a literal: no lazy global, no array to retain).
    private static var spaces: StaticString { "                                                                " }

    /// `n` spaces (nothing when `n <= 0`).
    public mutating func append(spaces n: Int) {
        var n = n
        while n > 0 {
            let k = min(n, Self.spaces.utf8CodeUnitCount)
            Self.spaces.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<k])) }
            n -= k
        }
    }

    /// The number of decimal digits of `v`.
    public static func decimalDigits(_ v: UInt64) -> Int {
        var n = 1
        var m = v
        while m >= 10 {
            m /= 10
            n += 1
        }
        return n
    }
    /// Writes everything to `sink` and empties the buffer (keeping its storage).
    public mutating func flush(to sink: OutputSink) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { sink.write($0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
