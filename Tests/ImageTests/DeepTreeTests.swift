import Foundation
import Testing
import TestSupport
@testable import NSImage

extension ImageSuite {
    /// Directory depth is untrusted input: an image as deep as an entry name allows is read
    /// in time that grows with its size, not with the cube of its depth, and a name longer
    /// than PATH_MAX is refused by name (docs/security.md, "Bounds").
    @Suite("Deep trees") struct DeepTreeTests {
        static func image(levels: Int, _ dir: URL) throws -> String {
            var t = TarBuilder()
            var name = "a"
            for _ in 1..<levels {
                t.dir(name)
                name += "/a"
            }
            t.file(name, "bottom\n")
            var b = ImageBuilder()
            b.layers.append(try ImageBuilder.Layer(t))
            let path = dir.appendingPathComponent("deep.tar")
            try b.writeDockerArchive(path)
            return path.path
        }

        @Test func aTwoThousandLevelTreeIsReadWhole() throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let tar = try Self.image(levels: 2000, dir)
            // A lookup from the root per level made this cubic: 1,500 levels took a minute.
            for args in [["image", "inspect", tar], ["image", "layers", "--format", "json", tar]] {
                let r = try Harness.run(Harness.nstrace, args, timeout: 60)
                #expect(!r.timedOut, "\(args): still running after 60 s")
                #expect(r.status == 0, "\(args): \(r.stderr)")
            }
            let j = try Harness.json(["image", "layers", "--format", "json", tar])
            let layers = try #require(j["layers"] as? [[String: Any]])
            let changes = try #require(layers.first?["changes"] as? [[String: Any]])
            #expect(changes.count == 2000)
            #expect((changes.last?["path"] as? String)?.utf8.count == 2 * 2000 - 1 + 1)
        }

        @Test func aNameLongerThanPathMaxIsRefusedByName() throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            var t = TarBuilder()
            t.file(String(repeating: "d/", count: 2050) + "f", "x\n")
            var b = ImageBuilder()
            b.layers.append(try ImageBuilder.Layer(t))
            let tar = dir.appendingPathComponent("long.tar")
            try b.writeDockerArchive(tar)
            let out = dir.appendingPathComponent("out").path
            for args in [["image", "layers", tar.path], ["image", "unpack", tar.path, out]] {
                let r = try Harness.nstrace(args)
                #expect(r.status == 1, "\(args): \(r.stderr)")
                #expect(r.stderrLines.count == 1 && r.stderr.contains("4101 bytes (at most 4095"), "\(args): \(r.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: out))
        }

        @Test func namesAreSplitAtSlashBytesNotCharacters() throws {
            // "/" followed by a combining mark is one Swift Character; the kernel still splits there.
            #expect(try PathRules.entryPath("a/\u{301}b").components == ["a", "\u{301}b"])
            #expect(try PathRules.entryPath("a/\u{301}/../../x").components == ["x"])
            #expect(throws: PathRefusal.escapes) { try PathRules.entryPath("a/\u{301}/../../../x") }
            #expect(PathRules.parts("/usr/\u{301}bin:/sbin", separator: UInt8(ascii: ":")) == ["/usr/\u{301}bin", "/sbin"])
        }
    }
}

extension ImageSuite {
    /// Metadata is bounded before it is decoded (docs/security.md, "Bounds").
    @Suite("Metadata bounds") struct MetadataBoundTests {
        @Test func aConfigLargerThanFourMiBIsRefusedByName() throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            var t = TarBuilder()
            t.file("etc/motd", "hi\n")
            var b = ImageBuilder()
            b.layers.append(try ImageBuilder.Layer(t))
            // A valid config with a history of 120,000 entries: 5 MiB of JSON.
            var config = String(decoding: b.configData(), as: UTF8.self)
            let entry = #"{"created_by":"RUN true # padding padding"}"#
            let history = "\"history\":[" + Array(repeating: entry, count: 120_000).joined(separator: ",") + "],"
            config.insert(contentsOf: history, at: config.index(after: config.startIndex))
            b.rawConfig = Data(config.utf8)
            #expect(b.rawConfig!.count > 4 << 20)
            let tar = dir.appendingPathComponent("big-config.tar")
            try b.writeDockerArchive(tar)
            let r = try Harness.nstrace(["image", "inspect", tar.path])
            #expect(r.status == 1)
            #expect(r.stderrLines.count == 1 && r.stderr.contains("larger than 4 MiB"), "\(r.stderr)")
        }
    }
}
