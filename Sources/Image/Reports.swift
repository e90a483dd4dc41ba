import FoundationEssentials
import NSCore

/// The output formats of `nstrace image` reports.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json
}

// MARK: inspect

/// `nstrace image inspect`: everything about one image.
public struct InspectReport: Codable, Sendable {
    public struct ConfigView: Codable, Sendable, Equatable {
        public var entrypoint: [String]?
        public var cmd: [String]?
        public var env: [String]
        public var workingDir: String?
        public var user: String?
        public var exposedPorts: [String]
        public var volumes: [String]
        public var labels: [String: String]
        public var stopSignal: String?
    }

    public struct HistoryView: Codable, Sendable, Equatable {
        public var created: String?
        public var createdBy: String?
        public var comment: String?
        public var author: String?
        public var emptyLayer: Bool
        /// The layer (1-based) this step made.
        public var layer: Int?
    }

    public struct LayerView: Codable, Sendable, Equatable {
        public var index: Int
        public var digest: Digest
        public var diffID: Digest
        public var mediaType: String?
        public var compression: Compression
        public var compressedSize: Int64
        public var uncompressedSize: Int64
        public var entries: Int
        public var files: Int
        public var directories: Int
        public var whiteouts: Int
        public var createdBy: String?
    }

    public struct EntrypointView: Codable, Sendable, Equatable {
        /// Entrypoint + Cmd, what the container runs.
        public var command: [String]
        /// The program as the config names it.
        public var program: String
        /// Its path in the image once PATH and symlinks are resolved.
        public var resolved: String?
        public var layer: Int?
        public var size: Int64?
        public var elf: ELFFacts?
        /// When there are no ELF facts: why ("not found in the image", "a script: #!/bin/sh").
        public var note: String?
    }

    public var image: String
    public var format: ImageFormat
    public var names: [String]
    public var manifestDigest: Digest?
    public var configDigest: Digest
    public var architecture: String?
    public var os: String?
    public var variant: String?
    public var created: String?
    public var author: String?
    public var config: ConfigView
    public var history: [HistoryView]
    public var layers: [LayerView]
    public var totalCompressedSize: Int64
    public var totalUncompressedSize: Int64
    public var entrypoint: EntrypointView?
}

/// The history steps that made layers, in order (those without `empty_layer`).
func layerHistory(_ config: ImageConfig) -> [ImageConfig.History] {
    (config.history ?? []).filter { $0.empty_layer != true }
}

/// The default PATH of docker and podman when the image sets none.
let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

extension InspectReport {
    /// Reads every layer (verifying digests) and the entrypoint's ELF header.
    public static func build(_ image: Image, limit: Int64 = defaultMaxLayerSize,
                             warn: (String) -> Void = { _ in }) throws -> InspectReport {
        let scanned = try image.scanLayers(limit: limit, warn: warn)
        let diff = LayerDiff(layers: scanned.map(\.entries))
        let c = image.config.config
        let config = ConfigView(
            entrypoint: c?.Entrypoint, cmd: c?.Cmd, env: c?.Env ?? [], workingDir: c?.WorkingDir.flatMap { $0.isEmpty ? nil : $0 },
            user: c?.User.flatMap { $0.isEmpty ? nil : $0 }, exposedPorts: (c?.ExposedPorts?.keys).map { $0.sorted() } ?? [],
            volumes: (c?.Volumes?.keys).map { $0.sorted() } ?? [], labels: c?.Labels ?? [:], stopSignal: c?.StopSignal)
        var history: [HistoryView] = []
        var layerNumber = 0
        for h in image.config.history ?? [] {
            let empty = h.empty_layer == true
            if !empty { layerNumber += 1 }
            history.append(HistoryView(created: h.created, createdBy: h.created_by, comment: h.comment, author: h.author,
                                       emptyLayer: empty, layer: empty ? nil : layerNumber))
        }
        let steps = layerHistory(image.config)
        var layers: [LayerView] = []
        for (i, s) in scanned.enumerated() {
            let l = diff.layers[i]
            layers.append(LayerView(
                index: i + 1, digest: s.stats.blobDigest, diffID: s.stats.diffID, mediaType: image.layers[i].mediaType,
                compression: s.stats.compression, compressedSize: s.stats.compressedSize,
                uncompressedSize: s.stats.uncompressedSize, entries: l.entryCount, files: l.fileCount,
                directories: l.entryCount - l.fileCount - l.whiteoutCount, whiteouts: l.whiteoutCount,
                createdBy: i < steps.count ? steps[i].created_by : nil))
        }
        return InspectReport(
            image: image.path, format: image.format, names: image.names, manifestDigest: image.manifestDigest,
            configDigest: image.configDigest, architecture: image.config.architecture, os: image.config.os,
            variant: image.config.variant, created: image.config.created, author: image.config.author, config: config,
            history: history, layers: layers, totalCompressedSize: layers.reduce(0) { $0 + $1.compressedSize },
            totalUncompressedSize: layers.reduce(0) { $0 + $1.uncompressedSize },
            entrypoint: try entrypoint(image, tree: diff.tree, config: config, limit: limit))
    }

