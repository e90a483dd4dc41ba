// Formatting of single arguments: the engine behind SyscallDecoder.

/// Little-endian reads from a byte buffer copied out of the tracee.
struct Bytes {
    let b: [UInt8]
    init(_ b: [UInt8]) { self.b = b }
    var count: Int { b.count }
    func u8(_ o: Int) -> UInt64 { o < b.count ? UInt64(b[o]) : 0 }
    func u16(_ o: Int) -> UInt64 { u8(o) | u8(o + 1) << 8 }
    func u32(_ o: Int) -> UInt64 { u16(o) | u16(o + 2) << 16 }
    func u64(_ o: Int) -> UInt64 { u32(o) | u32(o + 4) << 32 }
    func i32(_ o: Int) -> Int64 { Int64(Int32(truncatingIfNeeded: u32(o))) }
    func i64(_ o: Int) -> Int64 { Int64(bitPattern: u64(o)) }
    /// A word of the tracee's ABI (4 or 8 bytes), zero-extended.
    func word(_ o: Int, _ size: Int) -> UInt64 { size == 4 ? u32(o) : u64(o) }
    func sword(_ o: Int, _ size: Int) -> Int64 { size == 4 ? i32(o) : i64(o) }
    func slice(_ o: Int, _ n: Int) -> ArraySlice<UInt8> {
        let s = min(max(o, 0), b.count), e = min(s + max(n, 0), b.count)
        return b[s..<e]
    }
}

struct ArgContext {
    let options: DecodeOptions
    let abi: SyscallABI
    let args: SyscallArgs
    let memory: TraceeMemory
    let fds: FDPathResolver?
    var exiting = false
    var ret: Int64 = 0
    var isError = false
    var saved = [Int: UInt64]()
    /// Structures shown in part, `, ...}` (not with `-v` or outside `-e abbrev=`).
    var abbreviated = true
    /// Structures read at all (outside `-e verbose=`: their addresses; `read` then reads
    /// nothing, as strace's tfetch_mem).
    var verbose = true

    init(options: DecodeOptions, abi: SyscallABI, args: SyscallArgs, memory: TraceeMemory, fds: FDPathResolver?) {
        self.options = options
        self.abi = abi
        self.args = args
        self.memory = memory
        self.fds = fds
    }

    var word: Int { abi == .i386 ? 4 : 8 }
    /// `-s`, at most INT_MAX (as strace's unsigned int): `-s 9223372036854775807` made
    /// `limit + 1` overflow and trap at the first string argument.
    var limit: Int { min(max(options.stringLimit, 0), Int(Int32.max)) }
    /// The return value as a byte or element count (0 when failed or negative).
    var retCount: Int { isError || ret < 0 ? 0 : Int(min(ret, 1 << 30)) }

    func read(_ addr: UInt64, _ n: Int) -> Bytes? {
        guard verbose, addr != 0, n >= 0 else { return nil }
        if n == 0 { return Bytes([]) }
        guard let b = memory.read(at: addr, count: n) else { return nil }
        return Bytes(b)
    }

    // MARK: Scalars

    func sint(_ v: UInt64) -> Int64 { Int64(Int32(truncatingIfNeeded: v)) }

    /// A process id; with `-Y`, a live process's command name after it, `1234<sh>`
    /// (strace's printpid for a tgid or tid: not for 0 or a negative process group).
    func pidValue(_ pid: Int64) -> SyscallValue {
        guard options.pidComm, pid > 0, pid <= Int64(Int32.max), let comm = fds?.comm(ofProcess: Int32(pid)) else {
            return .int(pid)
        }
        return .int(pid, text: String(pid) + StringQuoting.associated(comm))
    }
    func slong(_ v: UInt64) -> Int64 { abi == .i386 ? sint(v) : Int64(bitPattern: v) }

    func fd(_ v: Int64) -> String { fdValue(v).text }

