import CImageShim
import Foundation
import Glibc
import Testing
import TestSupport
@testable import NSImage

extension ImageSuite {
    /// The unpacker in this process, on crafted layer stacks: the tree on disk must be the
    /// tree the overlay model (`LayerDiff`) computes, and no entry may touch what a symlink
    /// points at.
    @Suite("Unpack semantics") struct UnpackSemanticsTests {
        /// Unpacks `layers` into a fresh directory; returns the directory's snapshot, the
        /// model's final tree as "path type mode" lines, and the directory.
        func unpack(_ layers: [TarBuilder], filter: TarBuilder.Filter = .none) throws -> (TreeSnapshot, [String: String], URL) {
            let tmp = Harness.tempDir()
            var b = ImageBuilder()
            b.layers = try layers.map { try ImageBuilder.Layer($0, filter) }
            try b.writeLayout(tmp.appendingPathComponent("img"))
            let image = try Image.open(tmp.appendingPathComponent("img").path)
            let dir = tmp.appendingPathComponent("rootfs")
            _ = try Unpacker(image: image).unpack(into: dir.path)
            let model = LayerDiff(layers: try image.scanLayers().map(\.entries))
            var modelLines: [String: String] = [:]
            for (p, node) in model.tree.walk().dropFirst() {
                let kind = node.entry.kind == .hardlink ? "file" : node.entry.kind.rawValue
                modelLines[p.description] = kind + (node.entry.kind == .symlink ? "" : " " + String(node.entry.mode, radix: 8))
            }
            return (TreeSnapshot(dir.path), modelLines, tmp)
        }

        /// The snapshot in the model's words.
        func lines(_ s: TreeSnapshot) -> [String: String] {
            s.entries.mapValues { line in
                let mode = UInt32(line.prefix(6), radix: 8)!
                let kind: String
                switch mode & 0o170000 {
                case 0o040000: kind = "directory"
                case 0o120000: return "symlink"
                case 0o010000: kind = "fifo"
                default: kind = "file"
                }
                return kind + " " + String(mode & 0o7777, radix: 8)
            }
        }

        @Test func markersSpareEntriesOfTheirOwnLayer() throws {
            var l1 = TarBuilder()
            l1.dir("opt"); l1.file("opt/x", "x"); l1.dir("opt/n"); l1.file("opt/n/z", "z")
            l1.file("f", "lower f"); l1.dir("d"); l1.file("d/old", "old")
            var l2 = TarBuilder()
            l2.file("opt/before", "b"); l2.whiteout("opt/.wh..wh..opq"); l2.dir("opt"); l2.file("opt/after", "a")
            l2.file("f", "upper f"); l2.whiteout(".wh.f")
            l2.dir("d"); l2.file("d/new", "new"); l2.whiteout(".wh.d")
            let (disk, model, tmp) = try unpack([l1, l2], filter: .gzip)
            defer { try? FileManager.default.removeItem(at: tmp) }
            #expect(lines(disk) == model)
            #expect(disk.entries.keys.sorted() == ["/d", "/d/new", "/f", "/opt", "/opt/after", "/opt/before"])
            #expect(try String(contentsOfFile: tmp.path + "/rootfs/f", encoding: .utf8) == "upper f")
        }

        @Test func replacementsBetweenTypes() throws {
            var l1 = TarBuilder()
            l1.dir("was-dir"); l1.file("was-dir/inner", "i"); l1.file("was-file", "f"); l1.dir("link-me"); l1.file("link-me/x", "x")
            var l2 = TarBuilder()
            l2.file("was-dir", "now a file"); l2.dir("was-file", mode: 0o700); l2.symlink("link-me", to: "was-file")
            l2.file("deep/er/file", "parents made")
            let (disk, model, tmp) = try unpack([l1, l2], filter: .zstd)
            defer { try? FileManager.default.removeItem(at: tmp) }
            #expect(lines(disk) == model)
            #expect(disk.entries["/link-me"]?.hasSuffix("-> was-file") == true)
            #expect(disk.entries["/was-file"]?.hasPrefix("040700") == true)
            #expect(disk.entries["/deep/er"]?.hasPrefix("040755") == true)
        }

