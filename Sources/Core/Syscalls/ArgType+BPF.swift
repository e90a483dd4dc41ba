// bpf(2)'s argument kinds (`Arg.bpf`), the facts about its commands that the plan and the
// decoders share, its plan and what trace --bpf reads of it. The decoders are in
// StructFormat+BPF.swift.

/// How bpf(2)'s attribute argument is shown (`Arg.bpf`).
enum BPFArg: Sendable, Equatable {
    /// The attributes as the entry shows them: argument 1, its size argument 2, decoded by the
    /// command in argument 0.
    case attr
    /// (out, glued) The rest of a command strace finishes at exit.
    case attrExit
}

/// The facts about bpf(2)'s commands the plan and the decoders share.
enum BPF {
    /// The largest attribute strace reads (a page).
    static let page = 4096
    /// The commands strace has a decoder for: BPF_MAP_CREATE ... BPF_LINK_GET_NEXT_ID.
    static let decodedCommands: UInt32 = 32
    /// Where the values an exit compares with the entry's are kept in `ArgContext.saved`.
    static let savedBase = 100

    /// Whether the attributes of `cmd` of `size` bytes are decoded (else shown by address).
    static func decodes(_ cmd: UInt32, _ size: UInt32) -> Bool {
        size > 0 && size <= UInt32(page) && cmd < decodedCommands
    }

    /// The commands strace finishes at exit: *_GET_NEXT_ID, BPF_OBJ_GET_INFO_BY_FD,
    /// BPF_PROG_QUERY, BPF_TASK_FD_QUERY and the batch operations.
    static func finishesAtExit(_ cmd: UInt32) -> Bool {
        switch cmd {
        case 11, 12, 23, 31, 15, 16, 20, 24, 25, 26, 27: return true
        default: return false
        }
    }

    /// The commands whose result is a descriptor (strace's RVAL_FD).
    static func returnsFD(_ cmd: UInt32) -> Bool {
        switch cmd {
        case 0, 5, 6, 7, 13, 14, 18, 19, 28, 30: return true
        default: return false
        }
    }
}

extension SyscallDecoder {
    /// bpf's plan: the command, the attributes (and their end at exit for the commands strace
    /// finishes then), the size; a descriptor returned by the commands that make one.
    static func bpfPlan(_ a: SyscallArgs) -> Plan {
        let cmd = UInt32(truncatingIfNeeded: a[0]), size = UInt32(truncatingIfNeeded: a[2])
        let decoded = BPF.decodes(cmd, size)
        var slots = [Slot(index: 0, arg: .xval(X.bpfCommands)), Slot(index: 1, arg: .bpf(.attr))]
        if decoded && BPF.finishesAtExit(cmd) { slots.append(Slot(index: 1, arg: .out(.bpf(.attrExit)))) }
        slots.append(Slot(index: 2, arg: .uint))
        return Plan(slots: slots, ret: decoded && BPF.returnsFD(cmd) ? .fd : .dec)
    }
}

extension CapturePlanner {
    /// The attributes up to their size (a page at most), at entry and, for the commands
    /// finished at exit, at exit, with what the command's fields point at (the kernel's
    /// cap_bpf_attr): strings and arrays as the decoders read them (`max`: a string's read,
    /// -s + 2); with -y the files of its descriptors, with -v a program's instructions and
    /// BPF_OBJ_GET_INFO_BY_FD's info. Not read: the arrays a program's info points at.
    func addBPF(_ kind: BPFArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        let flags = CaptureOp.unsigned32 | (options.resolveFDs ? CaptureOp.bpfDescriptors : 0) | (abbreviated ? 0 : CaptureOp.verbose)
        plan.add(CaptureOp(.bpfAttr, a: i, b: 2, flags: flags, max: stringRead(limit)), exiting: exiting)
    }
}
