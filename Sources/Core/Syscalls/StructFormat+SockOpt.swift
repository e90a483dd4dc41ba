/// Socket options (strace net.c), control messages (msghdr.c) and classic BPF programs
/// (bpf_filter.c, bpf_sock_filter.c, bpf_seccomp_filter.c): the socket side of `Arg.fsnet`,
/// apart from the file-system side in StructFormat+FS.swift.

extension ArgContext {
    // MARK: Socket options (strace net.c)

    static func sockOptName(level: UInt64, _ name: UInt64, get: Bool) -> SyscallValue {
        let tables: [Xlat]
        switch level {
        case 1: tables = [X.sockOptions, get ? X.getsockOptions : X.setsockOptions]
        case 0: tables = [X.sockIPOptions, get ? X.getsockIPOptions : X.setsockIPOptions]
        case 6: tables = [X.tcpOptions]
        case 41: tables = [X.sockIPv6Options, get ? X.getsockIPv6Options : X.setsockIPv6Options]
        case 263: tables = [X.sockPacketOptions]
        case 255: tables = [X.sockRawOptions]
        case 270: tables = [X.netlinkSockOptions]
        default: return .uint(name)
        }
        let table = tables.first { $0.name(name) != nil } ?? tables[0]
        return table.symbolValue(name)
    }

    /// `[5]`, or the address when unreadable (strace printnum_int).
    func intPointee(_ addr: UInt64) -> SyscallValue {
        guard addr != 0, let b = read(addr, 4) else { return .pointer(addr) }
        return .pointee(.int(b.i32(0)))
    }

    /// `len` bytes in `\x..` throughout (strace QUOTE_FORCE_HEX).
    func hexBytes(_ addr: UInt64, _ len: Int) -> SyscallValue { buffer(addr, len, hex: true) }

    /// `len` bytes as a string, `len` as strace's kernel_ulong_t (a negative int is huge).
    func optBytes(_ addr: UInt64, _ len: Int) -> SyscallValue { buffer(addr, len < 0 ? Int.max : len) }

    /// The SOL_SOCKET options whose value is an int (strace's list).
    static let intSocketOptions: Set<UInt64> = [
        1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 27, 29, 30, 32, 33, 34, 35, 36, 37, 40, 41, 42, 43,
        44, 45, 46, 49, 53, 56, 60, 63, 64, 65, 68, 69, 70, 73, 75,
    ]

    func setSockOpt(level: UInt64, name: UInt64, _ addr: UInt64, len: Int) -> SyscallValue {
        if addr != 0 {
            switch (level, name) {
            case (1, 13):                                            // SO_LINGER
                guard len >= 8, let b = read(addr, 8) else { return .pointer(addr) }
                return .structure([F("l_onoff", .int(b.i32(0))), F("l_linger", .int(b.i32(4)))])
            case (1, 74): return txrehash(addr, len: len)           // SO_TXREHASH
            case (1, 26), (1, 51):                                   // SO_ATTACH_FILTER, SO_ATTACH_REUSEPORT_CBPF
                guard len == 2 * word else { return .pointer(addr) }
                return bpfFprog(addr, .socket)
            case (1, let n) where Self.intSocketOptions.contains(n):
                return len < 4 ? .pointer(addr) : intPointee(addr)
            case (0, 35), (0, 36):                                   // IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP
                guard len >= 8, let b = read(addr, 8) else { return .pointer(addr) }
                return .structure([F("imr_multiaddr", Self.inetAddr(b, 0)), F("imr_interface", Self.inetAddr(b, 4))])
            case (0, 42), (0, 45), (41, 42), (41, 45):               // MCAST_JOIN_GROUP, MCAST_LEAVE_GROUP
                guard len >= 136, let b = read(addr, 136) else { return .pointer(addr) }
                return .structure([F("gr_interface", ifindexValue(b.u32(0))),
                                   F("gr_group", sockaddrValue(Bytes(Array(b.slice(8, 128)))))])
            case (41, 20), (41, 21), (41, 27), (41, 28):             // IPV6_{ADD,DROP}_MEMBERSHIP, IPV6_{JOIN,LEAVE}_ANYCAST
                guard len >= 20, let b = read(addr, 20) else { return .pointer(addr) }
                let ip = Self.ipv6(b.slice(0, 16))
                return .structure([
                    ParamField(bare: "ipv6mr_multiaddr",
                               .expr("inet_pton(AF_INET6, \"" + ip + "\", &ipv6mr_multiaddr)", json: .string(ip))),
                    F("ipv6mr_interface", ifindexValue(b.u32(16)))])
            case (263, 1), (263, 2):                                 // PACKET_ADD_MEMBERSHIP, PACKET_DROP_MEMBERSHIP
                guard len == 16, let b = read(addr, 16) else { return .pointer(addr) }
                let alen = b.u16(6)
                return .structure([F("mr_ifindex", ifindexValue(b.u32(0))),
                                   F("mr_type", X.packetMreqTypes.symbolValue(b.u16(4))),
                                   F("mr_alen", .uint(alen)),
                                   F("mr_address", Self.macAddress(Array(b.slice(8, Int(min(alen, 8))))))])
            case (263, 5), (263, 13):                                // PACKET_RX_RING, PACKET_TX_RING
                guard len == 16, let b = read(addr, 16) else { return .pointer(addr) }
                return .structure(["tp_block_size", "tp_block_nr", "tp_frame_size", "tp_frame_nr"].enumerated()
                    .map { F($0.element, .uint(b.u32(4 * $0.offset))) })
            case (255, 1): return icmpFilter(addr, len: len)         // ICMP_FILTER
            case (270, _): return len < 4 ? .pointer(addr) : intPointee(addr)
            default: break
            }
        }
        return len == 4 ? intPointee(addr) : optBytes(addr, len)
    }

