import Foundation
import Glibc
import NSCore
import Testing
import TestSupport
@testable import NSImage

// Seeded fuzzing of everything `nstrace image` reads from an image: the JSON metadata
// (index.json, manifests, config, oci-layout, docker's manifest.json and repositories), the
// layer tars (hostile names, symlinks, hardlinks, whiteouts, huge or wrong sizes, damaged
// headers) through the unpacker, and the layer diff. Budget: NSTRACE_FUZZ_SECONDS per
// target (see TestSupport/Fuzzing.swift). Properties, not only "does not crash":
// - every failure is a typed ImageError;
// - an unpack never creates, changes or deletes anything outside its directory (a sentinel
//   directory beside it is compared before and after), and removes its directory on error;
// - on success, what the unpacker made is what the in-memory overlay model (LayerDiff) says;
// - reports have no control character, and their JSON parses.

/// Property: a rendered text has no character a terminal would act on, except newlines.
func expectTerminalSafe(_ text: String, _ what: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let bad = text.unicodeScalars.first { $0 != "\n" && TerminalText.needsEscape($0) }
    #expect(bad == nil, "\(label): \(what) holds U+\(String(bad?.value ?? 0, radix: 16))", sourceLocation: sourceLocation)
}

/// A hostile path made of a few components (so names collide across layers).
func hostilePath(_ rng: inout SeededRandom, hostility: Double = 0.5) -> String {
    let benign = ["a", "b", "c", "d", "a", "b"]
    let hostile = ["..", ".", "", "outside", ".wh.a", ".wh.b", ".wh..wh..opq", ".wh..", ".wh..wh.plnk",
                   "\u{1B}]0;pwned\u{07}", "x\ny", String(repeating: "n", count: 255), String(repeating: "l", count: 300)]
    // (No non-ASCII names here: libarchive's writer refuses them in the C locale the tests
    // run in; the byte-level mutations of damagedTarsUnpack put any byte in names.)
    var p = (0..<rng.int(in: 1...4)).map { _ in rng.chance(hostility) ? rng.pick(hostile) : rng.pick(benign) }.joined(separator: "/")
    if rng.chance(0.1 * hostility) { p = "/" + p }
    if rng.chance(0.05) { p = "./" + p }
    if rng.chance(0.05) { p += "/" }
    return p
}

func linkTarget(_ rng: inout SeededRandom) -> String {
    rng.chance(0.5) ? rng.pick(["../outside", "../../outside/victim", "/", "/outside", "..", ".", "a", "a/b", "b/../..",
                               "/proc/self/root", "../rootfs", "c/../../outside", "../../../../../../etc"]) : hostilePath(&rng)
}

/// A random layer: entries of every kind with hostile names and targets. With a low
/// `hostility` most entries are ordinary (so unpacks get far and the overlay model is
/// checked); with a high one most try something.
func hostileLayer(_ rng: inout SeededRandom, hostility: Double = 0.5) -> TarBuilder {
    var t = TarBuilder()
    for _ in 0..<rng.int(in: 0...12) {
        let name = hostilePath(&rng, hostility: hostility)
        switch rng.chance(hostility) ? rng.int(12) : rng.pick([0, 1, 3, 8, 9]) {
        case 0, 1, 2: t.file(name, data: Data(rng.bytes(rng.pick([0, 1, 100, 513, 4096]))), mode: UInt32(rng.int(0o10000)))
        case 3, 4: t.dir(name, mode: rng.pick([0o755, 0o700, 0o555, 0o000, 0o1777]))
        case 5, 6: t.symlink(name, to: linkTarget(&rng))
        case 7: t.hardlink(name, to: rng.chance(0.7) ? hostilePath(&rng) : linkTarget(&rng))
        case 8: t.whiteout(rng.pick(["", "a/", "b/", "a/b/"]) + rng.pick([".wh.a", ".wh.b", ".wh..wh..opq", ".wh.c", ".wh.d"]
                                                                           + (rng.chance(hostility) ? [".wh..", ".wh...", ".wh.outside"] : [])))
        case 9: t.entries.append(TarBuilder.Entry(name: name, type: 0o010000, mode: 0o644))                  // FIFO
        case 10: t.device(name, char: rng.chance(0.5), major: UInt32(rng.int(300)), minor: UInt32(rng.int(300)))
        default:
            // A file whose header promises more than it holds (libarchive pads it with zeros),
            // or with xattrs. (Sockets and unknown types: RawTar, below.)
            var e = TarBuilder.Entry(name: name, type: 0o100000, mode: 0o644)
            if rng.chance(0.5) { e.data = Data(rng.bytes(10)); e.size = rng.chance(0.5) ? 4096 : nil }
            if rng.chance(0.5) { e.xattrs = [(rng.pick(["user.x", "trusted.overlay.opaque", "security.capability", "bad"]), Data(rng.bytes(4)))] }
            t.entries.append(e)
        }
    }
    return t
}

