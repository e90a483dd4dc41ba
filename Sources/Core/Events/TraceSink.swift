/// What a consumer of the trace needs of each call, so a tracer does no work nobody uses
/// (decoding, reading the clock).
public struct TraceNeeds: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// A call's text as it is shown (strace's lines). A consumer that needs only this can be
    /// written to directly: `syscallEntered(pid:t:name:writing:)` and its exit twin.
    public static let lines = TraceNeeds(rawValue: 1)
    /// Complete events with typed values (`SyscallEvent.params`): the record.
    public static let values = TraceNeeds(rawValue: 2)
    /// Each returned call's name, failure and duration (-c).
    public static let counts = TraceNeeds(rawValue: 4)
    /// The time of each stop (-t, -T, -c, a record). Without it a tracer may give 0.
    public static let time = TraceNeeds(rawValue: 8)
    /// Each call's number as it enters (-n), `syscallNumber(pid:_:)`.
    public static let numbers = TraceNeeds(rawValue: 16)
}

/// Where a tracer's output goes: the ptrace loop (NSTracer) and the eBPF backend (NSBPF)
/// hand everything they produce to one `TraceSink`, never to a printer or a record by hand.
/// The strace text (`StraceTextPrinter`), the record (`RecordWriter`) and the -c table
/// (`SummarySink`) subscribe as sinks of their own; `TraceOutput` is the one a tracer holds
/// and passes each call on to every subscriber. A consumer implements what it shows; every
/// method has an empty default.
///
/// A syscall arrives in two steps, as strace prints it: entered (the inputs), then exited
/// (the complete `SyscallEvent`). A call that is only shown as text (no subscriber needs
/// `.values`) comes instead as the `writing` forms, whose closures write its text straight
/// into the text consumer's buffer: no String and no event per call.
public protocol TraceSink: AnyObject {
    var needs: TraceNeeds { get }
    /// The wall-clock time (seconds since the epoch) of t == 0.
    func started(epoch: Double)
    /// How many tasks are followed now (the text's `[pid N]` prefix shows while more than one).
    func tasksFollowed(_ count: Int)
    /// How a pid is shown when it is not just the number (a task in a nested pid namespace:
    /// `1236 (1 in pid:[4026532203])`); nil: the number.
    func pidLabel(_ pid: Int32, _ label: String?)
    /// `-Y`: task `pid`'s command name as its lines' prefix shows it (`1234<sh>`), loaded when
    /// the task appears and after a call that changes it (execve, prctl(PR_SET_NAME)).
    func taskComm(_ pid: Int32, _ comm: [UInt8]?)
    /// A fact of the trace other than a returned call: a task, an exec, an exit, a signal, a
    /// namespace transition, an id map write, a loss.
    func event(_ e: TraceEvent)
    /// A call entered, its inputs decoded.
    func syscallEntered(pid: Int32, t: Double, name: String, entry: DecodedEntry)
    /// A call entered, its inputs written by `arguments` (separated by ", ") straight into
    /// the text; returns the entry. Only sent when no subscriber needs `.values`.
    func syscallEntered(pid: Int32, t: Double, name: String,
                        writing arguments: (inout ByteBuffer) -> DecodedEntry) -> DecodedEntry?
    /// A call returned: `event` as recorded, `shown` (when it differs: a task's own pid,
    /// pids translated) as the text shows it; the text shows the arguments from
    /// `deferredFrom` on (the others were shown at entry).
    func syscallExited(_ event: SyscallEvent, shown: SyscallEvent?, deferredFrom: Int)
    /// A call returned, its remaining arguments and result written by the closures straight
    /// into the text. Only sent when no subscriber needs `.values`.
    func syscallExited(pid: Int32, t: Double, name: String, failed: Bool, duration: Double,
                       writingArguments arguments: (inout ByteBuffer) -> Void, result: (inout ByteBuffer) -> Void)
    /// A selected call returned that no subscriber shows or records (-c alone).
    func syscallCounted(name: String, failed: Bool, duration: Double)
    /// A call that never returned (its task exited or was killed inside it): recorded with
    /// `ret: null`; the text ends its line with `= ?` at the task's exit; -c does not count it.
    func syscallAbandoned(_ event: SyscallEvent)
    /// A call entered by thread `from` goes on under pid `to` (a non-leader thread's execve).
    func syscallMoved(from: Int32, to: Int32)
    /// A call entered whose exit will not be seen (trace --bpf: the event was lost).
    func syscallLost(pid: Int32, t: Double)
    /// A task gone whose exit was not seen (trace --bpf: its exit event was lost), with the
    /// exit as recorded. By default, an exit event.
    func taskGone(_ e: ExitEvent)
    /// A line of the tracer's own under a task: `  ns: ...`, `[ Process PID=N runs in 32 bit
    /// mode. ]`, `  nstrace: cleared CLONE_UNTRACED ...`.
    func note(pid: Int32, t: Double, _ text: String)
    /// A task's stack after its call's line (-k), innermost frame first.
    func stackTrace(pid: Int32, _ frames: [StackFrame])
    /// The tracer has nothing to do: show what is buffered.
    func idle()
    /// A message of nstrace's own follows on another stream: write out what is buffered.
    func flush()
    /// The tracees are gone: end any open line, write everything out.
    func finish()
    /// The trace is over and how it ended: the record's last line.
    func ended(_ end: RecordEnd)
    /// The trace is over, after nstrace's own messages: the -c table.
    func summarize()
    /// `-n`: the number of the call task `pid` is entering (every call, shown or not).
    func syscallNumber(pid: Int32, _ nr: Int64)
    /// `-e read=`/`-e write=`: the dump of the data of the call that just ended.
    func ioDump(_ text: String)
}

