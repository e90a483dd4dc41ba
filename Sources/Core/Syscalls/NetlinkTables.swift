// Netlink name tables, strace 6.1's (src/xlat/*.in, values from the kernel headers strace
// bundles), in strace's order: generated once from them, checked by NetlinkDecoderTests.

extension X {
    static let nlmsgTypes = Xlat("NLMSG_???", [
        (0x1, "NLMSG_NOOP"), (0x2, "NLMSG_ERROR"), (0x3, "NLMSG_DONE"), (0x4, "NLMSG_OVERRUN")])
    static let nlmFlags = Xlat("NLM_F_???", [
        (0x1, "NLM_F_REQUEST"), (0x2, "NLM_F_MULTI"), (0x4, "NLM_F_ACK"), (0x8, "NLM_F_ECHO"),
        (0x10, "NLM_F_DUMP_INTR"), (0x20, "NLM_F_DUMP_FILTERED")])
    static let nlmGetFlags = Xlat("NLM_F_???", [
        (0x300, "NLM_F_DUMP"), (0x100, "NLM_F_ROOT"), (0x200, "NLM_F_MATCH"), (0x400, "NLM_F_ATOMIC")])
    static let nlmNewFlags = Xlat("NLM_F_???", [
        (0x100, "NLM_F_REPLACE"), (0x200, "NLM_F_EXCL"), (0x400, "NLM_F_CREATE"), (0x800, "NLM_F_APPEND")])
    static let nlmDeleteFlags = Xlat("NLM_F_???", [
        (0x100, "NLM_F_NONREC"), (0x200, "NLM_F_BULK")])
    static let nlmAckFlags = Xlat("NLM_F_???", [
        (0x100, "NLM_F_CAPPED"), (0x200, "NLM_F_ACK_TLVS")])
    static let nlRouteTypes = Xlat("RTM_???", [
        (0x10, "RTM_NEWLINK"), (0x11, "RTM_DELLINK"), (0x12, "RTM_GETLINK"), (0x13, "RTM_SETLINK"),
        (0x14, "RTM_NEWADDR"), (0x15, "RTM_DELADDR"), (0x16, "RTM_GETADDR"), (0x18, "RTM_NEWROUTE"),
        (0x19, "RTM_DELROUTE"), (0x1a, "RTM_GETROUTE"), (0x1c, "RTM_NEWNEIGH"), (0x1d, "RTM_DELNEIGH"),
        (0x1e, "RTM_GETNEIGH"), (0x20, "RTM_NEWRULE"), (0x21, "RTM_DELRULE"), (0x22, "RTM_GETRULE"),
        (0x24, "RTM_NEWQDISC"), (0x25, "RTM_DELQDISC"), (0x26, "RTM_GETQDISC"), (0x28, "RTM_NEWTCLASS"),
        (0x29, "RTM_DELTCLASS"), (0x2a, "RTM_GETTCLASS"), (0x2c, "RTM_NEWTFILTER"), (0x2d, "RTM_DELTFILTER"),
        (0x2e, "RTM_GETTFILTER"), (0x30, "RTM_NEWACTION"), (0x31, "RTM_DELACTION"), (0x32, "RTM_GETACTION"),
        (0x34, "RTM_NEWPREFIX"), (0x3a, "RTM_GETMULTICAST"), (0x3e, "RTM_GETANYCAST"),
        (0x40, "RTM_NEWNEIGHTBL"), (0x42, "RTM_GETNEIGHTBL"), (0x43, "RTM_SETNEIGHTBL"),
        (0x44, "RTM_NEWNDUSEROPT"), (0x48, "RTM_NEWADDRLABEL"), (0x49, "RTM_DELADDRLABEL"),
        (0x4a, "RTM_GETADDRLABEL"), (0x4e, "RTM_GETDCB"), (0x4f, "RTM_SETDCB"), (0x50, "RTM_NEWNETCONF"),
        (0x51, "RTM_DELNETCONF"), (0x52, "RTM_GETNETCONF"), (0x54, "RTM_NEWMDB"), (0x55, "RTM_DELMDB"),
        (0x56, "RTM_GETMDB"), (0x58, "RTM_NEWNSID"), (0x59, "RTM_DELNSID"), (0x5a, "RTM_GETNSID"),
        (0x5c, "RTM_NEWSTATS"), (0x5e, "RTM_GETSTATS"), (0x60, "RTM_NEWCACHEREPORT"), (0x64, "RTM_NEWCHAIN"),
        (0x65, "RTM_DELCHAIN"), (0x66, "RTM_GETCHAIN"), (0x68, "RTM_NEWNEXTHOP"), (0x69, "RTM_DELNEXTHOP"),
        (0x6a, "RTM_GETNEXTHOP"), (0x6c, "RTM_NEWLINKPROP"), (0x6d, "RTM_DELLINKPROP"),
        (0x6e, "RTM_GETLINKPROP"), (0x70, "RTM_NEWVLAN"), (0x71, "RTM_DELVLAN"), (0x72, "RTM_GETVLAN"),
        (0x74, "RTM_NEWNEXTHOPBUCKET"), (0x75, "RTM_DELNEXTHOPBUCKET"), (0x76, "RTM_GETNEXTHOPBUCKET")])
    static let nlSockDiagTypes = Xlat("SOCK_DIAG_???", [
        (0x12, "TCPDIAG_GETSOCK"), (0x13, "DCCPDIAG_GETSOCK"), (0x14, "SOCK_DIAG_BY_FAMILY"),
        (0x15, "SOCK_DESTROY")])
    static let nlmsgerrAttrs = Xlat("NLMSGERR_ATTR_???", [
        (0x0, "NLMSGERR_ATTR_UNUSED"), (0x1, "NLMSGERR_ATTR_MSG"), (0x2, "NLMSGERR_ATTR_OFFS"),
        (0x3, "NLMSGERR_ATTR_COOKIE"), (0x4, "NLMSGERR_ATTR_POLICY"), (0x5, "NLMSGERR_ATTR_MISS_TYPE"),
        (0x6, "NLMSGERR_ATTR_MISS_NEST")])
    static let arpHardwareTypes = Xlat("ARPHRD_???", [
        (0x0, "ARPHRD_NETROM"), (0x1, "ARPHRD_ETHER"), (0x2, "ARPHRD_EETHER"), (0x3, "ARPHRD_AX25"),
        (0x4, "ARPHRD_PRONET"), (0x5, "ARPHRD_CHAOS"), (0x6, "ARPHRD_IEEE802"), (0x7, "ARPHRD_ARCNET"),
        (0x8, "ARPHRD_APPLETLK"), (0xf, "ARPHRD_DLCI"), (0x13, "ARPHRD_ATM"), (0x17, "ARPHRD_METRICOM"),
        (0x18, "ARPHRD_IEEE1394"), (0x1b, "ARPHRD_EUI64"), (0x20, "ARPHRD_INFINIBAND"),
        (0x100, "ARPHRD_SLIP"), (0x101, "ARPHRD_CSLIP"), (0x102, "ARPHRD_SLIP6"), (0x103, "ARPHRD_CSLIP6"),
        (0x104, "ARPHRD_RSRVD"), (0x108, "ARPHRD_ADAPT"), (0x10e, "ARPHRD_ROSE"), (0x10f, "ARPHRD_X25"),
        (0x110, "ARPHRD_HWX25"), (0x118, "ARPHRD_CAN"), (0x122, "ARPHRD_MCTP"), (0x200, "ARPHRD_PPP"),
        (0x201, "ARPHRD_CISCO"), (0x204, "ARPHRD_LAPB"), (0x205, "ARPHRD_DDCMP"), (0x206, "ARPHRD_RAWHDLC"),
        (0x207, "ARPHRD_RAWIP"), (0x300, "ARPHRD_TUNNEL"), (0x301, "ARPHRD_TUNNEL6"), (0x302, "ARPHRD_FRAD"),
        (0x303, "ARPHRD_SKIP"), (0x304, "ARPHRD_LOOPBACK"), (0x305, "ARPHRD_LOCALTLK"),
        (0x306, "ARPHRD_FDDI"), (0x307, "ARPHRD_BIF"), (0x308, "ARPHRD_SIT"), (0x309, "ARPHRD_IPDDP"),
        (0x30a, "ARPHRD_IPGRE"), (0x30b, "ARPHRD_PIMREG"), (0x30c, "ARPHRD_HIPPI"), (0x30d, "ARPHRD_ASH"),
        (0x30e, "ARPHRD_ECONET"), (0x30f, "ARPHRD_IRDA"), (0x310, "ARPHRD_FCPP"), (0x311, "ARPHRD_FCAL"),
        (0x312, "ARPHRD_FCPL"), (0x313, "ARPHRD_FCFABRIC"), (0x320, "ARPHRD_IEEE802_TR"),
        (0x321, "ARPHRD_IEEE80211"), (0x322, "ARPHRD_IEEE80211_PRISM"), (0x323, "ARPHRD_IEEE80211_RADIOTAP"),
        (0x324, "ARPHRD_IEEE802154"), (0x325, "ARPHRD_IEEE802154_MONITOR"), (0x334, "ARPHRD_PHONET"),
        (0x335, "ARPHRD_PHONET_PIPE"), (0x336, "ARPHRD_CAIF"), (0x337, "ARPHRD_IP6GRE"),
        (0x338, "ARPHRD_NETLINK"), (0x339, "ARPHRD_6LOWPAN"), (0x33a, "ARPHRD_VSOCKMON"),
        (0xfffe, "ARPHRD_NONE"), (0xffff, "ARPHRD_VOID")])
    static let iffFlags = Xlat("IFF_???", [
        (0x1, "IFF_UP"), (0x2, "IFF_BROADCAST"), (0x4, "IFF_DEBUG"), (0x8, "IFF_LOOPBACK"),
        (0x10, "IFF_POINTOPOINT"), (0x20, "IFF_NOTRAILERS"), (0x40, "IFF_RUNNING"), (0x80, "IFF_NOARP"),
        (0x100, "IFF_PROMISC"), (0x200, "IFF_ALLMULTI"), (0x400, "IFF_MASTER"), (0x800, "IFF_SLAVE"),
        (0x1000, "IFF_MULTICAST"), (0x2000, "IFF_PORTSEL"), (0x4000, "IFF_AUTOMEDIA"),
        (0x8000, "IFF_DYNAMIC"), (0x10000, "IFF_LOWER_UP"), (0x20000, "IFF_DORMANT"), (0x40000, "IFF_ECHO")])
    static let iflaAttrs = Xlat("IFLA_???", [
        (0x0, "IFLA_UNSPEC"), (0x1, "IFLA_ADDRESS"), (0x2, "IFLA_BROADCAST"), (0x3, "IFLA_IFNAME"),
        (0x4, "IFLA_MTU"), (0x5, "IFLA_LINK"), (0x6, "IFLA_QDISC"), (0x7, "IFLA_STATS"), (0x8, "IFLA_COST"),
        (0x9, "IFLA_PRIORITY"), (0xa, "IFLA_MASTER"), (0xb, "IFLA_WIRELESS"), (0xc, "IFLA_PROTINFO"),
        (0xd, "IFLA_TXQLEN"), (0xe, "IFLA_MAP"), (0xf, "IFLA_WEIGHT"), (0x10, "IFLA_OPERSTATE"),
        (0x11, "IFLA_LINKMODE"), (0x12, "IFLA_LINKINFO"), (0x13, "IFLA_NET_NS_PID"), (0x14, "IFLA_IFALIAS"),
        (0x15, "IFLA_NUM_VF"), (0x16, "IFLA_VFINFO_LIST"), (0x17, "IFLA_STATS64"), (0x18, "IFLA_VF_PORTS"),
        (0x19, "IFLA_PORT_SELF"), (0x1a, "IFLA_AF_SPEC"), (0x1b, "IFLA_GROUP"), (0x1c, "IFLA_NET_NS_FD"),
        (0x1d, "IFLA_EXT_MASK"), (0x1e, "IFLA_PROMISCUITY"), (0x1f, "IFLA_NUM_TX_QUEUES"),
        (0x20, "IFLA_NUM_RX_QUEUES"), (0x21, "IFLA_CARRIER"), (0x22, "IFLA_PHYS_PORT_ID"),
        (0x23, "IFLA_CARRIER_CHANGES"), (0x24, "IFLA_PHYS_SWITCH_ID"), (0x25, "IFLA_LINK_NETNSID"),
        (0x26, "IFLA_PHYS_PORT_NAME"), (0x27, "IFLA_PROTO_DOWN"), (0x28, "IFLA_GSO_MAX_SEGS"),
        (0x29, "IFLA_GSO_MAX_SIZE"), (0x2a, "IFLA_PAD"), (0x2b, "IFLA_XDP"), (0x2c, "IFLA_EVENT"),
        (0x2d, "IFLA_NEW_NETNSID"), (0x2e, "IFLA_IF_NETNSID"), (0x2f, "IFLA_CARRIER_UP_COUNT"),
        (0x30, "IFLA_CARRIER_DOWN_COUNT"), (0x31, "IFLA_NEW_IFINDEX"), (0x32, "IFLA_MIN_MTU"),
        (0x33, "IFLA_MAX_MTU"), (0x34, "IFLA_PROP_LIST"), (0x35, "IFLA_ALT_IFNAME"),
        (0x36, "IFLA_PERM_ADDRESS"), (0x37, "IFLA_PROTO_DOWN_REASON"), (0x38, "IFLA_PARENT_DEV_NAME"),
        (0x39, "IFLA_PARENT_DEV_BUS_NAME"), (0x3a, "IFLA_GRO_MAX_SIZE"), (0x3b, "IFLA_TSO_MAX_SIZE"),
        (0x3c, "IFLA_TSO_MAX_SEGS"), (0x3d, "IFLA_ALLMULTI")])
    static let iflaInfoAttrs = Xlat("IFLA_INFO_???", [
        (0x0, "IFLA_INFO_UNSPEC"), (0x1, "IFLA_INFO_KIND"), (0x2, "IFLA_INFO_DATA"),
        (0x3, "IFLA_INFO_XSTATS"), (0x4, "IFLA_INFO_SLAVE_KIND"), (0x5, "IFLA_INFO_SLAVE_DATA")])
    static let iflaEvents = Xlat("IFLA_EVENT_???", [
        (0x0, "IFLA_EVENT_NONE"), (0x1, "IFLA_EVENT_REBOOT"), (0x2, "IFLA_EVENT_FEATURES"),
        (0x3, "IFLA_EVENT_BONDING_FAILOVER"), (0x4, "IFLA_EVENT_NOTIFY_PEERS"),
        (0x5, "IFLA_EVENT_IGMP_RESEND"), (0x6, "IFLA_EVENT_BONDING_OPTIONS")])
    static let ifaAttrs = Xlat("IFA_???", [
        (0x0, "IFA_UNSPEC"), (0x1, "IFA_ADDRESS"), (0x2, "IFA_LOCAL"), (0x3, "IFA_LABEL"),
        (0x4, "IFA_BROADCAST"), (0x5, "IFA_ANYCAST"), (0x6, "IFA_CACHEINFO"), (0x7, "IFA_MULTICAST"),
        (0x8, "IFA_FLAGS"), (0x9, "IFA_RT_PRIORITY"), (0xa, "IFA_TARGET_NETNSID"), (0xb, "IFA_PROTO")])
    static let ifaFlags = Xlat("IFA_F_???", [
        (0x1, "IFA_F_SECONDARY"), (0x2, "IFA_F_NODAD"), (0x4, "IFA_F_OPTIMISTIC"), (0x8, "IFA_F_DADFAILED"),
        (0x10, "IFA_F_HOMEADDRESS"), (0x20, "IFA_F_DEPRECATED"), (0x40, "IFA_F_TENTATIVE"),
        (0x80, "IFA_F_PERMANENT"), (0x100, "IFA_F_MANAGETEMPADDR"), (0x200, "IFA_F_NOPREFIXROUTE"),
        (0x400, "IFA_F_MCAUTOJOIN"), (0x800, "IFA_F_STABLE_PRIVACY")])
    static let routingScopes = Xlat("RT_SCOPE_???", [
        (0x0, "RT_SCOPE_UNIVERSE"), (0xc8, "RT_SCOPE_SITE"), (0xfd, "RT_SCOPE_LINK"),
        (0xfe, "RT_SCOPE_HOST"), (0xff, "RT_SCOPE_NOWHERE")])
    static let routingTables = Xlat("RT_TABLE_???", [
        (0x0, "RT_TABLE_UNSPEC"), (0xfc, "RT_TABLE_COMPAT"), (0xfd, "RT_TABLE_DEFAULT"),
        (0xfe, "RT_TABLE_MAIN"), (0xff, "RT_TABLE_LOCAL")])
    static let routingTypes = Xlat("RTN_???", [
        (0x0, "RTN_UNSPEC"), (0x1, "RTN_UNICAST"), (0x2, "RTN_LOCAL"), (0x3, "RTN_BROADCAST"),
        (0x4, "RTN_ANYCAST"), (0x5, "RTN_MULTICAST"), (0x6, "RTN_BLACKHOLE"), (0x7, "RTN_UNREACHABLE"),
        (0x8, "RTN_PROHIBIT"), (0x9, "RTN_THROW"), (0xa, "RTN_NAT"), (0xb, "RTN_XRESOLVE")])
    static let routingProtocols = Xlat("RTPROT_???", [
        (0x0, "RTPROT_UNSPEC"), (0x1, "RTPROT_REDIRECT"), (0x2, "RTPROT_KERNEL"), (0x3, "RTPROT_BOOT"),
        (0x4, "RTPROT_STATIC"), (0x8, "RTPROT_GATED"), (0x9, "RTPROT_RA"), (0xa, "RTPROT_MRT"),
        (0xb, "RTPROT_ZEBRA"), (0xc, "RTPROT_BIRD"), (0xd, "RTPROT_DNROUTED"), (0xe, "RTPROT_XORP"),
        (0xf, "RTPROT_NTK"), (0x10, "RTPROT_DHCP"), (0x11, "RTPROT_MROUTED"), (0x12, "RTPROT_KEEPALIVED"),
        (0x2a, "RTPROT_BABEL"), (0x63, "RTPROT_OPENR"), (0xba, "RTPROT_BGP"), (0xbb, "RTPROT_ISIS"),
        (0xbc, "RTPROT_OSPF"), (0xbd, "RTPROT_RIP"), (0xc0, "RTPROT_EIGRP")])
    static let ipTOS = Xlat("IPTOS_TOS_???", [
        (0x10, "IPTOS_LOWDELAY"), (0x8, "IPTOS_THROUGHPUT"), (0x4, "IPTOS_RELIABILITY"), (0x2, "IPTOS_MINCOST")])
    static let rtaAttrs = Xlat("RTA_???", [
        (0x0, "RTA_UNSPEC"), (0x1, "RTA_DST"), (0x2, "RTA_SRC"), (0x3, "RTA_IIF"), (0x4, "RTA_OIF"),
        (0x5, "RTA_GATEWAY"), (0x6, "RTA_PRIORITY"), (0x7, "RTA_PREFSRC"), (0x8, "RTA_METRICS"),
        (0x9, "RTA_MULTIPATH"), (0xa, "RTA_PROTOINFO"), (0xb, "RTA_FLOW"), (0xc, "RTA_CACHEINFO"),
        (0xd, "RTA_SESSION"), (0xe, "RTA_MP_ALGO"), (0xf, "RTA_TABLE"), (0x10, "RTA_MARK"),
        (0x11, "RTA_MFC_STATS"), (0x12, "RTA_VIA"), (0x13, "RTA_NEWDST"), (0x14, "RTA_PREF"),
        (0x15, "RTA_ENCAP_TYPE"), (0x16, "RTA_ENCAP"), (0x17, "RTA_EXPIRES"), (0x18, "RTA_PAD"),
        (0x19, "RTA_UID"), (0x1a, "RTA_TTL_PROPAGATE"), (0x1b, "RTA_IP_PROTO"), (0x1c, "RTA_SPORT"),
        (0x1d, "RTA_DPORT"), (0x1e, "RTA_NH_ID")])
    static let inetDiagAttrs = Xlat("INET_DIAG_???", [
        (0x0, "INET_DIAG_NONE"), (0x1, "INET_DIAG_MEMINFO"), (0x2, "INET_DIAG_INFO"),
        (0x3, "INET_DIAG_VEGASINFO"), (0x4, "INET_DIAG_CONG"), (0x5, "INET_DIAG_TOS"),
        (0x6, "INET_DIAG_TCLASS"), (0x7, "INET_DIAG_SKMEMINFO"), (0x8, "INET_DIAG_SHUTDOWN"),
        (0x9, "INET_DIAG_DCTCPINFO"), (0xa, "INET_DIAG_PROTOCOL"), (0xb, "INET_DIAG_SKV6ONLY"),
        (0xc, "INET_DIAG_LOCALS"), (0xd, "INET_DIAG_PEERS"), (0xe, "INET_DIAG_PAD"), (0xf, "INET_DIAG_MARK"),
        (0x10, "INET_DIAG_BBRINFO"), (0x11, "INET_DIAG_CLASS_ID"), (0x12, "INET_DIAG_MD5SIG"),
        (0x13, "INET_DIAG_ULP_INFO"), (0x14, "INET_DIAG_SK_BPF_STORAGES"), (0x15, "INET_DIAG_CGROUP_ID"),
        (0x16, "INET_DIAG_SOCKOPT")])
    static let inetDiagReqAttrs = Xlat("INET_DIAG_REQ_???", [
        (0x0, "INET_DIAG_REQ_NONE"), (0x1, "INET_DIAG_REQ_BYTECODE"), (0x2, "INET_DIAG_REQ_SK_BPF_STORAGES"),
        (0x3, "INET_DIAG_REQ_PROTOCOL")])
    static let inetDiagExtFlags = Xlat("1<<INET_DIAG_???-1", [
        (0x1, "1<<(INET_DIAG_MEMINFO-1)"), (0x2, "1<<(INET_DIAG_INFO-1)"),
        (0x4, "1<<(INET_DIAG_VEGASINFO-1)"), (0x8, "1<<(INET_DIAG_CONG-1)"), (0x10, "1<<(INET_DIAG_TOS-1)"),
        (0x20, "1<<(INET_DIAG_TCLASS-1)"), (0x40, "1<<(INET_DIAG_SKMEMINFO-1)"),
        (0x80, "1<<(INET_DIAG_SHUTDOWN-1)"), (0x100, "1<<(INET_DIAG_DCTCPINFO-1)"),
        (0x200, "1<<(INET_DIAG_PROTOCOL-1)"), (0x400, "1<<(INET_DIAG_SKV6ONLY-1)"),
        (0x800, "1<<(INET_DIAG_LOCALS-1)"), (0x1000, "1<<(INET_DIAG_PEERS-1)"),
        (0x2000, "1<<(INET_DIAG_PAD-1)"), (0x4000, "1<<(INET_DIAG_MARK-1)"),
        (0x8000, "1<<(INET_DIAG_BBRINFO-1)"), (0x10000, "1<<(INET_DIAG_CLASS_ID-1)"),
        (0x20000, "1<<(INET_DIAG_MD5SIG-1)"), (0x40000, "1<<(INET_DIAG_ULP_INFO-1)"),
        (0x80000, "1<<(INET_DIAG_SK_BPF_STORAGES-1)"), (0x100000, "1<<(INET_DIAG_CGROUP_ID-1)"),
        (0x200000, "1<<(INET_DIAG_SOCKOPT-1)")])
    static let tcpStates = Xlat("TCP_???", [
        (0x1, "TCP_ESTABLISHED"), (0x2, "TCP_SYN_SENT"), (0x3, "TCP_SYN_RECV"), (0x4, "TCP_FIN_WAIT1"),
        (0x5, "TCP_FIN_WAIT2"), (0x6, "TCP_TIME_WAIT"), (0x7, "TCP_CLOSE"), (0x8, "TCP_CLOSE_WAIT"),
        (0x9, "TCP_LAST_ACK"), (0xa, "TCP_LISTEN"), (0xb, "TCP_CLOSING"), (0xc, "TCP_NEW_SYN_RECV")])
    static let tcpStateFlags = Xlat("1<<TCP_???", [
        (0x2, "1<<TCP_ESTABLISHED"), (0x4, "1<<TCP_SYN_SENT"), (0x8, "1<<TCP_SYN_RECV"),
        (0x10, "1<<TCP_FIN_WAIT1"), (0x20, "1<<TCP_FIN_WAIT2"), (0x40, "1<<TCP_TIME_WAIT"),
        (0x80, "1<<TCP_CLOSE"), (0x100, "1<<TCP_CLOSE_WAIT"), (0x200, "1<<TCP_LAST_ACK"),
        (0x400, "1<<TCP_LISTEN"), (0x800, "1<<TCP_CLOSING"), (0x1000, "1<<TCP_NEW_SYN_RECV")])
    static let unixDiagAttrs = Xlat("UNIX_DIAG_???", [
        (0x0, "UNIX_DIAG_NAME"), (0x1, "UNIX_DIAG_VFS"), (0x2, "UNIX_DIAG_PEER"), (0x3, "UNIX_DIAG_ICONS"),
        (0x4, "UNIX_DIAG_RQLEN"), (0x5, "UNIX_DIAG_MEMINFO"), (0x6, "UNIX_DIAG_SHUTDOWN"),
        (0x7, "UNIX_DIAG_UID")])
    static let unixDiagShow = Xlat("UDIAG_SHOW_???", [
        (0x1, "UDIAG_SHOW_NAME"), (0x2, "UDIAG_SHOW_VFS"), (0x4, "UDIAG_SHOW_PEER"),
        (0x8, "UDIAG_SHOW_ICONS"), (0x10, "UDIAG_SHOW_RQLEN"), (0x20, "UDIAG_SHOW_MEMINFO"),
        (0x40, "UDIAG_SHOW_UID")])
    static let netlinkSockOptions = Xlat("NETLINK_???", [
        (0x1, "NETLINK_ADD_MEMBERSHIP"), (0x2, "NETLINK_DROP_MEMBERSHIP"), (0x3, "NETLINK_PKTINFO"),
        (0x4, "NETLINK_BROADCAST_ERROR"), (0x5, "NETLINK_NO_ENOBUFS"), (0x6, "NETLINK_RX_RING"),
        (0x7, "NETLINK_TX_RING"), (0x8, "NETLINK_LISTEN_ALL_NSID"), (0x9, "NETLINK_LIST_MEMBERSHIPS"),
        (0xa, "NETLINK_CAP_ACK"), (0xb, "NETLINK_EXT_ACK"), (0xc, "NETLINK_GET_STRICT_CHK")])
    static let rtnlFamilies = Xlat("AF_???", [
        (0x80, "RTNL_FAMILY_IPMR"), (0x81, "RTNL_FAMILY_IP6MR")])
    static let ndaAttrs = Xlat("NDA_???", [
        (0x0, "NDA_UNSPEC"), (0x1, "NDA_DST"), (0x2, "NDA_LLADDR"), (0x3, "NDA_CACHEINFO"),
        (0x4, "NDA_PROBES"), (0x5, "NDA_VLAN"), (0x6, "NDA_PORT"), (0x7, "NDA_VNI"), (0x8, "NDA_IFINDEX"),
        (0x9, "NDA_MASTER"), (0xa, "NDA_LINK_NETNSID"), (0xb, "NDA_SRC_VNI"), (0xc, "NDA_PROTOCOL"),
        (0xd, "NDA_NH_ID"), (0xe, "NDA_FDB_EXT_ATTRS"), (0xf, "NDA_FLAGS_EXT"), (0x10, "NDA_NDM_STATE_MASK"),
        (0x11, "NDA_NDM_FLAGS_MASK")])
    static let rtaxAttrs = Xlat("RTAX_???", [
        (0x0, "RTAX_UNSPEC"), (0x1, "RTAX_LOCK"), (0x2, "RTAX_MTU"), (0x3, "RTAX_WINDOW"), (0x4, "RTAX_RTT"),
        (0x5, "RTAX_RTTVAR"), (0x6, "RTAX_SSTHRESH"), (0x7, "RTAX_CWND"), (0x8, "RTAX_ADVMSS"),
        (0x9, "RTAX_REORDERING"), (0xa, "RTAX_HOPLIMIT"), (0xb, "RTAX_INITCWND"), (0xc, "RTAX_FEATURES"),
        (0xd, "RTAX_RTO_MIN"), (0xe, "RTAX_INITRWND"), (0xf, "RTAX_QUICKACK"), (0x10, "RTAX_CC_ALGO"),
        (0x11, "RTAX_FASTOPEN_NO_COOKIE")])
    static let inetDiagShutdown = Xlat("???_SHUTDOWN", [
        (0x1, "RCV_SHUTDOWN"), (0x2, "SEND_SHUTDOWN")])
    static let iflaExtFilterFlags = Xlat("RTEXT_FILTER_???", [
        (0x1, "RTEXT_FILTER_VF"), (0x2, "RTEXT_FILTER_BRVLAN"), (0x4, "RTEXT_FILTER_BRVLAN_COMPRESSED"),
        (0x8, "RTEXT_FILTER_SKIP_STATS"), (0x10, "RTEXT_FILTER_MRP"), (0x20, "RTEXT_FILTER_CFM_CONFIG"),
        (0x40, "RTEXT_FILTER_CFM_STATUS")])
    static let routingFlags = Xlat("RTM_F_???", [
        (0x100, "RTM_F_NOTIFY"), (0x200, "RTM_F_CLONED"), (0x400, "RTM_F_EQUALIZE"), (0x800, "RTM_F_PREFIX"),
        (0x1000, "RTM_F_LOOKUP_TABLE"), (0x2000, "RTM_F_FIB_MATCH"), (0x4000, "RTM_F_OFFLOAD"), (0x8000, "RTM_F_TRAP"),
        (0x20000000, "RTM_F_OFFLOAD_FAILED")])
}
