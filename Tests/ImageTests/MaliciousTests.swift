import Foundation
import Glibc
import Testing
import TestSupport
@testable import NSImage

extension ImageSuite {
    /// Must show 4: the bad-input corpus, made here, refused entry by entry: exit 1, one line
    /// on stderr naming the entry, nothing created (or deleted) outside DIR, DIR removed again.
    @Suite("Malicious images") struct MaliciousTests {
        enum Case: String, CaseIterable, CustomTestStringConvertible {
            case dotDotName, absoluteName, cleanedEscape
            case symlinkOutThenFile, absoluteSymlinkThenFile, symlinkOutThenDeepFile
            case hardlinkOut, hardlinkAbsolute, hardlinkThroughSymlink
            case whiteoutDotDot, whiteoutDot, whiteoutAbsolute, whiteoutEscape, whiteoutThroughSymlink, opaqueThroughSymlink
            case manifestLayerOutside, manifestConfigOutside, blobSymlinkOutside, missingBlob, missingConfigBlob
            case blobDigestMismatch, blobSizeMismatch, diffIDMismatch, configDigestMismatch
            case truncatedGzip, corruptGzip, truncatedZstd, corruptZstd, truncatedPlainTar
            case configNotJSON, indexNotJSON, badDigestInIndex
            case zipBombOneFile, zipBombManyFiles

            var testDescription: String { rawValue }
        }

