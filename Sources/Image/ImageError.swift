import FoundationEssentials
import Glibc
import NSCore

/// Everything that can go wrong reading or unpacking an image. Each description is one line
/// naming what failed (the entry, the blob, the file), for `nstrace: ...` on stderr.
public enum ImageError: Error, CustomStringConvertible, Equatable {
    /// Opening or reading a file of the image (path, errno text).
    case io(String, String)
    /// Not an image we can read (path, why).
    case unknownFormat(String, String)
    /// Malformed metadata: manifest.json, index.json, a manifest or a config (what, why).
    case badMetadata(String, String)
    case badDigest(String)
    /// A blob the metadata names is not in the image (what, path).
    case missingBlob(String, String)
    /// A blob path that leaves the archive or layout directory (what, path).
    case outsideImage(String, String)
    /// Content does not have the digest the metadata promised (what, expected, actual).
    case digestMismatch(String, Digest, Digest)
    /// Content does not have the size the metadata promised (what, expected, actual).
    case sizeMismatch(String, Int64, Int64)
    /// The archive or a layer stream is broken (what, libarchive's message).
    case corrupt(String, String)
    /// A layer decompresses to more than the limit (layer, limit).
    case tooLarge(String, Int64)
    /// No image matches, or several do and none was chosen (message).
    case selection(String)
    /// A layer entry refused by the unpacker or the path rules (layer, entry, why).
    case unsafeEntry(String, String, String)
    /// A filesystem operation of the unpacker failed (layer, entry, what, errno text).
    case unpack(String, String, String, String)
    /// Stopped by this signal (SIGINT, SIGTERM, ...); what was unpacked is removed.
    case interrupted(Int32)

    public var description: String {
        switch self {
        case .io(let path, let why): return "\(path): \(why)"
        case .unknownFormat(let path, let why): return "\(path): not an image archive or layout: \(why)"
        case .badMetadata(let what, let why): return "\(what): \(why)"
        case .badDigest(let text): return "invalid digest '\(text)' (want sha256:<64 hex digits>)"
        case .missingBlob(let what, let path): return "\(what): blob '\(path)' is missing from the image"
        case .outsideImage(let what, let path): return "\(what): '\(path)' points outside the image"
        case .digestMismatch(let what, let want, let got): return "\(what): digest mismatch: expected \(want), got \(got)"
        case .sizeMismatch(let what, let want, let got): return "\(what): size mismatch: expected \(want) bytes, got \(got)"
        case .corrupt(let what, let why): return "\(what): \(why)"
        case .tooLarge(let what, let limit):
            return "\(what): decompresses to more than the limit of \(ByteSize.exact(limit)) (--max-layer-size); refused"
        case .selection(let message): return message
        case .unsafeEntry(let layer, let entry, let why): return "\(layer): entry '\(entry)': \(why); refused"
        case .unpack(let layer, let entry, let what, let why): return "\(layer): entry '\(entry)': \(what): \(why)"
        case .interrupted(let sig): return "interrupted by signal \(sig)"
        }
    }
}

/// errno as text ("No such file or directory").

/// Byte counts for people: "1.9 MB" (decimal units, as docker prints) and "8 GiB".
public enum ByteSize {
    public static func human(_ n: Int64) -> String {
        if n < 1000 { return "\(n) B" }
        let units = ["kB", "MB", "GB", "TB", "PB"]
        var v = Double(n) / 1000, i = 0
        while v >= 1000 && i < units.count - 1 { v /= 1000; i += 1 }
        return StraceTextPrinter.fixed(v, v < 10 ? 1 : 0) + " " + units[i]
    }

    /// Exact binary multiples when they fit ("8 GiB", "1536 KiB"), bytes otherwise.
    public static func exact(_ n: Int64) -> String {
        for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] as [(String, Int64)] {
            if n >= (1 << shift) && n % (1 << shift) == 0 { return "\(n >> shift) \(unit)" }
        }
        return "\(n) bytes"
    }

    /// Parses "8G", "512M", "64k", "1000" (binary multiples; an optional "iB"/"B").
    public static func parse(_ text: String) -> Int64? {
        var s = text.trimmed(\.isSpaceOrTab).uppercased()
        for suffix in ["IB", "B"] where s.hasSuffix(suffix) && s.count > suffix.count { s.removeLast(suffix.count); break }
        var shift: Int64 = 0
        if let last = s.last, let k = ["K": 10, "M": 20, "G": 30, "T": 40][String(last)] {
            shift = Int64(k)
            s.removeLast()
        }
        guard let v = Int64(s), v >= 0, v <= (Int64.max >> shift) else { return nil }
        return v << shift
    }
}