extension TraceSink {
    public func started(epoch: Double) {}
    public func tasksFollowed(_ count: Int) {}
    public func pidLabel(_ pid: Int32, _ label: String?) {}
    public func taskComm(_ pid: Int32, _ comm: [UInt8]?) {}
    public func event(_ e: TraceEvent) {}
    public func syscallEntered(pid: Int32, t: Double, name: String, entry: DecodedEntry) {}
    public func syscallEntered(pid: Int32, t: Double, name: String,
                               writing arguments: (inout ByteBuffer) -> DecodedEntry) -> DecodedEntry? { nil }
    public func syscallExited(_ event: SyscallEvent, shown: SyscallEvent?, deferredFrom: Int) {}
    public func syscallExited(pid: Int32, t: Double, name: String, failed: Bool, duration: Double,
                              writingArguments arguments: (inout ByteBuffer) -> Void, result: (inout ByteBuffer) -> Void) {}
    public func syscallCounted(name: String, failed: Bool, duration: Double) {}
    public func syscallAbandoned(_ event: SyscallEvent) {}
    public func syscallMoved(from: Int32, to: Int32) {}
    public func syscallLost(pid: Int32, t: Double) {}
    public func taskGone(_ e: ExitEvent) { event(.exit(e)) }
    public func note(pid: Int32, t: Double, _ text: String) {}
    public func stackTrace(pid: Int32, _ frames: [StackFrame]) {}
    public func idle() {}
    public func flush() {}
    public func finish() {}
    public func ended(_ end: RecordEnd) {}
    public func summarize() {}
    public func syscallNumber(pid: Int32, _ nr: Int64) {}
    public func ioDump(_ text: String) {}
}

/// The sink a tracer holds: every call goes to each subscriber in turn, in the order
/// subscribed. `needs` is the union of theirs.
public final class TraceOutput: TraceSink {
    public let sinks: [any TraceSink]
    public let needs: TraceNeeds

    public init(_ sinks: [any TraceSink]) {
        self.sinks = sinks
        self.needs = sinks.reduce(into: TraceNeeds()) { $0.formUnion($1.needs) }
    }

    /// Some subscriber shows or records calls: decode them.
    public var decodesCalls: Bool { !needs.isDisjoint(with: [.lines, .values]) }
    /// Calls are only shown as text: decode them straight into it.
    public var writesDirectly: Bool { needs.contains(.lines) && !needs.contains(.values) }
    /// Some subscriber shows text (notes, stack traces are worth making).
    public var showsText: Bool { needs.contains(.lines) }