    /// A descriptor's link, read once (-y): as text (what `-yy` and the record see), and as
    /// the kernel's bytes with " (deleted)" taken off when the file is gone.
    struct FDLink {
        var path: String
        var bytes: [UInt8]
        var deleted: Bool
    }

    func fdLink(_ v: Int64) -> FDLink? {
        guard options.resolveFDs, v >= 0, let raw = fds?.pathBytes(ofFD: v) else { return nil }
        let whole = raw.deleted ? raw.bytes + Array(" (deleted)".utf8) : raw.bytes
        return FDLink(path: String(decoding: whole, as: UTF8.self), bytes: raw.bytes, deleted: raw.deleted)
    }

    /// A descriptor with the file `-y` resolved.
    func fdValue(_ v: Int64) -> SyscallValue {
        guard let link = fdLink(v) else { return .fd(v, path: nil) }
        let details = fdDetails(v, link.path)
        if details == nil && !options.fdDecoding.contains(.path) { return .fd(v, path: nil) }
        // A deleted file or a name that is not UTF-8: strace's text, made from the bytes.
        if details == nil, link.deleted || link.bytes != Array(link.path.utf8) {
            var out = ByteBuffer(capacity: link.bytes.count + 16)
            out.append(decimal: v)
            writeFDPath(link, to: &out)
            return .expr(out.string, json: .fd(v, path: link.path))
        }
        return .fd(v, path: link.path, details: details)
    }

    /// `-yy`'s text inside the brackets, when it has more to say than the path.
    func fdDetails(_ v: Int64, _ path: String) -> String? {
        let decoding = options.fdDecoding
        guard !decoding.intersection([.dev, .pidfd, .socket]).isEmpty, let d = fds?.details(ofFD: v, path: path) else { return nil }
        switch d {
        case .device where decoding.contains(.dev), .pid where decoding.contains(.pidfd),
             .socket where decoding.contains(.socket):
            return SyscallValue.detailsText(path: path, d)
        default:
            return nil
        }
    }

    func dirfdValue(_ v: UInt64) -> SyscallValue {
        let d = sint(v)
        guard d == -100 else { return fdValue(d) }
        return .fdcwd(path: options.resolveFDs && options.fdDecoding.contains(.path) ? fds?.path(ofFD: -100) : nil)
    }

    /// `3`, or with -y `3</etc/hostname>`.
    func writeFD(_ v: Int64, to out: inout ByteBuffer) {
        out.append(decimal: v)
        guard let link = fdLink(v) else { return }
        if let details = fdDetails(v, link.path) {
            out.append(byte: UInt8(ascii: "<"))
            out.append(details)
            out.append(byte: UInt8(ascii: ">"))
        } else if options.fdDecoding.contains(.path) {
            writeFDPath(link, to: &out)
        }
    }

    /// strace's `<path>` of a link: its bytes escaped, `(deleted)` after a file that is gone.
    func writeFDPath(_ link: FDLink, to out: inout ByteBuffer) {
        SyscallValue.writeFDPath(bytes: link.bytes, to: &out)
        if link.deleted { out.append("(deleted)") }
    }

    /// `<path>`, escaped (a `<` or `>` in it as octal).
    func writeFDPath(_ path: String, to out: inout ByteBuffer) { SyscallValue.writeFDPath(path, to: &out) }

    /// A value whose text is made of more than one table (open flags, mmap flags, a
    /// signal): `text` with `-X abbrev`, `number` with `-X raw`, and with `-X verbose` the
    /// number with the text in a comment, as strace prints them.
    func styled(_ number: String, _ text: () -> String) -> String {
        let style = DecodeStyle.current
        switch style.xlat {
        case .abbrev: return text()
        case .raw: return number
        case .verbose:
            let names = DecodeStyle.with(DecodeStyle(xlat: .abbrev, hexStrings: style.hexStrings), text)
            return names == number ? number : number + " /* " + names + " */"
        }
    }

