import NSCore
import FoundationEssentials
import Glibc

/// The layouts `nstrace image` reads.
public enum ImageFormat: String, Sendable, Codable {
    /// `docker save` before Docker 25 (and skopeo's or podman's docker-archive):
    /// manifest.json, repositories, `<id>/layer.tar`, `<digest>.json`.
    case dockerArchive = "docker-archive"
    /// `docker save` of Docker 25 and later: an OCI layout (index.json, oci-layout, blobs/)
    /// plus the manifest.json of the legacy layout.
    case dockerOCIArchive = "docker-archive (OCI layout, Docker 25+)"
    /// An OCI image layout in a tar (skopeo/podman `oci-archive`).
    case ociArchive = "oci-archive"
    /// An OCI image layout directory (umoci, skopeo `oci:`).
    case ociLayout = "oci-layout"
    /// A docker save unpacked into a directory.
    case dockerDirectory = "docker-archive directory"
}

/// One layer as the image's metadata describes it.
public struct LayerRef: Sendable {
    /// 0-based position.
    public var index: Int
    /// Where its blob is in the archive or layout.
    public var path: RootPath
    /// The blob's digest and size when the metadata gives them (OCI descriptors,
    /// `blobs/sha256/<hex>` paths); a legacy `layer.tar` is checked through its diff_id.
    public var digest: Digest?
    public var size: Int64?
    public var mediaType: String?
    /// sha256 of the uncompressed tar, from the config's rootfs.diff_ids.
    public var diffID: Digest
    /// "layer 2/4 (sha256:...)", for messages.
    public var label: String
}

/// An image found in an archive or layout: names, metadata, where its layers are.
public final class Image {
    public let path: String
    public let format: ImageFormat
    public internal(set) var names: [String]
    public let manifestDigest: Digest?
    public let configDigest: Digest
    public let configJSON: Data
    public let config: ImageConfig
    public let layers: [LayerRef]
    let store: ImageStore

    init(path: String, format: ImageFormat, names: [String], manifestDigest: Digest?, configDigest: Digest,
         configJSON: Data, config: ImageConfig, layers: [LayerRef], store: ImageStore) {
        self.path = path
        self.format = format
        self.names = names
        self.manifestDigest = manifestDigest
        self.configDigest = configDigest
        self.configJSON = configJSON
        self.config = config
        self.layers = layers
        self.store = store
    }

    /// Opens the image at `path` (a tarball or a directory). With several images inside,
    /// `ref` chooses one: a name (`busybox:latest`, `docker.io/library/busybox:latest`, or
    /// an OCI ref name such as `latest`) or a manifest or config digest (prefix).
    public static func open(_ path: String, ref: String? = nil) throws -> Image {
        var st = stat()
        if stat(path, &st) != 0 { throw ImageError.io(path, ErrnoNames.text(errno)) }
        let store: ImageStore
        switch st.st_mode & S_IFMT {
        case S_IFDIR: store = try DirectoryStore(path: path)
        case S_IFREG: store = try TarStore(path: path)
        default: throw ImageError.unknownFormat(path, "not a file or directory")
        }
        let candidates = try ImageCatalog(store: store).candidates()
        return try select(candidates, ref: ref, path: path).load()
    }

    static func select(_ candidates: [Candidate], ref: String?, path: String) throws -> Candidate {
        guard let ref else {
            if candidates.count == 1 { return candidates[0] }
            if candidates.isEmpty { throw ImageError.selection("\(path): holds no image") }
            throw ImageError.selection("\(path) holds \(candidates.count) images (\(candidates.map(\.displayName).joined(separator: ", "))); choose one with --ref")
        }
        let matches = candidates.filter { $0.matches(ref) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw ImageError.selection("\(path): no image named '\(ref)' (found: \(candidates.map(\.displayName).joined(separator: ", ")))")
        }
        throw ImageError.selection("\(path): '\(ref)' names \(matches.count) images; use a digest")
    }

    /// Everything needed to read one image, before its config is read.
    struct Candidate {
        var store: ImageStore
        var path: String
        var format: ImageFormat
        var names: [String]
        var manifestDigest: Digest?
        var configPath: RootPath
        var configDigest: Digest?
        var configSize: Int64?
        var layers: [(path: RootPath, digest: Digest?, size: Int64?, mediaType: String?)]

        var displayName: String { names.first ?? manifestDigest?.description ?? configDigest?.description ?? configPath.relative }

        func matches(_ ref: String) -> Bool {
            let want = Self.normalized(ref)
            for n in names where n == ref || Self.normalized(n) == want { return true }
            if ref.count >= 4 {
                let hex = ref.hasPrefix("sha256:") ? String(ref.dropFirst(7)) : ref
                for d in [manifestDigest, configDigest].compactMap({ $0 }) where d.hex.hasPrefix(hex) { return true }
            }
            return false
        }

