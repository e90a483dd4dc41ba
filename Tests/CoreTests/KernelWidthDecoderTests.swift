import Testing
@testable import NSCore

/// Decoders fixed against strace 6.1's test suite (issue 19): arguments read at the width the
/// kernel reads them, unsigned fractions of seconds, fcntl's structures. The expected lines
/// are the suite's (tests/umask.c, dup3.c, fcntl.c, nanosleep.c, pkey_alloc.c).
@Suite struct KernelWidthDecoderTests {
    private func line(_ name: String, _ args: [UInt64], ret: Int64, error: Bool = false,
                      mem: FakeMemory = FakeMemory()) -> String {
        decodedLine(name, args, ret: ret, error: error, options: .testing(), mem: mem)
    }

    @Test func modesAreUmodeT() {
        #expect(line("umask", [0xffff_ffff_ffff_0000], ret: 0o22) == "umask(000) = 022")
        #expect(line("umask", [0o26], ret: 0) == "umask(026) = 000")
        #expect(line("mkdir", [0, 0xffff_ffff_0000_0000 | 0o755], ret: -17, error: true).hasPrefix("mkdir(NULL, 0755)"))
    }

    @Test func intFlagsUseTheLow32Bits() {
        #expect(line("dup3", [0, 0, 0xdefaced_0000_0000], ret: -22, error: true).hasPrefix("dup3(0, 0, 0)"))
        #expect(line("pipe2", [0, 0xffff_ffff_0000_0800], ret: -14, error: true).hasPrefix("pipe2(NULL, O_NONBLOCK)"))
        // unsigned long flags keep every bit.
        #expect(line("pkey_alloc", [0, 0xbadc0ded_0000_0002], ret: -22, error: true)
            .hasPrefix("pkey_alloc(0, PKEY_DISABLE_WRITE|0xbadc0ded00000000)"))
        #expect(line("unshare", [0x1_0000_0000 | 0x20000], ret: -22, error: true).hasPrefix("unshare(CLONE_NEWNS|0x100000000)"))
        var m = FakeMemory()
        m.put(0x3000, cString: "acct_sample")
        #expect(line("acct", [0x3000], ret: -2, error: true, mem: m) == "acct(\"acct_sample\") = -1 ENOENT (No such file or directory)")
        #expect(line("pkey_free", [0xffff_ffff_bb40_e64d], ret: -22, error: true).hasPrefix("pkey_free(-1153374643)"))
    }

    @Test func fractionsOfSecondsAreUnsigned() {
        var m = FakeMemory()
        m.put(0x1000, le(UInt64(bitPattern: -3819351491602432273), 8) + le(13464652301697220333, 8))
        #expect(line("nanosleep", [0x1000, 0], ret: -22, error: true, mem: m)
            == "nanosleep({tv_sec=-3819351491602432273, tv_nsec=13464652301697220333}, NULL) = -1 EINVAL (Invalid argument)")
    }

    @Test func fcntlLocksAndOwners() {
        var m = FakeMemory()
        // struct flock: l_type, l_whence, (pad), l_start, l_len, l_pid.
        m.put(0x1000, le(0, 2) + le(0, 2) + le(0, 4) + le(0, 8) + le(4096, 8) + le(0, 4) + le(0, 4))
        let highCmd: UInt64 = 0xdefaced_0000_0000
        #expect(line("fcntl", [0, highCmd | 6, 0x1000], ret: 0, mem: m)
            == "fcntl(0, F_SETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=4096}) = 0")
        m.put(0x1000, le(2, 2) + le(0, 2) + le(0, 4) + le(0, 8) + le(4096, 8) + le(0, 4) + le(0, 4))
        #expect(line("fcntl", [0, 5, 0x1000], ret: 0, mem: m)
            == "fcntl(0, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=4096, l_pid=0}) = 0")
        #expect(line("fcntl", [0, 0x25, 0x1fff], ret: -14, error: true) == "fcntl(0, F_OFD_SETLK, 0x1fff) = -1 EFAULT (Bad address)")
        m.put(0x2000, le(1, 4) + le(23061, 4))
        #expect(line("fcntl", [0, 0x10, 0x2000], ret: 0, mem: m) == "fcntl(0, F_GETOWN_EX, {type=F_OWNER_PID, pid=23061}) = 0")
        #expect(line("fcntl", [0, 0x402, 1], ret: -20, error: true) == "fcntl(0, F_NOTIFY, DN_ACCESS) = -1 ENOTDIR (Not a directory)")
        #expect(line("fcntl", [1, 0x400, 0], ret: -11, error: true).hasPrefix("fcntl(1, F_SETLEASE, F_RDLCK) = -1 EAGAIN"))
        #expect(line("fcntl", [1, 0x401], ret: 2) == "fcntl(1, F_GETLEASE) = 0x2 (F_UNLCK)")
        #expect(line("fcntl", [1, 11], ret: 1) == "fcntl(1, F_GETSIG) = 1 (SIGHUP)")
        #expect(line("fcntl", [1, 11], ret: 0) == "fcntl(1, F_GETSIG) = 0")
    }
}
