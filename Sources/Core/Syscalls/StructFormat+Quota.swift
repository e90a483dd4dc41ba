// quotactl and quotactl_fd (strace 6.1's quota.c): the command as `QCMD(Q_GETQUOTA,
// USRQUOTA)`, then what each command takes: an id, a format, a path, or one of the quota
// structures (the VFS's if_dqblk, if_nextdqblk and if_dqinfo, XFS's fs_disk_quota,
// fs_quota_stat and fs_quota_statv), those the kernel fills shown at exit.

/// A quota command's data (`FSNetArg.quota`).
enum QuotaData: Sendable {
    /// `struct if_dqblk` (Q_GETQUOTA, Q_SETQUOTA).
    case dqblk
    /// `struct if_nextdqblk` (Q_GETNEXTQUOTA).
    case nextDqblk
    /// `struct if_dqinfo` (Q_GETINFO, Q_SETINFO).
    case dqinfo
    /// `struct fs_disk_quota` (Q_XGETQUOTA, Q_XGETNEXTQUOTA, Q_XSETQLIM).
    case diskQuota
    /// `struct fs_quota_stat` (Q_XGETQSTAT): i386's is packed differently.
    case quotaStat
    /// `struct fs_quota_statv` (Q_XGETQSTATV).
    case quotaStatV
    /// Q_XQUOTAON/Q_XQUOTAOFF's flags: `[FS_QUOTA_UDQ_ACCT|...]`.
    case xfsQuotaFlags
    /// Q_XQUOTARM's flags: `[FS_USER_QUOTA|...]`.
    case xfsDqblkFlags
}

extension SyscallDecoder {
    /// quotactl's (or, `fd`, quotactl_fd's) arguments for the command in it (strace's
    /// decode_cmd_data): the id and the data each command takes.
    static func quotaPlan(fd: Bool, _ a: SyscallArgs) -> Plan {
        var s = fd ? [Slot(index: 0, arg: .fd), Slot(index: 1, arg: .fsnet(.qcmd))]
                   : [Slot(index: 0, arg: .fsnet(.qcmd)), Slot(index: 1, arg: .path)]
        let id = Slot(index: 2, arg: .uid)
        func data(_ d: QuotaData) -> Slot { Slot(index: 3, arg: .fsnet(.quota(d))) }
        func out(_ d: QuotaData) -> Slot { Slot(index: 3, arg: .out(.fsnet(.quota(d)))) }
        switch UInt32(truncatingIfNeeded: a[fd ? 1 : 0]) >> 8 {
        case 0x80_0003, 0x80_0001, 0x5807: break                          // Q_QUOTAOFF, Q_SYNC, Q_XQUOTASYNC
        case 0x80_0002:                                                    // Q_QUOTAON
            s += [Slot(index: 2, arg: .xval(X.quotaFormats)), Slot(index: 3, arg: .path)]
        case 0x80_0007: s += [id, out(.dqblk)]                             // Q_GETQUOTA
        case 0x80_0008: s += [id, data(.dqblk)]                            // Q_SETQUOTA
        case 0x80_0009: s += [id, out(.nextDqblk)]                         // Q_GETNEXTQUOTA
        case 0x5803, 0x5809: s += [id, out(.diskQuota)]                    // Q_XGETQUOTA, Q_XGETNEXTQUOTA
        case 0x5804: s += [id, data(.diskQuota)]                           // Q_XSETQLIM
        case 0x80_0004: s.append(Slot(index: 3, arg: .out(.fsnet(.quotaFormat))))   // Q_GETFMT
        case 0x80_0005: s.append(out(.dqinfo))                             // Q_GETINFO
        case 0x80_0006: s.append(data(.dqinfo))                            // Q_SETINFO
        case 0x5805: s.append(out(.quotaStat))                             // Q_XGETQSTAT
        case 0x5808: s.append(out(.quotaStatV))                            // Q_XGETQSTATV
        case 0x5801, 0x5802: s.append(data(.xfsQuotaFlags))                // Q_XQUOTAON, Q_XQUOTAOFF
        case 0x5806: s.append(data(.xfsDqblkFlags))                        // Q_XQUOTARM
        default: s += [id, Slot(index: 3, arg: .ptr)]
        }
        return Plan(slots: s)
    }
}

