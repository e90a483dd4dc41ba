/// NETLINK_ROUTE messages (strace 6.1's rtnl_link.c, rtnl_addr.c, rtnl_route.c): ifinfomsg,
/// ifaddrmsg and rtmsg with their attributes; the walking of messages and attributes and the
/// other protocols are in Netlink.swift.

extension NetlinkDecoder {
    func route(_ type: UInt64, _ o: Int, _ n: Int) -> [SyscallValue] {
        let family = b.u8(o)
        switch type {
        case 0x10...0x13: return ifinfomsg(family, o, n)
        case 0x14...0x16, 0x3a, 0x3e: return ifaddrmsg(family, o, n)
        case 0x18...0x1a: return rtmsg(family, o, n)
        default:
            var f = [F("family", X.addressFamilies.symbolValue(family))]
            if n > 1 { f.append(F("data", hex(o + 1, n - 1))) }
            return [.structure(f)]
        }
    }

    func ifinfomsg(_ family: UInt64, _ o: Int, _ n: Int) -> [SyscallValue] {
        let type = b.u16(o + 2)
        let s = header("ifi_family", family, n, size: 16) {
            [F("ifi_type", X.arpHardwareTypes.symbolValue(type)), F("ifi_index", ifindex(b.u32(o + 4))),
             F("ifi_flags", X.iffFlags.flagsValue(b.u32(o + 8))), F("ifi_change", .uint(b.u32(o + 12), text: Fmt.hex(b.u32(o + 12))))]
        }
        return withAttributes(s, o, n, size: 16, X.iflaAttrs) { link($0, $1, $2, type: type, family: family) }
    }

    /// IFLA_* attributes (rtnl_link.c's ifinfomsg_nla_decoders, the ones decoded here).
    func link(_ a: UInt64, _ o: Int, _ n: Int, type: UInt64, family: UInt64) -> SyscallValue? {
        switch a {
        case 1, 2, 54: return hwaddr(o, n, type: type)                      // ADDRESS, BROADCAST, PERM_ADDRESS
        case 3, 6, 20, 38, 53, 56, 57: return str(o, n)                     // IFNAME, QDISC, IFALIAS, ...
        case 4, 5, 10, 13, 15, 19, 21, 27, 30, 31, 32, 35, 40, 41, 47, 48, 50, 51, 58, 59, 60, 61:
            return u32(o, n)
        case 16, 17, 33, 39: return u8(o, n)                                // OPERSTATE, LINKMODE, CARRIER, PROTO_DOWN
        case 18:                                                            // LINKINFO
            return attributes(o, n, X.iflaInfoAttrs) { a, o, n in
                switch a {
                case 1, 4: return str0(o, n)                                // INFO_KIND, INFO_SLAVE_KIND
                default: return nil
                }
            }
        case 7: return linkStats(o, n, width: 4)                            // STATS
        case 14: return linkMap(o, n)                                       // MAP
        case 26 where family != 7: return afSpec(o, n)                      // AF_SPEC (not AF_BRIDGE's)
        case 43:                                                            // XDP
            return attributes(o, n, X.iflaXdpAttrs) { a, o, n in
                switch a {
                case 1, 8: return fd(o, n)                                  // FD, EXPECTED_FD
                case 2: return xval(X.xdpAttachedModes, size: 1, o, n)      // ATTACHED
                case 3: return flags(X.xdpFlags, size: 4, o, n)             // FLAGS
                case 4...7: return u32(o, n)                                // *PROG_ID
                default: return nil
                }
            }
        case 23: return linkStats(o, n, width: 8)                           // STATS64
        case 28: return fd(o, n)                                            // NET_NS_FD
        case 29: return flags(X.iflaExtFilterFlags, size: 4, o, n)          // EXT_MASK
        case 37, 45, 46: return s32(o, n)                                   // LINK_NETNSID, NEW_NETNSID, IF_NETNSID
        case 44: return xval(X.iflaEvents, size: 4, o, n)                   // EVENT
        case 49: return n >= 4 ? ifindex(b.u32(o)) : nil                    // NEW_IFINDEX
        case 52: return attributes(o, n, X.iflaAttrs) { link($0, $1, $2, type: type, family: family) }  // PROP_LIST
        default: return nil
        }
    }

