import Foundation
import Glibc
import NSCore
import NSImage

// What the libFuzzer harnesses share. A property that does not hold aborts the process, so
// libFuzzer saves the input as a crash artifact (crash-<sha1>), the same as a trap would.

/// Aborts with `message` unless `condition` holds.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        FileHandle.standardError.write(Data("property failed at \(file):\(line): \(message())\n".utf8))
        abort()
    }
}

/// True when `text` holds no character a terminal acts on (newlines aside).
public func terminalSafe(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0 != "\n" && TerminalText.needsEscape($0) }
}

/// A private scratch directory for this process, made once, removed at exit (libFuzzer
/// exits normally at the end of -max_total_time; after a crash it stays, for a look).
public let scratch: String = {
    var template = Array("/tmp/nstrace-fuzz-XXXXXX".utf8CString)
    guard let p = mkdtemp(&template) else { fatalError("mkdtemp: \(errno)") }
    atexit { removeTree(scratch) }
    return String(cString: p)
}()

public func removeTree(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

public func write(_ data: Data, to path: String) {
    try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: path, contents: data)
}

/// Every path beneath `root` with its type, mode, size and (for files) contents, symlink
/// targets included: two snapshots are equal when nothing beneath changed.
public func snapshot(_ root: String) -> [String: String] {
    var out: [String: String] = [:]
    func walk(_ rel: String) {
        let dir = rel.isEmpty ? root : root + "/" + rel
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []) {
            let r = rel.isEmpty ? name : rel + "/" + name
            var st = stat()
            guard lstat(root + "/" + r, &st) == 0 else { continue }
            var v = "\(st.st_mode) \(st.st_uid):\(st.st_gid) \(st.st_size) \(st.st_ino)"
            switch st.st_mode & S_IFMT {
            case S_IFREG: v += " " + Digest.of((try? Data(contentsOf: URL(fileURLWithPath: root + "/" + r))) ?? Data()).hex
            case S_IFLNK: v += " -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + r)) ?? "?")
            case S_IFDIR: walk(r)
            default: break
            }
            out[r] = v
        }
    }
    walk("")
    return out
}

/// sandbox/outside: what an escaping entry would hit (a file, a directory, a symlink to /).
public struct Sandbox {
    public let root: String
    public var outside: String { root + "/outside" }
    public var image: String { root + "/image" }
    public var target: String { root + "/rootfs" }

    public init() {
        root = scratch + "/sandbox"
        removeTree(root)
        write(Data("victim\n".utf8), to: root + "/outside/victim")
        write(Data("deep\n".utf8), to: root + "/outside/sub/file")
        try? FileManager.default.createSymbolicLink(atPath: root + "/outside/link", withDestinationPath: "/")
    }

    public var names: Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []) }
}

/// An OCI layout in `dir`: the config, the layers (blobs as given, diff_ids of `tars`),
/// a manifest and index.json. Returns the paths of the manifest and config blobs.
@discardableResult
public func writeLayout(_ dir: String, layers: [(blob: Data, tar: Data)], config: Data? = nil, cmd: [String] = ["/bin/sh"]) -> (manifest: String, config: String) {
    let configData = config ?? (try! JSONSerialization.data(withJSONObject: [
        "architecture": "amd64", "os": "linux", "config": ["Cmd": cmd],
        "rootfs": ["type": "layers", "diff_ids": layers.map { Digest.of($0.tar).description }],
        "history": layers.indices.map { ["created_by": "layer \($0 + 1)"] },
    ] as [String: Any], options: [.sortedKeys]))
    let configDigest = Digest.of(configData)
    write(configData, to: dir + "/blobs/sha256/" + configDigest.hex)
    for l in layers { write(l.blob, to: dir + "/blobs/sha256/" + Digest.of(l.blob).hex) }
    let manifest = try! JSONSerialization.data(withJSONObject: [
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest.description, "size": configData.count],
        "layers": layers.map { ["mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": Digest.of($0.blob).description, "size": $0.blob.count] },
    ] as [String: Any], options: [.sortedKeys])
    let manifestDigest = Digest.of(manifest)
    write(manifest, to: dir + "/blobs/sha256/" + manifestDigest.hex)
    let index = try! JSONSerialization.data(withJSONObject: [
        "schemaVersion": 2,
        "manifests": [["mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifestDigest.description,
                       "size": manifest.count, "annotations": ["org.opencontainers.image.ref.name": "fuzz:latest"]]],
    ] as [String: Any], options: [.sortedKeys])
    write(index, to: dir + "/index.json")
    write(Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8), to: dir + "/oci-layout")
    return (dir + "/blobs/sha256/" + manifestDigest.hex, dir + "/blobs/sha256/" + configDigest.hex)
}

/// Opens the image at `path` and runs everything `nstrace image` does with it, checking
/// the properties: only ImageError; reports without control characters, JSON that parses;
/// an unpack that changes nothing outside its directory and leaves nothing on error.
public func exerciseImage(_ path: String, sandbox s: Sandbox, maxLayerSize: Int64 = 64 << 20) {
    let before = snapshot(s.outside)
    let names = s.names
    do {
        let image = try Image.open(path)
        for l in image.layers { require(!l.path.components.contains { $0 == ".." || $0 == "." || $0.isEmpty }, "layer path \(l.path)") }
        if let inspect = try? InspectReport.build(image, limit: maxLayerSize) {
            require(terminalSafe(inspect.render(.text)), "inspect text holds a control character")
            let json = inspect.render(.json)
            require(terminalSafe(json), "inspect json holds a control character")
            require((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "inspect json does not parse")
        }
        if let layers = try? LayersReport.build(image, limit: maxLayerSize) {
            require(terminalSafe(layers.render(.text)), "layers text holds a control character")
        }
        var options = Unpacker.Options()
        options.maxLayerSize = maxLayerSize
        do {
            _ = try Unpacker(image: image, options: options).unpack(into: s.target)
        } catch {
            require(error is ImageError, "unpack threw \(type(of: error)): \(error)")
            require(!FileManager.default.fileExists(atPath: s.target), "a failed unpack left \(s.target) behind: \(error)")
        }
    } catch {
        require(error is ImageError, "open threw \(type(of: error)): \(error)")
    }
    require(snapshot(s.outside) == before, "something outside the target changed")
    require(s.names.subtracting(names).subtracting(["rootfs"]).isEmpty, "new names beside the target: \(s.names.subtracting(names))")
    removeTree(s.target)
}