extension ImageSuite {
    @Suite("Fuzz: image readers, unpack and layer diff") struct ImageFuzzTests {
        static func expectImageError(_ error: Error, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(error is ImageError, "\(label): untyped error \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        }

        /// Builds an image from `layers`, writes it as a layout, oci-archive or docker-archive.
        static func write(_ b: ImageBuilder, to url: URL, _ rng: inout SeededRandom) throws {
            switch rng.int(3) {
            case 0: try b.writeLayout(url)
            case 1: try b.writeOCIArchive(url)
            default: try b.writeDockerArchive(url)
            }
        }

        /// Unpacks `b` into the sandbox and checks the properties; returns whether it unpacked.
        @discardableResult
        static func unpackChecked(_ b: ImageBuilder, _ rng: inout SeededRandom, _ label: String,
                                  model: [[LayerEntry]]? = nil) throws -> Bool {
            let s = try Sandbox(decoys: true)
            defer { s.remove() }
            try write(b, to: s.image, &rng)
            let before = TreeSnapshot(s.outside.path)
            // The target is absent (unpack makes it) or an empty directory made beforehand.
            let preexisting = rng.chance(0.3)
            if preexisting { try FileManager.default.createDirectory(at: s.dir, withIntermediateDirectories: false) }
            let namesBefore = s.names
            var ok = false
            do {
                let image = try Image.open(s.image.path)
                var opts = Unpacker.Options()
                opts.maxLayerSize = rng.chance(0.05) ? 4096 : defaultMaxLayerSize
                let report = try Unpacker(image: image, options: opts).unpack(into: s.dir.path)
                ok = true
                #expect(report.layers == image.layers.count, "\(label)")
                for w in report.warnings { expectTerminalSafe(TerminalText.escape(w), "warning", label) }
                if let model { compare(s.dir.path, with: model, label) }
            } catch {
                expectImageError(error, label)
                if ProcessInfo.processInfo.environment["NSTRACE_FUZZ_VERBOSE"] != nil { print("\(label): \(error)") }
                // Nothing of a failed unpack is left: the directory it made is gone, one that
                // was there is empty again.
                if preexisting {
                    let left = (try? FileManager.default.contentsOfDirectory(atPath: s.dir.path)) ?? ["(gone)"]
                    #expect(left.isEmpty, "\(label): \(error): left in the target: \(left.prefix(5))")
                } else {
                    #expect(!FileManager.default.fileExists(atPath: s.dir.path), "\(label): \(error): rootfs left behind")
                }
            }
            // Nothing outside the target changed, whatever happened.
            let after = TreeSnapshot(s.outside.path)
            #expect(after == before, "\(label): outside changed:\n\(before.difference(after))")
            #expect(s.names.subtracting(namesBefore).subtracting(["rootfs"]).isEmpty, "\(label): new names beside the target: \(s.names.subtracting(namesBefore))")
            return ok
        }

        /// The unpacked tree against LayerDiff's final tree: same paths, same kinds (only for
        /// images without symlinks, which the disk follows and the model does not).
        static func compare(_ dir: String, with layers: [[LayerEntry]], _ label: String) {
            let diff = LayerDiff(layers: layers)
            var expected: [String: String] = [:]
            for (p, node) in diff.tree.walk() where !p.isRoot {
                let k: String
                switch node.entry.kind {
                case .directory: k = "d"
                case .file, .hardlink: k = "f"
                case .fifo: k = "p"
                case .charDevice: k = "c"
                case .blockDevice: k = "b"
                default: k = "?"
                }
                expected[p.description] = k
            }
            var actual: [String: String] = [:]
            func walk(_ rel: String) {
                let full = dir + rel
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: full.isEmpty ? "/" : full) else { return }
                for n in names {
                    var st = stat()
                    guard lstat(full + "/" + n, &st) == 0 else { continue }
                    let k: String
                    switch st.st_mode & S_IFMT {
                    case S_IFDIR: k = "d"
                    case S_IFREG: k = "f"
                    case S_IFIFO: k = "p"
                    case S_IFCHR: k = "c"
                    case S_IFBLK: k = "b"
                    default: k = "?"
                    }
                    actual[rel + "/" + n] = k
                    if k == "d" { walk(rel + "/" + n) }
                }
            }
            walk("")
            let diffs = Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }.sorted()
            #expect(diffs.isEmpty, "\(label): unpacked tree differs from the overlay model: \(diffs.prefix(8).map { "\($0): model \(expected[$0] ?? "-") disk \(actual[$0] ?? "-")" })")
        }

