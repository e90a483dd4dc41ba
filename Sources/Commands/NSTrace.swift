import ArgumentParser
import NSBuildInfo

/// `nstrace`: the root command.
public struct NSTrace: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nstrace",
        abstract: "Trace a command's syscalls and namespaces: what is there inside a container?",
        discussion: """
        Examples:
          nstrace trace -- samples/bin/hello-world
          nstrace trace -f -e trace=%process -- sh -c 'echo hi | cat'
          nstrace trace --record run.jsonl -- ls -l /
          nstrace trace -p 1234

        Docs: docs/trace.md, docs/record-format.md, docs/architecture.md.
        """,
        version: BuildInfo.versionLine,
        subcommands: [Trace.self, Ns.self, Graph.self, Image.self, Run.self, Compare.self]
    )
    public init() {}
}
