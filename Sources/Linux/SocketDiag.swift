import CShim
import Glibc
import NSCore
import Synchronization

/// What strace's `-yy` shows of a socket, asked of the kernel with NETLINK_SOCK_DIAG, as
/// strace's socketutils.c: `UNIX-STREAM:[12345->12346,"/run/x.sock"]`,
/// `TCP:[127.0.0.1:40774->127.0.0.1:80]`, `UDPv6:[[::1]:49955]`, `NETLINK:[ROUTE:27942]`,
/// or `PROTO:[INODE]` when the kernel does not know it (another network namespace, an
/// unbound socket). The protocol's name is the `system.sockprotoname` attribute of the
/// descriptor's /proc link. The query is made in nstrace's own network namespace, as
/// strace makes it.
public enum SocketDiag {
    static let sockDiagByFamily: UInt16 = 20
    static let netlinkSockDiag: Int32 = 4

    /// What each socket was found to be, by inode: kept, as strace's cache, so a socket the
    /// kernel no longer reports (being closed as its process exits) shows what it was.
    static let known = Mutex<[UInt32: String]>([:])

    /// The text for descriptor `fd` of `pid`, a socket whose /proc link reads `socket:[inode]`.
    public static func describe(pid: pid_t, fd: Int64, inode: UInt32) -> String? {
        if let cached = known.withLock({ $0[inode] }) { return cached }
        let link = "/proc/\(pid)/fd/\(fd)"
        var buf = [CChar](repeating: 0, count: 64)
        let n = ns_getxattr(link, "system.sockprotoname", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        let proto = String(decoding: buf.prefix(Int(n)).map { UInt8(bitPattern: $0) }.prefix { $0 != 0 }, as: UTF8.self)
        let details: String?
        switch proto {
        case "UNIX", "UNIX-STREAM": details = unix(inode)
        case "TCP": details = inet(inode, family: AF_INET, proto: Int32(IPPROTO_TCP))
        case "UDP": details = inet(inode, family: AF_INET, proto: Int32(IPPROTO_UDP))
        case "UDPLITE": details = inet(inode, family: AF_INET, proto: 136)
        case "TCPv6": details = inet(inode, family: AF_INET6, proto: Int32(IPPROTO_TCP))
        case "UDPv6": details = inet(inode, family: AF_INET6, proto: Int32(IPPROTO_UDP))
        case "UDPLITEv6": details = inet(inode, family: AF_INET6, proto: 136)
        case "NETLINK": details = netlink(inode)
        default: details = nil
        }
        guard let details else { return proto + ":[" + String(inode) + "]" }
        let text = proto + ":[" + details + "]"
        known.withLock { $0[inode] = text }
        return text
    }

    // MARK: the families

    /// unix_diag: `12345->12346,"/path"` (an abstract name as `@name`).
    static func unix(_ inode: UInt32) -> String? {
        var req = [UInt8](repeating: 0, count: 24)
        req[0] = UInt8(AF_UNIX)
        put32(&req, 4, 0xffff_ffff)          // udiag_states
        put32(&req, 8, inode)                // udiag_ino
        put32(&req, 12, 1 | 4)               // UDIAG_SHOW_NAME | UDIAG_SHOW_PEER
        put32(&req, 16, 0xffff_ffff)         // udiag_cookie: none
        put32(&req, 20, 0xffff_ffff)
        var found: String?
        query(req, dump: false) { msg in
            guard msg.count >= 16, get32(msg, 4) == inode else { return false }
            var peer: UInt32 = 0
            var name: [UInt8]?
            attributes(msg, from: 16) { type, data in
                if type == 2, data.count >= 4 { peer = get32(Array(data), 0) }           // UNIX_DIAG_PEER
                if type == 0 { name = Array(data) }                                      // UNIX_DIAG_NAME
            }
            found = unixDetails(inode: inode, peer: peer, name: name ?? [])
            return true
        }
        return found
    }

    /// A unix socket's part of the text, `12345->12346,"/path"` (an abstract name, its NUL
    /// first, as `@name`); nil with neither peer nor name: strace shows (and does not keep)
    /// `UNIX:[INODE]`.
    public static func unixDetails(inode: UInt32, peer: UInt32, name: [UInt8]) -> String? {
        if peer == 0 && name.isEmpty { return nil }
        var s = String(inode)
        if peer != 0 { s += "->\(peer)" }
        if !name.isEmpty {
            var name = name
            if name[0] == 0 { name[0] = UInt8(ascii: "@") }
            if let nul = name.firstIndex(of: 0) { name = Array(name[..<nul]) }
            s += "," + SyscallValue.string(name, truncated: false).text
        }
        return s
    }

    /// inet_diag: `127.0.0.1:40774->127.0.0.1:80`, `[::1]:49955`.
    static func inet(_ inode: UInt32, family: Int32, proto: Int32) -> String? {
        var req = [UInt8](repeating: 0, count: 56)
        req[0] = UInt8(family)
        req[1] = UInt8(proto)
        put32(&req, 4, 0xffff_ffff)          // idiag_states
        put32(&req, 48, 0xffff_ffff)         // id.idiag_cookie: none
        put32(&req, 52, 0xffff_ffff)
        var found: String?
        query(req, dump: true) { msg in
            guard msg.count >= 72, get32(msg, 68) == inode else { return false }
            let v6 = msg[0] == UInt8(AF_INET6)
            let size = v6 ? 16 : 4
            let sport = UInt16(msg[4]) << 8 | UInt16(msg[5]), dport = UInt16(msg[6]) << 8 | UInt16(msg[7])
            found = inetDetails(src: Array(msg[8..<(8 + size)]), sport: sport, dst: Array(msg[24..<(24 + size)]), dport: dport, v6: v6)
            return true
        }
        return found
    }

    /// An inet socket's part of the text: `127.0.0.1:40774->127.0.0.1:80`, `[::1]:49955`
    /// (no remote end: not connected).
    public static func inetDetails(src: [UInt8], sport: UInt16, dst: [UInt8], dport: UInt16, v6: Bool) -> String? {
        guard let s = address(src, v6: v6), let d = address(dst, v6: v6) else { return nil }
        return dport != 0 || dst.contains(where: { $0 != 0 }) ? "\(s):\(sport)->\(d):\(dport)" : "\(s):\(sport)"
    }

    /// netlink_diag: `ROUTE:27942`.
    static func netlink(_ inode: UInt32) -> String? {
        var req = [UInt8](repeating: 0, count: 24)
        req[0] = UInt8(AF_NETLINK)
        req[1] = 255                         // NDIAG_PROTO_ALL
        put32(&req, 4, inode)
        put32(&req, 16, 0xffff_ffff)
        put32(&req, 20, 0xffff_ffff)
        var found: String?
        query(req, dump: true) { msg in
            guard msg.count >= 24, get32(msg, 16) == inode else { return false }
            found = netlinkDetails(protocol: Int(msg[2]), portid: get32(msg, 4))
            return true
        }
        return found
    }

    /// A netlink socket's part of the text: `ROUTE:27942` (its protocol, its port id).
    public static func netlinkDetails(protocol p: Int, portid: UInt32) -> String {
        let names = ["ROUTE", "UNUSED", "USERSOCK", "FIREWALL", "SOCK_DIAG", "NFLOG", "XFRM", "SELINUX",
                     "ISCSI", "AUDIT", "FIB_LOOKUP", "CONNECTOR", "NETFILTER", "IP6_FW", "DNRTMSG",
                     "KOBJECT_UEVENT", "GENERIC", "", "SCSITRANSPORT", "ECRYPTFS", "RDMA", "CRYPTO", "SMC"]
        return p >= 0 && p < names.count && !names[p].isEmpty ? "\(names[p]):\(portid)" : String(p)
    }

    // MARK: netlink

    /// Sends one SOCK_DIAG_BY_FAMILY request and hands each answer's payload to `each`
    /// until it returns true or the answers end.
    static func query(_ payload: [UInt8], dump: Bool, _ each: ([UInt8]) -> Bool) {
        let fd = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), netlinkSockDiag)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var msg = [UInt8](repeating: 0, count: 16)
        put32(&msg, 0, UInt32(16 + payload.count))
        msg[4] = UInt8(sockDiagByFamily & 0xff)
        msg[5] = UInt8(sockDiagByFamily >> 8)
        let flags: UInt16 = 1 | (dump ? 0x300 : 0)    // NLM_F_REQUEST | NLM_F_DUMP
        msg[6] = UInt8(flags & 0xff)
        msg[7] = UInt8(flags >> 8)
        put32(&msg, 8, 1)                             // seq
        msg += payload
        guard msg.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == msg.count else { return }
        var buf = [UInt8](repeating: 0, count: 32768)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            var o = 0
            while o + 16 <= n {
                let len = Int(get32(buf, o))
                let type = UInt16(buf[o + 4]) | UInt16(buf[o + 5]) << 8
                guard len >= 16, o + len <= n else { return }
                if type != sockDiagByFamily { return }          // NLMSG_DONE, NLMSG_ERROR
                if each(Array(buf[(o + 16)..<(o + len)])) { return }
                o += (len + 3) & ~3
            }
            if !dump { return }
        }
    }

    /// The netlink attributes after `start`: (type, data).
    static func attributes(_ msg: [UInt8], from start: Int, _ body: (UInt16, ArraySlice<UInt8>) -> Void) {
        var o = start
        while o + 4 <= msg.count {
            let len = Int(UInt16(msg[o]) | UInt16(msg[o + 1]) << 8)
            let type = (UInt16(msg[o + 2]) | UInt16(msg[o + 3]) << 8) & 0x3fff
            guard len >= 4, o + len <= msg.count else { return }
            body(type, msg[(o + 4)..<(o + len)])
            o += (len + 3) & ~3
        }
    }

    static func address(_ bytes: [UInt8], v6: Bool) -> String? {
        var out = [CChar](repeating: 0, count: 64)
        let ok = bytes.withUnsafeBytes { inet_ntop(v6 ? AF_INET6 : AF_INET, $0.baseAddress, &out, socklen_t(out.count)) } != nil
        guard ok else { return nil }
        let s = String(cString: out)
        return v6 ? "[" + s + "]" : s
    }

    static func put32(_ b: inout [UInt8], _ o: Int, _ v: UInt32) {
        for k in 0..<4 { b[o + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
    }

    static func get32(_ b: [UInt8], _ o: Int) -> UInt32 {
        UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }
}