extension CapturePlanner {
    /// The commands whose data differ (quotaPlan's cases), as the command argument's values.
    static let quotaCommands: [UInt64] = [0, 0x8000_0200, 0x8000_0400, 0x8000_0500, 0x8000_0600, 0x8000_0700,
                                          0x8000_0800, 0x8000_0900, 0x58_0100, 0x58_0300, 0x58_0400, 0x58_0500,
                                          0x58_0600, 0x58_0800]

    func addQuota(_ q: QuotaData, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        plan.add(CaptureOp(.memory, a: i, max: ArgContext.quotaSize(q, abi: abi)), exiting: exiting)
    }
}

extension ArgContext {
    /// The bytes each structure takes in the tracee.
    static func quotaSize(_ q: QuotaData, abi: SyscallABI) -> Int {
        switch q {
        case .dqblk: return 68
        case .nextDqblk: return 72
        case .dqinfo: return 24
        case .diskQuota: return 112
        case .quotaStat: return abi == .i386 ? 68 : 80
        case .quotaStatV: return 160
        case .xfsQuotaFlags, .xfsDqblkFlags: return 4
        }
    }

    /// A quota command's data: the address when unreadable or when the call failed (at exit).
    func quotaValue(_ q: QuotaData, _ i: Int) -> SyscallValue {
        let v = args[i]
        guard !(exiting && isError), let b = read(v, Self.quotaSize(q, abi: abi)) else { return .pointer(v) }
        func u(_ o: Int) -> SyscallValue { .uint(b.u64(o)) }
        func u32(_ o: Int) -> SyscallValue { .uint(b.u32(o)) }
        func u16(_ o: Int) -> SyscallValue { .uint(b.u16(o)) }
        func s32(_ o: Int) -> SyscallValue { .int(b.i32(o)) }
        let version = F("qs_version", .int(Int64(Int8(truncatingIfNeeded: b.u8(0)))))
        switch q {
        case .dqblk, .nextDqblk:
            var f = ["dqb_bhardlimit", "dqb_bsoftlimit", "dqb_curspace", "dqb_ihardlimit", "dqb_isoftlimit",
                     "dqb_curinodes"].enumerated().map { F($0.element, u(8 * $0.offset)) }
            if abbreviated {
                if q == .nextDqblk { f.append(F("dqb_id", u32(68))) }
                return .structure(f, more: true)
            }
            f += [F("dqb_btime", u(48)), F("dqb_itime", u(56)), F("dqb_valid", X.dqblkValid.flagsValue(b.u32(64)))]
            if q == .nextDqblk { f.append(F("dqb_id", u32(68))) }
            return .structure(f)
        case .dqinfo:
            return .structure([F("dqi_bgrace", u(0)), F("dqi_igrace", u(8)),
                               F("dqi_flags", X.dqinfoFlags.flagsValue(b.u32(16))),
                               F("dqi_valid", X.dqinfoValid.flagsValue(b.u32(20)))])
        case .diskQuota:
            let mask = b.u16(2)
            var f = [F("d_version", .int(Int64(Int8(truncatingIfNeeded: b.u8(0))))),
                     F("d_flags", X.xfsDqblkFlags.flagsValue(b.u8(1))),
                     F("d_fieldmask", .uint(mask, text: Fmt.hex(mask))), F("d_id", u32(4))]
            f += ["d_blk_hardlimit", "d_blk_softlimit", "d_ino_hardlimit", "d_ino_softlimit", "d_bcount",
                  "d_icount"].enumerated().map { F($0.element, u(8 + 8 * $0.offset)) }
            if abbreviated { return .structure(f, more: true) }
            f += [F("d_itimer", s32(56)), F("d_btimer", s32(60)), F("d_iwarns", u16(64)), F("d_bwarns", u16(66)),
                  F("d_rtb_hardlimit", u(72)), F("d_rtb_softlimit", u(80)), F("d_rtbcount", u(88)),
                  F("d_rtbtimer", s32(96)), F("d_rtbwarns", u16(100))]
            return .structure(f)
        case .quotaStat:
            if abbreviated { return .structure([version], more: true) }
            // i386 aligns the 64-bit members to 4: fs_qfilestat takes 20 bytes there.
            let (file, after) = abi == .i386 ? (20, 48) : (24, 56)
            func filestat(_ o: Int) -> SyscallValue {
                .structure([F("qfs_ino", u(o)), F("qfs_nblks", u(o + 8)), F("qfs_nextents", u32(o + 16))])
            }
            return .structure([version, F("qs_flags", X.xfsQuotaFlags.flagsValue(b.u16(2))),
                               F("qs_uquota", filestat(8)), F("qs_gquota", filestat(8 + file)),
                               F("qs_incoredqs", u32(after)), F("qs_btimelimit", s32(after + 4)),
                               F("qs_itimelimit", s32(after + 8)), F("qs_rtbtimelimit", s32(after + 12)),
                               F("qs_bwarnlimit", u16(after + 16)), F("qs_iwarnlimit", u16(after + 18))])
        case .quotaStatV:
            if abbreviated { return .structure([version], more: true) }
            func filestat(_ o: Int) -> SyscallValue {
                .structure([F("qfs_ino", u(o)), F("qfs_nblks", u(o + 8)), F("qfs_nextents", u32(o + 16))])
            }
            return .structure([version, F("qs_flags", X.xfsQuotaFlags.flagsValue(b.u16(2))),
                               F("qs_incoredqs", u32(4)), F("qs_uquota", filestat(8)), F("qs_gquota", filestat(32)),
                               F("qs_pquota", filestat(56)), F("qs_btimelimit", s32(80)), F("qs_itimelimit", s32(84)),
                               F("qs_rtbtimelimit", s32(88)), F("qs_bwarnlimit", u16(92)), F("qs_iwarnlimit", u16(94))])
        case .xfsQuotaFlags: return .pointee(X.xfsQuotaFlags.flagsValue(b.u32(0)))
        case .xfsDqblkFlags: return .pointee(X.xfsDqblkFlags.flagsValue(b.u32(0)))
        }
    }

