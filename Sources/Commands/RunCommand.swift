import ArgumentParser
import FoundationEssentials
import Glibc
import NSBPF
import NSCore
import NSExplorer
import NSLinux
import NSRun
import NSTracer

extension NSTrace {
    /// `nstrace run`: an image or a root filesystem in fresh namespaces, traced.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run an image or a root filesystem in fresh namespaces, as a container runtime does, traced.",
            discussion: """
            The container is set up by a traced child, in runc's order: user namespace and \
            its maps first, then the other namespaces, private mounts, the overlay root, \
            /proc, /dev, /sys, the hostname, pivot_root, the image's user, execve. Mounts \
            happen inside the new mount namespace, so they vanish with it; cgroups and the \
            run directory are removed when the run ends (after a SIGKILL of nstrace: \
            `nstrace run --cleanup`). Exit status: the command's (128+signal when killed), \
            125 when the container could not be set up, 126/127 when the command cannot be \
            executed or is not found.

            Examples:
              nstrace run samples/bin/images/hello-world/docker-archive.tar
              nstrace run --trace --hostname bananaman busybox.tar -- sh -c 'hostname; ps'
              nstrace run --net veth --graph run.svg busybox.tar -- ping -c1 10.200.0.1
              nstrace run --pids 10 --memory 32m busybox.tar -- sh
              nstrace run --user --rootfs ./rootfs -- /bin/sh -c id
              nstrace run --cleanup
            """
        )

        @Argument(help: ArgumentHelp("A docker-save or OCI image tarball or layout directory.", valueName: "image"))
        var image: String?

        @Argument(parsing: .postTerminator, help: ArgumentHelp("The command (replaces the image's Cmd).", valueName: "command"))
        var command: [String] = []

        @Option(name: .long, help: ArgumentHelp("Run this directory as the root filesystem (it stays unchanged: writes go to an overlay).", valueName: "dir"))
        var rootfs: String?

        @Option(name: .long, help: ArgumentHelp("Which image of a tarball holding several (name or digest).", valueName: "ref"))
        var ref: String?

        @Option(name: .long, help: ArgumentHelp("The container's hostname (default: the image name).", valueName: "name"))
        var hostname: String?

        @Flag(name: .long, help: "Add a user namespace: root inside is you outside (the only way to run without root).")
        var user = false

        @Option(name: .long, help: ArgumentHelp("The new namespace types (default: mnt,uts,ipc,pid,net,cgroup,time).", valueName: "types"))
        var ns: String?

        @Option(name: .long, help: ArgumentHelp("Keep these namespace types of the host.", valueName: "types"))
        var share: String?

        @Option(name: .long, help: ArgumentHelp("none (only lo, up), veth (a veth pair to a new host-side network namespace) or host (with --share net).", valueName: "mode"))
        var net: String = "none"

        @Option(name: .long, help: ArgumentHelp("The veth network: host side first address, container second.", valueName: "cidr"))
        var addr: String = "10.200.0.0/30"

        @Option(name: .long, help: ArgumentHelp("Memory limit (bytes, or with k/m/g), through a cgroup.", valueName: "bytes"))
        var memory: String?

        @Option(name: .long, help: ArgumentHelp("Limit on the number of tasks, through a cgroup.", valueName: "n"))
        var pids: Int?

        @Flag(name: .long, help: "Run a tiny init as PID 1 that starts the command and reaps orphans.")
        var `init` = false

        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Set an environment variable inside (repeatable).", valueName: "name=value"))
        var env: [String] = []

        @Option(name: .long, help: ArgumentHelp("Working directory inside (default: the image's).", valueName: "dir"))
        var workdir: String?

        @Option(name: .customLong("run-as"), help: ArgumentHelp("User inside, as the image's User field (default: the image's).", valueName: "user[:group]"))
        var runAs: String?

        @Flag(name: .long, help: "Print the trace of the whole run (strace format) on stderr, or to -o.")
        var trace = false

        @OptionGroup var out: TraceOutputOptions<RunHelp>

        @Option(name: .long, help: ArgumentHelp("Write the namespace graph of the run (format from the extension: svg, png, pdf, dot, json, txt, html).", valueName: "file"))
        var graph: String?

        @Option(name: .long, help: ArgumentHelp("Write the explorer page of the run: its tasks, namespaces, calls and timeline in one HTML file (docs/explorer.md).", valueName: "file"))
        var html: String?

        @Option(name: .long, help: ArgumentHelp("Seconds the command gets after a forwarded SIGINT/SIGTERM before it is killed.", valueName: "seconds"))
        var stopTimeout: Double = 3

        @OptionGroup var color: ColorOptions

        @OptionGroup var bpf: BPFOptions

        @Flag(name: .long, help: "Remove what runs whose nstrace was killed left behind (cgroups, run directories), then exit.")
        var cleanup = false

        func validate() throws {
            if cleanup { return }
            if (image == nil) == (rootfs == nil) {
                throw ValidationError(image == nil ? "Give an image or --rootfs DIR." : "Give an image or --rootfs, not both.")
            }
            guard NetworkMode(rawValue: net) != nil else {
                throw ValidationError("--net takes none, veth or host.")
            }
            if let memory, RunPlan.bytes(memory) == nil { throw ValidationError("--memory \(memory): want bytes, e.g. 64m.") }
            if let pids, pids < 1 { throw ValidationError("--pids takes a number >= 1.") }
            if let graph, graphFormat(graph) == nil {
                throw ValidationError("--graph \(graph): use a .svg, .png, .pdf, .dot, .json, .txt or .html file.")
            }
            for e in env where !e.contains("=") { throw ValidationError("--env \(e): want NAME=VALUE.") }
        }

        /// What a run loads (Sources/CLibLoad): the image readers for an image, libnl for
        /// its own network namespace, libgraphviz for a drawn --graph.
        static func libraries(image: Bool, network: NetworkMode, graph: GraphFormat?, html: Bool = false) -> [Library] {
            let page = html || graph == .html
            var all = (image ? ImageLibraries.all : []) + (network != .host ? [.netlink] : [])
                + (graph?.drawnByGraphviz == true ? [.graphviz] : [])
            for l in page ? Explorer.libraries : [] where !all.contains(l) { all.append(l) }
            return all
        }

        func graphFormat(_ path: String) -> GraphFormat? {
            let ext = path.split(separator: ".").last.map { String($0).lowercased() } ?? ""
            return ext == "txt" ? .tree : GraphFormat(rawValue: ext).flatMap { [.svg, .png, .pdf, .dot, .json, .html].contains($0) ? $0 : nil }
        }

        func run() throws {
            if cleanup {
                let report = RunDirectory.cleanup()
                // Layers half-unpacked by runs that were killed (when no run is unpacking).
                let partial = LayerCache().reclaim()
                for name in report.removed { print("removed run \(name)") }
                for cg in report.cgroups { print("removed cgroup \(cg)") }
                for path in partial { print("removed partial layer \(path)") }
                for name in report.running { print("still running: \(name)") }
                if report.removed.isEmpty && report.running.isEmpty && partial.isEmpty {
                    print("nothing to clean up in \(RunDirectory.base)")
                }
                return
            }
            // From here on SIGINT/SIGTERM only mark the run as interrupted: what is made on
            // the host is always removed (the tracer loop sees the mark and ends the run).
            StopSignals.install()
            var request = Container.Request(source: rootfs.map { .rootfs($0) } ?? .image(path: image!, ref: ref))
            request.command = command
            request.hostname = hostname
            request.network = NetworkMode(rawValue: net)!
            request.cidr = addr
            request.limits = ContainerCgroups.Limits(memoryBytes: memory.flatMap(RunPlan.bytes), pids: pids)
            request.tinyInit = `init`
            request.env = env
            request.workdir = workdir
            request.user = runAs
            let types = Result { () throws(RunError) in try RunPlan.namespaceTypes(ns: ns, share: share, user: user) }
            let filter = Result { () throws(RunError) in try qualifiers() }
            switch (types, filter) {
            case (.failure(let e), _), (_, .failure(let e)): fail(e.message, code: 125)
            case (.success(let t), _): request.types = t
            }

            // The libraries it will use, before anything is made on the host.
            requireLibraries(Self.libraries(image: image != nil, network: request.network, graph: graph.flatMap(graphFormat),
                                            html: html != nil),
                             code: 125)

            // Outputs first: a bad path fails before anything is made.
            let stderrSink = FileSink(fd: 2)
            var traceSink: OutputSink = stderrSink
            if let output = out.output {
                do { traceSink = try FileSink.create(path: output, mode: 0o600) } catch { fail(error.description, code: 125) }
            }
            var recordSink: FileSink?
            if let record = out.record {
                do { recordSink = try FileSink.create(path: record, mode: 0o600) } catch { fail(error.description, code: 125) }
            }

            let made = Result { () throws(RunError) in
                try Container(request) { note in warn(note) }
            }
            guard case .success(let container) = made else {
                if case .failure(let e) = made { fail(e.message, code: e.exitCode) }
                return
            }

            // From here on every way out removes what the run made on the host first.
            func bail(_ message: String, code: Int32) -> Never {
                StopSignals.install()
                container.cleanup()
                fail(message, code: code)
            }

            // --graph or --html without --record: the record goes to the run directory.
            if recordSink == nil, graph != nil || html != nil {
                do {
                    recordSink = try FileSink.create(path: container.runDirectory.path + "/record.jsonl", mode: 0o600)
                } catch {
                    bail(error.description, code: 125)
                }
            }

            var config = TraceConfig(target: .prepared(launch: container.launch), messages: stderrSink)
            let selection = (try? filter.get()) ?? TraceQualifiers()
            config.filter = selection.filter
            config.ioDump = selection.ioDump
            config.paths = out.pathFilter(quiet: out.quietSet(selection, startsCommand: true))
            config.decode = out.decode(selection)
            config.attachMessages = false
            config.onSeized = container.seized
            config.stopGrace = stopTimeout
            config.flushWhenIdle = out.output == nil
            if trace {
                var options = out.printerOptions(selection)
                options.color = color.enabled(fd: (traceSink as? FileSink)?.fd ?? 2)
                config.printer = StraceTextPrinter(sink: traceSink, options: options)
            }
            if let recordSink { config.record = RecordWriter(sink: recordSink) }
            let outcome: TraceOutcome
            do {
                if bpf.enabled {
                    // The run traced by the kernel (docs/bpf.md): the same events, nothing stopped.
                    let tracer = BPFTracer(config: config, options: BPFTracer.Options(
                        target: .prepared(launch: container.launch), ringBytes: (try? bpf.ringBytes()) ?? BPFOptions.defaultBytes,
                        attach: bpf.attach))
                    var header = Environment.recordHeader(command: container.process.argv, attached: [],
                                                          startEpoch: tracer.startEpoch)
                    header.backend = "bpf"
                    config.record?.write(.header(header))
                    outcome = try tracer.run()
                } else {
                    let tracer = Tracer(config: config)
                    config.record?.write(.header(Environment.recordHeader(command: container.process.argv, attached: [],
                                                                          startEpoch: tracer.startEpoch)))
                    outcome = try tracer.run()
                }
            } catch {
                StopSignals.install()
                _ = container.finish()
                bail("\(error)", code: 125)
            }
            // The tracer restored the default actions: until the host side is clean again a
            // SIGINT/SIGTERM must still only mark the run.
            StopSignals.install()
            let setupError = container.finish()
            for w in container.network?.warnings ?? [] { warn(w) }
            var graphError: String?
            let recordPath = out.record ?? container.runDirectory.path + "/record.jsonl"
            if let graph, let format = graphFormat(graph) {
                graphError = writeGraph(from: recordPath, to: graph, format: format, option: "--graph", command: container.process.argv)
            }
            if let html, graphError == nil {
                graphError = writeGraph(from: recordPath, to: html, format: .html, option: "--html", command: container.process.argv)
            }
            container.cleanup()
            if let setupError { fail(setupError.message, code: setupError.exitCode) }
            if let e = recordSink?.error { fail("writing '\(out.record ?? "record")': \(ErrnoNames.text(e.errno))", code: 125) }
            // A graph that could not be written is an error (the command's own status
            // stays when it failed itself).
            if let graphError {
                fail(graphError, code: outcome.status != 0 ? outcome.status : 125)
            }
            if outcome.status != 0 { throw ExitCode(outcome.status) }
        }

        /// The `-e` qualifiers.
        func qualifiers() throws(RunError) -> TraceQualifiers {
            do { return try out.qualifiers() } catch { throw RunError(error.description) }
        }

        /// Draws the run's graph into `path`; the reason when it could not be written. Never
        /// ends the process: the caller still has to remove the run's cgroups and directory.
        func writeGraph(from recordPath: String, to path: String, format: GraphFormat, option: String,
                        command: [String]) -> String? {
            guard let data = FileManager.default.contents(atPath: recordPath),
                  let lines = try? RecordReader.parse(data, allowCutTail: true) else {
                return "\(option) \(path): the run's record could not be read"
            }
            let title = "nstrace run: " + command.joined(separator: " ")
            let bytes: [UInt8]
            do {
                bytes = try GraphOutputOptions.renderOrThrow(GraphFromRecord.build(lines), format: format, title: title,
                                                             style: GraphStyle(), lines: lines,
                                                             raw: format == .html ? Array(data) : nil)
            } catch {
                return "\(option) \(path): \(error)"
            }
            do {
                let sink = try FileSink.create(path: path, mode: 0o644)
                bytes.withUnsafeBytes { sink.write($0) }
                if let e = sink.error { return "\(option): writing '\(path)': \(ErrnoNames.text(e.errno))" }
            } catch {
                return "\(option): \(error)"
            }
            return nil
        }
    }
}

/// `run`'s help texts of the shared -o, -e, -a and --record.
enum RunHelp: TraceOutputHelp {
    static let output = "Write the --trace output to FILE."
    static let expressions = "Select syscalls for --trace (as nstrace trace -e trace=...)."
    static let column = "Align the --trace results (' = ...') at COLUMN, as strace -a (default 40; 0: one space)."
    static let record = "Write the record of the run (JSON Lines, docs/record-format.md)."
}
