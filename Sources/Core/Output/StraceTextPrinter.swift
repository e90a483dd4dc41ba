/// Formats trace events as strace does, line for line.
///
/// Like strace, a syscall's entry is printed when it happens and left open on its line;
/// its exit finishes that line. When another task prints in between, the open line is
/// ended with ` <unfinished ...>` and the exit later prints `<... name resumed>args) = ret`.
/// Text goes into a reusable buffer that is written out in large writes: when the
/// tracer has nothing to do (`idle()`), when it is large, and at the end.
public final class StraceTextPrinter {
    public enum Timestamps: Sendable {
        case none
        /// -t: wall clock seconds.
        case seconds
        /// -tt: wall clock with microseconds.
        case micros
        /// -ttt: seconds since the epoch with microseconds.
        case epoch
    }

    public enum PidPrefix: Sendable {
        /// `[pid  1235] ` while more than one task is traced (strace -f on a terminal).
        case bracketedWhenMany
        /// `1235  ` on every line (strace -f -o FILE).
        case always
        /// never (strace without -f).
        case never
    }

    public struct Options: Sendable {
        public var timestamps: Timestamps = .none
        /// -T: time spent in each syscall, ` <0.000012>`.
        public var showDuration = false
        public var pidPrefix: PidPrefix = .bracketedWhenMany
        /// The wall-clock time (seconds since the epoch) at which t == 0.
        public var startEpoch: Double = 0
        /// Local time zone offset in seconds, for -t/-tt.
        public var utcOffset: Int = 0
        /// ANSI colour (`--color`): failed results red, signals yellow, `  ns:` notes cyan,
        /// `+++ killed by` red. Only around text already laid out: columns stay the same.
        public var color = false
        /// `-a COLUMN`: the column at which ` = RESULT` starts (strace's default, 40). As in
        /// strace (`tabto()`), `)` and one space are written, then spaces up to this column
        /// if the line is shorter; the column counts the whole line, pid prefix and time
        /// included, also for `<... NAME resumed>` lines and for `= ?`. `-a0`: one space.
        public var resultColumn = StraceTextPrinter.defaultResultColumn
        /// `-e signal=SET`: the signals shown (all by default).
        public var signals = SignalFilter.all
        /// `-e status=SET` (`-z`, `-Z`): the calls shown by how they ended. While it is not
        /// every status, a call's line is held from its entry and written whole at its end
        /// (or not at all), as strace does: no ` <unfinished ...>` then.
        public var status = CallStatus.all
        /// `-e quiet=SET` (`-qq`...): `+++ exited with +++` lines (`.exit`), `+++ superseded
        /// +++` (`.threadExecve`) and `[ Process PID=N runs in 32 bit mode. ]`
        /// (`.personality`) left out. (`.attach` is the tracer's: `TraceConfig.attachMessages`.)
        public var quiet = QuietSet()
        /// `-n`: every line of a task starts with the number of its last syscall, `[  80] `.
        public var syscallNumbers = false
        /// `-r`: each line starts with the time since the previous line's start,
        /// `     0.000123 ` (after the time of day, as `(+     0.000123) `, with `-t`).
        public var relative = false
        public init() {}
    }

    private let sink: OutputSink
    private var options: Options
    private var buffer = ByteBuffer()
    /// Names of syscalls entered and not yet exited, by pid.
    private var inSyscall = OpenCalls()
    /// With `-e status=`: the start of each call's line, by pid, until the call ends.
    private var held: [Int32: [UInt8]] = [:]
    /// `-n`: each task's last syscall number.
    private var numbers: [Int32: Int64] = [:]

    /// `-n`: the number of the call task `pid` is entering (before `syscallEntered`).
    public func syscallNumber(pid: Int32, _ nr: Int64) {
        if options.syscallNumbers { numbers[pid] = nr }
    }

    /// `[  80] `, as strace's print_syscall_number (`[?] ` before the task's first call).
    private func numberText(_ pid: Int32) -> String {
        guard let nr = numbers[pid] else { return "[?] " }
        return "[" + Self.leftPad(String(nr), 4) + "] "
    }

