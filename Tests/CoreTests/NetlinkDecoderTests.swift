import Testing
@testable import NSCore

/// A descriptor table for the netlink decoders: which fds are netlink sockets of which
/// protocol, which have paths (-y), which interface indexes have names.
struct NetlinkFDs: FDPathResolver {
    var kinds: [Int64: SocketKind] = [:]
    var paths: [Int64: String] = [:]
    var interfaces: [UInt32: String] = [:]
    func path(ofFD fd: Int64) -> String? { paths[fd] }
    func socketKind(ofFD fd: Int64) -> SocketKind? { kinds[fd] }
    func interfaceName(index: UInt32) -> String? { interfaces[index] }
}

// Messages built byte by byte, as the kernel's headers lay them out.
private func u16(_ v: UInt16) -> [UInt8] { le(UInt64(v), 2) }
private func u32(_ v: UInt32) -> [UInt8] { le(UInt64(v), 4) }
private func pad(_ b: [UInt8]) -> [UInt8] { b + [UInt8](repeating: 0, count: (4 - b.count % 4) % 4) }
private func nlmsg(_ type: UInt16, _ flags: UInt16, seq: UInt32, pid: UInt32 = 0, _ payload: [UInt8]) -> [UInt8] {
    u32(UInt32(16 + payload.count)) + u16(type) + u16(flags) + u32(seq) + u32(pid) + payload
}
/// An attribute, padded to 4 bytes (its nla_len is the unpadded length).
private func nla(_ type: UInt16, _ data: [UInt8]) -> [UInt8] { pad(u16(UInt16(4 + data.count)) + u16(type) + data) }
private func ifinfomsg(family: UInt8 = 0, type: UInt16 = 0, index: UInt32 = 0, flags: UInt32 = 0) -> [UInt8] {
    [family, 0] + u16(type) + u32(index) + u32(flags) + u32(0)
}
private func str(_ s: String, nul: Bool = true) -> [UInt8] { Array(s.utf8) + (nul ? [0] : []) }

/// A call decoded whole (entry, then exit), as strace's line body.
private func line(_ name: String, _ args: [UInt64], ret: Int64, mem: FakeMemory, fds: NetlinkFDs?, s: Int = 1024,
                  y: Bool = false) -> String {
    decodedLine(name, args, ret: ret, options: .testing(s: s, y: y), mem: mem, fds: fds)
}

private let msgAt: UInt64 = 0x10000, nameAt: UInt64 = 0x11000, iovAt: UInt64 = 0x12000, bufAt: UInt64 = 0x20000

/// A sendmsg/recvmsg msghdr with a netlink address and one iovec of `len` bytes at bufAt.
private func msghdrMemory(_ data: [UInt8], iovLen: Int? = nil, family: UInt16 = 16) -> FakeMemory {
    var m = FakeMemory()
    m.put(nameAt, u16(family) + u16(0) + u32(0) + u32(0))
    m.put(iovAt, le(bufAt, 8) + le(UInt64(iovLen ?? data.count), 8))
    m.put(msgAt, le(nameAt, 8) + u32(12) + u32(0) + le(iovAt, 8) + le(1, 8) + le(0, 8) + le(0, 8) + u32(0) + u32(0))
    m.put(bufAt, data)
    return m
}

