import Foundation
import Glibc
import Testing
import TestSupport
@testable import NSImage

extension ImageSuite {
    /// The issue's "must show" on the sample images, through the built binary.
    @Suite("nstrace image on the sample images") struct SampleImageTests {
        static let helloFormats = ["oci", "oci-archive.tar", "docker-archive.tar"]
        static let busyboxFormats = ["oci", "oci-archive.tar", "docker-archive.tar", "oci-zstd", "oci-plain"]

        /// Must show 1: the same layers, config and "static, no interpreter" in all three formats.
        @Test func inspectHelloWorldInAllFormats() throws {
            try Harness.requireImages()
            var seen: [String: String] = [:]
            for format in Self.helloFormats {
                let path = Harness.image("hello-world", format)
                let j = try Harness.json(["image", "inspect", "--format", "json", path])
                let layers = try #require(j["layers"] as? [[String: Any]])
                #expect(layers.count == 1, "\(format)")
                let comparable: [String: Any] = [
                    "config": j["config"] ?? [:],
                    "layers": layers.map { ["diffID": $0["diffID"]!, "uncompressedSize": $0["uncompressedSize"]!,
                                            "files": $0["files"]!, "directories": $0["directories"]!] },
                    "entrypoint": j["entrypoint"] ?? [:], "architecture": j["architecture"] ?? "", "os": j["os"] ?? "",
                ]
                let text = String(decoding: try JSONSerialization.data(withJSONObject: comparable, options: [.sortedKeys]),
                                  as: UTF8.self)
                seen[format] = text
                let config = try #require(j["config"] as? [String: Any])
                #expect(config["cmd"] as? [String] == ["/hello"])
                #expect(layers[0]["files"] as? Int == 1)
                let ep = try #require(j["entrypoint"] as? [String: Any])
                #expect(ep["resolved"] as? String == "/hello")
                let elf = try #require(ep["elf"] as? [String: Any])
                #expect(elf["isStatic"] as? Bool == true)
                #expect(elf["interpreter"] == nil)
                #expect(elf["needed"] as? [String] == [])
                #expect(elf["machine"] as? String == "x86-64")

                let r = try Harness.nstrace(["image", "inspect", path])
                #expect(r.status == 0)
                #expect(r.stdout.contains("/hello: ELF 64-bit x86-64 executable, static, no interpreter"), "\(r.stdout)")
                #expect(r.stdout.contains(#"Cmd         ["/hello"]"#))
            }
            #expect(Set(seen.values).count == 1, "formats disagree:\n\(seen.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))")
            // What differs is how layers are stored: gzip in OCI, plain in docker-archive.
            let oci = try Harness.json(["image", "inspect", "--format", "json", Harness.image("hello-world", "oci")])
            let docker = try Harness.json(["image", "inspect", "--format", "json", Harness.image("hello-world", "docker-archive.tar")])
            #expect((oci["layers"] as? [[String: Any]])?.first?["compression"] as? String == "gzip")
            #expect((docker["layers"] as? [[String: Any]])?.first?["compression"] as? String == "none")
            #expect(docker["format"] as? String == "docker-archive")
            #expect(docker["names"] as? [String] == ["docker.io/library/hello-world:latest"])
        }

        @Test func inspectBusyboxFindsTheEntrypointThroughPathAndSymlinks() throws {
            try Harness.requireImages()
            let j = try Harness.json(["image", "inspect", "--format", "json", Harness.image("busybox", "oci-zstd")])
            let ep = try #require(j["entrypoint"] as? [String: Any])
            #expect(ep["program"] as? String == "/bin/sh")
            #expect(ep["resolved"] as? String == "/bin/busybox")
            #expect((ep["elf"] as? [String: Any])?["isStatic"] as? Bool == true)
            let config = try #require(j["config"] as? [String: Any])
            #expect(config["workingDir"] as? String == "/data")
            #expect(config["exposedPorts"] as? [String] == ["8080/tcp"])
            #expect(config["env"] as? [String] == ["PATH=/bin:/usr/local/bin", "LANG=C.UTF-8"])
            #expect((config["labels"] as? [String: String])?["org.example.layers"] == "4")
            let layers = try #require(j["layers"] as? [[String: Any]])
            #expect(layers.map { $0["compression"] as? String } == ["zstd", "zstd", "zstd", "zstd"])
            #expect(layers.map { $0["whiteouts"] as? Int } == [0, 1, 1, 1])
            let history = try #require(j["history"] as? [[String: Any]])
            #expect(history.compactMap { $0["createdBy"] as? String }.first == "ADD busybox rootfs")
        }

