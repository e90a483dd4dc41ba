import Glibc

// The decoders of `Arg.proc`, `Ret.proc` and `Dynamic.proc` (ArgType+Process.swift): memory
// policy, processes, scheduling, time, signals, modules and IPC, printed as strace 6.1 does.

extension ArgContext {
    /// Argument `i` shown as `p`, as a typed value.
    mutating func procValue(_ p: ProcArg, _ i: Int) -> SyscallValue {
        let v = args[i]
        switch p {
        case .mpolMode(let wide): return mpolMode(wide ? v : v & 0xffff_ffff)
        case .mpolModePtr:
            guard let b = read(v, 4) else { return .pointer(v) }
            return .pointee(X.mpolModes.symbolValue(b.u32(0)))
        case .nodemask(let maxnode): return nodemask(v, maxnode: args[maxnode])
        case .addrArray(let n):
            let w = word
            return printArray(v, count: args[n], size: w) { .pointer($0.word(0, w)) }
        case .intArray(let n): return printArray(v, count: args[n], size: 4) { .int($0.i32(0)) }
        case .statusArray(let n): return printArray(v, count: args[n], size: 4) { Self.negatedErrno($0.i32(0)) }
        case .flagsPlain(let x): return x.flagsValue(v & 0xffff_ffff, plain: true)
        case .xvalVerboseDec(let x):
            let n = Int64(Int32(truncatingIfNeeded: v))
            let name = x.name(UInt64(bitPattern: n))
            return .symbol(n, name: name, text: String(n) + " /* " + (name ?? x.unknown) + " */")
        case .xval64(let x): return x.symbolValue(v)
        case .dev32: return dev(v & 0xffff_ffff)
        case .uint32: return .uint(v & 0xffff_ffff)
        case .hex32: return .uint(v & 0xffff_ffff, text: Fmt.hex(v & 0xffff_ffff))
        case .strMax(let len, let max):
            let l = args[len] & 0xffff_ffff
            return l > UInt64(max) ? .pointer(v) : buffer(v, Int(l))
        case .hexBytes(let len): return buffer(v, Int(args[len] & 0xffff_ffff), hex: true)
        case .cStringMax(let most):
            // printstr_ex: min(-s + 1, most) bytes read, up to a NUL; no NUL among them is a
            // cut string; memory that ends before either, the address.
            if v == 0 { return .pointer(0) }
            var value = SyscallValue.pointer(v)
            let read = min(limit + 1, most)
            _ = memory.withCString(at: v, limit: read) { bytes, terminated in
                if !terminated && bytes.count < read { return }
                value = .string(Array(bytes.prefix(limit)), truncated: !terminated)
            }
            return value
        case .kcmpEpollSlot:
            guard let b = read(v, 12) else { return .pointer(v) }
            // Descriptors of pid2, not of the tracee: shown as numbers.
            return .structure([F("efd", .int(b.i32(0))), F("tfd", .int(b.i32(4))), F("toff", .uint(b.u32(8)))])
        case .ioprio: return ioprioValue(UInt32(truncatingIfNeeded: v), signed: true)
        case .mmapFlags64: return mmapFlags64(v)
        case .mfdFlags: return mfdFlags(UInt32(truncatingIfNeeded: v))
        case .kexecFlags:
            let arch = X.kexecArchs.symbolValue(v & 0xffff_0000)
            let rest = v & ~UInt64(0xffff_0000)
            if rest == 0 { return arch }
            let flags = X.kexecLoadFlags.flagsValue(rest)
            return .expr(arch.text + "|" + flags.text, json: .structure([F("arch", arch), F("flags", flags)]))
        case .timePtr:
            guard let b = read(v, 8) else { return .pointer(v) }
            return .pointee(Self.dated(b.i64(0)))
        case .aioIocbs(let n): return aioIocbs(v, count: args[n])
        case .aioIocbHeader:
            guard let b = read(v, Self.iocbSize) else { return .pointer(v) }
            return iocb(b, header: true)
        case .aioEvent:
            guard let b = read(v, 32) else { return .pointer(v) }
            return Self.ioEvent(b)
        case .aioEvents:
            return printArray(v, count: UInt64(max(ret, 0)), size: 32) { Self.ioEvent($0) }
        case .sigframeMask:
            guard let b = read(v, 8) else { return .structure([F("mask", .pointer(v))]) }
            return .structure([F("mask", Self.sigset(b.u64(0), bits: 64))])
        case .sigsetAnySize(let size):
            if v == 0 { return .pointer(0) }
            let n = args[size]
            guard n >= 1, n <= 8, let b = read(v, Int(n)) else { return .pointer(v) }
            let mask = (0..<Int(n)).reduce(UInt64(0)) { $0 | b.u8($1) << UInt64(8 * $1) }
            return Self.sigset(mask, bits: Int(n) * 8)
        case .remainIfRelative:
            return value(.timespec, i)
        case .rusageIfReaped:
            return exiting && ret > 0 ? value(.rusage, i) : .pointer(v)
        case .swapFlags:
            // swapon.c: the flags above SWAP_FLAG_PRIO_MASK (0x7fff), then the priority.
            let f = v & 0xffff_ffff, prio = f & 0x7fff, flags = f & ~UInt64(0x7fff)
            if flags == 0 { return .uint(prio) }
            let names = X.swapFlags.flagsValue(flags)
            return .expr(names.text + "|" + String(prio), json: .structure([F("flags", names), F("prio", .uint(prio))]))
        case .iovAddrs(let n): return iovArray(v, count: args[n], data: nil)
        case .iovStrings(let n, let upToRet):
            return iovArray(v, count: args[n], data: upToRet ? UInt64(retCount) : UInt64.max)
        case .mqAttr(let decodeFlags):
            guard let b = read(v, 64) else { return .pointer(v) }
            let flags = decodeFlags ? X.mqAttrFlags.flagsValue(b.u64(0)) : .uint(b.u64(0), text: Fmt.hex(b.u64(0)))
            return .structure([F("mq_flags", flags), F("mq_maxmsg", .int(b.i64(8))), F("mq_msgsize", .int(b.i64(16))),
                               F("mq_curmsgs", .int(b.i64(24)))])
        case .sembufs(let n):
            return printArray(v, count: args[n] & 0xffff_ffff, size: 6) { b in
                .structure([F("sem_num", .uint(b.u16(0))), F("sem_op", .int(Int64(Int16(truncatingIfNeeded: b.u16(2))))),
                            F("sem_flg", X.semopFlags.flagsValue(b.u16(4)))])
            }
        case .sysctlArgs:
            guard let b = read(v, 80) else { return .pointer(v) }
            return .structure([F("name", .pointer(b.u64(0))), F("nlen", .int(b.i32(8))), F("oldval", .pointer(b.u64(16))),
                               F("oldlenp", .pointer(b.u64(24))), F("newval", .pointer(b.u64(32))),
                               F("newlen", .uint(b.u64(40)))])
        case .timex: return timex(v)
        case .timevalPair: return timevalPair(v)
        case .utimbuf:
            guard let b = read(v, 16) else { return .pointer(v) }
            return .structure([F("actime", Self.dated(b.i64(0))), F("modtime", Self.dated(b.i64(8)))])
        case .ustat:
            // struct ustat: __kernel_daddr_t f_tfree (int), unsigned long f_tinode, two char[6].
            guard let b = read(v, 32) else { return .pointer(v) }
            return .structure([F("f_tfree", .uint(b.u32(0))), F("f_tinode", .uint(b.word(8, word)))])
        case .sigevent: return sigevent(v)
        case .schedAttr(let size?):
            let usize = UInt32(truncatingIfNeeded: args[size])
            return usize == 0 ? .pointer(v) : schedAttr(v, size: usize)
        case .schedAttr(nil): return schedAttr(v, size: nil, setSize: saved[i].map { UInt32(truncatingIfNeeded: $0) })
        case .userDesc(let count):
            return args[count] == 16 ? userDesc(v) : .pointer(v)
        case .kexecSegments(let n):
            let count = args[n]
            if count > 16 { return .pointer(v) }
            let w = word
            return printArray(v, count: count, size: 4 * w) { b in
                .structure([F("buf", .pointer(b.word(0, w))), F("bufsz", .uint(b.word(w, w))),
                            F("mem", .pointer(b.word(2 * w, w))), F("memsz", .uint(b.word(3 * w, w)))])
            }
        }
    }