        /// "docker.io/library/busybox:latest", "busybox" and "busybox:latest" are one name.
        static func normalized(_ name: String) -> String {
            var n = name
            for prefix in ["docker.io/library/", "docker.io/", "localhost/"] where n.hasPrefix(prefix) {
                n.removeFirst(prefix.count)
                break
            }
            let lastPart = PathRules.parts(n).last ?? n
            if !lastPart.contains(":") && !n.contains("@") { n += ":latest" }
            return n
        }

        func load() throws -> Image {
            let what = "config " + (configDigest?.description ?? configPath.relative)
            let data = try store.read(configPath, what: what)
            let actual = Digest.of(data)
            if let configDigest, actual != configDigest { throw ImageError.digestMismatch(what, configDigest, actual) }
            if let configSize, configSize != Int64(data.count) { throw ImageError.sizeMismatch(what, configSize, Int64(data.count)) }
            let config = try JSONDoc.decode(ImageConfig.self, from: data, what: what)
            let diffIDs = config.rootfs.diff_ids
            if diffIDs.count != layers.count {
                throw ImageError.badMetadata(what, "\(diffIDs.count) diff_ids for \(layers.count) layers")
            }
            var refs: [LayerRef] = []
            for (i, l) in layers.enumerated() {
                let id = l.digest ?? diffIDs[i]
                refs.append(LayerRef(index: i, path: l.path, digest: l.digest, size: l.size, mediaType: l.mediaType,
                                     diffID: diffIDs[i], label: "layer \(i + 1)/\(layers.count) (\(id.short))"))
            }
            return Image(path: path, format: format, names: names, manifestDigest: manifestDigest,
                         configDigest: actual, configJSON: data, config: config, layers: refs, store: store)
        }
    }
}

/// Finds the images in a store.
struct ImageCatalog {
    let store: ImageStore

    static func blobPath(_ d: Digest) -> RootPath { RootPath(["blobs", "sha256", d.hex]) }

    /// `blobs/sha256/<hex>` → the digest the path promises.
    static func digestInPath(_ p: RootPath) -> Digest? {
        let c = p.components
        if c.count == 3, c[0] == "blobs", c[1] == "sha256" { return try? Digest(hex: c[2]) }
        if c.count == 1, c[0].hasSuffix(".json") { return try? Digest(hex: String(c[0].dropLast(5))) }
        return nil
    }

    func candidates() throws -> [Image.Candidate] {
        let hasIndex = store.exists(RootPath(["index.json"]))
        let hasManifest = store.exists(RootPath(["manifest.json"]))
        if hasIndex {
            let format: ImageFormat = store.isDirectory ? .ociLayout : (hasManifest ? .dockerOCIArchive : .ociArchive)
            var found = try ociCandidates(format: format)
            if hasManifest {
                // Docker 25+: names from manifest.json's RepoTags, matched by config.
                for entry in try dockerManifest() {
                    guard let p = try? PathRules.archivePath(entry.Config), let d = Self.digestInPath(p) else { continue }
                    for i in found.indices where found[i].configDigest == d {
                        for tag in entry.RepoTags ?? [] where !found[i].names.contains(tag) { found[i].names.append(tag) }
                    }
                }
            }
            return found
        }
        if hasManifest {
            return try dockerCandidates(format: store.isDirectory ? .dockerDirectory : .dockerArchive)
        }
        throw ImageError.unknownFormat(store.location, "neither index.json (OCI) nor manifest.json (docker save) found")
    }

    // MARK: OCI

    func ociCandidates(format: ImageFormat) throws -> [Image.Candidate] {
        if store.exists(RootPath(["oci-layout"])) {
            let data = try store.read(RootPath(["oci-layout"]), what: "oci-layout")
            struct Layout: Decodable { var imageLayoutVersion: String }
            let layout = try JSONDoc.decode(Layout.self, from: data, what: "oci-layout")
            if !layout.imageLayoutVersion.hasPrefix("1.") {
                throw ImageError.badMetadata("oci-layout", "unsupported imageLayoutVersion \(layout.imageLayoutVersion)")
            }
        }
        let index = try JSONDoc.decode(OCIIndex.self, from: store.read(RootPath(["index.json"]), what: "index.json"),
                                       what: "index.json")
        var out: [Image.Candidate] = []
        for d in index.manifests {
            out += try manifests(from: d, names: Self.names(d.annotations), format: format, depth: 0)
        }
        return out
    }

    static func names(_ annotations: [String: String]?) -> [String] {
        var names: [String] = []
        for key in ["io.containerd.image.name", "org.opencontainers.image.ref.name"] {
            if let v = annotations?[key], !v.isEmpty, !names.contains(v) { names.append(v) }
        }
        return names
    }

    /// Reads a blob the metadata points at, checking its digest and size.
    func readBlob(_ d: Descriptor, what: String) throws -> Data {
        let data = try store.read(Self.blobPath(d.digest), what: what)
        let actual = Digest.of(data)
        if actual != d.digest { throw ImageError.digestMismatch(what, d.digest, actual) }
        if d.size != Int64(data.count) { throw ImageError.sizeMismatch(what, d.size, Int64(data.count)) }
        return data
    }