        /// Layers of hostile entries through the whole pipeline: open, unpack, compare.
        @Test func hostileLayersUnpack() throws {
            var unpacked = 0, compared = 0
            defer { print("fuzz image-unpack: \(unpacked) unpacked, \(compared) compared with the overlay model") }
            try Fuzz.run("image-unpack", defaultSeconds: 5) { c in
                var b = ImageBuilder()
                var tars: [TarBuilder] = []
                let hostility = c.rng.pick([0.05, 0.2, 0.5, 0.9])
                for _ in 0..<c.rng.int(in: 1...3) {
                    let t = hostileLayer(&c.rng, hostility: hostility)
                    tars.append(t)
                    b.layers.append(try ImageBuilder.Layer(t, c.rng.pick([.none, .none, .gzip, .zstd])))
                }
                // The model applies where nothing is followed on disk: no symlinks, no escapes.
                let simple = tars.allSatisfy { $0.entries.allSatisfy { $0.symlink == nil && $0.hardlink == nil && $0.type != 0o140000 && $0.type != 0o170000 } }
                var model: [[LayerEntry]]?
                if simple {
                    model = try? b.layers.indices.map { i in
                        try Image.entries(ofTar: b.layers[i].tar)
                    }
                }
                if try Self.unpackChecked(b, &c.rng, c.label, model: model) {
                    unpacked += 1
                    if model != nil { compared += 1 }
                }
            }
        }

        /// Layer tars written header by header (any type flag, sizes beyond what follows,
        /// base-256 numbers, pax and GNU long-name records), then damaged byte by byte
        /// (digests recomputed, so the damage reaches the tar reader and the unpacker, not
        /// only the digest check).
        @Test func damagedTarsUnpack() throws {
            try Fuzz.run("image-tar-bytes", defaultSeconds: 4) { c in
                var tar: [UInt8]
                if c.rng.chance(0.5) {
                    tar = RawTar.random(&c.rng)
                } else {
                    var t = hostileLayer(&c.rng)
                    if t.entries.isEmpty { t.file("a", "x") }
                    tar = [UInt8](try t.build())
                }
                let dictionary: [[UInt8]] = ["ustar\u{0}00", "././@LongLink", "../", "/", "7777777", "77777777777", "path=", "linkpath=",
                                             "size=99999999999", "GNU.sparse.", "SCHILY.xattr.user.x=", ".wh.", "0000000\u{0}"].map { Array($0.utf8) }
                tar = Fuzz.mutate(tar, &c.rng, dictionary: dictionary, maxSize: 1 << 18)
                var b = ImageBuilder()
                b.layers.append(ImageBuilder.Layer(blob: Data(tar), tar: Data(tar)))
                try Self.unpackChecked(b, &c.rng, c.label)
            }
        }

        // MARK: metadata