    /// An output argument of those kinds at exit: its address when the call failed, except
    /// where strace shows more.
    mutating func procValueOut(_ p: ProcArg, _ i: Int) -> SyscallValue {
        let v = args[i]
        switch p {
        case .remainIfRelative(let flags):
            if v != 0, isError, args[flags] == 0, ErrnoNames.isRestart(Int32(truncatingIfNeeded: -ret)) {
                return value(.timespec, i)
            }
            return .pointer(v)
        case .schedAttr(nil):
            // sched_setattr: as the caller gave it; on E2BIG, the size the kernel wants.
            let given = procValue(p, i)
            guard v != 0, isError, ret == -7, let b = read(v, 4) else { return given }
            return .change(given, .structure([F("size", .uint(b.u32(0)))]))
        case .iovStrings(let n, true) where isError:
            // strace reads the array even then, showing the buffers' addresses.
            return iovArray(v, count: args[n], data: nil)
        default:
            return isError ? .pointer(v) : procValue(p, i)
        }
    }

    /// Reads at entry what an argument of those kinds shows at exit (ArgContext.save).
    func procSave(_ p: ProcArg, _ i: Int, into saved: inout [Int: UInt64]) {
        if case .schedAttr(nil) = p, let b = read(args[i], 4) { saved[i] = b.u32(0) }
    }

