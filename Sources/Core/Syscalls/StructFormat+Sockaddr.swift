// Socket addresses as strace 6.1's sockaddr.c prints them: the family, then the fields of
// each family strace knows when the address is long enough for them (AF_UNIX, AF_INET,
// AF_INET6, AF_AX25, AF_IPX, AF_X25, AF_NETLINK, AF_PACKET, AF_RXRPC, AF_IEEE802154,
// AF_ALG, AF_NFC, AF_VSOCK, AF_QIPCRTR, AF_XDP, AF_MCTP), else the bytes after the family
// as `sa_data`. `-X raw`/`verbose` show the network-order numbers and addresses as their
// bytes, with the decoded form in a comment.

extension ArgContext {
    /// The largest address read (sizeof(struct sockaddr_storage)).
    static let sockaddrMax = 128

    /// strace's decode_sockaddr: the address when shorter than a family or unreadable.
    func sockaddr(_ addr: UInt64, len: Int) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        guard len >= 2 else { return .pointer(addr) }
        let n = min(len, Self.sockaddrMax)
        guard let b = read(addr, n) else { return .pointer(addr) }
        // Zeros after what was read, as strace's buffer has.
        return sockaddrFields(Bytes(b.b + [UInt8](repeating: 0, count: Self.sockaddrMax + 1 - n)), len: n)
    }

    /// print_sockaddr: `b` holds the address and zeros after its `len` bytes.
    func sockaddrFields(_ b: Bytes, len: Int) -> SyscallValue {
        let family = b.u16(0)
        var f = [F("sa_family", X.addressFamilies.symbolValue(family))]
        guard len > 2 else { return .structure(f) }
        let minimum: Int?
        switch family {
        case 1: minimum = 3                                         // AF_UNIX
        case 2, 3, 4: minimum = 16                                  // AF_INET, AF_AX25, AF_IPX
        case 16: minimum = 12                                       // AF_NETLINK
        case 9: minimum = 18                                        // AF_X25
        case 10: minimum = 24                                       // AF_INET6 (up to sin6_scope_id)
        case 17: minimum = 20                                       // AF_PACKET
        case 33: minimum = 36                                       // AF_RXRPC
        case 36: minimum = 20                                       // AF_IEEE802154
        case 38: minimum = 25                                       // AF_ALG
        case 39, 40, 44: minimum = 16                               // AF_NFC, AF_VSOCK, AF_XDP
        case 42, 45: minimum = 12                                   // AF_QIPCRTR, AF_MCTP
        default: minimum = nil
        }
        guard let minimum, len >= minimum else {
            f.append(F("sa_data", .string(Array(b.slice(2, len - 2)), truncated: false)))
            return .structure(f)
        }
        switch family {
        case 1: f += sockaddrUnix(b, len)
        case 2: f += Self.sockaddrIn(b, 0)
        case 3: f += sockaddrAX25(b, len)
        case 4: f += Self.sockaddrIPX(b)
        case 9: f.append(F("sx25_addr", .structure([F("x25_addr", Self.cstring(b, 2, size: 16, expectNUL: true))])))
        case 10: f += sockaddrIn6(b, 0, len)
        case 16:
            if b.u16(2) != 0 { f.append(F("nl_pad", Self.hexValue(b.u16(2)))) }
            f += [F("nl_pid", .int(b.i32(4))), F("nl_groups", Self.zeroPadHex(b.u32(8), bytes: 4))]
        case 17: f += sockaddrPacket(b, len)
        case 33: f += sockaddrRxrpc(b, len)
        case 36: f += Self.sockaddrIEEE802154(b)
        case 38: f += Self.sockaddrAlg(b, len)
        case 39: f += sockaddrNFC(b, len)
        case 40: f += Self.sockaddrVsock(b)
        case 42:
            f += [F("sq_node", Self.xval(X.qrtrNodes, b.u32(4), unknown: false)),
                  F("sq_port", Self.xval(X.qrtrPorts, b.u32(8), unknown: false))]
        case 44: f += sockaddrXDP(b)
        default: f += Self.sockaddrMCTP(b)
        }
        return .structure(f)
    }

    // MARK: Values in strace's styles

    /// printxval_ex: the name; an unknown value in hex, with `/* PREFIX_??? */` when the
    /// table has a default (`unknown`). `verbose` (PRINT_FIELD_XVAL_VERBOSE): the number
    /// and the name in a comment unless `-X raw`.
    static func xval(_ x: Xlat, _ v: UInt64, unknown: Bool = true, verbose: Bool = false) -> SyscallValue {
        var style = DecodeStyle.current.xlat
        if verbose && style != .raw { style = .verbose }
        let name = x.name(v)
        let hex = Fmt.hex(v)
        let tail = unknown ? hex + " /* " + x.unknown + " */" : hex
        let text: String
        switch style {
        case .raw: text = hex
        case .abbrev: text = name ?? tail
        case .verbose: text = name.map { hex + " /* " + $0 + " */" } ?? tail
        }
        return .symbol(Int64(bitPattern: v), name: name, text: text)
    }

    /// printflags_ex in the verbose style unless `-X raw` (PRINT_FIELD_FLAGS_VERBOSE).
    static func flagsVerbose(_ x: Xlat, _ v: UInt64) -> SyscallValue {
        let style = DecodeStyle.current
        if style.xlat == .raw { return x.flagsValue(v) }
        return DecodeStyle.with(DecodeStyle(xlat: .verbose, hexStrings: style.hexStrings)) { x.flagsValue(v) }
    }

    /// PRINT_VAL_X: `0`, `0x1f`.
    static func hexValue(_ v: UInt64) -> SyscallValue { .uint(v, text: Fmt.hex(v)) }

    /// PRINT_VAL_0X, `%#0*x` as wide as the field's hex digits: `0x000001`, `00000000`.
    static func zeroPadHex(_ v: UInt64, bytes: Int) -> SyscallValue {
        let width = 2 * bytes
        if v == 0 { return .uint(0, text: String(repeating: "0", count: width)) }
        let digits = String(v, radix: 16)
        return .uint(v, text: "0x" + String(repeating: "0", count: max(0, width - 2 - digits.count)) + digits)
    }

    /// print_quoted_string with QUOTE_0_TERMINATED over `size` bytes: up to the NUL (at
    /// most size - 1 bytes); `...` after one not terminated when `expectNUL`.
    static func cstring(_ b: Bytes, _ o: Int, size: Int, expectNUL: Bool) -> SyscallValue {
        let s = b.slice(o, max(size - 1, 0))
        if let nul = s.firstIndex(of: 0) { return .string(Array(s[s.startIndex..<nul]), truncated: false) }
        return .string(Array(s), truncated: expectNUL)
    }

    /// A network-order number: `htons(12345)`; `-X raw` its bytes, `-X verbose` both.
    static func netOrder(_ b: Bytes, _ o: Int, _ n: Int, _ call: String, _ inner: String) -> SyscallValue {
        let bytes = StringQuoting.quoted(b.slice(o, n), truncated: false, hex: true)
        let text: String
        switch DecodeStyle.current.xlat {
        case .abbrev: text = call + "(" + inner + ")"
        case .raw: text = bytes
        case .verbose: text = bytes + " /* " + call + "(" + inner + ") */"
        }
        return .expr(text, json: .uint(n == 2 ? b.u8(o) << 8 | b.u8(o + 1) : Self.be32(b, o)))
    }

    static func be32(_ b: Bytes, _ o: Int) -> UInt64 { b.u8(o) << 24 | b.u8(o + 1) << 16 | b.u8(o + 2) << 8 | b.u8(o + 3) }

    static func port(_ b: Bytes, _ o: Int) -> SyscallValue {
        netOrder(b, o, 2, "htons", String(b.u8(o) << 8 | b.u8(o + 1)))
    }

    /// An interface index: `if_nametoindex("lo")` when it names an interface (print_ifindex):
    /// `-X raw` the number, `-X verbose` both.
    func ifindexValue(_ v: UInt64) -> SyscallValue {
        guard let name = fds?.interfaceName(index: UInt32(truncatingIfNeeded: v)) else { return .uint(v) }
        let call = "if_nametoindex(" + StringQuoting.quoted(ArraySlice(Array(name.utf8)), truncated: false) + ")"
        switch DecodeStyle.current.xlat {
        case .abbrev: return .expr(call, json: .uint(v))
        case .raw: return .uint(v)
        case .verbose: return .expr(String(v) + " /* " + call + " */", json: .uint(v))
        }
    }

    // MARK: Families

    func sockaddrUnix(_ b: Bytes, _ len: Int) -> [ParamField] {
        let pathLen = min(len, 110) - 2
        if b.u8(2) != 0 { return [F("sun_path", Self.cstring(b, 2, size: pathLen + 1, expectNUL: false))] }
        let name = Array(b.slice(3, pathLen - 1))
        return [F("sun_path", .expr("@" + StringQuoting.quoted(ArraySlice(name), truncated: false),
                                    json: .string([UInt8(ascii: "@")] + name, truncated: false)))]
    }

    /// sockaddr_in's port and address at `o` (its family's offset).
    static func sockaddrIn(_ b: Bytes, _ o: Int) -> [ParamField] {
        let ip = (0..<4).map { String(b.u8(o + 4 + $0)) }.joined(separator: ".")
        let call = "inet_addr(\"" + ip + "\")"
        let bytes = StringQuoting.quoted(b.slice(o + 4, 4), truncated: false, hex: true)
        let text: String
        switch DecodeStyle.current.xlat {
        case .abbrev: text = call
        case .raw: text = bytes
        case .verbose: text = bytes + " /* " + call + " */"
        }
        return [F("sin_port", port(b, o + 2)), F("sin_addr", .expr(text, json: .string(ip)))]
    }

    /// sockaddr_in6 at `o`, `len` bytes of it: the scope when there (an interface for a
    /// link-local address).
    func sockaddrIn6(_ b: Bytes, _ o: Int, _ len: Int) -> [ParamField] {
        let flow = Self.be32(b, o + 4)
        let ip = Self.ipv6(b.slice(o + 8, 16))
        let bytes = StringQuoting.quoted(b.slice(o + 8, 16), truncated: false, hex: true)
        var f = [F("sin6_port", Self.port(b, o + 2)), F("sin6_flowinfo", Self.netOrder(b, o + 4, 4, "htonl", String(flow)))]
        switch DecodeStyle.current.xlat {
        case .abbrev:
            f.append(ParamField(bare: "sin6_addr", .expr("inet_pton(AF_INET6, \"" + ip + "\", &sin6_addr)", json: .string(ip))))
        case .raw: f.append(F("sin6_addr", .expr(bytes, json: .string(ip))))
        case .verbose:
            f.append(F("sin6_addr", .expr(bytes + " /* inet_pton(AF_INET6, \"" + ip + "\") */", json: .string(ip))))
        }
        guard len > 24 else { return f }
        let a0 = b.u8(o + 8), a1 = b.u8(o + 9)
        let linkLocal = (a0 == 0xfe && a1 & 0xc0 == 0x80) || (a0 == 0xff && a1 & 0xf == 0x2)
        f.append(F("sin6_scope_id", linkLocal ? ifindexValue(b.u32(o + 24)) : .uint(b.u32(o + 24))))
        return f
    }

    func sockaddrAX25(_ b: Bytes, _ len: Int) -> [ParamField] {
        let ndigis = b.i32(12)
        let head = [F("sax25_call", Self.ax25Address(Array(b.slice(2, 7)))), F("sax25_ndigis", .int(ndigis))]
        let full = ndigis != 0 || len > 16
        guard full else { return head }
        var f = [F("fsa_ax25", .structure(head))]
        let has = min((len - 16) / 7, 8)
        let want = min(max(Int(ndigis), 0), 8)
        let digis = min(has, want)
        if want > 0 {
            let items = (0..<digis).map { Self.ax25Address(Array(b.slice(16 + 7 * $0, 7))) }
            f.append(F("fsa_digipeater", .array(items, more: want > has)))
        }
        if len > has * 7 + 16 { f.append(ParamField(bare: "more", .expr("...", json: nil))) }
        return f
    }

    /// An AX.25 callsign: `VALID-13`; `{ax25_call="\x.."}` with the callsign in a comment
    /// when it is not a plain one, its bytes alone when it cannot be shown (print_ax25_addr).
    static func ax25Address(_ a: [UInt8]) -> SyscallValue {
        enum Style { case asIs, verbose, raw }
        var style = Style.asIs
        var spaceSeen = false, charSeen = false
        check: for i in 0..<6 {
            var c = a[i]
            if c & 1 != 0 { style = .verbose }
            c >>= 1
            if c == 0x20 { spaceSeen = true } else { charSeen = true }
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c == 0x20
            if !ok || (c != 0x20 && spaceSeen) { style = .verbose }
            if c < 0x20 || c > 0x7e || c == UInt8(ascii: "*") || c == UInt8(ascii: "/") {
                style = .raw
                break check
            }
        }
        if style != .raw {
            if a[6] & ~0x1e != 0 || (!charSeen && a[6] != 0) { style = .verbose }
        }
        let current = DecodeStyle.current.xlat
        let shown: Style = style == .asIs ? (current == .abbrev ? .asIs : current == .raw ? .raw : .verbose) : style
        let rawText = "{ax25_call=" + StringQuoting.quoted(ArraySlice(a), truncated: false, hex: true) + "}"
        if shown == .raw { return .expr(rawText, json: .string(a, truncated: false, hex: true)) }
        var end = 6
        while end > 0 && a[end - 1] >> 1 == 0x20 { end -= 1 }
        var s = String(decoding: a[0..<end].map { $0 >> 1 }, as: UTF8.self) + "-"
        var ssid = (a[6] >> 1) & 0xf
        if ssid > 9 {
            s += "1"
            ssid -= 10
        }
        s += String(ssid)
        if s.hasPrefix("-0") { s = "*" }
        return .expr(shown == .verbose ? rawText + " /* " + s + " */" : s, json: .string(s))
    }

    static func sockaddrIPX(_ b: Bytes) -> [ParamField] {
        var f = [F("sipx_port", port(b, 2)),
                 F("sipx_network", .expr("htonl(" + Fmt.hex(be32(b, 4)) + ")", json: .uint(be32(b, 4)))),
                 F("sipx_node", .array((0..<6).map { zeroPadHex(b.u8(8 + $0), bytes: 1) })),
                 F("sipx_type", zeroPadHex(b.u8(14), bytes: 1))]
        if b.u8(15) != 0 { f.append(F("sipx_zero", hexValue(b.u8(15)))) }
        return f
    }

    func sockaddrPacket(_ b: Bytes, _ len: Int) -> [ParamField] {
        let proto = b.u8(2) << 8 | b.u8(3)
        let name = DecodeStyle.with(DecodeStyle(xlat: .abbrev, hexStrings: DecodeStyle.current.hexStrings)) {
            X.ethernetProtocols.value(proto)
        }
        let halen = Int(b.u8(11))
        var f = [F("sll_protocol", Self.netOrder(b, 2, 2, "htons", name)), F("sll_ifindex", ifindexValue(b.u32(4))),
                 F("sll_hatype", X.arpHardwareTypes.symbolValue(b.u16(8))),
                 F("sll_pkttype", X.packetTypes.symbolValue(b.u8(10))), F("sll_halen", .uint(UInt64(halen)))]
        if halen > 0 {
            let inBounds = len - 12
            let shown = min(halen, inBounds)
            f.append(F("sll_addr", .array((0..<shown).map { Self.zeroPadHex(b.u8(12 + $0), bytes: 1) },
                                          more: halen > inBounds)))
        }
        return f
    }

    func sockaddrRxrpc(_ b: Bytes, _ len: Int) -> [ParamField] {
        let transportLen = Int(b.u16(6))
        let effective = min(transportLen, len - 8)
        let rest = max(0, effective - 2)
        let family = b.u16(8)
        func restBytes() -> ParamField { ParamField(bare: "data", .string(Array(b.slice(10, rest)), truncated: false)) }
        var inner: [ParamField]
        switch family {
        case 2:
            inner = [F("sin_family", X.addressFamilies.symbolValue(family))]
            if transportLen >= 16 { inner += Self.sockaddrIn(b, 8) } else if rest > 0 { inner.append(restBytes()) }
            inner = [F("sin", .structure(inner))]
        case 10:
            inner = [F("sin6_family", X.addressFamilies.symbolValue(family))]
            if transportLen >= 24 { inner += sockaddrIn6(b, 8, effective) } else if rest > 0 { inner.append(restBytes()) }
            inner = [F("sin6", .structure(inner))]
        default:
            inner = [F("family", X.addressFamilies.symbolValue(family))]
            if rest > 0 { inner.append(restBytes()) }
        }
        return [F("srx_service", Self.xval(X.rxrpcServices, b.u16(2), verbose: true)),
                F("transport_type", X.sockTypes.symbolValue(b.u16(4))), F("transport_len", .uint(UInt64(transportLen))),
                F("transport", .structure(inner))]
    }

    static func sockaddrIEEE802154(_ b: Bytes) -> [ParamField] {
        let type = b.u32(4)
        var f = [F("addr_type", xval(X.ieee802154AddrTypes, type, verbose: true)),
                 F("pan_id", xval(X.ieee802154PanIDs, b.u16(8), unknown: false, verbose: true))]
        switch type {
        case 0: break
        case 2: f.append(F("short_addr", xval(X.ieee802154Addrs, b.u16(10), unknown: false, verbose: true)))
        default: f.append(F("hwaddr", macAddress(Array(b.slice(10, 8)))))
        }
        return [F("addr", .structure(f))]
    }

    static func sockaddrAlg(_ b: Bytes, _ len: Int) -> [ParamField] {
        [F("salg_type", cstring(b, 2, size: 14, expectNUL: true)),
         F("salg_feat", flagsVerbose(X.algSockaddrFlags, b.u32(16))),
         F("salg_mask", flagsVerbose(X.algSockaddrFlags, b.u32(20))),
         F("salg_name", cstring(b, 24, size: len - 24, expectNUL: true))]
    }

    func sockaddrNFC(_ b: Bytes, _ len: Int) -> [ParamField] {
        var f = [F("dev_idx", ifindexValue(b.u32(4))), F("target_idx", Self.hexValue(b.u32(8))),
                 F("nfc_protocol", X.nfcProtocols.symbolValue(b.u32(12)))]
        // sockaddr_nfc_llcp: its service_name_len is a kernel long, 8-aligned on x86_64.
        let llcpLen = word == 8 ? 96 : 88
        guard len >= llcpLen else {
            if len > 16 { f.append(ParamField(bare: "more", .expr("...", json: nil))) }
            return f
        }
        let nameLen = word == 8 ? b.u64(88) : b.u32(84)
        f += [F("dsap", Self.xval(X.nfcSaps, b.u8(16), unknown: false, verbose: true)),
              F("ssap", Self.xval(X.nfcSaps, b.u8(17), unknown: false, verbose: true)),
              F("service_name", .string(Array(b.slice(18, Int(min(63, nameLen)))), truncated: false)),
              F("service_name_len", .uint(nameLen))]
        return f
    }

    static func sockaddrVsock(_ b: Bytes) -> [ParamField] {
        var f: [ParamField] = []
        if b.u16(2) != 0 { f.append(F("svm_reserved1", hexValue(b.u16(2)))) }
        f += [F("svm_cid", xval(X.vsockCids, b.u32(8), unknown: false)),
              F("svm_port", xval(X.vsockPorts, b.u32(4), unknown: false)),
              F("svm_flags", X.vsockFlags.flagsValue(b.u8(12)))]
        let zero = Array(b.slice(13, 3))
        if zero.contains(where: { $0 != 0 }) { f.append(F("svm_zero", .string(zero, truncated: false, hex: true))) }
        return f
    }

    func sockaddrXDP(_ b: Bytes) -> [ParamField] {
        let flags = b.u16(2), umem = b.u32(12)
        var f = [F("sxdp_flags", X.xdpSockaddrFlags.flagsValue(flags)), F("sxdp_ifindex", ifindexValue(b.u32(4))),
                 F("sxdp_queue_id", .uint(b.u32(8)))]
        if flags & 1 != 0 { f.append(F("sxdp_shared_umem_fd", fdValue(b.i32(12)))) }
        else if umem != 0 { f.append(F("sxdp_shared_umem_fd", Self.hexValue(umem))) }
        return f
    }

    static func sockaddrMCTP(_ b: Bytes) -> [ParamField] {
        var f: [ParamField] = []
        if b.u16(2) != 0 { f.append(F("__smctp_pad0", hexValue(b.u16(2)))) }
        f += [F("smctp_network", xval(X.mctpNets, b.u32(4), unknown: false)),
              F("smctp_addr", .structure([F("s_addr", xval(X.mctpAddrs, b.u8(8), unknown: false))])),
              F("smctp_type", hexValue(b.u8(9))), F("smctp_tag", hexValue(b.u8(10)))]
        if b.u8(11) != 0 { f.append(F("__smctp_pad1", hexValue(b.u8(11)))) }
        return f
    }
}