    func writeDirfd(_ v: UInt64, to out: inout ByteBuffer) {
        let d = sint(v)
        guard d == -100 else { return writeFD(d, to: &out) }
        DecodeStyle.constant("AT_FDCWD", number: "-100", to: &out)
        if options.resolveFDs, options.fdDecoding.contains(.path), let path = fds?.path(ofFD: -100) { writeFDPath(path, to: &out) }
    }

    func uid(_ v: UInt64) -> String {
        let u = UInt32(truncatingIfNeeded: v)
        return u == UInt32.max ? "-1" : String(u)
    }

    func signal(_ v: UInt64) -> String { SignalNames.name(Int32(truncatingIfNeeded: v)) }

    func clockid(_ v: UInt64) -> String {
        let c = Int32(truncatingIfNeeded: v)
        if c >= 0 { return X.clocks.value(UInt64(c)) }
        // A CPU clock of a process or thread: MAKE_PROCESS_CPUCLOCK(pid, clock).
        let pid = ~(c >> 3)
        let kinds = ["CPUCLOCK_PROF", "CPUCLOCK_VIRT", "CPUCLOCK_SCHED", "CPUCLOCK_MAX"]
        let kind = kinds[Int(c & 3)]
        return (c & 4 != 0 ? "MAKE_THREAD_CPUCLOCK" : "MAKE_PROCESS_CPUCLOCK") + "(\(pid), \(kind))"
    }

    func openFlags(_ v: UInt64) -> String {
        var out = ByteBuffer(capacity: 32)
        writeOpenFlags(v, to: &out)
        return out.string
    }

    func writeOpenFlags(_ v: UInt64, to out: inout ByteBuffer) {
        out.append(X.openAccess.name(v & 3)!)
        let rest = v & ~3
        if rest == 0 { return }
        out.append(byte: UInt8(ascii: "|"))
        X.openFlags.writeFlags(rest, plain: true, to: &out)
    }

    func mmapFlags(_ v: UInt64) -> String {
        var s = X.mmapTypes.name(v & 0xf) ?? Fmt.hex(v & 0xf)
        var rest = v & ~0xf
        var huge: UInt64 = 0
        if rest & 0x40000 != 0 { huge = (rest >> 26) & 0x3f; rest &= ~(UInt64(0x3f) << 26) }
        if rest != 0 { s += "|" + X.mmapFlags.flagsPlain(rest) }
        if huge != 0 { s += "|\(huge)<<MAP_HUGE_SHIFT" }
        return s
    }

    func mode(_ v: UInt64) -> String { Fmt.mode(v & 0o7777 == v ? v : v & 0xffff_ffff) }

    /// mknod's mode (an unsigned short) as strace's print_symbolic_mode_t:
    /// `S_IFBLK|S_ISUID|0777`; an unknown file type as the whole number, `0177777`.
    func umode(_ v: UInt64) -> String {
        let m = v & 0xffff
        let type = m & 0o170000
        let style = DecodeStyle.current.xlat
        guard let ifmt = type == 0 ? "" : X.fileTypes.name(type), style != .raw else { return Fmt.mode(m) }
        var text = ifmt.isEmpty ? "" : ifmt + "|"
        for (bit, name) in [(UInt64(0o4000), "S_ISUID|"), (0o2000, "S_ISGID|"), (0o1000, "S_ISVTX|")] where m & bit != 0 {
            text += name
        }
        text += Fmt.mode(m & 0o777)
        return style == .verbose ? Fmt.mode(m) + " /* " + text + " */" : text
    }

    func cloneFlags(_ v: UInt64) -> String {
        let sig = v & 0xff
        let rest = v & ~0xff
        var s = rest != 0 ? X.cloneFlags.flagsPlain(rest) : ""
        if sig != 0 { s += (s.isEmpty ? "" : "|") + DecodeStyle.constant(SignalNames.name(Int32(sig)), number: String(sig)) }
        return s.isEmpty ? "0" : s
    }