    /// An iovec array (io.c tprint_iov_upto): each buffer as its address (`data` nil), or
    /// as bytes, at most `data` of them over the whole array.
    func iovArray(_ addr: UInt64, count: UInt64, data: UInt64?) -> SyscallValue {
        let w = word
        var budget = data ?? 0
        return printArray(addr, count: count, size: 2 * w) { b in
            let base = b.word(0, w), len = b.word(w, w)
            var shown = SyscallValue.pointer(base)
            if data != nil {
                let n = min(len, budget)
                if budget != .max { budget -= n }
                shown = buffer(base, Int(min(n, 1 << 30)))
            }
            return .structure([F("iov_base", shown), F("iov_len", .uint(len))])
        }
    }

    /// select's and pselect6's result (desc.c decode_select): the descriptors ready in
    /// each set, `in [3 4], out [5]`, and the time left, in parentheses (`()` when there is
    /// nothing to say); `Timeout` for 0.
    func selectResult(nfdsArg: Int, timeoutArg: Int?, usec: Bool) -> SyscallValue {
        if ret == 0 { return .expr("0 (Timeout)", json: .int(0)) }
        let nfds = min(max(Int(sint(args[nfdsArg])), 0), 1 << 20)
        var ready = ret
        var s = "", sep = ""
        for (k, label) in ["in", "out", "except"].enumerated() where ready > 0 {
            let a = args[nfdsArg + 1 + k]
            guard a != 0, let b = read(a, (nfds + 63) / 64 * 8) else { continue }
            var first = true
            for j in 0..<nfds where b.u8(j / 8) & (1 << UInt64(j % 8)) != 0 {
                if first {
                    s += sep + label + " [" + String(j)
                    first = false
                    sep = ", "
                } else {
                    s += " " + String(j)
                }
                ready -= 1
                if ready == 0 { break }
            }
            // As strace: the bracket is closed once anything was written, even again.
            if !s.isEmpty { s += "]" }
        }
        if let t = timeoutArg, args[t] != 0 {
            let left = read(args[t], 16).map { (usec ? timeval($0, 0) : timespec($0, 0)).text } ?? Fmt.addr(args[t])
            s += sep + "left " + left
        }
        return .expr(String(ret) + " (" + s + ")", json: .int(ret))
    }