    /// Whether the last call that ended was shown (not left out by `-e status=`).
    private var lastExitShown = true
    private var holding: Bool { options.status != .all }
    /// The pid whose line is printed but not finished (no newline yet).
    private var openLine: Int32?
    /// Column of the open line (for the alignment of "= ").
    private var openColumn = 0
    /// Tasks currently traced (for the `[pid N]` prefix).
    public var liveTasks = 1
    /// How a pid is shown in the prefix when it is not just the number, e.g.
    /// "1236 (1 in pid:[4026532203])" for a task in a nested pid namespace.
    public var pidLabels: [Int32: String] = [:]
    /// `-Y`: each task's command name, as shown after its pid (`<sh>`).
    public var pidComms: [Int32: String] = [:]

    /// strace aligns results at this column unless told otherwise (`-a`).
    public static let defaultResultColumn = 40
    /// The largest `-a` (strace takes any int; past this it is only memory spent on spaces).
    public static let maxResultColumn = 1 << 20
    public static let resultColumnRange = "-a takes a column from 0 to \(maxResultColumn)."
    /// The buffer is written out when it grows past this.
    public static let flushThreshold = 32 * 1024

    public init(sink: OutputSink, options: Options = Options()) {
        self.sink = sink
        self.options = options
    }

    /// Whether lines show a time (-t/-tt/-ttt, -T): if not, the tracer need not read the
    /// clock for them.
    public var showsTime: Bool { options.showDuration || options.timestamps != .none || options.relative }
    /// -n: each line starts with its call's number.
    public var showsNumbers: Bool { options.syscallNumbers }

    /// `-r`: when the previous line started.
    private var previousLineT: Double?

    /// `-r`'s text for a line starting at `t`, as strace's printleader.
    private func relativeText(_ t: Double) -> String {
        let d = max(0, t - (previousLineT ?? t))
        previousLineT = t
        var micros = Int((d * 1_000_000).rounded(.down))
        let seconds = micros / 1_000_000
        micros %= 1_000_000
        let withTime = options.timestamps != .none
        return (withTime ? "(+" : "") + Self.leftPad(String(seconds), 6) + "." + Self.leftPad(String(micros), 6, "0")
            + (withTime ? ") " : " ")
    }

    /// Sets the wall-clock time of t == 0 (the tracer fixes it when it starts).
    public func setStart(epoch: Double) { options.startEpoch = epoch }

    // MARK: events

    /// A syscall entered; `entryText` is what is known at entry (see `entryText(name:entry:)`).
    public func syscallEntered(pid: Int32, t: Double, name: String, entryText: String) {
        closeOpenLine()
        inSyscall.entered(pid, name)
        let start = buffer.count
        appendLeader(pid: pid, t: t)
        buffer.append(entryText)
        openLine = pid
        openColumn = buffer.count - start
        if holding { hold(pid, from: start) }
    }

    /// Takes the line started at `start` out of the buffer until the call ends.
    private func hold(_ pid: Int32, from start: Int) {
        held[pid] = buffer.removeSuffix(from: start)
        openLine = nil
    }

    /// The held start of `pid`'s line, written if the call's end is in `-e status=`.
    /// Whether it was held.
    private func release(_ pid: Int32, _ status: CallStatus) -> (held: Bool, shown: Bool) {
        guard holding, let line = held.removeValue(forKey: pid) else { return (false, true) }
        guard options.status.contains(status) else { return (true, false) }
        closeOpenLine()
        buffer.append(line)
        openLine = pid
        openColumn = line.count
        return (true, true)
    }

    /// A syscall entered: the same line as `syscallEntered(pid:t:name:entryText:)` with
    /// `entryText(name:entry:)`, formatted straight into the output buffer.
    public func syscallEntered(pid: Int32, t: Double, name: String, entry: DecodedEntry) {
        syscallEntered(pid: pid, t: t, name: name, arguments: { out in
            for (i, arg) in entry.args.prefix(entry.deferredFrom).enumerated() {
                if i > 0 { out.append(", ") }
                out.append(arg)
            }
            return entry
        })
    }