    func personality(_ v: UInt64) -> String {
        let p = v & 0xffff_ffff
        if p == 0xffff_ffff { return Fmt.hex(p) }
        var s = X.personalities.value(p & 0xff)
        if p & ~0xff != 0 { s += "|" + X.personalityFlags.flagsPlain(p & ~0xff) }
        return s
    }

    func ioctlCmd(_ v: UInt64) -> String {
        let c = v & 0xffff_ffff
        if let n = X.ioctls.name(c) { return n }
        let dir = ["_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"][Int(c >> 30)]
        return "_IOC(\(dir), \(Fmt.hex((c >> 8) & 0xff)), \(Fmt.hex(c & 0xff)), \(Fmt.hex((c >> 16) & 0x3fff)))"
    }

    /// `makedev(0x1, 0x3)`, typed as `{major, minor}`.
    func dev(_ d: UInt64) -> SyscallValue {
        let major = ((d >> 8) & 0xfff) | ((d >> 32) & ~UInt64(0xfff))
        let minor = (d & 0xff) | ((d >> 12) & ~UInt64(0xff))
        // -X raw: the encoded number; -X verbose: it, and makedev(...) in a comment.
        return .expr(styled(Fmt.hex(d)) { "makedev(\(Fmt.hex(major)), \(Fmt.hex(minor)))" },
                     json: .structure([F("major", .uint(major)), F("minor", .uint(minor))]))
    }

    func openFlagsValue(_ v: UInt64) -> SyscallValue { .flagSet(v, text: openFlags(v)) }

    func sockProto(family: UInt64, _ v: UInt64) -> String {
        switch family {
        case 2, 10: return X.ipProtocols.value(v & 0xffff_ffff)
        case 16: return X.netlinkProtocols.value(v & 0xffff_ffff)
        default: return String(UInt32(truncatingIfNeeded: v))
        }
    }

    func sockOptName(level: UInt64, _ v: UInt64) -> String {
        let o = v & 0xffff_ffff
        switch level & 0xffff_ffff {
        case 1: return X.solSocketOptions.value(o)
        case 6: return X.tcpOptions.value(o)
        case 0: return X.ipOptions.value(o)
        case 270: return X.netlinkSockOptions.value(o)
        default: return String(o)
        }
    }

    func sockType(_ v: UInt64) -> String {
        let base = X.sockTypes.value(v & 0xf)
        let rest = v & ~0xf & 0xffff_ffff
        return rest == 0 ? base : base + "|" + X.sockTypeFlags.flagsPlain(rest)
    }

    func statxFlags(_ v: UInt64) -> String {
        // strace prints the sync type with printflags and no default: nothing at all for 0
        // with -X raw (`|0x900`).
        let rawZero = DecodeStyle.current.xlat == .raw && v & 0x6000 == 0 && v & ~0x6000 & 0xffff_ffff != 0
        var s = rawZero ? "" : X.statxSync.flagsPlain(v & 0x6000)
        let rest = v & ~0x6000 & 0xffff_ffff
        if rest != 0 { s += "|" + X.atFlags.flagsPlain(rest) }
        return s
    }

    func mountFlags(_ v: UInt64) -> String {
        var flags = v & 0xffff_ffff
        var s = ""
        if flags & 0xffff_0000 == 0xC0ED_0000 {
            s = "MS_MGC_VAL"
            flags &= 0xffff
            if flags == 0 { return s }
            s += "|"
        }
        return s + X.mountFlags.flags(flags)
    }

    // MARK: Strings

    /// The longest path shown: strace's printpath reads PATH_MAX - 1 bytes and one more to
    /// tell whether it was cut.
    static let pathMax = 4095

