import CBPF
import NSCore

/// The programs' table of calls (`struct nsb_call` by ABI and number): which calls they write
/// at all (-e trace=, plus those followed for task creation and namespaces), and what they
/// read of each at entry and at exit (the syscall table's capture plans, NSCore's
/// `capturePlan`).
enum CaptureTable {
    /// The C capture of a plan's read.
    static func cap(_ op: CaptureOp) -> nsb_cap {
        var c = nsb_cap()
        c.kind = op.kind.rawValue
        c.a = op.a
        c.b = op.b
        c.flags = op.flags
        c.items = op.items
        c.scale = op.scale
        c.max = op.max
        if let w = op.when {
            c.when = w.index + 1
            c.when_mask = w.mask
            c.when_base = w.base
            c.when_bits = w.bits
        }
        return c
    }

    /// Sets `ops` (at most six) into a C array of six captures.
    static func fill(_ ops: [CaptureOp], into caps: inout (nsb_cap, nsb_cap, nsb_cap, nsb_cap, nsb_cap, nsb_cap)) -> UInt8 {
        let n = min(ops.count, Int(NSB_CAPS))
        withUnsafeMutableBytes(of: &caps) { raw in
            let p = raw.bindMemory(to: nsb_cap.self)
            for i in 0..<n { p[i] = cap(ops[i]) }
        }
        return UInt8(n)
    }

    /// What the programs do for one call.
    static func call(selected: Bool, traits: SyscallTraits, plan: CapturePlan) -> nsb_call {
        var c = nsb_call()
        var flags: UInt32 = 0
        if selected { flags |= UInt32(NSB_CALL_SELECTED) }
        // Followed whether selected or not: a child's creator, and the calls that move a
        // task to other namespaces (the exit carries the namespaces the kernel has then).
        if !traits.isDisjoint(with: [.createsTask, .changesNamespaces]) { flags |= UInt32(NSB_CALL_TRACK) }
        if traits.contains(.changesNamespaces) { flags |= UInt32(NSB_CALL_NS) }
        if traits.contains(.replacesProgram) { flags |= UInt32(NSB_CALL_REPLACES) }
        // A write looked at for id maps (after a new user namespace) costs no event otherwise.
        if traits.contains(.writesBuffer) { flags |= UInt32(NSB_CALL_IDMAP) }
        c.flags = UInt8(flags)
        if selected {
            c.nenter = fill(plan.entry, into: &c.enter)
            c.nexit = fill(plan.exit, into: &c.exit)
        }
        return c
    }

    /// The plan of a call with what nstrace adds to the decoders' reads: setns's descriptor
    /// is always shown as the namespace it refers to (`3<net:[4026532201]>`), so its file is
    /// read at entry whether -y is given or not.
    static func plan(_ decoding: SyscallDecoder.Call, options: DecodeOptions, ioDump: IODump = IODump()) -> CapturePlan {
        var plan = decoding.capturePlan(options: options)
        // -e read=/write=: the data dumped, read at exit (where ptrace mode reads it).
        for op in ioDump.capturePlan(name: decoding.name, abi: decoding.abi) where !plan.exit.contains(op) {
            if plan.exit.count < CapturePlan.maxOps { plan.exit.append(op) }
        }
        if decoding.name == "setns", !plan.entry.contains(where: { $0.kind == .fd && $0.a == 0 }) {
            plan.entry.insert(CaptureOp(.fd, a: 0), at: 0)
            if plan.entry.count > CapturePlan.maxOps { plan.entry.removeLast() }
        }
        return plan
    }
}
