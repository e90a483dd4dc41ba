internal import CNetlink
import CShim
import Glibc

/// Changing links and addresses of one network namespace through libnl-route (never by
/// running `ip`). A `NetlinkRoute` talks to the namespace of the thread that opened it,
/// and keeps talking to it after the thread moves on.
public final class NetlinkRoute {
    let sock: OpaquePointer

    public struct Failure: Error, CustomStringConvertible {
        public var what: String
        public var code: Int32
        public var description: String { "\(what): \(String(cString: nl_geterror(code)))" }
    }

    public init() throws(Failure) {
        guard let s = nl_socket_alloc() else { throw Failure(what: "netlink socket", code: -NLE_NOMEM) }
        let r = nl_connect(s, Int32(NETLINK_ROUTE))
        if r < 0 {
            nl_socket_free(s)
            throw Failure(what: "netlink connect", code: r)
        }
        sock = s
    }

    deinit { nl_socket_free(sock) }

    /// A veth pair: `name` stays here, `peer` goes into the network namespace `peerNamespaceFD`.
    public func addVethPair(name: String, peer: String, peerNamespaceFD: Int32) throws(Failure) {
        guard let link = rtnl_link_veth_alloc() else { throw Failure(what: "veth \(name)", code: -NLE_NOMEM) }
        defer { rtnl_link_put(link) }
        rtnl_link_set_name(link, name)
        guard let p = rtnl_link_veth_get_peer(link) else { throw Failure(what: "veth \(name)", code: -NLE_NOMEM) }
        rtnl_link_set_name(p, peer)
        rtnl_link_set_ns_fd(p, peerNamespaceFD)
        rtnl_link_put(p)
        let r = rtnl_link_add(sock, link, NLM_F_CREATE | NLM_F_EXCL)
        if r < 0 { throw Failure(what: "creating veth pair \(name)/\(peer)", code: r) }
    }

    /// `ip link set NAME up`.
    public func setUp(_ name: String) throws(Failure) {
        var link: OpaquePointer?
        var r = rtnl_link_get_kernel(sock, 0, name, &link)
        guard r == 0, let link else { throw Failure(what: "link \(name)", code: r == 0 ? -NLE_OBJ_NOTFOUND : r) }
        defer { rtnl_link_put(link) }
        guard let change = rtnl_link_alloc() else { throw Failure(what: "link \(name)", code: -NLE_NOMEM) }
        defer { rtnl_link_put(change) }
        rtnl_link_set_flags(change, UInt32(IFF_UP))
        r = rtnl_link_change(sock, link, change, 0)
        if r < 0 { throw Failure(what: "setting \(name) up", code: r) }
    }

    /// `ip addr add CIDR dev NAME`.
    public func addAddress(_ cidr: String, to name: String) throws(Failure) {
        var link: OpaquePointer?
        var r = rtnl_link_get_kernel(sock, 0, name, &link)
        guard r == 0, let link else { throw Failure(what: "link \(name)", code: r == 0 ? -NLE_OBJ_NOTFOUND : r) }
        let ifindex = rtnl_link_get_ifindex(link)
        rtnl_link_put(link)
        var local: OpaquePointer?
        r = nl_addr_parse(cidr, Int32(AF_INET), &local)
        guard r == 0, let local else { throw Failure(what: "address \(cidr)", code: r) }
        defer { nl_addr_put(local) }
        guard let addr = rtnl_addr_alloc() else { throw Failure(what: "address \(cidr)", code: -NLE_NOMEM) }
        defer { rtnl_addr_put(addr) }
        rtnl_addr_set_ifindex(addr, ifindex)
        r = rtnl_addr_set_local(addr, local)
        if r == 0 { r = rtnl_addr_add(sock, addr, 0) }
        if r < 0 { throw Failure(what: "adding \(cidr) to \(name)", code: r) }
    }
}