    /// A syscall entered, its arguments written by `arguments` straight into the output
    /// buffer (the tracer's hot path: `SyscallDecoder.writeEntry`, no String per argument).
    /// `arguments` appends the inputs, separated by ", ", and returns the entry.
    @discardableResult
    public func syscallEntered(pid: Int32, t: Double, name: String,
                               arguments: (inout ByteBuffer) -> DecodedEntry) -> DecodedEntry {
        closeOpenLine()
        inSyscall.entered(pid, name)
        let start = buffer.count
        appendLeader(pid: pid, t: t)
        buffer.append(name)
        buffer.append(byte: UInt8(ascii: "("))
        let entry = arguments(&buffer)
        if entry.deferredFrom < entry.argCount && entry.deferredFrom > 0 && !entry.gluedAtExit { appendComma() }
        openLine = pid
        openColumn = buffer.count - start
        if holding { hold(pid, from: start) }
        return entry
    }

    /// A syscall returned: finish its line, or print it as resumed.
    public func syscallExited(_ e: SyscallEvent, deferredFrom: Int) {
        syscallExited(pid: e.pid, t: e.t + (e.duration ?? 0), name: e.name, failed: e.errno != nil,
                      duration: e.duration,
                      arguments: { out in
                          for (i, arg) in e.args.dropFirst(max(deferredFrom, 0)).enumerated() {
                              if i > 0 { out.append(", ") }
                              out.append(arg)
                          }
                      },
                      result: { $0.append(e.retText) })
    }

    /// A syscall returned at time `t`: finish its line, or print it as resumed, with the
    /// remaining arguments and the result written by the closures straight into the output
    /// buffer (`SyscallDecoder.ExitText` on the hot path).
    public func syscallExited(pid: Int32, t: Double, name: String, failed: Bool, duration: Double?,
                              arguments: (inout ByteBuffer) -> Void, result: (inout ByteBuffer) -> Void) {
        _ = inSyscall.remove(pid)
        lastExitShown = true
        if holding {
            let (wasHeld, shown) = release(pid, failed ? .failed : .successful)
            if !shown || (!wasHeld && !options.status.contains(failed ? .failed : .successful)) {
                lastExitShown = false
                return
            }
        }
        let start = buffer.count
        var column = 0
        if openLine == pid {
            openLine = nil
            column = openColumn
        } else {
            closeOpenLine()
            appendLeader(pid: pid, t: t)
            buffer.append("<... ")
            buffer.append(name)
            buffer.append(" resumed>")
        }
        arguments(&buffer)
        buffer.append(byte: UInt8(ascii: ")"))
        column += buffer.count - start
        buffer.append(spaces: padding(column: column))
        buffer.append(byte: UInt8(ascii: "="))
        buffer.append(byte: UInt8(ascii: " "))
        let red = options.color && failed
        if red { buffer.append(SGR.red) }
        result(&buffer)
        if red { buffer.append(SGR.reset) }
        if options.showDuration, let d = duration {
            buffer.append(" <" + Self.fixed(d, 6) + ">")
        }
        buffer.append(byte: 10)
        flushIfLarge()
    }

    /// Forgets a syscall entry that will never be finished and must not print `= ?`
    /// (e.g. the execve of a thread whose pid changed: its exit is reported by the leader).
    public func moveSyscall(from old: Int32, to new: Int32) {
        if let name = inSyscall.remove(old) { inSyscall.entered(new, name) }
    }

    /// A syscall whose exit will not be seen (trace --bpf: the event was lost): its line
    /// ends as a call that never returned, `= ?`, now.
    public func abandonSyscall(pid: Int32, t: Double) {
        guard let name = inSyscall.remove(pid) else { return }
        if holding, !release(pid, .unfinished).shown || !options.status.contains(.unfinished) { return }
        if openLine == pid {
            openLine = nil
            buffer.append(byte: UInt8(ascii: ")"))
            buffer.append(spaces: padding(column: openColumn + 1))
            buffer.append("= ?\n")
        } else {
            closeOpenLine()
            let line = leader(pid: pid, t: t) + "<... \(name) resumed>)"
            buffer.append(line)
            buffer.append(spaces: padding(column: line.utf8.count))
            buffer.append("= ?\n")
        }
    }