        /// A random JSON value, biased to what image metadata holds.
        static func randomJSON(_ rng: inout SeededRandom, depth: Int = 0) -> Any {
            switch rng.int(depth > 2 ? 6 : 8) {
            case 0: return hostileString(&rng)
            case 1: return rng.pick(["sha256:" + String(repeating: "a", count: 64), "sha256:../../outside/victim", "sha512:00",
                                    "../outside/layer.tar", "/etc/passwd", "blobs/sha256/" + String(repeating: "0", count: 64),
                                    MediaType.ociIndex, MediaType.ociManifest, MediaType.dockerManifestList, "1.0.0", "2.0"])
            case 2: return rng.pick([0, -1, 1, Int64.max, Int64.min, 4294967296] as [Int64])
            case 3: return rng.pick([1e300, -0.5, 1.5])
            case 4: return rng.chance(0.5)
            case 5: return NSNull()
            case 6: return (0..<rng.int(4)).map { _ in randomJSON(&rng, depth: depth + 1) }
            default:
                var o: [String: Any] = [:]
                for _ in 0..<rng.int(4) {
                    o[rng.pick(["mediaType", "digest", "size", "manifests", "layers", "config", "Config", "Layers", "RepoTags",
                                "rootfs", "diff_ids", "annotations", "platform", "architecture", "Env", "Cmd", "history"])] = randomJSON(&rng, depth: depth + 1)
                }
                return o
            }
        }

        /// Replaces, removes or adds one value somewhere in a JSON document.
        static func mutateJSON(_ v: Any, _ rng: inout SeededRandom, depth: Int = 0) -> Any {
            if depth > 0 && rng.chance(0.25) { return randomJSON(&rng, depth: depth) }
            if var o = v as? [String: Any], !o.isEmpty {
                let key = o.keys.sorted()[rng.int(o.count)]
                switch rng.int(5) {
                case 0: o[key] = nil
                case 1: o[hostileString(&rng)] = randomJSON(&rng)
                default: o[key] = mutateJSON(o[key]!, &rng, depth: depth + 1)
                }
                return o
            }
            if var a = v as? [Any] {
                if a.isEmpty || rng.chance(0.2) { a.append(randomJSON(&rng)); return a }
                let i = rng.int(a.count)
                switch rng.int(4) {
                case 0: a.remove(at: i)
                case 1: a.append(a[i])
                default: a[i] = mutateJSON(a[i], &rng, depth: depth + 1)
                }
                return a
            }
            return randomJSON(&rng, depth: depth)
        }

