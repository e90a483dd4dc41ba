/// `-c`: counts, errors and time per syscall, printed as strace's summary table.
///
/// Time is the wall-clock time between a syscall's entry and exit stops (what
/// strace calls `-w`, syscall latency); strace's default counts system CPU time,
/// which ptrace cannot see per call.
public struct SyscallSummary: Sendable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var calls: Int
        public var errors: Int
        public var seconds: Double
    }

    /// Rows in order of first appearance (for a stable order among equal rows), and
    /// where each name's row is: one dictionary lookup per call.
    private var rows: [Row] = []
    private var index: [String: Int] = [:]

    public init() {}

    public mutating func add(_ e: SyscallEvent) {
        add(name: e.name, failed: e.errno != nil, duration: e.duration ?? 0)
    }

    /// One returned call (the loop's form: no event is built for -c alone).
    public mutating func add(name: String, failed: Bool, duration: Double) {
        let i: Int
        if let known = index[name] {
            i = known
        } else {
            i = rows.count
            index[name] = i
            rows.append(Row(name: name, calls: 0, errors: 0, seconds: 0))
        }
        rows[i].calls += 1
        if failed { rows[i].errors += 1 }
        rows[i].seconds += duration
    }

    /// Rows sorted as strace sorts them by default: most time first, then most calls,
    /// then first seen.
    public var sortedRows: [Row] {
        rows.enumerated().sorted {
            if $0.element.seconds != $1.element.seconds { return $0.element.seconds > $1.element.seconds }
            if $0.element.calls != $1.element.calls { return $0.element.calls > $1.element.calls }
            return $0.offset < $1.offset
        }.map(\.element)
    }

    /// The table, byte for byte in strace's layout.
    public func render() -> String {
        typealias P = StraceTextPrinter
        let dashes = "------ ----------- ----------- --------- --------- ----------------\n"
        var out = "% time     seconds  usecs/call     calls    errors syscall\n" + dashes
        let rows = sortedRows
        let total = rows.reduce(0.0) { $0 + $1.seconds }
        let calls = rows.reduce(0) { $0 + $1.calls }
        let errors = rows.reduce(0) { $0 + $1.errors }
        func line(_ pct: String, _ secs: Double, _ calls: Int, _ errors: Int, _ name: String) -> String {
            // As strace: whole microseconds in total, divided by the calls.
            let usecs = calls > 0 ? Int((secs * 1_000_000).rounded()) / calls : 0
            return P.leftPad(pct, 6) + " " + P.leftPad(P.fixed(secs, 6), 11) + " "
                + P.leftPad(String(usecs), 11) + " " + P.leftPad(String(calls), 9) + " "
                + P.leftPad(errors > 0 ? String(errors) : "", 9) + " " + name + "\n"
        }
        for r in rows {
            let pct = total > 0 ? r.seconds * 100 / total : 0
            out += line(P.fixed(pct, 2), r.seconds, r.calls, r.errors, r.name)
        }
        out += dashes
        out += line("100.00", total, calls, errors, "total")
        return out
    }
}
