import Foundation
import Glibc
import Testing
import TestSupport

/// The C libraries of the other subcommands are loaded when first used (Sources/CLibLoad):
/// what `nstrace trace` loads at start-up, that the others still load theirs, and the one
/// line a missing library gives. Everything runs the built binary as a subprocess.
@Suite(.serialized)
struct LibraryLoadingTests {
    /// Libraries that tracing does not use: none of them may be loaded by `trace`.
    static let notForTrace = ["libarchive", "libgvc", "libcgraph", "libnl-3", "libnl-route-3", "libelf",
                              "libnettle", "libunwind", "liblzma", "libxml2", "libicu", "libFoundation.so",
                              "libFoundationInternationalization", "lib_FoundationICU"]

    /// The shared objects nstrace itself loaded while running `args`, from the dynamic
    /// loader's own log (LD_DEBUG=files, one file per process; the traced command's is
    /// told apart by the program it names).
    static func loaded(_ args: [String]) throws -> (result: Harness.Result, files: [String]) {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Harness.run("/usr/bin/env", ["LD_DEBUG=files", "LD_DEBUG_OUTPUT=\(dir.path)/ld", Harness.nstrace] + args)
        var files: [String] = []
        var found = false
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            let log = try String(contentsOfFile: dir.appendingPathComponent(name).path, encoding: .utf8)
            // "file=libc.so.6 [0];  needed by /path/nstrace [0]" and "... dynamically loaded by ...":
            // the log of the process whose program is nstrace.
            guard log.contains("initialize program: \(Harness.nstrace)") || log.contains("initialize program: nstrace") else { continue }
            found = true
            for line in log.split(separator: "\n") {
                guard let r = line.range(of: "file="), let end = line[r.upperBound...].firstIndex(of: " ") else { continue }
                files.append(String(line[r.upperBound..<end]))
            }
        }
        #expect(found, "no loader log of nstrace in \(dir.path)")
        return (r, files)
    }

    @Test func traceLoadsNoLibraryOfTheOtherCommands() throws {
        let (r, files) = try Self.loaded(["trace", "-o", "/dev/null", "--", "/bin/true"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(files.contains { $0.hasPrefix("libseccomp") }, "\(files)")
        for lib in Self.notForTrace {
            #expect(!files.contains { $0.contains(lib) }, "trace loaded \(lib): \(files)")
        }
    }

    @Test(.requires("the samples (make samples)", Harness.samplesBuilt))
    func eachCommandLoadsWhatItUses() throws {
        let image = Harness.sample("images/hello-world/docker-archive.tar")
        let img = try Self.loaded(["image", "inspect", image])
        #expect(img.result.status == 0, "\(img.result.stderr)")
        #expect(img.result.stdout.contains("docker.io/library/hello-world:latest"))
        for lib in ["libarchive.so", "libnettle.so", "libelf.so"] {
            #expect(img.files.contains { $0.hasPrefix(lib) }, "image inspect did not load \(lib): \(img.files)")
        }
        #expect(!img.files.contains { $0.hasPrefix("libgvc") })

        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = dir.appendingPathComponent("r.jsonl").path, svg = dir.appendingPathComponent("r.svg").path
        let t = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", record, "--", "/bin/true"])
        #expect(t.status == 0, "\(t.stderr)")
        let graph = try Self.loaded(["graph", record, "--format", "svg", "-o", svg])
        #expect(graph.result.status == 0, "\(graph.result.stderr)")
        #expect(graph.files.contains { $0.hasPrefix("libgvc.so") }, "\(graph.files)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))
        let tree = try Self.loaded(["graph", record])
        #expect(tree.result.status == 0 && !tree.files.contains { $0.hasPrefix("libgvc") }, "\(tree.files)")

        let ns = try Self.loaded(["ns", "--format", "json"])
        #expect(ns.result.status == 0, "\(ns.result.stderr)")
        #expect(ns.files.contains { $0.hasPrefix("libnl-route-3.so") }, "\(ns.files)")

        let k = try Self.loaded(["trace", "-k", "-e", "trace=write", "--", "/bin/echo", "hi"])
        #expect(k.result.status == 0, "\(k.result.stderr)")
        #expect(k.result.stderr.contains(" > "), "no stack under -k: \(k.result.stderr)")
        #expect(k.files.contains { $0.hasPrefix("libunwind-ptrace.so") }, "\(k.files)")
    }

    /// A library that cannot be loaded: hidden by a bind mount of an empty file over it, in a
    /// mount namespace of the test's own (the host's file is untouched).
    static func withHidden(_ soname: String, _ args: [String]) throws -> Harness.Result {
        let real = URL(fileURLWithPath: "/usr/lib/x86_64-linux-gnu/" + soname).resolvingSymlinksInPath().path
        try #require(FileManager.default.fileExists(atPath: real), "\(real)")
        let script = "mount --make-rprivate / && mount --bind /dev/null \"$1\" && shift && exec \"$@\""
        return try Harness.run("/usr/bin/unshare", ["-m", "/bin/sh", "-c", script, "sh", real, Harness.nstrace] + args)
    }

    @Test(.requires("root (hiding a library takes a mount namespace)", Harness.isRoot),
          .requires("the samples (make samples)", Harness.samplesBuilt))
    func aMissingLibraryIsOneLineNamingItsPackage() throws {
        let image = Harness.sample("images/hello-world/docker-archive.tar")
        let img = try Self.withHidden("libarchive.so.13", ["image", "inspect", image])
        #expect(img.status == 69)
        #expect(img.stdout.isEmpty)
        #expect(img.stderrLines.count == 1, "\(img.stderr)")
        #expect(img.stderr.hasPrefix("nstrace: cannot load libarchive.so.13 (libarchive, Debian package libarchive13)"), "\(img.stderr)")

        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = dir.appendingPathComponent("r.jsonl").path
        _ = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", record, "--", "/bin/true"])
        let svg = try Self.withHidden("libgvc.so.6", ["graph", record, "--format", "svg", "-o", dir.appendingPathComponent("r.svg").path])
        #expect(svg.status == 69)
        #expect(svg.stderrLines.count == 1 && svg.stderr.contains("cannot load libgvc.so.6"), "\(svg.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.svg").path))
        // Tracing does not need it: the same hidden library changes nothing for trace.
        let t = try Self.withHidden("libgvc.so.6", ["trace", "-e", "trace=exit_group", "--", "/bin/true"])
        #expect(t.status == 0, "\(t.stderr)")
        #expect(t.stderr.contains("exit_group(0)"))
    }
}