    /// struct rtnl_link_ifmap: {mem_start, mem_end, base_addr, irq, dma, port}.
    func linkMap(_ o: Int, _ n: Int) -> SyscallValue? {
        guard n >= 32 else { return nil }
        return .structure([F("mem_start", .uint(b.u64(o), text: Fmt.hex(b.u64(o)))),
                           F("mem_end", .uint(b.u64(o + 8), text: Fmt.hex(b.u64(o + 8)))),
                           F("base_addr", .uint(b.u64(o + 16), text: Fmt.hex(b.u64(o + 16)))),
                           F("irq", .uint(b.u16(o + 24))), F("dma", .uint(b.u8(o + 26))), F("port", .uint(b.u8(o + 27)))])
    }

    /// IFLA_AF_SPEC: an attribute per address family, each with that family's attributes
    /// (rtnl_link.c's decode_ifla_af: AF_INET's devconf, AF_INET6's flags, devconf, stats,
    /// cache info, token and address generation mode).
    func afSpec(_ o: Int, _ n: Int) -> SyscallValue {
        attributes(o, n, X.addressFamilies) { family, o, n in
            switch family {
            case 2:
                return self.attributes(o, n, X.iflaInetAttrs) { a, o, n in
                    a == 1 ? self.indexedArray(o, n, width: 4, X.inetDevconf) : nil
                }
            case 10:
                return self.attributes(o, n, X.iflaInet6Attrs) { a, o, n in
                    switch a {
                    case 1: return self.flags(X.inet6IfFlags, size: 4, o, n)
                    case 2: return self.indexedArray(o, n, width: 4, X.inet6Devconf)
                    case 3: return self.indexedArray(o, n, width: 8, X.snmpIPStats)
                    case 5:
                        guard n >= 16 else { return nil }
                        return .structure([F("max_reasm_len", .uint(self.b.u32(o))), F("tstamp", .uint(self.b.u32(o + 4))),
                                           F("reachable_time", .uint(self.b.u32(o + 8))),
                                           F("retrans_time", .uint(self.b.u32(o + 12)))])
                    case 6: return self.indexedArray(o, n, width: 8, X.snmpICMP6Stats)
                    case 7: return n >= 16 ? self.inetAddr(10, o, n) : nil
                    case 8: return self.xval(X.in6AddrGenModes, size: 1, o, n)
                    case 9: return self.u32(o, n)
                    default: return nil
                    }
                }
            default: return nil
            }
        }
    }

    /// An array printed with its indices named (print_array_ex's PAF_PRINT_INDICES):
    /// `[[DEVCONF_FORWARDING]=0, [58 /* DEVCONF_??? */]=0]`; ints (`width` 4) signed,
    /// counters (8) unsigned; cut at -s elements.
    func indexedArray(_ o: Int, _ n: Int, width: Int, _ names: Xlat) -> SyscallValue? {
        let count = n / width
        guard count > 0 else { return nil }
        let most = limit
        var parts: [String] = []
        var values: [SyscallValue] = []
        for k in 0..<min(count, most) {
            let v: SyscallValue = width == 4 ? .int(Int64(b.i32(o + k * 4))) : .uint(b.u64(o + k * 8))
            let index = names.name(UInt64(k)).map { DecodeStyle.constant($0, number: String(k)) }
                ?? "\(k) /* \(names.unknown) */"
            parts.append("[" + index + "]=" + v.text)
            values.append(v)
        }
        if count > most { parts.append("...") }
        return .expr("[" + parts.joined(separator: ", ") + "]", json: .array(values, more: count > most))
    }

    static let linkStatsFields = [
        "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
        "multicast", "collisions", "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
        "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
        "tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler",
        "rx_otherhost_dropped"]

