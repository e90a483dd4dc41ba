// keyctl (strace 6.1's keyctl.c): a 32-bit command, then the arguments that command takes.

/// How one argument of keyctl is shown (`DbgArg.key`).
enum KeyArg: Sendable {
    /// (exit) The bytes the kernel wrote, the result's count of them but at most the length
    /// in argument `len`; `omitNul`: a NUL that ends them is not shown (DESCRIBE, GET_SECURITY).
    case readBuffer(len: Int, omitNul: Bool)
    /// An error number, unsigned (print_err): `ENODEV`, else the number.
    case errnoU
    /// KEYCTL_DH_COMPUTE's `struct keyctl_dh_params`.
    case dhParams
    /// (exit) KEYCTL_DH_COMPUTE's `struct keyctl_kdf_params`.
    case kdfParams
    /// (exit) KEYCTL_PKEY_QUERY's `struct keyctl_pkey_query`.
    case pkeyQuery
    /// The PKEY operations' `struct keyctl_pkey_params`; `out`: with out_len (else in2_len).
    case pkeyParams(out: Bool)
    /// A PKEY operation's input: as many bytes as in_len (`second`: in2_len) of the
    /// parameters in argument `params`; the address when those cannot be read.
    case pkeyInput(params: Int, second: Bool)
    /// (exit) A PKEY operation's output: out_len bytes of the parameters read at entry.
    case pkeyOutput
    /// (exit) KEYCTL_CAPABILITIES' bytes, the buffer's size in argument `len`.
    case capabilities(len: Int)
}

extension DbgPlans {
    /// strace's keyctl: the command, then each command's own arguments.
    static func keyctl(_ a: SyscallArgs) -> Plan {
        let cmd: Arg = .xval(X.keyctlCommands)
        let serial: Arg = .fsnet(.keySerial)
        func k(_ key: KeyArg) -> Arg { .dbg(.key(key)) }
        let args: [Arg]
        switch a[0] & 0xffff_ffff {
        case 0: args = [serial, .int]                                          // GET_KEYRING_ID
        case 1: args = [.str]                                                  // JOIN_SESSION_KEYRING
        case 2: args = [serial, .bufIn(3), .ulong]                             // UPDATE
        case 3, 7, 0x15, 0x10: args = [serial]                                 // REVOKE CLEAR INVALIDATE ASSUME_AUTHORITY
        case 8, 9: args = [serial, serial]                                     // LINK UNLINK
        case 6, 0x11: args = [serial, .out(k(.readBuffer(len: 3, omitNul: true))), .ulong]  // DESCRIBE GET_SECURITY
        case 0xb: args = [serial, .out(k(.readBuffer(len: 3, omitNul: false))), .ulong]     // READ
        case 0xa: args = [serial, .str, .str, serial]                          // SEARCH
        case 4: args = [serial, .uid, .uid]                                    // CHOWN
        case 5: args = [serial, .flags(X.keyPerms)]                            // SETPERM
        case 0xc: args = [serial, .bufIn(3), .ulong, serial]                   // INSTANTIATE
        case 0xd: args = [serial, .uint, serial]                               // NEGATE
        case 0xe: args = [.xvalInt(X.keyReqkeys)]                              // SET_REQKEY_KEYRING
        case 0xf: args = [serial, .uint]                                       // SET_TIMEOUT
        case 0x12: args = []                                                   // SESSION_TO_PARENT
        case 0x13: args = [serial, .uint, k(.errnoU), serial]                  // REJECT
        case 0x14: args = [serial, .iov(3), .ulong, serial]                    // INSTANTIATE_IOV
        case 0x16: args = [.uid, serial]                                       // GET_PERSISTENT
        case 0x17: args = [k(.dhParams), .out(k(.readBuffer(len: 3, omitNul: false))), .ulong, k(.kdfParams)]
        case 0x18: args = [serial, .hex, .str, .out(k(.pkeyQuery))]           // PKEY_QUERY
        // The inputs are shown at exit (strace shows them at entry; the text is the same):
        // trace --bpf then reads them there, where it has room for them.
        case 0x19, 0x1a, 0x1b:                                                 // PKEY_ENCRYPT DECRYPT SIGN
            args = [k(.pkeyParams(out: true)), .str, .out(k(.pkeyInput(params: 1, second: false))), .out(k(.pkeyOutput))]
        case 0x1c:                                                             // PKEY_VERIFY
            args = [k(.pkeyParams(out: false)), .str, .out(k(.pkeyInput(params: 1, second: false))),
                    .out(k(.pkeyInput(params: 1, second: true)))]
        case 0x1d: args = [serial, .str, .str]                                 // RESTRICT_KEYRING
        case 0x1e: args = [serial, serial, serial, .flags(X.keyctlMoveFlags)]  // MOVE
        case 0x1f: args = [.out(k(.capabilities(len: 2))), .ulong]             // CAPABILITIES
        default: args = [.hex, .hex, .hex, .hex]
        }
        return Plan(slots: [Slot(index: 0, arg: cmd)] + args.enumerated().map { Slot(index: $0.offset + 1, arg: $0.element) })
    }