    func getSockOpt(level: UInt64, name: UInt64, _ addr: UInt64, ulen: Int, rlen: Int) -> SyscallValue {
        if ulen <= 0 || rlen <= 0 { return .pointer(addr) }
        if addr != 0 {
            switch (level, name) {
            case (1, 13):                                            // SO_LINGER
                return fieldsByLength(addr, rlen, [("l_onoff", 4, true), ("l_linger", 4, true)])
            case (1, 17):                                            // SO_PEERCRED
                return fieldsByLength(addr, rlen, [("pid", 4, true), ("uid", 4, false), ("gid", 4, false)], ids: true)
            case (1, 26):                                            // SO_GET_FILTER
                // A count of instructions is an unsigned short; the instructions are shown
                // with -v only (strace print_sock_fprog).
                guard UInt16(truncatingIfNeeded: rlen) == rlen else { return .pointer(addr) }
                return bpfFilter(addr, count: rlen, .socket)
            case (1, 74):                                            // SO_TXREHASH
                return rlen < 4 ? hexBytes(addr, rlen) : txrehash(addr, len: rlen)
            case (1, 4):                                             // SO_ERROR
                if rlen < 4 { return hexBytes(addr, rlen) }
                guard let b = read(addr, 4) else { return .pointer(addr) }
                return .pointee(Self.errorCode(b.u32(0)))
            case (1, let n) where Self.intSocketOptions.contains(n):
                return rlen >= 4 ? intPointee(addr) : hexBytes(addr, rlen)
            case (263, 6):                                           // PACKET_STATISTICS
                return fieldsByLength(addr, rlen, [("tp_packets", 4, false), ("tp_drops", 4, false),
                                                   ("tp_freeze_q_cnt", 4, false)])
            case (255, 1): return icmpFilter(addr, len: rlen)        // ICMP_FILTER
            case (270, 9):                                           // NETLINK_LIST_MEMBERSHIPS
                let count = min(ulen, rlen) / 4
                let n = min(count, limit)
                guard let b = read(addr, n * 4) else { return .pointer(addr) }
                return .array((0..<n).map { .uint(b.u32(4 * $0)) }, more: count > n)
            case (270, _): return intPointee(addr)
            default: break
            }
        }
        return rlen == 4 ? intPointee(addr) : optBytes(addr, rlen)
    }

    /// A structure of 4-byte fields of which the kernel returned `len` bytes: the fields
    /// that fit, a field cut short as its bytes in hex (strace MAYBE_PRINT_FIELD_LEN).
    func fieldsByLength(_ addr: UInt64, _ len: Int, _ fields: [(String, Int, Bool)], ids: Bool = false) -> SyscallValue {
        let n = min(len, fields.count * 4)
        guard let b = read(addr, n) else { return .pointer(addr) }
        var out: [ParamField] = []
        for (k, field) in fields.enumerated() where n > 4 * k {
            let start = 4 * k
            if n >= start + 4 {
                let u = b.u32(start)
                if field.2 { out.append(F(field.0, .int(b.i32(start)))) }
                else if ids && u == 0xffff_ffff { out.append(F(field.0, .int(-1))) }
                else { out.append(F(field.0, .uint(u))) }
            } else {
                out.append(F(field.0, .string(Array(b.slice(start, n - start)), truncated: false, hex: true)))
            }
        }
        return .structure(out)
    }

