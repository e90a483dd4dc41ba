// The debugging and key calls whose arguments depend on a command (`Arg.dbg`,
// `Dynamic.dbg`): ptrace (strace 6.1's ptrace.c, regset.c, ptrace_syscall_info.c). keyctl
// and perf_event_open are in StructFormat+Keys.swift and StructFormat+Perf.swift.

/// How one argument of these calls is shown.
enum DbgArg: Sendable {
    // ptrace
    /// PEEKUSER's and POKEUSER's address: an offset into struct user, `8*RAX`,
    /// `offsetof(struct user, u_debugreg)+8` (print_user_offset_addr).
    case userOffset
    /// PTRACE_PEEKSIGINFO's `struct ptrace_peeksiginfo_args`.
    case peeksiginfoArgs
    /// An unsigned long the kernel stores: `[17]` (printnum_ulong).
    case ulongPtr
    /// (exit) PTRACE_GETREGSET's iovec and the registers in it, the note type in argument
    /// `note`: `{iov_base={r15=0x…, …}, iov_len=216}`, `iov_len=512 => 216` when the kernel
    /// changed the length.
    case getRegset(note: Int)
    /// (exit) PTRACE_SETREGSET's iovec, as strace shows it at entry and its length at exit.
    case setRegset(note: Int)
    /// PTRACE_GETREGS' and SETREGS' `struct user_regs_struct`.
    case ptRegs
    /// PTRACE_GETFPREGS' and SETFPREGS' `struct user_fpregs_struct`.
    case ptFpregs
    /// (exit) PTRACE_SECCOMP_GET_METADATA's `struct seccomp_metadata`, its size in argument
    /// `size` at entry and the result at exit.
    case seccompMetadata(size: Int)
    /// (exit) PTRACE_PEEKSIGINFO's siginfo array, as many as the result.
    case siginfoArray
    /// (exit) PTRACE_GET_SYSCALL_INFO's `struct ptrace_syscall_info`, the caller's size in
    /// argument `size`.
    case syscallInfo(size: Int)
    /// (exit) PTRACE_SECCOMP_GET_FILTER's instructions, as many as the result (an unsigned
    /// short): their address unless -v (print_seccomp_fprog).
    case seccompFilter

    // keyctl and perf_event_open (StructFormat+Keys.swift, StructFormat+Perf.swift)
    case key(KeyArg)
    case perf(PerfArg)
}

/// Calls of this family whose printed arguments depend on other arguments' values.
enum DbgCall: Sendable, Equatable {
    case ptrace, keyctl
}

enum DbgPlans {
    static func resolve(_ c: DbgCall, abi: SyscallABI, _ a: SyscallArgs) -> Plan {
        switch c {
        case .ptrace: return ptrace(a)
        case .keyctl: return keyctl(a)
        }
    }

    /// The plan that stands for every shape (SyscallSpec.typicalPlan): ptrace with a pid.
    static func typical(_ c: DbgCall) -> Plan {
        switch c {
        case .ptrace:
            var a = SyscallArgs((0, 0, 0, 0, 0, 0))
            a[0] = 0x4200
            return ptrace(a)
        case .keyctl: return keyctl(SyscallArgs((0, 0, 0, 0, 0, 0)))
        }
    }

    static func shapes(_ c: DbgCall) -> [SyscallArgs] {
        func at(_ index: Int, _ values: [UInt64]) -> [SyscallArgs] { SyscallArgs.shapes(at: index, values) }
        switch c {
        case .ptrace:
            return at(0, [0, 1, 2, 3, 6, 7, 0xc, 0xd, 0xe, 0xf, 0x10, 0x4200, 0x4201, 0x4202, 0x4203, 0x4204, 0x4205,
                          0x4209, 0x420a, 0x420b, 0x420c, 0x420d, 0x420e])
        case .keyctl: return keyctlShapes(at)
        }
    }

    private static func p(_ slots: (Int, Arg)...) -> Plan {
        Plan(slots: slots.map { Slot(index: $0.0, arg: $0.1) })
    }