    // MARK: Arrays

    /// strace's print_array: `[a, b, c, ...]` with at most -s elements (all with -v); NULL;
    /// `[]` for none; the address when the array wraps around or its first element cannot
    /// be read; `[a, ... /* 0x7f… */]` when a later one cannot (the address where it stops).
    func printArray(_ addr: UInt64, count: UInt64, size: Int, most cap: Int = Int.max,
                    _ element: (Bytes) -> SyscallValue) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        if count == 0 { return .array([]) }
        let (total, overflow) = count.multipliedReportingOverflow(by: UInt64(size))
        if overflow || addr &+ total <= addr { return .pointer(addr) }
        // strace reads the element after the last one shown before it decides to cut. At
        // most 65536 elements whatever -s (a huge -s over memory of zeros ran away).
        let most = min(abbreviated ? limit : 1 << 16, 1 << 16, cap)
        let reads = Int(min(count, UInt64(most) + 1))
        var items: [SyscallValue] = []
        for k in 0..<reads {
            let at = addr &+ UInt64(k * size)
            guard let b = read(at, size) else {
                if k == 0 { return .pointer(addr) }
                let shown = items.map(\.text).joined(separator: ", ")
                return .expr("[" + shown + ", ... /* " + Fmt.hex(at) + " */]", json: .array(items, more: true))
            }
            if k == most { return .array(items, more: true) }
            items.append(element(b))
        }
        return .array(items, more: UInt64(items.count) < count)
    }

    /// A node mask (numa.c print_nodemask): ceil((maxnode - 1) / bits) words in hex, each
    /// at the word's width (`%#0*lx`); the address when that count is absurd.
    func nodemask(_ addr: UInt64, maxnode: UInt64) -> SyscallValue {
        let bits = UInt64(word * 8)
        let nmemb = (maxnode &+ bits &- 2) / bits
        if nmemb < maxnode / bits || (maxnode != 0 && nmemb == 0) { return .pointer(addr) }
        let w = word
        return printArray(addr, count: nmemb, size: w) { b in
            let x = b.word(0, w)
            return .uint(x, text: Self.paddedHex(x, width: 2 * w))
        }
    }

    /// C's `%#0*llx`: `0000000000000000` for zero, `0x00000000000001` otherwise (the
    /// width counts the 0x).
    static func paddedHex(_ v: UInt64, width: Int) -> String {
        let digits = String(v, radix: 16)
        if v == 0 { return String(repeating: "0", count: width) }
        return "0x" + String(repeating: "0", count: max(0, width - 2 - digits.count)) + digits
    }

    /// A status that is a negated errno or a number (strace's print_err(status, true)):
    /// `0`, `-EFAULT` (`-14 /* -EFAULT */` with -X verbose, `-14` with -X raw).
    static func negatedErrno(_ v: Int64) -> SyscallValue {
        guard v < 0, v > Int64(Int32.min), let name = ErrnoNames.name(Int32(-v)) else { return .int(v) }
        return .int(v, text: DecodeStyle.constant("-" + name, number: String(v)))
    }

    // MARK: Memory policy

    /// numa.c print_mode: a mode from MPOL_*, with the MPOL_F_* mode flags.
    func mpolMode(_ v: UInt64) -> SyscallValue {
        let flagMask: UInt64 = 0xe000
        let mode = v & ~flagMask, flags = v & flagMask
        if flags == 0 { return X.mpolModes.symbolValue(mode) }
        guard let name = X.mpolModes.name(mode) else { return X.mpolModeFlags.flagsValue(v) }
        let text = styled(Fmt.hex(v)) {
            DecodeStyle.with(DecodeStyle(xlat: .abbrev, hexStrings: DecodeStyle.current.hexStrings)) {
                name + "|" + X.mpolModeFlags.flags(flags)
            }
        }
        return .flags(v, names: [name] + X.mpolModeFlags.entries.filter { flags & $0.value != 0 }.map(\.name),
                      unknown: 0, text: text)
    }

    // MARK: Scalars of their own

    /// ioprio.c: `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`; the number (signed for
    /// ioprio_set's argument, hex for a result) with -X raw, both with -X verbose.
    func ioprioValue(_ v: UInt32, signed: Bool) -> SyscallValue {
        let number = signed ? String(Int32(bitPattern: v)) : Fmt.hex(UInt64(v))
        let style = DecodeStyle.current.xlat
        if style == .raw { return .uint(UInt64(v), text: number) }
        let text = Self.ioprioText(v)
        return .uint(UInt64(v), text: style == .verbose ? number + " /* " + text + " */" : text)
    }

    static func ioprioText(_ v: UInt32) -> String {
        "IOPRIO_PRIO_VALUE(" + X.ioprioClass.value(UInt64(v >> 13)) + ", " + String(Int32(bitPattern: v & 0x1fff)) + ")"
    }

    /// mem.c print_mmap_flags, of a whole word: the map type, the flags, the huge page size.
    func mmapFlags64(_ v: UInt64) -> SyscallValue {
        let text = styled(Fmt.hex(v)) {
            let type = v & 0xf
            var s = X.mmapTypes.name(type) ?? (Fmt.hex(type) + " /* MAP_??? */")
            // As strace's C: clearing an unsigned int mask clears the upper half too.
            let huge = v & 0xfc00_0000
            let rest = v & ~UInt64(0xf) & 0x03ff_ffff
            if rest != 0 { s += "|" + X.mmapFlags.flagsPlain(rest) }
            if huge != 0 { s += "|\(huge >> 26)<<MAP_HUGE_SHIFT" }
            return s
        }
        return .flagSet(v, text: text)
    }

    /// memfd_create.c: `MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT`.
    func mfdFlags(_ f: UInt32) -> SyscallValue {
        let v = UInt64(f)
        let style = DecodeStyle.current.xlat
        if v == 0 || style == .raw { return .flagSet(v, text: Fmt.hex(v)) }
        let huge = v & 0xfc00_0000, rest = v & ~UInt64(0xfc00_0000)
        var s = ""
        if rest != 0 || huge == 0 {
            s = DecodeStyle.with(DecodeStyle(xlat: .abbrev, hexStrings: DecodeStyle.current.hexStrings)) {
                X.mfdFlags.flags(rest)
            }
        }
        if huge != 0 { s += (rest != 0 ? "|" : "") + "\(huge >> 26)<<MFD_HUGE_SHIFT" }
        return .flagSet(v, text: style == .verbose ? Fmt.hex(v) + " /* " + s + " */" : s)
    }

    // MARK: Time

    /// strace's sprinttime_ex: the local date of `sec`, with `part` (micro- or nanoseconds,
    /// `width` digits) when nonzero; nil for zero, for a part out of range, or a date that
    /// cannot be made.
    static func sprinttime(_ sec: Int64, part: UInt64 = 0, max: UInt64 = 0, width: Int = 0) -> String? {
        if (sec == 0 && part == 0) || part > max { return nil }
        var t = time_t(sec)
        var tm = tm()
        guard localtime_r(&t, &tm) != nil else { return nil }
        var buf = [CChar](repeating: 0, count: 64)
        let n = strftime(&buf, buf.count, "%Y-%m-%dT%H:%M:%S", &tm)
        guard n > 0 else { return nil }
        var s = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if part > 0 {
            let digits = String(part)
            s += "." + String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        }
        var zone = [CChar](repeating: 0, count: 16)
        guard strftime(&zone, zone.count, "%z", &tm) > 0 else { return nil }
        return s + String(decoding: zone.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Seconds with their date in a comment: `1492350678 /* 2017-04-16T13:51:18+0000 */`.
    static func dated(_ sec: Int64) -> SyscallValue {
        guard let date = sprinttime(sec) else { return .int(sec) }
        return .commented(.int(sec), date)
    }

    /// utimes' struct timeval[2]: each with its date when it has one.
    func timevalPair(_ addr: UInt64) -> SyscallValue {
        guard let b = read(addr, 32) else { return .pointer(addr) }
        return .array([0, 16].map { o in
            let tv = timeval(b, o)
            guard let date = Self.sprinttime(b.i64(o), part: b.u64(o + 8), max: 999_999, width: 6) else { return tv }
            return .commented(tv, date)
        })
    }

    /// struct timex (print_timex.h), 64-bit layout.
    func timex(_ addr: UInt64) -> SyscallValue {
        guard let b = read(addr, 208) else { return .pointer(addr) }
        let d = { (name: String, o: Int) in F(name, .int(b.i64(o))) }
        let i = { (name: String, o: Int) in F(name, .int(b.i32(o))) }
        return .structure([
            F("modes", X.adjtimexModes.flagsValue(b.u32(0))), d("offset", 8), d("freq", 16), d("maxerror", 24),
            d("esterror", 32), F("status", X.adjtimexStatus.flagsValue(b.u32(40))), d("constant", 48),
            d("precision", 56), d("tolerance", 64),
            F("time", .structure([F("tv_sec", .int(b.i64(72))), F("tv_usec", .uint(b.u64(80)))])),
            d("tick", 88), d("ppsfreq", 96), d("jitter", 104), i("shift", 112), d("stabil", 120), d("jitcnt", 128),
            d("calcnt", 136), d("errcnt", 144), d("stbcnt", 152), i("tai", 160)])
    }

    /// struct sigevent (print_sigevent.c).
    func sigevent(_ addr: UInt64) -> SyscallValue {
        // strace's struct_sigevent: value, signo, notify, and a union of two pointers.
        guard let b = read(addr, 32) else { return .pointer(addr) }
        var f: [ParamField] = []
        if b.u64(0) != 0 {
            f.append(F("sigev_value", .structure([F("sival_int", .int(b.i32(0))), F("sival_ptr", .pointer(b.u64(0)))])))
        }
        let notify = b.u32(12)
        switch notify {
        case 0, 2, 4: f.append(F("sigev_signo", Self.signalValue(b.u32(8))))
        default: f.append(F("sigev_signo", .uint(b.u32(8))))
        }
        f.append(F("sigev_notify", X.sigevNotify.symbolValue(notify)))
        switch notify {
        case 4: f.append(F("sigev_notify_thread_id", .int(b.i32(16))))
        case 2:
            f.append(F("sigev_notify_function", .pointer(b.u64(16))))
            f.append(F("sigev_notify_attributes", .pointer(b.u64(24))))
        default: break
        }
        return .structure(f)
    }

    // MARK: Scheduling

    /// struct sched_attr (sched.c print_sched_attr): sched_getattr's with the size the
    /// caller gave (`usize`), sched_setattr's (nil) with the size in the structure.
    func schedAttr(_ addr: UInt64, size usize: UInt32?, setSize: UInt32? = nil) -> SyscallValue {
        let minSize = 48, full = 56
        let isSet = usize == nil
        var b: Bytes
        var size: Int
        var given: Int
        if let usize {
            let n = min(Int(usize), full)
            guard let r = read(addr, n) else { return .pointer(addr) }
            b = Bytes(r.b + [UInt8](repeating: 0, count: full - n))
            size = Int(b.u32(0))
            given = size
        } else {
            guard let r = read(addr, 4) else { return .pointer(addr) }
            // The size as the caller gave it (read at entry: E2BIG rewrites it).
            var u = Int(setSize ?? UInt32(r.u32(0)))
            if u == 0 { u = minSize }
            given = u
            size = min(u, full)
            b = Bytes(le32(UInt32(setSize ?? UInt32(r.u32(0)))) + [UInt8](repeating: 0, count: full - 4))
            if size >= minSize {
                guard let all = read(addr, size) else { return .pointer(addr) }
                b = Bytes(le32(UInt32(setSize ?? UInt32(all.u32(0)))) + Array(all.b.dropFirst(4))
                          + [UInt8](repeating: 0, count: full - size))
            }
        }
        var f = [F("size", .uint(b.u32(0)))]
        if size >= minSize {
            let policy = b.u32(4), flags = b.u64(8)
            if !isSet || Int32(bitPattern: UInt32(policy)) < 0 || flags & 0x18 == 0 {
                f.append(F("sched_policy", X.schedPolicies.symbolValue(policy)))
            }
            f.append(F("sched_flags", X.schedFlags.flagsValue(flags)))
            if !isSet || flags & 0x10 == 0 {
                f += [F("sched_nice", .int(b.i32(16))), F("sched_priority", .uint(b.u32(20))),
                      F("sched_runtime", .uint(b.u64(24))), F("sched_deadline", .uint(b.u64(32))),
                      F("sched_period", .uint(b.u64(40)))]
            }
            if size >= full {
                f += [F("sched_util_min", .uint(b.u32(48))), F("sched_util_max", .uint(b.u32(52)))]
            }
        }
        return .structure(f, more: given > size)
    }

    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) } }

    // MARK: x86

    /// struct user_desc (ldt.c print_user_desc, both halves).
    func userDesc(_ addr: UInt64) -> SyscallValue {
        guard let b = read(addr, 16) else { return .pointer(addr) }
        let bits = b.u32(12)
        let entry = b.u32(0)
        return .structure([
            F("entry_number", entry == 0xffff_ffff ? .int(-1) : .uint(entry)),
            F("base_addr", .uint(b.u32(4), text: Self.paddedHex(b.u32(4), width: 8))),
            F("limit", .uint(b.u32(8), text: Self.paddedHex(b.u32(8), width: 8))),
            F("seg_32bit", .uint(bits & 1)), F("contents", .uint((bits >> 1) & 3)),
            F("read_exec_only", .uint((bits >> 3) & 1)), F("limit_in_pages", .uint((bits >> 4) & 1)),
            F("seg_not_present", .uint((bits >> 5) & 1)), F("useable", .uint((bits >> 6) & 1)),
        ] + (word == 8 ? [F("lm", .uint((bits >> 7) & 1))] : []))
    }

    // MARK: Results

    mutating func procReturn(_ r: ProcRet) -> SyscallValue {
        let u = abi == .i386 ? UInt64(UInt32(truncatingIfNeeded: ret)) : UInt64(bitPattern: ret)
        switch r {
        case .auxName(let x):
            guard let name = x.name(u) else { return .int(ret) }
            return .expr(String(ret) + " (" + name + ")", json: x.symbolValue(u))
        case .ioprio:
            if DecodeStyle.current.xlat == .raw { return .int(ret) }
            return .expr(String(ret) + " (" + Self.ioprioText(UInt32(truncatingIfNeeded: u)) + ")", json: .int(ret))
        case .modifyLdt:
            // The kernel's int, zero-extended on x86_64: an error in it is still one.
            if !isError, u >= 0xffff_f000, u <= 0xffff_ffff {
                let e = Int32(bitPattern: UInt32(0) &- UInt32(u))
                return .expr(String(u) + " " + (ErrnoNames.name(e) ?? "ERRNO_\(e)") + " (" + ErrnoNames.text(e) + ")",
                             json: .int(ret))
            }
            return .int(ret)
        case .time:
            guard let date = Self.sprinttime(ret) else { return .int(ret) }
            return .expr(String(ret) + " (" + date + ")", json: .int(ret))
        case .signal:
            let s = Self.signalValue(u)
            guard case .symbol(_, let name?, _) = s else { return .int(ret) }
            return .expr(String(ret) + " (" + name + ")", json: s)
        }
    }
}

