import Testing
@testable import NSImage

extension ImageSuite {
    /// The overlay rules in memory (no filesystem, no root).
    @Suite("Layer diff") struct LayerDiffTests {
        func p(_ s: String) -> RootPath { RootPath(s.split(separator: "/").map(String.init)) }
        func file(_ s: String, _ size: Int64 = 10, mode: UInt32 = 0o644) -> LayerEntry {
            LayerEntry(kind: .file, path: p(s), mode: mode, size: size)
        }
        func dir(_ s: String, mode: UInt32 = 0o755) -> LayerEntry { LayerEntry(kind: .directory, path: p(s), mode: mode) }
        func wh(_ s: String) -> LayerEntry { LayerEntry(kind: .whiteout, path: p(s), mode: 0) }
        func opq(_ s: String) -> LayerEntry { LayerEntry(kind: .opaque, path: p(s), mode: 0) }

        /// "A /a", "D /b" lines of one layer.
        func lines(_ d: LayerDiff, _ layer: Int) -> [String] {
            d.layers[layer].changes.map { "\($0.op.rawValue) \($0.path)" }
        }
        func final(_ d: LayerDiff) -> [String] { d.tree.walk().dropFirst().map { $0.0.description } }

        @Test func addModifyDelete() {
            let d = LayerDiff(layers: [
                [dir("etc"), file("etc/motd", 29), file("etc/hostname", 8), dir("data"), file("data/b", 19)],
                [wh("data/b"), file("etc/motd", 30), file("etc/new", 1), dir("etc")],
            ])
            #expect(lines(d, 0) == ["A /data", "A /data/b", "A /etc", "A /etc/hostname", "A /etc/motd"])
            // The restated /etc (same mode and owner) is not a change of its own.
            #expect(lines(d, 1) == ["D /data/b", "M /etc/motd", "A /etc/new"])
            #expect(final(d) == ["/data", "/etc", "/etc/hostname", "/etc/motd", "/etc/new"])
            #expect(d.wastedBytes == 29 + 19)
            #expect(d.waste.map(\.path.description).sorted() == ["/data/b", "/etc/motd"])
        }

        @Test func directoryModeChangeIsAModification() {
            let d = LayerDiff(layers: [[dir("srv")], [dir("srv", mode: 0o700)]])
            #expect(lines(d, 1) == ["M /srv"])
        }

        @Test func whiteoutOfADirectoryDeletesItsSubtree() {
            let d = LayerDiff(layers: [
                [dir("a"), dir("a/b"), file("a/b/c", 5), file("keep")],
                [wh("a")],
            ])
            #expect(lines(d, 1) == ["D /a", "D /a/b", "D /a/b/c"])
            #expect(final(d) == ["/keep"])
            #expect(d.wastedBytes == 5)
        }

        @Test func opaqueHidesLowerChildrenButNotItsOwnLayer() {
            // The layer's own entries survive its marker whether they come before or after it.
            let d = LayerDiff(layers: [
                [dir("opt"), file("opt/x", 3), dir("opt/n"), file("opt/n/z", 2)],
                [file("opt/before", 1), opq("opt"), dir("opt"), file("opt/after", 1)],
            ])
            #expect(lines(d, 1) == ["A /opt/after", "A /opt/before", "D /opt/n", "D /opt/n/z", "D /opt/x"])
            #expect(final(d) == ["/opt", "/opt/after", "/opt/before"])
        }

        @Test func whiteoutDoesNotDeleteAnEntryOfItsOwnLayer() {
            let d = LayerDiff(layers: [
                [file("f", 4), dir("d"), file("d/old", 2)],
                [file("f", 5), wh("f"), dir("d"), file("d/new", 1), wh("d")],
            ])
            // f: lower copy deleted, this layer's kept, so it is modified; d is deleted below
            // and made again, so it counts as modified and its lower child as deleted.
            #expect(lines(d, 1) == ["M /d", "A /d/new", "D /d/old", "M /f"])
            #expect(final(d) == ["/d", "/d/new", "/f"])
        }

        @Test func fileReplacingADirectoryTakesItsSubtree() {
            let d = LayerDiff(layers: [
                [dir("x"), file("x/inner", 7)],
                [file("x", 1)],
            ])
            #expect(lines(d, 1) == ["M /x", "D /x/inner"])
            #expect(d.wastedBytes == 7)
        }

        @Test func missingParentsAreMadeAndCounted() {
            let d = LayerDiff(layers: [[file("a/b/c", 1)]])
            #expect(lines(d, 0) == ["A /a", "A /a/b", "A /a/b/c"])
        }

        @Test func whiteoutOfSomethingAbsentChangesNothing() {
            let d = LayerDiff(layers: [[file("a")], [wh("nothing"), opq("nodir")]])
            #expect(lines(d, 1).isEmpty)
            #expect(d.layers[1].whiteoutCount == 2)
        }

        @Test func sameLayerDuplicateIsWasted() {
            let d = LayerDiff(layers: [[file("a", 100), file("a", 3)]])
            #expect(lines(d, 0) == ["A /a"])
            #expect(d.wastedBytes == 100)
        }

        @Test func resolveFollowsSymlinksInsideTheTree() {
            var bin = LayerEntry(kind: .symlink, path: p("bin"), mode: 0o777)
            bin.linkTarget = "usr/bin"
            var sh = LayerEntry(kind: .symlink, path: p("usr/bin/sh"), mode: 0o777)
            sh.linkTarget = "/usr/bin/busybox"
            var escape = LayerEntry(kind: .symlink, path: p("up"), mode: 0o777)
            escape.linkTarget = "../../../usr/bin/busybox"
            let d = LayerDiff(layers: [[dir("usr"), dir("usr/bin"), file("usr/bin/busybox", 9), bin, sh, escape]])
            #expect(d.tree.resolve(p("bin/sh"))?.0.description == "/usr/bin/busybox")
            // ".." never climbs above the image's root.
            #expect(d.tree.resolve(p("up"))?.0.description == "/usr/bin/busybox")
            #expect(d.tree.resolve(p("bin/nothing")) == nil)
        }
    }
}