    /// strace's decode_ptrace_entering and _exiting: which arguments each request shows.
    static func ptrace(_ a: SyscallArgs) -> Plan {
        let req: Arg = .proc(.xval64(X.ptraceCmds))
        let r = a[0]
        switch r {
        case 0: return p((0, req))                                          // TRACEME
        case 0x10, 0x4207, 8, 0x4208: return p((0, req), (1, .pid))           // ATTACH INTERRUPT KILL LISTEN
        case 0xd: return p((0, req), (1, .pid), (3, .dbg(.ptRegs)))           // SETREGS
        case 0xf: return p((0, req), (1, .pid), (3, .dbg(.ptFpregs)))         // SETFPREGS
        case 0xc: return p((0, req), (1, .pid), (3, .out(.dbg(.ptRegs))))     // GETREGS
        case 0xe: return p((0, req), (1, .pid), (3, .out(.dbg(.ptFpregs))))   // GETFPREGS
        default: break
        }
        let addr: Arg
        switch r {
        case 3, 6: addr = .dbg(.userOffset)
        case 0x4204, 0x4205: addr = .xval(X.ntDescriptorTypes)
        case 0x420a, 0x420b, 0x420c, 0x420d, 0x420e: addr = .ulong
        case 0x4209: addr = .dbg(.peeksiginfoArgs)
        default: addr = .ptr
        }
        let data: Arg
        switch r {
        case 7, 0x11, 0x18, 9, 0x21, 0x1f, 0x20: data = .signal
        case 0x4206, 0x4200, 0x15: data = .flags64(X.ptraceOptions)
        case 0x4203: data = .siginfo
        case 0x420b: data = .sigset(size: 2)
        case 0x4204: data = .out(.dbg(.getRegset(note: 2)))
        case 0x4205: data = .out(.dbg(.setRegset(note: 2)))
        case 0x420d: data = .out(.dbg(.seccompMetadata(size: 2)))
        case 1, 2, 3: data = .out(.hexPtr)
        case 0x4201: data = .out(.dbg(.ulongPtr))
        case 0x4202: data = .out(.siginfo)
        case 0x420a: data = .out(.sigset(size: 2))
        case 0x4209: data = .out(.dbg(.siginfoArray))
        case 0x420c: data = .out(.dbg(.seccompFilter))
        case 0x420e: data = .out(.dbg(.syscallInfo(size: 2)))
        default: data = .ptr
        }
        return p((0, req), (1, .pid), (2, addr), (3, data))
    }
}

extension ArgContext {
    /// Argument `i` shown as `k`.
    mutating func dbgValue(_ k: DbgArg, _ i: Int) -> SyscallValue {
        let v = args[i]
        switch k {
        case .userOffset: return userOffset(v)
        case .peeksiginfoArgs:
            guard let b = read(v, 16) else { return .pointer(v) }
            return .structure([F("off", .uint(b.u64(0))), F("flags", X.ptracePeeksiginfoFlags.flagsValue(b.u32(8))),
                               F("nr", .uint(b.u32(12)))])
        case .ulongPtr: return scalarPtr(v, word) { .uint($0) }
        case .ptRegs: return prstatusRegs(v, size: abi == .x86_64 ? 216 : 68)
        case .ptFpregs: return fpregs(v, size: abi == .x86_64 ? 512 : 108)
        case .getRegset(let note): return getRegset(v, note: args[note] & 0xffff_ffff, i)
        case .setRegset(let note): return setRegset(v, note: args[note] & 0xffff_ffff, i)
        case .seccompMetadata(let size): return seccompMetadata(v, size: args[size])
        case .siginfoArray:
            let count = isError ? UInt64.max : UInt64(bitPattern: ret)
            let ctx = self
            let pid: ((Int32) -> SyscallValue)? = options.pidComm ? { ctx.pidValue(Int64($0)) } : nil
            return printArray(v, count: count, size: 128) {
                SigInfoFormat.value(Self.siginfo($0), pid: pid, fd: { ctx.fdValue($0) })
            }
        case .syscallInfo(let size): return syscallInfo(v, userLen: args[size])
        case .seccompFilter:
            // A failed call's result is -1: 65535 instructions, as strace reads them.
            return bpfFilter(v, count: Int(UInt16(truncatingIfNeeded: isError ? -1 : ret)), .seccomp)
        case .key(let key): return keyValue(key, i)
        case .perf(let perf): return perfValue(perf, i)
        }
    }

    /// An output of these kinds at exit: the address when the call failed, except where
    /// strace shows more.
    mutating func dbgValueOut(_ k: DbgArg, _ i: Int) -> SyscallValue {
        switch k {
        case .getRegset, .setRegset, .seccompMetadata, .siginfoArray, .syscallInfo, .seccompFilter: return dbgValue(k, i)
        case .key(let key): return keyValueOut(key, i)
        case .perf(let perf): return perfValueOut(perf, i)
        default: return isError ? .pointer(args[i]) : dbgValue(k, i)
        }
    }