        /// The list build.sh wrote: layer → ["A /path", ...], sorted.
        static func expectedLayers() throws -> [Int: [String]] {
            let text = try String(contentsOfFile: Harness.image("busybox", "expected-layers.txt"), encoding: .utf8)
            var out: [Int: [String]] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
                guard parts.count == 3, let n = Int(parts[0]) else { continue }
                out[n, default: []].append("\(parts[1]) \(parts[2])")
            }
            return out.mapValues { $0.sorted() }
        }

        /// Must show 2: the A/M/D files per layer, exactly.
        @Test func layersOfBusyboxMatchTheBuildScript() throws {
            try Harness.requireImages()
            let expected = try Self.expectedLayers()
            #expect(expected.keys.sorted() == [1, 2, 3, 4])
            for format in Self.busyboxFormats {
                let j = try Harness.json(["image", "layers", "--format", "json", Harness.image("busybox", format)])
                let layers = try #require(j["layers"] as? [[String: Any]])
                var got: [Int: [String]] = [:]
                for l in layers {
                    let changes = try #require(l["changes"] as? [[String: Any]])
                    got[l["index"] as! Int] = changes.map { "\($0["op"]!) \($0["path"]!)" }.sorted()
                }
                #expect(got == expected, "\(format)")
                // Wasted: the lower copies of motd, hostname and the deleted files.
                let wasted = try #require(j["wasted"] as? [[String: Any]])
                #expect(Set(wasted.map { $0["path"] as! String }) ==
                        ["/etc/motd", "/etc/hostname", "/data/keep/b", "/opt/old/x", "/opt/old/y", "/opt/old/nested/z",
                         "/data/sub/dir/c"], "\(format)")
                #expect(j["wastedBytes"] as? Int == 29 + 8 + 19 + 42 + 2 + 2 + 38, "\(format)")
            }
            // --layer N shows that layer only, in text too.
            let r = try Harness.nstrace(["image", "layers", "--layer", "3", Harness.image("busybox", "oci")])
            #expect(r.status == 0)
            let lines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("  A ") || $0.hasPrefix("  M ") || $0.hasPrefix("  D ") }
            #expect(lines.map { $0.split(separator: " ").first.map(String.init)! + " " + String($0.split(separator: " ").last!) }
                    == ["A /opt/old/fresh", "D /opt/old/nested", "D /opt/old/nested/z", "D /opt/old/x", "D /opt/old/y"])
            #expect(r.stdout.contains("Layer 3/4"))
            #expect(!r.stdout.contains("Layer 2/4"))
            let bad = try Harness.nstrace(["image", "layers", "--layer", "9", Harness.image("busybox", "oci")])
            #expect(bad.status == 1)
            #expect(bad.stderrLines.count == 1 && bad.stderr.hasPrefix("nstrace: "))
        }

        /// Must show 3: the same tree as `umoci unpack` (paths, types, modes, owners, link
        /// targets, contents, hardlinks, xattrs).
        @Test(.requires("root (umoci unpack and ownership)", Harness.isRoot),
              .requires("umoci (apt-get install umoci)", Harness.which("umoci") != nil))
        func unpackMatchesUmoci() throws {
            try Harness.requireImages()
            let umoci = try #require(Harness.which("umoci"), "umoci is not installed (apt-get install umoci)")
            let tmp = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: tmp) }
            for (name, tag) in [("busybox", "oci"), ("hello-world", "oci")] {
                let bundle = tmp.appendingPathComponent("umoci-\(name)").path
                let u = try Harness.run(umoci, ["unpack", "--image", Harness.image(name, tag) + ":latest", bundle])
                try #require(u.status == 0, "umoci unpack failed: \(u.stderr)")
                let reference = TreeSnapshot(bundle + "/rootfs")
                #expect(reference.entries.count > 0)
                for format in name == "busybox" ? Self.busyboxFormats : Self.helloFormats {
                    let dir = tmp.appendingPathComponent("\(name)-\(format)").path
                    let r = try Harness.nstrace(["image", "unpack", Harness.image(name, format), dir])
                    #expect(r.status == 0, "\(r.stderr)")
                    #expect(r.stderr.isEmpty)
                    let mine = TreeSnapshot(dir)
                    #expect(mine == reference, "\(name) \(format) differs from umoci:\n\(mine.difference(reference))")
                }
            }
            // The busybox tree really has what the layers promise.
            let bb = TreeSnapshot(tmp.appendingPathComponent("busybox-oci").path)
            #expect(bb.entries["/opt/old/fresh"] != nil && bb.entries["/opt/old/x"] == nil && bb.entries["/data/sub"] == nil)
            #expect(bb.entries["/usr/local/bin/suid"]?.hasPrefix("104755") == true)
            #expect(bb.entries["/data/keep/a"]?.contains(" 65534:65534 ") == true)
            #expect(bb.entries["/bin/sh"]?.hasSuffix("-> busybox") == true)
            #expect(bb.entries["/run/fifo"]?.hasPrefix("010640") == true)
            #expect(bb.hardlinkGroups == [["/bin/busybox", "/usr/local/bin/bb"]])
            let motd = try String(contentsOfFile: tmp.appendingPathComponent("busybox-oci/etc/motd").path, encoding: .utf8)
            #expect(motd == "welcome to busybox (layer 2)\n")
        }

        @Test func unpackPrintsASummaryAndRefusesANonEmptyDirectory() throws {
            try Harness.requireImages()
            let tmp = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: tmp) }
            let dir = tmp.appendingPathComponent("hello").path
            let r = try Harness.nstrace(["image", "unpack", Harness.image("hello-world", "oci-archive.tar"), dir])
            #expect(r.status == 0)
            #expect(r.stdout == "unpacked hello-world:latest (1 layer, 8.8 kB) into \(dir): 1 file, 0 directories, 0 symlinks, 0 hardlinks; 0 whiteouts removed 0 paths\n", "\(r.stdout)")
            let again = try Harness.nstrace(["image", "unpack", Harness.image("hello-world", "oci-archive.tar"), dir])
            #expect(again.status == 1)
            #expect(again.stderr == "nstrace: \(dir): not empty (unpack wants an empty or new directory)\n")
            #expect(FileManager.default.fileExists(atPath: dir + "/hello"))
        }

        /// Docker 25+ saves an OCI layout plus manifest.json in one tarball: made here from
        /// the plain-layer OCI layout, as docker would (no tool on this machine writes it).
        @Test func readsTheDocker25Layout() throws {
            try Harness.requireImages()
            let layout = Harness.image("busybox", "oci-plain")
            let tmp = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: tmp) }
            let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layout + "/index.json"))) as! [String: Any]
            let mdesc = (index["manifests"] as! [[String: Any]])[0]
            let mhex = String((mdesc["digest"] as! String).dropFirst(7))
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layout + "/blobs/sha256/" + mhex))) as! [String: Any]
            let config = String(((manifest["config"] as! [String: Any])["digest"] as! String).dropFirst(7))
            let layers = (manifest["layers"] as! [[String: Any]]).map { "blobs/sha256/" + String(($0["digest"] as! String).dropFirst(7)) }
            var t = TarBuilder()
            for name in try FileManager.default.contentsOfDirectory(atPath: layout + "/blobs/sha256").sorted() {
                t.file("blobs/sha256/" + name, data: try Data(contentsOf: URL(fileURLWithPath: layout + "/blobs/sha256/" + name)))
            }
            var idx = index
            idx["manifests"] = [mdesc.merging(["annotations": ["io.containerd.image.name": "docker.io/library/busybox:latest",
                                                                "org.opencontainers.image.ref.name": "latest"]]) { $1 }]
            t.file("index.json", data: try JSONSerialization.data(withJSONObject: idx))
            t.file("oci-layout", data: Data(#"{"imageLayoutVersion": "1.0.0"}"#.utf8))
            let legacy: [[String: Any]] = [["Config": "blobs/sha256/" + config, "RepoTags": ["busybox:latest"], "Layers": layers]]
            t.file("manifest.json", data: try JSONSerialization.data(withJSONObject: legacy))
            t.file("repositories", data: Data(#"{"busybox":{"latest":"x"}}"#.utf8))
            let tar = tmp.appendingPathComponent("docker25.tar")
            try t.build().write(to: tar)

            let j = try Harness.json(["image", "layers", "--format", "json", "--ref", "busybox", tar.path])
            #expect(j["format"] as? String == "docker-archive (OCI layout, Docker 25+)")
            #expect(j["names"] as? [String] == ["docker.io/library/busybox:latest", "latest", "busybox:latest"])
            var got: [Int: [String]] = [:]
            for l in j["layers"] as! [[String: Any]] {
                got[l["index"] as! Int] = (l["changes"] as! [[String: Any]]).map { "\($0["op"]!) \($0["path"]!)" }.sorted()
            }
            #expect(got == (try Self.expectedLayers()))
            let wrong = try Harness.nstrace(["image", "inspect", "--ref", "alpine", tar.path])
            #expect(wrong.status == 1)
            #expect(wrong.stderr.hasPrefix("nstrace: \(tar.path): no image named 'alpine' (found: docker.io/library/busybox:latest)"))
        }

        /// Must show 5: tarballs written by `podman save` of an image loaded into podman.
        @Test(.requires("podman (apt-get install podman)", Harness.which("podman") != nil),
              .requires("root (podman storage)", Harness.isRoot))
        func readsPodmanSave() throws {
            try Harness.requireImages()
            let podman = try #require(Harness.which("podman"))
            let tmp = Harness.tempDir()
            // A storage of its own: nothing of the machine's podman images is touched. (podman
            // wants a runroot path of at most 50 characters.)
            let runroot = "/tmp/nstrace-podman-\(getpid())"
            let base = ["--root", tmp.path + "/storage", "--runroot", runroot, "--storage-driver", "vfs"]
            defer {
                _ = try? Harness.run(podman, base + ["rmi", "-a", "-f"])
                try? FileManager.default.removeItem(at: tmp)
                try? FileManager.default.removeItem(atPath: runroot)
            }
            let load = try Harness.run(podman, base + ["load", "-q", "-i", Harness.image("busybox", "docker-archive.tar")])
            try #require(load.status == 0, "podman load failed: \(load.stderr)")
            let expected = try Self.expectedLayers()
            let reference = try Harness.json(["image", "inspect", "--format", "json", Harness.image("busybox", "oci")])
            for format in ["docker-archive", "oci-archive"] {
                let out = tmp.appendingPathComponent("podman-\(format).tar").path
                let save = try Harness.run(podman, base + ["save", "-q", "--format", format, "-o", out, "docker.io/library/busybox:latest"])
                try #require(save.status == 0, "podman save failed: \(save.stderr)")
                let j = try Harness.json(["image", "layers", "--format", "json", out])
                #expect(j["format"] as? String == format)
                #expect((j["names"] as? [String])?.contains("docker.io/library/busybox:latest") == true)
                var got: [Int: [String]] = [:]
                for l in j["layers"] as! [[String: Any]] {
                    got[l["index"] as! Int] = (l["changes"] as! [[String: Any]]).map { "\($0["op"]!) \($0["path"]!)" }.sorted()
                }
                #expect(got == expected, "\(format)")
                let i = try Harness.json(["image", "inspect", "--format", "json", out])
                #expect((i["layers"] as? [[String: Any]])?.map { $0["diffID"] as! String }
                        == (reference["layers"] as? [[String: Any]])?.map { $0["diffID"] as! String })
                #expect((i["config"] as? NSDictionary) == (reference["config"] as? NSDictionary))
                let dir = tmp.appendingPathComponent("rootfs-\(format)").path
                let u = try Harness.nstrace(["image", "unpack", "-q", out, dir])
                #expect(u.status == 0, "\(u.stderr)")
                let mine = TreeSnapshot(dir)
                let ref = tmp.appendingPathComponent("ref").path
                if !FileManager.default.fileExists(atPath: ref) {
                    try #require(try Harness.nstrace(["image", "unpack", "-q", Harness.image("busybox", "oci"), ref]).status == 0)
                }
                #expect(mine == TreeSnapshot(ref), "\(format):\n\(mine.difference(TreeSnapshot(ref)))")
            }
        }
    }
}
