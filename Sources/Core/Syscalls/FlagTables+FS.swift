// The name tables of the file-system, key, security and network decoders
// (StructFormat+FS.swift, SyscallDecoder+FS.swift): values, names and their order are strace
// 6.1's (src/xlat/*.in; the values the x86_64 kernel headers give the names without one).

extension X {
    /// fsmount's attr_flags (strace's fsmount_attr_flags): the mount attributes fsmount
    /// takes, not mount_setattr's (no MOUNT_ATTR_IDMAP or NOSYMFOLLOW).
    static let fsmountAttrFlags = Xlat("MOUNT_ATTR_???", [
        (0x1, "MOUNT_ATTR_RDONLY"), (0x2, "MOUNT_ATTR_NOSUID"), (0x4, "MOUNT_ATTR_NODEV"), (0x8, "MOUNT_ATTR_NOEXEC"),
        (0x10, "MOUNT_ATTR_NOATIME"), (0x20, "MOUNT_ATTR_STRICTATIME"), (0x80, "MOUNT_ATTR_NODIRATIME"),
    ])
    static let landlockAccessFS = Xlat("LANDLOCK_ACCESS_FS_???", [
        (0x1, "LANDLOCK_ACCESS_FS_EXECUTE"), (0x2, "LANDLOCK_ACCESS_FS_WRITE_FILE"),
        (0x4, "LANDLOCK_ACCESS_FS_READ_FILE"), (0x8, "LANDLOCK_ACCESS_FS_READ_DIR"),
        (0x10, "LANDLOCK_ACCESS_FS_REMOVE_DIR"), (0x20, "LANDLOCK_ACCESS_FS_REMOVE_FILE"),
        (0x40, "LANDLOCK_ACCESS_FS_MAKE_CHAR"), (0x80, "LANDLOCK_ACCESS_FS_MAKE_DIR"),
        (0x100, "LANDLOCK_ACCESS_FS_MAKE_REG"), (0x200, "LANDLOCK_ACCESS_FS_MAKE_SOCK"),
        (0x400, "LANDLOCK_ACCESS_FS_MAKE_FIFO"), (0x800, "LANDLOCK_ACCESS_FS_MAKE_BLOCK"),
        (0x1000, "LANDLOCK_ACCESS_FS_MAKE_SYM"), (0x2000, "LANDLOCK_ACCESS_FS_REFER")
    ])
    static let landlockCreateFlags = Xlat("LANDLOCK_CREATE_RULESET_???", [(0x1, "LANDLOCK_CREATE_RULESET_VERSION")])
    static let landlockRuleTypes = Xlat("LANDLOCK_RULE_???", [(0x1, "LANDLOCK_RULE_PATH_BENEATH")])
    static let fanClasses = Xlat("FAN_CLASS_???", [
        (0x0, "FAN_CLASS_NOTIF"), (0x4, "FAN_CLASS_CONTENT"), (0x8, "FAN_CLASS_PRE_CONTENT")
    ])
    static let fanInitFlags = Xlat("FAN_???", [
        (0x1, "FAN_CLOEXEC"), (0x2, "FAN_NONBLOCK"), (0x10, "FAN_UNLIMITED_QUEUE"), (0x20, "FAN_UNLIMITED_MARKS"),
        (0x40, "FAN_ENABLE_AUDIT"), (0x80, "FAN_REPORT_PIDFD"), (0x100, "FAN_REPORT_TID"), (0x200, "FAN_REPORT_FID"),
        (0x400, "FAN_REPORT_DIR_FID"), (0x800, "FAN_REPORT_NAME"), (0x1000, "FAN_REPORT_TARGET_FID")
    ])
    static let fanMarkFlags = Xlat("FAN_MARK_???", [
        (0x1, "FAN_MARK_ADD"), (0x2, "FAN_MARK_REMOVE"), (0x4, "FAN_MARK_DONT_FOLLOW"), (0x8, "FAN_MARK_ONLYDIR"),
        (0x10, "FAN_MARK_MOUNT"), (0x20, "FAN_MARK_IGNORED_MASK"), (0x40, "FAN_MARK_IGNORED_SURV_MODIFY"),
        (0x80, "FAN_MARK_FLUSH"), (0x100, "FAN_MARK_FILESYSTEM"), (0x200, "FAN_MARK_EVICTABLE"),
        (0x400, "FAN_MARK_IGNORE")
    ])
    static let fanEventFlags = Xlat("FAN_???", [
        (0x1, "FAN_ACCESS"), (0x2, "FAN_MODIFY"), (0x4, "FAN_ATTRIB"), (0x8, "FAN_CLOSE_WRITE"),
        (0x10, "FAN_CLOSE_NOWRITE"), (0x20, "FAN_OPEN"), (0x40, "FAN_MOVED_FROM"), (0x80, "FAN_MOVED_TO"),
        (0x100, "FAN_CREATE"), (0x200, "FAN_DELETE"), (0x400, "FAN_DELETE_SELF"), (0x800, "FAN_MOVE_SELF"),
        (0x1000, "FAN_OPEN_EXEC"), (0x4000, "FAN_Q_OVERFLOW"), (0x8000, "FAN_FS_ERROR"), (0x10000, "FAN_OPEN_PERM"),
        (0x20000, "FAN_ACCESS_PERM"), (0x40000, "FAN_OPEN_EXEC_PERM"), (0x80000, "FAN_DIR_MODIFY"),
        (0x40000000, "FAN_ONDIR"), (0x8000000, "FAN_EVENT_ON_CHILD"), (0x10000000, "FAN_RENAME")
    ])
    static let keySpecs = Xlat("KEY_SPEC_???", [
        (0xffffffffffffffff, "KEY_SPEC_THREAD_KEYRING"), (0xfffffffffffffffe, "KEY_SPEC_PROCESS_KEYRING"),
        (0xfffffffffffffffd, "KEY_SPEC_SESSION_KEYRING"), (0xfffffffffffffffc, "KEY_SPEC_USER_KEYRING"),
        (0xfffffffffffffffb, "KEY_SPEC_USER_SESSION_KEYRING"), (0xfffffffffffffffa, "KEY_SPEC_GROUP_KEYRING"),
        (0xfffffffffffffff9, "KEY_SPEC_REQKEY_AUTH_KEY"), (0xfffffffffffffff8, "KEY_SPEC_REQUESTOR_KEYRING")
    ])
    static let uringEnterFlags = Xlat("IORING_ENTER_???", [
        (0x1, "IORING_ENTER_GETEVENTS"), (0x2, "IORING_ENTER_SQ_WAKEUP"), (0x4, "IORING_ENTER_SQ_WAIT"),
        (0x8, "IORING_ENTER_EXT_ARG"), (0x10, "IORING_ENTER_REGISTERED_RING")
    ])
    static let uringRegisterOps = Xlat("IORING_REGISTER_???", [
        (0x0, "IORING_REGISTER_BUFFERS"), (0x1, "IORING_UNREGISTER_BUFFERS"), (0x2, "IORING_REGISTER_FILES"),
        (0x3, "IORING_UNREGISTER_FILES"), (0x4, "IORING_REGISTER_EVENTFD"), (0x5, "IORING_UNREGISTER_EVENTFD"),
        (0x6, "IORING_REGISTER_FILES_UPDATE"), (0x7, "IORING_REGISTER_EVENTFD_ASYNC"), (0x8, "IORING_REGISTER_PROBE"),
        (0x9, "IORING_REGISTER_PERSONALITY"), (0xa, "IORING_UNREGISTER_PERSONALITY"),
        (0xb, "IORING_REGISTER_RESTRICTIONS"), (0xc, "IORING_REGISTER_ENABLE_RINGS"), (0xd, "IORING_REGISTER_FILES2"),
        (0xe, "IORING_REGISTER_FILES_UPDATE2"), (0xf, "IORING_REGISTER_BUFFERS2"),
        (0x10, "IORING_REGISTER_BUFFERS_UPDATE"), (0x11, "IORING_REGISTER_IOWQ_AFF"),
        (0x12, "IORING_UNREGISTER_IOWQ_AFF"), (0x13, "IORING_REGISTER_IOWQ_MAX_WORKERS"),
        (0x14, "IORING_REGISTER_RING_FDS"), (0x15, "IORING_UNREGISTER_RING_FDS"), (0x16, "IORING_REGISTER_PBUF_RING"),
        (0x17, "IORING_UNREGISTER_PBUF_RING")
    ])
    static let quotaCmds = Xlat("Q_???", [
        (0x100, "Q_V1_QUOTAON"), (0x200, "Q_V1_QUOTAOFF"), (0x300, "Q_V1_GETQUOTA"), (0x400, "Q_V1_SETQUOTA"),
        (0x500, "Q_V1_SETUSE"), (0x600, "Q_V1_SYNC"), (0x700, "Q_SETQLIM"), (0x800, "Q_V1_GETSTATS"),
        (0x1000, "Q_V1_RSQUASH"), (0xd00, "Q_V2_GETQUOTA"), (0xe00, "Q_V2_SETQUOTA"), (0xf00, "Q_V2_SETUSE"),
        (0x900, "Q_V2_GETINFO"), (0xa00, "Q_V2_SETINFO"), (0xb00, "Q_V2_SETGRACE"), (0xc00, "Q_V2_SETFLAGS"),
        (0x1100, "Q_V2_GETSTATS"), (0x800001, "Q_SYNC"), (0x800002, "Q_QUOTAON"), (0x800003, "Q_QUOTAOFF"),
        (0x800004, "Q_GETFMT"), (0x800005, "Q_GETINFO"), (0x800006, "Q_SETINFO"), (0x800007, "Q_GETQUOTA"),
        (0x800008, "Q_SETQUOTA"), (0x800009, "Q_GETNEXTQUOTA"), (0x5801, "Q_XQUOTAON"), (0x5802, "Q_XQUOTAOFF"),
        (0x5803, "Q_XGETQUOTA"), (0x5804, "Q_XSETQLIM"), (0x5805, "Q_XGETQSTAT"), (0x5806, "Q_XQUOTARM"),
        (0x5807, "Q_XQUOTASYNC"), (0x5808, "Q_XGETQSTATV"), (0x5809, "Q_XGETNEXTQUOTA")
    ])
    static let quotaTypes = Xlat("???QUOTA", [(0x0, "USRQUOTA"), (0x1, "GRPQUOTA"), (0x2, "PRJQUOTA")])
    static let quotaFormats = Xlat("QFMT_VFS_???", [
        (0x1, "QFMT_VFS_OLD"), (0x2, "QFMT_VFS_V0"), (0x3, "QFMT_OCFS2"), (0x4, "QFMT_VFS_V1")
    ])
    static let uringSetupFlags = Xlat("IORING_SETUP_???", [
        (0x1, "IORING_SETUP_IOPOLL"), (0x2, "IORING_SETUP_SQPOLL"), (0x4, "IORING_SETUP_SQ_AFF"),
        (0x8, "IORING_SETUP_CQSIZE"), (0x10, "IORING_SETUP_CLAMP"), (0x20, "IORING_SETUP_ATTACH_WQ"),
        (0x40, "IORING_SETUP_R_DISABLED"), (0x80, "IORING_SETUP_SUBMIT_ALL"), (0x100, "IORING_SETUP_COOP_TASKRUN"),
        (0x200, "IORING_SETUP_TASKRUN_FLAG"), (0x400, "IORING_SETUP_SQE128"), (0x800, "IORING_SETUP_CQE32")
    ])
    static let uringFeatures = Xlat("IORING_FEAT_???", [
        (0x1, "IORING_FEAT_SINGLE_MMAP"), (0x2, "IORING_FEAT_NODROP"), (0x4, "IORING_FEAT_SUBMIT_STABLE"),
        (0x8, "IORING_FEAT_RW_CUR_POS"), (0x10, "IORING_FEAT_CUR_PERSONALITY"), (0x20, "IORING_FEAT_FAST_POLL"),
        (0x40, "IORING_FEAT_POLL_32BITS"), (0x80, "IORING_FEAT_SQPOLL_NONFIXED"), (0x100, "IORING_FEAT_EXT_ARG"),
        (0x200, "IORING_FEAT_NATIVE_WORKERS"), (0x400, "IORING_FEAT_RSRC_TAGS"), (0x800, "IORING_FEAT_CQE_SKIP"),
        (0x1000, "IORING_FEAT_LINKED_FILE")
    ])
    static let sockOptions = Xlat("SO_???", [
        (0x1, "SO_DEBUG"), (0x2, "SO_REUSEADDR"), (0x3, "SO_TYPE"), (0x4, "SO_ERROR"), (0x5, "SO_DONTROUTE"),
        (0x6, "SO_BROADCAST"), (0x7, "SO_SNDBUF"), (0x8, "SO_RCVBUF"), (0x9, "SO_KEEPALIVE"), (0xa, "SO_OOBINLINE"),
        (0xb, "SO_NO_CHECK"), (0xc, "SO_PRIORITY"), (0xd, "SO_LINGER"), (0xe, "SO_BSDCOMPAT"), (0xf, "SO_REUSEPORT"),
        (0x10, "SO_PASSCRED"), (0x11, "SO_PEERCRED"), (0x12, "SO_RCVLOWAT"), (0x13, "SO_SNDLOWAT"),
        (0x14, "SO_RCVTIMEO_OLD"), (0x15, "SO_SNDTIMEO_OLD"), (0x16, "SO_SECURITY_AUTHENTICATION"),
        (0x17, "SO_SECURITY_ENCRYPTION_TRANSPORT"), (0x18, "SO_SECURITY_ENCRYPTION_NETWORK"),
        (0x19, "SO_BINDTODEVICE"), (0x1b, "SO_DETACH_FILTER"), (0x1c, "SO_PEERNAME"), (0x1d, "SO_TIMESTAMP_OLD"),
        (0x1e, "SO_ACCEPTCONN"), (0x1f, "SO_PEERSEC"), (0x20, "SO_SNDBUFFORCE"), (0x21, "SO_RCVBUFFORCE"),
        (0x22, "SO_PASSSEC"), (0x23, "SO_TIMESTAMPNS_OLD"), (0x24, "SO_MARK"), (0x25, "SO_TIMESTAMPING_OLD"),
        (0x26, "SO_PROTOCOL"), (0x27, "SO_DOMAIN"), (0x28, "SO_RXQ_OVFL"), (0x29, "SO_WIFI_STATUS"),
        (0x2a, "SO_PEEK_OFF"), (0x2b, "SO_NOFCS"), (0x2c, "SO_LOCK_FILTER"), (0x2d, "SO_SELECT_ERR_QUEUE"),
        (0x2e, "SO_BUSY_POLL"), (0x2f, "SO_MAX_PACING_RATE"), (0x30, "SO_BPF_EXTENSIONS"), (0x31, "SO_INCOMING_CPU"),
        (0x32, "SO_ATTACH_BPF"), (0x33, "SO_ATTACH_REUSEPORT_CBPF"), (0x34, "SO_ATTACH_REUSEPORT_EBPF"),
        (0x35, "SO_CNX_ADVICE"), (0x37, "SO_MEMINFO"), (0x38, "SO_INCOMING_NAPI_ID"), (0x39, "SO_COOKIE"),
        (0x3b, "SO_PEERGROUPS"), (0x3c, "SO_ZEROCOPY"), (0x3d, "SO_TXTIME"), (0x3e, "SO_BINDTOIFINDEX"),
        (0x3f, "SO_TIMESTAMP_NEW"), (0x40, "SO_TIMESTAMPNS_NEW"), (0x41, "SO_TIMESTAMPING_NEW"),
        (0x42, "SO_RCVTIMEO_NEW"), (0x43, "SO_SNDTIMEO_NEW"), (0x44, "SO_DETACH_REUSEPORT_BPF"),
        (0x45, "SO_PREFER_BUSY_POLL"), (0x46, "SO_BUSY_POLL_BUDGET"), (0x47, "SO_NETNS_COOKIE"),
        (0x48, "SO_BUF_LOCK"), (0x49, "SO_RESERVE_MEM"), (0x4a, "SO_TXREHASH"), (0x4b, "SO_RCVMARK")
    ])
    static let getsockOptions = Xlat("SO_???", [(0x1a, "SO_GET_FILTER")])
    static let setsockOptions = Xlat("SO_???", [(0x1a, "SO_ATTACH_FILTER")])
    static let sockIPOptions = Xlat("IP_???", [
        (0x1, "IP_TOS"), (0x2, "IP_TTL"), (0x3, "IP_HDRINCL"), (0x4, "IP_OPTIONS"), (0x5, "IP_ROUTER_ALERT"),
        (0x6, "IP_RECVOPTS"), (0x7, "IP_RETOPTS"), (0x8, "IP_PKTINFO"), (0x9, "IP_PKTOPTIONS"),
        (0xa, "IP_MTU_DISCOVER"), (0xb, "IP_RECVERR"), (0xc, "IP_RECVTTL"), (0xd, "IP_RECVTOS"), (0xe, "IP_MTU"),
        (0xf, "IP_FREEBIND"), (0x10, "IP_IPSEC_POLICY"), (0x11, "IP_XFRM_POLICY"), (0x12, "IP_PASSSEC"),
        (0x13, "IP_TRANSPARENT"), (0x14, "IP_ORIGDSTADDR"), (0x15, "IP_MINTTL"), (0x16, "IP_NODEFRAG"),
        (0x17, "IP_CHECKSUM"), (0x18, "IP_BIND_ADDRESS_NO_PORT"), (0x19, "IP_RECVFRAGSIZE"),
        (0x1a, "IP_RECVERR_RFC4884"), (0x20, "IP_MULTICAST_IF"), (0x21, "IP_MULTICAST_TTL"),
        (0x22, "IP_MULTICAST_LOOP"), (0x23, "IP_ADD_MEMBERSHIP"), (0x24, "IP_DROP_MEMBERSHIP"),
        (0x25, "IP_UNBLOCK_SOURCE"), (0x26, "IP_BLOCK_SOURCE"), (0x27, "IP_ADD_SOURCE_MEMBERSHIP"),
        (0x28, "IP_DROP_SOURCE_MEMBERSHIP"), (0x29, "IP_MSFILTER"), (0x2a, "MCAST_JOIN_GROUP"),
        (0x2b, "MCAST_BLOCK_SOURCE"), (0x2c, "MCAST_UNBLOCK_SOURCE"), (0x2d, "MCAST_LEAVE_GROUP"),
        (0x2e, "MCAST_JOIN_SOURCE_GROUP"), (0x2f, "MCAST_LEAVE_SOURCE_GROUP"), (0x30, "MCAST_MSFILTER"),
        (0x31, "IP_MULTICAST_ALL"), (0x32, "IP_UNICAST_IF")
    ])
    static let getsockIPOptions = Xlat("IP_???", [
        (0x60, "ARPT_SO_GET_INFO"), (0x61, "ARPT_SO_GET_ENTRIES"), (0x63, "ARPT_SO_GET_REVISION_TARGET"),
        (0x80, "EBT_SO_GET_INFO"), (0x81, "EBT_SO_GET_ENTRIES"), (0x82, "EBT_SO_GET_INIT_INFO"),
        (0x83, "EBT_SO_GET_INIT_ENTRIES"), (0x40, "IPT_SO_GET_INFO"), (0x41, "IPT_SO_GET_ENTRIES"),
        (0x42, "IPT_SO_GET_REVISION_MATCH"), (0x43, "IPT_SO_GET_REVISION_TARGET")
    ])
    static let setsockIPOptions = Xlat("IP_???", [
        (0x60, "ARPT_SO_SET_REPLACE"), (0x61, "ARPT_SO_SET_ADD_COUNTERS"), (0x80, "EBT_SO_SET_ENTRIES"),
        (0x81, "EBT_SO_SET_COUNTERS"), (0x40, "IPT_SO_SET_REPLACE"), (0x41, "IPT_SO_SET_ADD_COUNTERS")
    ])
    static let sockPacketOptions = Xlat("PACKET_???", [
        (0x1, "PACKET_ADD_MEMBERSHIP"), (0x2, "PACKET_DROP_MEMBERSHIP"), (0x3, "PACKET_RECV_OUTPUT"),
        (0x5, "PACKET_RX_RING"), (0x6, "PACKET_STATISTICS"), (0x7, "PACKET_COPY_THRESH"), (0x8, "PACKET_AUXDATA"),
        (0x9, "PACKET_ORIGDEV"), (0xa, "PACKET_VERSION"), (0xb, "PACKET_HDRLEN"), (0xc, "PACKET_RESERVE"),
        (0xd, "PACKET_TX_RING"), (0xe, "PACKET_LOSS"), (0xf, "PACKET_VNET_HDR"), (0x10, "PACKET_TX_TIMESTAMP"),
        (0x11, "PACKET_TIMESTAMP"), (0x12, "PACKET_FANOUT"), (0x13, "PACKET_TX_HAS_OFF"),
        (0x14, "PACKET_QDISC_BYPASS"), (0x15, "PACKET_ROLLOVER_STATS"), (0x16, "PACKET_FANOUT_DATA"),
        (0x17, "PACKET_IGNORE_OUTGOING")
    ])
    static let sockRawOptions = Xlat("RAW_???", [(0x1, "ICMP_FILTER")])
    static let socketLayers = Xlat("SOL_??", [
        (0x0, "SOL_IP"), (0x1, "SOL_SOCKET"), (0x6, "SOL_TCP"), (0x11, "SOL_UDP"), (0x28, "AF_VSOCK"),
        (0x29, "SOL_IPV6"), (0x3a, "SOL_ICMPV6"), (0x64, "SOL_CAN_BASE"), (0x65, "SOL_CAN_RAW"), (0x84, "SOL_SCTP"),
        (0x88, "SOL_UDPLITE"), (0xff, "SOL_RAW"), (0x100, "SOL_IPX"), (0x101, "SOL_AX25"), (0x102, "SOL_ATALK"),
        (0x103, "SOL_NETROM"), (0x104, "SOL_ROSE"), (0x105, "SOL_DECNET"), (0x106, "SOL_X25"), (0x107, "SOL_PACKET"),
        (0x108, "SOL_ATM"), (0x109, "SOL_AAL"), (0x10a, "SOL_IRDA"), (0x10b, "SOL_NETBEUI"), (0x10c, "SOL_LLC"),
        (0x10d, "SOL_DCCP"), (0x10e, "SOL_NETLINK"), (0x10f, "SOL_TIPC"), (0x110, "SOL_RXRPC"),
        (0x111, "SOL_PPPOL2TP"), (0x112, "SOL_BLUETOOTH"), (0x113, "SOL_PNPIPE"), (0x114, "SOL_RDS"),
        (0x115, "SOL_IUCV"), (0x116, "SOL_CAIF"), (0x117, "SOL_ALG"), (0x118, "SOL_NFC"), (0x119, "SOL_KCM"),
        (0x11a, "SOL_TLS"), (0x11b, "SOL_XDP")
    ])
    static let icmpFilterFlags = Xlat("ICMP_???", [
        (0x0, "ICMP_ECHOREPLY"), (0x3, "ICMP_DEST_UNREACH"), (0x4, "ICMP_SOURCE_QUENCH"), (0x5, "ICMP_REDIRECT"),
        (0x8, "ICMP_ECHO"), (0xb, "ICMP_TIME_EXCEEDED"), (0xc, "ICMP_PARAMETERPROB"), (0xd, "ICMP_TIMESTAMP"),
        (0xe, "ICMP_TIMESTAMPREPLY"), (0xf, "ICMP_INFO_REQUEST"), (0x10, "ICMP_INFO_REPLY"), (0x11, "ICMP_ADDRESS"),
        (0x12, "ICMP_ADDRESSREPLY")
    ])
    static let packetMreqTypes = Xlat("PACKET_MR_???", [
        (0x0, "PACKET_MR_MULTICAST"), (0x1, "PACKET_MR_PROMISC"), (0x2, "PACKET_MR_ALLMULTI"),
        (0x3, "PACKET_MR_UNICAST")
    ])
    static let sockIPv6Options = Xlat("IPV6_???", [
        (0x1, "IPV6_ADDRFORM"), (0x2, "IPV6_2292PKTINFO"), (0x3, "IPV6_2292HOPOPTS"), (0x4, "IPV6_2292DSTOPTS"),
        (0x5, "IPV6_2292RTHDR"), (0x6, "IPV6_2292PKTOPTIONS"), (0x7, "IPV6_CHECKSUM"), (0x8, "IPV6_2292HOPLIMIT"),
        (0x9, "IPV6_NEXTHOP"), (0xa, "IPV6_AUTHHDR"), (0xb, "IPV6_FLOWINFO"), (0x10, "IPV6_UNICAST_HOPS"),
        (0x11, "IPV6_MULTICAST_IF"), (0x12, "IPV6_MULTICAST_HOPS"), (0x13, "IPV6_MULTICAST_LOOP"),
        (0x14, "IPV6_ADD_MEMBERSHIP"), (0x15, "IPV6_DROP_MEMBERSHIP"), (0x16, "IPV6_ROUTER_ALERT"),
        (0x17, "IPV6_MTU_DISCOVER"), (0x18, "IPV6_MTU"), (0x19, "IPV6_RECVERR"), (0x1a, "IPV6_V6ONLY"),
        (0x1b, "IPV6_JOIN_ANYCAST"), (0x1c, "IPV6_LEAVE_ANYCAST"), (0x1d, "IPV6_MULTICAST_ALL"),
        (0x1e, "IPV6_ROUTER_ALERT_ISOLATE"), (0x1f, "IPV6_RECVERR_RFC4884"), (0x20, "IPV6_FLOWLABEL_MGR"),
        (0x21, "IPV6_FLOWINFO_SEND"), (0x22, "IPV6_IPSEC_POLICY"), (0x23, "IPV6_XFRM_POLICY"), (0x24, "IPV6_HDRINCL"),
        (0x2a, "MCAST_JOIN_GROUP"), (0x2b, "MCAST_BLOCK_SOURCE"), (0x2c, "MCAST_UNBLOCK_SOURCE"),
        (0x2d, "MCAST_LEAVE_GROUP"), (0x2e, "MCAST_JOIN_SOURCE_GROUP"), (0x2f, "MCAST_LEAVE_SOURCE_GROUP"),
        (0x30, "MCAST_MSFILTER"), (0x31, "IPV6_RECVPKTINFO"), (0x32, "IPV6_PKTINFO"), (0x33, "IPV6_RECVHOPLIMIT"),
        (0x34, "IPV6_HOPLIMIT"), (0x35, "IPV6_RECVHOPOPTS"), (0x36, "IPV6_HOPOPTS"), (0x37, "IPV6_RTHDRDSTOPTS"),
        (0x38, "IPV6_RECVRTHDR"), (0x39, "IPV6_RTHDR"), (0x3a, "IPV6_RECVDSTOPTS"), (0x3b, "IPV6_DSTOPTS"),
        (0x3c, "IPV6_RECVPATHMTU"), (0x3d, "IPV6_PATHMTU"), (0x3e, "IPV6_DONTFRAG"), (0x3f, "IPV6_USE_MIN_MTU"),
        (0x42, "IPV6_RECVTCLASS"), (0x43, "IPV6_TCLASS"), (0x46, "IPV6_AUTOFLOWLABEL"),
        (0x48, "IPV6_ADDR_PREFERENCES"), (0x49, "IPV6_MINHOPCOUNT"), (0x4a, "IPV6_ORIGDSTADDR"),
        (0x4b, "IPV6_TRANSPARENT"), (0x4c, "IPV6_UNICAST_IF"), (0x4d, "IPV6_RECVFRAGSIZE"), (0x4e, "IPV6_FREEBIND")
    ])
    static let getsockIPv6Options = Xlat("IPV6_???", [
        (0x40, "IP6T_SO_GET_INFO"), (0x41, "IP6T_SO_GET_ENTRIES"), (0x44, "IP6T_SO_GET_REVISION_MATCH"),
        (0x45, "IP6T_SO_GET_REVISION_TARGET")
    ])
    static let setsockIPv6Options = Xlat("IPV6_???", [
        (0x40, "IP6T_SO_SET_REPLACE"), (0x41, "IP6T_SO_SET_ADD_COUNTERS")
    ])
    static let txrehashValues = Xlat("SOCK_TXREHASH_???", [
        (0x0, "SOCK_TXREHASH_DISABLED"), (0x1, "SOCK_TXREHASH_ENABLED"), (0xff, "SOCK_TXREHASH_DEFAULT")
    ])
    static let mountPropagation = Xlat("MS_???", [
        (0x20000, "MS_UNBINDABLE"), (0x40000, "MS_PRIVATE"), (0x80000, "MS_SLAVE"), (0x100000, "MS_SHARED")
    ])
    static let seccompRetActions = Xlat("SECCOMP_RET_???", [
        (0x80000000, "SECCOMP_RET_KILL_PROCESS"), (0x0, "SECCOMP_RET_KILL_THREAD"), (0x30000, "SECCOMP_RET_TRAP"),
        (0x50000, "SECCOMP_RET_ERRNO"), (0x7fc00000, "SECCOMP_RET_USER_NOTIF"), (0x7ff00000, "SECCOMP_RET_TRACE"),
        (0x7ffc0000, "SECCOMP_RET_LOG"), (0x7fff0000, "SECCOMP_RET_ALLOW")
    ])
    static let futexWaiterFlags = Xlat("FUTEX_???", [(0x2, "FUTEX_32"), (0x80, "FUTEX_PRIVATE_FLAG")])
    static let direntTypes = Xlat("DT_???", [
        (0x0, "DT_UNKNOWN"), (0x1, "DT_FIFO"), (0x2, "DT_CHR"), (0x4, "DT_DIR"), (0x6, "DT_BLK"), (0x8, "DT_REG"),
        (0xa, "DT_LNK"), (0xc, "DT_SOCK"), (0xe, "DT_WHT")
    ])
    static let scmValues = Xlat("SCM_???", [
        (0x1, "SCM_RIGHTS"), (0x2, "SCM_CREDENTIALS"), (0x3, "SCM_SECURITY"), (0x29, "SO_WIFI_STATUS"),
        (0x3d, "SO_TXTIME"), (0x1d, "SO_TIMESTAMP_OLD"), (0x23, "SO_TIMESTAMPNS_OLD"), (0x25, "SO_TIMESTAMPING_OLD"),
        (0x3f, "SO_TIMESTAMP_NEW"), (0x40, "SO_TIMESTAMPNS_NEW"), (0x41, "SO_TIMESTAMPING_NEW"),
        (0x36, "SCM_TIMESTAMPING_OPT_STATS"), (0x3a, "SCM_TIMESTAMPING_PKTINFO")
    ])
    static let ipCmsgTypes = Xlat("IP_???", [
        (0x1, "IP_TOS"), (0x2, "IP_TTL"), (0x6, "IP_RECVOPTS"), (0x7, "IP_RETOPTS"), (0x8, "IP_PKTINFO"),
        (0xb, "IP_RECVERR"), (0x14, "IP_ORIGDSTADDR"), (0x17, "IP_CHECKSUM"), (0x3, "SCM_SECURITY")
    ])
}