    /// SO_TXREHASH's value: `[SOCK_TXREHASH_DISABLED]`.
    func txrehash(_ addr: UInt64, len: Int) -> SyscallValue {
        guard len >= 4, let b = read(addr, 4) else { return .pointer(addr) }
        return .pointee(X.txrehashValues.symbolValue(signed: b.i32(0)))
    }

    /// A sockaddr already read (a structure's member).
    func sockaddrValue(_ b: Bytes) -> SyscallValue {
        let memory = FixedMemory(base: 0x1000, bytes: b.b)
        var ctx = ArgContext(options: options, abi: abi, args: args, memory: memory, fds: fds)
        ctx.exiting = exiting
        return ctx.sockaddr(0x1000, len: b.count)
    }

    /// A hardware address: `ff:ff:ff:ff:ff:ff`; `-X raw` its bytes in hex, `-X verbose` both.
    static func macAddress(_ bytes: [UInt8]) -> SyscallValue {
        let hex = StringQuoting.quoted(ArraySlice(bytes), truncated: false, hex: true)
        let mac = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
        switch DecodeStyle.current.xlat {
        case .abbrev: return .expr(mac, json: .string(mac))
        case .raw: return .expr(hex, json: .string(mac))
        case .verbose: return .expr(hex + " /* " + mac + " */", json: .string(mac))
        }
    }

    /// An errno value as strace's print_err: `ECONNREFUSED`, an unknown one in decimal.
    static func errorCode(_ e: UInt64) -> SyscallValue {
        let name = e <= UInt64(Int32.max) ? ErrnoNames.name(Int32(e)) : nil
        let text: String
        switch (DecodeStyle.current.xlat, name) {
        case (.abbrev, let n?): text = n
        case (.verbose, let n?): text = String(e) + " /* " + n + " */"
        default: text = String(e)
        }
        return .symbol(Int64(e), name: name, text: text)
    }

    /// `inet_addr("224.0.0.1")`.
    static func inetAddr(_ b: Bytes, _ o: Int) -> SyscallValue {
        let ip = (0..<4).map { String(b.u8(o + $0)) }.joined(separator: ".")
        return .expr("inet_addr(\"" + ip + "\")", json: .string(ip))
    }

    /// ICMP_FILTER's bit set: `[ICMP_ECHO ICMP_ECHOREPLY]`, `~[...]` when more than half are set.
    func icmpFilter(_ addr: UInt64, len: Int) -> SyscallValue {
        if len <= 0 { return .pointer(addr) }
        let n = min(len, 4)
        guard let b = read(addr, n) else { return .pointer(addr) }
        var data: UInt32 = 0xffff_ffff
        for k in 0..<n { data = data & ~(0xff << (8 * UInt32(k))) | UInt32(b.u8(k)) << (8 * UInt32(k)) }
        var text = ""
        if data.nonzeroBitCount > 16 {
            data = ~data
            text = "~"
        }
        let names = (0..<32).filter { data & (1 << UInt32($0)) != 0 }.map { X.icmpFilterFlags.value(UInt64($0)) }
        text += "[" + names.joined(separator: " ") + "]"
        return .flags(UInt64(data), names: names, unknown: 0, text: text)
    }
}

// MARK: Control messages (strace msghdr.c)

extension ArgContext {
    /// The most control data strace reads: net.core.optmem_max, rounded up to 8 (its value
    /// here and the kernel's default since Linux 6.9, 128 KiB).
    static let optmemMax = 131_072