    /// Finds the program the image runs and reads its ELF header.
    static func entrypoint(_ image: Image, tree: FileTree, config: ConfigView, limit: Int64) throws -> EntrypointView? {
        let command = (config.entrypoint ?? []) + (config.cmd ?? [])
        guard let program = command.first, !program.isEmpty else { return nil }
        var view = EntrypointView(command: command, program: program)
        var candidates: [String] = []
        if program.contains("/") {
            candidates = [program.hasPrefix("/") ? program : (config.workingDir ?? "/") + "/" + program]
        } else {
            let path = config.env.first { $0.hasPrefix("PATH=") }.map { String($0.dropFirst(5)) } ?? defaultPath
            candidates = PathRules.parts(path, separator: UInt8(ascii: ":")).map { "\($0)/\(program)" }
        }
        var found: (RootPath, FileTree.Node)?
        for c in candidates {
            let p = RootPath(PathRules.parts(c))
            if let (rp, node) = tree.resolve(p), node.entry.kind == .file {
                found = (rp, node)
                break
            }
        }
        guard let (path, node) = found else {
            view.note = "not found in the image"
            return view
        }
        view.resolved = path.description
        view.layer = node.layer + 1
        view.size = node.entry.size
        // ELF headers, program headers and the dynamic section are in the first bytes, but
        // section headers are at the end: read the whole file (up to 512 MiB).
        let maxRead: Int64 = 512 << 20
        if node.entry.size > maxRead {
            view.note = "larger than \(ByteSize.exact(maxRead)): not read"
            return view
        }
        var bytes = Data()
        try image.readLayer(node.layer, limit: limit) { e, content in
            if e.kind == .file && e.path == path { bytes = try content.data(max: maxRead) }
        }
        if let facts = ELFFacts.read(bytes) {
            view.elf = facts
        } else if bytes.starts(with: [0x23, 0x21]) {
            let line = bytes.prefix(200).split(separator: 0x0a).first.map { String(decoding: $0, as: UTF8.self) } ?? "#!"
            view.note = "a script: \(line)"
        } else {
            view.note = "not an ELF file"
        }
        return view
    }

    /// `color`: ANSI colour in the text (the section titles bold); JSON is never coloured.
    public func render(_ format: ReportFormat, color: Bool = false) -> String {
        switch format {
        case .json: return ReportJSON.encode(self)
        case .text: return renderText(color: color)
        }
    }