    /// A NUL-terminated string: paths up to PATH_MAX - 1, others up to -s.
    func cString(_ addr: UInt64, path: Bool) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        let max = path ? Self.pathMax : limit
        var value = SyscallValue.pointer(addr)
        _ = memory.withCString(at: addr, limit: max + 1) { bytes, terminated in
            // Memory that ends before the NUL and the limit: strace's umovestr fails, and
            // the address is shown.
            if !terminated && bytes.count <= max { return }
            let cut = !terminated || bytes.count > max
            value = .string(Array(bytes.prefix(max)), truncated: cut)
        }
        return value
    }

    func writeCString(_ addr: UInt64, path: Bool, to out: inout ByteBuffer) {
        if addr == 0 { return out.append("NULL") }
        let max = path ? Self.pathMax : limit
        var readable = false
        _ = memory.withCString(at: addr, limit: max + 1) { bytes, terminated in
            // Unreadable before the NUL and the limit: the address (as cString).
            if !terminated && bytes.count <= max { return }
            readable = true
            let cut = !terminated || bytes.count > max
            StringQuoting.writeQuoted(UnsafeRawBufferPointer(rebasing: bytes.prefix(max)), truncated: cut, to: &out)
        }
        if !readable { out.append(addr: addr) }
    }

    /// How many bytes of a `count`-byte buffer are read: one more than -s shows when there
    /// are more (strace's printstr_ex reads `max_strlen + 1`, so a buffer whose byte after
    /// the -s shown ones is unreadable is shown by its address, as strace does).
    func bufferRead(_ count: Int) -> Int { min(max(count, 0), limit + 1) }

    /// `count` bytes at addr, cut at -s with "..." (strace printstrn).
    func buffer(_ addr: UInt64, _ count: Int, hex: Bool = false) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        var value = SyscallValue.pointer(addr)
        _ = memory.withBytes(at: addr, count: bufferRead(count)) { b in
            value = .string(Array(b.prefix(limit)), truncated: count > limit, hex: hex)
        }
        return value
    }

    func writeBuffer(_ addr: UInt64, _ count: Int, hex: Bool = false, to out: inout ByteBuffer) {
        if addr == 0 { return out.append("NULL") }
        let readable = memory.withBytes(at: addr, count: bufferRead(count)) { b in
            StringQuoting.writeQuoted(UnsafeRawBufferPointer(rebasing: b.prefix(limit)), truncated: count > limit,
                                      hex: hex, to: &out)
        }
        if !readable { out.append(addr: addr) }
    }

    // MARK: Dispatch

    /// Argument `i` shown as `arg`.
    mutating func format(_ arg: Arg, _ i: Int) -> String {
        var out = ByteBuffer(capacity: 32)
        write(arg, i, to: &out)
        return out.string
    }

    /// `format(arg, i)`, appended to `out` (the printer's buffer on the tracer's hot path).
    /// The common kinds are written straight into it; structures and arrays are made as
    /// typed values (`value`) and written from them. `value(arg, i).text` is the same
    /// text for every kind (ArgValueTests holds the two to each other).
    mutating func write(_ arg: Arg, _ i: Int, to out: inout ByteBuffer) {
        let v = args[i]
        switch arg {
        case .named(let name, let inner):
            out.append(name)
            out.append(byte: UInt8(ascii: "="))
            write(inner, i, to: &out)
        case .out(let inner): writeOut(inner, i, to: &out)
        case .int: out.append(decimal: sint(v))
        case .pid:
            if options.pidComm { return pidValue(sint(v)).write(to: &out) }
            out.append(decimal: sint(v))
        case .uint: out.append(decimal: UInt64(UInt32(truncatingIfNeeded: v)))
        case .long: out.append(decimal: slong(v))
        case .ulong: out.append(decimal: v)
        case .hex: out.append(hex: v)
        case .ptr: out.append(addr: v)
        case .fd: writeFD(sint(v), to: &out)
        case .dirfd: writeDirfd(v, to: &out)
        case .uid: out.append(uid(v))
        case .mode: out.append(mode: v & 0xffff)
        case .signal: out.append(styled(String(Int32(truncatingIfNeeded: v))) { signal(v) })
        case .flags(let x): x.writeFlags(v & 0xffff_ffff, to: &out)
        case .flags64(let x): x.writeFlags(v & (abi == .i386 ? 0xffff_ffff : UInt64.max), to: &out)
        case .xval(let x): x.writeValue(v & 0xffff_ffff, to: &out)
        case .openFlags:
            if DecodeStyle.current.xlat == .abbrev { writeOpenFlags(v & 0xffff_ffff, to: &out) } else {
                out.append(styled(Fmt.hex(v & 0xffff_ffff)) { openFlags(v & 0xffff_ffff) })
            }
        case .path, .xattrName: writeCString(v, path: true, to: &out)
        case .str: writeCString(v, path: false, to: &out)
        case .strLen(let n), .bufIn(let n): writeBuffer(v, Int(min(args[n], 1 << 30)), to: &out)
        case .bufRet, .strRet: writeBuffer(v, retCount, to: &out)
        case .bufRetHex: writeBuffer(v, retCount, hex: true, to: &out)
        case .cwdRet: if v == 0 { out.append("NULL") } else { writeCString(v, path: true, to: &out) }
        case .stat: writeStat(v, to: &out)
        // Scalars whose text is made as a String: written without making their typed value
        // (a flag set's names are not needed to print it).
        case .umode: out.append(umode(v))
        case .octal: out.append(Fmt.octal(v))
        case .clockid: out.append(clockid(v))
        case .xvalInt(let x): out.append(x.valueSigned(sint(v)))
        case .mmapFlags: out.append(styled(Fmt.hex(v & 0xffff_ffff)) { mmapFlags(v & 0xffff_ffff) })
        case .sockType: out.append(sockType(v))
        case .sockProto(let f): out.append(sockProto(family: args[f], v))
        case .sockOptName(let l): out.append(sockOptName(level: args[l], v))
        case .ioctlCmd: out.append(styled(Fmt.hex(v & 0xffff_ffff)) { ioctlCmd(v) })
        case .rlimResource: X.rlimitResources.writeValue(v & 0xffff_ffff, to: &out)
        case .statxFlags: out.append(statxFlags(v))
        case .mountFlags: out.append(styled(Fmt.hex(v & 0xffff_ffff)) { mountFlags(v) })
        case .cloneFlags: out.append(cloneFlags(v))
        case .personality: out.append(styled(Fmt.hex(v & 0xffff_ffff)) { personality(v) })
        case .pgoff: out.append(hex: v &* 4096)
        case .long64(let hi): out.append(decimal: Int64(bitPattern: v | args[hi] << 32))
        default: value(arg, i).write(to: &out)
        }
    }

    /// Argument `i` as a typed value (its `text` is `format(arg, i)`).
    mutating func value(_ arg: Arg, _ i: Int) -> SyscallValue {
        let v = args[i]
        switch arg {
        case .named(let name, let inner): return .labeled(name, value(inner, i))
        case .out(let inner): return valueOut(inner, i)
        case .int: return .int(sint(v))
        case .pid: return pidValue(sint(v))
        case .uint: return .uint(UInt64(UInt32(truncatingIfNeeded: v)))
        case .long: return .int(slong(v))
        case .ulong: return .uint(v)
        case .hex: return .uint(v, text: Fmt.hex(v))
        case .ptr: return .pointer(v)
        case .fd: return fdValue(sint(v))
        case .dirfd: return dirfdValue(v)
        case .uid:
            let u = UInt32(truncatingIfNeeded: v)
            return u == UInt32.max ? .int(-1) : .uint(UInt64(u))
        case .mode: return .uint(v & 0xffff, text: Fmt.mode(v & 0xffff))
        case .umode: return .uint(v & 0xffff, text: umode(v))
        case .octal: return .uint(v, text: Fmt.octal(v))
        case .signal: return Self.signalValue(v)
        case .clockid:
            let text = clockid(v)
            let c = Int32(truncatingIfNeeded: v)
            return .symbol(Int64(c), name: c >= 0 ? X.clocks.name(UInt64(c)) : nil, text: text)
        case .flags(let x): return x.flagsValue(v & 0xffff_ffff)
        case .flags64(let x): return x.flagsValue(v & (abi == .i386 ? 0xffff_ffff : UInt64.max))
        case .xval(let x): return x.symbolValue(v & 0xffff_ffff)
        case .xvalInt(let x): return x.symbolValue(signed: sint(v))
        case .openFlags: return openFlagsValue(v & 0xffff_ffff)
        case .mmapFlags: return .flagSet(v & 0xffff_ffff, text: mmapFlags(v & 0xffff_ffff))
        case .sockType: return .flagSet(v & 0xffff_ffff, text: sockType(v))
        case .sockProto(let f):
            let text = sockProto(family: args[f], v)
            return .symbol(Int64(UInt32(truncatingIfNeeded: v)), name: Self.isName(text) ? text : nil, text: text)
        case .sockOptName(let l):
            let text = sockOptName(level: args[l], v)
            return .symbol(Int64(UInt32(truncatingIfNeeded: v)), name: Self.isName(text) ? text : nil, text: text)
        case .ioctlCmd:
            let c = v & 0xffff_ffff
            return .symbol(Int64(c), name: X.ioctls.name(c), text: ioctlCmd(v))
        case .dev: return dev(v)
        case .rlimResource: return X.rlimitResources.symbolValue(v & 0xffff_ffff)
        case .statxFlags: return .flagSet(v & 0xffff_ffff, text: statxFlags(v))
        case .mountFlags: return .flagSet(v & 0xffff_ffff, text: mountFlags(v))
        case .cloneFlags: return .flagSet(v, text: cloneFlags(v))
        case .personality: return .flagSet(v & 0xffff_ffff, text: personality(v))
        case .futexBitset:
            let b = v & 0xffff_ffff
            return b == 0xffff_ffff ? .symbol(Int64(b), name: "FUTEX_BITSET_MATCH_ANY", text: "FUTEX_BITSET_MATCH_ANY")
                                    : .uint(b, text: Fmt.hex(b))
        case .pgoff: return .uint(v &* 4096, text: Fmt.hex(v &* 4096))
        case .long64(let hi): return .int(Int64(bitPattern: v | args[hi] << 32))
        case .path, .xattrName: return cString(v, path: true)
        case .str: return cString(v, path: false)
        case .strLen(let n), .bufIn(let n): return buffer(v, Int(min(args[n], 1 << 30)))
        case .bufRet, .strRet: return buffer(v, retCount)
        case .bufRetHex: return buffer(v, retCount, hex: true)
        case .cwdRet: return v == 0 ? .pointer(0) : cString(v, path: true)
        case .iov(let n): return iovec(v, count: args[n])
        case .argv: return argv(v)
        case .envp: return envp(v)
        case .intPtr: return scalarPtr(v, 4) { .int(Int64(Int32(truncatingIfNeeded: $0))) }
        case .uintPtr, .socklenInOut: return scalarPtr(v, 4) { .uint($0) }
        case .int64Ptr: return scalarPtr(v, 8) { .int(Int64(bitPattern: $0)) }
        case .int64InOut: return scalarPtr(v, 8) { .uint($0) }
        case .hexPtr: return scalarPtr(v, word) { .uint($0, text: Fmt.hex($0)) }
        case .uidPtr: return scalarPtr(v, 4) { u in UInt32(truncatingIfNeeded: u) == .max ? .int(-1) : .uint(u) }
        case .signalPtr: return scalarPtr(v, 4) { Self.signalValue($0) }
        case .fdPair:
            guard let b = read(v, 8) else { return .pointer(v) }
            return .array([fdValue(b.i32(0)), fdValue(b.i32(4))])
        case .gidList(let n):
            let count = n < 0 ? retCount : Int(sint(args[n]))
            return gidList(v, count: count)
        case .stat: return statValue(v)
        case .fsnet(let kind): return fsnetValue(kind, i)
        case .proc(let p): return procValue(p, i)
        case .dbg(let k): return dbgValue(k, i)
        case .bpf(let k): return bpfValue(k, i)
        default: return structValue(arg, i)
        }
    }

    /// A name rather than a number (`IPPROTO_TCP`, not `6` or `0x7 /* ... */`).
    static func isName(_ text: String) -> Bool {
        guard let c = text.unicodeScalars.first else { return false }
        return (c == "_" || c.properties.isAlphabetic) && !text.unicodeScalars.contains(" ")
    }

    /// An output argument at exit: its address when the call failed.
    mutating func writeOut(_ arg: Arg, _ i: Int, to out: inout ByteBuffer) {
        switch arg {
        case .named(let name, let inner):
            out.append(name)
            out.append(byte: UInt8(ascii: "="))
            writeOut(inner, i, to: &out)
        case .socklenInOut, .int64InOut, .remTimespec, .cloneResults, .fsnet, .proc, .iov, .dbg, .bpf: valueOut(arg, i).write(to: &out)
        default:
            if isError { return out.append(addr: args[i]) }
            write(arg, i, to: &out)
        }
    }

    /// `writeOut` as a typed value.
    mutating func valueOut(_ arg: Arg, _ i: Int) -> SyscallValue {
        let v = args[i]
        switch arg {
        case .named(let name, let inner): return .labeled(name, valueOut(inner, i))
        case .socklenInOut:
            guard let before = saved[i] else { return .pointer(v) }
            guard !isError, let b = read(v, 4) else { return .pointee(.uint(before)) }
            let after = b.u32(0)
            return .pointee(after == before ? .uint(after) : .change(.uint(before), .uint(after)))
        case .int64InOut:
            guard let before = saved[i] else { return .pointer(v) }
            // An unsigned offset (strace's %llu).
            let was = SyscallValue.pointee(.uint(before))
            guard !isError, ret > 0, let b = read(v, 8) else { return was }
            return .change(was, .pointee(.uint(b.u64(0))))
        case .cloneResults(let size):
            return cloneResults(v, size: Int(min(args[size], 4096)))
        case .proc(let p): return procValueOut(p, i)
        case .dbg(let k): return dbgValueOut(k, i)
        case .remTimespec:
            if v == 0 { return .pointer(0) }
            if isError, ErrnoNames.isRestart(Int32(truncatingIfNeeded: -ret)) { return value(.timespec, i) }
            return .pointer(v)
        case .fsnet(let kind): return fsnetValue(kind, i)   // shows a failed call itself
        case .iov: return value(arg, i)                       // the buffers' addresses after a failure
        case .bpf(let k): return bpfValue(k, i)
        default:
            if isError { return .pointer(v) }
            return value(arg, i)
        }
    }

    /// Reads at entry the values that an in/out argument shows at exit.
    func save(_ arg: Arg, _ i: Int, into saved: inout [Int: UInt64]) {
        switch arg {
        case .out(let inner), .named(_, let inner): save(inner, i, into: &saved)
        case .socklenInOut, .sockOptValOut:
            let idx = { if case .sockOptValOut(let l) = arg { return l } else { return i } }()
            if let b = read(args[idx], 4) { saved[idx] = b.u32(0) }
        case .int64InOut:
            if let b = read(args[i], 8) { saved[i] = b.u64(0) }
        case .fsnet(let kind): fsnetSave(kind, i, into: &saved)
        case .proc(let p): procSave(p, i, into: &saved)
        case .dbg(let k): dbgSave(k, i, into: &saved)
        case .bpf(let k): bpfSave(k, i, into: &saved)
        default: break
        }
    }

    func scalarPtr(_ addr: UInt64, _ size: Int, _ f: (UInt64) -> SyscallValue) -> SyscallValue {
        guard let b = read(addr, size) else { return .pointer(addr) }
        return .pointee(f(b.word(0, size)))
    }
}