    /// What an argument of these kinds shows at exit, read at entry.
    func dbgSave(_ k: DbgArg, _ i: Int, into saved: inout [Int: UInt64]) {
        switch k {
        case .getRegset, .setRegset:
            // The length the caller gave; none when the iovec cannot be read.
            if let b = read(args[i], 2 * word) { saved[i] = b.word(word, word) }
        case .key(let key): keySave(key, i, into: &saved)
        case .perf(let perf): perfSave(perf, i, into: &saved)
        default: break
        }
    }

    /// print_user_offset_addr: the named offset at or below the address, and how far past it
    /// (x86_64's struct user whatever the tracee's ABI, as strace built for x86_64 shows it).
    func userOffset(_ addr: UInt64) -> SyscallValue {
        let table = X.userOffsetsX86_64
        guard let base = table.last(where: { $0.0 <= addr }), let last = table.last,
              !(addr > base.0 && base.0 == last.0) else { return .pointer(addr) }
        let name = base.0 == addr ? base.1 : base.1 + "+" + String(addr - base.0)
        switch DecodeStyle.current.xlat {
        case .abbrev: return .symbol(Int64(bitPattern: addr), name: name, text: name)
        case .raw: return .pointer(addr)
        case .verbose: return .symbol(Int64(bitPattern: addr), name: name, text: Fmt.addr(addr) + " /* " + name + " */")
        }
    }

    static let prstatusNames = ["r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx",
                                "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base",
                                "gs_base", "ds", "es", "fs", "gs"]

    static let prstatusNamesI386 = ["ebx", "ecx", "edx", "esi", "edi", "ebp", "eax", "xds", "xes", "xfs", "xgs",
                                    "orig_eax", "eip", "xcs", "eflags", "esp", "xss"]

    /// The tracee's struct user_regs_struct of `size` bytes (arch_prstatus_regset.c): the
    /// registers that fit, `...` when larger than the structure; the address for a size of
    /// 0 or not a multiple of the registers' size.
    func prstatusRegs(_ addr: UInt64, size: UInt64) -> SyscallValue {
        if abi == .i386 {
            if size == 0 || size & 3 != 0 { return .pointer(addr) }
            let fetch = Int(min(size, 68))
            guard let b = read(addr, fetch) else { return .pointer(addr) }
            let f = Self.prstatusNamesI386.enumerated().filter { $0.offset * 4 < fetch }.map { k, name -> ParamField in
                let r = b.u32(k * 4)
                return F(name, .uint(r, text: Fmt.hex(r)))
            }
            return .structure(f, more: size > 68)
        }
        if size == 0 || size & 7 != 0 { return .pointer(addr) }
        let fetch = Int(min(size, 216))
        guard let b = read(addr, fetch) else { return .pointer(addr) }
        var f: [ParamField] = []
        for (k, name) in Self.prstatusNames.enumerated() where k * 8 < fetch {
            let r = b.u64(k * 8)
            f.append(F(name, .uint(r, text: Fmt.hex(r))))
        }
        return .structure(f, more: size > 216)
    }

    /// The tracee's struct user_fpregs_struct of `size` bytes (arch_fpregset.c), as the
    /// registers (i386's user_i387_struct).
    func fpregs(_ addr: UInt64, size: UInt64) -> SyscallValue {
        func hex(_ v: UInt64) -> SyscallValue { .uint(v, text: Fmt.hex(v)) }
        if abi == .i386 {
            if size == 0 || size & 3 != 0 { return .pointer(addr) }
            let fetch = Int(min(size, 108))
            guard let b = read(addr, fetch) else { return .pointer(addr) }
            var f: [ParamField] = []
            for (k, name) in ["cwd", "swd", "twd", "fip", "fcs", "foo", "fos"].enumerated() where k == 0 || k * 4 < fetch {
                f.append(F(name, hex(b.u32(k * 4))))
            }
            if fetch > 28 {
                let n = min((fetch - 28) / 4, 20)
                let shown = abbreviated && limit < n ? limit : n
                f.append(F("st_space", .array((0..<shown).map { hex(b.u32(28 + 4 * $0)) }, more: shown < n)))
            }
            return .structure(f, more: size > 108)
        }
        if size == 0 || size & 7 != 0 { return .pointer(addr) }
        let fetch = Int(min(size, 512))
        guard let b = read(addr, fetch) else { return .pointer(addr) }
        var f = [F("cwd", hex(b.u16(0)))]
        let scalars: [(String, Int, Int)] = [("swd", 2, 2), ("ftw", 4, 2), ("fop", 6, 2), ("rip", 8, 8), ("rdp", 16, 8),
                                             ("mxcsr", 24, 4), ("mxcr_mask", 28, 4)]
        for (name, off, width) in scalars where fetch > off {
            f.append(F(name, hex(width == 2 ? b.u16(off) : width == 4 ? b.u32(off) : b.u64(off))))
        }
        for (name, off, count) in [("st_space", 32, 32), ("xmm_space", 160, 64), ("padding", 416, 24)] where fetch > off {
            let n = min((fetch - off) / 4, count)
            let shown = abbreviated && limit < n ? limit : n
            f.append(F(name, .array((0..<shown).map { hex(b.u32(off + 4 * $0)) }, more: shown < n)))
        }
        return .structure(f, more: size > 512)
    }