    func renderText(color: Bool = false) -> String {
        var out: [String] = []
        // Titles are coloured after the escaping pass at the end (they are nstrace's text).
        var titles = Set<Int>()
        func title(_ s: String) -> String {
            titles.insert(out.count)
            return s
        }
        func field(_ name: String, _ value: String?) {
            out.append(Table.pad(name, 13) + (value ?? "-"))
        }
        field("Image", image)
        field("Format", format.rawValue)
        field("Names", names.isEmpty ? nil : names.joined(separator: ", "))
        field("Manifest", manifestDigest?.description)
        field("Config", configDigest.description)
        field("Platform", [os, architecture, variant].compactMap { $0 }.joined(separator: "/"))
        field("Created", created)
        if let author { field("Author", author) }
        out.append("")
        out.append(title("Config"))
        func sub(_ name: String, _ value: String?) {
            out.append("  " + Table.pad(name, 12) + (value ?? "-"))
        }
        sub("Entrypoint", config.entrypoint.map(Self.jsonArray))
        sub("Cmd", config.cmd.map(Self.jsonArray))
        if config.env.isEmpty { sub("Env", nil) }
        for (i, e) in config.env.enumerated() { sub(i == 0 ? "Env" : "", e) }
        sub("WorkingDir", config.workingDir)
        sub("User", config.user)
        sub("Ports", config.exposedPorts.isEmpty ? nil : config.exposedPorts.joined(separator: " "))
        if !config.volumes.isEmpty { sub("Volumes", config.volumes.joined(separator: " ")) }
        if config.labels.isEmpty { sub("Labels", nil) }
        for (i, k) in config.labels.keys.sorted().enumerated() { sub(i == 0 ? "Labels" : "", "\(k)=\(config.labels[k]!)") }
        if let s = config.stopSignal { sub("StopSignal", s) }
        out.append("")
        out.append(title("History"))
        var rows: [[String]] = []
        for h in history {
            rows.append(["  " + (h.layer.map(String.init) ?? "-"), h.created ?? "-",
                         (h.createdBy ?? "-") + (h.emptyLayer ? "  (no layer)" : "")])
        }
        out += Table.render(rows, rightAligned: [])
        out.append("")
        out.append(title("Layers"))
        rows = [["  #", "DIGEST", "DIFF ID", "COMPRESSION", "SIZE", "UNCOMPRESSED", "FILES", "DIRS", "WHITEOUTS"]]
        for l in layers {
            rows.append(["  \(l.index)", l.digest.short, l.diffID.short, l.compression.rawValue,
                         ByteSize.human(l.compressedSize), ByteSize.human(l.uncompressedSize), String(l.files),
                         String(l.directories), String(l.whiteouts)])
        }
        out += Table.render(rows, rightAligned: [4, 5, 6, 7, 8])
        out.append("  total \(ByteSize.human(totalCompressedSize)) stored, \(ByteSize.human(totalUncompressedSize)) uncompressed, \(layers.count) layer\(layers.count == 1 ? "" : "s")")
        out.append("")
        if let ep = entrypoint {
            field("Entrypoint", Self.jsonArray(ep.command))
            let name = ep.resolved ?? ep.program
            let via = ep.resolved != nil && ep.resolved != ep.program ? " (\(ep.program))" : ""
            if let elf = ep.elf {
                out.append("  \(name)\(via): \(elf.summary)")
                if elf.isStatic {
                    out.append("  needs no user space at all: no loader, no libraries, nothing else from the image")
                }
            } else {
                out.append("  \(name)\(via): \(ep.note ?? "unknown")")
            }
        } else {
            field("Entrypoint", nil)
        }
        // Names, config strings, history and file names are the image's: no control
        // character reaches the terminal (docs/security.md). Then nstrace's own colour.
        return out.enumerated().map { i, line in
            titles.contains(i) ? SGR.wrap(line, SGR.bold, color) : TerminalText.escape(line)
        }.joined(separator: "\n") + "\n"
    }

    static func jsonArray(_ a: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(a)) ?? Data()
        return String(decoding: data, as: UTF8.self).replacing("\",\"", with: "\", \"")
    }
}

// MARK: layers

/// `nstrace image layers`: per layer, what it adds, modifies and deletes; the wasted bytes.
public struct LayersReport: Codable, Sendable {
    public struct ChangeView: Codable, Sendable, Equatable {
        public var op: LayerDiff.Op
        public var path: String
        public var type: LayerEntry.Kind
        public var mode: String
        public var uid: UInt32
        public var gid: UInt32
        public var size: Int64
        public var linkTarget: String?
    }

    public struct LayerView: Codable, Sendable {
        public var index: Int
        public var digest: Digest
        public var diffID: Digest
        public var createdBy: String?
        public var compressedSize: Int64
        public var uncompressedSize: Int64
        public var entries: Int
        public var added: Int
        public var modified: Int
        public var deleted: Int
        /// Bytes of this layer's files that the final image does not show.
        public var wastedBytes: Int64
        public var changes: [ChangeView]
    }

    public struct WasteView: Codable, Sendable, Equatable {
        public var path: String
        /// Copies of the path that are overwritten or deleted later.
        public var count: Int
        public var bytes: Int64
    }

    public var image: String
    public var format: ImageFormat
    public var names: [String]
    public var layerCount: Int
    public var layers: [LayerView]
    /// Bytes of file contents over all layers.
    public var totalBytes: Int64
    public var wastedBytes: Int64
    /// 1 - wasted / total (1 when nothing is wasted).
    public var efficiency: Double
    public var wasted: [WasteView]

