import Testing
@testable import NSCore

/// The file-system, key, security and socket-option decoders (StructFormat+FS.swift), held
/// to the lines strace 6.1 prints for the same arguments and memory (its tests/*.c).
@Suite struct DecoderFSTests: StraceLineSuite {
    @Test func keys() {
        var m = FakeMemory()
        m.put(0x1000, cString: "user")
        m.put(0x2000, Array("payload".utf8))
        #expect(line("add_key", [0, 0, 0, 0, 0], ret: efault, error: true)
            == "add_key(NULL, NULL, NULL, 0, 0) = -1 EFAULT (Bad address)")
        #expect(line("add_key", [0x1000, 0x1000, 0x2000, 7, UInt64(bitPattern: -1)], ret: 5, mem: m)
            == #"add_key("user", "user", "payload", 7, KEY_SPEC_THREAD_KEYRING) = 5"#)
        #expect(line("request_key", [0, 0, 0, 0xdeadbeef_499602d2], ret: efault, error: true)
            == "request_key(NULL, NULL, NULL, 1234567890) = -1 EFAULT (Bad address)")
        #expect(line("request_key", [0, 0, 0, UInt64(bitPattern: -4)], ret: efault, error: true,
                     style: DecodeStyle(xlat: .verbose))
            == "request_key(NULL, NULL, NULL, -4 /* KEY_SPEC_USER_KEYRING */) = -1 EFAULT (Bad address)")
    }

    @Test func fanotify() {
        #expect(line("fanotify_init", [0, 0], ret: 3) == "fanotify_init(FAN_CLASS_NOTIF, O_RDONLY) = 3")
        #expect(line("fanotify_init", [0xffff_ffff, 0x8000_0001], ret: einval, error: true)
            == "fanotify_init(0xc /* FAN_CLASS_??? */|FAN_CLOEXEC|FAN_NONBLOCK|FAN_UNLIMITED_QUEUE|FAN_UNLIMITED_MARKS"
            + "|FAN_ENABLE_AUDIT|FAN_REPORT_PIDFD|FAN_REPORT_TID|FAN_REPORT_FID|FAN_REPORT_DIR_FID|FAN_REPORT_NAME"
            + "|FAN_REPORT_TARGET_FID|0xffffe000, O_WRONLY|0x80000000) = -1 EINVAL (Invalid argument)")
        #expect(line("fanotify_mark", [0xdeadfeed_12345678, 0xeface800, 0x1_0000_0001, UInt64(bitPattern: -1), 0],
                     ret: einval, error: true)
            == "fanotify_mark(305419896, 0xeface800 /* FAN_MARK_??? */, FAN_ACCESS|0x100000000, FAN_NOFD, NULL)"
            + " = -1 EINVAL (Invalid argument)")
    }

    @Test func landlock() {
        var m = FakeMemory()
        m.put(0x1000, le(0x1, 8) + le(UInt64(UInt32.max), 4))
        #expect(line("landlock_create_ruleset", [0, 0, 0], ret: efault, error: true)
            == "landlock_create_ruleset(NULL, 0, 0) = -1 EFAULT (Bad address)")
        #expect(line("landlock_create_ruleset", [0x1000, 16, 0], ret: 3, mem: m)
            == "landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE, ...}, 16, 0) = 3")
        #expect(line("landlock_add_rule", [UInt64(bitPattern: -1), 1, 0x1000, 0], ret: -9, error: true, mem: m)
            == "landlock_add_rule(-1, LANDLOCK_RULE_PATH_BENEATH, {allowed_access=LANDLOCK_ACCESS_FS_EXECUTE,"
            + " parent_fd=-1}, 0) = -1 EBADF (Bad file descriptor)")
        #expect(line("landlock_add_rule", [0, 0xfacebeef, 0x1000, 1], ret: einval, error: true, mem: m)
            == "landlock_add_rule(0, 0xfacebeef /* LANDLOCK_RULE_??? */, 0x1000, 0x1) = -1 EINVAL (Invalid argument)")
    }

    @Test func quotaMknodAndLinkat() {
        var m = FakeMemory()
        m.put(0x1000, le(4, 4))
        m.put(0x2000, cString: "f")
        #expect(line("quotactl_fd", [3, 0x8000_0400, 0, 0x1000], ret: 0, mem: m)
            == "quotactl_fd(3, QCMD(Q_GETFMT, USRQUOTA), [QFMT_VFS_V1]) = 0")
        #expect(line("quotactl_fd", [3, 0xbadc0ded, 0, 0x1000], ret: einval, error: true, mem: m,
                     style: DecodeStyle(xlat: .verbose))
            == "quotactl_fd(3, 3134983661 /* QCMD(0xbadc0d /* Q_??? */, 0xed /* ???QUOTA */) */, 0, 0x1000)"
            + " = -1 EINVAL (Invalid argument)")
        #expect(line("mknod", [0x2000, 0xffff_ffff_0000_ffff], ret: einval, error: true, mem: m)
            == #"mknod("f", 0177777) = -1 EINVAL (Invalid argument)"#)
        #expect(line("mknod", [0x2000, 0o067777, 0xffff_ffff_000c_0ded], ret: -17, error: true, mem: m)
            == #"mknod("f", S_IFBLK|S_ISUID|S_ISGID|S_ISVTX|0777, makedev(0xc0d, 0xed)) = -1 EEXIST (File exists)"#)
        #expect(line("linkat", [UInt64(bitPattern: -100), 0x2000, UInt64(bitPattern: -100), 0x2000, 0xffff_ffff],
                     ret: einval, error: true, mem: m)
            == #"linkat(AT_FDCWD, "f", AT_FDCWD, "f", AT_SYMLINK_NOFOLLOW|AT_REMOVEDIR|AT_SYMLINK_FOLLOW|"#
            + #"AT_NO_AUTOMOUNT|AT_EMPTY_PATH|AT_RECURSIVE|0xffff60ff) = -1 EINVAL (Invalid argument)"#)
    }

    @Test func mountAndXattr() {
        var m = FakeMemory()
        m.put(0x1000, cString: "src")
        m.put(0x2000, Array("foo\0bar\0".utf8))
        #expect(line("mount", [0x1000, 0x1000, 0x3000, 0xc0ed_0020, 0x1000], ret: -2, error: true, mem: m)
            == #"mount("src", "src", 0x3000, MS_MGC_VAL|MS_REMOUNT, "src") = -1 ENOENT (No such file or directory)"#)
        #expect(line("mount", [0x1000, 0x1000, 0x1000, 0x1000, 0x3000], ret: -2, error: true, mem: m,
                     style: DecodeStyle(xlat: .verbose))
            == #"mount("src", "src", 0x1000, 0x1000 /* MS_BIND */, 0x3000) = -1 ENOENT (No such file or directory)"#)
        #expect(line("fsetxattr", [UInt64(bitPattern: -1), 0x1000, 0x2000, 8, 2], ret: -9, error: true, mem: m)
            == #"fsetxattr(-1, "src", "foo\0bar", 8, XATTR_REPLACE) = -1 EBADF (Bad file descriptor)"#)
        #expect(line("fsetxattr", [UInt64(bitPattern: -1), 0x1000, 0x2000, 65537, 1], ret: -7, error: true, mem: m)
            == #"fsetxattr(-1, "src", 0x2000, 65537, XATTR_CREATE) = -1 E2BIG (Argument list too long)"#)
        #expect(line("listxattr", [0x1000, 0x2000, 8], ret: 4, mem: m) == #"listxattr("src", "foo\0", 8) = 4"#)
        #expect(line("listxattr", [0x1000, 0x2000, 0], ret: 8, mem: m) == #"listxattr("src", 0x2000, 0) = 8"#)
    }

    @Test func socketOptions() {
        var m = FakeMemory()
        m.put(0x1000, le(0, 8))
        m.put(0x2000, le(8, 4))
        m.put(0x3000, le(3, 4))
        m.put(0x4000, le(111, 4))
        m.put(0x5000, le(0xffff_ffff, 4))
        // The value and the length are read at exit; the length before the call at entry.
        #expect(line("getsockopt", [3, 1, 13, 0x1000, 0x2000], mem: m)
            == "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=0, l_linger=0}, [8]) = 0")
        #expect(line("getsockopt", [3, 1, 13, 0x1000, 0x3000], mem: m)
            == #"getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff="\x00\x00\x00"}, [3]) = 0"#)
        #expect(line("getsockopt", [4, 1, 4, 0x4000, 0x3000], mem: m)
            == #"getsockopt(4, SOL_SOCKET, SO_ERROR, "\x6f\x00\x00", [3]) = 0"#)
        #expect(line("getsockopt", [4, 1, 4, 0x4000, 0x5000], ret: einval, error: true, mem: m)
            == "getsockopt(4, SOL_SOCKET, SO_ERROR, 0x4000, [-1]) = -1 EINVAL (Invalid argument)")
        #expect(line("getsockopt", [3, 1, 1, 0x4000, 0x3000], mem: m, style: DecodeStyle(xlat: .raw))
            == #"getsockopt(3, 0x1, 0x1, "\x6f\x00\x00", [3]) = 0"#)
        #expect(line("setsockopt", [3, 1, 1, 0x4000, 5], mem: m) == "setsockopt(3, SOL_SOCKET, SO_DEBUG, [111], 5) = 0")
        #expect(line("setsockopt", [3, 1, 1, 0x4000, 3], ret: einval, error: true, mem: m)
            == "setsockopt(3, SOL_SOCKET, SO_DEBUG, 0x4000, 3) = -1 EINVAL (Invalid argument)")
        #expect(line("setsockopt", [UInt64(bitPattern: -1), 263, 0xffff_ffff, 0, 0], ret: -9, error: true)
            == "setsockopt(-1, SOL_PACKET, 0xffffffff /* PACKET_??? */, NULL, 0) = -1 EBADF (Bad file descriptor)")
        m.put(0x6000, le(0, 4) + le(0xffff, 2) + le(6, 2) + [UInt8](repeating: 0xff, count: 8))
        #expect(line("setsockopt", [UInt64(bitPattern: -1), 263, 1, 0x6000, 16], ret: -9, error: true, mem: m)
            == "setsockopt(-1, SOL_PACKET, PACKET_ADD_MEMBERSHIP, {mr_ifindex=0, mr_type=0xffff /* PACKET_MR_??? */,"
            + " mr_alen=6, mr_address=ff:ff:ff:ff:ff:ff}, 16) = -1 EBADF (Bad file descriptor)")
        m.put(0x7000, [224, 0, 0, 3, 127, 0, 0, 1])
        #expect(line("setsockopt", [0, 0, 35, 0x7000, 8], mem: m)
            == #"setsockopt(0, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("224.0.0.3"), "#
            + #"imr_interface=inet_addr("127.0.0.1")}, 8) = 0"#)
    }

    @Test func seccompEpollAndFutexWaitv() {
        var m = FakeMemory()
        m.put(0x1000, le(7, 8) + le(0x5000, 8))
        m.put(0x2000, le(0x7fff_0000, 4))
        m.put(0x3000, le(0, 8) + le(0x4000, 8) + le(0x82, 4) + le(0, 4))
        #expect(line("seccomp", [1, 0, 0x1000], ret: einval, error: true, mem: m)
            == "seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=7, filter=0x5000}) = -1 EINVAL (Invalid argument)")
        #expect(line("seccomp", [2, 0, 0x2000], mem: m) == "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_ALLOW]) = 0")
        #expect(line("seccomp", [3, 0xdeadbeef, 0], ret: einval, error: true)
            == "seccomp(SECCOMP_GET_NOTIF_SIZES, 0xdeadbeef, NULL) = -1 EINVAL (Invalid argument)")
        #expect(line("epoll_ctl", [UInt64(bitPattern: -3), 2, UInt64(bitPattern: -4), 0x1000], ret: -9, error: true, mem: m)
            == "epoll_ctl(-3, EPOLL_CTL_DEL, -4, 0x1000) = -1 EBADF (Bad file descriptor)")
        #expect(line("futex_waitv", [0x3000, 2, 0, 0, 1], ret: efault, error: true, mem: m)
            == "futex_waitv([{val=0, uaddr=0x4000, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ... /* 0x3018 */], 2, 0, NULL,"
            + " CLOCK_MONOTONIC) = -1 EFAULT (Bad address)")
        #expect(line("futex_waitv", [0, 1, 0xffff_ffff, 0, 0xffff_ffff], ret: einval, error: true)
            == "futex_waitv(NULL, 1, 0xffffffff, NULL, 0xffffffff /* CLOCK_??? */) = -1 EINVAL (Invalid argument)")
    }

    @Test func statUnabbreviated() {
        var m = FakeMemory()
        var st = [UInt8](repeating: 0, count: 144)
        func put(_ o: Int, _ v: UInt64, _ n: Int) { for (k, b) in le(v, n).enumerated() { st[o + k] = b } }
        put(0, 0xfe00, 8); put(8, 5, 8); put(16, 1, 8); put(24, 0o100640, 4); put(48, 42, 8); put(56, 4096, 8)
        put(72, 0, 8); put(80, 135, 8)
        m.put(0x1000, st)
        m.put(0x2000, cString: "f")
        let text = line("stat", [0x2000, 0x1000], mem: m, verbose: true)
        #expect(text.hasPrefix(#"stat("f", {st_dev=makedev(0xfe, 0), st_ino=5, st_mode=S_IFREG|0640, st_nlink=1, "#
            + "st_uid=0, st_gid=0, st_blksize=4096, st_blocks=0, st_size=42, st_atime=0 /* 1970-01-01T"))
        #expect(text.contains("st_atime_nsec=135, st_mtime=0"))
        #expect(line("stat", [0x2000, 0x1000], mem: m) == #"stat("f", {st_mode=S_IFREG|0640, st_size=42, ...}) = 0"#)
    }

    @Test func classicBPFPrograms() {
        var m = FakeMemory()
        // ld [SKF_AD_OFF + SKF_AD_PROTOCOL]; jeq #17, 0, 5; ret #0x50001 (SECCOMP_RET_ERRNO|1)
        func insn(_ code: UInt64, _ jt: UInt64, _ jf: UInt64, _ k: UInt64) -> [UInt8] {
            le(code, 2) + le(jt, 1) + le(jf, 1) + le(k, 4)
        }
        m.put(0x2000, insn(0x30, 0, 0, 0xffff_f000) + insn(0x15, 0, 5, 0x11) + insn(0x06, 0, 0, 0x5_0001))
        m.put(0x1000, le(3, 8) + le(0x2000, 8))
        #expect(line("setsockopt", [3, 1, 26, 0x1000, 16], mem: m, verbose: true)
            == "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=3, filter=[BPF_STMT(BPF_LD|BPF_B|BPF_ABS, "
            + "SKF_AD_OFF+SKF_AD_PROTOCOL), BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x11, 0, 0x5), BPF_STMT(BPF_RET|BPF_K, 0x50001)]}, 16) = 0")
        #expect(line("setsockopt", [3, 1, 26, 0x1000, 16], mem: m)
            == "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=3, filter=0x2000}, 16) = 0")
        #expect(line("seccomp", [1, 0, 0x1000], mem: m, verbose: true)
            == "seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=3, filter=[BPF_STMT(BPF_LD|BPF_B|BPF_ABS, 0xfffff000), "
            + "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x11, 0, 0x5), BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ERRNO|0x1)]}) = 0")
    }

    @Test func ioUringRegister() {
        var m = FakeMemory()
        m.put(0x1000, le(0xfacefeed_cafef00d, 8) + le(10, 8))
        m.put(0x2000, le(3, 4) + le(0xffff_ffff, 4))
        #expect(line("io_uring_register", [0, 0xbadc0ded, 0x1000, 0xdeadbeef], ret: einval, error: true, mem: m)
            == "io_uring_register(0, 0xbadc0ded /* IORING_REGISTER_??? */, 0x1000, 3735928559) = -1 EINVAL (Invalid argument)")
        #expect(line("io_uring_register", [0, 0, 0x1000, 2], ret: -95, error: true, mem: m)
            == "io_uring_register(0, IORING_REGISTER_BUFFERS, [{iov_base=0xfacefeedcafef00d, iov_len=10}, ... /* 0x1010 */], 2)"
            + " = -1 EOPNOTSUPP (Operation not supported)")
        #expect(line("io_uring_register", [0, 2, 0x2000, 2], ret: -95, error: true, mem: m)
            == "io_uring_register(0, IORING_REGISTER_FILES, [3, -1], 2) = -1 EOPNOTSUPP (Operation not supported)")
    }

    @Test func openat2AndPtraceRequest() {
        var m = FakeMemory()
        m.put(0x1000, le(0, 8) + le(0, 8) + le(0, 8) + [0x80, 0x81])
        m.put(0x2000, cString: "f")
        #expect(line("openat2", [UInt64(bitPattern: -1), 0x2000, 0x1000, 11], ret: einval, error: true, mem: m)
            == #"openat2(-1, "f", 0x1000, 11) = -1 EINVAL (Invalid argument)"#)
        #expect(line("openat2", [UInt64(bitPattern: -1), 0x2000, 0x1000, 26], ret: einval, error: true, mem: m)
            == #"openat2(-1, "f", {flags=O_RDONLY, resolve=0, /* bytes 24..25 */ "\x80\x81"}, 26) = -1 EINVAL (Invalid argument)"#)
        #expect(line("openat2", [UInt64(bitPattern: -1), 0x2000, 0x1000, 40], ret: einval, error: true, mem: m)
            == #"openat2(-1, "f", {flags=O_RDONLY, resolve=0, ???}, 40) = -1 EINVAL (Invalid argument)"#)
        m.put(0x3000, le(0x80, 8) + le(0, 8) + le(0, 8))
        #expect(line("openat2", [UInt64(bitPattern: -1), 0x2000, 0x3000, 24], ret: -9, error: true, mem: m,
                     style: DecodeStyle(xlat: .verbose))
            == #"openat2(-1, "f", {flags=0x80 /* O_RDONLY|O_EXCL */, resolve=0}, 24) = -1 EBADF (Bad file descriptor)"#)
        #expect(line("ptrace", [0xdeadbeef_fffffeed, 1, 0, 0], ret: -3, error: true)
            == "ptrace(0xdeadbeeffffffeed /* PTRACE_??? */, 1, NULL, NULL) = -1 ESRCH (No such process)")
    }

    /// A resolver whose files have names that are not UTF-8 or were deleted.
    private struct RawFDs: FDPathResolver {
        func path(ofFD fd: Int64) -> String? { pathBytes(ofFD: fd).map { String(decoding: $0.bytes, as: UTF8.self) } }
        func pathBytes(ofFD fd: Int64) -> (bytes: [UInt8], deleted: Bool)? {
            switch fd {
            case 3: return (Array("/tmp/a".utf8) + [0x80, 0xff], false)
            case 4: return (Array("/tmp/gone".utf8), true)
            default: return nil
            }
        }
        func socketKind(ofFD fd: Int64) -> SocketKind? { nil }
        func interfaceName(index: UInt32) -> String? { nil }
    }

    @Test func descriptorsWithRawAndDeletedPaths() {
        let d = SyscallDecoder(options: DecodeOptions(stringLimit: 32, resolveFDs: true))
        for (fd, text) in [(UInt64(3), #"3</tmp/a\200\377>"#), (4, "4</tmp/gone>(deleted)")] {
            let e = d.decodeEntry(name: "fsync", abi: .x86_64, args: [fd], memory: FakeMemory(), fds: RawFDs())
            #expect(e.args == [text])
            let direct = writtenLine(d, "fsync", .x86_64, [fd], ret: 0, error: false, mem: FakeMemory(),
                                     exitMem: FakeMemory(), fds: RawFDs())
            #expect(direct == text + "||0")
        }
    }

    /// A process whose descriptor 5 is a pidfd of another process with /dev/full at 5.
    private struct PidfdFDs: FDPathResolver {
        var other = false
        func path(ofFD fd: Int64) -> String? { other ? (fd == 5 ? "/dev/full" : nil) : (fd == 5 ? "anon_inode:[pidfd]" : nil) }
        func socketKind(ofFD fd: Int64) -> SocketKind? { nil }
        func interfaceName(index: UInt32) -> String? { nil }
        func resolver(forPidfd fd: Int64) -> FDPathResolver? { !other && fd == 5 ? PidfdFDs(other: true) : nil }
    }

    @Test func pidfdGetfdResolvesTheTargetInItsProcess() {
        let y = SyscallDecoder(options: DecodeOptions(stringLimit: 32, resolveFDs: true))
        let e = y.decodeEntry(name: "pidfd_getfd", abi: .x86_64, args: [5, 5, 0], memory: FakeMemory(), fds: PidfdFDs())
        #expect(e.args == ["5<anon_inode:[pidfd]>", "5</dev/full>", "0"])
        let plain = SyscallDecoder(options: DecodeOptions(stringLimit: 32))
        #expect(plain.decodeEntry(name: "pidfd_getfd", abi: .x86_64, args: [5, 5, 0xbadc0ded], memory: FakeMemory(),
                                  fds: PidfdFDs()).args == ["5", "5", "0xbadc0ded"])
    }
}