    /// `--- SIGCHLD {...} ---` or `--- stopped by SIGSTOP ---`.
    public func signal(_ e: SignalEvent) {
        guard options.signals.selects(e.signal) else { return }
        closeOpenLine()
        let body = e.stopped ? "--- stopped by \(e.signal) ---"
                             : "--- \(e.signal) \(e.info ?? "{}") ---"
        buffer.append(leader(pid: e.pid, t: e.t) + SGR.wrap(body, SGR.yellow, options.color))
        buffer.append(byte: 10)
    }

    /// `+++ exited with 0 +++`, `+++ killed by SIGKILL +++`, `+++ superseded by execve in pid N +++`.
    /// A syscall the task was in never returns: it is finished with `= ?` first.
    public func exit(_ e: ExitEvent) {
        if let by = e.supersededBy, openLine == by {
            // A thread's execve whose line is open: the call goes on under the leader's pid
            // (strace's maybe_switch_current_tcp), quiet or not.
            buffer.append(" <pid changed to \(e.pid) ...>\n")
            openLine = nil
        }
        if let name = inSyscall.remove(e.pid),
           !holding || (release(e.pid, e.detached ? .detached : .unfinished).shown
                        && options.status.contains(e.detached ? .detached : .unfinished)) {
            if e.detached {
                // strace: the call goes on untraced.
                if openLine != e.pid {
                    closeOpenLine()
                    buffer.append(leader(pid: e.pid, t: e.t) + "<... \(name) resumed>")
                }
                openLine = nil
                buffer.append(" <detached ...>\n")
            } else if openLine == e.pid {
                openLine = nil
                buffer.append(byte: UInt8(ascii: ")"))
                buffer.append(spaces: padding(column: openColumn + 1))
                buffer.append("= ?\n")
            } else {
                closeOpenLine()
                let line = leader(pid: e.pid, t: e.t) + "<... \(name) resumed>)"
                buffer.append(line)
                buffer.append(spaces: padding(column: line.utf8.count))
                buffer.append("= ?\n")
            }
        }
        if e.detached { return }
        closeOpenLine()
        let body: String
        if e.supersededBy != nil && options.quiet.contains(.threadExecve) { return }
        if e.supersededBy == nil && e.signal == nil && options.quiet.contains(.exit) { return }
        if let by = e.supersededBy {
            body = "+++ superseded by execve in pid \(by) +++"
        } else if let sig = e.signal {
            body = SGR.wrap("+++ killed by \(sig)\(e.coreDumped ? " (core dumped)" : "") +++", SGR.red, options.color)
        } else {
            body = "+++ exited with \(e.code ?? 0) +++"
        }
        buffer.append(leader(pid: e.pid, t: e.t) + body)
        buffer.append(byte: 10)
    }

    /// `-k`: a stack, one line a frame, as strace prints it:
    /// ` > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]`, or
    /// ` > unexpected_backtracing_error [0xADDR]` for an address in no mapped file. File and
    /// symbol names are the traced program's choice: escaped.
    public func stackTrace(_ frames: [StackFrame]) {
        closeOpenLine()
        for f in frames {
            guard let path = f.path else {
                buffer.append(" > unexpected_backtracing_error [0x")
                buffer.append(f.ip, radix: 16)
                buffer.append("]\n")
                continue
            }
            buffer.append(" > ")
            buffer.append(TerminalText.escape(path))
            buffer.append(byte: UInt8(ascii: "("))
            if let symbol = f.symbol {
                buffer.append(TerminalText.escape(symbol))
                buffer.append("+0x")
                buffer.append(f.symbolOffset, radix: 16)
            }
            buffer.append(") [0x")
            buffer.append(f.fileAddress, radix: 16)
            buffer.append("]\n")
        }
    }

