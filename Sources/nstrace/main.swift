import Glibc
import NSBuildInfo
import NSCommands

// `nstrace --version` alone is answered before the argument parser is built: scripts call
// it to check the tool, and setting up swift-argument-parser's command tree (reflection
// over every subcommand's options) is most of what it would cost (docs/performance.md,
// "Startup"). Any other command line, `--version` among other words included, goes to the
// parser, which prints the same line.
if CommandLine.arguments.count == 2 && CommandLine.arguments[1] == "--version" {
    var line = BuildInfo.versionLine + "\n"
    let ok = line.withUTF8 { write(1, $0.baseAddress, $0.count) == $0.count }
    exit(ok ? 0 : 1)
}
NSTrace.main()