        @Test func hardlinksAcrossLayersSurviveTheirTarget() throws {
            var l1 = TarBuilder()
            l1.file("bin/tool", "tool", mode: 0o755)
            var l2 = TarBuilder()
            l2.hardlink("bin/alias", to: "bin/tool")
            var l3 = TarBuilder()
            l3.whiteout("bin/.wh.tool")
            let (disk, model, tmp) = try unpack([l1, l2, l3])
            defer { try? FileManager.default.removeItem(at: tmp) }
            #expect(disk.entries.keys.sorted() == ["/bin", "/bin/alias"])
            #expect(Set(model.keys) == Set(disk.entries.keys))
            #expect(try String(contentsOfFile: tmp.path + "/rootfs/bin/alias", encoding: .utf8) == "tool")
        }

        @Test func modesXattrsAndReadOnlyDirectories() throws {
            var l1 = TarBuilder()
            l1.dir("ro", mode: 0o555)
            l1.file("suid", "s", mode: 0o4755)
            var x = TarBuilder.Entry(name: "noted", data: Data("n".utf8))
            x.xattrs = [("user.nstrace.note", Data("hello".utf8))]
            l1.entries.append(x)
            var l2 = TarBuilder()
            l2.file("ro/child", "added into a read-only directory")
            let (disk, model, tmp) = try unpack([l1, l2])
            defer { try? FileManager.default.removeItem(at: tmp) }
            #expect(lines(disk) == model)
            #expect(disk.entries["/ro"]?.hasPrefix("040555") == true)
            #expect(disk.entries["/suid"]?.hasPrefix("104755") == true)
            var buf = [UInt8](repeating: 0, count: 64)
            let n = img_lgetxattr(tmp.path + "/rootfs/noted", "user.nstrace.note", &buf, buf.count)
            #expect(n == 5 && Array(buf[0..<5]) == Array("hello".utf8))
        }

