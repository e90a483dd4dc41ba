import ArgumentParser
import NSCore
import NSLinux

/// The help texts of `TraceOutputOptions` that differ between the commands mixing it in
/// (`trace` writes the trace always, `run` only with `--trace`).
protocol TraceOutputHelp {
    static var output: String { get }
    static var expressions: String { get }
    static var column: String { get }
    static var record: String { get }
}

/// `-o`, `-e`, `-s`, `-a` and `--record`: which calls a tracing command selects and how it
/// writes the strace text and the record. Declared once here and mixed into `trace` and
/// `run` with `@OptionGroup var out: TraceOutputOptions<Help>`; the set-up they share
/// (the filter, the decode and printer options) is made here too.
struct TraceOutputOptions<Help: TraceOutputHelp>: ParsableArguments {
    @Option(name: .customShort("o"), help: ArgumentHelp(Help.output, valueName: "file"))
    var output: String?

    @Option(name: .customShort("e"), parsing: .singleValue, help: ArgumentHelp(Help.expressions, valueName: "expr"))
    var expressions: [String] = []

    @Option(name: .customShort("s"), help: ArgumentHelp("Print at most N bytes of each string.", valueName: "n"))
    var stringLimit: Int = 32

    @Option(name: .customShort("a", allowingJoined: true), help: ArgumentHelp(Help.column, valueName: "column"))
    var column: Int = StraceTextPrinter.defaultResultColumn

    @Option(name: .customLong("record"), help: ArgumentHelp(Help.record, valueName: "file"))
    var record: String?

    func validate() throws {
        if stringLimit < 0 || stringLimit > DecodeOptions.maxStringLimit { throw ValidationError(DecodeOptions.stringLimitRange) }
        if column < 0 || column > StraceTextPrinter.maxResultColumn { throw ValidationError(StraceTextPrinter.resultColumnRange) }
    }

    /// The `-e` qualifiers, with `extraSignals` (`--signal=SET`) after them.
    func qualifiers(extraSignals: [String] = []) throws(TraceQualifiers.ParseError) -> TraceQualifiers {
        try TraceQualifiers.parse(expressions, signalSets: extraSignals, isKnown: SyscallNames().isKnown)
    }

    /// The decode options of `-s` (the others are added by the caller).
    var decode: DecodeOptions { DecodeOptions(stringLimit: stringLimit) }

    /// The printer options of `-a` and `-o` (`follow`: pids shown as strace -f shows them).
    func printerOptions(follow: Bool = true) -> StraceTextPrinter.Options {
        var options = StraceTextPrinter.Options()
        options.resultColumn = column
        options.pidPrefix = !follow ? .never : (output != nil ? .always : .bracketedWhenMany)
        return options
    }
}