    static func keyctlShapes(_ at: (Int, [UInt64]) -> [SyscallArgs]) -> [SyscallArgs] {
        at(0, [0, 1, 2, 3, 4, 5, 6, 8, 0xa, 0xb, 0xc, 0xd, 0xe, 0x11, 0x12, 0x13, 0x14, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c,
               0x1d, 0x1f, 0x40])
    }
}

extension ArgContext {
    /// Argument `i` shown as `k`.
    mutating func keyValue(_ k: KeyArg, _ i: Int) -> SyscallValue {
        let v = args[i]
        switch k {
        case .readBuffer(let len, let omitNul):
            if isError { return .pointer(v) }
            let n = ret >= 0 && UInt64(ret) > args[len] ? args[len] : UInt64(bitPattern: ret)
            return keyString(v, len: n, omitNul: omitNul)
        case .errnoU:
            let e = v & 0xffff_ffff
            guard let name = ErrnoNames.name(Int32(truncatingIfNeeded: e)), e < 4096 else { return .uint(e) }
            return .symbol(Int64(e), name: name, text: DecodeStyle.constant(name, number: String(e)))
        case .dhParams:
            guard let b = read(v, 12) else { return .pointer(v) }
            return .structure([F("private", serial(b.i32(0))), F("prime", serial(b.i32(4))), F("base", serial(b.i32(8)))])
        case .kdfParams: return kdfParams(v)
        case .pkeyQuery:
            guard let b = read(v, 56) else { return .pointer(v) }
            var f = [F("supported_ops", X.keyctlPkeyOps.flagsValue(b.u32(0))), F("key_size", .uint(b.u32(4)))]
            for (k, name) in ["max_data_size", "max_sig_size", "max_enc_size", "max_dec_size"].enumerated() {
                f.append(F(name, .uint(b.u16(8 + 2 * k))))
            }
            if let spare = Self.spareArray(b, at: 16, count: 10) { f.append(F("__spare", spare)) }
            return .structure(f)
        case .pkeyParams(let out):
            guard let b = read(v, 40) else { return .pointer(v) }
            var f = [F("key_id", serial(b.i32(0))), F("in_len", .uint(b.u32(4))), F(out ? "out_len" : "in2_len", .uint(b.u32(8)))]
            if let spare = Self.spareArray(b, at: 12, count: 7) { f.append(F("__spare", spare)) }
            return .structure(f)
        case .pkeyInput(let params, let second):
            guard let b = read(args[params], 40) else { return .pointer(v) }
            return keyString(v, len: b.u32(second ? 8 : 4), omitNul: false)
        case .pkeyOutput:
            guard let outLen = saved[i], !isError else { return .pointer(v) }
            return keyString(v, len: outLen, omitNul: false)
        case .capabilities(let len):
            if isError { return .pointer(v) }
            let count = min(args[len], UInt64(bitPattern: ret))
            var pos = 0
            return printArray(v, count: count, size: 1) { b in
                defer { pos += 1 }
                let e = b.u8(0)
                switch pos {
                case 0: return X.keyctlCaps0.flagsValue(e)
                case 1: return X.keyctlCaps1.flagsValue(e)
                default: return .uint(e, text: Fmt.hex(e))
                }
            }
        }
    }

    /// At exit: the kinds show themselves whether the call failed or not, but for
    /// PKEY_QUERY's result (umove_or_printaddr).
    mutating func keyValueOut(_ k: KeyArg, _ i: Int) -> SyscallValue {
        if case .pkeyQuery = k, isError { return .pointer(args[i]) }
        return keyValue(k, i)
    }

