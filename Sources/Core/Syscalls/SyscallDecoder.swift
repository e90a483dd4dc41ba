/// Turns a syscall's raw arguments and result into strace's text.
///
/// Two ways out, same text: `decodeEntry`/`decodeExit` give each argument as a String (the
/// record, tests); `writeEntry` and `exit(...)`'s `ExitText` append the text to a byte
/// buffer (the printer's, on the tracer's hot path: no String per argument).
public struct SyscallDecoder: Sendable {
    public let options: DecodeOptions

    public init(options: DecodeOptions) {
        self.options = options
    }

    /// A syscall as the decoder knows it: its name, ABI and signature, looked up once
    /// (the tracer keeps one per syscall number).
    public struct Call: Sendable {
        public let name: String
        public let abi: SyscallABI
        /// nil: no typed signature; shown as strace's generic decoder does.
        let signature: Signature?
        /// The plan of a call without a signature: its arguments in hex.
        let generic: Plan
        /// Each raw argument's name (the man page's), by index: the keys of a record's
        /// `params`.
        public let parameterNames: [String]

        public init(name: String, abi: SyscallABI) {
            self.init(name: name, abi: abi, spec: SyscallSpecs.spec(named: name, abi: abi))
        }

        /// `spec`: the call's row on `abi`, when the caller has it already (the tracer looks
        /// rows up by number).
        public init(name: String, abi: SyscallABI, spec: SyscallSpec?) {
            self.name = name
            self.abi = abi
            signature = spec?.signature
            // A name the ABI lacks: the other ABI's row says how many arguments (else 6).
            let row = spec ?? SyscallSpecs.spec(anyABI: name, preferring: abi)
            generic = Plan(Array(repeating: .hex, count: row?.argumentCount ?? 6))
            parameterNames = SyscallDecoder.parameterNames(row)
        }

        /// The name of raw argument `i` (`arg3` past the known ones).
        func parameterName(_ i: Int) -> String { i < parameterNames.count ? parameterNames[i] : "arg\(i)" }

        /// How to print the call with these (normalized) arguments.
        func plan(_ a: SyscallArgs) -> Plan {
            switch signature {
            case nil: return generic
            case .fixed(let p): return p
            case .dynamic(let d): return SyscallDecoder.resolve(d, abi: abi, a)
            }
        }
    }

    /// Decodes the arguments known at entry (inputs). See DecodedEntry's doc.
    public func decodeEntry(name: String, abi: SyscallABI, args: [UInt64],
                            memory: TraceeMemory, fds: FDPathResolver?) -> DecodedEntry {
        decodeEntry(Call(name: name, abi: abi), args: SyscallArgs(args), memory: memory, fds: fds)
    }

    public func decodeEntry(_ call: Call, args: SyscallArgs, memory: TraceeMemory, fds: FDPathResolver?) -> DecodedEntry {
        var text: [String] = []
        var params: [ParamField] = []
        var entry = decodeInputs(call, args, memory, fds) { ctx, slot in
            let v = ctx.value(slot.arg, slot.index)
            text.append(v.text)
            params.append(ParamField(call.parameterName(slot.index), v))
        }
        entry.args = text
        entry.params = params
        entry.parameterNames = call.parameterNames
        return entry
    }

    /// `decodeEntry`'s arguments appended to `out`, separated by ", "; the entry returned
    /// has no `args` text.
    public func writeEntry(_ call: Call, args: SyscallArgs, memory: TraceeMemory, fds: FDPathResolver?,
                           to out: inout ByteBuffer) -> DecodedEntry {
        var first = true
        return decodeInputs(call, args, memory, fds) { ctx, slot in
            if !first { out.append(", ") }
            first = false
            ctx.write(slot.arg, slot.index, to: &out)
        }
    }

    /// Walks the input slots (up to the first output one) and saves what in/out arguments
    /// show at exit.
    private func decodeInputs(_ call: Call, _ args: SyscallArgs, _ memory: TraceeMemory, _ fds: FDPathResolver?,
                              _ each: (inout ArgContext, Slot) -> Void) -> DecodedEntry {
        DecodeStyle.with(options.style) { decodeInputsStyled(call, args, memory, fds, each) }
    }

