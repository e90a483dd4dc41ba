import FoundationEssentials

/// What reading a layer measured; every field is checked against the metadata.
public struct LayerStats: Sendable, Codable, Equatable {
    public var compression: Compression
    /// Bytes of the blob as stored.
    public var compressedSize: Int64
    /// Bytes of the tar once decompressed.
    public var uncompressedSize: Int64
    public var blobDigest: Digest
    public var diffID: Digest
}

/// The contents of the entry being read.
public final class EntryContent {
    let reader: TarReader
    init(_ reader: TarReader) { self.reader = reader }

    /// Each block of the contents with its offset (sparse files jump).
    public func forEachBlock(_ body: (UnsafeRawBufferPointer, Int64) throws -> Void) throws {
        while let (bytes, offset) = try reader.readBlock() { try body(bytes, offset) }
    }

    /// The whole contents in memory (at most `max` bytes).
    public func data(max: Int64) throws -> Data { try reader.readData(max: max) }
}

/// The default of --max-layer-size: 8 GiB.
public let defaultMaxLayerSize: Int64 = 8 << 30

extension Image {
    /// Streams layer `index` through blob digest → gzip/zstd decoding → diff_id and size limit
    /// → tar reader, calling `body` for each entry (contents not read by `body` are skipped,
    /// but still hashed). Digests and sizes are checked at the end: a mismatch throws after
    /// `body` saw the entries, so callers that act on entries must undo on error.
    ///
    /// - Parameters:
    ///   - limit: the most bytes the layer may decompress to (a zip bomb stops here).
    ///   - warn: told about entries that are skipped (sockets).
    @discardableResult
    public func readLayer(_ index: Int, limit: Int64 = defaultMaxLayerSize, warn: (String) -> Void = { _ in },
                          body: (LayerEntry, EntryContent) throws -> Void) throws -> LayerStats {
        let ref = layers[index]
        let what = ref.label
        let raw = try store.open(ref.path, what: what)
        let blob = HashingSource(raw, what: what)
        let peek = PeekSource(blob)
        let compression = try Compression.detect(peek.peek(6), what: what)
        let tarBytes: HashingSource
        do {
            if compression == .none {
                tarBytes = HashingSource(peek, limit: limit, what: what)
            } else {
                tarBytes = HashingSource(try DecodedSource(peek, compression: compression, what: "\(what): \(compression.rawValue)"),
                                         limit: limit, what: what)
            }
            let padded = TarPaddingSource(tarBytes)
            let tar = try TarReader(source: padded, what: what)
            var last: TarHeader?
            while let h = try tar.next() {
                last = h
                guard let entry = try Self.entry(from: h, layer: what, warn: warn) else {
                    try tar.skipData()
                    continue
                }
                try body(entry, EntryContent(tar))
                try tar.skipData()
            }
            if padded.missing > 0 {
                // Zeros were added: only the last block's padding may have been missing,
                // never contents.
                let own = last.map { $0.type == .file ? (512 - $0.size % 512) % 512 : 0 } ?? 0
                if padded.missing > own { throw ImageError.corrupt(what, "truncated tar stream") }
            }
            // What follows the tar's end (padding) is part of the diff_id and the blob.
            try tarBytes.drain()
            try blob.drain()
        } catch let error as ImageError {
            // A stream that fails to decode is often one that is not what the metadata says:
            // when the blob's digest is known, check it first and report a mismatch as such.
            if case .tooLarge = error {} else if let expected = ref.digest ?? (compression == .none ? ref.diffID : nil) {
                if (try? blob.drain()) != nil, blob.digest != expected {
                    throw ImageError.digestMismatch(what, expected, blob.digest)
                }
            }
            throw error
        }
        let stats = LayerStats(compression: compression, compressedSize: blob.count, uncompressedSize: tarBytes.count,
                               blobDigest: blob.digest, diffID: tarBytes.digest)
        if let d = ref.digest, d != stats.blobDigest { throw ImageError.digestMismatch(what, d, stats.blobDigest) }
        if let s = ref.size, s != stats.compressedSize { throw ImageError.sizeMismatch(what, s, stats.compressedSize) }
        if stats.diffID != ref.diffID { throw ImageError.digestMismatch("\(what) diff_id", ref.diffID, stats.diffID) }
        return stats
    }

    /// A tar header as a layer entry (nil: skipped, with a warning). Names that leave the
    /// root and malformed whiteouts are refused here, before anything acts on them.
    static func entry(from h: TarHeader, layer: String, warn: (String) -> Void) throws -> LayerEntry? {
        let meaning: PathRules.Meaning
        do { meaning = try PathRules.meaning(of: h.name) } catch {
            throw ImageError.unsafeEntry(layer, h.name, error.description)
        }
        var e: LayerEntry
        switch meaning {
        case .whiteout(let p):
            e = LayerEntry(kind: .whiteout, path: p, name: h.name, mode: 0)
            return e
        case .opaque(let p):
            return LayerEntry(kind: .opaque, path: p, name: h.name, mode: 0)
        case .internalMarker:
            return nil
        case .plain(let p):
            e = LayerEntry(kind: .file, path: p, name: h.name, mode: h.mode, uid: h.uid, gid: h.gid)
        }
        switch h.type {
        case .file: e.kind = .file; e.size = h.size
        case .directory: e.kind = .directory
        case .symlink:
            e.kind = .symlink
            e.linkTarget = h.symlink ?? ""
            if e.linkTarget!.isEmpty { throw ImageError.unsafeEntry(layer, h.name, "symlink with an empty target") }
        case .hardlink:
            e.kind = .hardlink
            e.linkTarget = h.hardlink
            do { e.hardlinkTarget = try PathRules.entryPath(h.hardlink ?? "") } catch {
                throw ImageError.unsafeEntry(layer, h.name, "hardlink to '\(h.hardlink ?? "")': \(error.description)")
            }
            if e.hardlinkTarget!.isRoot { throw ImageError.unsafeEntry(layer, h.name, "hardlink to the root directory") }
        case .charDevice: e.kind = .charDevice; e.devMajor = h.devMajor; e.devMinor = h.devMinor
        case .blockDevice: e.kind = .blockDevice; e.devMajor = h.devMajor; e.devMinor = h.devMinor
        case .fifo: e.kind = .fifo
        case .socket, .other:
            warn("\(layer): entry '\(h.name)': \(h.type == .socket ? "a socket" : "an unknown file type"), skipped")
            return nil
        }
        if e.path.isRoot && e.kind != .directory {
            throw ImageError.unsafeEntry(layer, h.name, "would replace the target directory itself")
        }
        e.mtime = h.mtime
        e.mtimeNsec = h.mtimeNsec
        e.xattrs = h.xattrs
        return e
    }

    /// The entries of every layer (headers only) with what reading measured.
    public func scanLayers(limit: Int64 = defaultMaxLayerSize, warn: (String) -> Void = { _ in })
        throws -> [(entries: [LayerEntry], stats: LayerStats)] {
        try layers.indices.map { i in
            var entries: [LayerEntry] = []
            let stats = try readLayer(i, limit: limit, warn: warn) { e, _ in entries.append(e) }
            return (entries, stats)
        }
    }
}
