import Testing
@testable import NSCore

/// quotactl's commands (StructFormat+Quota.swift), socket addresses (StructFormat+Sockaddr.swift),
/// sendmmsg/recvmmsg (StructFormat+Mmsg.swift) and io_uring_register (StructFormat+IOUring.swift),
/// held to the lines strace 6.1 prints for the same arguments and memory (its tests/*.c).
@Suite struct DecoderNetTests {
    private func line(_ name: String, _ args: [UInt64], ret: Int64 = 0, error: Bool = false,
                      mem: FakeMemory = FakeMemory(), s: Int = 32, verbose: Bool = false,
                      style: DecodeStyle = DecodeStyle()) -> String {
        var options = DecodeOptions(stringLimit: s)
        options.style = style
        if verbose { options.abbreviate = TraceFilter(names: [], classes: [], negated: false) }
        let d = SyscallDecoder(options: options)
        let e = d.decodeEntry(name: name, abi: .x86_64, args: args, memory: mem, fds: nil)
        let x = d.decodeExit(e, abi: .x86_64, args: args, rval: ret, isError: error, memory: mem, fds: nil)
        let direct = writtenLine(d, name, .x86_64, args, ret: ret, error: error, mem: mem, exitMem: mem, fds: nil)
        #expect(direct == stringLine(e, x), "the printer's path (write*) differs from decodeEntry/decodeExit")
        return name + "(" + x.args.joined(separator: ", ") + ") = " + x.ret
    }

    private let efault: Int64 = -14
    private let einval: Int64 = -22
    private let enoent: Int64 = -2

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
}
