import ArgumentParser
import Glibc
import NSCore
import NSExplorer
import NSLinux
import NSRender

/// The formats of `nstrace ns` and `nstrace graph`: every view is a renderer of the
/// same NamespaceGraph.
enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case tree, table, json, dot, svg, png, pdf
    /// `graph` only: the record's syscalls, signals and transitions on a timeline, as
    /// Chrome/Perfetto trace JSON (PerfettoExporter).
    case perfetto
    /// The explorer: one self-contained page with the graph, the tasks, the calls and a
    /// timeline, linked (docs/explorer.md).
    case html

    var isBinary: Bool { self == .png || self == .pdf }
    var drawnByGraphviz: Bool { self == .svg || self == .png || self == .pdf }
}

/// Options shared by `ns` and `graph`.
struct GraphOutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("tree, table, json, dot, svg, png, pdf, html (an interactive page, docs/explorer.md), or perfetto (graph only: a timeline for ui.perfetto.dev).", valueName: "format"))
    var format: GraphFormat = .tree

    @Option(name: .long, help: ArgumentHelp("Only these namespace types (comma-separated: user,pid,mnt,net,uts,ipc,cgroup,time).", valueName: "types"))
    var types: String?

    @Option(name: .long, help: ArgumentHelp("Only this process's neighbourhood: its ancestors, descendants and their namespaces.", valueName: "pid"),
            completion: PIDCompletion.kind)
    var pid: Int32?

    @Option(name: .customShort("o"), help: ArgumentHelp("Write to FILE instead of stdout.", valueName: "file"))
    var output: String?

    @OptionGroup var color: ColorOptions

    /// libgraphviz draws svg, png and pdf; the other formats need no library.
    var libraries: [Library] {
        format == .html ? Explorer.libraries : format.drawnByGraphviz ? [.graphviz] : []
    }

    func validate() throws {
        if let types, case .failure(let e) = NamespaceKind.parseTypes(types) {
            throw ValidationError("Unknown namespace type '\(e.word)' (\(NamespaceKind.UnknownType.known)).")
        }
        if format.isBinary && output == nil && isatty(1) != 0 {
            throw ValidationError("--format \(format.rawValue) writes binary data: give -o FILE.")
        }
    }

    /// Narrows `graph` as asked, renders it, and writes it out; errors end the process.
    /// `lines`: the record `graph` was built from (`--format perfetto` exports it).
    /// `raw`: the record's bytes (`--format html` shows keys the reader passes over).
    func emit(_ graph: NamespaceGraph, title: String?, lines: [RecordLine]? = nil, raw: [UInt8]? = nil) {
        var g = graph
        if let pid {
            guard let n = g.neighbourhood(of: pid) else { fail("no process \(pid) in this graph", code: 1) }
            g = n
        }
        let only = types.flatMap { try? NamespaceKind.parseTypes($0).get() }.map(Set.init)
        if let only { g = g.filtered(types: only) }
        var style = GraphStyle()
        style.color = output == nil ? color.enabled(fd: 1) : color.enabledForFile
        style.userNames = UserNames.load()
        var perfetto = PerfettoExporter.Options()
        if pid != nil { perfetto.pids = Set(g.processes.map(\.pid)) }
        perfetto.types = only
        let bytes = Self.render(g, format: format, title: title, style: style, lines: lines, raw: raw, perfetto: perfetto)
        let sink: FileSink
        if let output {
            do { sink = try FileSink.create(path: output, mode: 0o644) } catch { fail(error.description, code: 1) }
        } else {
            sink = FileSink(fd: 1)
        }
        bytes.withUnsafeBytes { sink.write($0) }
        if let e = sink.error { fail("writing \(output ?? "stdout"): \(ErrnoNames.text(e.errno))", code: 1) }
    }
}

extension GraphOutputOptions {
    /// One view of `graph` as bytes; a Graphviz failure ends the process.
    /// `lines`: the record the graph came from (only `perfetto` needs it: a timeline).
    static func render(_ g: NamespaceGraph, format: GraphFormat, title: String?, style: GraphStyle,
                       lines: [RecordLine]? = nil, raw: [UInt8]? = nil,
                       perfetto: PerfettoExporter.Options = .init()) -> [UInt8] {
        do {
            return try renderOrThrow(g, format: format, title: title, style: style, lines: lines, raw: raw, perfetto: perfetto)
        } catch let e as RenderFailure {
            fail(e.message, code: e.code)
        } catch {
            fail("\(error)", code: 1)
        }
    }

    struct RenderFailure: Error, CustomStringConvertible {
        var message: String
        var code: Int32
        var description: String { message }
    }

    /// The same, throwing instead of ending the process (`run --graph` has a run to clean up).
    static func renderOrThrow(_ g: NamespaceGraph, format: GraphFormat, title: String?, style: GraphStyle,
                              lines: [RecordLine]? = nil, raw: [UInt8]? = nil,
                              perfetto: PerfettoExporter.Options = .init()) throws -> [UInt8] {
        switch format {
        case .tree: return Array(TreeRenderer.render(g, style: style).utf8)
        case .table: return Array(TableRenderer.render(g, style: style).utf8)
        case .json: return Array(JSONRenderer.render(g).utf8)
        case .dot: return Array(DotRenderer.render(g, title: title).utf8)
        case .perfetto:
            // Ns.validate refuses it; only a record has a timeline.
            guard let lines else { throw RenderFailure(message: "--format perfetto needs a record (nstrace graph RECORD)", code: 64) }
            return Array(PerfettoExporter.export(lines, options: perfetto).utf8)
        case .html:
            // `--pid`/`--types` narrowed the graph; the page keeps the calls of its tasks.
            do {
                return try Explorer.page(graph: g, lines: lines, raw: raw, title: title ?? "nstrace")
            } catch {
                throw RenderFailure(message: "\(error)", code: 1)
            }
        case .svg, .png, .pdf:
            do {
                return try Graphviz.render(dot: DotRenderer.render(g, title: title), format: format.rawValue)
            } catch {
                throw RenderFailure(message: error.description, code: 1)
            }
        }
    }
}

/// uid → name from /etc/passwd (for the USER column).
enum UserNames {
    static func load() -> [UInt32: String] {
        guard let text = ProcFS.readText("/etc/passwd") else { return [:] }
        var out: [UInt32: String] = [:]
        // By scalar: users may write their own GECOS field (chfn).
        for line in ScalarText.lines(text) {
            let f = ScalarText.split(line, ":", omittingEmptySubsequences: false)
            if f.count > 2, let uid = UInt32(f[2]), out[uid] == nil { out[uid] = f[0] }
        }
        return out
    }
}

extension Explorer {
    /// What the page needs: libgraphviz (the picture), libarchive (gzip), nettle (the
    /// SHA-256 of its script in its Content-Security-Policy).
    static let libraries: [Library] = [.graphviz, .archive, .nettle]
}
