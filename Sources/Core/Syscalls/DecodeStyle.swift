import Synchronization

/// How the decoders print named constants and strings, for `-X` and `-x`/`-xx`/
/// `--strings-in-hex`: set from `DecodeOptions` for the length of one decode
/// (`SyscallDecoder` binds it around every entry and exit it formats), and read in the few
/// central places that print them (`Xlat`, `StringQuoting`, and the argument kinds that
/// print a constant of their own: signals, AT_FDCWD, open flags). Not per decoder.
public struct DecodeStyle: Sendable, Equatable {
    /// `-X`: how a named constant or a set of flags prints.
    public enum Xlat: String, Sendable, CaseIterable {
        /// `O_RDONLY|O_CLOEXEC` (strace's default).
        case abbrev
        /// `0x80000`: the number only.
        case raw
        /// `0x80000 /* O_RDONLY|O_CLOEXEC */`: the number, the names in a comment.
        case verbose
    }

    /// `-x`, `-xx`, `--strings-in-hex=`: which strings print as `\xNN`.
    public enum HexStrings: String, Sendable, CaseIterable {
        /// Escapes as usual (`\n`, octal for the rest).
        case none
        /// A string with any non-printable byte (but `\t\n\v\f\r`) wholly in hex (`-x`).
        case nonASCII = "non-ascii"
        /// Every string wholly in hex (`-xx`).
        case all
        /// Only the non-printable bytes in hex, `\x7fELF` (`--strings-in-hex=non-ascii-chars`).
        case nonASCIIChars = "non-ascii-chars"
    }

    public var xlat: Xlat = .abbrev
    public var hexStrings: HexStrings = .none
    public init(xlat: Xlat = .abbrev, hexStrings: HexStrings = .none) {
        self.xlat = xlat
        self.hexStrings = hexStrings
    }

    /// The style bound by `with` for the decode in progress on this task or thread.
    @TaskLocal private static var bound = DecodeStyle()

    /// How many `with` of a style other than the default are running, in any thread: while
    /// none is, every decode has the default style, and reading it skips the task-local
    /// lookup (a few per traced call, 3 % of `trace --bpf`'s reader).
    private static let others = Atomic<Int>(0)

    /// The style of the decode in progress.
    static var current: DecodeStyle {
        others.load(ordering: .relaxed) == 0 ? DecodeStyle() : bound
    }

    /// Runs `body` with `style` as the current style (nothing bound for the default one).
    static func with<R>(_ style: DecodeStyle, _ body: () throws -> R) rethrows -> R {
        if style == current { return try body() }
        others.add(1, ordering: .relaxed)
        defer { others.subtract(1, ordering: .relaxed) }
        return try $bound.withValue(style, operation: body)
    }

    /// A constant that is not one of a table's (`AT_FDCWD`, a signal): `name` as -X prints
    /// it, `number` being its value's text (decimal or hex, as strace prints it raw).
    static func constant(_ name: String, number: @autoclosure () -> String) -> String {
        var out = ByteBuffer(capacity: 32)
        constant(name, number: number(), to: &out)
        return out.string
    }

    /// `constant(_:number:)`, appended to `out`.
    static func constant(_ name: String, number: @autoclosure () -> String, to out: inout ByteBuffer) {
        switch current.xlat {
        case .abbrev: out.append(name)
        case .raw: out.append(number())
        case .verbose:
            out.append(number())
            out.append(" /* ")
            out.append(name)
            out.append(" */")
        }
    }
}
