import ArgumentParser
import FoundationEssentials
import Glibc
import NSCompare
import NSCompareLive
import NSCore
import NSExplorer
import NSLinux
import NSRender
import NSRun

/// The formats of `nstrace compare`.
enum CompareFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, dot, svg, png, pdf
    /// Both sides' explorer pages side by side, under the report (docs/explorer.md).
    case html

    var isBinary: Bool { self == .png || self == .pdf }
}

extension NSTrace {
    /// `nstrace compare`: one command run outside and inside, both traced, side by side.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Run a command outside and inside (a process's namespaces, an image, fresh namespaces), both traced, and show what differs.",
            discussion: """
            Inside is one of: --target PID (the namespaces, root and cwd of a running \
            process, as nsenter -a -t PID), --image IMAGE or --rootfs DIR (a fresh \
            container, as nstrace run), --unshare TYPES (fresh namespaces on the host's root \
            filesystem). Outside is the caller's own namespaces. The report: identity side \
            by side, a verdict per namespace type, calls whose results differ, files looked \
            up differently, syscall counts, and a diff of stdout and stderr. Two records \
            made earlier (nstrace trace --record, or compare --keep DIR) are compared the \
            same way. Exit status: 0 when the report was written (whatever it says), 1 when \
            the comparison could not be made, 64 for a usage error. See docs/compare.md.

            Examples:
              nstrace compare --unshare pid,mnt -- ps -e
              nstrace compare --unshare uts --hostname box -- hostname
              nstrace compare --target 1234 -- cat /etc/os-release
              nstrace compare --image busybox.tar -- ls /
              nstrace compare --keep out --unshare net -- ip addr
              nstrace compare out/outside.jsonl out/inside.jsonl --format json
              nstrace compare --unshare pid,mnt --format svg -o ps.svg -- ps -e
            """
        )

        // One positional list: ArgumentParser allows no second one after it. With a place
        // (--target, --image, --rootfs, --unshare) it is the command, else two records.
        @Argument(help: ArgumentHelp("After --, the command to run on both sides; without a place, two records to compare (outside first).",
                                     valueName: "command | record"))
        var arguments: [String] = []

        var command: [String] { places > 0 ? arguments : [] }
        var records: [String] { places > 0 ? [] : arguments }

        @Option(name: .long, help: ArgumentHelp("Inside = the namespaces, root and cwd of this running process.", valueName: "pid"),
                completion: PIDCompletion.kind)
        var target: Int32?

        @Option(name: .long, help: ArgumentHelp("With --target: only these namespace types (comma-separated); root and cwd only with mnt.", valueName: "types"))
        var ns: String?

        @Option(name: .long, help: ArgumentHelp("Inside = a fresh container of this image, as nstrace run makes it.", valueName: "image"))
        var image: String?

        @Option(name: .long, help: ArgumentHelp("Inside = a fresh container of this root directory.", valueName: "dir"))
        var rootfs: String?

        @Option(name: .long, help: ArgumentHelp("With --image: which image of a tarball holding several.", valueName: "ref"))
        var ref: String?

        @Option(name: .long, help: ArgumentHelp("Inside = fresh namespaces of these types (user,pid,mnt,net,uts,ipc,cgroup,time) on the host's root; with pid and mnt, /proc is remounted.", valueName: "types"))
        var unshare: String?

        @Option(name: .long, help: ArgumentHelp("The hostname inside (--unshare with uts, --image, --rootfs).", valueName: "name"))
        var hostname: String?

        @Option(name: .long, help: ArgumentHelp("text, json, dot, svg, png, pdf (the last three drawn by libgraphviz), or html (both sides explored side by side, docs/explorer.md).", valueName: "format"))
        var format: CompareFormat = .text

        @Option(name: .customShort("o"), help: ArgumentHelp("Write the report to FILE instead of stdout.", valueName: "file"))
        var output: String?

        @Flag(name: .customLong("output-diff"), inversion: .prefixedNo,
              help: "Show the unified diff of the command's stdout and stderr in the text report.")
        var outputDiff = true

        @Flag(name: .customLong("all-syscalls"), help: "List every syscall name in the text report, not only those whose counts differ.")
        var allSyscalls = false

        @Option(name: .long, help: ArgumentHelp("Width of the text report, 60 to 10000 (default: 120 on a terminal at least that wide, else 80).", valueName: "columns"))
        var width: Int?

        @Option(name: .long, help: ArgumentHelp("Seconds each side may run before it is killed and reported as timed out (at most 1000000).", valueName: "seconds"))
        var timeout: Double = 30

        @Option(name: .long, help: ArgumentHelp("Keep the two records and side files in DIR (outside.jsonl, inside.jsonl, *.side.json).", valueName: "dir"))
        var keep: String?

        @OptionGroup var color: ColorOptions

        var places: Int { [target != nil, image != nil, rootfs != nil, unshare != nil].filter { $0 }.count }

        func validate() throws {
            if places == 0 {
                guard records.count == 2 else {
                    throw ValidationError("Say where inside is: --target PID, --image IMAGE, --rootfs DIR or --unshare TYPES, and give a command after -- (or give two records).")
                }
                if keep != nil { throw ValidationError("--keep is for a live run.") }
            } else {
                guard places == 1 else { throw ValidationError("Give only one of --target, --image, --rootfs, --unshare.") }
                if command.isEmpty { throw ValidationError("Give the command to compare after --.") }
            }
            if ns != nil && target == nil { throw ValidationError("--ns goes with --target.") }
            if ref != nil && image == nil { throw ValidationError("--ref goes with --image.") }
            if hostname != nil && target != nil { throw ValidationError("--hostname cannot change a running process's namespace (--target).") }
            if let ns { _ = try Self.types(ns, option: "--ns") }
            if let unshare { _ = try Self.types(unshare, option: "--unshare") }
            // NaN fails every comparison: it is refused by asking for what is valid.
            if !(timeout > 0 && timeout <= Watchdog.maxSeconds) {
                throw ValidationError("--timeout takes a number of seconds > 0 and at most \(Int(Watchdog.maxSeconds)).")
            }
            if let width, width < 60 || width > TextReport.maxWidth {
                throw ValidationError("--width takes a number of columns from 60 to \(TextReport.maxWidth).")
            }
            if format.isBinary && output == nil && isatty(1) != 0 {
                throw ValidationError("--format \(format.rawValue) writes binary data: give -o FILE.")
            }
        }

        /// "a new uts namespace", "new pid, mnt namespaces".
        static func newNamespaces(_ types: [NamespaceKind]) -> String {
            types.count == 1 ? "a new \(types[0].rawValue) namespace" : "new " + types.map(\.rawValue).joined(separator: ", ") + " namespaces"
        }

        /// "pid,mnt" → [.pid, .mnt]; unknown names are a usage error.
        static func types(_ text: String, option: String) throws -> [NamespaceKind] {
            switch NamespaceKind.parseTypes(text) {
            case .failure(let e):
                throw ValidationError("\(option) \(text): unknown namespace type '\(e.word)' (\(NamespaceKind.UnknownType.known)).")
            case .success(let out):
                if out.isEmpty { throw ValidationError("\(option) needs at least one namespace type.") }
                return out
            }
        }

        func run() throws {
            if [.svg, .png, .pdf].contains(format) { requireLibraries([.graphviz]) }
            if format == .html { requireLibraries(Explorer.libraries) }
            // Open the output first: a bad path fails before anything runs.
            let sink: FileSink
            if let output {
                do { sink = try FileSink.create(path: output, mode: 0o644) } catch { fail(error.description, code: 1) }
            } else {
                sink = FileSink(fd: 1)
            }
            let outsidePath: String, insidePath: String
            var cleanupDir: String?
            var placeA = "record \(records.first ?? "")", placeB = "record \(records.last ?? "")"
            if records.isEmpty {
                let dir = liveRun()
                outsidePath = dir + "/outside.jsonl"
                insidePath = dir + "/inside.jsonl"
                if keep == nil { cleanupDir = dir }
                placeA = "the caller's namespaces"
                placeB = "inside"
            } else {
                outsidePath = records[0]
                insidePath = records[1]
            }
            // Both sides read into memory, then the private directory removed, before anything
            // else can fail (or crash): nothing of the records is left in TMPDIR.
            let rawA = read(outsidePath, removing: cleanupDir), rawB = read(insidePath, removing: cleanupDir)
            if let cleanupDir { CompareLive.removeDirectory(cleanupDir) }
            let a = load(rawA), b = load(rawB)
            let report = CompareReport.build(outside: (a.trace, a.facts), inside: (b.trace, b.facts),
                                             places: (placeA, placeB))
            let bytes: [UInt8]
            switch format {
            case .text:
                var o = TextReport.Options()
                let tty = output == nil && isatty(1) != 0
                o.color = output == nil ? color.enabled(fd: 1) : color.enabledForFile
                o.width = width ?? (tty && Terminal.columns(1) >= 120 ? 120 : 80)
                o.outputDiff = outputDiff
                o.allSyscalls = allSyscalls
                bytes = Array(TextReport.render(report, options: o).utf8)
            case .json:
                bytes = Array(JSONReport.render(report).utf8)
            case .dot:
                bytes = Array(DotReport.render(report, outside: a.graph, inside: b.graph).utf8)
            case .html:
                // Each side's whole record, explored; the report above them.
                func model(_ raw: RawSide, _ graph: NamespaceGraph, _ place: String) -> ExplorerModel {
                    let lines = try? RecordReader.parse(raw.record, allowCutTail: true)
                    return Explorer.model(graph: graph, lines: lines ?? [], raw: Array(raw.record), title: place)
                }
                do {
                    bytes = try Explorer.comparePage(outside: model(rawA, a.graph, "outside: " + placeA),
                                                     inside: model(rawB, b.graph, "inside: " + placeB),
                                                     report: Array(JSONReport.render(report).utf8))
                } catch {
                    fail("\(error)", code: 1)
                }
            case .svg, .png, .pdf:
                do {
                    bytes = try Graphviz.render(dot: DotReport.render(report, outside: a.graph, inside: b.graph), format: format.rawValue)
                } catch {
                    fail(error.description, code: 1)
                }
            }
            bytes.withUnsafeBytes { sink.write($0) }
            if let e = sink.error { fail("writing \(output ?? "stdout"): \(ErrnoNames.text(e.errno))", code: 1) }
        }

        /// A record and its side file (if any) as bytes.
        struct RawSide {
            var path: String
            var record: Data
            var sidePath: String
            var side: Data?
        }

        /// Reads a record and its side file; an error ends the process, after removing
        /// `removing` (the private directory of a live run). No side file is fine; one that
        /// cannot be read (a FIFO, a directory) is an error.
        func read(_ path: String, removing dir: String?) -> RawSide {
            let data: Data
            do { data = try RecordFile.read(path) } catch {
                if let dir { CompareLive.removeDirectory(dir) }
                fail("cannot read '\(path)': \(error)", code: 1)
            }
            let sidePath = SideFacts.path(forRecord: path)
            var side: Data?
            do { side = try RecordFile.read(sidePath) } catch {
                if case .errno(ENOENT) = error {
                    side = nil
                } else {
                    if let dir { CompareLive.removeDirectory(dir) }
                    fail("cannot read '\(sidePath)': \(error)", code: 1)
                }
            }
            return RawSide(path: path, record: data, sidePath: sidePath, side: side)
        }

        /// A record and its side file analysed; errors end the process.
        func load(_ raw: RawSide) -> (trace: SideTrace, facts: SideFacts?, graph: NamespaceGraph) {
            do {
                return try CompareInput.side(record: raw.record, sideFile: raw.side)
            } catch let e as CompareInput.SideError {
                fail("\(raw.sidePath): \(e.description)", code: 1)
            } catch {
                fail("\(raw.path): \(error)", code: 1)
            }
        }

        /// Runs both sides into a directory (--keep DIR, or a private one) and returns it.
        func liveRun() -> String {
            let dir: String
            if let keep {
                if mkdir(keep, 0o755) != 0 && errno != EEXIST { fail("cannot create '\(keep)': \(ErrnoNames.text(errno))", code: 1) }
                dir = keep
            } else {
                guard let d = CompareLive.privateDirectory() else { fail("cannot create a temporary directory: \(ErrnoNames.text(errno))", code: 1) }
                dir = d
            }
            func bail(_ message: String, code: Int32 = 1) -> Never {
                if keep == nil { CompareLive.removeDirectory(dir) }
                fail(message, code: code)
            }
            func checkInterrupted() {
                let sig = StopSignals.pending
                if sig != 0 { bail("interrupted", code: 128 + sig) }
            }
            let env = Environment.current
            let watchdog: Watchdog
            do { watchdog = try Watchdog(seconds: timeout) } catch { bail(error.description) }
            defer { watchdog.stop() }

            // Inside first: a place that cannot be entered fails before anything else runs.
            var container: Container?
            let launcher: CompareLive.Launcher
            let place: String
            var notes: [String] = []
            var argv = command
            if let target {
                let types: [NamespaceKind]? = ns.flatMap { try? Self.types($0, option: "--ns") }
                let e: EnteredCommand
                do { e = try EnteredCommand(.target(pid: target, types: types), argv: command, env: env) } catch { bail(error.message) }
                launcher = .entered(e)
                let what = e.types.isEmpty ? "no namespace differs" : "entered " + e.types.map(\.rawValue).joined(separator: ", ")
                place = e.summary + " (\(what)" + (types == nil || types!.contains(.mnt) ? "; its root and cwd)" : ")")
                notes = e.notes
            } else if let unshare {
                let types = (try? Self.types(unshare, option: "--unshare")) ?? []
                let e: EnteredCommand
                do { e = try EnteredCommand(.unshare(types: types, hostname: hostname), argv: command, env: env) } catch { bail(error.message) }
                launcher = .entered(e)
                place = e.summary + " (" + Self.newNamespaces(e.types) + " on the host's root)"
                notes = e.notes
            } else {
                do { try Library.require(Run.libraries(image: image != nil, network: .none, graph: nil)) } catch {
                    bail(error.description, code: 69)
                }
                var request = Container.Request(source: rootfs.map { .rootfs($0) } ?? .image(path: image!, ref: ref))
                request.command = command
                request.hostname = hostname
                let made = Result { () throws(RunError) in
                    try Container(request) { note in warn(note) }
                }
                switch made {
                case .failure(let e): bail(e.message)
                case .success(let c): container = c
                }
                launcher = .container(container!)
                argv = container!.process.argv
                place = (image.map { "--image \($0)" } ?? "--rootfs \(rootfs!)")
                    + " (" + Self.newNamespaces(request.types) + "; the image's root)"
            }
            let inside = CompareLive.run(side: "inside", place: place, argv: argv, launcher: launcher, notes: notes,
                                         dir: dir, watchdog: watchdog) {
                Environment.recordHeader(command: argv, attached: [], startEpoch: $0)
            }
            container?.cleanup()
            checkInterrupted()
            if case .failed(let message) = inside { bail(message) }

            let outside: EnteredCommand
            do { outside = try EnteredCommand(.outside, argv: command, env: env) } catch { bail(error.message) }
            let end = CompareLive.run(side: "outside", place: outside.summary, argv: command, launcher: .entered(outside),
                                      notes: [], dir: dir, watchdog: watchdog) {
                Environment.recordHeader(command: command, attached: [], startEpoch: $0)
            }
            checkInterrupted()
            if case .failed(let message) = end { bail(message) }
            return dir
        }
    }
}