        /// Makes the image for `c` in the sandbox; returns the extra arguments and what the
        /// one error line must contain.
        static func make(_ c: Case, _ s: Sandbox) throws -> (args: [String], mustContain: [String]) {
            var t = TarBuilder()
            var b = ImageBuilder()
            func layer(_ filter: TarBuilder.Filter = .none) throws { b.layers.append(try ImageBuilder.Layer(t, filter)); t = TarBuilder() }
            var args: [String] = []
            var docker = false
            var dockerLayerPaths: [String]?
            var dockerConfigName: String?
            var after: (() throws -> Void)?
            let must: [String]
            let outside = s.outside.path
            switch c {
            case .dotDotName:
                t.file("ok", "fine"); t.file("../escape", "x"); try layer()
                must = ["entry '../escape'", "outside the target directory"]
            case .absoluteName:
                t.file(outside + "/pwned", "x"); try layer()
                must = ["entry '\(outside)/pwned'", "absolute path"]
            case .cleanedEscape:
                t.dir("a"); t.file("a/../../escape", "x"); try layer()
                must = ["entry 'a/../../escape'", "outside the target directory"]
            case .symlinkOutThenFile:
                t.symlink("evil", to: "../outside"); t.file("evil/pwned", "x"); try layer()
                must = ["entry 'evil/pwned'", "symlink", "outside the target directory"]
            case .absoluteSymlinkThenFile:
                t.symlink("evil", to: outside); t.file("evil/pwned", "x"); try layer()
                must = ["entry 'evil/pwned'", "outside the target directory"]
            case .symlinkOutThenDeepFile:
                t.dir("a"); t.symlink("a/b", to: "../../outside"); t.file("a/b/new/pwned", "x"); try layer()
                must = ["entry 'a/b/new/pwned'", "outside the target directory"]
            case .hardlinkOut:
                t.hardlink("hl", to: "../outside/victim"); try layer()
                must = ["entry 'hl'", "hardlink to '../outside/victim'"]
            case .hardlinkAbsolute:
                t.hardlink("hl", to: outside + "/victim"); try layer()
                must = ["entry 'hl'", "absolute path"]
            case .hardlinkThroughSymlink:
                t.symlink("ol", to: "../outside"); t.hardlink("hl", to: "ol/victim"); try layer()
                must = ["entry 'hl'", "hardlink target '/ol/victim'", "outside the target directory"]
            case .whiteoutDotDot:
                t.dir("sub"); t.whiteout("sub/.wh..."); try layer()
                must = ["entry 'sub/.wh...'", "whiteout names '..'"]
            case .whiteoutDot:
                t.dir("sub"); t.whiteout("sub/.wh.."); try layer()
                must = ["entry 'sub/.wh..'", "whiteout names '.'"]
            case .whiteoutAbsolute:
                t.whiteout(outside + "/.wh.victim"); try layer()
                must = ["entry '\(outside)/.wh.victim'", "absolute path"]
            case .whiteoutEscape:
                t.whiteout("../outside/.wh.victim"); try layer()
                must = ["entry '../outside/.wh.victim'", "outside the target directory"]
            case .whiteoutThroughSymlink:
                t.symlink("ol", to: "../outside"); try layer()
                t.whiteout("ol/.wh.victim"); try layer()
                must = ["layer 2/2", "entry 'ol/.wh.victim'", "outside the target directory"]
            case .opaqueThroughSymlink:
                t.symlink("ol", to: "../outside"); try layer()
                t.whiteout("ol/.wh..wh..opq"); try layer()
                must = ["layer 2/2", "entry 'ol/.wh..wh..opq'", "outside the target directory"]
            case .manifestLayerOutside:
                t.file("a", "a"); try layer()
                docker = true
                dockerLayerPaths = ["../outside/layer.tar"]
                must = ["manifest.json[0].Layers[0]", "'../outside/layer.tar' points outside the image"]
            case .manifestConfigOutside:
                t.file("a", "a"); try layer()
                docker = true
                dockerConfigName = "/etc/passwd"
                must = ["manifest.json[0].Config", "'/etc/passwd' points outside the image"]
            case .blobSymlinkOutside:
                t.file("a", "a"); try layer()
                let hex = Digest.of(b.layers[0].blob).hex
                after = {
                    let blob = s.image.appendingPathComponent("blobs/sha256/" + hex)
                    try FileManager.default.moveItem(at: blob, to: s.outside.appendingPathComponent("blob"))
                    try FileManager.default.createSymbolicLink(atPath: blob.path, withDestinationPath: "../../../outside/blob")
                }
                must = ["layer 1/1", "'blobs/sha256/\(hex)' points outside the image"]
            case .missingBlob:
                t.file("a", "a"); try layer()
                b.omitBlobs = [0]
                must = ["layer 1/1", "blob 'blobs/sha256/\(Digest.of(b.layers[0].blob).hex)' is missing from the image"]
            case .missingConfigBlob:
                t.file("a", "a"); try layer()
                let hex = Digest.of(b.configData()).hex
                after = { try FileManager.default.removeItem(at: s.image.appendingPathComponent("blobs/sha256/" + hex)) }
                must = ["config sha256:\(hex)", "is missing from the image"]
            case .blobDigestMismatch:
                t.file("a", "original contents"); try layer()
                let hex = Digest.of(b.layers[0].blob).hex
                after = {
                    let url = s.image.appendingPathComponent("blobs/sha256/" + hex)
                    var data = try Data(contentsOf: url)
                    data[data.count / 2] ^= 0x20
                    try data.write(to: url)
                }
                must = ["layer 1/1", "digest mismatch: expected sha256:\(hex)"]
            case .blobSizeMismatch:
                t.file("a", "a"); try layer()
                // The manifest is rewritten below with a size one byte too large.
                must = ["layer 1/1", "size mismatch: expected \(b.layers[0].blob.count + 1) bytes, got \(b.layers[0].blob.count)"]
            case .diffIDMismatch:
                t.file("a", "a"); try layer(.gzip)
                b.diffIDs = ["sha256:" + String(repeating: "0", count: 64)]
                must = ["layer 1/1", "diff_id: digest mismatch: expected sha256:0000"]
            case .configDigestMismatch:
                t.file("a", "a"); try layer()
                let hex = Digest.of(b.configData()).hex
                after = {
                    let url = s.image.appendingPathComponent("blobs/sha256/" + hex)
                    var data = try Data(contentsOf: url)
                    data[data.count - 2] = UInt8(ascii: " ")
                    try data.write(to: url)
                }
                must = ["config sha256:\(hex)", "digest mismatch"]
            case .truncatedGzip, .corruptGzip, .truncatedZstd, .corruptZstd:
                var data = Data()
                for i in 0..<20_000 { data.append(contentsOf: "line \(i) of a file that compresses\n".utf8) }
                t.file("big", data: data)
                let gz = c == .truncatedGzip || c == .corruptGzip
                try layer(gz ? .gzip : .zstd)
                var blob = b.layers[0].blob
                if c == .truncatedGzip || c == .truncatedZstd {
                    blob = blob.prefix(blob.count / 2)
                } else {
                    for i in stride(from: 40, to: blob.count - 40, by: 97) { blob[i] ^= 0x5a }
                }
                b.layers[0].blob = blob  // the descriptor's digest and size are those of these bytes
                must = ["layer 1/1", gz ? "gzip" : "zstd"]
            case .truncatedPlainTar:
                t.file("big", data: Data(repeating: 0x41, count: 5000)); try layer()
                b.layers[0].blob = b.layers[0].blob.prefix(3000)
                b.layers[0].tar = b.layers[0].blob
                must = ["layer 1/1", "runcated"]
            case .configNotJSON:
                t.file("a", "a"); try layer()
                b.rawConfig = Data("this is not JSON {".utf8)
                must = ["config sha256:\(Digest.of(b.rawConfig!).hex)", "not JSON"]
            case .indexNotJSON:
                t.file("a", "a"); try layer()
                after = { try Data("<index/>".utf8).write(to: s.image.appendingPathComponent("index.json")) }
                must = ["index.json: not JSON"]
            case .badDigestInIndex:
                t.file("a", "a"); try layer()
                after = {
                    try Data(#"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:../../../outside/victim","size":7}]}"#.utf8)
                        .write(to: s.image.appendingPathComponent("index.json"))
                }
                must = ["index.json", "invalid digest 'sha256:../../../outside/victim'"]
            case .zipBombOneFile:
                t.file("bomb", data: Data(count: 48 << 20)); try layer(.gzip)
                args = ["--max-layer-size", "16M"]
                must = ["layer 1/1", "more than the limit of 16 MiB"]
            case .zipBombManyFiles:
                for i in 0..<24 { t.file("f\(i)", data: Data(count: 1 << 20)) }
                try layer(.zstd)
                args = ["--max-layer-size", "16M"]
                must = ["layer 1/1", "more than the limit of 16 MiB"]
            }
            if docker {
                var files = try dockerArchiveFiles(b, layerPaths: dockerLayerPaths, configName: dockerConfigName)
                files.sort { $0.0 < $1.0 }
                var tb = TarBuilder()
                for (p, d) in files { tb.file(p, data: d) }
                try tb.build().write(to: s.image)
                // A real layer where the bad path points, to show it is not read.
                try b.layers[0].blob.write(to: s.outside.appendingPathComponent("layer.tar"))
            } else {
                try b.writeLayout(s.image)
                if c == .blobSizeMismatch {
                    try rewriteManifest(s.image) { m in
                        var layers = m["layers"] as! [[String: Any]]
                        layers[0]["size"] = (layers[0]["size"] as! Int) + 1
                        m["layers"] = layers
                    }
                }
            }
            try after?()
            return (args, must)
        }

        static func dockerArchiveFiles(_ b: ImageBuilder, layerPaths: [String]?, configName: String?) throws -> [(String, Data)] {
            let config = b.configData()
            let cname = Digest.of(config).hex + ".json"
            var files: [(String, Data)] = [(cname, config)]
            var paths: [String] = []
            for l in b.layers {
                let p = Digest.of(l.tar).hex + "/layer.tar"
                files.append((p, l.blob))
                paths.append(p)
            }
            let manifest: [[String: Any]] = [["Config": configName ?? cname, "RepoTags": ["evil:latest"], "Layers": layerPaths ?? paths]]
            files.append(("manifest.json", try JSONSerialization.data(withJSONObject: manifest)))
            return files
        }

        /// Edits the (only) manifest of an OCI layout and fixes index.json to match.
        static func rewriteManifest(_ layout: URL, _ edit: (inout [String: Any]) -> Void) throws {
            let indexURL = layout.appendingPathComponent("index.json")
            var index = try JSONSerialization.jsonObject(with: Data(contentsOf: indexURL)) as! [String: Any]
            var descs = index["manifests"] as! [[String: Any]]
            let hex = String((descs[0]["digest"] as! String).dropFirst(7))
            var m = try JSONSerialization.jsonObject(with: Data(contentsOf: layout.appendingPathComponent("blobs/sha256/" + hex))) as! [String: Any]
            edit(&m)
            let data = try JSONSerialization.data(withJSONObject: m, options: [.sortedKeys])
            try data.write(to: layout.appendingPathComponent("blobs/sha256/" + Digest.of(data).hex))
            descs[0]["digest"] = Digest.of(data).description
            descs[0]["size"] = data.count
            index["manifests"] = descs
            try JSONSerialization.data(withJSONObject: index).write(to: indexURL)
        }

        @Test(arguments: Case.allCases)
        func refused(_ c: Case) throws {
            let s = try Sandbox()
            defer { s.remove() }
            let (args, must) = try Self.make(c, s)
            let before = TreeSnapshot(s.root.path)
            let r = try Harness.nstrace(["image", "unpack"] + args + [s.image.path, s.dir.path])
            #expect(r.status == 1, "\(c): exit \(r.status), stderr: \(r.stderr)")
            #expect(r.stderrLines.count == 1, "\(c): \(r.stderr)")
            let line = r.stderrLines.first ?? ""
            #expect(line.hasPrefix("nstrace: "), "\(c): \(line)")
            for m in must { #expect(line.contains(m), "\(c): '\(line)' lacks '\(m)'") }
            #expect(r.stdout.isEmpty)
            // Nothing created, changed or deleted outside DIR, and DIR itself removed again.
            let after = TreeSnapshot(s.root.path)
            #expect(after == before, "\(c): \(after.difference(before))")
            #expect(!FileManager.default.fileExists(atPath: s.dir.path), "\(c): DIR left behind")
            #expect((try? String(contentsOf: s.outside.appendingPathComponent("victim"), encoding: .utf8)) == "victim\n")
            // inspect and layers read every layer too: they refuse the same images (the
            // filesystem attacks are only attacks on unpack).
            let symlinkOnly: Set<Case> = [.symlinkOutThenFile, .absoluteSymlinkThenFile, .symlinkOutThenDeepFile,
                                          .hardlinkThroughSymlink, .whiteoutThroughSymlink, .opaqueThroughSymlink]
            if !symlinkOnly.contains(c) {
                let l = try Harness.nstrace(["image", "layers"] + args + [s.image.path])
                #expect(l.status == 1 && l.stderrLines.count == 1, "\(c): layers: \(l.stderr)")
            }
        }

        /// A DIR that existed (empty) stays, emptied again.
        @Test func existingDirectoryIsEmptiedOnFailure() throws {
            let s = try Sandbox()
            defer { s.remove() }
            var t = TarBuilder()
            t.dir("d"); t.file("d/a", "a"); t.symlink("evil", to: "../outside"); t.file("evil/pwned", "x")
            var b = ImageBuilder()
            b.layers = [try ImageBuilder.Layer(t)]
            try b.writeLayout(s.image)
            try FileManager.default.createDirectory(at: s.dir, withIntermediateDirectories: false)
            let r = try Harness.nstrace(["image", "unpack", s.image.path, s.dir.path])
            #expect(r.status == 1)
            #expect(r.stderr.contains("entry 'evil/pwned'"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir.path) == [])
            #expect(!FileManager.default.fileExists(atPath: s.outside.appendingPathComponent("pwned").path))
        }

        /// Device nodes when not root: skipped with a warning, the rest unpacked.
        @Test func deviceNodesAreSkippedWhenNotRoot() throws {
            let s = try Sandbox()
            defer { s.remove() }
            var t = TarBuilder()
            t.dir("dev"); t.device("dev/null", major: 1, minor: 3); t.device("dev/sda", char: false, major: 8, minor: 0)
            t.file("etc/hostname", "box")
            var b = ImageBuilder()
            b.layers = [try ImageBuilder.Layer(t, .gzip)]
            try b.writeLayout(s.image)
            // nobody cannot reach the build directory of every clone (umask 077, a private
            // home): a copy that anyone can run.
            let bin = try Subprocess.copyForAnyUser(Harness.nstrace)
            defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: bin).deletingLastPathComponent().path) }
            var argv = [bin, "image", "unpack", s.image.path, s.dir.path]
            var runner = bin
            if Harness.isRoot {
                // Drop to nobody for this run; nobody may write in the sandbox only.
                let setpriv = try #require(Harness.which("setpriv"), "setpriv (util-linux) is needed to run as nobody")
                #expect(chown(s.root.path, 65534, 65534) == 0)
                runner = setpriv
                argv = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"] + argv
            } else {
                argv.removeFirst()
            }
            let r = try Harness.run(runner, argv)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderrLines == [
                "nstrace: warning: layer 1/1 (\(Digest.of(b.layers[0].blob).short)): entry 'dev/null': device node 1:3 skipped (not root)",
                "nstrace: warning: layer 1/1 (\(Digest.of(b.layers[0].blob).short)): entry 'dev/sda': device node 8:0 skipped (not root)",
            ])
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir.path + "/dev") == [])
            #expect(try String(contentsOfFile: s.dir.path + "/etc/hostname", encoding: .utf8) == "box")
        }

        /// As root, device nodes are made.
        @Test(.requires("root (mknod)", Harness.isRoot)) func deviceNodesAreMadeAsRoot() throws {
            let s = try Sandbox()
            defer { s.remove() }
            var t = TarBuilder()
            t.device("null", major: 1, minor: 3)
            var b = ImageBuilder()
            b.layers = [try ImageBuilder.Layer(t)]
            try b.writeLayout(s.image)
            let r = try Harness.nstrace(["image", "unpack", s.image.path, s.dir.path])
            #expect(r.status == 0, "\(r.stderr)")
            var st = stat()
            #expect(lstat(s.dir.path + "/null", &st) == 0)
            #expect(st.st_mode & S_IFMT == S_IFCHR && st.st_rdev == makedev(1, 3))
        }
    }
}

private func makedev(_ major: UInt32, _ minor: UInt32) -> UInt {
    UInt((major & 0xfff) << 8 | (minor & 0xff)) | UInt(minor & ~0xff) << 12 | UInt(major & ~0xfff) << 32
}
