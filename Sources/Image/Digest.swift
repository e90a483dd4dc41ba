import CNettle
import FoundationEssentials

/// A content digest as the OCI image spec writes it: `sha256:` and 64 lowercase hex digits.
/// Only sha256 is accepted (it is what docker, podman, skopeo and umoci write).
public struct Digest: Hashable, Sendable, CustomStringConvertible, Codable {
    public let hex: String

    public init(hex: String) throws {
        guard Digest.isHex64(hex) else { throw ImageError.badDigest("sha256:" + hex) }
        self.hex = hex
    }

    /// Parses `sha256:<64 hex>`; anything else (other algorithms, `../`, upper case) is refused.
    public init(parsing text: String) throws {
        guard text.hasPrefix("sha256:"), Digest.isHex64(String(text.dropFirst(7))) else {
            throw ImageError.badDigest(text)
        }
        self.hex = String(text.dropFirst(7))
    }

    public var description: String { "sha256:" + hex }
    /// The first 12 hex digits, as `docker images` shows ids.
    public var short: String { String(hex.prefix(12)) }

    static func isHex64(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// The sha256 of some bytes.
    public static func of(_ data: Data) -> Digest {
        var h = Hasher256()
        h.update(data)
        return h.finalize()
    }
}

/// Incremental SHA-256 (nettle) that counts the bytes it saw.
public struct Hasher256 {
    private var sha = sha256_ctx()
    public private(set) var count: Int64 = 0

    public init() { nettle_sha256_init(&sha) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        nettle_sha256_update(&sha, bytes.count, base.assumingMemoryBound(to: UInt8.self))
        count += Int64(bytes.count)
    }

    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    public func finalize() -> Digest {
        // nettle_sha256_digest resets the context it reads: a copy keeps this one as it was.
        var copy = sha
        var sum = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_SIZE))
        nettle_sha256_digest(&copy, sum.count, &sum)
        let hex = sum.map { byte -> String in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        return try! Digest(hex: hex)
    }
}
