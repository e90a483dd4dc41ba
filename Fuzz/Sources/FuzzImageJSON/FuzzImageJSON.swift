import Foundation
import FuzzSupport
import NSImage

// libFuzzer target: the JSON metadata of an image. The first byte chooses which document
// of a valid one-layer OCI layout (or docker-save directory) the rest of the input
// replaces: index.json, the manifest, the config, oci-layout, manifest.json, repositories.
// A replaced blob is stored under the digest of its new contents and the document that
// points at it is updated, so the input reaches the parser, not only the digest check.
// Then the image is opened, inspected, listed and unpacked (exerciseImage's properties).

let layerTar: Data = {
    // A tar with one directory and one file, written by hand (ustar).
    func header(_ name: String, type: UInt8, size: Int, mode: String) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ o: Int, _ s: String) { for (i, c) in s.utf8.enumerated() { h[o + i] = c } }
        put(0, name); put(100, mode); put(108, "0000000"); put(116, "0000000")
        put(124, String(repeating: "0", count: 11 - String(size, radix: 8).count) + String(size, radix: 8))
        put(136, "14614043600"); h[156] = type; put(257, "ustar"); put(263, "00")
        for i in 148..<156 { h[i] = 0x20 }
        let sum = h.reduce(0) { $0 + Int($1) }
        put(148, String(repeating: "0", count: 6 - String(sum, radix: 8).count) + String(sum, radix: 8))
        h[154] = 0; h[155] = 0x20
        return h
    }
    let body = Array("#!/bin/sh\necho hi\n".utf8)
    var t = header("bin/", type: UInt8(ascii: "5"), size: 0, mode: "0000755")
    t += header("bin/sh", type: UInt8(ascii: "0"), size: body.count, mode: "0000755") + body
    t += [UInt8](repeating: 0, count: 512 - body.count + 1024)
    return Data(t)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageJSON(_ p: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count >= 1 else { return 0 }
    let which = p[0] % 6
    let doc = Data(bytes: p + 1, count: count - 1)
    let s = Sandbox()
    let dir = s.image
    let (manifestPath, configPath) = writeLayout(dir, layers: [(layerTar, layerTar)])
    func replaceBlob(_ path: String, in referrer: String) {
        let old = (path as NSString).lastPathComponent
        removeTree(path)
        let new = Digest.of(doc)
        write(doc, to: dir + "/blobs/sha256/" + new.hex)
        if var text = try? String(contentsOfFile: referrer, encoding: .utf8) {
            text = text.replacingOccurrences(of: old, with: new.hex)
            // The size next to the digest: the descriptor's "size" is the only number there.
            if let r = text.range(of: #""size":[0-9]+"#, options: .regularExpression) {
                text.replaceSubrange(r, with: "\"size\":\(doc.count)")
            }
            write(Data(text.utf8), to: referrer)
        }
    }
    switch which {
    case 0: write(doc, to: dir + "/index.json")
    case 1: replaceBlob(manifestPath, in: dir + "/index.json")
    case 2: replaceBlob(configPath, in: manifestPath)
    case 3: write(doc, to: dir + "/oci-layout")
    default:
        // A docker save directory: manifest.json (4) or repositories (5) is the input.
        removeTree(dir)
        let configName = (configPath as NSString).lastPathComponent + ".json"
        _ = writeLayout(s.root + "/oci", layers: [(layerTar, layerTar)])
        write((try? Data(contentsOf: URL(fileURLWithPath: s.root + "/oci/blobs/sha256/" + (configPath as NSString).lastPathComponent))) ?? Data(),
              to: dir + "/" + configName)
        write(layerTar, to: dir + "/layer/layer.tar")
        let manifest = #"[{"Config":"\#(configName)","RepoTags":["fuzz:latest"],"Layers":["layer/layer.tar"]}]"#
        write(which == 4 ? doc : Data(manifest.utf8), to: dir + "/manifest.json")
        write(which == 5 ? doc : Data(#"{"fuzz":{"latest":"x"}}"#.utf8), to: dir + "/repositories")
        removeTree(s.root + "/oci")
    }
    exerciseImage(dir, sandbox: s)
    return 0
}