extension CapturePlanner {
    /// The entry reads of ArgContext.procSave.
    func addProcSaved(_ p: ProcArg, _ i: Int, to plan: inout CapturePlan) {
        if case .schedAttr(nil) = p { plan.add(CaptureOp(.memory, a: i, max: 4), exiting: false) }
    }

    /// The reads of `Arg.proc` kinds (trace --bpf): what `procValue` reads.
    func addProc(_ p: ProcArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        func mem(_ n: Int) { plan.add(CaptureOp(.memory, a: i, max: n), exiting: exiting) }
        /// printArray reads one element more than -s shows.
        func array(_ n: Int, size: Int, flags: UInt8 = 0, most: Int = Int.max) {
            let count = min(elements, most - 1) + 1
            plan.add(CaptureOp(.memoryByArgument, a: i, b: n, flags: flags, scale: size,
                               max: min(count * size, CapturePlan.chunkLimit)), exiting: exiting)
        }
        switch p {
        case .mpolMode, .flagsPlain, .xvalVerboseDec, .xval64, .dev32, .uint32, .hex32, .ioprio, .mmapFlags64,
             .mfdFlags, .kexecFlags, .swapFlags:
            break
        case .mpolModePtr: mem(4)
        case .nodemask: mem(min((elements + 1) * word, CapturePlan.chunkLimit))
        case .addrArray(let n): array(n, size: word)
        case .intArray(let n), .statusArray(let n): array(n, size: 4)
        case .strMax(let len, _):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: len, flags: CaptureOp.unsigned32, max: bytes), exiting: exiting)
        case .hexBytes(let len):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: len, flags: CaptureOp.unsigned32, max: bytes), exiting: exiting)
        case .cStringMax(let most): plan.add(CaptureOp(.string, a: i, max: stringRead(min(limit + 1, most))), exiting: exiting)
        case .kcmpEpollSlot: mem(12)
        case .timePtr: mem(8)
        case .utimbuf: mem(16)
        case .sigframeMask: mem(8)
        // The pointers (one more than -s shows), then each iocb and what it points at (a
        // write's buffer, a vector; a vectored write's buffers are shown as not captured).
        case .aioIocbs(let n):
            plan.add(CaptureOp(.iocbs, a: i, b: n, flags: elements + 1 > CapturePlan.maxItems ? CaptureOp.clamped : 0,
                               items: min(elements + 1, CapturePlan.maxItems), max: bytes), exiting: exiting)
        case .aioIocbHeader: mem(ArgContext.iocbSize)
        case .aioEvent: mem(32)
        case .aioEvents:
            plan.add(CaptureOp(.memoryByResult, a: i, scale: 32, max: min((elements + 1) * 32, CapturePlan.chunkLimit)),
                     exiting: true)
        case .sigsetAnySize(let size): plan.add(CaptureOp(.memoryByArgument, a: i, b: size, max: 8), exiting: exiting)
        case .remainIfRelative: mem(16)
        case .rusageIfReaped: mem(abbreviated ? 32 : 144)
        case .iovAddrs(let n): array(n, size: 2 * word)
        case .iovStrings(let n, _):
            array(n, size: 2 * word)
            plan.add(CaptureOp(.iovec, a: i, b: n, flags: elements > CapturePlan.maxItems ? CaptureOp.clamped : 0,
                               items: items, max: bytes), exiting: exiting)
        case .mqAttr: mem(64)
        case .sembufs(let n): array(n, size: 6, flags: CaptureOp.unsigned32)
        case .sysctlArgs: mem(80)
        case .timex: mem(208)
        case .timevalPair, .ustat, .sigevent: mem(32)
        case .schedAttr(let size?):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: size, flags: CaptureOp.unsigned32, max: 56), exiting: exiting)
        case .schedAttr(nil): mem(56)
        case .userDesc: mem(16)
        case .kexecSegments(let n): array(n, size: 4 * word, most: 17)
        }
    }
}
