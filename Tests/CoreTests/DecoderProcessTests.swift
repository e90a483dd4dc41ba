import Testing
@testable import NSCore

/// A whole call decoded and rendered as strace's line body, `name(args) = ret`, checking
/// that the printer's path gives the same text (as DecoderTests' `line`), in a -X style.
private func line(_ name: String, _ args: [UInt64], ret: Int64, error: Bool = false, mem: FakeMemory = FakeMemory(),
                  s: Int = 32, xlat: DecodeStyle.Xlat = .abbrev, memAtExit: FakeMemory? = nil) -> String {
    decodedLine(name, args, ret: ret, error: error, options: .testing(s: s, style: DecodeStyle(xlat: xlat)), mem: mem,
                exitMem: memAtExit)
}

private func words(_ w: [UInt64]) -> [UInt8] { w.flatMap { le($0, 8) } }

/// Descriptors of the tracee (pid 10) and of the other processes it has pidfds of.
private struct ProcessFDs: FDPathResolver {
    var tables: [Int32: [Int64: String]]
    var pid: Int32 = 10
    func path(ofFD fd: Int64) -> String? { tables[pid]?[fd] }
    func details(ofFD fd: Int64, path: String) -> FDDetails? {
        path == "anon_inode:[pidfd]" ? .pid(Int32(fd) * 100) : nil
    }
    func socketKind(ofFD fd: Int64) -> SocketKind? { nil }
    func interfaceName(index: UInt32) -> String? { nil }
    func resolver(forPidfd fd: Int64) -> FDPathResolver? {
        guard path(ofFD: fd) == "anon_inode:[pidfd]", tables[Int32(fd) * 100] != nil else { return nil }
        return ProcessFDs(tables: tables, pid: Int32(fd) * 100)
    }
}

/// The decoders of memory policy, processes, scheduling, time, signals, modules and IPC
/// (ArgType+Process.swift), held to what strace 6.1's tests expect.
@Suite struct DecoderProcessTests {
    /// rt_sigreturn: the mask saved in the signal frame, at the address the tracers give as
    /// its argument (SignalFrame: from the stack pointer); `{mask=0x…}` when unreadable.
    @Test func sigreturnShowsTheMaskItRestores() {
        var m = FakeMemory()
        m.put(0x7000_0128, le(1 << 1 | 1 << 16 | 1 << 34, 8))     // INT CHLD RT_3
        #expect(SignalFrame.maskAddress(stackPointer: 0x7000_0000, abi: .x86_64) == 0x7000_0128)
        #expect(SignalFrame.maskAddress(stackPointer: 0xffff_fff0, abi: .i386) == 0xe8)   // 32-bit wrap
        #expect(SignalFrame.isSigreturn(15, abi: .x86_64) && SignalFrame.isSigreturn(173, abi: .i386))
        #expect(!SignalFrame.isSigreturn(173, abi: .x86_64))
        #expect(line("rt_sigreturn", [0x7000_0128], ret: 0, mem: m) == "rt_sigreturn({mask=[INT CHLD RT_3]}) = 0")
        #expect(line("rt_sigreturn", [0x9000], ret: 0, mem: m) == "rt_sigreturn({mask=0x9000}) = 0")
    }