    /// decode_regset: the registers of note type `nt` at `base`, `len` bytes. An i386
    /// tracee's by address: trace --bpf could not read them (its iovec's pointer is 32 bits).
    func regset(_ base: UInt64, len: UInt64, nt: UInt64) -> SyscallValue {
        if abi == .i386 { return .pointer(base) }
        switch nt {
        case 1: return prstatusRegs(base, size: len)
        case 2: return fpregs(base, size: len)
        default: return .pointer(base)
        }
    }

    /// decode_getregset at exit: the registers the kernel wrote (the address when it
    /// failed), and the length before and after.
    func getRegset(_ addr: UInt64, note: UInt64, _ i: Int) -> SyscallValue {
        guard let before = saved[i], let b = read(addr, 2 * word) else { return .pointer(addr) }
        let base = b.word(0, word), len = b.word(word, word)
        let regs = isError ? SyscallValue.pointer(base) : regset(base, len: len, nt: note)
        let length: SyscallValue = before == len ? .uint(len) : .change(.uint(before), .uint(len))
        return .structure([F("iov_base", regs), F("iov_len", length)])
    }

    /// decode_setregset: the registers the caller gave, and the length the kernel left.
    func setRegset(_ addr: UInt64, note: UInt64, _ i: Int) -> SyscallValue {
        guard let before = saved[i], let b = read(addr, 2 * word) else { return .pointer(addr) }
        let base = b.word(0, word), len = b.word(word, word)
        let length: SyscallValue = before == len ? .uint(before) : .change(.uint(before), .uint(len))
        return .structure([F("iov_base", regset(base, len: before, nt: note)), F("iov_len", length)])
    }

    /// decode_seccomp_metadata: filter_off as the caller gave it, then the flags the kernel
    /// wrote when the result (the size it copied) covers them.
    func seccompMetadata(_ addr: UInt64, size: UInt64) -> SyscallValue {
        guard size >= 8, let b = read(addr, 8) else { return .pointer(addr) }
        var f = [F("filter_off", .uint(b.u64(0)))]
        let copied = UInt64(bitPattern: ret)
        if !isError && copied > 8 {
            // tprint_unavailable: `???` where the flags would be.
            guard copied >= 16, let fl = read(addr &+ 8, 8) else {
                f.append(ParamField(bare: "flags", .expr("???", json: nil)))
                return .structure(f)
            }
            f.append(F("flags", X.seccompFilterFlags.flagsValue(fl.u64(0))))
            return .structure(f, more: copied > 16)
        }
        return .structure(f)
    }