    private func decodeInputsStyled(_ call: Call, _ args: SyscallArgs, _ memory: TraceeMemory, _ fds: FDPathResolver?,
                                    _ each: (inout ArgContext, Slot) -> Void) -> DecodedEntry {
        let raw = args.normalized(for: call.abi)
        // -e raw=: strace's printargs, every argument and the result in hex.
        var plan = options.printsRaw(call.name) ? Plan(slots: call.generic.slots, ret: .hex) : call.plan(raw)
        var ctx = ArgContext(options: options, abi: call.abi, args: raw, memory: memory, fds: fds)
        ctx.abbreviated = options.abbreviates(call.name)
        ctx.verbose = options.verboses(call.name)
        // A continuation the exit will not print (clone3 without CLONE_PIDFD or
        // CLONE_PARENT_SETTID): the call is shown whole at entry, as strace does.
        if let g = plan.slots.firstIndex(where: \.isGlued), !ctx.continues(plan.slots[g]) { plan.slots.remove(at: g) }
        var deferred = plan.slots.count
        for (i, slot) in plan.slots.enumerated() {
            if slot.isOut { deferred = i; break }
            each(&ctx, slot)
        }
        let glued = deferred < plan.slots.count && plan.slots[deferred].isGlued
        var entry = DecodedEntry(name: call.name, args: [], deferredFrom: deferred, argCount: plan.slots.count - (glued ? 1 : 0))
        entry.gluedAtExit = glued
        entry.plan = plan
        for slot in plan.slots[deferred...] { ctx.save(slot.arg, slot.index, into: &entry.saved) }
        return entry
    }

    /// Decodes the remaining (output) args and the result.
    public func decodeExit(_ entry: DecodedEntry, abi: SyscallABI, args: [UInt64], rval: Int64,
                           isError: Bool, memory: TraceeMemory, fds: FDPathResolver?) -> DecodedExit {
        decodeExit(entry, abi: abi, args: SyscallArgs(args), rval: rval, isError: isError, memory: memory, fds: fds)
    }

    public func decodeExit(_ entry: DecodedEntry, abi: SyscallABI, args: SyscallArgs, rval: Int64,
                           isError: Bool, memory: TraceeMemory, fds: FDPathResolver?) -> DecodedExit {
        DecodeStyle.with(options.style) {
            decodeExitStyled(entry, abi: abi, args: args, rval: rval, isError: isError, memory: memory, fds: fds)
        }
    }

    private func decodeExitStyled(_ entry: DecodedEntry, abi: SyscallABI, args: SyscallArgs, rval: Int64,
                                  isError: Bool, memory: TraceeMemory, fds: FDPathResolver?) -> DecodedExit {
        var x = exit(entry, abi: abi, args: args, rval: rval, isError: isError, memory: memory, fds: fds)
        var out = entry.args
        var params = entry.params
        let names = entry.parameterNames ?? SyscallDecoder.parameterNames(entry.name, abi: abi)
        var completion: ArgCompletion?
        for slot in x.slots {
            let v = x.ctx.value(slot.arg, slot.index)
            if slot.isGlued, let last = out.indices.last {
                // The text goes on the argument shown at entry; its typed value is that one.
                completion = ArgCompletion(index: last, offset: out[last].utf8.count)
                out[last] += v.text
                continue
            }
            out.append(v.text)
            params.append(ParamField(slot.index < names.count ? names[slot.index] : "arg\(slot.index)", v))
        }
        if isError {
            let e = Int32(truncatingIfNeeded: -rval)
            var d = DecodedExit(args: out, ret: ErrnoNames.resultText(e), retValue: rval,
                                errnoName: ErrnoNames.name(e) ?? "ERRNO_\(e)")
            d.params = params
            d.completion = completion
            return d
        }
        let typed = x.ctx.returnValue(x.ret)
        var d = DecodedExit(args: out, ret: typed.text, retValue: rval, errnoName: nil)
        d.params = params
        d.completion = completion
        if ArgContext.typesReturn(x.ret) { d.typedReturn = typed }
        return d
    }

    /// The exit of a call, to be written straight into a buffer: `decodeExit`'s text
    /// without a String per argument (the printer's hot path).
    public func exit(_ entry: DecodedEntry, abi: SyscallABI, args: SyscallArgs, rval: Int64, isError: Bool,
                     memory: TraceeMemory, fds: FDPathResolver?) -> ExitText {
        var ctx = ArgContext(options: options, abi: abi, args: args.normalized(for: abi), memory: memory, fds: fds)
        ctx.exiting = true
        ctx.abbreviated = options.abbreviates(entry.name)
        ctx.verbose = options.verboses(entry.name)
        ctx.ret = rval
        ctx.isError = isError
        ctx.saved = entry.saved
        // Resolved at entry; looked up by name for an entry made elsewhere.
        let plan = entry.plan ?? Call(name: entry.name, abi: abi).plan(ctx.args)
        return ExitText(ctx: ctx, slots: plan.slots.dropFirst(min(entry.deferredFrom, plan.slots.count)), ret: plan.ret)
    }