    /// struct rtnl_link_stats (`width` 4: up to rx_nohandler, 24 fields) or
    /// rtnl_link_stats64 (8: up to rx_otherhost_dropped, 25), as rtnl_link.c: whole, or cut
    /// after tx_compressed (or rx_nohandler) when exactly that long; another length is not
    /// decoded.
    func linkStats(_ o: Int, _ n: Int, width: Int) -> SyscallValue? {
        let whole = width == 4 ? 24 : 25
        let fields: Int
        if n >= whole * width { fields = whole } else if n == 23 * width { fields = 23 } else if width == 8 && n == 24 * 8 {
            fields = 24
        } else { return nil }
        return .structure((0..<fields).map { k in
            F(Self.linkStatsFields[k], .uint(width == 4 ? UInt64(b.u32(o + k * 4)) : b.u64(o + k * 8)))
        })
    }

    func ifaddrmsg(_ family: UInt64, _ o: Int, _ n: Int) -> [SyscallValue] {
        let s = header("ifa_family", family, n, size: 8) {
            [F("ifa_prefixlen", .uint(b.u8(o + 1))), F("ifa_flags", X.ifaFlags.flagsValue(b.u8(o + 2))),
             F("ifa_scope", plainValue(X.routingScopes, b.u8(o + 3))), F("ifa_index", ifindex(b.u32(o + 4)))]
        }
        return withAttributes(s, o, n, size: 8, X.ifaAttrs) { a, o, n in
            switch a {
            case 1, 2, 4, 5, 7: return inetAddr(family, o, n)
            case 3: return str(o, n)
            case 6:
                guard n >= 16 else { return nil }
                return .structure([F("ifa_prefered", .uint(b.u32(o))), F("ifa_valid", .uint(b.u32(o + 4))),
                                   F("cstamp", .uint(b.u32(o + 8))), F("tstamp", .uint(b.u32(o + 12)))])
            case 8: return n >= 4 ? X.ifaFlags.flagsValue(b.u32(o)) : nil
            case 9: return u32(o, n)
            case 10: return s32(o, n)
            default: return nil
            }
        }
    }

    /// An xval with no default (strace's NULL dflt): unknown values in hex, no comment.
    func plainValue(_ table: Xlat, _ v: UInt64) -> SyscallValue {
        .symbol(Int64(v), name: table.name(v), text: table.name(v) ?? Fmt.hex(v))
    }

    func rtmsg(_ family: UInt64, _ o: Int, _ n: Int) -> [SyscallValue] {
        let s = header("rtm_family", family, n, size: 12) {
            [F("rtm_dst_len", .uint(b.u8(o + 1))), F("rtm_src_len", .uint(b.u8(o + 2))),
             F("rtm_tos", X.ipTOS.flagsValue(b.u8(o + 3))), F("rtm_table", plainValue(X.routingTables, b.u8(o + 4))),
             F("rtm_protocol", X.routingProtocols.symbolValue(b.u8(o + 5))),
             F("rtm_scope", plainValue(X.routingScopes, b.u8(o + 6))),
             F("rtm_type", X.routingTypes.symbolValue(b.u8(o + 7))), F("rtm_flags", X.routingFlags.flagsValue(b.u32(o + 8)))]
        }
        return withAttributes(s, o, n, size: 12, X.rtaAttrs) { a, o, n in
            switch a {
            case 1, 2, 5, 7, 19: return inetAddr(family, o, n)              // DST, SRC, GATEWAY, PREFSRC, NEWDST
            case 3, 4: return n >= 4 ? ifindex(b.u32(o)) : nil              // IIF, OIF
            case 6, 10, 11, 14, 16, 25: return u32(o, n)                    // PRIORITY, PROTOINFO, FLOW, MP_ALGO, MARK, UID
            case 15: return n >= 4 ? plainValue(X.routingTables, b.u32(o)) : nil
            case 20, 26, 27: return u8(o, n)                                // PREF, TTL_PROPAGATE, IP_PROTO
            case 28, 29: return u16(o, n)                                   // SPORT, DPORT
            case 23: return u64(o, n)
            default: return nil
            }
        }
    }
}
