import ArgumentParser
import Glibc
import NSCore
import NSLinux
import NSImage

extension NSTrace {
    /// `nstrace image`: look inside docker-save and OCI image tarballs, and unpack them safely.
    struct Image: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "image",
            abstract: "Look inside docker-save and OCI image tarballs and layouts, and unpack them safely.",
            discussion: """
            IMAGE is a `docker save` tarball (legacy or Docker 25+), an oci-archive tarball, or an \
            OCI image layout directory. Layers may be plain, gzip or zstd. Every blob digest and \
            every layer's diff_id is checked; a mismatch is an error.

            Examples:
              nstrace image inspect samples/bin/images/hello-world/docker-archive.tar
              nstrace image inspect --format json samples/bin/images/busybox/oci
              nstrace image layers samples/bin/images/busybox/oci-archive.tar
              nstrace image layers --layer 3 samples/bin/images/busybox/oci
              nstrace image unpack samples/bin/images/busybox/oci /tmp/rootfs

            Docs: docs/image.md.
            """,
            subcommands: [Inspect.self, Layers.self, Unpack.self]
        )
    }
}

extension ReportFormat: ExpressibleByArgument {}

extension NSTrace.Image {
    /// Options every image subcommand takes.
    struct Options: ParsableArguments {
        @Option(name: .customLong("ref"),
                help: ArgumentHelp("Which image, when IMAGE holds several: a name (busybox:latest) or a manifest or config digest.", valueName: "name"))
        var ref: String?

        @Option(name: .customLong("max-layer-size"),
                help: ArgumentHelp("Refuse a layer that decompresses to more than SIZE (K, M, G suffixes; binary).", valueName: "size"))
        var maxLayerSizeText: String = "8G"

        var maxLayerSize: Int64 { ByteSize.parse(maxLayerSizeText) ?? defaultMaxLayerSize }

        func validate() throws {
            guard let n = ByteSize.parse(maxLayerSizeText), n > 0 else {
                throw ValidationError("--max-layer-size takes a size such as 8G, 512M or 1048576, not '\(maxLayerSizeText)'.")
            }
        }

        func open(_ path: String) -> NSImage.Image {
            requireLibraries(ImageLibraries.all)
            do { return try NSImage.Image.open(path, ref: ref) } catch { fail(String(describing: error), code: 1) }
        }
    }

