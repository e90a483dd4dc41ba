// Netlink messages in sendto/sendmsg/recvfrom/recvmsg buffers, printed as strace 6.1 does
// (src/netlink.c, nlattr.c, netlink_route.c, rtnl_link.c, rtnl_addr.c, rtnl_route.c,
// netlink_sock_diag.c, netlink_inet_diag.c, netlink_unix_diag.c), in its default
// (abbreviated) style. Pure: it decodes bytes already read from the tracee; what the socket
// is (its netlink protocol) and interface names come from the caller (`FDPathResolver`).
//
// Decoded: every nlmsghdr (types and flags by protocol), NLMSG_ERROR with the message it
// answers, NLMSG_DONE; NETLINK_ROUTE's ifinfomsg, ifaddrmsg and rtmsg with their common
// attributes (IFLA_IFNAME, IFLA_LINKINFO's kind, IFLA_NET_NS_FD, IFLA_NET_NS_PID,
// IFA_ADDRESS, RTA_DST, ...); NETLINK_SOCK_DIAG's inet_diag_req_v2, inet_diag_msg,
// unix_diag_req and unix_diag_msg with their simple attributes. Everything else is shown as
// strace shows what it does not decode: its bytes in hex.

/// What a descriptor is, as far as the decoders need to know.
public enum SocketKind: Equatable, Sendable {
    /// A netlink socket, with its protocol (NETLINK_ROUTE = 0, NETLINK_SOCK_DIAG = 4, ...)
    /// when known.
    case netlink(protocol: Int32?)
    /// Any other socket, or not a socket.
    case other
}

extension FDPathResolver {
    /// Unknown, unless the resolver can tell.
    public func socketKind(ofFD fd: Int64) -> SocketKind? { nil }
    /// The name of network interface `index` (strace's `if_nametoindex("lo")`), unless unknown.
    public func interfaceName(index: UInt32) -> String? { nil }
}

struct NetlinkDecoder {
    /// The socket's netlink protocol, nil when unknown (strace's family -1).
    let proto: Int32?
    /// `-s`: elements of a message or attribute list, bytes of a string.
    let limit: Int
    let b: Bytes
    var fdValue: (Int64) -> SyscallValue = { .fd($0, path: nil) }
    var interfaceName: (UInt32) -> String? = { _ in nil }

    static let route: Int32 = 0, sockDiag: Int32 = 4

    init(proto: Int32?, limit: Int, bytes: [UInt8]) {
        self.proto = proto
        self.limit = limit
        self.b = Bytes(bytes)
    }

    /// The whole buffer: one message, or an array of them.
    func messages() -> SyscallValue {
        walk(0, b.count, header: 16, length: { UInt64(b.u32($0)) }) { o, len in message(o, len) }
    }

    // MARK: Sequences (messages, attributes)

    /// strace's loop over a sequence of netlink messages or attributes: each has its length
    /// at its start, the next starts at the aligned length; an array when there is more
    /// than one; after `-s` elements, `...`. A remainder too short for a header is shown in
    /// hex.
    func walk(_ start: Int, _ total: Int, header: Int, length: (Int) -> UInt64,
              element: (Int, Int) -> SyscallValue) -> SyscallValue {
        var items: [SyscallValue] = []
        var o = start, len = total, isArray = false, more = false
        while true {
            if len < header {
                items.append(hex(o, len))
                break
            }
            if items.count == limit {
                more = true
                break
            }
            let declared = length(o)
            let aligned = (declared + 3) & ~3
            var next = 0
            if declared >= UInt64(header) { next = UInt64(len) >= aligned ? len - Int(aligned) : 0 }
            if !isArray && next != 0 { isArray = true }
            items.append(element(o, len))
            if next == 0 { break }
            o += Int(aligned)
            len = next
        }
        if !isArray {
            if more { return .expr("...", json: .array([], more: true)) }
            return items[0]
        }
        return .array(items, more: more)
    }

    // MARK: Messages

    func message(_ o: Int, _ len: Int) -> SyscallValue {
        let declared = Int(b.u32(o))
        let n = min(declared, len)
        let header = nlmsghdr(o)
        guard n > 16 else { return header }
        return .array([header] + payload(o, o + 16, n - 16))
    }

    func nlmsghdr(_ o: Int) -> SyscallValue {
        let type = b.u16(o + 4), flags = b.u16(o + 6)
        return .structure([F("nlmsg_len", .uint(b.u32(o))), F("nlmsg_type", messageType(type)),
                           F("nlmsg_flags", messageFlags(flags, type: type)), F("nlmsg_seq", .uint(b.u32(o + 8))),
                           F("nlmsg_pid", .int(b.i32(o + 12)))])
    }