    /// PKEY operations: the out_len the caller gave, for the output at exit.
    func keySave(_ k: KeyArg, _ i: Int, into saved: inout [Int: UInt64]) {
        if case .pkeyOutput = k, let b = read(args[1], 40) { saved[i] = b.u32(8) }
    }

    func serial(_ v: Int64) -> SyscallValue { Self.decimalSymbol(X.keySpecs, v) }

    /// A `__spare` array of u32 in hex, when any of it is set (IS_ARRAY_ZERO).
    static func spareArray(_ b: Bytes, at o: Int, count: Int) -> SyscallValue? {
        let words = (0..<count).map { b.u32(o + 4 * $0) }
        if words.allSatisfy({ $0 == 0 }) { return nil }
        return .array(words.map { .uint($0, text: Fmt.hex($0)) })
    }

    /// strace's printstr_ex of `len` bytes: cut at -s with `...`; `omitNul`: a NUL that
    /// ends what is shown is dropped (and nothing is cut). Read whatever -e verbose= says,
    /// as strings are (ArgContext.buffer).
    func keyString(_ addr: UInt64, len: UInt64, omitNul: Bool) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        var value = SyscallValue.pointer(addr)
        _ = memory.withBytes(at: addr, count: bufferRead(Int(min(len, 1 << 30)))) { b in
            var bytes = Array(b.prefix(limit))
            if omitNul, let last = bytes.last, last == 0 {
                bytes.removeLast()
                value = .string(bytes, truncated: false)
            } else {
                value = .string(bytes, truncated: len > UInt64(limit))
            }
        }
        return value
    }

    /// struct keyctl_kdf_params: the hash's name, the other info (its bytes when it has a
    /// length), and the spare words when set.
    func kdfParams(_ addr: UInt64) -> SyscallValue {
        let w = word
        // sizeof: the fields' 2 * w + 36 bytes, padded to a word (56 on x86_64).
        guard let b = read(addr, (2 * w + 36 + w - 1) / w * w) else { return .pointer(addr) }
        let other = b.word(w, w), otherLen = b.u32(2 * w)
        var f = [F("hashname", cString(b.word(0, w), path: false)),
                 F("otherinfo", otherLen != 0 ? keyString(other, len: otherLen, omitNul: false) : .pointer(other)),
                 F("otherinfolen", .uint(otherLen))]
        if let spare = Self.spareArray(b, at: 2 * w + 4, count: 8) { f.append(F("__spare", spare)) }
        return .structure(f)
    }
}

extension CapturePlanner {
    func addKeySaved(_ k: KeyArg, _ i: Int, to plan: inout CapturePlan) {
        if case .pkeyOutput = k { plan.add(CaptureOp(.memory, a: 1, max: 40), exiting: false) }
    }

    func addKey(_ k: KeyArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        func mem(_ n: Int) { plan.add(CaptureOp(.memory, a: i, max: n), exiting: exiting) }
        switch k {
        case .readBuffer:
            plan.add(CaptureOp(.memoryByResult, a: i, max: min(limit + 1, CapturePlan.chunkLimit)), exiting: true)
        case .errnoU: break
        case .dhParams: mem(12)
        case .kdfParams:
            let size = (2 * word + 36 + word - 1) / word * word
            // The hash's name and the other info the struct points at (the kernel reads a
            // 64-bit tracee's pointers).
            if word == 8 {
                plan.add(CaptureOp(.dereferenceAt, a: i, items: size, scale: 0, max: max(stringRead(limit), bytes)),
                         exiting: exiting)
            } else {
                mem(size)
            }
        case .pkeyQuery: mem(56)
        case .pkeyParams: mem(40)
        case .pkeyInput(let params, _):
            plan.add(CaptureOp(.memory, a: params, max: 40), exiting: exiting)
            mem(min(limit + 1, CapturePlan.chunkLimit))
        case .pkeyOutput: mem(min(limit + 1, CapturePlan.chunkLimit))
        case .capabilities: plan.add(CaptureOp(.memoryByResult, a: i, max: min(limit + 1, 256)), exiting: true)
        }
    }
}
