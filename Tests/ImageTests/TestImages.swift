import CArchive
import Foundation
@testable import NSImage
import TestSupport

enum ImageTestDigest {
    static func hex(_ data: Data) -> String { Digest.of(data).hex }
}

/// Writes tar streams with libarchive's writer, names verbatim (so "../x" and "/etc/x" can
/// be made), for layers and archives the tests need.
struct TarBuilder {
    enum Filter { case none, gzip, zstd }

    struct Entry {
        var name: String
        var type: UInt32 = 0o100000
        var mode: UInt32 = 0o644
        var uid: Int64 = 0
        var gid: Int64 = 0
        var data = Data()
        /// A declared size different from data.count (with `data` empty: nothing written).
        var size: Int64?
        var symlink: String?
        var hardlink: String?
        var rdev: (UInt32, UInt32)?
        var xattrs: [(String, Data)] = []
        var mtime: Int = 1_700_000_000
    }

    var entries: [Entry] = []

    mutating func file(_ name: String, _ text: String, mode: UInt32 = 0o644) {
        entries.append(Entry(name: name, mode: mode, data: Data(text.utf8)))
    }
    mutating func file(_ name: String, data: Data, mode: UInt32 = 0o644) {
        entries.append(Entry(name: name, mode: mode, data: data))
    }
    mutating func dir(_ name: String, mode: UInt32 = 0o755) {
        entries.append(Entry(name: name, type: 0o040000, mode: mode))
    }
    mutating func symlink(_ name: String, to target: String) {
        entries.append(Entry(name: name, type: 0o120000, mode: 0o777, symlink: target))
    }
    mutating func hardlink(_ name: String, to target: String) {
        entries.append(Entry(name: name, hardlink: target))
    }
    mutating func whiteout(_ name: String) {
        entries.append(Entry(name: name, mode: 0))
    }
    mutating func device(_ name: String, char: Bool = true, major: UInt32, minor: UInt32) {
        entries.append(Entry(name: name, type: char ? 0o020000 : 0o060000, mode: 0o666, rdev: (major, minor)))
    }

    /// The tar, compressed with `filter`.
    func build(_ filter: Filter = .none) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nstrace-tar-\(UUID().uuidString)").path
        defer { unlink(path) }
        let a = archive_write_new()!
        defer { archive_write_free(a) }
        archive_write_set_format_pax_restricted(a)
        switch filter {
        case .none: archive_write_add_filter_none(a)
        case .gzip: archive_write_add_filter_gzip(a)
        case .zstd: archive_write_add_filter_zstd(a)
        }
        archive_write_set_bytes_in_last_block(a, 1)
        guard archive_write_open_filename(a, path) == ARCHIVE_OK else { throw BuildError(a) }
        for e in entries {
            let entry = archive_entry_new()!
            defer { archive_entry_free(entry) }
            archive_entry_set_pathname(entry, e.name)
            archive_entry_set_filetype(entry, e.type)
            archive_entry_set_perm(entry, mode_t(e.mode))
            archive_entry_set_uid(entry, e.uid)
            archive_entry_set_gid(entry, e.gid)
            archive_entry_set_mtime(entry, e.mtime, 0)
            if let s = e.symlink { archive_entry_set_symlink(entry, s) }
            if let h = e.hardlink { archive_entry_set_hardlink(entry, h) }
            if let (ma, mi) = e.rdev { archive_entry_set_rdevmajor(entry, dev_t(ma))
                archive_entry_set_rdevminor(entry, dev_t(mi)) }
            for (n, v) in e.xattrs { v.withUnsafeBytes { archive_entry_xattr_add_entry(entry, n, $0.baseAddress, v.count) } }
            let size = e.size ?? (e.type == 0o100000 && e.hardlink == nil ? Int64(e.data.count) : 0)
            archive_entry_set_size(entry, size)
            guard archive_write_header(a, entry) == ARCHIVE_OK else { throw BuildError(a) }
            if !e.data.isEmpty {
                let n = e.data.withUnsafeBytes { archive_write_data(a, $0.baseAddress, $0.count) }
                guard n == e.data.count else { throw BuildError(a) }
            }
        }
        guard archive_write_close(a) == ARCHIVE_OK else { throw BuildError(a) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    struct BuildError: Error, CustomStringConvertible {
        var description: String
        init(_ a: OpaquePointer) { description = archive_error_string(a).map { String(cString: $0) } ?? "libarchive error" }
    }
}

/// Writes test images as OCI layouts, oci-archives or docker-archives, with digests right
/// unless a test breaks them on purpose.
struct ImageBuilder {
    struct Layer {
        /// The blob as stored.
        var blob: Data
        /// The uncompressed tar (for the diff_id).
        var tar: Data
        var mediaType = "application/vnd.oci.image.layer.v1.tar"