        /// Valid layouts whose metadata files are mutated (structurally or byte by byte),
        /// through open, scan, reports and (when they open) unpack.
        @Test func mutatedMetadata() throws {
            try Fuzz.run("image-metadata", defaultSeconds: 4) { c in
                var b = ImageBuilder()
                for _ in 0..<c.rng.int(in: 0...2) {
                    var t = TarBuilder()
                    t.file("bin/sh", data: Data([0x7F, 0x45, 0x4C, 0x46] + c.rng.bytes(60)), mode: 0o755)
                    t.dir("etc")
                    b.layers.append(try ImageBuilder.Layer(t))
                }
                b.cmd = c.rng.chance(0.5) ? ["/bin/sh"] : [hostileString(&c.rng)]
                let s = try Sandbox(decoys: true)
                defer { s.remove() }
                let docker = c.rng.chance(0.3)
                var files: [(String, Data)]
                if docker {
                    // The docker-archive, unpacked into a directory (a docker save directory).
                    let config = b.configData()
                    let configName = Digest.of(config).hex + ".json"
                    files = [(configName, config)]
                    var paths: [String] = []
                    for l in b.layers {
                        let p = "\(Digest.of(l.tar).hex)/layer.tar"
                        files.append((p, l.blob))
                        paths.append(p)
                    }
                    let manifest: [[String: Any]] = [["Config": configName, "RepoTags": ["test:latest"], "Layers": paths]]
                    files.append(("manifest.json", try JSONSerialization.data(withJSONObject: manifest)))
                    files.append(("repositories", Data(#"{"test":{"latest":"x"}}"#.utf8)))
                } else {
                    files = b.ociFiles()
                }
                // Damage one or two metadata files (never a layer blob).
                for _ in 0..<c.rng.int(in: 1...2) {
                    let candidates = files.indices.filter { files[$0].0.hasSuffix(".json") || files[$0].0 == "oci-layout" || files[$0].0 == "repositories"
                        || (files[$0].1.count < 4096 && files[$0].1.first == UInt8(ascii: "{")) }
                    guard let i = candidates.randomElement(using: &c.rng) else { break }
                    if c.rng.chance(0.7), let doc = try? JSONSerialization.jsonObject(with: files[i].1, options: [.fragmentsAllowed]) {
                        let m = Self.mutateJSON(doc, &c.rng)
                        files[i].1 = (try? JSONSerialization.data(withJSONObject: m, options: [.fragmentsAllowed])) ?? files[i].1
                    } else {
                        files[i].1 = Data(Fuzz.mutate(Array(files[i].1), &c.rng))
                    }
                    // Sometimes the blob is renamed to the digest of its new contents (so the
                    // damage gets past the digest check and into the parser).
                    if c.rng.chance(0.6), files[i].0.hasPrefix("blobs/sha256/") {
                        let old = String(files[i].0.dropFirst(13)), new = Digest.of(files[i].1).hex
                        files[i].0 = "blobs/sha256/" + new
                        for j in files.indices where j != i {
                            if let text = String(data: files[j].1, encoding: .utf8), text.contains(old) {
                                files[j].1 = Data(text.replacingOccurrences(of: old, with: new).utf8)
                            }
                        }
                    }
                }
                for (path, data) in files {
                    let url = s.image.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: url)
                }
                let asTar = c.rng.chance(0.3)
                var path = s.image.path
                if asTar {
                    var t = TarBuilder()
                    for (p, d) in files { t.file(p, data: d) }
                    path = s.root.appendingPathComponent("image.tar").path
                    try t.build().write(to: URL(fileURLWithPath: path))
                }
                let before = TreeSnapshot(s.outside.path)
                do {
                    let image = try Image.open(path, ref: c.rng.chance(0.2) ? hostileString(&c.rng) : nil)
                    #expect(image.layers.count == image.config.rootfs.diff_ids.count, "\(c.label)")
                    for l in image.layers { #expect(!l.path.components.contains { $0 == ".." || $0 == "." || $0.isEmpty }, "\(c.label): \(l.path)") }
                    let inspect = try InspectReport.build(image)
                    expectTerminalSafe(inspect.render(.text), "inspect text", c.label)
                    let json = inspect.render(.json)
                    expectTerminalSafe(json, "inspect json", c.label)
                    #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(c.label): inspect json does not parse")
                    let layers = try LayersReport.build(image)
                    expectTerminalSafe(layers.render(.text), "layers text", c.label)
                    let dir = s.dir.path
                    _ = try Unpacker(image: image).unpack(into: dir)
                } catch {
                    Self.expectImageError(error, c.label)
                    expectTerminalSafe(TerminalText.escape(String(describing: error)), "error", c.label)
                }
                #expect(TreeSnapshot(s.outside.path) == before, "\(c.label): outside changed")
            }
        }

        // MARK: pure parts

        @Test func layerDiffInvariants() {
            Fuzz.run("layer-diff", defaultSeconds: 2) { c in
                var layers: [[LayerEntry]] = []
                for _ in 0..<c.rng.int(in: 1...4) {
                    var entries: [LayerEntry] = []
                    for _ in 0..<c.rng.int(in: 0...15) {
                        guard let meaning = try? PathRules.meaning(of: hostilePath(&c.rng)) else { continue }
                        var e: LayerEntry
                        switch meaning {
                        case .whiteout(let p): e = LayerEntry(kind: .whiteout, path: p, mode: 0)
                        case .opaque(let p): e = LayerEntry(kind: .opaque, path: p, mode: 0)
                        case .internalMarker: continue
                        case .plain(let p):
                            if p.isRoot { continue }
                            let kind = c.rng.pick([LayerEntry.Kind.file, .file, .directory, .directory, .symlink, .hardlink, .fifo])
                            e = LayerEntry(kind: kind, path: p, mode: UInt32(c.rng.int(0o10000)), size: kind == .file ? Int64(c.rng.int(1000)) : 0)
                            if kind == .symlink { e.linkTarget = linkTarget(&c.rng) }
                            if kind == .hardlink { e.hardlinkTarget = try? PathRules.entryPath(hostilePath(&c.rng)) }
                        }
                        entries.append(e)
                    }
                    layers.append(entries)
                }
                let diff = LayerDiff(layers: layers)
                #expect(diff.layers.count == layers.count)
                #expect(diff.wastedBytes >= 0 && diff.wastedBytes <= diff.totalContentBytes, "\(c.label): wasted \(diff.wastedBytes) of \(diff.totalContentBytes)")
                for k in layers.indices {
                    // State after layer k, from a diff of the layers up to k.
                    let upTo = LayerDiff(layers: Array(layers[0...k]))
                    let changes = diff.layers[k].changes
                    #expect(Set(changes.map(\.path)).count == changes.count, "\(c.label): a path changed twice in layer \(k)")
                    for ch in changes {
                        let present = upTo.tree.lookup(ch.path) != nil
                        #expect(present == (ch.op != .deleted), "\(c.label): layer \(k) \(ch.op) \(ch.path) but present=\(present)")
                    }
                    let n = diff.layers[k].count
                    #expect(n.added + n.modified + n.deleted == changes.count)
                }
                // Resolving any path terminates (symlink loops, ".." above the root).
                for (p, _) in diff.tree.walk() { _ = diff.tree.resolve(p) }
                _ = diff.tree.resolve(RootPath(hostilePath(&c.rng).split(separator: "/").map(String.init)))
            }
        }

        @Test func pathRules() {
            Fuzz.run("path-rules", defaultSeconds: 1) { c in
                var name = hostilePath(&c.rng)
                if c.rng.chance(0.3) { name = String(decoding: c.rng.bytes(c.rng.int(in: 0...20)).map { [0x2F, 0x2E, 0x61, 0, 0x2E][Int($0 % 5)] }, as: UTF8.self) }
                do {
                    let p = try PathRules.entryPath(name)
                    #expect(!p.components.contains { $0 == ".." || $0 == "." || $0.isEmpty || $0.contains("/") || $0.utf8.contains(0) },
                            "\(c.label): '\(name)' → \(p.components)")
                    #expect(!name.hasPrefix("/"))
                    if !name.split(separator: "/").contains("..") {
                        #expect(p.components == name.split(separator: "/").map(String.init).filter { $0 != "." })
                    }
                } catch {
                    #expect(name.isEmpty || name.hasPrefix("/") || name.utf8.contains(0) || name.split(separator: "/").contains(".."),
                            "\(c.label): '\(name)' refused: \(error)")
                }
            }
        }
    }
}

extension Image {
    /// The layer entries of an uncompressed tar, as readLayer makes them (for the model).
    static func entries(ofTar tar: Data) throws -> [LayerEntry] {
        let reader = try TarReader(source: DataSource(tar), what: "model")
        var out: [LayerEntry] = []
        while let h = try reader.next() {
            if let e = try entry(from: h, layer: "model", warn: { _ in }) { out.append(e) }
            try reader.skipData()
        }
        return out
    }
}

/// A tar writer that writes any header, valid or not (libarchive's writer refuses sockets,
/// unknown types and sizes it cannot store): ustar headers, pax 'x' records, GNU 'L'/'K'
/// long names.
struct RawTar {
    var bytes: [UInt8] = []

