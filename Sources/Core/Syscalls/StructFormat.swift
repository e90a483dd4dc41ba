import Glibc

// Structures the kernel reads or writes, printed as strace 6.1 does in its default
// (abbreviated) style.

extension ArgContext {
    mutating func formatStruct(_ arg: Arg, _ i: Int) -> String {
        let v = args[i]
        if v == 0 { return "NULL" }
        switch arg {
        case .sigset(let size): return sigsetArg(v, size: Int(min(args[size], 1 << 16)))
        case .sigaction: return sigaction(v)
        case .stackT:
            guard let b = read(v, 24) else { return Fmt.addr(v) }
            return "{ss_sp=" + Fmt.addr(b.u64(0)) + ", ss_flags=" + X.sigaltstackFlags.flags(b.u32(8))
                + ", ss_size=\(b.u64(16))}"
        case .timespec, .remTimespec: return read(v, 16).map { timespec($0, 0) } ?? Fmt.addr(v)
        case .timeval: return read(v, 16).map { timeval($0, 0) } ?? Fmt.addr(v)
        case .timezone:
            guard let b = read(v, 8) else { return Fmt.addr(v) }
            return "{tz_minuteswest=\(b.i32(0)), tz_dsttime=\(b.i32(4))}"
        case .itimerval:
            guard let b = read(v, 32) else { return Fmt.addr(v) }
            return "{it_interval=" + timeval(b, 0) + ", it_value=" + timeval(b, 16) + "}"
        case .itimerspec:
            guard let b = read(v, 32) else { return Fmt.addr(v) }
            return "{it_interval=" + timespec(b, 0) + ", it_value=" + timespec(b, 16) + "}"
        case .winsize:
            guard let b = read(v, 8) else { return Fmt.addr(v) }
            return "{ws_row=\(b.u16(0)), ws_col=\(b.u16(2)), ws_xpixel=\(b.u16(4)), ws_ypixel=\(b.u16(6))}"
        case .utimes:
            guard let b = read(v, 32) else { return Fmt.addr(v) }
            return "[" + utime(b, 0) + ", " + utime(b, 16) + "]"
        case .statx: return statx(v)
        case .statfs: return statfs(v)
        case .rlimit:
            guard let b = read(v, 16) else { return Fmt.addr(v) }
            return "{rlim_cur=" + rlim(b.u64(0)) + ", rlim_max=" + rlim(b.u64(8)) + "}"
        case .utsname:
            guard let b = read(v, 65 * 2) else { return Fmt.addr(v) }
            return "{sysname=" + fixedString(b, 0, 65) + ", nodename=" + fixedString(b, 65, 65) + ", ...}"
        case .sysinfo: return sysinfo(v)
        case .tms:
            guard let b = read(v, 32) else { return Fmt.addr(v) }
            return "{tms_utime=" + SigInfoFormat.clockT(b.i64(0)) + ", tms_stime=" + SigInfoFormat.clockT(b.i64(8))
                + ", tms_cutime=" + SigInfoFormat.clockT(b.i64(16)) + ", tms_cstime="
                + SigInfoFormat.clockT(b.i64(24)) + "}"
        case .rusage:
            guard let b = read(v, 32) else { return Fmt.addr(v) }
            return "{ru_utime=" + timeval(b, 0) + ", ru_stime=" + timeval(b, 16) + ", ...}"
        case .waitStatus:
            if exiting && ret == 0 { return Fmt.addr(v) }
            guard let b = read(v, 4) else { return Fmt.addr(v) }
            return "[" + Self.waitStatus(UInt32(truncatingIfNeeded: b.u32(0))) + "]"
        case .siginfo:
            guard let b = read(v, 128) else { return Fmt.addr(v) }
            return SigInfoFormat.format(Self.siginfo(b))
        case .sockaddr(let len): return sockaddr(v, len: Int(sint(args[len])))
        case .sockaddrOut(let lenPtr):
            let lp = args[lenPtr]
            guard lp != 0, let l = read(lp, 4) else { return Fmt.addr(v) }
            let before = saved[lenPtr].map { Int($0) } ?? Int(l.u32(0))
            return sockaddr(v, len: min(Int(l.u32(0)), before))
        case .sockOptVal(let len):
            let l = Int(sint(args[len]))
            if l == 4, let b = read(v, 4) { return "[\(b.i32(0))]" }
            return l == 0 ? Fmt.addr(v) : buffer(v, l)
        case .sockOptValOut(let lenPtr):
            guard let l = read(args[lenPtr], 4) else { return Fmt.addr(v) }
            let n = Int(l.u32(0))
            if n == 4, let b = read(v, 4) { return "[\(b.i32(0))]" }
            return buffer(v, n)
        case .msghdr, .msghdrOut: return msghdr(v)
        case .pollfds(let count): return pollfds(v, count: Int(UInt32(truncatingIfNeeded: args[count])))
        case .fdset(let nfds): return fdset(v, nfds: Int(sint(args[nfds]))) ?? Fmt.addr(v)
        case .epollEvent:
            guard let b = read(v, 12) else { return Fmt.addr(v) }
            return epollEvent(b, 0)
        case .epollEvents:
            let n = min(retCount, limit)
            guard let b = read(v, n * 12) else { return Fmt.addr(v) }
            return list((0..<n).map { epollEvent(b, $0 * 12) }, more: retCount > n)
        case .cpuset: return cpuset(v, bytes: retCount)
        case .cpusetIn(let size): return cpuset(v, bytes: Int(UInt32(truncatingIfNeeded: args[size])))
        case .dirents(let is64): return dirents(v, is64: is64)
        case .cloneArgs(let size): return cloneArgs(v, size: Int(min(args[size], 4096)))
        case .mountAttr(let size):
            guard args[size] >= 32, let b = read(v, 32) else { return Fmt.addr(v) }
            var s = "{attr_set=" + X.mountAttrFlags.flags(b.u64(0))
            s += ", attr_clr=" + X.mountAttrFlags.flags(b.u64(8))
            s += ", propagation=" + (b.u64(16) == 0 ? "0" : X.mountFlags.flags(b.u64(16)))
            return s + ", userns_fd=\(Int32(truncatingIfNeeded: b.u64(24)))}"
        case .openHow:
            guard let b = read(v, 24) else { return Fmt.addr(v) }
            var s = "{flags=" + openFlags(b.u64(0))
            if b.u64(0) & 0x400040 != 0 || b.u64(8) != 0 { s += ", mode=" + Fmt.mode(b.u64(8)) }
            return s + ", resolve=" + X.resolveFlags.flagsPlain(b.u64(16)) + "}"
        case .mincoreVec(let len):
            let pages = Int((min(args[len], 1 << 40) + 4095) / 4096)
            let n = min(pages, limit)
            guard let b = read(v, n) else { return Fmt.addr(v) }
            return list((0..<n).map { String(b.u8($0) & 1) }, more: pages > n)
        case .capHeader:
            guard let b = read(v, 8) else { return Fmt.addr(v) }
            return "{version=" + X.capVersions.value(b.u32(0)) + ", pid=\(b.i32(4))}"
        case .pselectSigmask:
            guard let b = read(v, 16) else { return Fmt.addr(v) }
            // The size is the tracee's word: any value (Int(_:) of one above Int.max trapped).
            return "{" + sigsetArg(b.u64(0), size: Int(clamping: b.u64(8))) + ", \(b.u64(8))}"
        default:
            return Fmt.hex(v)
        }
    }