    /// msg_control's messages: `[{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[64]}]`.
    func msgControl(_ addr: UInt64, length: UInt64) -> SyscallValue {
        let header = abi == .i386 ? 12 : 16
        let controlLen = Int(min(length, UInt64(Self.optmemMax)))
        guard controlLen >= header, let b = read(addr, controlLen) else { return .pointer(addr) }
        var items: [SyscallValue] = []
        var texts: [String] = []
        var o = 0
        var left = controlLen
        while left >= header {
            let cmsgLen = abi == .i386 ? b.u32(o) : b.u64(o)
            let level = b.i32(o + word), type = b.i32(o + word + 4)
            let len = Int(min(cmsgLen, UInt64(left)))
            let data = Bytes(Array(b.slice(o + header, len > header ? len - header : 0)))
            var f = [F("cmsg_len", .uint(cmsgLen)), F("cmsg_level", X.socketLayers.symbolValue(UInt64(UInt32(bitPattern: Int32(level)))))]
            f += cmsgTypeData(level: level, type: type, data)
            let item = SyscallValue.structure(f)
            items.append(item)
            texts.append(item.text)
            if len < header {
                left -= header
                break
            }
            let step = Int((cmsgLen + UInt64(word) - 1) & ~UInt64(word - 1))
            if step >= left {
                left = 0
                break
            }
            o += step
            left -= step
        }
        if left > 0 { texts.append("... /* " + Fmt.hex(addr &+ UInt64(controlLen - left)) + " */") }
        else if UInt64(controlLen) < length { texts.append("...") }
        return .expr("[" + texts.joined(separator: ", ") + "]", json: .array(items, more: left > 0))
    }

    /// A message's type and, when strace knows its layout and it is long enough, its data.
    func cmsgTypeData(level: Int64, type: Int64, _ d: Bytes) -> [ParamField] {
        let utype = UInt64(UInt32(truncatingIfNeeded: type))
        let n = d.count
        func local(_ size: Int, _ element: (Int) -> SyscallValue) -> SyscallValue {
            let count = n / size
            let shown = abbreviated ? min(count, limit) : count
            return .array((0..<shown).map { element($0 * size) }, more: shown < count)
        }
        var data: SyscallValue?
        switch level {
        case 1:
            let f = F("cmsg_type", X.scmValues.symbolValue(utype))
            switch utype {
            case 1 where n >= 4: data = local(4) { fdValue(d.i32($0)) }                        // SCM_RIGHTS
            case 2 where n >= 12:                                                              // SCM_CREDENTIALS
                data = .structure([F("pid", .int(d.i32(0))), F("uid", d.u32(4) == 0xffff_ffff ? .int(-1) : .uint(d.u32(4))),
                                   F("gid", d.u32(8) == 0xffff_ffff ? .int(-1) : .uint(d.u32(8)))])
            case 3 where n >= 1: data = .string(d.b, truncated: false)                         // SCM_SECURITY
            case 29, 63: if n >= 1 { data = n < 16 ? .expr("???", json: nil) : timeval(d, 0) }  // SO_TIMESTAMP_OLD/NEW
            case 35, 64: if n >= 1 { data = n < 16 ? .expr("???", json: nil) : timespec(d, 0) } // SO_TIMESTAMPNS_OLD/NEW
            case 37, 65:                                                                       // SO_TIMESTAMPING_OLD/NEW
                if n >= 1 { data = n < 48 ? .expr("???", json: nil) : .array((0..<3).map { timespec(d, 16 * $0) }) }
            default: break
            }
            return data.map { [f, F("cmsg_data", $0)] } ?? [f]
        case 0:
            let f = F("cmsg_type", X.ipCmsgTypes.symbolValue(utype))
            switch utype {
            case 8 where n >= 12:                                                              // IP_PKTINFO
                data = .structure([F("ipi_ifindex", ifindexValue(d.u32(0))), F("ipi_spec_dst", Self.inetAddr(d, 4)),
                                   F("ipi_addr", Self.inetAddr(d, 8))])
            case 2 where n >= 4, 23 where n >= 4: data = local(4) { .uint(d.u32($0)) }         // IP_TTL, IP_CHECKSUM
            case 1 where n >= 1, 6 where n >= 1, 7 where n >= 1:                               // IP_TOS, IP_RECVOPTS, IP_RETOPTS
                data = local(1) { .uint(d.u8($0), text: Fmt.hex(d.u8($0))) }
            case 11 where n >= 32:                                                             // IP_RECVERR
                data = .structure([F("ee_errno", .uint(d.u32(0))), F("ee_origin", .uint(d.u8(4))),
                                   F("ee_type", .uint(d.u8(5))), F("ee_code", .uint(d.u8(6))),
                                   F("ee_info", .uint(d.u32(8))), F("ee_data", .uint(d.u32(12))),
                                   F("offender", sockaddrValue(Bytes(Array(d.slice(16, 16)))))])
            case 20 where n >= 16: data = sockaddrValue(Bytes(Array(d.slice(0, min(n, 128)))))  // IP_ORIGDSTADDR
            case 3 where n >= 1: data = .string(d.b, truncated: false)                         // SCM_SECURITY
            default: break
            }
            return data.map { [f, F("cmsg_data", $0)] } ?? [f]
        default:
            return [F("cmsg_type", .uint(utype, text: Fmt.hex(utype)))]
        }
    }
}