    /// Events lost (trace --bpf): a task's, under it; the totals said at the end, as lines
    /// of their own.
    public func lost(_ e: LostEvent) {
        let n = e.count
        if let pid = e.pid {
            note(pid: pid, t: e.t, "--- \(n) event\(n == 1 ? "" : "s") lost between \(Self.fixed(e.from ?? 0, 6)) and \(Self.fixed(e.to ?? 0, 6)) s: the ring buffer was full (--bpf-buffer) ---")
        } else {
            switch e.reason {
            case .programSkipped:
                raw("--- \(n) syscall stop\(n == 1 ? "" : "s") not seen: the kernel skipped nstrace's programs ---\n")
            case .ringBufferFull:
                raw("--- \(n) more event\(n == 1 ? "" : "s") lost: the ring buffer was full (--bpf-buffer) ---\n")
            case .flightRecorder:
                raw("--- \(n) earlier line\(n == 1 ? "" : "s") not kept by the flight recorder (--flight-recorder) ---\n")
            }
        }
    }

    /// A line of our own (e.g. an annotation) for a task, after any open line.
    /// A namespace note (`  ns: ...`, NamespaceEffects.notePrefix) is coloured as one.
    public func note(pid: Int32, t: Double, _ text: String) {
        if options.quiet.contains(.personality), text.hasPrefix("[ Process PID="), text.hasSuffix(" bit mode. ]") { return }
        closeOpenLine()
        let isNamespace = text.hasPrefix(NamespaceEffects.notePrefix)
        buffer.append(leader(pid: pid, t: t) + SGR.wrap(text, SGR.cyan, options.color && isNamespace))
        buffer.append(byte: 10)
    }

    /// The tracer has nothing to do: write everything out (an open line stays open).
    public func idle() { flush() }

    /// The trace is over: end any open line and write everything out.
    public func finish() {
        closeOpenLine()
        flush()
    }

    public func flush() { buffer.flush(to: sink) }

    /// Writes text the printer does not format (e.g. a -c table), after any open line.
    /// `-e read=`/`-e write=`'s dump of the call just ended, if its line was shown.
    public func ioDump(_ text: String) {
        guard lastExitShown else { return }
        raw(text)
    }

    public func raw(_ text: String) {
        closeOpenLine()
        buffer.append(text)
    }

    // MARK: text

    /// The text strace prints at entry: `openat(AT_FDCWD, "/x", ` when an output
    /// argument follows, or `name(all, args` when every argument is an input.
    public static func entryText(name: String, entry: DecodedEntry) -> String {
        var s = name + "("
        s += entry.args.prefix(entry.deferredFrom).joined(separator: ", ")
        if entry.deferredFrom < entry.argCount && entry.deferredFrom > 0 && !entry.gluedAtExit { s += ", " }
        return s
    }

    static func restText(_ e: SyscallEvent, deferredFrom: Int) -> String {
        e.args.dropFirst(deferredFrom).joined(separator: ", ") + ")"
    }

    /// The spaces between `)` (ending at `column`, in bytes) and `= `: one, and more up to
    /// the result column (strace: `tprints(") "); tabto();`).
    func padding(column: Int) -> Int {
        max(1, options.resultColumn - column)
    }

    private func appendComma() {
        buffer.append(byte: UInt8(ascii: ","))
        buffer.append(byte: UInt8(ascii: " "))
    }

    private func flushIfLarge() {
        if buffer.count >= Self.flushThreshold { flush() }
    }

    private func closeOpenLine() {
        if openLine != nil {
            buffer.append(" <unfinished ...>")
            buffer.append(byte: 10)
            openLine = nil
        }
    }

    private func leader(pid: Int32, t: Double) -> String {
        var s = ""
        let comm = pidComms.isEmpty ? nil : pidComms[pid]
        switch options.pidPrefix {
        case .bracketedWhenMany where liveTasks > 1:
            s = "[pid " + Self.leftPad(pidLabels[pid] ?? String(pid), 5) + (comm ?? "") + "] "
        case .always:
            // strace: `%u<comm> ` with a name, `%-5u ` without.
            let p = pidLabels[pid] ?? String(pid)
            s = p + (comm.map { $0 + " " } ?? String(repeating: " ", count: max(1, 6 - p.count)))
        default:
            break
        }
        s += timestamp(t)
        if options.relative { s += relativeText(t) }
        if options.syscallNumbers { s += numberText(pid) }
        return s
    }