        init(_ tar: TarBuilder, _ filter: TarBuilder.Filter = .none) throws {
            self.tar = try tar.build()
            blob = filter == .none ? self.tar : try tar.build(filter)
            switch filter {
            case .none: break
            case .gzip: mediaType += "+gzip"
            case .zstd: mediaType += "+zstd"
            }
        }
        init(blob: Data, tar: Data) { self.blob = blob; self.tar = tar }
    }

    var layers: [Layer] = []
    var cmd = ["/bin/sh"]
    /// Replaces the config's bytes (digests are then computed over these).
    var rawConfig: Data?
    /// Replaces the diff_ids.
    var diffIDs: [String]?
    /// Descriptor digests to write instead of the real ones (per layer).
    var layerDigestOverride: [Int: String] = [:]
    /// Layers whose blob is left out.
    var omitBlobs: Set<Int> = []

    func configData() -> Data {
        if let rawConfig { return rawConfig }
        let ids = diffIDs ?? layers.map { "sha256:" + Digest.of($0.tar).hex }
        let obj: [String: Any] = [
            "architecture": "amd64", "os": "linux", "config": ["Cmd": cmd],
            "rootfs": ["type": "layers", "diff_ids": ids],
            "history": layers.indices.map { ["created_by": "layer \($0 + 1)"] },
        ]
        return try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
    }

    func layerDigest(_ i: Int) -> String { layerDigestOverride[i] ?? "sha256:" + Digest.of(layers[i].blob).hex }

    /// Files of an OCI layout: relative path → contents.
    func ociFiles() -> [(String, Data)] {
        var files: [(String, Data)] = []
        let config = configData()
        let configDigest = Digest.of(config)
        files.append(("blobs/sha256/" + configDigest.hex, config))
        for (i, l) in layers.enumerated() where !omitBlobs.contains(i) {
            files.append(("blobs/sha256/" + Digest.of(l.blob).hex, l.blob))
        }
        let manifest: [String: Any] = [
            "schemaVersion": 2, "mediaType": MediaType.ociManifest,
            "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest.description,
                       "size": config.count],
            "layers": layers.enumerated().map { i, l in
                ["mediaType": l.mediaType, "digest": layerDigest(i), "size": l.blob.count] as [String: Any]
            },
        ]
        let m = try! JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
        files.append(("blobs/sha256/" + Digest.of(m).hex, m))
        let index: [String: Any] = [
            "schemaVersion": 2,
            "manifests": [["mediaType": MediaType.ociManifest, "digest": Digest.of(m).description, "size": m.count,
                           "annotations": ["org.opencontainers.image.ref.name": "test:latest"]]],
        ]
        files.append(("index.json", try! JSONSerialization.data(withJSONObject: index, options: [.sortedKeys])))
        files.append(("oci-layout", Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8)))
        return files
    }

    /// Writes an OCI layout directory: directories 0755, files 0644, whatever the umask.
    func writeLayout(_ dir: URL) throws {
        for (path, data) in ociFiles() {
            try Fixture.write(data, to: dir.appendingPathComponent(path))
        }
    }

    /// Writes an oci-archive tarball (0644).
    func writeOCIArchive(_ file: URL) throws {
        var t = TarBuilder()
        for (path, data) in ociFiles() { t.file(path, data: data) }
        try Fixture.write(try t.build(), to: file)
    }

    /// Writes a legacy docker-archive; `layerPaths` replaces manifest.json's Layers.
    func writeDockerArchive(_ file: URL, layerPaths: [String]? = nil) throws {
        var t = TarBuilder()
        let config = configData()
        let configName = Digest.of(config).hex + ".json"
        t.file(configName, data: config)
        var paths: [String] = []
        for (i, l) in layers.enumerated() {
            let p = "\(Digest.of(l.tar).hex)/layer.tar"
            if !omitBlobs.contains(i) { t.file(p, data: l.blob) }
            paths.append(p)
        }
        let manifest: [[String: Any]] = [["Config": configName, "RepoTags": ["test:latest"], "Layers": layerPaths ?? paths]]
        t.file("manifest.json", data: try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]))
        try Fixture.write(try t.build(), to: file)
    }
}