    /// A call's exit text: the output arguments, then (after the printer's padding) the result.
    public struct ExitText {
        var ctx: ArgContext
        /// The arguments not shown at entry.
        let slots: ArraySlice<Slot>
        let ret: Ret

        /// `decodeExit`'s remaining arguments appended to `out`, separated by ", ".
        public mutating func writeArguments(to out: inout ByteBuffer) {
            DecodeStyle.with(ctx.options.style) {
                var first = true
                for slot in slots {
                    if !first && !slot.isGlued { out.append(", ") }
                    first = false
                    ctx.write(slot.arg, slot.index, to: &out)
                }
            }
        }

        /// `decodeExit`'s result text appended to `out`.
        public mutating func writeResult(to out: inout ByteBuffer) {
            if ctx.isError { return out.append(ErrnoNames.resultText(Int32(truncatingIfNeeded: -ctx.ret))) }
            DecodeStyle.with(ctx.options.style) { ctx.writeReturn(ret, to: &out) }
        }
    }

    /// The parameter names of a call by raw argument index, as `Call.parameterNames` has
    /// them (the row of `abi`, else of the other ABI; arg0...arg5 for a name neither has),
    /// without making its signature.
    public static func parameterNames(_ name: String, abi: SyscallABI) -> [String] {
        parameterNames(SyscallSpecs.spec(anyABI: name, preferring: abi))
    }

    static func parameterNames(_ row: SyscallSpec?) -> [String] {
        row?.parameters ?? (0..<6).map { "arg\($0)" }
    }

    /// strace-compatible classes of a syscall name (for -e trace=%file etc.).
    public static func classes(of name: String) -> SyscallClasses {
        SyscallSpecs.classes(named: name)
    }

    /// Names that have a typed signature.
    public static var decodedNames: Set<String> { decodedNameSet }

    /// Every syscall name of x86_64 and i386 in the spec table.
    public static var allNames: Set<String> {
        SyscallSpecs.allNames
    }
    private static let decodedNameSet: Set<String> = Set(SyscallSpecs.rows(.x86_64).filter { $0.types != nil }.map { $0.name })
        .union(SyscallSpecs.rows(.i386).filter { $0.types != nil }.map { $0.name })

}

// MARK: - Calls whose shape depends on their arguments

private func p(_ slots: (Int, Arg)..., ret: Ret = .dec) -> Plan {
    Plan(slots: slots.map { Slot(index: $0.0, arg: $0.1) }, ret: ret)
}

extension SyscallDecoder {
    static func resolve(_ d: Dynamic, abi: SyscallABI, _ a: SyscallArgs) -> Plan {
        let oCreat: UInt64 = 0x40, oTmpfile: UInt64 = 0x400000
        switch d {
        case .open:
            return a[1] & (oCreat | oTmpfile) != 0 ? Plans.openCreating : Plans.open
        case .openat:
            return a[2] & (oCreat | oTmpfile) != 0 ? Plans.openatCreating : Plans.openat
        case .mknod, .mknodat:
            let at: Bool = { if case .mknodat = d { return true } else { return false } }()
            let base: [Arg] = at ? [.dirfd, .path, .umode] : [.path, .umode]
            let type = a[base.count - 1] & 0o170000 & 0xffff
            // The device: an unsigned int (strace's mknod).
            return Plan(type == 0o020000 || type == 0o060000 ? base + [.fsnet(.dev32)] : base)
        case .proc(let p):
            return ProcPlans.resolve(p, abi: abi, a)
        case .fcntl:
            return fcntl(a)
        case .ioctl:
            return ioctl(a)
        case .prctl:
            return prctl(a)
        case .futex:
            return futex(a)
        case .clone:
            let flags = a[0]
            let (ctid, tls) = abi == .i386 ? (4, 3) : (3, 4)
            var s: [Slot] = [Slot(index: 1, arg: .named("child_stack", .ptr)),
                             Slot(index: 0, arg: .named("flags", .cloneFlags))]
            if flags & CloneFlag.parentSettid != 0 { s.append(Slot(index: 2, arg: .out(.named("parent_tid", .uintPtr)))) }
            else if flags & CloneFlag.pidfd != 0 { s.append(Slot(index: 2, arg: .out(.named("pidfd", .intPtr)))) }
            if flags & CloneFlag.settls != 0 { s.append(Slot(index: tls, arg: .out(.named("tls", .ptr)))) }
            if flags & (CloneFlag.childSettid | CloneFlag.childCleartid) != 0 {
                s.append(Slot(index: ctid, arg: .out(.named("child_tidptr", .ptr))))
            }
            return Plan(slots: s, ret: .pid)
        case .mremap:
            let base: [Arg] = [.ptr, .ulong, .ulong, .flags64(X.mremapFlags)]
            return Plan(a[3] & 3 == 3 ? base + [.ptr] : base, .hex)
        case .archPrctl:
            switch a[0] {
            case 0x1001, 0x1002: return Plan([.xval(X.archPrctl), .ptr])
            case 0x1003, 0x1004: return Plan([.xval(X.archPrctl), .out(.hexPtr)])
            default: return Plan([.xval(X.archPrctl), .hex])
            }
        case .setsockopt: return setsockoptPlan
        case .getsockopt: return getsockoptPlan
        case .fsnet(let call):
            return fsnet(call, abi: abi, a)
        case .dbg(let call):
            return DbgPlans.resolve(call, abi: abi, a)
        case .bpf: return bpfPlan(a)
        }
    }

