// perf_event_open (strace 6.1's perf.c): struct perf_event_attr, shown at exit (where an
// E2BIG shows the size the kernel wants) as the caller gave it.

/// How one argument of perf_event_open is shown (`DbgArg.perf`).
enum PerfArg: Sendable {
    /// (exit) `struct perf_event_attr`: its first fields (all with -v), up to its size.
    case attr
}

extension ArgContext {
    mutating func perfValue(_ k: PerfArg, _ i: Int) -> SyscallValue {
        switch k {
        case .attr: return perfEventAttr(args[i], i)
        }
    }

    mutating func perfValueOut(_ k: PerfArg, _ i: Int) -> SyscallValue { perfValue(k, i) }

    /// The size field the caller gave (read at entry; none when it cannot be read).
    func perfSave(_ k: PerfArg, _ i: Int, into saved: inout [Int: UInt64]) {
        if let b = read(args[i] &+ 4, 4) { saved[i] = b.u32(0) }
    }

    static let precisionNames = ["arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid"]
    static let perfFlagNames = [
        "disabled", "inherit", "pinned", "exclusive", "exclude_user", "exclude_kernel", "exclude_hv", "exclude_idle",
        "mmap", "comm", "freq", "inherit_stat", "enable_on_exec", "task", "watermark", "", "", "mmap_data",
        "sample_id_all", "exclude_host", "exclude_guest", "exclude_callchain_kernel", "exclude_callchain_user", "mmap2",
        "comm_exec", "use_clockid", "context_switch", "write_backward", "namespaces", "ksymbol", "bpf_event",
        "aux_output", "cgroup", "text_poke", "build_id", "inherit_thread", "remove_on_exec", "sigtrap"]

