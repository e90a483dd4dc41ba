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
    /// Writes everything to `sink` and empties the buffer (keeping its storage).
    public mutating func flush(to sink: OutputSink) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { sink.write($0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
