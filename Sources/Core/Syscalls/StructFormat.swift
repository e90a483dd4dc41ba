import Glibc

// Structures the kernel reads or writes, printed as strace 6.1 does in its default
// (abbreviated) style.

/// `name=value` of a structure.
func F(_ name: String, _ value: SyscallValue) -> ParamField { ParamField(name, value) }

extension ArgContext {
    /// The structures and arrays an argument points at (the cases `write` does not write
    /// itself), as typed values.
    mutating func structValue(_ arg: Arg, _ i: Int) -> SyscallValue {
        let v = args[i]
        if v == 0 { return .pointer(0) }
        switch arg {
        case .sigset(let size): return sigsetArg(v, size: Int(min(args[size], 1 << 16)))
        case .sigaction: return sigaction(v)
        case .stackT:
            guard let b = read(v, 24) else { return .pointer(v) }
            return .structure([F("ss_sp", .pointer(b.u64(0))), F("ss_flags", X.sigaltstackFlags.flagsValue(b.u32(8))),
                               F("ss_size", .uint(b.u64(16)))])
        case .timespec, .remTimespec: return read(v, 16).map { timespec($0, 0) } ?? .pointer(v)
        case .timeval: return read(v, 16).map { timeval($0, 0) } ?? .pointer(v)
        case .timezone:
            guard let b = read(v, 8) else { return .pointer(v) }
            return .structure([F("tz_minuteswest", .int(b.i32(0))), F("tz_dsttime", .int(b.i32(4)))])
        case .itimerval:
            guard let b = read(v, 32) else { return .pointer(v) }
            return .structure([F("it_interval", timeval(b, 0)), F("it_value", timeval(b, 16))])
        case .itimerspec:
            guard let b = read(v, 32) else { return .pointer(v) }
            return .structure([F("it_interval", timespec(b, 0)), F("it_value", timespec(b, 16))])
        case .winsize:
            guard let b = read(v, 8) else { return .pointer(v) }
            return .structure([F("ws_row", .uint(b.u16(0))), F("ws_col", .uint(b.u16(2))),
                               F("ws_xpixel", .uint(b.u16(4))), F("ws_ypixel", .uint(b.u16(6)))])
        case .utimes:
            guard let b = read(v, 32) else { return .pointer(v) }
            return .array([utime(b, 0), utime(b, 16)])
        case .statx: return statx(v)
        case .statfs: return statfs(v)
        case .rlimit:
            guard let b = read(v, 16) else { return .pointer(v) }
            return .structure([F("rlim_cur", rlim(b.u64(0))), F("rlim_max", rlim(b.u64(8)))])
        case .utsname:
            if !abbreviated {
                guard let b = read(v, 65 * 6) else { return .pointer(v) }
                let names = ["sysname", "nodename", "release", "version", "machine", "domainname"]
                return .structure(names.enumerated().map { F($0.element, fixedString(b, 65 * $0.offset, 65)) })
            }
            guard let b = read(v, 65 * 2) else { return .pointer(v) }
            return .structure([F("sysname", fixedString(b, 0, 65)), F("nodename", fixedString(b, 65, 65))], more: true)
        case .sysinfo: return sysinfo(v)
        case .tms:
            guard let b = read(v, 32) else { return .pointer(v) }
            return .structure([F("tms_utime", Self.clockT(b.i64(0))), F("tms_stime", Self.clockT(b.i64(8))),
                               F("tms_cutime", Self.clockT(b.i64(16))), F("tms_cstime", Self.clockT(b.i64(24)))])
        case .rusage:
            if !abbreviated {
                // Two timevals, then fourteen longs, in the tracee's word size.
                guard let b = read(v, 18 * word) else { return .pointer(v) }
                let names = ["ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt", "ru_majflt", "ru_nswap",
                             "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw"]
                let w = word
                let tv = { (o: Int) -> SyscallValue in
                    .structure([F("tv_sec", .int(b.sword(o, w))), F("tv_usec", .uint(b.word(o + w, w)))])
                }
                return .structure([F("ru_utime", tv(0)), F("ru_stime", tv(2 * word))]
                                  + names.enumerated().map { F($0.element, .uint(b.word((4 + $0.offset) * word, word))) })
            }
            guard let b = read(v, 32) else { return .pointer(v) }
            return .structure([F("ru_utime", timeval(b, 0)), F("ru_stime", timeval(b, 16))], more: true)
        case .waitStatus:
            if exiting && ret == 0 { return .pointer(v) }
            guard let b = read(v, 4) else { return .pointer(v) }
            return .pointee(Self.waitStatus(UInt32(truncatingIfNeeded: b.u32(0))))
        case .siginfo:
            guard let b = read(v, 128) else { return .pointer(v) }
            let ctx = self
            return SigInfoFormat.value(Self.siginfo(b), pid: options.pidComm ? { ctx.pidValue(Int64($0)) } : nil,
                                       fd: { ctx.fdValue($0) })
        case .sockaddr(let len): return sockaddr(v, len: Int(sint(args[len])))
        case .sockaddrOut(let lenPtr):
            let lp = args[lenPtr]
            guard lp != 0, let l = read(lp, 4) else { return .pointer(v) }
            let before = saved[lenPtr].map { Int($0) } ?? Int(l.u32(0))
            return sockaddr(v, len: min(Int(l.u32(0)), before))
        case .sockOptVal(let len):
            let l = Int(sint(args[len]))
            if l == 4, let b = read(v, 4) { return .pointee(.int(b.i32(0))) }
            return l == 0 ? .pointer(v) : buffer(v, l)
        case .sockOptValOut(let lenPtr):
            guard let l = read(args[lenPtr], 4) else { return .pointer(v) }
            let n = Int(l.u32(0))
            if n == 4, let b = read(v, 4) { return .pointee(.int(b.i32(0))) }
            return buffer(v, n)
        case .msghdr, .msghdrOut: return msghdr(v)
        case .flock(let getlk): return flock(v, getlk: getlk)
        case .fOwnerEx:
            guard let b = read(v, 8) else { return .pointer(v) }
            return .structure([F("type", X.fOwnerTypes.symbolValue(b.u32(0))), F("pid", .int(b.i32(4)))])
        case .sockBuf(let len): return socketBuffer(v, Int(min(args[len], 1 << 30)))
        // What was received, not beyond the buffer (MSG_TRUNC returns the datagram's size).
        case .sockBufRet: return socketBuffer(v, min(retCount, Int(min(args[2], 1 << 30))))
        case .pollfds(let count): return pollfds(v, count: Int(UInt32(truncatingIfNeeded: args[count])))
        case .fdset(let nfds): return fdset(v, nfds: Int(sint(args[nfds]))) ?? .pointer(v)
        case .epollEvent:
            guard let b = read(v, 12) else { return .pointer(v) }
            return epollEvent(b, 0)
        case .epollEvents:
            let n = min(retCount, limit)
            guard let b = read(v, n * 12) else { return .pointer(v) }
            return .array((0..<n).map { epollEvent(b, $0 * 12) }, more: retCount > n)
        case .cpuset: return cpuset(v, bytes: retCount)
        case .cpusetIn(let size): return cpuset(v, bytes: Int(UInt32(truncatingIfNeeded: args[size])))
        case .dirents(let is64): return dirents(v, is64: is64)
        case .cloneArgs(let size): return cloneArgs(v, size: Int(min(args[size], 4096)))
        case .mountAttr(let size):
            guard args[size] >= 32, let b = read(v, 32) else { return .pointer(v) }
            let propagation = b.u64(16)
            return .structure([F("attr_set", X.mountAttrFlags.flagsValue(b.u64(0))),
                               F("attr_clr", X.mountAttrFlags.flagsValue(b.u64(8))),
                               F("propagation", propagation == 0 ? .flags(0, names: [], unknown: 0, text: "0")
                                                                 : X.mountFlags.flagsValue(propagation)),
                               F("userns_fd", .int(Int64(Int32(truncatingIfNeeded: b.u64(24)))))])
        case .openHow:
            guard let b = read(v, 24) else { return .pointer(v) }
            var f = [F("flags", openFlagsValue(b.u64(0)))]
            if b.u64(0) & 0x400040 != 0 || b.u64(8) != 0 { f.append(F("mode", .uint(b.u64(8), text: Fmt.mode(b.u64(8))))) }
            f.append(F("resolve", X.resolveFlags.flagsValue(b.u64(16), plain: true)))
            return .structure(f)
        case .mincoreVec(let len):
            let pages = Int((min(args[len], 1 << 40) + 4095) / 4096)
            let n = min(pages, limit)
            guard let b = read(v, n) else { return .pointer(v) }
            return .array((0..<n).map { .uint(b.u8($0) & 1) }, more: pages > n)
        case .capHeader:
            guard let b = read(v, 8) else { return .pointer(v) }
            return .structure([F("version", X.capVersions.symbolValue(b.u32(0))), F("pid", .int(b.i32(4)))])
        case .pselectSigmask:
            guard let b = read(v, 16) else { return .pointer(v) }
            // The size is the tracee's word: any value (Int(_:) of one above Int.max trapped).
            let set = sigsetArg(b.u64(0), size: Int(clamping: b.u64(8)))
            return .structure([F("sigmask", set), F("sigsetsize", .uint(b.u64(8)))])
        default:
            return .uint(v, text: Fmt.hex(v))
        }
    }