    /// fetch_perf_event_attr and print_perf_event_attr.
    func perfEventAttr(_ addr: UInt64, _ i: Int) -> SyscallValue {
        guard let given = saved[i] else { return .pointer(addr) }
        var size = min(given, 128)
        if size == 0 { size = 64 }
        if size < 64 { return .pointer(addr) }
        if abbreviated { size = 48 }
        guard let raw = read(addr, Int(size)) else { return .pointer(addr) }
        // The structure as the caller gave it: zeros past its size.
        let b = Bytes(raw.b + [UInt8](repeating: 0, count: 128 - raw.count))
        func hex(_ v: UInt64) -> SyscallValue { .uint(v, text: Fmt.hex(v)) }
        func flags(_ x: Xlat, _ v: UInt64) -> SyscallValue { x.flagsValue(v) }

        let type = b.u32(0)
        var f = [F("type", X.perfTypes.symbolValue(type))]
        var sizeValue = X.perfAttrSizes.symbolValue(given)
        if exiting, isError, ret == -7 {                                   // E2BIG: the size the kernel wants
            let now = read(addr &+ 4, 4).map { X.perfAttrSizes.symbolValue($0.u32(0)) } ?? .expr("???", json: nil)
            sizeValue = .change(sizeValue, now)
        }
        f.append(F("size", sizeValue))

        let config = b.u64(8)
        switch type {
        case 0:                                                             // PERF_TYPE_HARDWARE
            var text = config >> 32 != 0 ? Fmt.hex(config >> 32) + "<<32|" : ""
            text += X.perfHwIds.value(config & 0xffff_ffff)
            f.append(F("config", .expr(text, json: .uint(config))))
        case 1: f.append(F("config", X.perfSwIds.symbolValue(config)))
        case 2: f.append(F("config", .uint(config)))
        case 3:                                                             // PERF_TYPE_HW_CACHE
            var text = config >> 32 != 0 ? Fmt.hex(config >> 32) + "<<32|" : ""
            if (config & 0xffff_ffff) >> 24 != 0 { text += Fmt.hex((config & 0xffff_ffff) >> 24) + "<<24|" }
            text += X.perfHwCacheResults.value((config >> 16) & 0xff) + "<<16|"
            text += X.perfHwCacheOps.value((config >> 8) & 0xff) + "<<8|"
            text += X.perfHwCacheIds.value(config & 0xff)
            f.append(F("config", .expr(text, json: .uint(config))))
        default: f.append(F("config", hex(config)))
        }
        let bits = b.u64(40)
        func bit(_ n: Int) -> UInt64 { (bits >> UInt64(n)) & 1 }
        f.append(F(bit(10) != 0 ? "sample_freq" : "sample_period", .uint(b.u64(16))))
        let sampleType = b.u64(24)
        f.append(F("sample_type", flags(X.perfSampleFormat, sampleType)))
        f.append(F("read_format", flags(X.perfReadFormat, b.u64(32))))
        for (n, name) in Self.perfFlagNames.enumerated() where !name.isEmpty {
            if n == 17 {
                let p = (bits >> 15) & 3
                f.append(F("precise_ip", .commented(.uint(p), Self.precisionNames[Int(p)])))
            }
            if !abbreviated || bit(n) != 0 { f.append(F(name, .uint(bit(n)))) }
        }
        if bits >> 38 != 0 { f.append(F("__reserved_1", .commented(hex(bits >> 38), "Bits 63..38"))) }

        let more = (given != 0 && given > size) || (given == 0 && size < 64)
        if abbreviated { return .structure(f, more: more) }

        f.append(F(bit(14) != 0 ? "wakeup_watermark" : "wakeup_events", .uint(b.u32(48))))
        let breakpoint = type == 5
        if breakpoint {
            let t = b.u32(52)
            f.append(F("bp_type", (t <= 7 ? X.hwBreakpointTypesInvalid : X.hwBreakpointTypes).symbolValue(t)))
            f.append(F("bp_addr", hex(b.u64(56))))
        } else {
            f.append(F("config1", hex(b.u64(56))))
        }
        // The fields after config1 are there when the size covers where they start.
        func done() -> SyscallValue { .structure(f, more: more) }
        if 64 >= size { return done() }
        f.append(breakpoint ? F("bp_len", .uint(b.u64(64))) : F("config2", hex(b.u64(64))))
        if 72 >= size { return done() }
        if sampleType & (1 << 11) != 0 { f.append(F("branch_sample_type", flags(X.perfBranchSampleTypes, b.u64(72)))) }
        if 80 >= size { return done() }
        f.append(F("sample_regs_user", hex(b.u64(80))))
        if 88 >= size { return done() }
        if sampleType & (1 << 13) != 0 { f.append(F("sample_stack_user", hex(b.u32(88)))) }
        if bit(25) != 0 {
            if 92 >= size { return done() }
            f.append(F("clockid", X.clocks.symbolValue(b.u32(92))))
        }
        if 96 >= size { return done() }
        f.append(F("sample_regs_intr", hex(b.u64(96))))
        if 104 >= size { return done() }
        f.append(F("aux_watermark", .uint(b.u32(104))))
        if 108 >= size { return done() }
        var maxStack = SyscallValue.uint(b.u16(108))
        if 110 < size, b.u16(110) != 0 { maxStack = .commented(maxStack, "bytes 110..111: " + Fmt.hex(b.u16(110))) }
        f.append(F("sample_max_stack", maxStack))
        if 112 >= size { return done() }
        var auxSample = SyscallValue.uint(b.u32(112))
        if 116 < size, b.u32(116) != 0 { auxSample = .commented(auxSample, "bytes 116..119: " + Fmt.hex(b.u32(116))) }
        f.append(F("aux_sample_size", auxSample))
        if 120 >= size { return done() }
        f.append(F("sig_data", hex(b.u64(120))))
        return done()
    }
}

extension CapturePlanner {
    func addPerfSaved(_ k: PerfArg, _ i: Int, to plan: inout CapturePlan) {
        plan.add(CaptureOp(.memory, a: i, max: 8), exiting: false)
    }

    func addPerf(_ k: PerfArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        plan.add(CaptureOp(.memory, a: i, max: 128), exiting: exiting)
    }
}