    /// `leader(pid:t:)`, appended to the buffer; a pid without a label is written as
    /// digits, without a String.
    private func appendLeader(pid: Int32, t: Double) {
        if !pidComms.isEmpty { return buffer.append(leader(pid: pid, t: t)) }
        let label = pidLabels.isEmpty ? nil : pidLabels[pid]
        switch options.pidPrefix {
        case .bracketedWhenMany where liveTasks > 1:
            buffer.append("[pid ")
            if let label {
                buffer.append(Self.leftPad(label, 5))
            } else {
                buffer.append(spaces: 5 - Self.digits(pid))
                buffer.append(decimal: Int64(pid))
            }
            buffer.append(byte: UInt8(ascii: "]"))
            buffer.append(byte: UInt8(ascii: " "))
        case .always:
            if let label {
                buffer.append(label)
                buffer.append(spaces: max(1, 6 - label.count))
            } else {
                buffer.append(decimal: Int64(pid))
                buffer.append(spaces: max(1, 6 - Self.digits(pid)))
            }
        default:
            break
        }
        if case .none = options.timestamps {} else { buffer.append(timestamp(t)) }
        if options.relative { buffer.append(relativeText(t)) }
        if options.syscallNumbers { buffer.append(numberText(pid)) }
    }

    /// The characters of `String(pid)`.
    private static func digits(_ pid: Int32) -> Int {
        ByteBuffer.decimalDigits(UInt64(pid.magnitude)) + (pid < 0 ? 1 : 0)
    }

    /// `-t`/`-tt`/`-ttt`: the time and a space; "" without.
    private func timestamp(_ t: Double) -> String {
        switch options.timestamps {
        case .none: return ""
        case .seconds: return clock(t, micros: false) + " "
        case .micros: return clock(t, micros: true) + " "
        case .epoch: return Self.fixed(options.startEpoch + t, 6) + " "
        }
    }

    private func clock(_ t: Double, micros: Bool) -> String {
        let abs = options.startEpoch + t
        let whole = abs.rounded(.down)
        var secs = Int(whole) + options.utcOffset
        let usec = Int(((abs - whole) * 1_000_000).rounded(.down))
        secs %= 86400
        if secs < 0 { secs += 86400 }
        let hms = Self.leftPad(String(secs / 3600), 2, "0") + ":"
            + Self.leftPad(String(secs / 60 % 60), 2, "0") + ":"
            + Self.leftPad(String(secs % 60), 2, "0")
        return micros ? hms + "." + Self.leftPad(String(usec), 6, "0") : hms
    }

    static func leftPad(_ s: String, _ width: Int, _ fill: Character = " ") -> String {
        s.count >= width ? s : String(repeating: fill, count: width - s.count) + s
    }

    /// `value` with exactly `digits` decimals, without Foundation.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        // Times nstrace measures are small; a record may hold anything (1e20, inf): those are
        // written as Swift prints a Double, not converted to integers that cannot hold them.
        guard value.isFinite, Swift.abs(value) < 1e12 else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let negative = value < 0
        let scaled = (Swift.abs(value) * scale).rounded()
        let whole = (scaled / scale).rounded(.down)
        let frac = UInt64(scaled - whole * scale)
        var fracText = String(frac)
        if fracText.count < digits { fracText = String(repeating: "0", count: digits - fracText.count) + fracText }
        return (negative ? "-" : "") + String(UInt64(whole)) + (digits > 0 ? "." + fracText : "")
    }
}

/// Names of syscalls entered and not yet exited, by pid. The last one entered is kept
/// apart from the dictionary: a call's exit nearly always follows its own entry, so in
/// the common case no pid is hashed.
struct OpenCalls {
    private var last: (pid: Int32, name: String)?
    private var others: [Int32: String] = [:]

    mutating func entered(_ pid: Int32, _ name: String) {
        if let l = last, l.pid != pid { others[l.pid] = l.name }
        if !others.isEmpty { others[pid] = nil }
        last = (pid, name)
    }

    /// The name of the call `pid` is in, forgotten.
    mutating func remove(_ pid: Int32) -> String? {
        if let l = last, l.pid == pid {
            last = nil
            return l.name
        }
        return others.isEmpty ? nil : others.removeValue(forKey: pid)
    }
}