    /// The plans of the frequent calls whose shape depends on their arguments, built once
    /// rather than at every call (`find` makes as many fcntl calls as closes).
    private enum Plans {
        static let open = Plan([.path, .openFlags], .fd)
        static let openCreating = Plan([.path, .openFlags, .mode], .fd)
        static let openat = Plan([.dirfd, .path, .openFlags], .fd)
        static let openatCreating = Plan([.dirfd, .path, .openFlags, .mode], .fd)

        static let fcntlCmd: Arg = .xval(X.fcntlCmds)
        static let fcntlDup = p((0, .fd), (1, fcntlCmd), (2, .int), ret: .fd)
        static let fcntlGetFD = p((0, .fd), (1, fcntlCmd), ret: .fcntlGetFD)
        static let fcntlSetFD = p((0, .fd), (1, fcntlCmd), (2, .flags(X.fdFlags)))
        static let fcntlGetFL = p((0, .fd), (1, fcntlCmd), ret: .fcntlGetFL)
        static let fcntlSetFL = p((0, .fd), (1, fcntlCmd), (2, .openFlags))
        static let fcntlInt = p((0, .fd), (1, fcntlCmd), (2, .int))
        static let fcntlSignal = p((0, .fd), (1, fcntlCmd), (2, .signal))
        static let fcntlNoArg = p((0, .fd), (1, fcntlCmd))
        static let fcntlHex = p((0, .fd), (1, fcntlCmd), (2, .hex))
        static let fcntlSetOwnEx = p((0, .fd), (1, fcntlCmd), (2, .fOwnerEx))
        static let fcntlGetOwnEx = p((0, .fd), (1, fcntlCmd), (2, .out(.fOwnerEx)))
        static let fcntlNotify = p((0, .fd), (1, fcntlCmd), (2, .flags(X.dnotifyFlags)))
        static let fcntlSetLease = p((0, .fd), (1, fcntlCmd), (2, .xval(X.lockTypes)))
        static let fcntlGetLease = p((0, .fd), (1, fcntlCmd), ret: .fcntlGetLease)
        static let fcntlGetSig = p((0, .fd), (1, fcntlCmd), ret: .fcntlGetSig)
        static let fcntlSetLock = p((0, .fd), (1, fcntlCmd), (2, .flock(getlk: false)))
        static let fcntlGetLock = p((0, .fd), (1, fcntlCmd), (2, .out(.flock(getlk: true))))
    }

    private static func fcntl(_ a: SyscallArgs) -> Plan {
        switch a[1] & 0xffff_ffff {                                  // an unsigned int, as the kernel reads it
        case 0, 0x406: return Plans.fcntlDup
        case 1: return Plans.fcntlGetFD
        case 2: return Plans.fcntlSetFD
        case 3: return Plans.fcntlGetFL
        case 4: return Plans.fcntlSetFL
        case 8, 0x407: return Plans.fcntlInt
        case 10: return Plans.fcntlSignal
        case 6, 7, 13, 14, 0x25, 0x26: return Plans.fcntlSetLock     // F_SETLK(W)(64), F_OFD_SETLK(W)
        case 5, 12, 0x24: return Plans.fcntlGetLock                  // F_GETLK(64), F_OFD_GETLK
        case 0xf: return Plans.fcntlSetOwnEx
        case 0x10: return Plans.fcntlGetOwnEx
        case 0x400: return Plans.fcntlSetLease
        case 0x402: return Plans.fcntlNotify
        case 0x401: return Plans.fcntlGetLease
        case 11: return Plans.fcntlGetSig
        case 9, 0x408, 0x40a: return Plans.fcntlNoArg
        default: return Plans.fcntlHex
        }
    }