    /// The AIO calls as strace 6.1's aio test prints them: iocbs by their command (a
    /// write's buffer, a read's address, a vector's iovecs, ioprio and flags when set), an
    /// unreadable iocb pointer by itself, io_events by the result.
    @Test func aioControlBlocksAndEvents() {
        var m = FakeMemory()
        func iocb(data: UInt64, opcode: UInt16, prio: UInt16 = 0, fd: UInt32, buf: UInt64, n: UInt64, off: UInt64,
                  flags: UInt32 = 0, resfd: UInt32 = 0) -> [UInt8] {
            le(data, 8) + le(0, 8) + le(UInt64(opcode), 2) + le(UInt64(prio), 2) + le(UInt64(fd), 4) + le(buf, 8)
                + le(n, 8) + le(off, 8) + le(0, 8) + le(UInt64(flags), 4) + le(UInt64(resfd), 4)
        }
        m.put(0x1000, iocb(data: 0xfeed, opcode: 0, prio: 11, fd: 0, buf: 0x5000, n: 4096, off: 7))
        m.put(0x1100, iocb(data: 0, opcode: 1, prio: (5 << 13) | 7, fd: 3, buf: 0x6000, n: 3, off: 0, flags: 3, resfd: 9))
        m.put(0x6000, Array("abc".utf8))
        m.put(0x2000, words([0x1000, 0x1100, 0]))
        #expect(line("io_submit", [0x7f00, 3, 0x2000], ret: 2, mem: m)
            == "io_submit(0x7f00, 3, [{aio_data=0xfeed, aio_lio_opcode=IOCB_CMD_PREAD, aio_reqprio=11, aio_fildes=0, "
            + "aio_buf=0x5000, aio_nbytes=4096, aio_offset=7}, {aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITE, "
            + "aio_reqprio=IOPRIO_PRIO_VALUE(0x5 /* IOPRIO_CLASS_??? */, 7), aio_fildes=3, aio_buf=\"abc\", aio_nbytes=3, "
            + "aio_offset=0, aio_flags=IOCB_FLAG_RESFD|IOCB_FLAG_IOPRIO, aio_resfd=9}, NULL]) = 2")
        #expect(line("io_submit", [0x7f00, UInt64.max, 0x2000], ret: -22, error: true, mem: m)
            == "io_submit(0x7f00, -1, 0x2000) = -1 EINVAL (Invalid argument)")
        m.put(0x3000, le(0xfeed, 8) + le(0x1000, 8) + le(4096, 8) + le(0, 8))
        m.put(0x4000, le(1, 8) + le(2, 8))
        #expect(line("io_getevents", [0x7f00, 1, 2, 0x3000, 0x4000], ret: 1, mem: m)
            == "io_getevents(0x7f00, 1, 2, [{data=0xfeed, obj=0x1000, res=4096, res2=0}], {tv_sec=1, tv_nsec=2}) = 1")
        #expect(line("io_getevents", [0x7f00, 1, 2, 0x3000, 0x4000], ret: -22, error: true, mem: m)
            == "io_getevents(0x7f00, 1, 2, 0x3000, {tv_sec=1, tv_nsec=2}) = -1 EINVAL (Invalid argument)")
        #expect(line("io_cancel", [0x7f00, 0x1000, 0x3000], ret: 0, mem: m)
            == "io_cancel(0x7f00, {aio_data=0xfeed, aio_lio_opcode=IOCB_CMD_PREAD, aio_reqprio=11, aio_fildes=0}, "
            + "{data=0xfeed, obj=0x1000, res=4096, res2=0}) = 0")
    }

    @Test func memoryPolicyModesInEachStyle() {
        #expect(line("set_mempolicy", [0x8000, 0, 0], ret: 0) == "set_mempolicy(MPOL_DEFAULT|MPOL_F_STATIC_NODES, NULL, 0) = 0")
        #expect(line("set_mempolicy", [0x4001, 0, 0], ret: 0, xlat: .verbose)
            == "set_mempolicy(0x4001 /* MPOL_PREFERRED|MPOL_F_RELATIVE_NODES */, NULL, 0) = 0")
        #expect(line("set_mempolicy", [0x2002, 0, 0], ret: 0, xlat: .raw) == "set_mempolicy(0x2002, NULL, 0) = 0")
        // An unknown mode with mode flags: the flags and the rest; without: the value.
        #expect(line("set_mempolicy", [0xffff_ffff, 0, 0], ret: 0)
            == "set_mempolicy(MPOL_F_STATIC_NODES|MPOL_F_RELATIVE_NODES|MPOL_F_NUMA_BALANCING|0xffff1fff, NULL, 0) = 0")
        #expect(line("set_mempolicy", [6, 0, 0], ret: 0) == "set_mempolicy(0x6 /* MPOL_??? */, NULL, 0) = 0")
        // mbind's mode is the whole word; set_mempolicy's its low half.
        #expect(line("mbind", [0x1000, 4096, 0xffff_ffff_0000_0000, 0, 0, 7], ret: 0)
            == "mbind(0x1000, 4096, 0xffffffff00000000 /* MPOL_??? */, NULL, 0, MPOL_MF_STRICT|MPOL_MF_MOVE|MPOL_MF_MOVE_ALL) = 0")
        #expect(line("set_mempolicy", [0xffff_ffff_0000_0002, 0, 0], ret: 0) == "set_mempolicy(MPOL_BIND, NULL, 0) = 0")
    }

    @Test func nodeMasksAndArraysCutWhereMemoryEnds() {
        var m = FakeMemory()
        m.put(0x1000, words([1, 0, 0, 0]))
        // ceil((maxnode - 1) / 64) words, each %#018lx.
        #expect(line("set_mempolicy", [2, 0x1000, 65], ret: 0, mem: m) == "set_mempolicy(MPOL_BIND, [0x00000000000001], 65) = 0")
        #expect(line("set_mempolicy", [2, 0x1000, 66], ret: 0, mem: m)
            == "set_mempolicy(MPOL_BIND, [0x00000000000001, 0000000000000000], 66) = 0")
        // More words than -s: cut with "..."; past the memory: "... /* address */".
        #expect(line("set_mempolicy", [2, 0x1000, 257], ret: 0, mem: m, s: 2)
            == "set_mempolicy(MPOL_BIND, [0x00000000000001, 0000000000000000, ...], 257) = 0")
        #expect(line("set_mempolicy", [2, 0x1010, 257], ret: 0, mem: m)
            == "set_mempolicy(MPOL_BIND, [0000000000000000, 0000000000000000, ... /* 0x1020 */], 257) = 0")
        // A count that wraps: the address.
        #expect(line("set_mempolicy", [0, 0x1000, UInt64.max - 8], ret: 0, mem: m)
            == "set_mempolicy(MPOL_DEFAULT, 0x1000, 18446744073709551607) = 0")
        // get_mempolicy writes them: the addresses when it failed.
        m.put(0x2000, le(3, 4))
        #expect(line("get_mempolicy", [0x2000, 0x1000, 65, 0, 2], ret: 0, mem: m)
            == "get_mempolicy([MPOL_INTERLEAVE], [0x00000000000001], 65, NULL, MPOL_F_ADDR) = 0")
        #expect(line("get_mempolicy", [0x2000, 0x1000, 65, 0, 0], ret: -22, error: true, mem: m)
            == "get_mempolicy(0x2000, 0x1000, 65, NULL, 0) = -1 EINVAL (Invalid argument)")
    }

    @Test func movePagesStatuses() {
        var m = FakeMemory()
        m.put(0x1000, words([0x7000, 0x8000]))
        m.put(0x2000, le(UInt64(UInt32(bitPattern: -14)), 4) + le(0, 4))
        #expect(line("move_pages", [0xface_0000_0000_0010, 2, 0x1000, 0, 0x2000, 2], ret: 0, mem: m)
            == "move_pages(16, 2, [0x7000, 0x8000], NULL, [-EFAULT, 0], MPOL_MF_MOVE) = 0")
        #expect(line("move_pages", [16, 2, 0x1000, 0, 0x2000, 2], ret: 0, mem: m, xlat: .verbose)
            == "move_pages(16, 2, [0x7000, 0x8000], NULL, [-14 /* -EFAULT */, 0], 0x2 /* MPOL_MF_MOVE */) = 0")
        #expect(line("move_pages", [16, 2, 0x1000, 0, 0x2000, 4], ret: -19, error: true, mem: m)
            == "move_pages(16, 2, [0x7000, 0x8000], NULL, 0x2000, MPOL_MF_MOVE_ALL) = -1 ENODEV (No such device)")
    }

    @Test func timeAndTimex() {
        var m = FakeMemory()
        m.put(0x1000, le(1_492_350_678, 8))
        let date = ArgContext.sprinttime(1_492_350_678)!
        #expect(line("time", [0x1000], ret: 1_492_350_678, mem: m) == "time([1492350678 /* \(date) */]) = 1492350678 (\(date))")
        #expect(line("time", [0], ret: 0, mem: m) == "time(NULL) = 0")
        // utimbuf, and timevals dated only when the microseconds make sense.
        m.put(0x2000, le(1_492_350_678, 8) + le(0, 8))
        #expect(line("utime", [0, 0x2000], ret: -14, error: true, mem: m)
            == "utime(NULL, {actime=1492350678 /* \(date) */, modtime=0}) = -1 EFAULT (Bad address)")
        m.put(0x3000, le(1_492_350_678, 8) + le(345_678, 8) + le(1, 8) + le(1_000_000, 8))
        let usec = ArgContext.sprinttime(1_492_350_678, part: 345_678, max: 999_999, width: 6)!
        #expect(line("utimes", [0, 0x3000], ret: -22, error: true, mem: m)
            == "utimes(NULL, [{tv_sec=1492350678, tv_usec=345678} /* \(usec) */, {tv_sec=1, tv_usec=1000000}]) = -1 EINVAL (Invalid argument)")
        // adjtimex: struct timex at exit, the clock state's name.
        var tx = [UInt8](repeating: 0, count: 208)
        tx.replaceSubrange(40..<44, with: le(0x40, 4))
        tx.replaceSubrange(48..<56, with: le(2, 8))
        m.put(0x4000, tx)
        #expect(line("adjtimex", [0x4000], ret: 5, mem: m) == "adjtimex({modes=0, offset=0, freq=0, maxerror=0, esterror=0, "
            + "status=STA_UNSYNC, constant=2, precision=0, tolerance=0, time={tv_sec=0, tv_usec=0}, tick=0, ppsfreq=0, "
            + "jitter=0, shift=0, stabil=0, jitcnt=0, calcnt=0, errcnt=0, stbcnt=0, tai=0}) = 5 (TIME_ERROR)")
        #expect(line("adjtimex", [0], ret: -14, error: true, mem: m) == "adjtimex(NULL) = -1 EFAULT (Bad address)")
        #expect(line("clock_adjtime", [1, 0x4000], ret: 9, mem: m).hasSuffix("tai=0}) = 9"))
    }

    @Test func scalarsOfTheirOwn() {
        #expect(line("ioprio_set", [2, 7, 8191], ret: 0) == "ioprio_set(IOPRIO_WHO_PGRP, 7, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 8191)) = 0")
        #expect(line("ioprio_set", [0xfa57_beef, 7, 0xface_feed], ret: 0, xlat: .verbose)
            == "ioprio_set(0xfa57beef /* IOPRIO_WHO_??? */, 7, -87097619 /* IOPRIO_PRIO_VALUE(0x7d677 /* IOPRIO_CLASS_??? */, 7917) */) = 0")
        #expect(line("ioprio_get", [1, 7], ret: 0x4004) == "ioprio_get(IOPRIO_WHO_PROCESS, 7) = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))")
        #expect(line("ioprio_get", [1, 7], ret: 4, xlat: .raw) == "ioprio_get(0x1, 7) = 4")
        #expect(line("memfd_create", [0, 0x7800_0000], ret: -22, error: true)
            == "memfd_create(NULL, 30<<MFD_HUGE_SHIFT) = -1 EINVAL (Invalid argument)")
        #expect(line("memfd_create", [0, 0x7800_0005], ret: -22, error: true, xlat: .verbose)
            == "memfd_create(NULL, 0x78000005 /* MFD_CLOEXEC|MFD_HUGETLB|30<<MFD_HUGE_SHIFT */) = -1 EINVAL (Invalid argument)")
        #expect(line("memfd_secret", [0xde97_face], ret: -22, error: true) == "memfd_secret(0xde97face) = -1 EINVAL (Invalid argument)")
        #expect(line("userfaultfd", [0x80801], ret: 3) == "userfaultfd(UFFD_USER_MODE_ONLY|O_NONBLOCK|O_CLOEXEC) = 3")
        #expect(line("remap_file_pages", [0, 1, 7, 2, 0x5404_401f], ret: -22, error: true)
            == "remap_file_pages(NULL, 1, PROT_READ|PROT_WRITE|PROT_EXEC, 2, 0xf /* MAP_??? */|MAP_FIXED|MAP_NORESERVE|MAP_HUGETLB|21<<MAP_HUGE_SHIFT) = -1 EINVAL (Invalid argument)")
        #expect(line("kexec_load", [0, 0, 0, 0xbadc_0ded_da7a_1054], ret: -38, error: true)
            == "kexec_load(NULL, 0, NULL, 0xda7a0000 /* KEXEC_ARCH_??? */|0xbadc0ded00001054 /* KEXEC_??? */) = -1 ENOSYS (Function not implemented)")
        #expect(line("swapon", [0, 0x8000 | 42], ret: 0) == "swapon(NULL, SWAP_FLAG_PREFER|42) = 0")
        #expect(line("swapon", [0, 42], ret: 0) == "swapon(NULL, 42) = 0")
        #expect(line("ustat", [0xface_feed_ffff_ffff, 0], ret: -22, error: true)
            == "ustat(makedev(0xfff, 0xfffff), NULL) = -1 EINVAL (Invalid argument)")
        // modify_ldt's int result, zero-extended: still an error.
        #expect(line("modify_ldt", [0, 0, 0], ret: 0xffff_ffda) == "modify_ldt(0, NULL, 0) = 4294967258 ENOSYS (Function not implemented)")
    }

    @Test func argumentsThatDependOnOthers() {
        #expect(line("syslog", [10, 0, 0], ret: 131_072) == "syslog(10 /* SYSLOG_ACTION_SIZE_BUFFER */) = 131072")
        #expect(line("syslog", [8, 0, 8], ret: 0) == "syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 8 /* LOGLEVEL_DEBUG+1 */) = 0")
        #expect(line("syslog", [0xffff_ffff, 0, 0xffff_ffff], ret: -22, error: true)
            == "syslog(-1 /* SYSLOG_ACTION_??? */, NULL, -1) = -1 EINVAL (Invalid argument)")
        #expect(line("kcmp", [1, 2, 1], ret: 0) == "kcmp(1, 2, KCMP_VM) = 0")
        #expect(line("kcmp", [1, 2, 8, 3, 4], ret: 0) == "kcmp(1, 2, 0x8 /* KCMP_??? */, 0x3, 0x4) = 0")
        var m = FakeMemory()
        m.put(0x1000, le(5, 4) + le(6, 4) + le(7, 4))
        #expect(line("kcmp", [1, 2, 7, 3, 0x1000], ret: 0, mem: m) == "kcmp(1, 2, KCMP_EPOLL_TFD, 3, {efd=5, tfd=6, toff=7}) = 0")
        m.put(0x2000, Array("reboot".utf8) + [0])
        #expect(line("reboot", [0xfee1_dead, 672_274_793, 0xa1b2_c3d4, 0x2000], ret: 0, mem: m)
            == #"reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, "reboot") = 0"#)
        // A string that runs into unreadable memory before its NUL: the address.
        m.put(0x3000, Array("rebo".utf8))
        #expect(line("reboot", [0xfee1_dead, 672_274_793, 0xa1b2_c3d4, 0x3000], ret: 0, mem: m)
            == "reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, 0x3000) = 0")
        #expect(line("chdir", [0x3000], ret: -14, error: true, mem: m) == "chdir(0x3000) = -1 EFAULT (Bad address)")
        #expect(line("mq_open", [0x2000, 0], ret: 3, mem: m) == #"mq_open("reboot", O_RDONLY) = 3"#)
        #expect(line("mq_open", [0x2000, 0x40, 0o700, 0], ret: 3, mem: m) == #"mq_open("reboot", O_RDONLY|O_CREAT, 0700, NULL) = 3"#)
    }

    @Test func schedulingAttributes() {
        var m = FakeMemory()
        var attr = le(48, 4) + le(1, 4) + le(0x10, 8) + [UInt8](repeating: 0, count: 32)
        m.put(0x1000, attr)
        // KEEP_PARAMS: sched_setattr shows neither the parameters nor the policy.
        #expect(line("sched_setattr", [0, 0x1000, 0], ret: 0, mem: m)
            == "sched_setattr(0, {size=48, sched_flags=SCHED_FLAG_KEEP_PARAMS}, 0) = 0")
        attr = le(1, 4)
        m.put(0x2000, attr)
        var after = m
        after.put(0x2000, le(56, 4))
        #expect(line("sched_setattr", [0, 0x2000, 0], ret: -7, error: true, mem: m, memAtExit: after)
            == "sched_setattr(0, {size=1} => {size=56}, 0) = -1 E2BIG (Argument list too long)")
        #expect(line("sched_getattr", [0, 0x1000, 0, 0], ret: -22, error: true, mem: m) == "sched_getattr(0, 0x1000, 0, 0) = -1 EINVAL (Invalid argument)")
        #expect(line("sched_getattr", [0, 0x1000, 48, 0], ret: 0, mem: m)
            == "sched_getattr(0, {size=48, sched_policy=SCHED_FIFO, sched_flags=SCHED_FLAG_KEEP_PARAMS, sched_nice=0, "
            + "sched_priority=0, sched_runtime=0, sched_deadline=0, sched_period=0}, 48, 0) = 0")
        #expect(line("sched_getscheduler", [0], ret: 0, mem: m) == "sched_getscheduler(0) = 0 (SCHED_OTHER)")
        #expect(line("sched_getscheduler", [0], ret: 9, mem: m) == "sched_getscheduler(0) = 9")
    }

    @Test func signalsAndWaits() {
        var si = SigInfo()
        si.signo = 10; si.code = -1; si.errno = 2; si.pid = 5; si.value = -1
        #expect(SigInfoFormat.format(si) == "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_errno=ENOENT, si_pid=5, si_uid=0, si_int=-1, si_ptr=0xffffffffffffffff}")
        #expect(SigInfoFormat.format(SigInfo()) == "{}")
        var m = FakeMemory()
        m.put(0x1000, [1])
        #expect(line("rt_sigpending", [0x1000, 1], ret: 0, mem: m) == "rt_sigpending([HUP], 1) = 0")
        #expect(line("rt_sigpending", [0x1000, 0], ret: 0, mem: m) == "rt_sigpending(0x1000, 0) = 0")
        #expect(line("rt_sigtimedwait", [0, 0, 0, 8], ret: 14, mem: m) == "rt_sigtimedwait(NULL, NULL, NULL, 8) = 14 (SIGALRM)")
        m.put(0x2000, [UInt8](repeating: 0, count: 144))
        #expect(line("wait4", [7, 0x2000, 1, 0x2000], ret: 0, mem: m) == "wait4(7, 0x2000, WNOHANG, 0x2000) = 0")
        #expect(line("wait4", [7, 0x2000, 1, 0x2000], ret: 7, mem: m)
            == "wait4(7, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], WNOHANG, {ru_utime={tv_sec=0, tv_usec=0}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 7")
        // clock_nanosleep's remain: only for a relative sleep that was interrupted.
        m.put(0x3000, le(1, 8) + le(2, 8))
        #expect(line("clock_nanosleep", [0, 0, 0x3000, 0x3000], ret: -514, error: true, mem: m)
            == "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=1, tv_nsec=2}, {tv_sec=1, tv_nsec=2}) = ? ERESTARTNOHAND (To be restarted if no handler)")
        #expect(line("clock_nanosleep", [0, 1, 0x3000, 0x3000], ret: -514, error: true, mem: m)
            == "clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, {tv_sec=1, tv_nsec=2}, 0x3000) = ? ERESTARTNOHAND (To be restarted if no handler)")
    }

    @Test func pidfdGetfdNamesTheOtherProcessesDescriptor() {
        let fds = ProcessFDs(tables: [10: [5: "anon_inode:[pidfd]", 3: "/dev/null"], 500: [3: "/dev/full"]])
        let d = SyscallDecoder(options: DecodeOptions(resolveFDs: true))
        let e = d.decodeEntry(name: "pidfd_getfd", abi: .x86_64, args: [5, 3, 0], memory: FakeMemory(), fds: fds)
        // 3 is the target's /dev/full, not the tracee's /dev/null.
        #expect(e.args == ["5<anon_inode:[pidfd]>", "3</dev/full>", "0"])
        let plain = d.decodeEntry(name: "pidfd_getfd", abi: .x86_64, args: [3, 3, 0xbadc_0ded], memory: FakeMemory(), fds: fds)
        #expect(plain.args == ["3</dev/null>", "3", "0xbadc0ded"])
        var si = SigInfo()
        si.signo = 10; si.code = 0; si.pid = 7; si.uid = .max
        #expect(SigInfoFormat.format(si) == "{si_signo=SIGUSR1, si_code=SI_USER, si_pid=7, si_uid=-1}")
    }

    @Test func selectResultAsStraceBuildsIt() {
        var m = FakeMemory()
        m.put(0x1000, le(0x18, 8))
        m.put(0x2000, le(0, 8))
        #expect(line("select", [5, 0x1000, 0, 0, 0], ret: 2, mem: m) == "select(5, [3 4], NULL, NULL, NULL) = 2 (in [3 4])")
        // Ready descriptors the sets no longer show: "()".
        #expect(line("select", [5, 0x2000, 0, 0, 0], ret: 1, mem: m) == "select(5, [], NULL, NULL, NULL) = 1 ()")
        #expect(line("select", [UInt64(bitPattern: -1), 0, 0x2000, 0, 0], ret: -22, error: true, mem: m)
            == "select(-1, NULL, 0x2000, NULL, NULL) = -1 EINVAL (Invalid argument)")
    }

    @Test func ipcAndIovecs() {
        var m = FakeMemory()
        m.put(0x1000, le(0, 2) + le(1, 2) + le(0x1000, 2))
        #expect(line("semop", [7, 0x1000, 2], ret: -14, error: true, mem: m)
            == "semop(7, [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, ... /* 0x1006 */], 2) = -1 EFAULT (Bad address)")
        m.put(0x2000, words([0x3000, 3]))
        m.put(0x3000, Array("abc".utf8))
        #expect(line("process_vm_writev", [9, 0x2000, 1, 0x2000, 1, 0], ret: 3, mem: m)
            == #"process_vm_writev(9, [{iov_base="abc", iov_len=3}], 1, [{iov_base=0x3000, iov_len=3}], 1, 0) = 3"#)
        #expect(line("process_vm_readv", [9, 0x2000, 1, 0x2000, 1, 0], ret: 2, mem: m)
            == #"process_vm_readv(9, [{iov_base="ab", iov_len=3}], 1, [{iov_base=0x3000, iov_len=3}], 1, 0) = 2"#)
        #expect(line("process_vm_readv", [9, 0x2000, 1, 0x2000, 1, 0], ret: -1, error: true, mem: m)
            == "process_vm_readv(9, [{iov_base=0x3000, iov_len=3}], 1, [{iov_base=0x3000, iov_len=3}], 1, 0) = -1 EPERM (Operation not permitted)")
        m.put(0x5000, le(0, 8) + le(0x6000, 8) + le(0x82, 4) + le(0, 4) + le(1, 8))
        #expect(line("futex_waitv", [0x5000, 2, 0, 0, 1], ret: -11, error: true, mem: m)
            == "futex_waitv([{val=0, uaddr=0x6000, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ... /* 0x5018 */], 2, 0, NULL, CLOCK_MONOTONIC) = -1 EAGAIN (Resource temporarily unavailable)")
        m.put(0x4000, le(0x800, 8) + le(10, 8) + le(8192, 8) + le(0, 8) + [UInt8](repeating: 0, count: 32))
        #expect(line("mq_getsetattr", [3, 0x4000, 0], ret: 0, mem: m)
            == "mq_getsetattr(3, {mq_flags=O_NONBLOCK, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}, NULL) = 0")
        #expect(line("setgroups", [2, 0x1000], ret: -1, error: true, mem: m)
            == "setgroups(2, [65536, ... /* 0x1004 */]) = -1 EPERM (Operation not permitted)")
    }
}