// MARK: Classic BPF programs (strace bpf_filter.c, bpf_sock_filter.c, bpf_seccomp_filter.c)

/// Whose constants a classic BPF program's `k` operands are shown with.
enum BPFFlavor: Sendable { case socket, seccomp }

extension ArgContext {
    /// A `struct sock_fprog`: `{len=7, filter=0x...}`; with -v the instructions.
    func bpfFprog(_ addr: UInt64, _ flavor: BPFFlavor) -> SyscallValue {
        guard addr != 0, let b = read(addr, 2 * word) else { return .pointer(addr) }
        let len = b.u16(0), filter = b.word(word, word)
        return .structure([F("len", .uint(len)), F("filter", bpfFilter(filter, count: Int(len), flavor))])
    }

    /// `count` instructions at `addr`: their address unless -v, else
    /// `[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0x4), BPF_JUMP(...), ...]`.
    func bpfFilter(_ addr: UInt64, count: Int, _ flavor: BPFFlavor) -> SyscallValue {
        if abbreviated { return .pointer(addr) }
        return array(addr, count: count, size: 8, most: 4096) { b in
            let code = UInt16(b.u16(0)), jt = b.u8(2), jf = b.u8(3), k = b.u32(4)
            if jt != 0 || jf != 0 {
                let text = "BPF_JUMP(" + Self.bpfCode(code) + ", " + Fmt.hex(k) + ", " + Fmt.hex(jt) + ", " + Fmt.hex(jf) + ")"
                return .expr(text, json: .structure([F("code", .uint(UInt64(code))), F("k", .uint(k)),
                                                     F("jt", .uint(jt)), F("jf", .uint(jf))]))
            }
            let text = "BPF_STMT(" + Self.bpfCode(code) + ", " + (Self.bpfK(code, UInt32(k), flavor) ?? Fmt.hex(k)) + ")"
            return .expr(text, json: .structure([F("code", .uint(UInt64(code))), F("k", .uint(k))]))
        }
    }

    /// An instruction's code: `BPF_LD|BPF_W|BPF_ABS`.
    static func bpfCode(_ code: UInt16) -> String {
        let c = UInt64(code)
        let cls = c & 0x07
        var rest = c & ~0x07
        var parts = [X.bpfClasses.value(cls)]
        func unknown(_ v: UInt64) { parts.append(Fmt.hex(v) + " /* BPF_??? */") }
        switch cls {
        case 0x2, 0x3:                                                   // BPF_ST, BPF_STX
            if rest != 0 { unknown(rest) }
        case 0x0, 0x1:                                                   // BPF_LD, BPF_LDX
            parts.append(X.bpfSizes.value(c & 0x18))
            parts.append(X.bpfModes.value(c & 0xe0))
        case 0x7:                                                        // BPF_MISC
            parts.append(X.bpfMiscOps.value(c & 0xf8))
            rest &= ~(c & 0xf8)
            if rest != 0 { unknown(rest) }
        case 0x4:                                                        // BPF_ALU
            parts.append(X.bpfSources.value(c & 0x08))
            parts.append(X.bpfAluOps.value(c & 0xf0))
        case 0x5:                                                        // BPF_JMP
            parts.append(X.bpfSources.value(c & 0x08))
            parts.append(X.bpfJmpOps.value(c & 0xf0))
        default:                                                         // BPF_RET
            parts.append(X.bpfReturnValues.value(c & 0x18))
            rest &= ~(c & 0x18)
            if rest != 0 { unknown(rest) }
        }
        return parts.joined(separator: "|")
    }