    /// The image manifests a descriptor leads to: itself, or for an index the manifest of this
    /// machine's platform (else the only one present).
    func manifests(from d: Descriptor, names: [String], format: ImageFormat, depth: Int) throws -> [Image.Candidate] {
        let what = "manifest \(d.digest)"
        if depth > 4 { throw ImageError.badMetadata(what, "indexes nested too deep") }
        let media = d.mediaType ?? ""
        if media == MediaType.ociIndex || media == MediaType.dockerManifestList {
            let sub = try JSONDoc.decode(OCIIndex.self, from: readBlob(d, what: "index \(d.digest)"), what: "index \(d.digest)")
            // Multi-platform indexes often name manifests whose blobs were not saved.
            let present = sub.manifests.filter { store.exists(Self.blobPath($0.digest)) }
            let host = Platform(architecture: HostPlatform.architecture, os: "linux", variant: nil)
            let chosen = present.first { $0.platform?.architecture == host.architecture && ($0.platform?.os ?? "linux") == "linux" }
                ?? (present.count == 1 ? present[0] : nil)
            guard let chosen else {
                if present.isEmpty, let first = sub.manifests.first {
                    throw ImageError.missingBlob("manifest \(first.digest)", Self.blobPath(first.digest).relative)
                }
                throw ImageError.selection("index \(d.digest): no manifest for linux/\(host.architecture ?? "?")")
            }
            return try manifests(from: chosen, names: names, format: format, depth: depth + 1)
        }
        let data = try readBlob(d, what: what)
        let m = try JSONDoc.decode(OCIManifest.self, from: data, what: what)
        if let mt = m.mediaType, mt != MediaType.ociManifest && mt != MediaType.dockerManifest {
            throw ImageError.badMetadata(what, "unexpected mediaType \(mt)")
        }
        return [Image.Candidate(store: store, path: store.location, format: format, names: names, manifestDigest: d.digest,
                                configPath: Self.blobPath(m.config.digest), configDigest: m.config.digest,
                                configSize: m.config.size,
                                layers: m.layers.map { (Self.blobPath($0.digest), $0.digest, $0.size, $0.mediaType) })]
    }

    // MARK: docker save

    func dockerManifest() throws -> [DockerManifestEntry] {
        try JSONDoc.decode([DockerManifestEntry].self, from: store.read(RootPath(["manifest.json"]), what: "manifest.json"),
                           what: "manifest.json")
    }

    func dockerCandidates(format: ImageFormat) throws -> [Image.Candidate] {
        // `repositories` (name → tag → top layer id) only adds names when RepoTags has none.
        var repoNames: [String] = []
        if store.exists(RootPath(["repositories"])),
           let data = try? store.read(RootPath(["repositories"]), what: "repositories"),
           let repos = try? JSONDecoder().decode([String: [String: String]].self, from: data) {
            for (name, tags) in repos.sorted(by: { $0.key < $1.key }) {
                for tag in tags.keys.sorted() { repoNames.append("\(name):\(tag)") }
            }
        }
        let entries = try dockerManifest()
        var out: [Image.Candidate] = []
        for (n, entry) in entries.enumerated() {
            let what = "manifest.json[\(n)]"
            func inArchive(_ name: String, _ field: String) throws -> RootPath {
                do {
                    let p = try PathRules.archivePath(name)
                    if p.isRoot { throw PathRefusal.empty }
                    return p
                } catch {
                    throw ImageError.outsideImage("\(what).\(field)", name)
                }
            }
            let configPath = try inArchive(entry.Config, "Config")
            var layers: [(path: RootPath, digest: Digest?, size: Int64?, mediaType: String?)] = []
            for (i, l) in entry.Layers.enumerated() {
                let p = try inArchive(l, "Layers[\(i)]")
                let d = p.components.first == "blobs" ? Self.digestInPath(p) : nil
                layers.append((p, d, nil, nil))
            }
            let names = (entry.RepoTags ?? []).isEmpty && entries.count == 1 ? repoNames : (entry.RepoTags ?? [])
            out.append(Image.Candidate(store: store, path: store.location, format: format, names: names, manifestDigest: nil,
                                       configPath: configPath, configDigest: Self.digestInPath(configPath), configSize: nil,
                                       layers: layers))
        }
        return out
    }
}

/// The machine's architecture in OCI's words (GOARCH).
enum HostPlatform {
    static let architecture: String? = {
        var u = utsname()
        uname(&u)
        let m = withUnsafeBytes(of: &u.machine) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
        return ["x86_64": "amd64", "aarch64": "arm64", "i686": "386", "armv7l": "arm", "ppc64le": "ppc64le",
                "s390x": "s390x", "riscv64": "riscv64"][m] ?? m
    }()
}
