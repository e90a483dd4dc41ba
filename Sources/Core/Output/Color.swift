/// `--color=auto|always|never` (docs/cli.md): whether text output gets ANSI colour.
///
/// The decision is pure, so it is tested without a terminal: the caller says whether the
/// stream it writes is a TTY and passes the environment.
public enum ColorMode: String, CaseIterable, Sendable {
    /// Colour when the stream written is a terminal, `NO_COLOR` is unset or empty, and
    /// `TERM` is not `dumb`.
    case auto
    /// Colour whatever the stream is (`less -R`, `--color=always | cat -v`), even with
    /// `NO_COLOR` set: an option given on the command line wins over the environment
    /// (no-color.org).
    case always
    /// Never colour.
    case never

    /// Whether to colour a stream. `isTTY`: `isatty(fd)` of the stream written.
    public func enabled(isTTY: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let v = environment["NO_COLOR"], !v.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTTY
        }
    }
}

/// The few ANSI SGR sequences nstrace uses. Colour is added around text that is already
/// laid out (padding and columns are computed on the plain text), so turning it off gives
/// exactly the bytes of a build without colour.
public enum SGR {
    public static let reset = "\u{1B}[0m"
    public static let bold = "\u{1B}[1m"
    public static let dim = "\u{1B}[2m"
    public static let red = "\u{1B}[31m"
    public static let green = "\u{1B}[32m"
    public static let yellow = "\u{1B}[33m"
    public static let magenta = "\u{1B}[35m"
    public static let cyan = "\u{1B}[36m"

    /// `text` in `style`, or `text` itself when `on` is false.
    public static func wrap(_ text: String, _ style: String, _ on: Bool) -> String {
        on && !text.isEmpty ? style + text + reset : text
    }
}