    // MARK: Signals

    func sigsetArg(_ addr: UInt64, size: Int) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        guard size >= word, size <= 8, let b = read(addr, size) else { return .pointer(addr) }
        return Self.sigset(b.slice(0, size).reduce((0, UInt64(0))) { ($0.0 + 8, $0.1 | UInt64($1) << $0.0) }.1,
                           bits: size * 8)
    }

    /// `[INT TERM]`, or `~[…]` listing the clear bits when at least two thirds are set.
    /// The value's names are the signals in the set (`SIGINT`), whichever way it is shown.
    static func sigset(_ mask: UInt64, bits: Int) -> SyscallValue {
        let all: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        let m = mask & all
        let invert = m.nonzeroBitCount >= bits * 2 / 3
        let shown = invert ? ~m & all : m
        var shownNames: [String] = []
        var names: [String] = []
        for bit in 0..<bits {
            let set = m & (1 << UInt64(bit)) != 0
            if set { names.append(SignalNames.name(Int32(bit + 1))) }
            if shown & (1 << UInt64(bit)) != 0 {
                shownNames.append(DecodeStyle.constant(SignalNames.shortName(bit + 1), number: String(bit + 1)))
            }
        }
        let text = (invert ? "~[" : "[") + shownNames.joined(separator: " ") + "]"
        return .flags(m, names: names, unknown: 0, text: text)
    }

    func sigaction(_ addr: UInt64) -> SyscallValue {
        let w = word
        guard let b = read(addr, 3 * w + 8) else { return .pointer(addr) }
        let handler = b.word(0, w), flags = b.word(w, w), restorer = b.word(2 * w, w)
        let h: SyscallValue
        switch handler {
        case 0: h = .symbol(0, name: "SIG_DFL", text: DecodeStyle.constant("SIG_DFL", number: "0"))
        case 1: h = .symbol(1, name: "SIG_IGN", text: DecodeStyle.constant("SIG_IGN", number: "1"))
        default: h = .pointer(handler)
        }
        var f = [F("sa_handler", h), F("sa_mask", Self.sigset(b.u64(3 * w), bits: 64)),
                 F("sa_flags", X.saFlags.flagsValue(flags, plain: true))]
        if flags & 0x4000000 != 0 { f.append(F("sa_restorer", .pointer(restorer))) }
        return .structure(f)
    }

    /// A wait status as strace shows it (`{WIFEXITED(s) && WEXITSTATUS(s) == 0}`), typed as
    /// `{exitstatus}`, `{termsig, coredump}`, `{stopsig[, event]}` or `{continued}`.
    static func waitStatus(_ s: UInt32) -> SyscallValue {
        let low = s & 0x7f
        var r: String
        if s & 0xff == 0x7f {
            let sig = Int32((s >> 8) & 0xff)
            r = "{WIFSTOPPED(s) && WSTOPSIG(s) == " + SignalNames.name(sig) + "}"
            var f = [F("stopsig", signalValue(UInt64(sig)))]
            let event = s >> 16
            if event != 0 {
                let names = [1: "PTRACE_EVENT_FORK", 2: "PTRACE_EVENT_VFORK", 3: "PTRACE_EVENT_CLONE",
                             4: "PTRACE_EVENT_EXEC", 5: "PTRACE_EVENT_VFORK_DONE", 6: "PTRACE_EVENT_EXIT",
                             7: "PTRACE_EVENT_SECCOMP", 128: "PTRACE_EVENT_STOP"]
                let name = names[Int(event)]
                r += " | " + (name ?? Fmt.hex(UInt64(event))) + " << 16"
                f.append(F("event", .symbol(Int64(event), name: name, text: name ?? Fmt.hex(UInt64(event)))))
            }
            return .expr(r, json: .structure(f))
        }
        if s == 0xffff { return .expr("{WIFCONTINUED(s)}", json: .structure([F("continued", .bool(true))])) }
        if low == 0 {
            return .expr("{WIFEXITED(s) && WEXITSTATUS(s) == \((s >> 8) & 0xff)}",
                         json: .structure([F("exitstatus", .uint(UInt64((s >> 8) & 0xff)))]))
        }
        r = "{WIFSIGNALED(s) && WTERMSIG(s) == " + SignalNames.name(Int32(low))
            + (s & 0x80 != 0 ? " && WCOREDUMP(s)" : "") + "}"
        return .expr(r, json: .structure([F("termsig", signalValue(UInt64(low))), F("coredump", .bool(s & 0x80 != 0))]))
    }

    /// A signal number: its name, or the number.
    static func signalValue(_ v: UInt64) -> SyscallValue {
        let n = Int32(truncatingIfNeeded: v)
        let text = SignalNames.name(n)
        let named = ScalarText.hasPrefix(text, "SIG")
        return .symbol(Int64(n), name: named ? text : nil, text: named ? DecodeStyle.constant(text, number: String(n)) : text)
    }

    static func siginfo(_ b: Bytes) -> SigInfo {
        var si = SigInfo()
        si.signo = Int32(b.i32(0)); si.errno = Int32(b.i32(4)); si.code = Int32(b.i32(8))
        si.pid = Int32(b.i32(16)); si.uid = UInt32(b.u32(20))
        si.status = Int32(b.i32(24)); si.utime = b.i64(32); si.stime = b.i64(40)
        si.addr = b.u64(16); si.timerid = Int32(b.i32(16)); si.overrun = Int32(b.i32(20))
        si.value = b.i64(24); si.band = b.i64(16); si.fd = Int32(b.i32(24))
        si.callAddr = b.u64(16); si.syscall = Int32(b.i32(24)); si.arch = UInt32(b.u32(28))
        return si
    }

    /// clock_t fields: "13 /* 0.13 s */" (strace shows seconds when nonzero, at 100 Hz).
    static func clockT(_ v: Int64) -> SyscallValue {
        // No seconds with -X raw (strace's PRINT_FIELD_CLOCK_T).
        if v == 0 || DecodeStyle.current.xlat == .raw { return .int(v) }
        let u = UInt64(bitPattern: v)
        let frac = u % 100
        return .commented(.int(v), "\(u / 100).\(frac < 10 ? "0" : "")\(frac) s")
    }

    // MARK: Time

    func timespec(_ b: Bytes, _ o: Int) -> SyscallValue {
        // strace prints the fraction unsigned (PRINT_FIELD_U): a negative one as 2^64 - n.
        .structure([F("tv_sec", .int(b.i64(o))), F("tv_nsec", .uint(b.u64(o + 8)))])
    }

    func timeval(_ b: Bytes, _ o: Int) -> SyscallValue {
        .structure([F("tv_sec", .int(b.i64(o))), F("tv_usec", .uint(b.u64(o + 8)))])
    }

    func utime(_ b: Bytes, _ o: Int) -> SyscallValue {
        switch b.i64(o + 8) {
        case (1 << 30) - 1, (1 << 30) - 2:
            // -X raw: the structure; -X verbose: it, and the name in a comment.
            let name = b.i64(o + 8) == (1 << 30) - 1 ? "UTIME_NOW" : "UTIME_OMIT"
            switch DecodeStyle.current.xlat {
            case .abbrev: return .symbol(b.i64(o + 8), name: name, text: name)
            case .raw: return timespec(b, o)
            case .verbose: return .commented(timespec(b, o), name)
            }
        default:
            // No date for zero or an out-of-range fraction (strace's sprinttime_nsec).
            guard let date = Self.sprinttime(b.i64(o), part: b.u64(o + 8), max: 999_999_999, width: 9) else {
                return timespec(b, o)
            }
            return .commented(timespec(b, o), date)
        }
    }

    func rlim(_ v: UInt64) -> SyscallValue {
        // -X raw: the number; -X verbose: the number and strace's text in a comment.
        let style = DecodeStyle.current.xlat
        if v == .max { return .uint(v, text: DecodeStyle.constant("RLIM64_INFINITY", number: String(v))) }
        if v > 0 && v % 1024 == 0 {
            let text = "\(v / 1024)*1024"
            return .uint(v, text: style == .abbrev ? text : style == .raw ? String(v) : "\(v) /* \(text) */")
        }
        return .uint(v)
    }

    // MARK: Files

    func modeText(_ m: UInt64) -> String {
        var out = ByteBuffer(capacity: 32)
        writeModeText(m, to: &out)
        return out.string
    }

    /// strace's sprintmode: type, then the special bits by name, then the permissions.
    func writeModeText(_ m: UInt64, to out: inout ByteBuffer) {
        // -X raw: `0100644`; -X verbose: `0100644 /* S_IFREG|0644 */` (strace's print_symbolic_mode_t).
        let style = DecodeStyle.current
        if style.xlat != .abbrev {
            out.append(Fmt.octal(m))
            if style.xlat == .raw { return }
            out.append(" /* ")
            DecodeStyle.with(DecodeStyle(xlat: .abbrev, hexStrings: style.hexStrings)) { writeModeText(m, to: &out) }
            out.append(" */")
            return
        }
        let type = m & 0o170000
        if let name = X.fileTypes.name(type) { out.append(name) } else { out.append(Fmt.octal(type)) }
        if m & 0o4000 != 0 { out.append("|S_ISUID") }
        if m & 0o2000 != 0 { out.append("|S_ISGID") }
        if m & 0o1000 != 0 { out.append("|S_ISVTX") }
        out.append(byte: UInt8(ascii: "|"))
        out.append(mode: m & 0o777)
    }

    /// `{st_mode=S_IFREG|0644, st_size=1234, ...}`, read without an intermediate array
    /// (the printer's path; `statValue` is the same as a value).
    func writeStat(_ addr: UInt64, to out: inout ByteBuffer) {
        if addr == 0 { return out.append("NULL") }
        if !verbose { return out.append(addr: addr) }
        if !abbreviated { return statFull(addr).write(to: &out) }
        let readable = memory.withBytes(at: addr, count: 144) { b in
            let m = UInt64(b.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            let type = m & 0o170000
            out.append("{st_mode=")
            writeModeText(m, to: &out)
            if type == 0o020000 || type == 0o060000 {
                out.append(", st_rdev=")
                dev(b.loadUnaligned(fromByteOffset: 40, as: UInt64.self)).write(to: &out)
            } else {
                out.append(", st_size=")
                out.append(decimal: b.loadUnaligned(fromByteOffset: 48, as: Int64.self))
            }
            out.append(", ...}")
        }
        if !readable { out.append(addr: addr) }
    }

    func statValue(_ addr: UInt64) -> SyscallValue {
        guard addr != 0 else { return .pointer(0) }
        if !abbreviated { return statFull(addr) }
        guard let b = read(addr, 144) else { return .pointer(addr) }
        let m = b.u32(24)
        let type = m & 0o170000
        var f = [F("st_mode", .uint(m, text: modeText(m)))]
        if type == 0o020000 || type == 0o060000 { f.append(F("st_rdev", dev(b.u64(40)))) }
        else { f.append(F("st_size", .int(b.i64(48)))) }
        return .structure(f, more: true)
    }

    func statx(_ addr: UInt64) -> SyscallValue {
        if !abbreviated { return statxFull(addr) }
        guard let b = read(addr, 256) else { return .pointer(addr) }
        return .structure([F("stx_mask", X.statxMask.flagsValue(b.u32(0), plain: true)),
                           F("stx_attributes", X.statxAttrs.flagsValue(b.u64(8), plain: true)),
                           F("stx_mode", .uint(b.u16(28), text: modeText(b.u16(28)))),
                           F("stx_size", .uint(b.u64(40)))], more: true)
    }

    func statfs(_ addr: UInt64) -> SyscallValue {
        guard let b = read(addr, 120) else { return .pointer(addr) }
        let type = b.u64(0)
        return .structure([
            F("f_type", .symbol(Int64(bitPattern: type), name: X.fsMagic.name(type), text: X.fsMagic.name(type) ?? Fmt.hex(type))),
            F("f_bsize", .int(b.i64(8))), F("f_blocks", .uint(b.u64(16))), F("f_bfree", .uint(b.u64(24))),
            F("f_bavail", .uint(b.u64(32))), F("f_files", .uint(b.u64(40))), F("f_ffree", .uint(b.u64(48))),
            F("f_fsid", .structure([F("val", .array([.uint(b.u32(56), text: Fmt.hex(b.u32(56))),
                                                     .uint(b.u32(60), text: Fmt.hex(b.u32(60)))]))])),
            F("f_namelen", .int(b.i64(64))), F("f_frsize", .int(b.i64(72))),
            F("f_flags", X.statfsFlags.flagsValue(b.u64(80), plain: true)),
        ])
    }

    func sysinfo(_ addr: UInt64) -> SyscallValue {
        guard let b = read(addr, 112) else { return .pointer(addr) }
        return .structure([
            F("uptime", .int(b.i64(0))), F("loads", .array([.uint(b.u64(8)), .uint(b.u64(16)), .uint(b.u64(24))])),
            F("totalram", .uint(b.u64(32))), F("freeram", .uint(b.u64(40))), F("sharedram", .uint(b.u64(48))),
            F("bufferram", .uint(b.u64(56))), F("totalswap", .uint(b.u64(64))), F("freeswap", .uint(b.u64(72))),
            F("procs", .uint(b.u16(80))), F("totalhigh", .uint(b.u64(88))), F("freehigh", .uint(b.u64(96))),
            F("mem_unit", .uint(b.u32(104))),
        ])
    }

    func fixedString(_ b: Bytes, _ o: Int, _ n: Int) -> SyscallValue {
        let s = b.slice(o, n)
        let end = s.firstIndex(of: 0) ?? s.endIndex
        return .string(Array(s[s.startIndex..<end]), truncated: false)
    }

    /// `0x… /* 6 entries */`: the records are counted where they lie (a getdents64 buffer
    /// is 32 KiB; no copy of it is made). Typed as `{entries}`.
    func dirents(_ addr: UInt64, is64: Bool) -> SyscallValue {
        if !verbose { return .pointer(addr) }
        if !abbreviated { return direntsFull(addr, is64: is64) }
        let total = min(retCount, 1 << 20)
        let recOff = is64 ? 16 : 2 * word
        var n = 0
        let readable = memory.withBytes(at: addr, count: total) { b in
            var o = 0
            while o + recOff + 2 <= total {
                let len = Int(b.loadUnaligned(fromByteOffset: o + recOff, as: UInt16.self))
                if len == 0 { break }
                n += 1
                o += len
            }
        }
        guard readable else { return .pointer(addr) }
        return .expr(Fmt.addr(addr) + " /* \(n) entries */", json: .structure([F("entries", .int(Int64(n)))]))
    }

    // MARK: Descriptors and processes

    /// poll's fds at entry, as strace's print_array (not cut under -v).
    func pollfds(_ addr: UInt64, count: Int) -> SyscallValue {
        printArray(addr, count: UInt64(max(count, 0)), size: 8) { b in
            .structure([F("fd", fdValue(b.i32(0))), F("events", X.pollEvents.flagsValue(b.u16(4), plain: true))])
        }
    }

    /// The descriptors set in an fd_set of `nfds` bits: `[0 7]`.
    func fdset(_ addr: UInt64, nfds: Int) -> SyscallValue? {
        if addr == 0 { return .pointer(0) }
        // No descriptors (nfds 0 or negative): the address, as strace.
        if nfds <= 0 { return .pointer(addr) }
        let n = min(nfds, 1 << 20)
        guard let b = read(addr, (n + 63) / 64 * 8) else { return nil }
        var items: [SyscallValue] = []
        for i in 0..<n where b.u8(i / 8) & (1 << UInt64(i % 8)) != 0 { items.append(fdValue(Int64(i))) }
        return .expr("[" + items.map(\.text).joined(separator: " ") + "]", json: .array(items))
    }

    func epollEvent(_ b: Bytes, _ o: Int) -> SyscallValue {
        let data = b.u64(o + 4)
        return .structure([F("events", X.epollEvents.flagsValue(b.u32(o), plain: true)),
                           F("data", .structure([F("u32", .uint(UInt64(UInt32(truncatingIfNeeded: data)))),
                                                 F("u64", .uint(data))]))])
    }

    func cpuset(_ addr: UInt64, bytes: Int) -> SyscallValue {
        guard let b = read(addr, min(bytes, 1 << 16)) else { return .pointer(addr) }
        var items: [SyscallValue] = []
        for i in 0..<(b.count * 8) where b.u8(i / 8) & (1 << UInt64(i % 8)) != 0 { items.append(.uint(UInt64(i))) }
        return .expr("[" + items.map(\.text).joined(separator: " ") + "]", json: .array(items))
    }

    func cloneArgs(_ addr: UInt64, size: Int) -> SyscallValue {
        guard size >= 64, let b = read(addr, min(size, 88)) else { return .pointer(addr) }
        let flags = b.u64(0)
        var f = [F("flags", X.clone3Flags.flagsValue(flags))]
        if flags & CloneFlag.pidfd != 0 { f.append(F("pidfd", .pointer(b.u64(8)))) }
        if flags & (CloneFlag.childSettid | CloneFlag.childCleartid) != 0 { f.append(F("child_tid", .pointer(b.u64(16)))) }
        if flags & CloneFlag.parentSettid != 0 { f.append(F("parent_tid", .pointer(b.u64(24)))) }
        let sig = b.u64(32)
        f.append(F("exit_signal", sig <= 64 ? Self.signalValue(sig) : .uint(sig)))
        f.append(F("stack", .pointer(b.u64(40))))
        f.append(F("stack_size", .uint(b.u64(48), text: Fmt.hex(b.u64(48)))))
        if flags & CloneFlag.settls != 0 { f.append(F("tls", .pointer(b.u64(56)))) }
        if size >= 80, b.u64(64) != 0 || b.u64(72) != 0 {
            // The pids the child gets in each pid namespace, innermost first (an address
            // when there are none, or more than 32).
            let at = b.u64(64), count = b.u64(72)
            var tids: SyscallValue = .pointer(at)
            if at != 0 && count != 0 && count <= 32, let t = read(at, Int(count) * 4) {
                tids = .array((0..<Int(count)).map { SyscallValue.int(Int64(Int32(truncatingIfNeeded: t.u32($0 * 4)))) })
            }
            f += [F("set_tid", tids), F("set_tid_size", .uint(count))]
        }
        if size > 80, b.u64(80) != 0 || flags & CloneFlag.intoCgroup != 0 { f.append(F("cgroup", .uint(b.u64(80)))) }
        if let tail = cloneArgsTail(addr, size: size) { f.append(ParamField(bare: "tail", tail)) }
        return .structure(f)
    }

    /// A clone_args larger than nstrace knows (88 bytes): the rest, up to a page, as strace's
    /// print_nonzero_bytes shows it: nothing when it is all zeros, `???` when unreadable,
    /// else `/* bytes 88..N */ "\x.."` (-s bytes of it).
    func cloneArgsTail(_ addr: UInt64, size: Int) -> SyscallValue? {
        let end = min(size, 4096)
        guard end > 88 else { return nil }
        guard let b = read(addr &+ 88, end - 88) else { return .expr("???", json: nil) }
        if b.b.allSatisfy({ $0 == 0 }) { return nil }
        let shown = min(b.count, limit)
        return .expr("/* bytes 88..\(end - 1) */ " + StringQuoting.quoted(b.b.prefix(shown), truncated: shown < b.count, hex: true),
                     json: .string(b.b, truncated: false))
    }

    /// clone3's clone_args at exit, as strace shows what the kernel wrote there: ` =>
    /// {pidfd=[3], parent_tid=[N]}`; nothing when the call failed or asked for neither.
    func cloneResults(_ addr: UInt64, size: Int) -> SyscallValue {
        if isError || size < 64 { return .expr("", json: nil) }
        guard let b = read(addr, min(size, 88)) else { return .expr(" => " + SyscallValue.pointer(addr).text, json: nil) }
        let flags = b.u64(0)
        var fields: [String] = []
        func pointee(_ p: UInt64, _ show: (Int64) -> String) -> String {
            guard let v = read(p, 4) else { return SyscallValue.pointer(p).text }
            return "[" + show(Int64(v.i32(0))) + "]"
        }
        if flags & CloneFlag.pidfd != 0 { fields.append("pidfd=" + pointee(b.u64(8)) { fdValue($0).text }) }
        if flags & CloneFlag.parentSettid != 0 { fields.append("parent_tid=" + pointee(b.u64(24)) { String($0) }) }
        if let tail = cloneArgsTail(addr, size: size) { fields.append(tail.text) }
        return .expr(fields.isEmpty ? "" : " => {" + fields.joined(separator: ", ") + "}", json: nil)
    }

    /// Whether the exit goes on with `slot`'s argument (a glued slot): clone3 shows what the
    /// kernel wrote in clone_args when it asked for a pidfd or the parent's tid, or passed a
    /// struct larger than nstrace knows (strace's RVAL_TID at entry).
    func continues(_ slot: Slot) -> Bool {
        if case .out(.bpf) = slot.arg { return bpfContinues(slot) }
        guard case .out(.cloneResults(let size)) = slot.arg else { return true }
        // Only after a struct the entry showed (not its address: unreadable, or too short).
        let n = args[size]
        guard n >= 64, let b = read(args[slot.index], Int(min(n, 88))) else { return false }
        return n > 88 || b.u64(0) & (CloneFlag.pidfd | CloneFlag.parentSettid) != 0
    }

    /// fcntl's struct flock: x86_64's (and i386's flock64, packed) for every lock command,
    /// i386's 32-bit one for F_GETLK/F_SETLK/F_SETLKW.
    func flock(_ addr: UInt64, getlk: Bool) -> SyscallValue {
        let cmd = args[1] & 0xffff_ffff
        let (size, start, len, pid, wide): (Int, Int, Int, Int, Bool) =
            abi != .i386 ? (32, 8, 16, 24, true) : (5...7).contains(cmd) ? (16, 4, 8, 12, false) : (24, 4, 12, 20, true)
        guard let b = read(addr, size) else { return .pointer(addr) }
        var f = [F("l_type", X.lockTypes.symbolValue(b.u16(0))), F("l_whence", X.seekWhence.symbolValue(b.u16(2))),
                 F("l_start", .int(wide ? b.i64(start) : b.i32(start))), F("l_len", .int(wide ? b.i64(len) : b.i32(len)))]
        if getlk { f.append(F("l_pid", .int(b.i32(pid)))) }
        return .structure(f)
    }

    // MARK: Sockets

    /// inet_ntop's text for an IPv6 address (longest run of zero groups as "::").
    static func ipv6(_ a: ArraySlice<UInt8>) -> String {
        let b = Array(a)
        let g = (0..<8).map { Int(b[2 * $0]) << 8 | Int(b[2 * $0 + 1]) }
        if g[0..<5].allSatisfy({ $0 == 0 }) && (g[5] == 0xffff || (g[5] == 0 && (g[6] != 0 || g[7] > 1))) {
            let v4 = "\(b[12]).\(b[13]).\(b[14]).\(b[15])"
            return g[5] == 0xffff ? "::ffff:" + v4 : "::" + v4
        }
        var best = (start: -1, len: 0), i = 0
        while i < 8 {
            if g[i] == 0 {
                var j = i
                while j < 8 && g[j] == 0 { j += 1 }
                if j - i > best.len && j - i >= 2 { best = (i, j - i) }
                i = j
            } else { i += 1 }
        }
        func hex(_ r: Range<Int>) -> String { r.map { String(g[$0], radix: 16) }.joined(separator: ":") }
        if best.start < 0 { return hex(0..<8) }
        return hex(0..<best.start) + "::" + hex((best.start + best.len)..<8)
    }

    func msghdr(_ addr: UInt64) -> SyscallValue {
        guard let b = read(addr, msghdrSize) else { return .pointer(addr) }
        return msghdrValue(b, 0, userNamelen: nil, dataSize: exiting && !isError ? retCount : nil)
    }
}
