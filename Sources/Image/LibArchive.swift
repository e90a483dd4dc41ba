import CArchive
import FoundationEssentials
import Glibc

/// libarchive read handles fed by a `ByteSource` through callbacks (archive_read_open2), so
/// every stage of a layer's pipeline can be hashed and limited. All tar parsing and gzip/zstd
/// decoding in NSImage goes through here.
final class ArchiveHandle {
    let a: OpaquePointer
    fileprivate let box: CallbackBox
    let what: String

    fileprivate final class CallbackBox {
        let source: ByteSource
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        /// The error a callback caught (callbacks cannot throw): reported instead of
        /// libarchive's "read callback failed".
        var error: Error?
        init(source: ByteSource) { self.source = source }
        deinit { buffer.deallocate() }
    }

    /// - Parameters:
    ///   - configure: registers formats and filters on the new handle.
    init(source: ByteSource, what: String, configure: (OpaquePointer) -> Void) throws {
        guard let a = archive_read_new() else { throw ImageError.io(what, "out of memory") }
        self.a = a
        self.what = what
        self.box = CallbackBox(source: source)
        configure(a)
        let ctx = Unmanaged.passUnretained(box).toOpaque()
        if archive_read_open2(a, ctx, nil, { _, ctx, out in
            let box = Unmanaged<CallbackBox>.fromOpaque(ctx!).takeUnretainedValue()
            do {
                let n = try box.source.read(into: box.buffer)
                out!.pointee = UnsafeRawPointer(box.buffer.baseAddress!)
                return n
            } catch {
                box.error = error
                return -1
            }
        }, nil, nil) != ARCHIVE_OK {
            throw failure()  // deinit frees the handle
        }
    }

    /// Opens a file by name (libarchive seeks over entries it skips).
    init(path: String, what: String, configure: (OpaquePointer) -> Void) throws {
        guard let a = archive_read_new() else { throw ImageError.io(what, "out of memory") }
        self.a = a
        self.what = what
        self.box = CallbackBox(source: DataSource(Data()))
        configure(a)
        if archive_read_open_filename(a, path, 1 << 16) != ARCHIVE_OK {
            throw failure()  // deinit frees the handle
        }
    }

    deinit { archive_read_free(a) }

    /// The error to throw after a libarchive call failed.
    func failure() -> Error {
        if let e = box.error { return e }
        let message = archive_error_string(a).map { String(cString: $0) } ?? "unknown libarchive error"
        return ImageError.corrupt(what, message)
    }

    /// Whether a callback failed with this error (e.g. the size limit).
    var callbackError: Error? { box.error }
}

/// A tar stream's headers and contents, through libarchive's tar reader.
final class TarReader {
    let handle: ArchiveHandle
    private var entry: OpaquePointer?

    /// Reads a tar from `source` (no decompression here: see `DecodedSource`).
    init(source: ByteSource, what: String) throws {
        handle = try ArchiveHandle(source: source, what: what) { a in
            archive_read_support_format_tar(a)
        }
    }

    /// Reads a tar file by name, plain or compressed with gzip or zstd.
    init(path: String, what: String) throws {
        handle = try ArchiveHandle(path: path, what: what) { a in
            archive_read_support_format_tar(a)
            archive_read_support_filter_gzip(a)
            archive_read_support_filter_zstd(a)
        }
    }

    /// The next header, or nil at the end of the archive.
    func next() throws -> TarHeader? {
        while true {
            var e: OpaquePointer?
            let r = archive_read_next_header(handle.a, &e)
            switch r {
            case ARCHIVE_OK, ARCHIVE_WARN:
                entry = e
                return TarHeader(e!)
            case ARCHIVE_EOF:
                return nil
            case ARCHIVE_RETRY:
                continue
            default:
                throw handle.failure()
            }
        }
    }

    /// Reads the current entry's contents by blocks: `(bytes, offset)`; nil at its end.
    /// Offsets jump over the holes of sparse files.
    func readBlock() throws -> (UnsafeRawBufferPointer, Int64)? {
        var buf: UnsafeRawPointer?
        var size = 0
        var offset: la_int64_t = 0
        while true {
            let r = archive_read_data_block(handle.a, &buf, &size, &offset)
            switch r {
            case ARCHIVE_OK, ARCHIVE_WARN:
                return (UnsafeRawBufferPointer(start: buf, count: size), Int64(offset))
            case ARCHIVE_EOF:
                return nil
            case ARCHIVE_RETRY:
                continue
            default:
                throw handle.failure()
            }
        }
    }

    /// The current entry's contents, in memory (at most `max` bytes).
    func readData(max: Int64) throws -> Data {
        var out = Data()
        while let (bytes, offset) = try readBlock() {
            let end = offset + Int64(bytes.count)
            if end > max { throw ImageError.badMetadata(handle.what, "entry larger than \(max) bytes") }
            if Int64(out.count) < offset { out.append(Data(count: Int(offset) - out.count)) }
            out.append(contentsOf: bytes)
        }
        return out
    }