    public func started(epoch: Double) { for s in sinks { s.started(epoch: epoch) } }
    public func tasksFollowed(_ count: Int) { for s in sinks { s.tasksFollowed(count) } }
    public func pidLabel(_ pid: Int32, _ label: String?) { for s in sinks { s.pidLabel(pid, label) } }
    public func taskComm(_ pid: Int32, _ comm: [UInt8]?) { for s in sinks { s.taskComm(pid, comm) } }
    public func event(_ e: TraceEvent) { for s in sinks { s.event(e) } }
    public func syscallEntered(pid: Int32, t: Double, name: String, entry: DecodedEntry) {
        for s in sinks { s.syscallEntered(pid: pid, t: t, name: name, entry: entry) }
    }
    public func syscallEntered(pid: Int32, t: Double, name: String,
                               writing arguments: (inout ByteBuffer) -> DecodedEntry) -> DecodedEntry? {
        var entry: DecodedEntry?
        for s in sinks {
            if let e = s.syscallEntered(pid: pid, t: t, name: name, writing: arguments) { entry = e }
        }
        return entry
    }
    public func syscallExited(_ event: SyscallEvent, shown: SyscallEvent?, deferredFrom: Int) {
        for s in sinks { s.syscallExited(event, shown: shown, deferredFrom: deferredFrom) }
    }
    public func syscallExited(pid: Int32, t: Double, name: String, failed: Bool, duration: Double,
                              writingArguments arguments: (inout ByteBuffer) -> Void, result: (inout ByteBuffer) -> Void) {
        for s in sinks {
            s.syscallExited(pid: pid, t: t, name: name, failed: failed, duration: duration,
                            writingArguments: arguments, result: result)
        }
    }
    public func syscallCounted(name: String, failed: Bool, duration: Double) {
        for s in sinks { s.syscallCounted(name: name, failed: failed, duration: duration) }
    }
    public func syscallAbandoned(_ event: SyscallEvent) { for s in sinks { s.syscallAbandoned(event) } }
    public func syscallMoved(from: Int32, to: Int32) { for s in sinks { s.syscallMoved(from: from, to: to) } }
    public func syscallLost(pid: Int32, t: Double) { for s in sinks { s.syscallLost(pid: pid, t: t) } }
    public func taskGone(_ e: ExitEvent) { for s in sinks { s.taskGone(e) } }
    public func note(pid: Int32, t: Double, _ text: String) { for s in sinks { s.note(pid: pid, t: t, text) } }
    public func stackTrace(pid: Int32, _ frames: [StackFrame]) { for s in sinks { s.stackTrace(pid: pid, frames) } }
    public func idle() { for s in sinks { s.idle() } }
    public func flush() { for s in sinks { s.flush() } }
    public func finish() { for s in sinks { s.finish() } }
    public func ended(_ end: RecordEnd) { for s in sinks { s.ended(end) } }
    public func summarize() { for s in sinks { s.summarize() } }
    public func syscallNumber(pid: Int32, _ nr: Int64) { for s in sinks { s.syscallNumber(pid: pid, nr) } }
    public func ioDump(_ text: String) { for s in sinks { s.ioDump(text) } }
}

// MARK: the subscribers

/// The strace text: every call, note and event it shows.
extension StraceTextPrinter: TraceSink {
    public var needs: TraceNeeds {
        var n: TraceNeeds = showsTime ? [.lines, .time] : .lines
        if showsNumbers { n.insert(.numbers) }
        return n
    }
    public func started(epoch: Double) { setStart(epoch: epoch) }
    public func tasksFollowed(_ count: Int) { liveTasks = count }
    public func pidLabel(_ pid: Int32, _ label: String?) { pidLabels[pid] = label }
    public func taskComm(_ pid: Int32, _ comm: [UInt8]?) { pidComms[pid] = comm.map(StringQuoting.associated) }
    public func event(_ e: TraceEvent) {
        switch e {
        case .exit(let x): exit(x)
        case .signal(let s): signal(s)
        case .lost(let l): lost(l)
        default: break
        }
    }
    public func taskGone(_ e: ExitEvent) { note(pid: e.pid, t: e.t, "+++ gone (its exit was lost) +++") }
    public func syscallEntered(pid: Int32, t: Double, name: String,
                               writing arguments: (inout ByteBuffer) -> DecodedEntry) -> DecodedEntry? {
        syscallEntered(pid: pid, t: t, name: name, arguments: arguments) as DecodedEntry
    }
    public func syscallExited(_ event: SyscallEvent, shown: SyscallEvent?, deferredFrom: Int) {
        syscallExited(shown ?? event, deferredFrom: deferredFrom)
    }
    public func syscallExited(pid: Int32, t: Double, name: String, failed: Bool, duration: Double,
                              writingArguments arguments: (inout ByteBuffer) -> Void, result: (inout ByteBuffer) -> Void) {
        syscallExited(pid: pid, t: t, name: name, failed: failed, duration: Optional(duration),
                      arguments: arguments, result: result)
    }
    public func syscallMoved(from: Int32, to: Int32) { moveSyscall(from: from, to: to) }
    public func syscallLost(pid: Int32, t: Double) { abandonSyscall(pid: pid, t: t) }
    public func stackTrace(pid: Int32, _ frames: [StackFrame]) { stackTrace(frames) }
}

