import FoundationEssentials

/// The JSON documents of image layouts: OCI (image-spec v1.1) and docker's manifest.json.
/// Unknown fields are ignored; missing optional ones are nil.
public enum MediaType {
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
}

public struct Platform: Codable, Sendable, Equatable {
    public var architecture: String?
    public var os: String?
    public var variant: String?
}

public struct Descriptor: Codable, Sendable {
    public var mediaType: String?
    public var digest: Digest
    public var size: Int64
    public var annotations: [String: String]?
    public var platform: Platform?
}

public struct OCIIndex: Codable, Sendable {
    public var schemaVersion: Int?
    public var mediaType: String?
    public var manifests: [Descriptor]
}

public struct OCIManifest: Codable, Sendable {
    public var schemaVersion: Int?
    public var mediaType: String?
    public var config: Descriptor
    public var layers: [Descriptor]
    public var annotations: [String: String]?
}

/// One element of docker's manifest.json.
public struct DockerManifestEntry: Codable, Sendable {
    public var Config: String
    public var RepoTags: [String]?
    public var Layers: [String]
}

/// The image configuration (OCI config, which is docker's too).
public struct ImageConfig: Codable, Sendable {
    public struct Container: Codable, Sendable {
        public var User: String?
        public var ExposedPorts: [String: AnyEmpty]?
        public var Env: [String]?
        public var Entrypoint: [String]?
        public var Cmd: [String]?
        public var Volumes: [String: AnyEmpty]?
        public var WorkingDir: String?
        public var Labels: [String: String]?
        public var StopSignal: String?
    }

    public struct RootFS: Codable, Sendable {
        public var type: String?
        public var diff_ids: [Digest]
    }

    public struct History: Codable, Sendable {
        public var created: String?
        public var created_by: String?
        public var author: String?
        public var comment: String?
        public var empty_layer: Bool?
    }

    public var created: String?
    public var author: String?
    public var architecture: String?
    public var os: String?
    public var variant: String?
    public var config: Container?
    public var rootfs: RootFS
    public var history: [History]?
}

/// `{}` values of ExposedPorts and Volumes (any JSON is accepted and ignored).
public struct AnyEmpty: Codable, Sendable {
    public init() {}
    public init(from decoder: Decoder) throws {}
    public func encode(to encoder: Encoder) throws {
        _ = encoder.container(keyedBy: EmptyKey.self)
    }
    struct EmptyKey: CodingKey {
        var stringValue: String
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

enum JSONDoc {
    /// Decodes `data` as `T`; the error names `what` and says whether it is JSON at all.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let e as ImageError {
            throw ImageError.badMetadata(what, e.description)
        } catch DecodingError.keyNotFound(let key, let ctx) {
            throw ImageError.badMetadata(what, "missing \"\(path(ctx.codingPath + [key]))\"")
        } catch DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx) {
            throw ImageError.badMetadata(what, "unexpected value at \"\(path(ctx.codingPath))\"")
        } catch DecodingError.dataCorrupted(let ctx) {
            if let underlying = ctx.underlyingError as? ImageError {
                throw ImageError.badMetadata(what, underlying.description)
            }
            // At the top, with no error of ours beneath: the parser's own (bad syntax,
            // truncated), so not JSON at all.
            if ctx.codingPath.isEmpty {
                throw ImageError.badMetadata(what, "not JSON")
            }
            throw ImageError.badMetadata(what, "bad value at \"\(path(ctx.codingPath))\": \(ctx.debugDescription)")
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacing(".[", with: "[")
    }
}
