import Foundation
import Glibc
import Testing
import TestSupport
@testable import NSImage

/// `nstrace run` of images made here (many layers, a cold layer cache), and `image unpack`
/// and `image inspect` where the process is signalled or its stdout cannot be written.
/// Each test runs the built binary as a subprocess, with a layer cache and a run
/// directory of its own, and checks that nothing is left behind.
enum GeneratedImages {
    static let busybox = "/bin/busybox"
    static var hasBusybox: Bool { FileManager.default.isExecutableFile(atPath: busybox) }
    static let busyboxNeeded = "busybox-static at /bin/busybox (apt-get install busybox-static)"

    /// An image whose first layer is a static busybox at /bin/busybox and whose other
    /// layers each add `/layers/N` (N = 2...count); the last layer also whites out
    /// `/layers/2`, so the order of the layers shows.
    static func manyLayers(_ count: Int, filesPerLayer: Int = 1) throws -> ImageBuilder {
        var b = ImageBuilder()
        var first = TarBuilder()
        first.dir("bin")
        first.file("bin/busybox", data: try Data(contentsOf: URL(fileURLWithPath: busybox)), mode: 0o755)
        first.dir("layers")
        b.layers.append(try ImageBuilder.Layer(first))
        for n in 2...count {
            var t = TarBuilder()
            t.file("layers/\(n)", "layer \(n)\n")
            for k in 1..<filesPerLayer { t.file("layers/\(n)-more/\(k)", String(repeating: "x", count: 64)) }
            if n == count { t.whiteout("layers/.wh.2") }
            b.layers.append(try ImageBuilder.Layer(t))
        }
        b.cmd = ["/bin/busybox", "ls", "/layers"]
        return b
    }

    /// `nstrace ARGS` with the layer cache and run directories of `dir`.
    static func env(_ dir: URL) -> [String] {
        ["NSTRACE_CACHE_DIR=" + dir.appendingPathComponent("cache").path,
         "NSTRACE_RUN_DIR=" + dir.appendingPathComponent("runs").path]
    }

    static func nstrace(in dir: URL, _ args: [String], timeout: Double = 120) throws -> Harness.Result {
        try Harness.run("/usr/bin/env", env(dir) + [Harness.nstrace] + args, timeout: timeout)
    }

    /// What a run may leave in `dir`'s cache and run directories, and on the host: mounts
    /// naming `dir`, temporary layer directories, run directories.
    static func leftovers(_ dir: URL) -> [String] {
        var out: [String] = []
        let mountinfo = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        out += mountinfo.split(separator: "\n").filter { $0.contains(dir.path) }.map { "mount: \($0)" }
        for sub in ["cache/layers", "cache/images"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(sub).path)) ?? []
            out += names.filter { $0.contains(".tmp-") }.map { "temporary layer: \(sub)/\($0)" }
        }
        let runs = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("runs").path)) ?? []
        out += runs.map { "run directory: \($0)" }
        return out
    }
}

extension ImageSuite {
    @Suite("nstrace run of generated images", .requires(Harness.rootNeeded, Harness.isRoot),
           .requires(GeneratedImages.busyboxNeeded, GeneratedImages.hasBusybox))
    struct RunGeneratedImageTests {
        /// overlayfs' lowerdir= option of mount(2) holds one page: about 45 layers of the
        /// cache's paths. Every layer is given on its own (fsconfig "lowerdir+"), so an image
        /// of 130 layers (Docker allows about 125) runs, in the order of its layers.
        @Test(arguments: [60, 130])
        func runMountsEveryLayerOfAnImageWithManyLayers(_ count: Int) throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let image = dir.appendingPathComponent("image")
            try GeneratedImages.manyLayers(count).writeLayout(image)
            let r = try GeneratedImages.nstrace(in: dir, ["run", image.path])
            #expect(r.status == 0, "\(r.stderr)")
            let listed = Set(r.stdout.split(separator: "\n").map(String.init))
            let expected = Set((3...count).map(String.init))
            #expect(listed == expected, "missing \(expected.subtracting(listed).sorted()), extra \(listed.subtracting(expected).sorted())")
            #expect(GeneratedImages.leftovers(dir).isEmpty, "\(GeneratedImages.leftovers(dir))")
        }

        /// A run SIGKILLed while it unpacks a layer into the cache leaves `<diff_id>.tmp-*`:
        /// the next run (no other run unpacking) and `run --cleanup` reclaim it; while another
        /// run unpacks (holds the cache's lock), `--cleanup` leaves it alone.
        @Test func temporaryLayersOfAKilledRunAreReclaimed() throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let image = dir.appendingPathComponent("image")
            try GeneratedImages.manyLayers(3).writeLayout(image)
            let layers = dir.appendingPathComponent("cache/layers")
            func leftTmp(_ name: String) throws -> URL {
                let tmp = layers.appendingPathComponent(String(repeating: "ab", count: 32) + ".tmp-" + name)
                try Fixture.write(Data("half".utf8), to: tmp.appendingPathComponent("bin/half"))
                return tmp
            }
            try FileManager.default.createDirectory(at: layers, withIntermediateDirectories: true)
            let first = try leftTmp("1")
            let r = try GeneratedImages.nstrace(in: dir, ["run", image.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: first.path), "a run left a killed run's temporary layer")