    /// A `k` operand the flavor names: a socket filter's load offsets (`SKF_AD_OFF+SKF_AD_PROTOCOL`),
    /// a seccomp filter's return action (`SECCOMP_RET_ERRNO|0x1`); nil: in hex.
    static func bpfK(_ code: UInt16, _ k: UInt32, _ flavor: BPFFlavor) -> String? {
        switch flavor {
        case .socket:
            guard code & 0x07 == 0, code & 0xe0 == 0x20 else { return nil }   // BPF_LD|BPF_ABS
            let offsets: [(UInt32, String)] = [(0xffff_f000, "SKF_AD_OFF"), (0xfff0_0000, "SKF_NET_OFF"),
                                               (0xffe0_0000, "SKF_LL_OFF")]
            for (base, name) in offsets where k >= base {
                let head = DecodeStyle.constant(name, number: Fmt.hex(UInt64(base)))
                if name == "SKF_AD_OFF" { return head + "+" + X.skfAd.value(UInt64(k - base)) }
                return head + "+" + String(k - base)
            }
            return nil
        case .seccomp:
            guard code & 0x07 == 0x6 else { return nil }                      // BPF_RET
            let action = k & 0xffff_0000, data = k & 0xffff
            return X.seccompRetActions.value(UInt64(action)) + (data != 0 ? "|" + Fmt.hex(UInt64(data)) : "")
        }
    }
}

extension X {
    static let bpfClasses = Xlat("BPF_???", [(0x0, "BPF_LD"), (0x1, "BPF_LDX"), (0x2, "BPF_ST"), (0x3, "BPF_STX"),
                                             (0x4, "BPF_ALU"), (0x5, "BPF_JMP"), (0x6, "BPF_RET"), (0x7, "BPF_MISC")])
    static let bpfMiscOps = Xlat("BPF_???", [(0x00, "BPF_TAX"), (0x80, "BPF_TXA")])
    static let bpfModes = Xlat("BPF_???", [(0x00, "BPF_IMM"), (0x20, "BPF_ABS"), (0x40, "BPF_IND"), (0x60, "BPF_MEM"),
                                           (0x80, "BPF_LEN"), (0xa0, "BPF_MSH"), (0xc0, "BPF_XADD")])
    static let bpfAluOps = Xlat("BPF_???", [
        (0x00, "BPF_ADD"), (0x10, "BPF_SUB"), (0x20, "BPF_MUL"), (0x30, "BPF_DIV"), (0x40, "BPF_OR"), (0x50, "BPF_AND"),
        (0x60, "BPF_LSH"), (0x70, "BPF_RSH"), (0x80, "BPF_NEG"), (0x90, "BPF_MOD"), (0xa0, "BPF_XOR"), (0xb0, "BPF_MOV"),
        (0xc0, "BPF_ARSH"), (0xd0, "BPF_END")])
    static let bpfJmpOps = Xlat("BPF_???", [
        (0x00, "BPF_JA"), (0x10, "BPF_JEQ"), (0x20, "BPF_JGT"), (0x30, "BPF_JGE"), (0x40, "BPF_JSET"), (0x50, "BPF_JNE"),
        (0x60, "BPF_JSGT"), (0x70, "BPF_JSGE"), (0x80, "BPF_CALL"), (0x90, "BPF_EXIT"), (0xa0, "BPF_JLT"),
        (0xb0, "BPF_JLE"), (0xc0, "BPF_JSLT"), (0xd0, "BPF_JSLE")])
    static let bpfReturnValues = Xlat("BPF_???", [(0x00, "BPF_K"), (0x08, "BPF_X"), (0x10, "BPF_A")])
    static let bpfSizes = Xlat("BPF_???", [(0x00, "BPF_W"), (0x08, "BPF_H"), (0x10, "BPF_B"), (0x18, "BPF_DW")])
    static let bpfSources = Xlat("BPF_???", [(0x00, "BPF_K"), (0x08, "BPF_X")])
    static let skfAd = Xlat("SKF_AD_???", [
        (0, "SKF_AD_PROTOCOL"), (4, "SKF_AD_PKTTYPE"), (8, "SKF_AD_IFINDEX"), (12, "SKF_AD_NLATTR"),
        (16, "SKF_AD_NLATTR_NEST"), (20, "SKF_AD_MARK"), (24, "SKF_AD_QUEUE"), (28, "SKF_AD_HATYPE"),
        (32, "SKF_AD_RXHASH"), (36, "SKF_AD_CPU"), (40, "SKF_AD_ALU_XOR_X"), (44, "SKF_AD_VLAN_TAG"),
        (48, "SKF_AD_VLAN_TAG_PRESENT"), (52, "SKF_AD_PAY_OFFSET"), (56, "SKF_AD_RANDOM"), (60, "SKF_AD_VLAN_TPID")])
}