    /// `nstrace image inspect`.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Show an image's names, platform, config, history, layers and entrypoint binary.",
            discussion: """
            Reads every layer (checking digests) to count its files, then the ELF header of the \
            program the image runs (Entrypoint, else Cmd, found through the image's PATH and \
            symlinks): static or dynamic, its interpreter, the libraries it needs.

            Examples:
              nstrace image inspect samples/bin/images/hello-world/oci-archive.tar
              nstrace image inspect --format json --ref busybox:latest images.tar
            """
        )

        @Argument(help: ArgumentHelp("The image: a tarball or an OCI layout directory.", valueName: "image"))
        var image: String

        @Option(help: "Output format: text or json.")
        var format: ReportFormat = .text

        @OptionGroup var options: Options

        @OptionGroup var color: ColorOptions

        func run() throws {
            let img = options.open(image)
            do {
                let report = try InspectReport.build(img, limit: options.maxLayerSize, warn: warning)
                writeStdout(report.render(format, color: color.enabled(fd: 1)))
            } catch {
                fail(String(describing: error), code: 1)
            }
        }
    }

    /// `nstrace image layers`.
    struct Layers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "layers",
            abstract: "List the files each layer adds (A), modifies (M) and deletes (D), and the wasted bytes.",
            discussion: """
            D comes from whiteouts: `.wh.NAME` deletes NAME (and all beneath it), `.wh..wh..opq` \
            hides every lower child of its directory. A directory counts as modified only when \
            its type, mode, owner or xattrs change. Wasted bytes are those of files that a later \
            layer overwrites or deletes: stored, but not in the final image.

            Examples:
              nstrace image layers samples/bin/images/busybox/docker-archive.tar
              nstrace image layers --layer 2 --format json samples/bin/images/busybox/oci
            """
        )

        @Argument(help: ArgumentHelp("The image: a tarball or an OCI layout directory.", valueName: "image"))
        var image: String

        @Option(help: ArgumentHelp("Show only layer N (1 is the bottom layer).", valueName: "n"))
        var layer: Int?

        @Option(help: "Output format: text or json.")
        var format: ReportFormat = .text

        @OptionGroup var options: Options

        @OptionGroup var color: ColorOptions

        func validate() throws {
            if let layer, layer < 1 { throw ValidationError("--layer counts from 1.") }
        }

        func run() throws {
            let img = options.open(image)
            if let layer, layer > img.layers.count {
                fail("\(image): --layer \(layer), but the image has \(img.layers.count) layer\(img.layers.count == 1 ? "" : "s")", code: 1)
            }
            do {
                let report = try LayersReport.build(img, only: layer, limit: options.maxLayerSize, warn: warning)
                writeStdout(report.render(format, color: color.enabled(fd: 1)))
            } catch {
                fail(String(describing: error), code: 1)
            }
        }
    }

    /// `nstrace image unpack`.
    struct Unpack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unpack",
            abstract: "Apply an image's layers in order into a directory, safely.",
            discussion: """
            DIR must not exist or be empty. Whiteouts delete from lower layers; modes, \
            ownership (as root), symlinks, hardlinks, FIFOs, device nodes (as root; skipped \
            with a warning otherwise), xattrs and times are kept. Every path is resolved beneath \
            DIR with openat2(RESOLVE_BENEATH): an entry that would write, link or delete outside \
            DIR is refused, and everything unpacked so far is removed again.

            Examples:
              nstrace image unpack hello-world.tar /tmp/hello
              nstrace image unpack --max-layer-size 1G busybox.tar /tmp/bb
            """
        )

        @Argument(help: ArgumentHelp("The image: a tarball or an OCI layout directory.", valueName: "image"))
        var image: String

        @Argument(help: ArgumentHelp("Where to unpack (made if missing; must be empty).", valueName: "dir"))
        var dir: String

        @Flag(name: .customShort("q"), help: "Print nothing on success.")
        var quiet = false

        @OptionGroup var options: Options

        func run() throws {
            let img = options.open(image)
            var opts = Unpacker.Options()
            opts.maxLayerSize = options.maxLayerSize
            // All or nothing, interrupted too: SIGINT, SIGTERM, SIGHUP or SIGQUIT only mark
            // the unpack, which stops at the next entry and removes what it made; then the
            // exit status is 128+N, as if the signal had ended the process.
            StopSignals.install()
            opts.interrupted = { StopSignals.pending }
            let report: Unpacker.Report
            do {
                report = try Unpacker(image: img, options: opts).unpack(into: dir, warn: warning)
            } catch ImageError.interrupted(let sig) {
                fail("image unpack: interrupted by \(SignalNames.name(sig)); what was unpacked into \(dir) is removed", code: 128 + sig)
            } catch {
                fail(String(describing: error), code: 1)
            }
            StopSignals.restore()
            if quiet { return }
            // A full name (busybox:latest) reads better than an OCI ref that is only a tag.
            let name = img.names.first { $0.contains(":") } ?? image
            func count(_ n: Int, _ one: String, _ many: String? = nil) -> String { "\(n) " + (n == 1 ? one : many ?? one + "s") }
            var parts = [count(report.files, "file"), count(report.directories, "directory", "directories"),
                         count(report.symlinks, "symlink"), count(report.hardlinks, "hardlink")]
            if report.fifos > 0 { parts.append(count(report.fifos, "fifo")) }
            if report.devices > 0 { parts.append(count(report.devices, "device")) }
            if report.skipped > 0 { parts.append("\(report.skipped) skipped") }
            // The name comes from the image's metadata: escaped.
            writeStdout(TerminalText.escape("unpacked \(name) (\(count(report.layers, "layer")), \(ByteSize.human(report.bytes))) into \(dir): "
                  + parts.joined(separator: ", ") + "; \(count(report.whiteouts, "whiteout")) removed \(count(report.removed, "path"))") + "\n")
        }
    }
}

/// Writes `text` to stdout; a failed write (a full disk, a closed pipe, `> /dev/full`)
/// ends the command with status 1 and the reason, as `graph`, `ns` and `compare` do:
/// output is never lost silently.
private func writeStdout(_ text: String) {
    let sink = FileSink(fd: 1)
    var text = text
    text.withUTF8 { sink.write(UnsafeRawBufferPointer($0)) }
    if let e = sink.error { fail("writing stdout: \(ErrnoNames.text(e.errno))", code: 1) }
}

/// Prints `nstrace: warning: MESSAGE` on stderr. Warnings name entries of the image: no
/// control character reaches the terminal (`warn` escapes; a newline in an entry's name is
/// escaped too, as `TerminalText.escape` does).
private func warning(_ message: String) {
    warn("warning: " + TerminalText.escape(message))
}

/// What reading an image uses: libarchive (tar, gzip, zstd), nettle (digests), libelf
/// (entrypoint facts). `image`, `run --image` and `compare --image` load them first.
enum ImageLibraries {
    static let all: [Library] = [.archive, .nettle, .elf]
}
