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

    private var rows: [String: Row] = [:]
    /// Order of first appearance, for a stable order among equal rows.
    private var order: [String: Int] = [:]

    public init() {}

    public mutating func add(_ e: SyscallEvent) {
        if order[e.name] == nil { order[e.name] = order.count }
        var row = rows[e.name] ?? Row(name: e.name, calls: 0, errors: 0, seconds: 0)
        row.calls += 1
        if e.errno != nil { row.errors += 1 }
        row.seconds += e.duration ?? 0
        rows[e.name] = row
    }

    /// Rows sorted as strace sorts them by default: most time first, then most calls,
    /// then first seen.
    public var sortedRows: [Row] {
        rows.values.sorted {
            if $0.seconds != $1.seconds { return $0.seconds > $1.seconds }
            if $0.calls != $1.calls { return $0.calls > $1.calls }
            return order[$0.name, default: 0] < order[$1.name, default: 0]
        }
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