        /// An entry at a path that is a symlink replaces the symlink; its target is untouched.
        @Test func entriesOverSymlinksNeverTouchTheirTargets() throws {
            let tmp = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: tmp) }
            let outside = tmp.appendingPathComponent("outside")
            try Fixture.write("victim\n", to: outside.appendingPathComponent("victim"))
            var l1 = TarBuilder()
            l1.symlink("f", to: outside.path + "/victim"); l1.symlink("d", to: "../outside"); l1.symlink("w", to: "../outside/victim")
            l1.hardlink("h", to: "f")
            var l2 = TarBuilder()
            l2.file("f", "replaced"); l2.dir("d", mode: 0o700); l2.whiteout(".wh.w")
            var b = ImageBuilder()
            b.layers = [try ImageBuilder.Layer(l1), try ImageBuilder.Layer(l2)]
            try b.writeLayout(tmp.appendingPathComponent("img"))
            let before = TreeSnapshot(outside.path)
            let r = try Unpacker(image: Image.open(tmp.appendingPathComponent("img").path)).unpack(into: tmp.path + "/rootfs")
            #expect(r.layers == 2)
            #expect(TreeSnapshot(outside.path) == before)
            var st = stat()
            #expect(stat(outside.path, &st) == 0 && st.st_mode & 0o777 == 0o755)
            let disk = TreeSnapshot(tmp.path + "/rootfs")
            #expect(disk.entries.keys.sorted() == ["/d", "/f", "/h"])
            // The hardlink links the symlink itself, not what it points at.
            #expect(disk.entries["/h"]?.hasSuffix("-> \(outside.path)/victim") == true)
        }

        /// The tree an unpack makes does not depend on the umask of whoever runs it (issue
        /// 16): modes come from the tar, and the directories it does not list (the target
        /// too) are 0755, as umoci makes them. `nstrace image unpack` runs under umask 077,
        /// 022 and 000 (set by sh in the subprocess: umask is per process).
        @Test func modesDoNotDependOnTheUmask() throws {
            var l1 = TarBuilder()
            l1.file("deep/er/file", "parents not listed")
            l1.dir("listed", mode: 0o750); l1.file("listed/x", "x", mode: 0o640)
            l1.file("bin/tool", "t", mode: 0o755)
            l1.entries.append(TarBuilder.Entry(name: "run/fifo", type: 0o010000, mode: 0o640))
            var l2 = TarBuilder()
            l2.file("later/implicit/y", "y", mode: 0o600)
            l2.dir("listed/sub", mode: 0o2775)
            var b = ImageBuilder()
            b.layers = [try ImageBuilder.Layer(l1), try ImageBuilder.Layer(l2, .gzip)]
            let tmp = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: tmp) }
            let image = tmp.appendingPathComponent("img")
            try b.writeLayout(image)
            var snapshots: [String: TreeSnapshot] = [:]
            for mask in ["077", "022", "000"] {
                let dir = tmp.appendingPathComponent("rootfs-\(mask)").path
                let r = try Harness.run("/bin/sh", ["-c", #"umask "$1"; shift; exec "$@""#, "sh", mask,
                                                    Harness.nstrace, "image", "unpack", "-q", image.path, dir])
                #expect(r.status == 0, "umask \(mask): \(r.stderr)")
                #expect(Fixture.mode(dir) == 0o755, "umask \(mask): the target directory is \(String(Fixture.mode(dir) ?? 0, radix: 8))")
                snapshots[mask] = TreeSnapshot(dir)
            }
            let tree = try #require(snapshots["077"])
            let modes = tree.entries.mapValues { String($0.prefix(6)) }
            #expect(modes == [
                "/deep": "040755", "/deep/er": "040755", "/deep/er/file": "100644",
                "/listed": "040750", "/listed/x": "100640", "/listed/sub": "042775",
                "/bin": "040755", "/bin/tool": "100755", "/run": "040755", "/run/fifo": "010640",
                "/later": "040755", "/later/implicit": "040755", "/later/implicit/y": "100600",
            ], "\(tree)")
            #expect(snapshots["022"] == tree, "umask 022 vs 077:\n\(snapshots["022"]!.difference(tree))")
            #expect(snapshots["000"] == tree, "umask 000 vs 077:\n\(snapshots["000"]!.difference(tree))")
        }

        @Test func layersThatEndWithoutTarPaddingAreRead() throws {
            // Go's archive/tar without Close (umoci 0.4 insert) ends after the last file's
            // bytes; only the padding may be missing, never contents.
            var t = TarBuilder()
            t.file("fresh", "fresh\n")
            let full = try t.build()
            let short = full.prefix(512 + 6)
            var b = ImageBuilder()
            b.layers = [ImageBuilder.Layer(blob: short, tar: short)]
            let tmp = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: tmp) }
            try b.writeLayout(tmp.appendingPathComponent("img"))
            let image = try Image.open(tmp.appendingPathComponent("img").path)
            let scanned = try image.scanLayers()
            #expect(scanned[0].entries.map(\.path.description) == ["/fresh"])
            #expect(scanned[0].stats.uncompressedSize == 518)
            // Cut into the contents: refused.
            let cut = full.prefix(512 + 3)
            b.layers = [ImageBuilder.Layer(blob: cut, tar: cut)]
            try FileManager.default.removeItem(at: tmp.appendingPathComponent("img"))
            try b.writeLayout(tmp.appendingPathComponent("img"))
            #expect(throws: ImageError.self) { try Image.open(tmp.appendingPathComponent("img").path).scanLayers() }
        }
    }
}