    static func octal(_ v: UInt64, _ width: Int) -> [UInt8] {
        var digits = Array(String(v, radix: 8).utf8)
        if digits.count > width - 1 { digits = Array(digits.suffix(width - 1)) }
        return Array(repeating: UInt8(ascii: "0"), count: width - 1 - digits.count) + digits + [0]
    }

    /// A 512-byte header; `size` is what the header says, `data` what follows (padded).
    mutating func entry(name: [UInt8], type: UInt8, mode: UInt64 = 0o644, size: [UInt8]? = nil, linkname: [UInt8] = [],
                        data: [UInt8] = [], prefix: [UInt8] = [], dev: (UInt64, UInt64) = (0, 0), uid: [UInt8]? = nil) {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ at: Int, _ field: [UInt8], _ width: Int) {
            for (i, b) in field.prefix(width).enumerated() { h[at + i] = b }
        }
        put(0, name, 100)
        put(100, Self.octal(mode, 8), 8)
        put(108, uid ?? Self.octal(0, 8), 8)
        put(116, Self.octal(0, 8), 8)
        put(124, size ?? Self.octal(UInt64(data.count), 12), 12)
        put(136, Self.octal(1_700_000_000, 12), 12)
        h[156] = type
        put(157, linkname, 100)
        put(257, Array("ustar\u{0}00".utf8), 8)
        put(329, Self.octal(dev.0, 8), 8)
        put(337, Self.octal(dev.1, 8), 8)
        put(345, prefix, 155)
        for i in 148..<156 { h[i] = 0x20 }
        let sum = h.reduce(0) { $0 + UInt64($1) }
        put(148, Self.octal(sum, 7) + [0x20], 8)
        bytes += h + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    /// A pax extended header for the next entry.
    mutating func pax(_ records: [(String, String)], global: Bool = false) {
        var body: [UInt8] = []
        for (k, v) in records {
            let rest = " \(k)=\(v)\n"
            var n = rest.utf8.count + 1
            while String(n).utf8.count + rest.utf8.count != n { n += 1 }
            body += Array((String(n) + rest).utf8)
        }
        entry(name: Array("PaxHeader".utf8), type: global ? UInt8(ascii: "g") : UInt8(ascii: "x"), data: body)
    }