/// The record (--record): every event, one JSON line each.
extension RecordWriter: TraceSink {
    public var needs: TraceNeeds { [.values, .time] }
    public func event(_ e: TraceEvent) { write(e) }
    public func syscallExited(_ event: SyscallEvent, shown: SyscallEvent?, deferredFrom: Int) { write(.syscall(event)) }
    public func syscallAbandoned(_ event: SyscallEvent) { write(.syscall(event)) }
    public func ended(_ end: RecordEnd) { write(.end(end)) }
}

/// -c/-C: each returned call counted; the table written when the trace ends.
public final class SummarySink: TraceSink {
    public private(set) var summary = SyscallSummary()
    private let sink: OutputSink
    public var needs: TraceNeeds { [.counts, .time] }

    /// -S: the order of the table's rows.
    private let order: SyscallSummary.Order

    /// `sink`: where the table goes (-o FILE if given, as strace, else stderr).
    public init(sink: OutputSink, order: SyscallSummary.Order = .time) {
        self.sink = sink
        self.order = order
    }

    public func syscallExited(_ event: SyscallEvent, shown: SyscallEvent?, deferredFrom: Int) { summary.add(event) }
    public func syscallExited(pid: Int32, t: Double, name: String, failed: Bool, duration: Double,
                              writingArguments arguments: (inout ByteBuffer) -> Void, result: (inout ByteBuffer) -> Void) {
        summary.add(name: name, failed: failed, duration: duration)
    }
    public func syscallCounted(name: String, failed: Bool, duration: Double) {
        summary.add(name: name, failed: failed, duration: duration)
    }
    public func summarize() {
        var table = summary.render(order)
        table.withUTF8 { sink.write(UnsafeRawBufferPointer($0)) }
    }
}

extension TraceOutput {
    /// A task seen for the first time, as both tracers announce it: its task line, and in a
    /// nested pid namespace the label its lines carry, `524 (1 in pid:[4026532177])`.
    public func taskAppeared(_ e: TaskEvent) {
        event(.task(e))
        if let nspid = e.nspid, nspid.count > 1, let inner = nspid.last {
            let where_ = e.ns?[.pid].map { "pid:[\($0)]" } ?? "a nested pid namespace"
            pidLabel(e.pid, "\(e.pid) (\(inner) in \(where_))")
        }
    }

    /// The namespaces a new task was created in that are not its parent's: one `ns` event
    /// each, caused by how it was created, naming the parent's call as its line shows it
    /// (`call`: the call's entry text). Returns them (the caller places the `  ns:` note).
    public func creationTransitions(pid: Int32, t: Double, via: TaskOrigin, parent: NamespaceSet, child: NamespaceSet,
                                    call: @autoclosure () -> String?) -> [NamespaceTransition] {
        guard !parent.isEmpty else { return [] }
        let changes = parent.changes(to: child)
        let call = changes.isEmpty ? nil : call()
        for c in changes {
            event(.namespace(NamespaceEvent(pid: pid, t: t, kind: c.kind, from: c.from, to: c.to,
                                            cause: via.rawValue, call: call?.closedCall)))
        }
        return changes
    }
}
