import CArchive
import CLibLoad

/// gzip (RFC 1952) by libarchive: its raw format with the gzip filter, written into memory.
/// The page inflates it with the browser's own `DecompressionStream('gzip')`. libarchive is
/// loaded when first used (CLibLoad); the command requires it before it starts.
public enum Gzip {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func compress(_ input: [UInt8]) throws -> [UInt8] {
        guard let a = archive_write_new() else { throw Failure(description: "libarchive: cannot make a writer") }
        defer { archive_write_free(a) }
        func check(_ r: Int32, _ what: String) throws {
            guard r == ARCHIVE_OK || r == ARCHIVE_WARN else {
                let why = archive_error_string(a).map { String(cString: $0) } ?? "error \(r)"
                throw Failure(description: "libarchive: \(what): \(why)")
            }
        }
        try check(archive_write_set_format_raw(a), "raw format")
        try check(archive_write_add_filter_gzip(a), "gzip filter")
        // No padding after the stream: the browser's inflater refuses trailing bytes.
        try check(archive_write_set_bytes_in_last_block(a, 1), "last block")
        // deflate's worst case is a few bytes per 16 KiB block above the input.
        var out = [UInt8](repeating: 0, count: input.count + input.count / 8 + 65536)
        var used = 0
        try out.withUnsafeMutableBytes { buf in
            try check(archive_write_open_memory(a, buf.baseAddress, buf.count, &used), "open")
            guard let e = archive_entry_new() else { throw Failure(description: "libarchive: cannot make an entry") }
            defer { archive_entry_free(e) }
            archive_entry_set_filetype(e, 0o100000)  // AE_IFREG (a macro Swift does not import)
            archive_entry_set_size(e, Int64(input.count))
            try check(archive_write_header(a, e), "header")
            var done = 0
            try input.withUnsafeBytes { src in
                while done < src.count {
                    let n = archive_write_data(a, src.baseAddress! + done, min(src.count - done, 1 << 20))
                    guard n > 0 else { try check(Int32(n == 0 ? ARCHIVE_FATAL : Int32(n)), "data"); return }
                    done += n
                }
            }
            try check(archive_write_close(a), "close")
        }
        return Array(out[0..<used])
    }
}

/// RFC 4648 base64, for the compressed data inside the page (`atob` or
/// `Uint8Array.fromBase64` reads it back).
public enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ b: [UInt8], into out: inout [UInt8]) {
        out.reserveCapacity(out.count + (b.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= b.count {
            let v = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])
            out.append(alphabet[Int(v >> 18)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(alphabet[Int(v >> 6 & 63)])
            out.append(alphabet[Int(v & 63)])
            i += 3
        }
        let rest = b.count - i
        if rest == 1 {
            let v = UInt32(b[i]) << 16
            out.append(alphabet[Int(v >> 18)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        } else if rest == 2 {
            let v = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8
            out.append(alphabet[Int(v >> 18)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(alphabet[Int(v >> 6 & 63)])
            out.append(UInt8(ascii: "="))
        }
    }

    public static func encode(_ b: [UInt8]) -> String {
        var out: [UInt8] = []
        encode(b, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
