import ArgumentParser
import FoundationEssentials
import NSCore

extension NSTrace {
    /// `nstrace graph RECORD`: the namespace graph of a recorded trace.
    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "graph",
            abstract: "Draw the tasks and namespaces of a --record file, with each transition.",
            discussion: """
            Which task created or entered which namespace, by which syscall, when.

            Examples:
              nstrace trace --record r.jsonl -- unshare -fpu --mount-proc sh -c 'hostname x; ps'
              nstrace graph r.jsonl                   (the task tree with its transitions)
              nstrace graph r.jsonl --format svg -o r.svg
              nstrace graph r.jsonl --format json
              nstrace graph r.jsonl --format perfetto -o r.json   (open in ui.perfetto.dev)
              nstrace graph r.jsonl --format html -o r.html       (the explorer, in any browser)
            """
        )

        @Argument(help: ArgumentHelp("A record written by nstrace trace --record.", valueName: "record"),
                  completion: .file())
        var record: String

        @OptionGroup var out: GraphOutputOptions

        func run() throws {
            requireLibraries(out.libraries)
            let data: Data
            do { data = try RecordFile.read(record) } catch { fail("cannot read '\(record)': \(error)", code: 1) }
            let lines: [RecordLine]
            do {
                lines = try RecordReader.parse(data, allowCutTail: true)
            } catch {
                fail("\(record): \(error)", code: 1)
            }
            var title = "nstrace graph \(record)"
            if case .header(let h) = lines.first, !h.command.isEmpty { title += ": " + h.command.joined(separator: " ") }
            out.emit(GraphFromRecord.build(lines), title: title, lines: lines,
                     raw: out.format == .html ? Array(data) : nil)
        }
    }
}