private let nlName = "{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}"
private func hexText(_ b: [UInt8]) -> String {
    "\"" + b.map { "\\x" + ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "\""
}

/// Netlink messages decoded as strace 6.1 prints them; the expected texts are strace's own
/// output for the same bytes (`ip link add A type veth peer name B netns NS`, `ip link set
/// A netns NS`, `ss -tanx`, traced by strace 6.1 on this project's machines).
@Suite struct NetlinkDecoderTests {
    static let route = NetlinkFDs(kinds: [3: .netlink(protocol: 0)])
    static let diag = NetlinkFDs(kinds: [3: .netlink(protocol: 4)])

    /// What `ip link add dtA28926 type veth peer name dtB28926 netns NS` sends.
    static let vethRequest: [UInt8] = {
        let peer = nla(1, ifinfomsg() + nla(28, u32(4)) + nla(3, str("dtB28926")))     // VETH_INFO_PEER
        let linkinfo = nla(1, str("veth", nul: false)) + nla(2, peer)                     // INFO_KIND, INFO_DATA
        return nlmsg(16, 0x605, seq: 1796601506, ifinfomsg() + nla(3, str("dtA28926")) + nla(18, linkinfo))
    }()

    @Test func vethRequestInSendmsg() {
        let m = msghdrMemory(Self.vethRequest)
        #expect(Self.vethRequest.count == 108)
        let peerHex = "\"\\x2c\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
            + "\\x08\\x00\\x1c\\x00\\x04\\x00\\x00\\x00\\x0d\\x00\\x03\\x00\\x64\\x74\\x42\\x32\\x38\\x39\\x32\\x36\\x00\\x00\\x00\\x00\""
        #expect(line("sendmsg", [3, msgAt, 0], ret: 108, mem: m, fds: Self.route) ==
            "sendmsg(3, {msg_name=\(nlName), msg_namelen=12, msg_iov=[{iov_base=[{nlmsg_len=108, nlmsg_type=RTM_NEWLINK, "
            + "nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq=1796601506, nlmsg_pid=0}, "
            + "{ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, ifi_flags=0, ifi_change=0}, "
            + "[[{nla_len=13, nla_type=IFLA_IFNAME}, \"dtA28926\"], [{nla_len=60, nla_type=IFLA_LINKINFO}, "
            + "[[{nla_len=8, nla_type=IFLA_INFO_KIND}, \"veth\"...], [{nla_len=48, nla_type=IFLA_INFO_DATA}, \(peerHex)]]]]], "
            + "iov_len=108}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 108")
    }

    /// The protocol comes from the socket: unknown, the types are the generic ones and the
    /// payload is bytes (what strace prints for a socket it cannot look up).
    @Test func unknownProtocolShowsGenericTypes() {
        let msg = nlmsg(0x12, 1, seq: 7, ifinfomsg())
        let m = msghdrMemory(msg)
        let text = line("sendmsg", [3, msgAt, 0], ret: 32, mem: m, fds: nil)
        #expect(text.contains("iov_base=[{nlmsg_len=32, nlmsg_type=0x12 /* NLMSG_??? */, nlmsg_flags=NLM_F_REQUEST, "
            + "nlmsg_seq=7, nlmsg_pid=0}, \(hexText(ifinfomsg()))]"), "\(text)")
        // Not a netlink address: the data is a plain buffer.
        let inet = line("sendmsg", [3, msgAt, 0], ret: 32, mem: msghdrMemory(msg, family: 2), fds: Self.route)
        #expect(inet.contains("iov_base=\" \\0\\0\\0\\22\\0\\1\\0\\7\\0"), "\(inet)")
    }

    /// NLMSG_ERROR: the message it answers, whole, or only its header when NLM_F_CAPPED.
    @Test func errorReplies() {
        let request = nlmsg(16, 5, seq: 0, ifinfomsg())
        let enodev = nlmsg(2, 0, seq: 0, pid: 6860, u32(UInt32(bitPattern: -19)) + request)
        let text = line("recvmsg", [3, msgAt, 0], ret: 52, mem: msghdrMemory(enodev, iovLen: 16384), fds: Self.route)
        #expect(text.contains("msg_iov=[{iov_base=[{nlmsg_len=52, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=0, "
            + "nlmsg_pid=6860}, {error=-ENODEV, msg=[{nlmsg_len=32, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, "
            + "nlmsg_seq=0, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, ifi_flags=0, "
            + "ifi_change=0}]}], iov_len=16384}]"), "\(text)")

        let ack = nlmsg(2, 0x100, seq: 1796601506, pid: 6860, u32(0) + Array(Self.vethRequest.prefix(16)))
        let capped = line("recvmsg", [3, msgAt, 0], ret: 36, mem: msghdrMemory(ack, iovLen: 32768), fds: Self.route)
        #expect(capped.contains("iov_base=[{nlmsg_len=36, nlmsg_type=NLMSG_ERROR, nlmsg_flags=NLM_F_CAPPED, "
            + "nlmsg_seq=1796601506, nlmsg_pid=6860}, {error=0, msg={nlmsg_len=108, nlmsg_type=RTM_NEWLINK, "
            + "nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq=1796601506, nlmsg_pid=0}}]"), "\(capped)")
    }

    /// `ip link set A netns NS`: the namespace's descriptor (with its file under -y) and the
    /// interface's name, looked up by index.
    @Test func netnsFdAndInterfaceIndex() {
        let msg = nlmsg(16, 5, seq: 1796601513, ifinfomsg(index: 216) + nla(28, u32(4)))
        var fds = Self.route
        fds.interfaces[216] = "dtA28926"
        fds.paths[4] = "/run/netns/red"
        fds.paths[3] = "socket:[1234]"
        var m = FakeMemory()
        m.put(bufAt, msg)
        let body = "[{nlmsg_len=40, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, nlmsg_seq=1796601513, "
            + "nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=if_nametoindex(\"dtA28926\"), "
            + "ifi_flags=0, ifi_change=0}, [{nla_len=8, nla_type=IFLA_NET_NS_FD}, 4"
        #expect(line("sendto", [3, bufAt, 40, 0, 0, 0], ret: 40, mem: m, fds: fds) ==
            "sendto(3, " + body + "]], 40, 0, NULL, 0) = 40")
        #expect(line("sendto", [3, bufAt, 40, 0, 0, 0], ret: 40, mem: m, fds: fds, y: true) ==
            "sendto(3<socket:[1234]>, " + body + "</run/netns/red>]], 40, 0, NULL, 0) = 40")
        // Not a netlink socket: bytes.
        #expect(line("sendto", [5, bufAt, 40, 0, 0, 0], ret: 40, mem: m, fds: fds, s: 4) ==
            "sendto(5, \"(\\0\\0\\0\"..., 40, 0, NULL, 0) = 40")
    }

    /// Attributes by type: strings with and without their NUL, integers, flags, names.
    @Test func linkAttributes() {
        let attrs = nla(29, u32(9)) + nla(3, str("eth0")) + nla(4, u32(1500)) + nla(16, [6])
            + nla(1, [0x4e, 0x5b, 0x5e, 0x1e, 0xb5, 0x7e]) + nla(0x43, [0])
        let msg = nlmsg(18, 0x301, seq: 1, ifinfomsg(type: 1, index: 2, flags: 0x1043) + attrs)
        var m = FakeMemory()
        m.put(bufAt, msg)
        let text = line("sendto", [3, bufAt, UInt64(msg.count), 0, 0, 0], ret: Int64(msg.count), mem: m, fds: Self.route)
        #expect(text == "sendto(3, [{nlmsg_len=\(msg.count), nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
            + "nlmsg_seq=1, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, ifi_index=2, "
            + "ifi_flags=IFF_UP|IFF_BROADCAST|IFF_RUNNING|IFF_MULTICAST, ifi_change=0}, "
            + "[[{nla_len=8, nla_type=IFLA_EXT_MASK}, RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS], "
            + "[{nla_len=9, nla_type=IFLA_IFNAME}, \"eth0\"], [{nla_len=8, nla_type=IFLA_MTU}, 1500], "
            + "[{nla_len=5, nla_type=IFLA_OPERSTATE}, 6], [{nla_len=10, nla_type=IFLA_ADDRESS}, 4e:5b:5e:1e:b5:7e], "
            + "[{nla_len=5, nla_type=0x43 /* IFLA_??? */}, \"\\x00\"]]], \(msg.count), 0, NULL, 0) = \(msg.count)")
    }

    /// What `ip link show lo` receives besides the plain attributes: link statistics (32-
    /// and 64-bit), the map, XDP, and IFLA_AF_SPEC's per-family attributes (strace's own
    /// output for lo, shortened: devconf arrays with their named indices, an unknown index
    /// commented, cut at -s).
    @Test func linkStatisticsAndAddressFamilyAttributes() {
        let stats64 = (0..<25).flatMap { le(UInt64($0 == 0 ? 7 : 0), 8) }
        let inet = nla(2, nla(1, u32(0) + u32(1) + u32(0)))                      // AF_INET: IFLA_INET_CONF
        let inet6 = nla(10, nla(1, u32(0x8000_0000)) + nla(5, u32(65535) + u32(21) + u32(44228) + u32(1000))
                        + nla(2, u32(0) + u32(64) + u32(0xffff_ffff)) + nla(7, [UInt8](repeating: 0, count: 16))
                        + nla(8, [0]))
        let attrs = nla(23, stats64) + nla(14, [UInt8](repeating: 0, count: 32)) + nla(43, nla(2, [0]))
            + nla(26, inet + inet6)
        let msg = nlmsg(16, 2, seq: 1, ifinfomsg(type: 772, index: 1, flags: 0x10049) + attrs)
        var m = FakeMemory()
        m.put(bufAt, msg)
        let text = line("sendto", [3, bufAt, UInt64(msg.count), 0, 0, 0], ret: Int64(msg.count), mem: m, fds: Self.route)
        #expect(text.contains("[{nla_len=204, nla_type=IFLA_STATS64}, {rx_packets=7, tx_packets=0, rx_bytes=0, "))
        #expect(text.contains("rx_nohandler=0, rx_otherhost_dropped=0}]"))
        #expect(text.contains("[{nla_len=36, nla_type=IFLA_MAP}, {mem_start=0, mem_end=0, base_addr=0, irq=0, dma=0, port=0}]"))
        #expect(text.contains("[{nla_len=12, nla_type=IFLA_XDP}, [{nla_len=5, nla_type=IFLA_XDP_ATTACHED}, XDP_ATTACHED_NONE]]"))
        #expect(text.contains("[{nla_len=20, nla_type=AF_INET}, [{nla_len=16, nla_type=IFLA_INET_CONF}, "
            + "[[IPV4_DEVCONF_FORWARDING-1]=0, [IPV4_DEVCONF_MC_FORWARDING-1]=1, [IPV4_DEVCONF_PROXY_ARP-1]=0]]]"), "\(text)")
        #expect(text.contains("[{nla_len=8, nla_type=IFLA_INET6_FLAGS}, IF_READY], [{nla_len=20, nla_type=IFLA_INET6_CACHEINFO}, "
            + "{max_reasm_len=65535, tstamp=21, reachable_time=44228, retrans_time=1000}], [{nla_len=16, "
            + "nla_type=IFLA_INET6_CONF}, [[DEVCONF_FORWARDING]=0, [DEVCONF_HOPLIMIT]=64, [DEVCONF_MTU6]=-1]], "
            + "[{nla_len=20, nla_type=IFLA_INET6_TOKEN}, inet_pton(AF_INET6, \"::\")], "
            + "[{nla_len=5, nla_type=IFLA_INET6_ADDR_GEN_MODE}, IN6_ADDR_GEN_MODE_EUI64]"), "\(text)")
        // Cut at -s elements; an index without a name is commented.
        let wide = nlmsg(16, 2, seq: 1, ifinfomsg() + nla(26, nla(10, nla(2, (0..<60).flatMap { _ in u32(0) }))))
        m.put(bufAt, wide)
        let cut = line("sendto", [3, bufAt, UInt64(wide.count), 0, 0, 0], ret: Int64(wide.count), mem: m, fds: Self.route, s: 2)
        #expect(cut.contains("[[DEVCONF_FORWARDING]=0, [DEVCONF_HOPLIMIT]=0, ...]"), "\(cut)")
        let all = line("sendto", [3, bufAt, UInt64(wide.count), 0, 0, 0], ret: Int64(wide.count), mem: m, fds: Self.route)
        #expect(all.contains("[59 /* DEVCONF_??? */]=0]"), "\(all)")
    }

    @Test func addressAndRouteMessages() {
        let addr = nlmsg(20, 0x605, seq: 2, [2, 24, 0, 0] + u32(3) + nla(2, [10, 9, 8, 7]) + nla(1, [10, 9, 8, 7]))
        var m = FakeMemory()
        m.put(bufAt, addr)
        #expect(line("sendto", [3, bufAt, UInt64(addr.count), 0, 0, 0], ret: Int64(addr.count), mem: m, fds: Self.route)
            == "sendto(3, [{nlmsg_len=40, nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE, "
            + "nlmsg_seq=2, nlmsg_pid=0}, {ifa_family=AF_INET, ifa_prefixlen=24, ifa_flags=0, ifa_scope=RT_SCOPE_UNIVERSE, "
            + "ifa_index=3}, [[{nla_len=8, nla_type=IFA_LOCAL}, inet_addr(\"10.9.8.7\")], "
            + "[{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr(\"10.9.8.7\")]]], 40, 0, NULL, 0) = 40")
        let route = nlmsg(24, 0x405, seq: 3, [10, 0, 0, 0, 254, 3, 0, 1] + u32(0) + nla(5, [0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [1]) + nla(4, u32(7)))
        m.put(bufAt, route)
        #expect(line("sendto", [3, bufAt, UInt64(route.count), 0, 0, 0], ret: Int64(route.count), mem: m, fds: Self.route)
            == "sendto(3, [{nlmsg_len=\(route.count), nlmsg_type=RTM_NEWROUTE, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK|NLM_F_CREATE, "
            + "nlmsg_seq=3, nlmsg_pid=0}, {rtm_family=AF_INET6, rtm_dst_len=0, rtm_src_len=0, rtm_tos=0, rtm_table=RT_TABLE_MAIN, "
            + "rtm_protocol=RTPROT_BOOT, rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_UNICAST, rtm_flags=0}, "
            + "[[{nla_len=20, nla_type=RTA_GATEWAY}, inet_pton(AF_INET6, \"fe80::1\")], [{nla_len=8, nla_type=RTA_OIF}, 7]]], "
            + "\(route.count), 0, NULL, 0) = \(route.count)")
    }

    /// `ss -tanx`: sock_diag requests, replies with their attributes, NLMSG_DONE.
    @Test func sockDiag() {
        var m = FakeMemory()
        let unixReq = nlmsg(20, 0x301, seq: 123456, [1, 0, 0, 0] + u32(0xfff) + u32(0) + u32(0x15) + u32(0) + u32(0))
        m.put(bufAt, unixReq)
        let states = "1<<TCP_ESTABLISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|1<<TCP_FIN_WAIT2|1<<TCP_TIME_WAIT|"
            + "1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_LISTEN|1<<TCP_CLOSING|0x1"
        #expect(line("sendto", [3, bufAt, 40, 0, 0, 0], ret: 40, mem: m, fds: Self.diag) ==
            "sendto(3, [{nlmsg_len=40, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=123456, "
            + "nlmsg_pid=0}, {sdiag_family=AF_UNIX, sdiag_protocol=0, udiag_states=\(states), udiag_ino=0, "
            + "udiag_show=UDIAG_SHOW_NAME|UDIAG_SHOW_PEER|UDIAG_SHOW_RQLEN, udiag_cookie=[0, 0]}], 40, 0, NULL, 0) = 40")

        let inetReq = nlmsg(20, 0x301, seq: 123456, [2, 6, 0, 0] + u32(0xfff) + [UInt8](repeating: 0, count: 48))
        #expect(line("sendmsg", [3, msgAt, 0], ret: 72, mem: msghdrMemory(inetReq), fds: Self.diag).contains(
            "iov_base=[{nlmsg_len=72, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=123456, "
            + "nlmsg_pid=0}, {sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, idiag_ext=0, idiag_states=\(states), "
            + "id={idiag_sport=htons(0), idiag_dport=htons(0), idiag_src=inet_addr(\"0.0.0.0\"), "
            + "idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, idiag_cookie=[0, 0]}}], iov_len=72}"))

        let inet6Req = nlmsg(20, 0x301, seq: 1, [10, 6, 0, 0] + u32(0x400) + [UInt8](repeating: 0, count: 48))
        #expect(line("sendmsg", [3, msgAt, 0], ret: 72, mem: msghdrMemory(inet6Req), fds: Self.diag).contains(
            "idiag_states=1<<TCP_LISTEN, id={idiag_sport=htons(0), idiag_dport=htons(0), "
            + "inet_pton(AF_INET6, \"::\", &idiag_src), inet_pton(AF_INET6, \"::\", &idiag_dst), idiag_if=0, idiag_cookie=[0, 0]}}"))

        // A reply of two messages and the end of the dump; -s 2 keeps two of three.
        let reply = nlmsg(20, 2, seq: 123456, pid: 7187, [1, 1, 1, 0] + u32(3254168) + u32(22) + u32(0)
                          + nla(2, u32(3254169)) + nla(4, u32(0) + u32(0)) + nla(6, [0]))
        let done = nlmsg(3, 2, seq: 123456, pid: 7187, u32(0))
        let all = reply + reply + done
        let one = "[{nlmsg_len=60, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=123456, nlmsg_pid=7187}, "
            + "{udiag_family=AF_UNIX, udiag_type=SOCK_STREAM, udiag_state=TCP_ESTABLISHED, udiag_ino=3254168, "
            + "udiag_cookie=[22, 0]}, [[{nla_len=8, nla_type=UNIX_DIAG_PEER}, 3254169], [{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, "
            + "{udiag_rqueue=0, udiag_wqueue=0}], [{nla_len=5, nla_type=UNIX_DIAG_SHUTDOWN}, 0]]]"
        let doneText = "[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=123456, nlmsg_pid=7187}, 0]"
        let full = line("recvmsg", [3, msgAt, 0], ret: Int64(all.count), mem: msghdrMemory(all, iovLen: 32768), fds: Self.diag)
        #expect(full.contains("iov_base=[" + one + ", " + one + ", " + doneText + "], iov_len=32768}"), "\(full)")
        let cut = line("recvmsg", [3, msgAt, 0], ret: Int64(all.count), mem: msghdrMemory(all, iovLen: 32768), fds: Self.diag, s: 2)
        #expect(cut.contains("iov_base=[[{nlmsg_len=60, nlmsg_type=SOCK_DIAG_BY_FAMILY"), "\(cut)")
        #expect(cut.contains("{udiag_rqueue=0, udiag_wqueue=0}], ...]], ...], iov_len=32768}"), "\(cut)")

        // recvmsg decodes only what the call returned.
        let first = line("recvmsg", [3, msgAt, 0], ret: 60, mem: msghdrMemory(all, iovLen: 32768), fds: Self.diag)
        #expect(first.contains("iov_base=" + one + ", iov_len=32768}"), "\(first)")
    }

    /// Short and odd buffers: strace's fallbacks.
    @Test func shortAndMalformed() {
        var m = FakeMemory()
        m.put(bufAt, [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(line("sendto", [3, bufAt, 8, 0, 0, 0], ret: 8, mem: m, fds: Self.route)
            == "sendto(3, \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\", 8, 0, NULL, 0) = 8")
        // A message, then a tail too short for a header.
        let msg = nlmsg(3, 2, seq: 1, u32(0)) + [9, 9]
        m.put(bufAt, msg)
        #expect(line("sendto", [3, bufAt, UInt64(msg.count), 0, 0, 0], ret: 22, mem: m, fds: Self.route)
            == "sendto(3, [[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=1, nlmsg_pid=0}, 0], "
            + "\"\\x09\\x09\"], 22, 0, NULL, 0) = 22")
        // nlmsg_len beyond the buffer: the header whole, the payload as far as the buffer goes.
        let long = u32(200) + u16(16) + u16(1) + u32(1) + u32(0) + [0, 0]
        m.put(bufAt, long)
        #expect(line("sendto", [3, bufAt, 18, 0, 0, 0], ret: 18, mem: m, fds: Self.route)
            == "sendto(3, [{nlmsg_len=200, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=1, nlmsg_pid=0}, "
            + "{ifi_family=AF_UNSPEC, ...}], 18, 0, NULL, 0) = 18")
        // An attribute whose nla_len is too small for its header ends the list.
        let bad = nlmsg(16, 1, seq: 1, ifinfomsg() + u16(2) + u16(3) + [0, 0, 0, 0])
        m.put(bufAt, bad)
        #expect(line("sendto", [3, bufAt, UInt64(bad.count), 0, 0, 0], ret: 40, mem: m, fds: Self.route).contains(
            "ifi_change=0}, {nla_len=2, nla_type=IFLA_IFNAME}]"))
        // Unreadable memory: the address.
        #expect(line("sendto", [3, 0xdead0000, 64, 0, 0, 0], ret: 64, mem: m, fds: Self.route)
            == "sendto(3, 0xdead0000, 64, 0, NULL, 0) = 64")
    }

    @Test func netlinkSocketOptionNames() {
        var m = FakeMemory()
        m.put(bufAt, u32(1))
        #expect(line("setsockopt", [3, 270, 11, bufAt, 4], ret: 0, mem: m, fds: nil)
            == "setsockopt(3, SOL_NETLINK, NETLINK_EXT_ACK, [1], 4) = 0")
        #expect(line("setsockopt", [3, 270, 12, bufAt, 4], ret: 0, mem: m, fds: nil)
            == "setsockopt(3, SOL_NETLINK, NETLINK_GET_STRICT_CHK, [1], 4) = 0")
    }
}