    func messageType(_ type: UInt64) -> SyscallValue {
        if type >= 16 {
            switch proto {
            case Self.route: return X.nlRouteTypes.symbolValue(type)
            case Self.sockDiag: return X.nlSockDiagTypes.symbolValue(type)
            default: break
            }
        }
        return X.nlmsgTypes.symbolValue(type)
    }

    static let flagsNew = Xlat("NLM_F_???", (X.nlmFlags.entries + X.nlmNewFlags.entries).map { ($0.value, $0.name) })
    static let flagsDelete = Xlat("NLM_F_???", (X.nlmFlags.entries + X.nlmDeleteFlags.entries).map { ($0.value, $0.name) })
    static let flagsGet = Xlat("NLM_F_???", (X.nlmFlags.entries + X.nlmGetFlags.entries).map { ($0.value, $0.name) })
    static let flagsAck = Xlat("NLM_F_???", (X.nlmFlags.entries + X.nlmAckFlags.entries).map { ($0.value, $0.name) })

    func messageFlags(_ flags: UInt64, type: UInt64) -> SyscallValue {
        var table = X.nlmFlags
        if type < 16 {
            if type == 2 { table = Self.flagsAck }
        } else if proto == Self.route {
            // RTM_DELACTION takes NLM_F_ROOT's flags.
            if type == 0x31 { table = Self.flagsGet } else {
                switch type & 3 {
                case 0: table = Self.flagsNew
                case 1: table = Self.flagsDelete
                case 2: table = Self.flagsGet
                default: break
                }
            }
        } else if proto == Self.sockDiag {
            table = Self.flagsGet
        }
        return table.flagsValue(flags)
    }

    /// What follows a message's header: one value, or (a fixed header then its attributes)
    /// two, printed as elements of the message's array.
    func payload(_ header: Int, _ o: Int, _ n: Int) -> [SyscallValue] {
        let type = b.u16(header + 4)
        if type == 2 { return [nlmsgerr(o, n, capped: b.u16(header + 6) & 0x100 != 0)] }
        if type >= 16 {
            switch proto {
            case Self.route: return route(type, o, n)
            case Self.sockDiag: return sockDiag(type, flags: b.u16(header + 6), o, n)
            default: break
            }
        }
        if type == 3 && n == 4 { return [.int(b.i32(o))] }
        return [hex(o, n)]
    }

    func nlmsgerr(_ o: Int, _ n: Int, capped: Bool) -> SyscallValue {
        guard n >= 20 else { return hex(o, n) }
        let e = b.i32(o)
        let inner = o + 4, len = n - 4
        let declared = max(16, Int(b.u32(inner)))
        let shown = min(len, capped ? 16 : declared)
        let error: SyscallValue = e < 0 ? .symbol(e, name: ErrnoNames.name(Int32(-e)),
                                                   text: ErrnoNames.name(Int32(-e)).map { "-" + $0 } ?? String(e))
                                        : .int(e)
        let msg: SyscallValue = {
            let header = nlmsghdr(inner)
            let m = min(Int(b.u32(inner)), shown)
            guard m > 16 else { return header }
            return .array([header] + payload(inner, inner + 16, m - 16))
        }()
        let s = SyscallValue.structure([F("error", error), F("msg", msg)])
        guard len > shown else { return s }
        return .array([s, attributes(inner + shown, len - shown, X.nlmsgerrAttrs) { type, o, n in
            switch type {
            case 1: return str(o, n)
            case 2: return u32(o, n)
            case 3: return .array((0..<min(n, limit)).map { .uint(b.u8(o + $0)) }, more: n > limit)
            default: return nil
            }
        }])
    }

    // MARK: Attributes

    /// A list of netlink attributes: `[{nla_len=13, nla_type=IFLA_IFNAME}, "veth0"]`; the
    /// data by `decode(type, offset, length)`, in hex when it gives nil.
    func attributes(_ o: Int, _ len: Int, _ table: Xlat,
                    _ decode: (UInt64, Int, Int) -> SyscallValue?) -> SyscallValue {
        walk(o, len, header: 4, length: { b.u16($0) }) { o, len in
            let n = min(Int(b.u16(o)), len)
            let type = b.u16(o + 2)
            var text = ""
            if type & 0x8000 != 0 { text += "NLA_F_NESTED|" }
            if type & 0x4000 != 0 { text += "NLA_F_NET_BYTEORDER|" }
            let base = table.symbolValue(type & 0x3fff)
            let header = SyscallValue.structure([F("nla_len", .uint(b.u16(o))),
                                                 F("nla_type", text.isEmpty ? base : .symbol(Int64(type), name: nil, text: text + base.text))])
            guard n > 4 else { return header }
            return .array([header, decode(type & 0x3fff, o + 4, n - 4) ?? hex(o + 4, n - 4)])
        }
    }