    /// `QCMD(Q_GETFMT, USRQUOTA)`; `-X raw` the number, `-X verbose` both.
    static func qcmd(_ q: UInt32) -> SyscallValue {
        let cmd = UInt64(q >> 8), type = UInt64(q & 0xff)
        let names = DecodeStyle.with(DecodeStyle(xlat: .abbrev, hexStrings: DecodeStyle.current.hexStrings)) {
            "QCMD(" + quotaName(X.quotaCmds, cmd) + ", " + quotaName(X.quotaTypes, type) + ")"
        }
        let text: String
        switch DecodeStyle.current.xlat {
        case .abbrev: text = names
        case .raw: text = String(q)
        case .verbose: text = String(q) + " /* " + names + " */"
        }
        return .symbol(Int64(q), name: X.quotaCmds.name(cmd), text: text)
    }

    /// strace's printxvals_ex in the abbreviated style: the name, else `0x3 /* ???QUOTA */`
    /// (a zero `0 /* Q_??? */`, not `0`).
    static func quotaName(_ x: Xlat, _ v: UInt64) -> String {
        x.name(v) ?? (v == 0 ? "0" : Fmt.hex(v)) + " /* " + x.unknown + " */"
    }
}

extension X {
    static let xfsQuotaFlags = Xlat("FS_QUOTA_???", [
        (0x1, "FS_QUOTA_UDQ_ACCT"), (0x2, "FS_QUOTA_UDQ_ENFD"), (0x4, "FS_QUOTA_GDQ_ACCT"), (0x8, "FS_QUOTA_GDQ_ENFD"),
        (0x10, "FS_QUOTA_PDQ_ACCT"), (0x20, "FS_QUOTA_PDQ_ENFD")])
    static let xfsDqblkFlags = Xlat("FS_???_QUOTA", [(0x1, "FS_USER_QUOTA"), (0x2, "FS_PROJ_QUOTA"), (0x4, "FS_GROUP_QUOTA")])
    static let dqblkValid = Xlat("QIF_???", [
        (0x1, "QIF_BLIMITS"), (0x2, "QIF_SPACE"), (0x4, "QIF_ILIMITS"), (0x8, "QIF_INODES"), (0x10, "QIF_BTIME"),
        (0x20, "QIF_ITIME")])
    static let dqinfoFlags = Xlat("DQF_???", [(0x1, "DQF_ROOT_SQUASH"), (0x1_0000, "DQF_SYS_FILE")])
    static let dqinfoValid = Xlat("IIF_???", [(0x1, "IIF_BGRACE"), (0x2, "IIF_IGRACE"), (0x4, "IIF_FLAGS")])
}