    mutating func end() { bytes += [UInt8](repeating: 0, count: 1024) }

    /// A tar of random, often invalid, entries.
    static func random(_ rng: inout SeededRandom) -> [UInt8] {
        var t = RawTar()
        for _ in 0..<rng.int(in: 1...8) {
            let name = Array(hostilePath(&rng).utf8) + (rng.chance(0.1) ? [0xFF, 0xC3, 0x28] : [])
            let type = rng.pick(Array("0123456789xgLKSVZ".utf8) + [0, 0x7F])
            let data = rng.bytes(rng.pick([0, 1, 511, 512, 513, 3000]))
            var size: [UInt8]?
            switch rng.int(6) {
            case 0: size = RawTar.octal(UInt64(data.count + rng.int(in: 1...5000)), 12)          // more than follows
            case 1: size = RawTar.octal(0o77777777777, 12)                                       // 8 GiB - 1
            case 2: size = [0x80] + [UInt8](repeating: 0, count: 3) + (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next()) } // base-256
            case 3: size = [0xFF] + [UInt8](repeating: 0xFF, count: 11)                          // -1 in base-256
            default: break
            }
            if rng.chance(0.2) {
                t.pax([(rng.pick(["path", "linkpath", "size", "uid", "mtime", "SCHILY.xattr.user.a", "GNU.sparse.size", "hdrcharset"]),
                        rng.pick([hostilePath(&rng), "-1", "99999999999999999999", "1e9", "../../outside/victim", ""]))],
                      global: rng.chance(0.1))
            }
            if rng.chance(0.1) {
                let long = Array(hostilePath(&rng).utf8)
                t.entry(name: Array("././@LongLink".utf8), type: rng.pick([UInt8(ascii: "L"), UInt8(ascii: "K")]), data: long + [0])
            }
            t.entry(name: name, type: type, mode: UInt64(rng.int(0o10000)), size: size,
                    linkname: Array(linkTarget(&rng).utf8), data: data,
                    prefix: rng.chance(0.1) ? Array(hostilePath(&rng).utf8) : [],
                    dev: (UInt64(rng.int(300)), UInt64(rng.int(300))),
                    uid: rng.chance(0.1) ? [0x80, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF] : nil)
        }
        if rng.chance(0.8) { t.end() }
        return t.bytes
    }
}