    /// Skips the current entry's contents (still reading them through the sources, so digests
    /// see every byte).
    func skipData() throws {
        let r = archive_read_data_skip(handle.a)
        if r != ARCHIVE_OK && r != ARCHIVE_WARN && r != ARCHIVE_EOF { throw handle.failure() }
    }
}

/// One tar header, copied out of libarchive's entry.
struct TarHeader {
    enum FileType { case file, directory, symlink, hardlink, charDevice, blockDevice, fifo, socket, other }

    var name: String
    var type: FileType
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    var size: Int64
    var sizeIsSet: Bool
    var symlink: String?
    var hardlink: String?
    var devMajor: UInt32
    var devMinor: UInt32
    var mtime: Int64
    var mtimeNsec: Int64
    var xattrs: [LayerEntry.Xattr]

    init(_ e: OpaquePointer) {
        func text(_ utf8: UnsafePointer<CChar>?, _ plain: UnsafePointer<CChar>?) -> String? {
            if let p = utf8 ?? plain { return String(cString: p) }
            return nil
        }
        name = text(archive_entry_pathname_utf8(e), archive_entry_pathname(e)) ?? ""
        hardlink = text(archive_entry_hardlink_utf8(e), archive_entry_hardlink(e))
        symlink = text(archive_entry_symlink_utf8(e), archive_entry_symlink(e))
        let ft = UInt32(archive_entry_filetype(e)) & 0o170000
        if hardlink != nil {
            type = .hardlink
        } else {
            switch ft {
            case 0o100000: type = .file
            case 0o040000: type = .directory
            case 0o120000: type = .symlink
            case 0o020000: type = .charDevice
            case 0o060000: type = .blockDevice
            case 0o010000: type = .fifo
            case 0o140000: type = .socket
            default: type = .other
            }
        }
        mode = UInt32(archive_entry_perm(e)) & 0o7777
        uid = UInt32(truncatingIfNeeded: archive_entry_uid(e))
        gid = UInt32(truncatingIfNeeded: archive_entry_gid(e))
        sizeIsSet = archive_entry_size_is_set(e) != 0
        size = archive_entry_size(e)
        devMajor = UInt32(truncatingIfNeeded: archive_entry_rdevmajor(e))
        devMinor = UInt32(truncatingIfNeeded: archive_entry_rdevminor(e))
        mtime = Int64(archive_entry_mtime(e))
        mtimeNsec = Int64(archive_entry_mtime_nsec(e))
        var xs: [LayerEntry.Xattr] = []
        if archive_entry_xattr_reset(e) > 0 {
            var n: UnsafePointer<CChar>?
            var v: UnsafeRawPointer?
            var len = 0
            while archive_entry_xattr_next(e, &n, &v, &len) == ARCHIVE_OK, let n {
                let bytes = v.map { Array(UnsafeRawBufferPointer(start: $0, count: len)) } ?? []
                xs.append(LayerEntry.Xattr(name: String(cString: n), value: bytes))
            }
        }
        xattrs = xs
    }
}

/// The compression of a layer, from its first bytes.
public enum Compression: String, Sendable, Codable {
    case none, gzip, zstd

    /// gzip `1f 8b`, zstd `28 b5 2f fd`; bzip2 and xz are refused; anything else is taken as
    /// a plain tar (the tar reader then says if it is not).
    static func detect(_ magic: [UInt8], what: String) throws -> Compression {
        if magic.starts(with: [0x1f, 0x8b]) { return .gzip }
        if magic.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) { return .zstd }
        if magic.starts(with: [0x42, 0x5a, 0x68]) { throw ImageError.corrupt(what, "bzip2 layers are not supported") }
        if magic.starts(with: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) { throw ImageError.corrupt(what, "xz layers are not supported") }
        return .none
    }
}

/// The decompressed bytes of a gzip or zstd stream (libarchive's filter with the raw format).
final class DecodedSource: ByteSource {
    let handle: ArchiveHandle

    init(_ source: ByteSource, compression: Compression, what: String) throws {
        handle = try ArchiveHandle(source: source, what: what) { a in
            switch compression {
            case .gzip: archive_read_support_filter_gzip(a)
            case .zstd: archive_read_support_filter_zstd(a)
            case .none: break
            }
            archive_read_support_format_raw(a)
        }
        var e: OpaquePointer?
        let r = archive_read_next_header(handle.a, &e)
        if r == ARCHIVE_EOF { return }
        if r != ARCHIVE_OK && r != ARCHIVE_WARN { throw handle.failure() }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = archive_read_data(handle.a, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if n == Int(ARCHIVE_RETRY) { continue }
            throw handle.failure()
        }
    }
}

/// The contents of the current entry of a `TarReader` (an outer archive's blob).
final class TarEntrySource: ByteSource {
    let reader: TarReader
    init(_ reader: TarReader) { self.reader = reader }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = archive_read_data(reader.handle.a, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if n == Int(ARCHIVE_RETRY) { continue }
            throw reader.handle.failure()
        }
    }
}