    // MARK: Signals

    func sigsetArg(_ addr: UInt64, size: Int) -> String {
        if addr == 0 { return "NULL" }
        guard size >= word, size <= 8, let b = read(addr, size) else { return Fmt.addr(addr) }
        return Self.sigset(b.slice(0, size).reduce((0, UInt64(0))) { ($0.0 + 8, $0.1 | UInt64($1) << $0.0) }.1,
                           bits: size * 8)
    }

    /// `[INT TERM]`, or `~[…]` listing the clear bits when at least two thirds are set.
    static func sigset(_ mask: UInt64, bits: Int) -> String {
        let all: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        let m = mask & all
        let invert = m.nonzeroBitCount >= bits * 2 / 3
        let shown = invert ? ~m & all : m
        var names: [String] = []
        for bit in 0..<bits where shown & (1 << UInt64(bit)) != 0 { names.append(SignalNames.shortName(bit + 1)) }
        return (invert ? "~[" : "[") + names.joined(separator: " ") + "]"
    }

    func sigaction(_ addr: UInt64) -> String {
        let w = word
        guard let b = read(addr, 3 * w + 8) else { return Fmt.addr(addr) }
        let handler = b.word(0, w), flags = b.word(w, w), restorer = b.word(2 * w, w)
        let h: String
        switch handler {
        case 0: h = "SIG_DFL"
        case 1: h = "SIG_IGN"
        default: h = Fmt.hex(handler)
        }
        var s = "{sa_handler=" + h + ", sa_mask=" + Self.sigset(b.u64(3 * w), bits: 64)
            + ", sa_flags=" + X.saFlags.flagsPlain(flags)
        if flags & 0x4000000 != 0 { s += ", sa_restorer=" + Fmt.addr(restorer) }
        return s + "}"
    }