    public static func build(_ image: Image, only: Int? = nil, limit: Int64 = defaultMaxLayerSize,
                             warn: (String) -> Void = { _ in }) throws -> LayersReport {
        let scanned = try image.scanLayers(limit: limit, warn: warn)
        let diff = LayerDiff(layers: scanned.map(\.entries))
        let steps = layerHistory(image.config)
        var views: [LayerView] = []
        for (i, l) in diff.layers.enumerated() where only == nil || only == i + 1 {
            let s = scanned[i].stats
            let c = l.count
            views.append(LayerView(
                index: i + 1, digest: s.blobDigest, diffID: s.diffID, createdBy: i < steps.count ? steps[i].created_by : nil,
                compressedSize: s.compressedSize, uncompressedSize: s.uncompressedSize, entries: l.entryCount,
                added: c.added, modified: c.modified, deleted: c.deleted,
                wastedBytes: diff.waste.filter { $0.layer == i }.reduce(0) { $0 + $1.size },
                changes: l.changes.map { ch in
                    ChangeView(op: ch.op, path: ch.path.description, type: ch.entry.kind, mode: ch.entry.modeString,
                               uid: ch.entry.uid, gid: ch.entry.gid, size: ch.entry.size,
                               linkTarget: ch.entry.kind == .hardlink ? ch.entry.hardlinkTarget?.description : ch.entry.linkTarget)
                }))
        }
        var byPath: [String: WasteView] = [:]
        for w in diff.waste {
            let key = w.path.description
            byPath[key, default: WasteView(path: key, count: 0, bytes: 0)].count += 1
            byPath[key]!.bytes += w.size
        }
        let total = diff.totalContentBytes
        return LayersReport(
            image: image.path, format: image.format, names: image.names, layerCount: image.layers.count, layers: views,
            totalBytes: total, wastedBytes: diff.wastedBytes,
            efficiency: total == 0 ? 1 : 1 - Double(diff.wastedBytes) / Double(total),
            wasted: byPath.values.sorted { ($0.bytes, $1.path) > ($1.bytes, $0.path) })
    }

    /// `color`: ANSI colour in the text (A green, M yellow, D red); JSON is never coloured.
    public func render(_ format: ReportFormat, color: Bool = false) -> String {
        switch format {
        case .json: return ReportJSON.encode(self)
        case .text: return renderText(color: color)
        }
    }

    func renderText(color: Bool = false) -> String {
        var out: [String] = []
        /// Lines already escaped (and maybe coloured): the final pass leaves them alone.
        var escaped = Set<Int>()
        let title = names.isEmpty ? image : "\(image) (\(names.joined(separator: ", ")))"
        out.append("\(title): \(format.rawValue), \(layerCount) layer\(layerCount == 1 ? "" : "s")")
        for l in layers {
            out.append("")
            out.append("Layer \(l.index)/\(layerCount)  \(l.digest.short)  \(ByteSize.human(l.uncompressedSize))  \(l.createdBy ?? "")")
            out.append("  \(l.added) added, \(l.modified) modified, \(l.deleted) deleted" +
                       (l.wastedBytes > 0 ? "; \(ByteSize.human(l.wastedBytes)) of it wasted by later layers" : ""))
            var rows: [[String]] = []
            for c in l.changes {
                var name = c.path
                if let t = c.linkTarget { name += c.type == .hardlink ? " => \(t)" : " -> \(t)" }
                rows.append(["  " + c.op.rawValue, c.mode, "\(c.uid):\(c.gid)", c.type == .file ? String(c.size) : "", name])
            }
            // Escaped (paths are the image's), then coloured after layout: each line starts
            // with the two spaces and the letter.
            for (c, line) in zip(l.changes, Table.render(rows, rightAligned: [3])) {
                let style = c.op == .added ? SGR.green : c.op == .modified ? SGR.yellow : SGR.red
                let safe = TerminalText.escape(line)
                escaped.insert(out.count)
                out.append(color ? "  " + SGR.wrap(c.op.rawValue, style, true) + safe.dropFirst(3) : safe)
            }
        }
        out.append("")
        out.append("Total \(ByteSize.human(totalBytes)) of files, \(ByteSize.human(wastedBytes)) wasted " +
                   "(efficiency \(StraceTextPrinter.fixed(efficiency * 100, 2)) %)")
        if !wasted.isEmpty {
            var rows: [[String]] = [["  COUNT", "BYTES", "PATH"]]
            for w in wasted { rows.append(["  \(w.count)", String(w.bytes), w.path]) }
            out += Table.render(rows, rightAligned: [0, 1])
        }
        return out.enumerated().map { i, line in escaped.contains(i) ? line : TerminalText.escape(line) }
            .joined(separator: "\n") + "\n"
    }
}

// MARK: helpers

enum ReportJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? enc.encode(value)) ?? Data("{}".utf8)
        // JSONEncoder escapes C0 controls only; C1 controls and bidi marks as \u escapes too.
        return TerminalText.escapeJSON(String(decoding: data, as: UTF8.self)) + "\n"
    }
}

/// Columns padded to their widest cell, two spaces apart.
enum Table {
    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func render(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        // Cells are escaped before they are measured, so columns stay aligned.
        let rows = rows.map { $0.map(TerminalText.escape) }
        guard let n = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: n)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            var line = ""
            for (i, c) in r.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                let cell = rightAligned.contains(i) ? pad + c : (i == r.count - 1 ? c : c + pad)
                line += (i == 0 ? "" : "  ") + cell
            }
            return String(line.reversed().drop { $0.isWhitespace }.reversed())
        }
    }
}
