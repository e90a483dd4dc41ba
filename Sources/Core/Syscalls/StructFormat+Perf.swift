// perf_event_open (strace 6.1's perf.c): struct perf_event_attr.

/// How one argument of perf_event_open is shown (`DbgArg.perf`).
enum PerfArg: Sendable {
    case attr
}

extension ArgContext {
    mutating func perfValue(_ k: PerfArg, _ i: Int) -> SyscallValue { .pointer(args[i]) }
    mutating func perfValueOut(_ k: PerfArg, _ i: Int) -> SyscallValue { perfValue(k, i) }
}

extension CapturePlanner {
    func addPerf(_ k: PerfArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {}
}