    private static func ioctl(_ a: SyscallArgs) -> Plan {
        let cmd = a[1] & 0xffff_ffff
        let third: Arg?
        switch cmd {
        case 0x541b, 0x540f, 0x5429: third = .out(.intPtr)           // FIONREAD TIOCGPGRP TIOCGSID
        case 0x5410, 0x5421, 0x5452, 0x40045431: third = .intPtr     // TIOCSPGRP FIONBIO FIOASYNC TIOCSPTLCK
        case 0x80045430: third = .out(.uintPtr)                     // TIOCGPTN
        case 0x5413: third = .out(.winsize)                         // TIOCGWINSZ
        case 0x5414: third = .winsize                               // TIOCSWINSZ
        case 0x40049409: third = .int                               // FICLONE: the source fd, as an int
        case 0x5450, 0x5451, 0x5422, 0x540c, 0x540d, 0x5437: third = nil // FIONCLEX FIOCLEX TIOCNOTTY …
        default: third = .hex
        }
        var s = [Slot(index: 0, arg: .fd), Slot(index: 1, arg: .ioctlCmd)]
        if let third { s.append(Slot(index: 2, arg: third)) }
        return Plan(slots: s)
    }

    private static func prctl(_ a: SyscallArgs) -> Plan {
        let o: Arg = .xval(X.prctlOptions)
        let hex4: [Arg] = [.hex, .hex, .hex, .hex]
        switch a[0] {
        case 15: return Plan([o, .str])                                    // PR_SET_NAME
        case 16: return Plan([o, .out(.str)])                              // PR_GET_NAME
        case 1: return Plan([o, .signal])                                  // PR_SET_PDEATHSIG
        case 2: return Plan([o, .out(.signalPtr)])                         // PR_GET_PDEATHSIG
        case 4: return Plan([o, .xval(X.suidDump)])                        // PR_SET_DUMPABLE
        case 3: return Plan([o], .xvalNote(X.suidDump))                    // PR_GET_DUMPABLE
        case 0x26: return Plan([o, .ulong, .hex, .hex, .hex])              // PR_SET_NO_NEW_PRIVS
        case 0x27, 0x2a, 0x22: return Plan([o] + hex4)                     // PR_GET_NO_NEW_PRIVS …
        case 0x24, 0x8, 0x1d, 0x29: return Plan([o, .ulong])               // SET_CHILD_SUBREAPER …
        case 0x25: return Plan([o, .out(.intPtr)])                         // PR_GET_CHILD_SUBREAPER
        case 0x7, 0x15, 0x1e: return Plan([o])                             // GET_KEEPCAPS/SECCOMP/TIMERSLACK
        case 0x17, 0x18: return Plan([o, .xval(X.capabilities)])           // PR_CAPBSET_READ/DROP
        case 0x16: return a[1] == 2 ? Plan([o, .xval(X.seccompModes), .ptr]) : Plan([o, .xval(X.seccompModes)])
        case 0x2f:                                                         // PR_CAP_AMBIENT
            return a[1] == 4 ? Plan([o, .xval(X.capAmbientOps)])
                             : Plan([o, .xval(X.capAmbientOps), .xval(X.capabilities)])
        case 0x59616d61: return Plan([o, .int])                            // PR_SET_PTRACER
        default: return Plan([o] + hex4)
        }
    }

    private static func futex(_ a: SyscallArgs) -> Plan {
        let op: Arg = .xval(X.futexOps)
        switch a[1] & 0x7f {
        case 0: return p((0, .ptr), (1, op), (2, .uint), (3, .timespec))
        case 1, 2: return p((0, .ptr), (1, op), (2, .uint))
        case 3: return p((0, .ptr), (1, op), (2, .uint), (3, .uint), (4, .ptr))
        case 4, 12: return p((0, .ptr), (1, op), (2, .uint), (3, .uint), (4, .ptr), (5, .uint))
        case 5: return p((0, .ptr), (1, op), (2, .uint), (3, .uint), (4, .ptr), (5, .hex))
        case 6, 13: return p((0, .ptr), (1, op), (3, .timespec))
        case 7, 8: return p((0, .ptr), (1, op))
        case 9: return p((0, .ptr), (1, op), (2, .uint), (3, .timespec), (5, .futexBitset))
        case 10: return p((0, .ptr), (1, op), (2, .uint), (5, .futexBitset))
        case 11: return p((0, .ptr), (1, op), (2, .uint), (3, .timespec), (4, .ptr))
        default: return p((0, .ptr), (1, op), (2, .hex), (3, .hex), (4, .hex), (5, .hex))
        }
    }
}