            let second = try leftTmp("2")
            // A run unpacking now: --cleanup must not take its temporary directory.
            let lock = open(dir.appendingPathComponent("cache/.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            #expect(lock >= 0 && flock(lock, LOCK_SH) == 0)
            let held = try GeneratedImages.nstrace(in: dir, ["run", "--cleanup"])
            #expect(held.status == 0, "\(held.stderr)")
            #expect(FileManager.default.fileExists(atPath: second.path), "--cleanup took the directory of a run still unpacking")
            close(lock)
            let c = try GeneratedImages.nstrace(in: dir, ["run", "--cleanup"])
            #expect(c.status == 0, "\(c.stderr)")
            #expect(c.stdout.contains("removed partial layer"), "\(c.stdout)")
            #expect(!FileManager.default.fileExists(atPath: second.path), "--cleanup left a killed run's temporary layer")
            #expect(GeneratedImages.leftovers(dir).isEmpty, "\(GeneratedImages.leftovers(dir))")
        }
    }

    @Suite("image commands and their process's end")
    struct ImageCommandEndTests {
        /// inspect, layers and unpack's summary go to stdout: a write that fails (`> /dev/full`)
        /// is an error, exit 1 with the reason, never a silent exit 0.
        @Test(arguments: ["inspect", "layers", "unpack"])
        func imageCommandsFailWhenStdoutCannotBeWritten(_ command: String) throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            var t = TarBuilder()
            t.file("etc/motd", "hello\n")
            var b = ImageBuilder()
            b.layers.append(try ImageBuilder.Layer(t))
            let image = dir.appendingPathComponent("image")
            try b.writeLayout(image)
            var args = [command, image.path]
            if command == "unpack" { args.append(dir.appendingPathComponent("out").path) }
            let script = ([Harness.nstrace, "image"] + args).map(Subprocess.shellQuote).joined(separator: " ") + " > /dev/full"
            let r = try Harness.run("/bin/sh", ["-c", script])
            #expect(r.status == 1, "exit \(r.status): \(r.stderr)")
            #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }

        /// image.md promises all or nothing: SIGINT, SIGTERM or SIGHUP during an unpack
        /// stop it at the next entry, remove what it made (DIR too, when it made DIR), and
        /// exit 128+N.
        @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
        func unpackInterruptedBySignalLeavesNothing(_ signal: Int32) throws {
            let dir = Harness.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let image = dir.appendingPathComponent("image")
            try GeneratedImages.manyLayers(40, filesPerLayer: 150, busybox: false).writeLayout(image)
            let out = dir.appendingPathComponent("out")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Harness.nstrace)
            p.arguments = ["image", "unpack", "-q", image.path, out.path]
            p.standardError = FileHandle.nullDevice
            try p.runUnblocked()
            // Until the unpack is under way: some layers in, not all.
            let started = ImageFaults.waitUntil(timeout: 20) {
                ((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("layers").path)) ?? []).count >= 3
            }
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            #expect(started, "the unpack never got under way")
            #expect(p.terminationReason == .exit && p.terminationStatus == 128 + signal,
                    "ended by \(p.terminationReason == .exit ? "exit" : "signal") \(p.terminationStatus)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "a half-unpacked tree was left at \(out.path)")
        }
    }
}

extension Harness {
    static let rootNeeded = "root (CI runs as root)"
}

extension GeneratedImages {
    /// `manyLayers` without busybox (for unpack-only tests): the first layer is a small file.
    static func manyLayers(_ count: Int, filesPerLayer: Int, busybox: Bool) throws -> ImageBuilder {
        if busybox { return try manyLayers(count, filesPerLayer: filesPerLayer) }
        var b = ImageBuilder()
        var first = TarBuilder()
        first.dir("layers")
        first.file("bin/true", "#!/bin/sh\n", mode: 0o755)
        b.layers.append(try ImageBuilder.Layer(first))
        for n in 2...count {
            var t = TarBuilder()
            t.file("layers/\(n)", "layer \(n)\n")
            for k in 1..<filesPerLayer { t.file("layers/\(n)-more/\(k)", String(repeating: "x", count: 64)) }
            b.layers.append(try ImageBuilder.Layer(t))
        }
        return b
    }
}

enum ImageFaults {
    static func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(2_000)
        }
        return condition()
    }
}
