import ArgumentParser
import Glibc
import NSCore

extension ColorMode: ExpressibleByArgument {}

/// `--color=auto|always|never`, mixed into every command that prints text with
/// `@OptionGroup var color: ColorOptions` (docs/cli.md).
struct ColorOptions: ParsableArguments {
    @Option(name: .customLong("color"),
            help: ArgumentHelp("Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.",
                               valueName: "when"))
    var mode: ColorMode = .auto

    /// Whether to colour what is written to `fd`: in auto mode only a terminal is coloured.
    func enabled(fd: Int32) -> Bool {
        mode.enabled(isTTY: isatty(fd) != 0, environment: Self.environment)
    }

    /// Whether to colour a file written with -o: in auto mode never (it is not a terminal).
    var enabledForFile: Bool { mode.enabled(isTTY: false, environment: Self.environment) }

    /// The variables the decision reads.
    static var environment: [String: String] {
        var env: [String: String] = [:]
        for key in ["NO_COLOR", "TERM"] {
            if let v = getenv(key) { env[key] = String(cString: v) }
        }
        return env
    }
}
