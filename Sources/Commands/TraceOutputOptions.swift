import ArgumentParser
import Glibc

extension DecodeStyle.Xlat: ExpressibleByArgument {}
extension DecodeStyle.HexStrings: ExpressibleByArgument {}
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

    @Option(name: .customShort("P"), parsing: .singleValue,
            help: ArgumentHelp("Show only the calls that touch PATH: a path argument equal to it, or a descriptor open on it (repeatable).", valueName: "path"))
    var tracePaths: [String] = []

    @Flag(name: .customShort("v"), help: "Unabbreviated: structures in full, execve's environment as strings (-e abbrev=none).")
    var unabbreviated = false

    @Flag(name: .customShort("n"), help: "Start each line with the number of the task's last syscall, [  80] (as strace -n).")
    var syscallNumbers = false

    @Flag(name: .customShort("q"), help: "Quieter, as strace: -q leaves out 'Process N attached/detached' and '[ Process PID=N runs in 32 bit mode. ]', -qq also '+++ exited with N +++', -qqq everything -e quiet= can name.")
    var quiet: Int

    @Flag(name: .customShort("z"), help: "Show only calls that succeeded (-e status=successful).")
    var successfulOnly = false

    @Flag(name: .customShort("Z"), help: "Show only calls that failed (-e status=failed).")
    var failedOnly = false

    @Option(name: .customShort("X"), help: ArgumentHelp("How named constants and flags print: abbrev (O_RDONLY|O_CLOEXEC, the default), raw (0x80000) or verbose (0x80000 /* O_RDONLY|O_CLOEXEC */).", valueName: "style"))
    var xlat: DecodeStyle.Xlat = .abbrev

    @Flag(name: .customShort("x"), help: "Print strings with non-ASCII bytes in hex (\\x..); -xx every string.")
    var hexStrings: Int

    @Option(name: .customLong("strings-in-hex"), help: ArgumentHelp("Which strings print in hex: none, non-ascii-chars (only those bytes), non-ascii (as -x) or all (as -xx).", valueName: "which"))
    var stringsInHex: DecodeStyle.HexStrings?

    func validate() throws {
        if successfulOnly && failedOnly { throw ValidationError("-z and -Z exclude each other.") }
        if hexStrings > 0 && stringsInHex != nil { throw ValidationError("-x and --strings-in-hex cannot be given together.") }
        let q = try? qualifiers()
        if quiet > 0, q?.quiet != nil { throw ValidationError("-q and -e quiet= cannot be given together.") }
        if successfulOnly || failedOnly, q?.statusGiven == true {
            throw ValidationError("-\(successfulOnly ? "z" : "Z") and -e status= cannot be given together.")
        }
        if stringLimit < 0 || stringLimit > DecodeOptions.maxStringLimit { throw ValidationError(DecodeOptions.stringLimitRange) }
        if column < 0 || column > StraceTextPrinter.maxResultColumn { throw ValidationError(StraceTextPrinter.resultColumnRange) }
    }

    /// The `-e` qualifiers, with `extraSignals` (`--signal=SET`) after them.
    func qualifiers(extraSignals: [String] = []) throws(TraceQualifiers.ParseError) -> TraceQualifiers {
        try TraceQualifiers.parse(expressions, signalSets: extraSignals, isKnown: SyscallNames().isKnown)
    }

    /// The decode options of `-s`, `-X`, `-x`, `--strings-in-hex`, `-v`, `-e abbrev=`, `-e verbose=`
    /// (`q`; the others are added by the caller).
    func decode(_ q: TraceQualifiers) -> DecodeOptions {
        var options = DecodeOptions(stringLimit: stringLimit)
        options.abbreviate = q.abbrev ?? (unabbreviated ? TraceFilter(names: [], classes: [], negated: false) : .all)
        options.raw = q.raw
        options.verbose = q.verbose ?? .all
        options.style.xlat = xlat
        options.style.hexStrings = stringsInHex ?? [.none, .nonASCII, .all][min(hexStrings, 2)]
        return options
    }

    /// `-P`: the paths and what they resolve to; says what each resolved into unless
    /// `-e quiet=path-resolution`, as strace.
    func pathFilter(quiet: QuietSet) -> PathFilter {
        var filter = PathFilter()
        for path in tracePaths {
            let resolved = realpath(path, nil).map { p in
                defer { free(p) }
                return String(cString: p)
            }
            if let r = filter.add(path, resolved: resolved), !quiet.contains(.pathResolution) {
                warn("Requested path \(SyscallValue.string(path).text) resolved into \(SyscallValue.string(r).text)")
            }
        }
        return filter
    }

    /// What -q/-qq/-qqq or `-e quiet=` leave out. As strace, `-o FILE` with a started
    /// command is quiet (`-q`) unless told otherwise.
    func quietSet(_ q: TraceQualifiers, startsCommand: Bool) -> QuietSet {
        if let set = q.quiet { return set }
        return QuietSet.short(quiet == 0 && output != nil && startsCommand ? 1 : quiet)
    }

    /// The printer options of `-a`, `-o`, `-e signal=`, `-e status=` (`-z`, `-Z`) and
    /// `-e quiet=` (`-q`...) (`follow`: pids shown as strace -f shows them).
    func printerOptions(_ q: TraceQualifiers, follow: Bool = true, startsCommand: Bool = true) -> StraceTextPrinter.Options {
        var options = StraceTextPrinter.Options()
        options.resultColumn = column
        options.pidPrefix = !follow ? .never : (output != nil ? .always : .bracketedWhenMany)
        options.signals = q.signals
        options.status = successfulOnly ? .successful : failedOnly ? .failed : q.status
        options.quiet = quietSet(q, startsCommand: startsCommand)
        options.syscallNumbers = syscallNumbers
        return options
    }
}
