import NSCore
import FoundationEssentials
import Glibc

/// A pull source of bytes: the stages of a layer's pipeline (file or archive entry →
/// digest → decompression → diff_id and size limit → tar) are chained sources.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Reads and throws away everything left.
    func drain() throws {
        let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buf.deallocate() }
        while try read(into: buf) > 0 {}
    }

    /// Reads everything, refusing more than `max` bytes.
    func readAll(max: Int, what: String) throws -> Data {
        var out = Data()
        let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buf.deallocate() }
        while true {
            let n = try read(into: buf)
            if n == 0 { return out }
            out.append(buf.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
            if out.count > max { throw ImageError.badMetadata(what, "larger than \(ByteSize.exact(Int64(max)))") }
        }
    }
}

/// Reads a file descriptor (and closes it when done).
final class FDSource: ByteSource {
    private var fd: Int32
    let what: String

    init(fd: Int32, what: String) { self.fd = fd; self.what = what }
    deinit { if fd >= 0 { close(fd) } }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard fd >= 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ImageError.io(what, ErrnoNames.text(errno))
        }
    }
}

/// Bytes from memory.
final class DataSource: ByteSource {
    private let data: Data
    private var offset = 0
    init(_ data: Data) { self.data = data }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, data.count - offset)
        if n <= 0 { return 0 }
        data.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

/// Hashes (SHA-256) and counts what passes through; refuses more than `limit` bytes.
final class HashingSource: ByteSource {
    let inner: ByteSource
    private(set) var hasher = Hasher256()
    let limit: Int64?
    let what: String

    init(_ inner: ByteSource, limit: Int64? = nil, what: String) {
        self.inner = inner
        self.limit = limit
        self.what = what
    }

    var count: Int64 { hasher.count }
    var digest: Digest { hasher.finalize() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        if n > 0 {
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            if let limit, hasher.count > limit { throw ImageError.tooLarge(what, limit) }
        }
        return n
    }
}

/// Lets the first bytes be looked at (magic numbers) before they are read.
final class PeekSource: ByteSource {
    let inner: ByteSource
    private var head: [UInt8] = []
    private var headOffset = 0

    init(_ inner: ByteSource) { self.inner = inner }

    /// Up to `n` first bytes (fewer at the end of a short stream).
    func peek(_ n: Int) throws -> [UInt8] {
        let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: n, alignment: 1)
        defer { buf.deallocate() }
        while head.count - headOffset < n {
            let got = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buf[0..<(n - (head.count - headOffset))]))
            if got == 0 { break }
            head.append(contentsOf: buf[0..<got])
        }
        return Array(head[headOffset..<min(head.count, headOffset + n)])
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if headOffset < head.count {
            let n = min(buffer.count, head.count - headOffset)
            head.withUnsafeBytes { src in buffer.baseAddress!.copyMemory(from: src.baseAddress! + headOffset, byteCount: n) }
            headOffset += n
            return n
        }
        return try inner.read(into: buffer)
    }
}

/// Completes a tar stream that ends without the padding of its last block and without the
/// end-of-archive blocks, as Go's archive/tar writes when it is not closed (umoci 0.4's
/// `insert` layers end so). Go's reader accepts these; libarchive wants whole blocks, so zeros
/// are added up to the block boundary plus two zero blocks. `missing` says how many bytes were
/// added, so the caller can check that they were only padding (see `Image.readLayer`).
final class TarPaddingSource: ByteSource {
    let inner: ByteSource
    private var length: Int64 = 0
    private var pad: Int64 = -1
    private(set) var missing: Int64 = 0

    init(_ inner: ByteSource) { self.inner = inner }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if pad < 0 {
            let n = try inner.read(into: buffer)
            if n > 0 {
                length += Int64(n)
                return n
            }
            let partial = length % 512
            missing = partial == 0 ? 0 : 512 - partial
            pad = missing == 0 ? 0 : missing + 1024
        }
        let n = Int(min(Int64(buffer.count), pad))
        if n > 0 { buffer.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: n) }
        pad -= Int64(n)
        return n
    }
}