    // MARK: Leaves

    /// `len` bytes in hex, cut at -s (strace's QUOTE_FORCE_HEX).
    func hex(_ o: Int, _ len: Int) -> SyscallValue {
        .string(Array(b.slice(o, min(len, limit))), truncated: len > limit, hex: true)
    }

    /// A string attribute: its trailing NUL not shown; `...` when it has none (decode_nla_str).
    func str(_ o: Int, _ len: Int) -> SyscallValue {
        var bytes = Array(b.slice(o, min(len, limit)))
        let ended = bytes.last == 0
        if ended { bytes.removeLast() }
        return .string(bytes, truncated: !ended && len > 0)
    }

    /// A NUL-terminated string (QUOTE_0_TERMINATED): up to its NUL, `...` when none.
    func str0(_ o: Int, _ len: Int) -> SyscallValue {
        let bytes = b.slice(o, min(len, limit))
        if let end = bytes.firstIndex(of: 0) { return .string(Array(bytes[bytes.startIndex..<end]), truncated: false) }
        return .string(Array(bytes), truncated: len > 0)
    }

    func u8(_ o: Int, _ n: Int) -> SyscallValue? { n >= 1 ? .uint(b.u8(o)) : nil }
    func u16(_ o: Int, _ n: Int) -> SyscallValue? { n >= 2 ? .uint(b.u16(o)) : nil }
    func u32(_ o: Int, _ n: Int) -> SyscallValue? { n >= 4 ? .uint(b.u32(o)) : nil }
    func u64(_ o: Int, _ n: Int) -> SyscallValue? { n >= 8 ? .uint(b.u64(o)) : nil }
    func s32(_ o: Int, _ n: Int) -> SyscallValue? { n >= 4 ? .int(b.i32(o)) : nil }
    func fd(_ o: Int, _ n: Int) -> SyscallValue? { n >= 4 ? fdValue(b.i32(o)) : nil }
    func uid(_ o: Int, _ n: Int) -> SyscallValue? {
        guard n >= 4 else { return nil }
        let u = b.u32(o)
        return u == 0xffff_ffff ? .int(-1) : .uint(u)
    }

    /// An interface index: `if_nametoindex("lo")` when the name is known, else the number.
    func ifindex(_ v: UInt64) -> SyscallValue {
        guard let name = interfaceName(UInt32(truncatingIfNeeded: v)) else { return .uint(v) }
        return .expr("if_nametoindex(" + StringQuoting.quoted(ArraySlice(Array(name.utf8)), truncated: false) + ")",
                     json: .uint(v))
    }

    /// A value of `table` in an attribute of `size` bytes (decode_nla_xval).
    func xval(_ table: Xlat, size: Int, _ o: Int, _ n: Int) -> SyscallValue? {
        guard n <= 8, n >= size else { return nil }
        return table.symbolValue(le(o, size > 0 ? min(n, size) : n))
    }

    func flags(_ table: Xlat, size: Int, _ o: Int, _ n: Int) -> SyscallValue? {
        guard n <= 8, n >= size else { return nil }
        return table.flagsValue(le(o, size > 0 ? min(n, size) : n))
    }

    /// An integer of `n` bytes, little-endian (umoven_to_uint64).
    func le(_ o: Int, _ n: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<n { v |= b.u8(o + k) << (8 * UInt64(k)) }
        return v
    }

    /// An IPv4 or IPv6 address by the message's family (decode_inet_addr).
    func inetAddr(_ family: UInt64, _ o: Int, _ n: Int, name: String? = nil) -> SyscallValue {
        let size = family == 2 ? 4 : family == 10 ? 16 : 0
        guard size > 0, n >= size else { return hex(o, n) }
        return inetAddrValue(family, o, name: name)
    }

    func inetAddrValue(_ family: UInt64, _ o: Int, name: String?) -> SyscallValue {
        if family == 2 {
            let ip = "\(b.u8(o)).\(b.u8(o + 1)).\(b.u8(o + 2)).\(b.u8(o + 3))"
            return .expr("inet_addr(\"" + ip + "\")", json: .string(ip))
        }
        let ip = ArgContext.ipv6(b.slice(o, 16))
        return .expr("inet_pton(AF_INET6, \"" + ip + "\"" + (name.map { ", &" + $0 } ?? "") + ")", json: .string(ip))
    }