extension X {
    static let packetTypes = Xlat("PACKET_???", [
        (0, "PACKET_HOST"), (1, "PACKET_BROADCAST"), (2, "PACKET_MULTICAST"), (3, "PACKET_OTHERHOST"),
        (4, "PACKET_OUTGOING"), (5, "PACKET_LOOPBACK"), (6, "PACKET_USER"), (7, "PACKET_KERNEL")])
    static let rxrpcServices = Xlat("???_SERVICE", [
        (1, "CM_SERVICE"), (2500, "YFS_FS_SERVICE"), (2501, "YFS_CM_SERVICE"), (2503, "YFS_VL_SERVICE")])
    static let ieee802154AddrTypes = Xlat("IEEE802154_ADDR_???", [
        (0, "IEEE802154_ADDR_NONE"), (2, "IEEE802154_ADDR_SHORT"), (3, "IEEE802154_ADDR_LONG")])
    static let ieee802154Addrs = Xlat("", [(0xfffe, "IEEE802154_ADDR_UNDEF"), (0xffff, "IEEE802154_ADDR_BROADCAST")])
    static let ieee802154PanIDs = Xlat("", [(0xffff, "IEEE802154_PANID_BROADCAST")])
    static let algSockaddrFlags = Xlat("CRYPTO_ALG_???", [(0x1000, "CRYPTO_ALG_KERN_DRIVER_ONLY")])
    static let nfcSaps = Xlat("", [(0x1, "LLCP_SAP_SDP"), (0x2, "LLCP_SAP_IP"), (0x3, "LLCP_SAP_OBEX"),
                                   (0x4, "LLCP_SAP_SNEP"), (0xff, "LLCP_SAP_MAX")])
    static let nfcProtocols = Xlat("NFC_PROTO_???", [
        (1, "NFC_PROTO_JEWEL"), (2, "NFC_PROTO_MIFARE"), (3, "NFC_PROTO_FELICA"), (4, "NFC_PROTO_ISO14443"),
        (5, "NFC_PROTO_NFC_DEP"), (6, "NFC_PROTO_ISO14443_B"), (7, "NFC_PROTO_ISO15693")])
    static let vsockCids = Xlat("", [(0, "VMADDR_CID_HYPERVISOR"), (1, "VMADDR_CID_LOCAL"), (2, "VMADDR_CID_HOST"),
                                     (0xffff_ffff, "VMADDR_CID_ANY")])
    static let vsockFlags = Xlat("VMADDR_FLAG_???", [(0x1, "VMADDR_FLAG_TO_HOST")])
    static let vsockPorts = Xlat("", [(0xffff_ffff, "VMADDR_PORT_ANY")])
    static let qrtrNodes = Xlat("", [(0xffff_ffff, "QRTR_NODE_BCAST")])
    static let qrtrPorts = Xlat("", [(0xffff_fffe, "QRTR_PORT_CTRL")])
    static let xdpSockaddrFlags = Xlat("XDP_???", [
        (0x1, "XDP_SHARED_UMEM"), (0x2, "XDP_COPY"), (0x4, "XDP_ZEROCOPY"), (0x8, "XDP_USE_NEED_WAKEUP")])
    static let mctpAddrs = Xlat("", [(0x00, "MCTP_ADDR_NULL"), (0xff, "MCTP_ADDR_ANY")])
    static let mctpNets = Xlat("", [(0x0, "MCTP_NET_ANY")])
    static let ethernetProtocols = Xlat("ETH_P_???", [
        (0x1, "ETH_P_802_3"), (0x2, "ETH_P_AX25"), (0x3, "ETH_P_ALL"), (0x4, "ETH_P_802_2"), (0x5, "ETH_P_SNAP"),
        (0x6, "ETH_P_DDCMP"), (0x7, "ETH_P_WAN_PPP"), (0x8, "ETH_P_PPP_MP"), (0x9, "ETH_P_LOCALTALK"),
        (0xc, "ETH_P_CAN"), (0xd, "ETH_P_CANFD"), (0xe, "ETH_P_CANXL"), (0x10, "ETH_P_PPPTALK"),
        (0x11, "ETH_P_TR_802_2"), (0x15, "ETH_P_MOBITEX"), (0x16, "ETH_P_CONTROL"), (0x17, "ETH_P_IRDA"),
        (0x18, "ETH_P_ECONET"), (0x19, "ETH_P_HDLC"), (0x1a, "ETH_P_ARCNET"), (0x1b, "ETH_P_DSA"),
        (0x1c, "ETH_P_TRAILER"), (0x60, "ETH_P_LOOP"), (0xf5, "ETH_P_PHONET"), (0xf6, "ETH_P_IEEE802154"),
        (0xf7, "ETH_P_CAIF"), (0xf8, "ETH_P_XDSA"), (0xf9, "ETH_P_MAP"), (0xfa, "ETH_P_MCTP"), (0x200, "ETH_P_PUP"),
        (0x201, "ETH_P_PUPAT"), (0x600, "ETH_P_802_3_MIN"), (0x800, "ETH_P_IP"), (0x805, "ETH_P_X25"),
        (0x806, "ETH_P_ARP"), (0x8ff, "ETH_P_BPQ"), (0xa00, "ETH_P_IEEEPUP"), (0xa01, "ETH_P_IEEEPUPAT"),
        (0x22eb, "ETH_P_ERSPAN2"), (0x22f0, "ETH_P_TSN"), (0x4305, "ETH_P_BATMAN"), (0x6000, "ETH_P_DEC"),
        (0x6001, "ETH_P_DNA_DL"), (0x6002, "ETH_P_DNA_RC"), (0x6003, "ETH_P_DNA_RT"), (0x6004, "ETH_P_LAT"),
        (0x6005, "ETH_P_DIAG"), (0x6006, "ETH_P_CUST"), (0x6007, "ETH_P_SCA"), (0x6558, "ETH_P_TEB"),
        (0x8035, "ETH_P_RARP"), (0x809b, "ETH_P_ATALK"), (0x80f3, "ETH_P_AARP"), (0x8100, "ETH_P_8021Q"),
        (0x8137, "ETH_P_IPX"), (0x86dd, "ETH_P_IPV6"), (0x8808, "ETH_P_PAUSE"), (0x8809, "ETH_P_SLOW"),
        (0x883e, "ETH_P_WCCP"), (0x8847, "ETH_P_MPLS_UC"), (0x8848, "ETH_P_MPLS_MC"), (0x884c, "ETH_P_ATMMPOA"),
        (0x8863, "ETH_P_PPP_DISC"), (0x8864, "ETH_P_PPP_SES"), (0x886c, "ETH_P_LINK_CTL"), (0x8884, "ETH_P_ATMFATE"),
        (0x888e, "ETH_P_PAE"), (0x8899, "ETH_P_REALTEK"), (0x88a2, "ETH_P_AOE"), (0x88a8, "ETH_P_8021AD"),
        (0x88b5, "ETH_P_802_EX1"), (0x88be, "ETH_P_ERSPAN"), (0x88c7, "ETH_P_PREAUTH"), (0x88ca, "ETH_P_TIPC"),
        (0x88cc, "ETH_P_LLDP"), (0x88e3, "ETH_P_MRP"), (0x88e5, "ETH_P_MACSEC"), (0x88e7, "ETH_P_8021AH"),
        (0x88f5, "ETH_P_MVRP"), (0x88f7, "ETH_P_1588"), (0x88f8, "ETH_P_NCSI"), (0x88fb, "ETH_P_PRP"),
        (0x8902, "ETH_P_CFM"), (0x8906, "ETH_P_FCOE"), (0x890d, "ETH_P_TDLS"), (0x8914, "ETH_P_FIP"),
        (0x8915, "ETH_P_IBOE"), (0x8917, "ETH_P_80221"), (0x892f, "ETH_P_HSR"), (0x894f, "ETH_P_NSH"),
        (0x9000, "ETH_P_LOOPBACK"), (0x9100, "ETH_P_QINQ1"), (0x9200, "ETH_P_QINQ2"), (0x9300, "ETH_P_QINQ3"),
        (0xdada, "ETH_P_EDSA"), (0xdadb, "ETH_P_DSA_8021Q"), (0xe001, "ETH_P_DSA_A5PSW"), (0xed3e, "ETH_P_IFE"),
        (0xfbfb, "ETH_P_AF_IUCV")])
}
