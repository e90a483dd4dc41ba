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
        /// The shortest and the longest call.
        public var minSeconds = Double.infinity
        public var maxSeconds = 0.0
    }

    /// `-S SORTBY`: the order of the rows. strace sorts with one key and a stable sort over
    /// the rows in syscall-number order, so equal keys keep that order.
    public enum Order: String, Sendable, CaseIterable {
        /// Most time first (the default): `time`, `time-total`, ...
        case time
        case minTime, maxTime, avgTime
        /// Most calls first.
        case calls
        /// Most errors first.
        case errors
        /// By name.
        case name
        /// In syscall-number order.
        case nothing

        /// strace's names of each order (count.c's column aliases of 6.1).
        public static func named(_ s: String) -> Order? {
            switch s {
            case "time", "time_percent", "time-percent", "time_total", "time-total", "total_time", "total-time": .time
            case "min_time", "min-time", "shortest", "time_min", "time-min": .minTime
            case "max_time", "max-time", "longest", "time_max", "time-max": .maxTime
            case "avg_time", "avg-time", "time_avg", "time-avg": .avgTime
            case "calls", "count": .calls
            case "error", "errors": .errors
            case "name", "syscall", "syscall_name", "syscall-name": .name
            case "none", "nothing": .nothing
            default: nil
            }
        }
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
        rows[i].minSeconds = min(rows[i].minSeconds, duration)
        rows[i].maxSeconds = max(rows[i].maxSeconds, duration)
    }

    /// The rows in `order`: by its key, equal keys in syscall-number order (`number`, the
    /// native ABI's number of a name; unknown names last, by name), as strace's.
    public func rows(_ order: Order) -> [Row] {
        if order == .time { return sortedRows }
        let byNumber = rows.sorted {
            let a = SyscallSpecs.spec(named: $0.name, abi: .x86_64)?.number ?? Int.max
            let b = SyscallSpecs.spec(named: $1.name, abi: .x86_64)?.number ?? Int.max
            return a != b ? a < b : $0.name < $1.name
        }
        let key: (Row, Row) -> Bool
        switch order {
        case .time: key = { $0.seconds > $1.seconds }
        case .minTime: key = { $0.minSeconds < $1.minSeconds }
        case .maxTime: key = { $0.maxSeconds > $1.maxSeconds }
        case .avgTime: key = { $0.seconds / Double($0.calls) > $1.seconds / Double($1.calls) }
        case .calls: key = { $0.calls > $1.calls }
        case .errors: key = { $0.errors > $1.errors }
        case .name: key = { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        case .nothing: return byNumber
        }
        // A stable sort: Swift's sort is stable since 5.
        return byNumber.sorted(by: key)
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
    public func render(_ order: Order = .time) -> String {
        typealias P = StraceTextPrinter
        let dashes = "------ ----------- ----------- --------- --------- ----------------\n"
        var out = "% time     seconds  usecs/call     calls    errors syscall\n" + dashes
        let rows = self.rows(order)
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