    /// The link-layer address sizes strace knows by ARPHRD_ type (print_mac.c).
    static let hwaddrSizes: [UInt64: Int] = [0: 7, 1: 6, 3: 7, 6: 6, 7: 1, 15: 2, 24: 16, 27: 8, 32: 20, 256: 0, 257: 0,
                                             270: 5, 271: 0, 280: 0, 290: 1, 512: 0, 518: 0, 519: 0, 768: 4, 769: 16,
                                             772: 6, 773: 1, 774: 6, 776: 4, 777: 0, 778: 4, 779: 0, 780: 6, 783: 4,
                                             801: 6, 802: 6, 803: 6, 804: 8, 805: 8, 820: 1, 821: 1, 822: 0, 823: 16,
                                             824: 0, 825: 8, 826: 0]

    /// `aa:bb:cc:dd:ee:ff` (print_hwaddr), as long as the device type's addresses.
    func hwaddr(_ o: Int, _ n: Int, type: UInt64) -> SyscallValue? {
        guard n <= 32 else { return nil }
        let size = min(n, type <= 826 ? Self.hwaddrSizes[type] ?? 255 : 255)
        let bytes = Array(b.slice(o, size))
        let text = bytes.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: ":")
        return .expr(text, json: .string(text))
    }

    func cookie(_ o: Int) -> SyscallValue { .array([.uint(b.u32(o)), .uint(b.u32(o + 4))]) }

    /// A structure's fields, or `...` after its family when the message is too short for it.
    func header(_ familyField: String, _ family: UInt64, _ n: Int, size: Int,
                _ fields: () -> [ParamField]) -> (SyscallValue, Bool) {
        let fam = F(familyField, X.addressFamilies.symbolValue(family))
        guard n >= size else { return (.structure([fam], more: true), false) }
        return (.structure([fam] + fields()), true)
    }

    /// A fixed header and the attributes after it.
    func withAttributes(_ s: (SyscallValue, Bool), _ o: Int, _ n: Int, size: Int, _ table: Xlat,
                        _ decode: (UInt64, Int, Int) -> SyscallValue?) -> [SyscallValue] {
        let offset = (size + 3) & ~3
        guard s.1, n > offset else { return [s.0] }
        return [s.0, attributes(o + offset, n - offset, table, decode)]
    }

    // MARK: NETLINK_SOCK_DIAG

    func sockDiag(_ type: UInt64, flags: UInt64, _ o: Int, _ n: Int) -> [SyscallValue] {
        let family = b.u8(o)
        let request = flags & 1 != 0
        if n > 1 {
            switch (family, request) {
            case (1, true): return unixDiagReq(o, n)
            case (1, false): return unixDiagMsg(o, n)
            case (2, true), (10, true):
                if type == 18 || type == 19 { break }                       // TCPDIAG_GETSOCK, DCCPDIAG_GETSOCK: compat
                return inetDiagReq(family, o, n)
            case (2, false), (10, false): return inetDiagMsg(family, o, n)
            default: break
            }
        }
        var f = [F("family", X.addressFamilies.symbolValue(family))]
        if n > 1 { f.append(F("data", hex(o + 1, n - 1))) }
        return [.structure(f)]
    }

    /// struct inet_diag_sockid at `o`.
    func sockid(_ family: UInt64, _ o: Int) -> SyscallValue {
        func port(_ p: Int) -> SyscallValue {
            let v = b.u8(p) << 8 | b.u8(p + 1)
            return .expr("htons(\(v))", json: .uint(v))
        }
        func addr(_ name: String, _ p: Int) -> ParamField {
            switch family {
            case 2: return F(name, inetAddrValue(2, p, name: nil))
            case 10: return ParamField(bare: name, inetAddrValue(10, p, name: name))
            default: return F(name, hex(p, 16))
            }
        }
        return .structure([F("idiag_sport", port(o)), F("idiag_dport", port(o + 2)), addr("idiag_src", o + 4),
                           addr("idiag_dst", o + 20), F("idiag_if", ifindex(b.u32(o + 36))), F("idiag_cookie", cookie(o + 40))])
    }

    func inetDiagReq(_ family: UInt64, _ o: Int, _ n: Int) -> [SyscallValue] {
        let s = header("sdiag_family", family, n, size: 56) {
            [F("sdiag_protocol", X.ipProtocols.symbolValue(b.u8(o + 1))),
             F("idiag_ext", X.inetDiagExtFlags.flagsValue(b.u8(o + 2))),
             F("idiag_states", X.tcpStateFlags.flagsValue(b.u32(o + 4))), F("id", sockid(family, o + 8))]
        }
        return withAttributes(s, o, n, size: 56, X.inetDiagReqAttrs) { _, _, _ in nil }
    }

    func inetDiagMsg(_ family: UInt64, _ o: Int, _ n: Int) -> [SyscallValue] {
        let s = header("idiag_family", family, n, size: 72) {
            [F("idiag_state", X.tcpStates.symbolValue(b.u8(o + 1))), F("idiag_timer", .uint(b.u8(o + 2))),
             F("idiag_retrans", .uint(b.u8(o + 3))), F("id", sockid(family, o + 4)),
             F("idiag_expires", .uint(b.u32(o + 52))), F("idiag_rqueue", .uint(b.u32(o + 56))),
             F("idiag_wqueue", .uint(b.u32(o + 60))), F("idiag_uid", .uint(b.u32(o + 64))),
             F("idiag_inode", .uint(b.u32(o + 68)))]
        }
        return withAttributes(s, o, n, size: 72, X.inetDiagAttrs) { a, o, n in
            switch a {
            case 4: return str(o, n)                                        // CONG
            case 5, 6, 11: return u8(o, n)                                  // TOS, TCLASS, SKV6ONLY
            case 8: return flags(X.inetDiagShutdown, size: 1, o, n)         // SHUTDOWN
            case 10: return xval(X.ipProtocols, size: 0, o, n)              // PROTOCOL
            case 15, 17: return u32(o, n)                                   // MARK, CLASS_ID
            case 21: return u64(o, n)                                       // CGROUP_ID
            default: return nil
            }
        }
    }

    func unixDiagReq(_ o: Int, _ n: Int) -> [SyscallValue] {
        [header("sdiag_family", 1, n, size: 24) {
            [F("sdiag_protocol", .uint(b.u8(o + 1))), F("udiag_states", X.tcpStateFlags.flagsValue(b.u32(o + 4))),
             F("udiag_ino", .uint(b.u32(o + 8))), F("udiag_show", X.unixDiagShow.flagsValue(b.u32(o + 12))),
             F("udiag_cookie", cookie(o + 16))]
        }.0]
    }

    func unixDiagMsg(_ o: Int, _ n: Int) -> [SyscallValue] {
        let s = header("udiag_family", 1, n, size: 16) {
            [F("udiag_type", X.sockTypes.symbolValue(b.u8(o + 1))), F("udiag_state", X.tcpStates.symbolValue(b.u8(o + 2))),
             F("udiag_ino", .uint(b.u32(o + 4))), F("udiag_cookie", cookie(o + 8))]
        }
        return withAttributes(s, o, n, size: 16, X.unixDiagAttrs) { a, o, n in
            switch a {
            case 0: return str(o, n)                                        // NAME
            case 2: return u32(o, n)                                        // PEER
            case 3:                                                         // ICONS
                let count = n / 4
                guard count > 0 else { return nil }
                return .array((0..<min(count, limit)).map { .uint(b.u32(o + 4 * $0)) }, more: count > limit)
            case 4:                                                         // RQLEN
                guard n >= 8 else { return nil }
                return .structure([F("udiag_rqueue", .uint(b.u32(o))), F("udiag_wqueue", .uint(b.u32(o + 4)))])
            case 6: return u8(o, n)                                         // SHUTDOWN
            case 7: return uid(o, n)                                        // UID
            default: return nil
            }
        }
    }
}

extension ArgContext {
    /// The netlink protocol of the call's socket (its first argument), when known.
    func netlinkProtocol() -> Int32? {
        if case .netlink(let p)? = fds?.socketKind(ofFD: sint(args[0])) { return p }
        return nil
    }

    /// sendto's and recvfrom's buffer: netlink messages on a netlink socket, else bytes.
    func socketBuffer(_ addr: UInt64, _ count: Int) -> SyscallValue {
        guard case .netlink(let p)? = fds?.socketKind(ofFD: sint(args[0])) else { return buffer(addr, count) }
        return netlinkMessages(addr, count, proto: p)
    }

    /// `count` bytes at `addr` decoded as netlink messages; the bytes as a string when they
    /// cannot be read whole (memory captured in part by trace --bpf).
    func netlinkMessages(_ addr: UInt64, _ count: Int, proto: Int32?) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        let n = min(max(count, 0), 1 << 20)
        guard let bytes = read(addr, n) else { return buffer(addr, count) }
        var decoder = NetlinkDecoder(proto: proto, limit: limit, bytes: bytes.b)
        decoder.fdValue = { fdValue($0) }
        if let fds { decoder.interfaceName = { fds.interfaceName(index: $0) } }
        return decoder.messages()
    }
}