    static func waitStatus(_ s: UInt32) -> String {
        let low = s & 0x7f
        var r: String
        if s & 0xff == 0x7f {
            r = "{WIFSTOPPED(s) && WSTOPSIG(s) == " + SignalNames.name(Int32((s >> 8) & 0xff)) + "}"
            let event = s >> 16
            if event != 0 {
                let names = [1: "PTRACE_EVENT_FORK", 2: "PTRACE_EVENT_VFORK", 3: "PTRACE_EVENT_CLONE",
                             4: "PTRACE_EVENT_EXEC", 5: "PTRACE_EVENT_VFORK_DONE", 6: "PTRACE_EVENT_EXIT",
                             7: "PTRACE_EVENT_SECCOMP", 128: "PTRACE_EVENT_STOP"]
                r += " | " + (names[Int(event)] ?? Fmt.hex(UInt64(event))) + " << 16"
            }
            return r
        }
        if s == 0xffff { return "{WIFCONTINUED(s)}" }
        if low == 0 {
            r = "{WIFEXITED(s) && WEXITSTATUS(s) == \((s >> 8) & 0xff)}"
            return r
        }
        r = "{WIFSIGNALED(s) && WTERMSIG(s) == " + SignalNames.name(Int32(low))
            + (s & 0x80 != 0 ? " && WCOREDUMP(s)" : "") + "}"
        return r
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

    // MARK: Time

    func timespec(_ b: Bytes, _ o: Int) -> String { "{tv_sec=\(b.i64(o)), tv_nsec=\(b.i64(o + 8))}" }
    func timeval(_ b: Bytes, _ o: Int) -> String { "{tv_sec=\(b.i64(o)), tv_usec=\(b.i64(o + 8))}" }

    func utime(_ b: Bytes, _ o: Int) -> String {
        switch b.i64(o + 8) {
        case (1 << 30) - 1: return "UTIME_NOW"
        case (1 << 30) - 2: return "UTIME_OMIT"
        default: return timespec(b, o) + " /* " + Self.dateText(b.i64(o), nsec: b.i64(o + 8)) + " */"
        }
    }

    /// strace's sprinttime_nsec: local time, "2023-01-02T03:04:05.000000000+0000".
    static func dateText(_ sec: Int64, nsec: Int64) -> String {
        var t = time_t(sec)
        var tm = tm()
        guard localtime_r(&t, &tm) != nil else { return "\(sec).\(nsec)" }
        var buf = [CChar](repeating: 0, count: 64)
        let n = strftime(&buf, buf.count, "%Y-%m-%dT%H:%M:%S", &tm)
        var zone = [CChar](repeating: 0, count: 16)
        _ = strftime(&zone, zone.count, "%z", &tm)
        var frac = String(nsec)
        while frac.count < 9 { frac = "0" + frac }
        let date = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return date + "." + frac + String(decoding: zone.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                                          as: UTF8.self)
    }

    func rlim(_ v: UInt64) -> String {
        if v == .max { return "RLIM64_INFINITY" }
        if v > 0 && v % 1024 == 0 { return "\(v / 1024)*1024" }
        return String(v)
    }

    // MARK: Files

    func modeText(_ m: UInt64) -> String {
        var out = ByteBuffer(capacity: 32)
        writeModeText(m, to: &out)
        return out.string
    }

    /// strace's sprintmode: type, then the special bits by name, then the permissions.
    func writeModeText(_ m: UInt64, to out: inout ByteBuffer) {
        let type = m & 0o170000
        if let name = X.fileTypes.name(type) { out.append(name) } else { out.append(Fmt.octal(type)) }
        if m & 0o4000 != 0 { out.append("|S_ISUID") }
        if m & 0o2000 != 0 { out.append("|S_ISGID") }
        if m & 0o1000 != 0 { out.append("|S_ISVTX") }
        out.append(byte: UInt8(ascii: "|"))
        out.append(mode: m & 0o777)
    }

    /// `{st_mode=S_IFREG|0644, st_size=1234, ...}`, read without an intermediate array.
    func writeStat(_ addr: UInt64, to out: inout ByteBuffer) {
        if addr == 0 { return out.append("NULL") }
        let readable = memory.withBytes(at: addr, count: 144) { b in
            let m = UInt64(b.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            let type = m & 0o170000
            out.append("{st_mode=")
            writeModeText(m, to: &out)
            if type == 0o020000 || type == 0o060000 {
                out.append(", st_rdev=")
                out.append(dev(b.loadUnaligned(fromByteOffset: 40, as: UInt64.self)))
            } else {
                out.append(", st_size=")
                out.append(decimal: b.loadUnaligned(fromByteOffset: 48, as: Int64.self))
            }
            out.append(", ...}")
        }
        if !readable { out.append(addr: addr) }
    }

    func statx(_ addr: UInt64) -> String {
        guard let b = read(addr, 256) else { return Fmt.addr(addr) }
        return "{stx_mask=" + X.statxMask.flagsPlain(b.u32(0)) + ", stx_attributes="
            + X.statxAttrs.flagsPlain(b.u64(8)) + ", stx_mode=" + modeText(b.u16(28))
            + ", stx_size=\(b.u64(40)), ...}"
    }

    func statfs(_ addr: UInt64) -> String {
        guard let b = read(addr, 120) else { return Fmt.addr(addr) }
        let type = b.u64(0)
        let t = X.fsMagic.name(type) ?? Fmt.hex(type)
        return "{f_type=" + t + ", f_bsize=\(b.i64(8)), f_blocks=\(b.u64(16)), f_bfree=\(b.u64(24))"
            + ", f_bavail=\(b.u64(32)), f_files=\(b.u64(40)), f_ffree=\(b.u64(48))"
            + ", f_fsid={val=[" + Fmt.hex(b.u32(56)) + ", " + Fmt.hex(b.u32(60)) + "]}"
            + ", f_namelen=\(b.i64(64)), f_frsize=\(b.i64(72)), f_flags=" + X.statfsFlags.flagsPlain(b.u64(80)) + "}"
    }

    func sysinfo(_ addr: UInt64) -> String {
        guard let b = read(addr, 112) else { return Fmt.addr(addr) }
        return "{uptime=\(b.i64(0)), loads=[\(b.u64(8)), \(b.u64(16)), \(b.u64(24))], totalram=\(b.u64(32))"
            + ", freeram=\(b.u64(40)), sharedram=\(b.u64(48)), bufferram=\(b.u64(56)), totalswap=\(b.u64(64))"
            + ", freeswap=\(b.u64(72)), procs=\(b.u16(80)), totalhigh=\(b.u64(88)), freehigh=\(b.u64(96))"
            + ", mem_unit=\(b.u32(104))}"
    }

    func fixedString(_ b: Bytes, _ o: Int, _ n: Int) -> String {
        let s = b.slice(o, n)
        let end = s.firstIndex(of: 0) ?? s.endIndex
        return StringQuoting.quoted(s[s.startIndex..<end], truncated: false)
    }

    /// `0x… /* 6 entries */`: the records are counted where they lie (a getdents64 buffer
    /// is 32 KiB; no copy of it is made).
    func dirents(_ addr: UInt64, is64: Bool) -> String {
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
        return readable ? Fmt.addr(addr) + " /* \(n) entries */" : Fmt.addr(addr)
    }

    // MARK: Descriptors and processes

    func pollfds(_ addr: UInt64, count: Int) -> String {
        let n = min(count, limit)
        guard let b = read(addr, n * 8) else { return Fmt.addr(addr) }
        return list((0..<n).map { "{fd=" + fd(b.i32($0 * 8)) + ", events=" + X.pollEvents.flagsPlain(b.u16($0 * 8 + 4)) + "}" },
                    more: count > n)
    }

    /// The descriptors set in an fd_set of `nfds` bits: `[0 7]`.
    func fdset(_ addr: UInt64, nfds: Int) -> String? {
        if addr == 0 { return "NULL" }
        let n = min(max(nfds, 0), 1 << 16)
        guard let b = read(addr, (n + 63) / 64 * 8) else { return nil }
        var items: [String] = []
        for i in 0..<n where b.u8(i / 8) & (1 << UInt64(i % 8)) != 0 { items.append(fd(Int64(i))) }
        return "[" + items.joined(separator: " ") + "]"
    }

    func epollEvent(_ b: Bytes, _ o: Int) -> String {
        let data = b.u64(o + 4)
        return "{events=" + X.epollEvents.flagsPlain(b.u32(o)) + ", data={u32=\(UInt32(truncatingIfNeeded: data)), u64=\(data)}}"
    }

    func cpuset(_ addr: UInt64, bytes: Int) -> String {
        guard let b = read(addr, min(bytes, 1 << 16)) else { return Fmt.addr(addr) }
        var items: [String] = []
        for i in 0..<(b.count * 8) where b.u8(i / 8) & (1 << UInt64(i % 8)) != 0 { items.append(String(i)) }
        return "[" + items.joined(separator: " ") + "]"
    }

    func cloneArgs(_ addr: UInt64, size: Int) -> String {
        guard size >= 64, let b = read(addr, min(size, 88)) else { return Fmt.addr(addr) }
        let flags = b.u64(0)
        var f = ["flags=" + X.clone3Flags.flagsPlain(flags)]
        if flags & 0x1000 != 0 { f.append("pidfd=" + Fmt.addr(b.u64(8))) }
        if flags & 0x1200000 != 0 { f.append("child_tid=" + Fmt.addr(b.u64(16))) }
        if flags & 0x100000 != 0 { f.append("parent_tid=" + Fmt.addr(b.u64(24))) }
        let sig = b.u64(32)
        f.append("exit_signal=" + (sig <= 64 ? SignalNames.name(Int32(sig)) : String(sig)))
        f.append("stack=" + Fmt.addr(b.u64(40)))
        f.append("stack_size=" + Fmt.hex(b.u64(48)))
        if flags & 0x80000 != 0 { f.append("tls=" + Fmt.addr(b.u64(56))) }
        if size >= 80, b.u64(72) != 0 {
            // The pids the child gets in each pid namespace, innermost first.
            let n = Int(min(b.u64(72), 32))
            let tids = read(b.u64(64), n * 4).map { t in (0..<n).map { String(Int32(truncatingIfNeeded: t.u32($0 * 4))) } }
            f += ["set_tid=" + (tids.map { "[" + $0.joined(separator: ", ") + "]" } ?? Fmt.addr(b.u64(64))),
                  "set_tid_size=\(b.u64(72))"]
        }
        if size >= 88, flags & 0x200000000 != 0 { f.append("cgroup=\(b.u64(80))") }
        return "{" + f.joined(separator: ", ") + "}"
    }

    // MARK: Sockets

    func sockaddr(_ addr: UInt64, len: Int) -> String {
        if addr == 0 { return "NULL" }
        guard len >= 2, let b = read(addr, min(len, 128)) else { return Fmt.addr(addr) }
        let family = b.u16(0)
        var s = "{sa_family=" + X.addressFamilies.value(family)
        switch family {
        case 1 where b.count > 2:
            let path = b.slice(2, b.count - 2)
            if path.first == 0 && path.count > 1 {
                s += ", sun_path=@" + StringQuoting.quoted(path.dropFirst(), truncated: false)
            } else {
                let end = path.firstIndex(of: 0) ?? path.endIndex
                s += ", sun_path=" + StringQuoting.quoted(path[path.startIndex..<end], truncated: false)
            }
        case 2 where b.count >= 8:
            s += ", sin_port=htons(\(b.u8(2) << 8 | b.u8(3))), sin_addr=inet_addr(\""
                + "\(b.u8(4)).\(b.u8(5)).\(b.u8(6)).\(b.u8(7))\")"
        case 10 where b.count >= 24:
            let flow = b.u8(4) << 24 | b.u8(5) << 16 | b.u8(6) << 8 | b.u8(7)
            s += ", sin6_port=htons(\(b.u8(2) << 8 | b.u8(3))), sin6_flowinfo=htonl(\(flow))"
                + ", inet_pton(AF_INET6, \"" + Self.ipv6(b.slice(8, 16)) + "\", &sin6_addr)"
            if b.count >= 28 { s += ", sin6_scope_id=\(b.u32(24))" }
        case 16 where b.count >= 12:
            var g = String(b.u32(8), radix: 16)
            while g.count < 8 { g = "0" + g }
            s += ", nl_pid=\(b.i32(4)), nl_groups=" + g
        default:
            if b.count > 2 { s += ", sa_data=" + StringQuoting.quoted(b.slice(2, b.count - 2), truncated: false) }
        }
        return s + "}"
    }

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

    func msghdr(_ addr: UInt64) -> String {
        guard let b = read(addr, 56) else { return Fmt.addr(addr) }
        let name = b.u64(0), namelen = Int(b.u32(8)), iov = b.u64(16), iovlen = b.u64(24)
        let control = b.u64(32), controllen = b.u64(40)
        var f = ["msg_name=" + (name == 0 ? "NULL" : sockaddr(name, len: namelen)), "msg_namelen=\(namelen)",
                 "msg_iov=" + iovec(iov, count: Int(min(iovlen, 1 << 20))), "msg_iovlen=\(iovlen)"]
        if controllen != 0 { f.append("msg_control=" + Fmt.addr(control)) }
        f.append("msg_controllen=\(controllen)")
        f.append("msg_flags=" + X.msgFlags.flagsPlain(b.u32(48)))
        return "{" + f.joined(separator: ", ") + "}"
    }

    // MARK: Results

    mutating func formatReturn(_ r: Ret) -> String {
        var out = ByteBuffer(capacity: 32)
        writeReturn(r, to: &out)
        return out.string
    }

    /// The result as shown after `= `, appended to `out`.
    mutating func writeReturn(_ r: Ret, to out: inout ByteBuffer) {
        let u = abi == .i386 ? UInt64(UInt32(truncatingIfNeeded: ret)) : UInt64(bitPattern: ret)
        switch r {
        case .dec, .pid: out.append(decimal: ret)
        case .udec: out.append(decimal: u)
        case .hex: out.append(hex: u)
        case .octal: out.append(Fmt.octal(u))
        case .fd: writeFD(ret, to: &out)
        default: out.append(formatOtherReturn(r, u))
        }
    }

    /// The results with a note in parentheses.
    private mutating func formatOtherReturn(_ r: Ret, _ u: UInt64) -> String {
        switch r {
        case .dec, .pid, .udec, .hex, .octal, .fd: preconditionFailure("written by writeReturn")
        case .fcntlGetFL: return Fmt.hex(u) + " (flags " + openFlags(u) + ")"
        case .fcntlGetFD: return ret == 0 ? "0" : Fmt.hex(u) + " (flags " + X.fdFlags.flagsPlain(u) + ")"
        case .xvalNote(let x): return String(ret) + " (" + x.value(u) + ")"
        case .personality: return Fmt.hex(u) + " (" + personality(u) + ")"
        case .timeout: return ret == 0 ? "0 (Timeout)" : String(ret)
        case .poll(let fdsArg, let countArg, let timeoutArg):
            if ret == 0 { return "0 (Timeout)" }
            let count = Int(UInt32(truncatingIfNeeded: args[countArg]))
            var notes: [String] = []
            if let b = read(args[fdsArg], min(count, 1 << 16) * 8) {
                var items: [String] = []
                for k in 0..<min(count, 1 << 16) where b.u16(k * 8 + 6) != 0 {
                    if items.count >= limit { items.append("..."); break }
                    items.append("{fd=" + fd(b.i32(k * 8)) + ", revents=" + X.pollEvents.flagsPlain(b.u16(k * 8 + 6)) + "}")
                }
                notes.append("[" + items.joined(separator: ", ") + "]")
            }
            if let t = timeoutArg, args[t] != 0, let b = read(args[t], 16) { notes.append("left " + timespec(b, 0)) }
            return notes.isEmpty ? String(ret) : String(ret) + " (" + notes.joined(separator: ", ") + ")"
        case .select(let nfdsArg, let timeoutArg, let usec):
            if ret == 0 { return "0 (Timeout)" }
            let nfds = Int(sint(args[nfdsArg]))
            var notes: [String] = []
            for (k, label) in ["in", "out", "except"].enumerated() {
                let a = args[nfdsArg + 1 + k]
                if a != 0, let s = fdset(a, nfds: nfds), s != "[]" { notes.append(label + " " + s) }
            }
            if let t = timeoutArg, args[t] != 0, let b = read(args[t], 16) {
                notes.append("left " + (usec ? timeval(b, 0) : timespec(b, 0)))
            }
            return notes.isEmpty ? String(ret) : String(ret) + " (" + notes.joined(separator: ", ") + ")"
        }
    }
}
