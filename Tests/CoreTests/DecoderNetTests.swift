import Testing
@testable import NSCore

/// quotactl's commands (StructFormat+Quota.swift), socket addresses (StructFormat+Sockaddr.swift),
/// sendmmsg/recvmmsg (StructFormat+Mmsg.swift) and io_uring_register (StructFormat+IOUring.swift),
/// held to the lines strace 6.1 prints for the same arguments and memory (its tests/*.c).
@Suite struct DecoderNetTests: StraceLineSuite {
    @Test func quotactlCommands() {
        var m = FakeMemory()
        m.put(0x2000, cString: "/dev/bogus/")
        m.put(0x3000, (0..<8).flatMap { le(UInt64(0x10 + $0), 8) } + le(0x3f, 4) + le(1000, 4))
        m.put(0x4000, le(0xdeadbeef, 4))
        m.put(0x5000, le(7, 8) + le(8, 8) + le(0xdeadabcd, 4) + le(0x7, 4))
        #expect(line("quotactl", [0xbadc0ded, 0x2000, 0xca7faced, 0x1000], ret: einval, error: true, mem: m)
            == #"quotactl(QCMD(0xbadc0d /* Q_??? */, 0xed /* ???QUOTA */), "/dev/bogus/", 3397364973, 0x1000)"#
            + " = -1 EINVAL (Invalid argument)")
        #expect(line("quotactl", [0, 0, 0xffff_ffff, 0], ret: einval, error: true)
            == "quotactl(QCMD(0 /* Q_??? */, USRQUOTA), NULL, -1, NULL) = -1 EINVAL (Invalid argument)")
        #expect(line("quotactl", [0xbadc0ded, 0, 0, 0], ret: einval, error: true, style: DecodeStyle(xlat: .raw))
            == "quotactl(3134983661, NULL, 0, NULL) = -1 EINVAL (Invalid argument)")
        #expect(line("quotactl", [0x8000_0200, 0x2000, 0xca7faced, 0x2000], ret: enoent, error: true, mem: m)
            == #"quotactl(QCMD(Q_QUOTAON, USRQUOTA), "/dev/bogus/", 0xca7faced /* QFMT_VFS_??? */, "/dev/bogus/")"#
            + " = -1 ENOENT (No such file or directory)")
        #expect(line("quotactl", [0x8000_0301, 0x2000, 5, 6], ret: enoent, error: true, mem: m)
            == #"quotactl(QCMD(Q_QUOTAOFF, GRPQUOTA), "/dev/bogus/") = -1 ENOENT (No such file or directory)"#)
        // Q_GETQUOTA: the structure at exit, its address when the call failed.
        #expect(line("quotactl", [0x8000_0700, 0, 1000, 0x3000], ret: 0, mem: m)
            == "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), NULL, 1000, {dqb_bhardlimit=16, dqb_bsoftlimit=17, dqb_curspace=18,"
            + " dqb_ihardlimit=19, dqb_isoftlimit=20, dqb_curinodes=21, ...}) = 0")
        #expect(line("quotactl", [0x8000_0700, 0, 1000, 0x3000], ret: enoent, error: true, mem: m)
            == "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), NULL, 1000, 0x3000) = -1 ENOENT (No such file or directory)")
        #expect(line("quotactl", [0x8000_0802, 0, 1, 0x3000], ret: enoent, error: true, mem: m, verbose: true)
            == "quotactl(QCMD(Q_SETQUOTA, PRJQUOTA), NULL, 1, {dqb_bhardlimit=16, dqb_bsoftlimit=17, dqb_curspace=18,"
            + " dqb_ihardlimit=19, dqb_isoftlimit=20, dqb_curinodes=21, dqb_btime=22, dqb_itime=23,"
            + " dqb_valid=QIF_BLIMITS|QIF_SPACE|QIF_ILIMITS|QIF_INODES|QIF_BTIME|QIF_ITIME}) = -1 ENOENT (No such file or directory)")
        #expect(line("quotactl", [0x8000_0900, 0, 0, 0x3000], ret: 0, mem: m)
            == "quotactl(QCMD(Q_GETNEXTQUOTA, USRQUOTA), NULL, 0, {dqb_bhardlimit=16, dqb_bsoftlimit=17, dqb_curspace=18,"
            + " dqb_ihardlimit=19, dqb_isoftlimit=20, dqb_curinodes=21, dqb_id=1000, ...}) = 0")
        #expect(line("quotactl", [0x8000_0600, 0, 0, 0x5000], ret: enoent, error: true, mem: m, style: DecodeStyle(xlat: .verbose))
            == "quotactl(2147485184 /* QCMD(Q_SETINFO, USRQUOTA) */, NULL, {dqi_bgrace=7, dqi_igrace=8,"
            + " dqi_flags=0xdeadabcd /* DQF_ROOT_SQUASH|DQF_SYS_FILE|0xdeacabcc */, dqi_valid=0x7 /* IIF_BGRACE|IIF_IGRACE|IIF_FLAGS */})"
            + " = -1 ENOENT (No such file or directory)")
        #expect(line("quotactl", [0x58_0100, 0x2000, 0xffff_ffff, 0x4000], ret: enoent, error: true, mem: m)
            == #"quotactl(QCMD(Q_XQUOTAON, USRQUOTA), "/dev/bogus/", [FS_QUOTA_UDQ_ACCT|FS_QUOTA_UDQ_ENFD|FS_QUOTA_GDQ_ACCT"#
            + "|FS_QUOTA_GDQ_ENFD|FS_QUOTA_PDQ_ENFD|0xdeadbec0]) = -1 ENOENT (No such file or directory)")
        #expect(line("quotactl", [0x58_0601, 0, 0, 0x4000], ret: enoent, error: true, mem: m)
            == "quotactl(QCMD(Q_XQUOTARM, GRPQUOTA), NULL, [FS_USER_QUOTA|FS_PROJ_QUOTA|FS_GROUP_QUOTA|0xdeadbee8])"
            + " = -1 ENOENT (No such file or directory)")
    }

    @Test func quotactlXFSStructures() {
        var m = FakeMemory()
        m.put(0x1000, [0x8e, 0x8f] + le(0x9190, 2) + le(0x95949392, 4) + (0..<13).flatMap { le(UInt64(100 + $0), 8) })
        m.put(0x2000, [1, 0] + le(0x5, 2) + [0, 0, 0, 0] + le(1, 8) + le(2, 8) + le(3, 4) + [0, 0, 0, 0]
              + le(4, 8) + le(5, 8) + le(6, 4) + [0, 0, 0, 0] + le(7, 4) + le(UInt64(bitPattern: -8), 4) + le(9, 4)
              + le(10, 4) + le(11, 2) + le(12, 2) + [0, 0, 0, 0])
        #expect(line("quotactl", [0x58_0402, 0, 3141592653, 0x1000], ret: enoent, error: true, mem: m)
            == "quotactl(QCMD(Q_XSETQLIM, PRJQUOTA), NULL, 3141592653, {d_version=-114, d_flags=FS_USER_QUOTA|FS_PROJ_QUOTA|FS_GROUP_QUOTA|0x88,"
            + " d_fieldmask=0x9190, d_id=2509542290, d_blk_hardlimit=100, d_blk_softlimit=101, d_ino_hardlimit=102,"
            + " d_ino_softlimit=103, d_bcount=104, d_icount=105, ...}) = -1 ENOENT (No such file or directory)")
        #expect(line("quotactl", [0x58_0500, 0, 0, 0x2000], ret: 0, mem: m)
            == "quotactl(QCMD(Q_XGETQSTAT, USRQUOTA), NULL, {qs_version=1, ...}) = 0")
        #expect(line("quotactl", [0x58_0500, 0, 0, 0x2000], ret: 0, mem: m, verbose: true)
            == "quotactl(QCMD(Q_XGETQSTAT, USRQUOTA), NULL, {qs_version=1, qs_flags=FS_QUOTA_UDQ_ACCT|FS_QUOTA_GDQ_ACCT,"
            + " qs_uquota={qfs_ino=1, qfs_nblks=2, qfs_nextents=3}, qs_gquota={qfs_ino=4, qfs_nblks=5, qfs_nextents=6},"
            + " qs_incoredqs=7, qs_btimelimit=-8, qs_itimelimit=9, qs_rtbtimelimit=10, qs_bwarnlimit=11, qs_iwarnlimit=12}) = 0")
        // Unreadable: the address.
        #expect(line("quotactl", [0x58_0802, 0, 0, 0x2001], ret: 0, mem: m)
            == "quotactl(QCMD(Q_XGETQSTATV, PRJQUOTA), NULL, 0x2001) = 0")
    }

    @Test func socketAddresses() {
        var m = FakeMemory()
        m.put(0x1000, le(17, 2) + [0, 3] + le(0xfacefeed, 4) + le(1, 2) + [0, 9] + Array("abcdefgh".utf8))
        #expect(line("connect", [UInt64(bitPattern: -1), 0x1000, 20], ret: -9, error: true, mem: m)
            == "connect(-1, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=4207869677, sll_hatype=ARPHRD_ETHER,"
            + " sll_pkttype=PACKET_HOST, sll_halen=9, sll_addr=[0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, ...]}, 20)"
            + " = -1 EBADF (Bad file descriptor)")
        #expect(line("connect", [UInt64(bitPattern: -1), 0x1000, 20], ret: -9, error: true, mem: m, style: DecodeStyle(xlat: .verbose))
            == #"connect(-1, {sa_family=0x11 /* AF_PACKET */, sll_protocol="\x00\x03" /* htons(ETH_P_ALL) */, sll_ifindex=4207869677,"#
            + " sll_hatype=0x1 /* ARPHRD_ETHER */, sll_pkttype=0 /* PACKET_HOST */, sll_halen=9, sll_addr=[0x61, 0x62, 0x63,"
            + " 0x64, 0x65, 0x66, 0x67, 0x68, ...]}, 20) = -1 EBADF (Bad file descriptor)")
        // Shorter than the family's structure: the bytes.
        #expect(line("connect", [UInt64(bitPattern: -1), 0x1000, 5], ret: -9, error: true, mem: m)
            == #"connect(-1, {sa_family=AF_PACKET, sa_data="\0\3\355"}, 5) = -1 EBADF (Bad file descriptor)"#)
        m.put(0x2000, le(10, 2) + [0x30, 0x39] + [0x49, 0x96, 0x02, 0xd2] + [0xff, 0x42] + [UInt8](repeating: 0, count: 14)
              + le(0xfacefeed, 4))
        #expect(line("connect", [UInt64(bitPattern: -1), 0x2000, 28], ret: -9, error: true, mem: m, style: DecodeStyle(xlat: .raw))
            == #"connect(-1, {sa_family=0xa, sin6_port="\x30\x39", sin6_flowinfo="\x49\x96\x02\xd2", sin6_addr="\xff\x42\x00\x00"#
            + #"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", sin6_scope_id=4207869677}, 28) = -1 EBADF (Bad file descriptor)"#)
        #expect(line("connect", [UInt64(bitPattern: -1), 0x2000, 24], ret: -9, error: true, mem: m)
            == #"connect(-1, {sa_family=AF_INET6, sin6_port=htons(12345), sin6_flowinfo=htonl(1234567890), inet_pton(AF_INET6, "ff42::", &sin6_addr)}, 24)"#
            + " = -1 EBADF (Bad file descriptor)")
        // AX.25: a plain callsign, one shown with its bytes, digipeaters cut where the address ends.
        let valid: [UInt8] = [0xac, 0x82, 0x98, 0x92, 0x88, 0x40, 0x1a]
        m.put(0x3000, le(3, 2) + valid + [0, 0, 0] + le(2, 4) + [0xa6, 0xa0, 0x82, 0x40, 0x86, 0x8a, 0x00, 0, 0, 0])
        #expect(line("connect", [UInt64(bitPattern: -1), 0x3000, 22], ret: -9, error: true, mem: m)
            == #"connect(-1, {sa_family=AF_AX25, fsa_ax25={sax25_call=VALID-13, sax25_ndigis=2}, fsa_digipeater=[...], ...}, 22)"#
            + " = -1 EBADF (Bad file descriptor)")
        #expect(line("connect", [UInt64(bitPattern: -1), 0x3000, 23], ret: -9, error: true, mem: m)
            == #"connect(-1, {sa_family=AF_AX25, fsa_ax25={sax25_call=VALID-13, sax25_ndigis=2}, fsa_digipeater=[{ax25_call="\xa6\xa0\x82\x40\x86\x8a\x00"} /* SPA CE-0 */, ...]}, 23)"#
            + " = -1 EBADF (Bad file descriptor)")
        // AF_UNIX: an abstract name keeps its NULs; AF_NETLINK's groups as %#010x.
        m.put(0x4000, le(1, 2) + [0, 0, 1] + Array("ab".utf8))
        #expect(line("bind", [3, 0x4000, 7], ret: -9, error: true, mem: m)
            == #"bind(3, {sa_family=AF_UNIX, sun_path=@"\0\1ab"}, 7) = -1 EBADF (Bad file descriptor)"#)
        m.put(0x5000, le(16, 2) + le(0xffff, 2) + le(1234567890, 4) + le(1, 4))
        #expect(line("bind", [3, 0x5000, 12], ret: -9, error: true, mem: m)
            == "bind(3, {sa_family=AF_NETLINK, nl_pad=0xffff, nl_pid=1234567890, nl_groups=0x000001}, 12) = -1 EBADF (Bad file descriptor)")
    }

    @Test func socketAddressesOfNewerFamilies() {
        var m = FakeMemory()
        m.put(0x1000, le(33, 2) + le(2501, 2) + le(4, 2) + le(16, 2) + le(2, 2) + [0xad, 0xde] + [237, 254, 206, 250]
              + [UInt8](repeating: 0, count: 20))
        #expect(line("connect", [UInt64(bitPattern: -1), 0x1000, 36], ret: -9, error: true, mem: m)
            == "connect(-1, {sa_family=AF_RXRPC, srx_service=0x9c5 /* YFS_CM_SERVICE */, transport_type=SOCK_RDM, transport_len=16,"
            + #" transport={sin={sin_family=AF_INET, sin_port=htons(44510), sin_addr=inet_addr("237.254.206.250")}}}, 36)"#
            + " = -1 EBADF (Bad file descriptor)")
        m.put(0x2000, le(40, 2) + le(0, 2) + le(0xffff_ffff, 4) + le(3, 4) + [0xef, 0x42, 0, 0])
        #expect(line("connect", [UInt64(bitPattern: -1), 0x2000, 16], ret: -9, error: true, mem: m)
            == #"connect(-1, {sa_family=AF_VSOCK, svm_cid=0x3, svm_port=VMADDR_PORT_ANY, svm_flags=VMADDR_FLAG_TO_HOST|0xee, svm_zero="\x42\x00\x00"}, 16)"#
            + " = -1 EBADF (Bad file descriptor)")
        m.put(0x3000, le(45, 2) + le(0, 2) + le(0, 4) + [0xff, 1, 8, 0])
        #expect(line("connect", [UInt64(bitPattern: -1), 0x3000, 12], ret: -9, error: true, mem: m, style: DecodeStyle(xlat: .verbose))
            == "connect(-1, {sa_family=0x2d /* AF_MCTP */, smctp_network=0 /* MCTP_NET_ANY */, smctp_addr={s_addr=0xff /* MCTP_ADDR_ANY */},"
            + " smctp_type=0x1, smctp_tag=0x8}, 12) = -1 EBADF (Bad file descriptor)")
        m.put(0x4000, le(38, 2) + Array("hash".utf8) + [UInt8](repeating: 0, count: 10) + le(0x1000, 4) + le(0, 4) + Array("sha1".utf8) + [0, 0, 0, 0])
        #expect(line("bind", [3, 0x4000, 32], ret: -9, error: true, mem: m)
            == #"bind(3, {sa_family=AF_ALG, salg_type="hash", salg_feat=0x1000 /* CRYPTO_ALG_KERN_DRIVER_ONLY */, salg_mask=0, salg_name="sha1"}, 32)"#
            + " = -1 EBADF (Bad file descriptor)")
        m.put(0x5000, le(36, 2) + [0, 0] + le(2, 4) + le(0xffff, 2) + le(0xfffe, 2) + [UInt8](repeating: 0, count: 8))
        #expect(line("bind", [3, 0x5000, 20], ret: -9, error: true, mem: m)
            == "bind(3, {sa_family=AF_IEEE802154, addr={addr_type=0x2 /* IEEE802154_ADDR_SHORT */, pan_id=0xffff /* IEEE802154_PANID_BROADCAST */,"
            + " short_addr=0xfffe /* IEEE802154_ADDR_UNDEF */}}, 20) = -1 EBADF (Bad file descriptor)")
    }

    /// One x86_64 mmsghdr: msghdr (name, namelen, iov, iovlen, control, controllen, flags) and msg_len.
    private func mmsghdr(name: UInt64, namelen: UInt64, iov: UInt64, iovlen: UInt64, len: UInt64) -> [UInt8] {
        le(name, 8) + le(namelen, 4) + [0, 0, 0, 0] + le(iov, 8) + le(iovlen, 8) + le(0, 8) + le(0, 8) + le(0, 4)
            + [0, 0, 0, 0] + le(len, 4) + [0, 0, 0, 0]
    }

    @Test func sendmmsgAndRecvmmsg() {
        var m = FakeMemory()
        m.put(0x1000, le(0x3000, 8) + le(3, 8) + le(0x3010, 8) + le(5, 8))
        m.put(0x3000, Array("012".utf8) + [UInt8](repeating: 0, count: 13) + Array("34567".utf8))
        m.put(0x2000, mmsghdr(name: 0, namelen: 0, iov: 0x1000, iovlen: 2, len: 8)
              + mmsghdr(name: 0, namelen: 0, iov: 0x1010, iovlen: 1, len: 5))
        #expect(line("sendmmsg", [1, 0x2000, 2, 0x4004], ret: 1, mem: m)
            == #"sendmmsg(1, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="012", iov_len=3}, {iov_base="34567", iov_len=5}],"#
            + " msg_iovlen=2, msg_controllen=0, msg_flags=0}, msg_len=8}, {msg_hdr={msg_name=NULL, msg_namelen=0,"
            + #" msg_iov=[{iov_base="34567", iov_len=5}], msg_iovlen=1, msg_controllen=0, msg_flags=0}}], 2, MSG_DONTROUTE|MSG_NOSIGNAL) = 1"#)
        // -s 1: one message, then `...`; the second one unreadable: its address.
        #expect(line("sendmmsg", [1, 0x2000, 3, 0], ret: -9, error: true, mem: m, s: 1)
            == #"sendmmsg(1, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="0"..., iov_len=3}, ...], msg_iovlen=2,"#
            + " msg_controllen=0, msg_flags=0}}, ...], 3, 0) = -1 EBADF (Bad file descriptor)")
        #expect(line("sendmmsg", [1, 0x2000, 3, 0], ret: -9, error: true, mem: m)
            .hasSuffix(#"msg_controllen=0, msg_flags=0}}, ... /* 0x2080 */], 3, 0) = -1 EBADF (Bad file descriptor)"#))
        // recvmmsg: each message's data up to its msg_len; the timeout as it was at entry.
        m.put(0x4000, le(0, 8) + le(12345678, 8))
        var d = SyscallDecoder(options: DecodeOptions(stringLimit: 32))
        let args: [UInt64] = [3, 0x2000, 2, 0, 0x4000]
        let e = d.decodeEntry(name: "recvmmsg", abi: .x86_64, args: args, memory: m, fds: nil)
        m.put(0x2000, mmsghdr(name: 0, namelen: 0, iov: 0x1000, iovlen: 2, len: 4))
        m.put(0x4000, le(0, 8) + le(1000, 8))
        let x = d.decodeExit(e, abi: .x86_64, args: args, rval: 1, isError: false, memory: m, fds: nil)
        #expect("recvmmsg(" + x.args.joined(separator: ", ") + ") = " + x.ret
            == #"recvmmsg(3, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="012", iov_len=3}, {iov_base="3", iov_len=5}],"#
            + " msg_iovlen=2, msg_controllen=0, msg_flags=0}, msg_len=4}], 2, 0, {tv_sec=0, tv_nsec=12345678})"
            + " = 1 (left {tv_sec=0, tv_nsec=1000})")
        d = SyscallDecoder(options: DecodeOptions(stringLimit: 32))
        #expect(line("recvmmsg", [UInt64(bitPattern: -1), 0x2000, 1, 0, 0x4000], ret: -9, error: true, mem: m)
            == "recvmmsg(-1, 0x2000, 1, 0, {tv_sec=0, tv_nsec=1000}) = -1 EBADF (Bad file descriptor)")
        #expect(line("recvmmsg", [3, 0x2000, 1, 0, 0], ret: 0, mem: m)
            == "recvmmsg(3, [], 1, 0, NULL) = 0 (Timeout)")
    }

    @Test func recvmsgNameLength() {
        func memory(namelen: UInt64) -> FakeMemory {
            var m = FakeMemory()
            m.put(0x1000, le(0x2000, 8) + le(namelen, 4) + [0, 0, 0, 0] + le(0x3000, 8) + le(1, 8) + le(0, 8) + le(0, 8)
                  + le(0, 4) + [0, 0, 0, 0])
            m.put(0x2000, le(1, 2) + Array("sock".utf8) + [0])
            m.put(0x3000, le(0x4000, 8) + le(1, 8))
            m.put(0x4000, Array("A".utf8))
            return m
        }
        let d = SyscallDecoder(options: DecodeOptions(stringLimit: 32))
        let args: [UInt64] = [3, 0x1000, 0x40]
        let e = d.decodeEntry(name: "recvmsg", abi: .x86_64, args: args, memory: memory(namelen: 110), fds: nil)
        let m = memory(namelen: 7)
        let x = d.decodeExit(e, abi: .x86_64, args: args, rval: 1, isError: false, memory: m, fds: nil)
        #expect("recvmsg(" + x.args.joined(separator: ", ") + ") = " + x.ret
            == #"recvmsg(3, {msg_name={sa_family=AF_UNIX, sun_path="sock"}, msg_namelen=110 => 7, msg_iov=[{iov_base="A", iov_len=1}],"#
            + " msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_DONTWAIT) = 1")
        let failed = d.decodeExit(e, abi: .x86_64, args: args, rval: -11, isError: true, memory: m, fds: nil)
        #expect(failed.args == ["3", "{msg_namelen=110}", "MSG_DONTWAIT"])
    }

    @Test func ioUringRegisterOperations() {
        let eopnotsupp: Int64 = -95
        var m = FakeMemory()
        m.put(0x1000, le(0xdeadbeef, 4) + le(0, 4) + le(0x2000, 8))
        m.put(0x2000, le(0, 4) + le(UInt64(UInt32(bitPattern: -1)), 4) + le(UInt64(UInt32(bitPattern: -2)), 4))
        #expect(line("io_uring_register", [0, 6, 0x1000, 3], ret: eopnotsupp, error: true, mem: m)
            == "io_uring_register(0, IORING_REGISTER_FILES_UPDATE, {offset=3735928559, fds=[0, -1, IORING_REGISTER_FILES_SKIP]}, 3)"
            + " = -1 EOPNOTSUPP (Operation not supported)")
        // Restrictions: an unknown opcode with its operand in a comment.
        m.put(0x3000, le(0, 2) + [0x17, 0x77] + le(0, 12) + le(4, 2) + [0xef, 0] + le(0, 4) + le(5, 4) + le(0, 4))
        #expect(line("io_uring_register", [0, 0xb, 0x3000, 2], ret: eopnotsupp, error: true, mem: m)
            == "io_uring_register(0, IORING_REGISTER_RESTRICTIONS, [{opcode=IORING_RESTRICTION_REGISTER_OP,"
            + " register_op=IORING_UNREGISTER_PBUF_RING, resv=0x77}, {opcode=0x4 /* IORING_RESTRICTION_??? */ /* op: 0xef */,"
            + " resv2=[0, 0x5, 0]}], 2) = -1 EOPNOTSUPP (Operation not supported)")
        // FILES2 with a tail the kernel does not know.
        m.put(0x4000, le(2, 4) + le(1, 4) + le(0, 8) + le(0x2000, 8) + le(0, 8) + [0xa0, 0xa1])
        #expect(line("io_uring_register", [0, 0xd, 0x4000, 34], ret: eopnotsupp, error: true, mem: m)
            == #"io_uring_register(0, IORING_REGISTER_FILES2, {nr=2, flags=IORING_RSRC_REGISTER_SPARSE, data=[0, -1], tags=NULL,"#
            + #" /* bytes 32..33 */ "\xa0\xa1"}, 34) = -1 EOPNOTSUPP (Operation not supported)"#)
        #expect(line("io_uring_register", [0, 0xd, 0x4000, 31], ret: eopnotsupp, error: true, mem: m)
            == "io_uring_register(0, IORING_REGISTER_FILES2, 0x4000, 31) = -1 EOPNOTSUPP (Operation not supported)")
    }

    @Test func ioUringRegisterAtEntryAndExit() {
        let d = SyscallDecoder(options: DecodeOptions(stringLimit: 32))
        func call(_ args: [UInt64], entry: FakeMemory, exit: FakeMemory, ret: Int64, error: Bool) -> String {
            let e = d.decodeEntry(name: "io_uring_register", abi: .x86_64, args: args, memory: entry, fds: nil)
            let x = d.decodeExit(e, abi: .x86_64, args: args, rval: ret, isError: error, memory: exit, fds: nil)
            return "io_uring_register(" + x.args.joined(separator: ", ") + ") = " + x.ret
        }
        var before = FakeMemory(), after = FakeMemory()
        before.put(0x1000, le(0, 4) + le(1, 4) + le(7, 4))
        after.put(0x1000, le(4, 4) + le(8, 4) + le(7, 4))
        #expect(call([0, 0x13, 0x1000, 2], entry: before, exit: after, ret: 0, error: false)
            == "io_uring_register(0, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=1]"
            + " => [[IO_WQ_BOUND]=4, [IO_WQ_UNBOUND]=8], 2) = 0")
        #expect(call([0, 0x13, 0x1000, 3], entry: before, exit: before, ret: -95, error: true)
            == "io_uring_register(0, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=1,"
            + " [2 /* IO_WQ_??? */]=7] => 0x1000, 3) = -1 EOPNOTSUPP (Operation not supported)")
        // The probe: zeros at entry, shown as the kernel filled it; filled by the caller, as passed.
        var zeros = FakeMemory(), filled = FakeMemory()
        zeros.put(0x2000, [UInt8](repeating: 0, count: 32))
        filled.put(0x2000, [29, 2, 0, 0] + le(0, 12) + [0, 0] + le(1, 2) + le(0, 4) + [47, 0xaf] + le(0xbeef, 2) + le(0, 4))
        #expect(call([0, 8, 0x2000, 2], entry: zeros, exit: filled, ret: 0, error: false)
            == "io_uring_register(0, IORING_REGISTER_PROBE, {last_op=IORING_OP_EPOLL_CTL, ops_len=2, ops=[{op=IORING_OP_NOP,"
            + " flags=IO_URING_OP_SUPPORTED}, {op=47 /* IORING_OP_??? */, resv=0xaf, flags=IO_URING_OP_SUPPORTED|0xbeee}]}, 2) = 0")
        #expect(call([0, 8, 0x2000, 1], entry: zeros, exit: zeros, ret: -95, error: true)
            == "io_uring_register(0, IORING_REGISTER_PROBE, 0x2000, 1) = -1 EOPNOTSUPP (Operation not supported)")
        #expect(call([0, 8, 0x2000, 1], entry: filled, exit: filled, ret: -22, error: true)
            == "io_uring_register(0, IORING_REGISTER_PROBE, {last_op=IORING_OP_EPOLL_CTL, ops_len=2, ops=[{op=IORING_OP_NOP,"
            + " flags=IO_URING_OP_SUPPORTED}]}, 1) = -1 EINVAL (Invalid argument)")
    }
}