    /// print_ptrace_syscall_info: as much of the structure as the kernel and the caller's
    /// size allow.
    func syscallInfo(_ addr: UInt64, userLen: UInt64) -> SyscallValue {
        let kernelLen = isError ? UInt64.max : UInt64(bitPattern: ret)
        let fetch = Int(min(min(userLen, kernelLen), 84))
        guard fetch > 0, let b = read(addr, fetch) else { return .pointer(addr) }
        let op = b.u8(0)
        var f = [F("op", X.ptraceSyscallInfoOps.symbolValue(op))]
        guard fetch >= 8 else { return .structure(f) }
        let arch = UInt32(b.u32(4))
        f.append(F("arch", X.auditArchs.symbolValue(UInt64(arch))))
        guard fetch >= 16 else { return .structure(f) }
        f.append(F("instruction_pointer", .pointer(b.u64(8))))
        guard fetch >= 24 else { return .structure(f) }
        f.append(F("stack_pointer", .pointer(b.u64(16))))
        guard fetch >= 32 else { return .structure(f) }
        func args() -> SyscallValue? {
            let n = min((fetch - 32) / 8, 6)
            if n == 0 { return nil }
            let shown = abbreviated && limit < n ? limit : n
            return .array((0..<shown).map { k in let a = b.u64(32 + 8 * k); return .uint(a, text: Fmt.hex(a)) },
                          more: shown < n)
        }
        switch op {
        case 1, 3:
            let nr = b.u64(24)
            var e = [F("nr", Self.syscallNumber(nr, shown: nr, arch: arch, current: abi))]
            if let a = args() { e.append(F("args", a)) }
            if op == 3 && fetch >= 84 { e.append(F("ret_data", .uint(b.u32(80)))) }
            f.append(F(op == 1 ? "entry" : "seccomp", .structure(e)))
        case 2:
            let rval = b.i64(24)
            let full = fetch >= 33
            let isErr = full && b.u8(32) != 0
            var e = [F("rval", isErr ? Self.negatedErrnoValue(rval) : .int(rval))]
            if full { e.append(F("is_error", .uint(b.u8(32)))) }
            f.append(F("exit", .structure(e)))
        default: break
        }
        return .structure(f)
    }

    /// PRINT_FIELD_ERR_D: `-ENOENT`, `-2 /* -ENOENT */` (-X verbose), `-2` (-X raw or unknown).
    static func negatedErrnoValue(_ v: Int64) -> SyscallValue {
        guard v < 0, v > Int64(Int32.min), let name = ErrnoNames.name(Int32(-v)) else { return .int(v) }
        let text = DecodeStyle.constant("-" + name, number: String(v))
        return .int(v, text: text)
    }

    /// PRINT_FIELD_SYSCALL_NAME: a syscall number `shown` (as strace prints it, unsigned) of
    /// the architecture `arch`: `__NR_read` when it is the tracee's own, `5 /* open */` when
    /// another the table knows, the number otherwise.
    static func syscallNumber(_ nr: UInt64, shown: UInt64, arch: UInt32, current: SyscallABI?) -> SyscallValue {
        let abi: SyscallABI
        switch arch {
        case 0xc000_003e: abi = .x86_64
        case 0x4000_0003: abi = .i386
        default: return .uint(shown)
        }
        guard nr < 4096, let name = SyscallSpecs.name(Int(nr), abi: abi) else { return .uint(shown) }
        let own = current == nil || current == abi
        let number = String(shown)
        let text: String
        switch DecodeStyle.current.xlat {
        case .raw: text = number
        case .abbrev: text = own ? "__NR_" + name : number + " /* " + name + " */"
        case .verbose: text = number + " /* " + (own ? "__NR_" : "") + name + " */"
        }
        return .symbol(Int64(bitPattern: shown), name: "__NR_" + name, text: text)
    }
}

extension CapturePlanner {
    func addDbgSaved(_ k: DbgArg, _ i: Int, to plan: inout CapturePlan) {
        switch k {
        case .getRegset, .setRegset: plan.add(CaptureOp(.memory, a: i, max: 2 * word), exiting: false)
        case .key(let key): addKeySaved(key, i, to: &plan)
        case .perf(let perf): addPerfSaved(perf, i, to: &plan)
        default: break
        }
    }

    func addDbg(_ k: DbgArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        func mem(_ n: Int) { plan.add(CaptureOp(.memory, a: i, max: n), exiting: exiting) }
        switch k {
        case .userOffset: break
        case .peeksiginfoArgs, .seccompMetadata: mem(16)
        case .ulongPtr: mem(word)
        case .ptRegs: mem(word == 8 ? 216 : 68)
        case .ptFpregs: mem(word == 8 ? 512 : 108)
        case .getRegset, .setRegset:
            // The iovec, and the registers at the address it starts with (the kernel reads
            // the address as a 64-bit word: an i386 tracee's registers are not captured).
            if word == 8 { plan.add(CaptureOp(.dereference, a: i, max: 512), exiting: exiting) }
        case .siginfoArray:
            plan.add(CaptureOp(.memoryByResult, a: i, scale: 128, max: min((elements + 1) * 128, CapturePlan.chunkLimit)),
                     exiting: true)
        case .syscallInfo: mem(84)
        case .seccompFilter:
            plan.add(CaptureOp(.memoryByResult, a: i, scale: 8, max: CapturePlan.chunkLimit), exiting: true)
        case .key(let key): addKey(key, i, exiting: exiting, to: &plan)
        case .perf(let perf): addPerf(perf, i, exiting: exiting, to: &plan)
        }
    }
}
