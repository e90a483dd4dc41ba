import ArgumentParser

/// `nstrace`: the root command.
public struct NSTrace: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nstrace",
        abstract: "Trace a command's syscalls and namespaces: what is there inside a container?",
        version: "0.1.0",
        subcommands: [Trace.self]
    )
    public init() {}
}
