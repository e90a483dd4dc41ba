import CBPF
import NSCore

/// The calls' side of the programs: each number's call (named, selected by -e trace= or not),
/// the table the programs read, and how they see calls (docs/bpf.md, "How the programs attach").
extension BPFTracer {
    /// Whether to attach to the calls' own tracepoints (--bpf-attach): asked for, or (auto)
    /// when tracing something already running (-p, --container, --cgroup), whose trace is
    /// long enough for their cost at the end (the kernel detaches each in about 40 ms:
    /// docs/bpf.md) to be paid back. A started command gets the raw tracepoints.
    var usesOwnTracepoints: Bool {
        switch options.attach {
        case .raw: return false
        case .calls: return true
        case .auto:
            switch options.target {
            case .attach, .container, .cgroup: return true
            case .command, .prepared: return false
            }
        }
    }

    /// The 64-bit calls whose own tracepoints a trace of a few calls attaches to (docs/bpf.md,
    /// "How the programs attach"): those -e trace= selects and those that move a task to
    /// other namespaces (their exits carry the namespaces), by their tracepoints' name; not
    /// execve and execveat unless selected (an exec's namespaces come with its exec event, and
    /// each tracepoint costs about 40 ms to detach). Empty when there are too many (a full
    /// trace).
    func ownTracepointCalls() -> [String] {
        var calls: [String] = []
        for nr in 0..<Int(NSB_NR_MAX) {
            let c = call(Int64(nr), abi: .x86_64)
            guard c.selected || (c.traits.contains(.changesNamespaces) && !c.traits.contains(.replacesProgram)) else { continue }
            if calls.count == BPFSession.maxCalls { return [] }
            // Named after the call's kernel entry point: sys_enter_newuname is uname's.
            calls.append(SyscallSpecs.entryPoint(of: c.name))
        }
        return calls
    }

    /// Whether -e trace= leaves any call of either ABI out.
    var leavesCallsOut: Bool {
        for abi in [SyscallABI.x86_64, .i386] {
            for nr in 0..<Int(NSB_NR_MAX) where !call(Int64(nr), abi: abi).selected { return true }
        }
        return false
    }

    /// -P: calls are shown only when they touch one of the paths, decided from what the
    /// kernel read at entry (their path arguments, and their descriptors' files).
    var filtersPaths: Bool { !config.paths.isEmpty }

    /// -n: the printer is told each call's number as it enters, as ptrace mode tells it.
    var showsNumbers: Bool { out.needs.contains(.numbers) }

    /// What the kernel reads: what the decoders show, and with -P every descriptor's file
    /// (-P looks at them whether -y shows them or not).
    var planOptions: DecodeOptions {
        var o = config.decode
        if filtersPaths { o.resolveFDs = true }
        return o
    }

    /// The table of calls: every number of both ABIs, selected by -e trace= or not.
    func fillTable(_ s: BPFSession) {
        for abi in [SyscallABI.x86_64, .i386] {
            for nr in 0..<Int(NSB_NR_MAX) {
                let c = call(Int64(nr), abi: abi)
                if !c.selected && c.traits.isDisjoint(with: [.createsTask, .changesNamespaces, .writesBuffer]) { continue }
                let plan = c.selected && (needsDecode || filtersPaths)
                    ? CaptureTable.plan(c.decoding, options: planOptions, ioDump: config.ioDump) : CapturePlan()
                s.setCall(abi: abi, nr: nr, CaptureTable.call(selected: c.selected, traits: c.traits, plan: plan))
            }
        }
    }

    func call(_ nr: Int64, abi: SyscallABI) -> BPFCall {
        let small = nr >= 0 && nr < 1024
        if small, let c = abi == .x86_64 ? calls64[Int(nr)] : calls32[Int(nr)] { return c }
        let c = BPFCall(nr: nr, name: names.name(nr, abi: abi), abi: abi, filter: config.filter)
        if small {
            if abi == .x86_64 { calls64[Int(nr)] = c } else { calls32[Int(nr)] = c }
        }
        return c
    }
}
