import Testing
@testable import NSCore

/// ptrace, keyctl and perf_event_open (`Arg.dbg`: StructFormat+Ptrace.swift, +Keys, +Perf),
/// held to the lines strace 6.1 prints for the same arguments and memory (its tests/ptrace.c,
/// ptrace_syscall_info.c, keyctl.c, perf_event_open.c).
@Suite struct DecoderDbgTests {
    private func line(_ name: String, _ args: [UInt64], ret: Int64 = 0, error: Bool = false,
                      mem: FakeMemory = FakeMemory(), exitMem: FakeMemory? = nil, s: Int = 32,
                      verbose: Bool = false, xlat: DecodeStyle.Xlat = .abbrev) -> String {
        decodedLine(name, args, ret: ret, error: error,
                    options: .testing(s: s, verbose: verbose, style: DecodeStyle(xlat: xlat)), mem: mem, exitMem: exitMem)
    }

    private let esrch: Int64 = -3
    private let einval: Int64 = -22
    private func u32s(_ w: [UInt64]) -> [UInt8] { w.flatMap { le($0, 4) } }

    @Test func ptraceRequestsTakeTheirOwnArguments() {
        let pid: UInt64 = 19466
        #expect(line("ptrace", [0x10, pid, 0, 0], ret: -1, error: true)
            == "ptrace(PTRACE_ATTACH, 19466) = -1 EPERM (Operation not permitted)")
        #expect(line("ptrace", [0x10, pid, 0, 0], ret: -1, error: true, xlat: .verbose)
            == "ptrace(0x10 /* PTRACE_ATTACH */, 19466) = -1 EPERM (Operation not permitted)")
        #expect(line("ptrace", [0, 5, 6, 7], ret: -1, error: true) == "ptrace(PTRACE_TRACEME) = -1 EPERM (Operation not permitted)")
        #expect(line("ptrace", [0xdead_beef_ffff_feed, pid, 0, 0], ret: esrch, error: true)
            == "ptrace(0xdeadbeeffffffeed /* PTRACE_??? */, 19466, NULL, NULL) = -1 ESRCH (No such process)")
        #expect(line("ptrace", [7, pid, 0, 10], ret: 0) == "ptrace(PTRACE_CONT, 19466, NULL, SIGUSR1) = 0")
        #expect(line("ptrace", [0x4200, pid, 0, 0xa], ret: 0)
            == "ptrace(PTRACE_SETOPTIONS, 19466, NULL, PTRACE_O_TRACEFORK|PTRACE_O_TRACECLONE) = 0")
        #expect(line("ptrace", [0x420c, pid, 42, 0], ret: esrch, error: true)
            == "ptrace(PTRACE_SECCOMP_GET_FILTER, 19466, 42, NULL) = -1 ESRCH (No such process)")
        // The filter's instructions with -v (as many as the result), else their address.
        var f = FakeMemory()
        f.put(0x9000, le(0x06, 2) + [0, 0] + le(0x7fff_0000, 4))
        #expect(line("ptrace", [0x420c, pid, 0, 0x9000], ret: 1, mem: f)
            == "ptrace(PTRACE_SECCOMP_GET_FILTER, 19466, 0, 0x9000) = 1")
        #expect(line("ptrace", [0x420c, pid, 0, 0x9000], ret: 1, mem: f, verbose: true)
            == "ptrace(PTRACE_SECCOMP_GET_FILTER, 19466, 0, [BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW)]) = 1")
        // PEEK*: the word at exit; an offset into struct user by name.
        var m = FakeMemory()
        m.put(0x1000, le(0xdead_beef, 8))
        #expect(line("ptrace", [2, pid, 0x7000, 0x1000], ret: 0, mem: m) == "ptrace(PTRACE_PEEKDATA, 19466, 0x7000, [0xdeadbeef]) = 0")
        #expect(line("ptrace", [3, pid, 80, 0x1000], ret: 0, mem: m) == "ptrace(PTRACE_PEEKUSER, 19466, 8*RAX, [0xdeadbeef]) = 0")
        #expect(line("ptrace", [6, pid, 852, 0x1000], ret: 0, mem: m)
            == "ptrace(PTRACE_POKEUSER, 19466, offsetof(struct user, u_debugreg)+4, 0x1000) = 0")
        #expect(line("ptrace", [3, pid, 80, 0x1000], ret: 0, mem: m, xlat: .verbose)
            == "ptrace(0x3 /* PTRACE_PEEKUSER */, 19466, 0x50 /* 8*RAX */, [0xdeadbeef]) = 0")
        #expect(line("ptrace", [6, pid, 913, 0x1000], ret: 0, mem: m) == "ptrace(PTRACE_POKEUSER, 19466, 0x391, 0x1000) = 0")
        #expect(line("ptrace", [0x4201, pid, 0, 0x1000], ret: 0, mem: m) == "ptrace(PTRACE_GETEVENTMSG, 19466, NULL, [3735928559]) = 0")
        #expect(line("ptrace", [0x4201, pid, 0, 0x1000], ret: esrch, error: true, mem: m)
            == "ptrace(PTRACE_GETEVENTMSG, 19466, NULL, 0x1000) = -1 ESRCH (No such process)")
    }

    @Test func ptraceSiginfoAndSigmask() {
        let pid: UInt64 = 19466
        var m = FakeMemory()
        // SIGSEGV SEGV_BNDERR: si_addr, then si_lower and si_upper at offsets 32 and 40.
        var si = [UInt8](repeating: 0, count: 128)
        si.replaceSubrange(0..<12, with: u32s([11, 0, 3]))
        si.replaceSubrange(16..<24, with: le(0xface_feed_dead_beef, 8))
        si.replaceSubrange(40..<48, with: le(0xdead_c0de_bead_feed, 8))
        m.put(0x2000, si)
        #expect(line("ptrace", [0x4203, pid, 0, 0x2000], ret: esrch, error: true, mem: m)
            == "ptrace(PTRACE_SETSIGINFO, 19466, NULL, {si_signo=SIGSEGV, si_code=SEGV_BNDERR, si_addr=0xfacefeeddeadbeef, si_lower=NULL, si_upper=0xdeadc0debeadfeed}) = -1 ESRCH (No such process)")
        // SIGSYS: the syscall by name on the tracee's own architecture, else the number.
        var sys = [UInt8](repeating: 0, count: 128)
        sys.replaceSubrange(0..<12, with: u32s([31, 2, 1]))
        sys.replaceSubrange(24..<32, with: u32s([0, 0xc000_003e]))
        m.put(0x3000, sys)
        #expect(line("ptrace", [0x4203, pid, 0, 0x3000], ret: esrch, error: true, mem: m)
            == "ptrace(PTRACE_SETSIGINFO, 19466, NULL, {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_errno=ENOENT, si_call_addr=NULL, si_syscall=__NR_read, si_arch=AUDIT_ARCH_X86_64}) = -1 ESRCH (No such process)")
        #expect(line("ptrace", [0x4203, pid, 0, 0x3000], ret: esrch, error: true, mem: m, xlat: .verbose)
            == "ptrace(0x4203 /* PTRACE_SETSIGINFO */, 19466, NULL, {si_signo=31 /* SIGSYS */, si_code=0x1 /* SYS_SECCOMP */, si_errno=2 /* ENOENT */, si_call_addr=NULL, si_syscall=0 /* __NR_read */, si_arch=0xc000003e /* AUDIT_ARCH_X86_64 */}) = -1 ESRCH (No such process)")
        sys.replaceSubrange(24..<32, with: u32s([0xffff_ffff, 0xda7a_1057]))
        m.put(0x3000, sys)
        #expect(line("ptrace", [0x4203, pid, 0, 0x3000], ret: esrch, error: true, mem: m)
            == "ptrace(PTRACE_SETSIGINFO, 19466, NULL, {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_errno=ENOENT, si_call_addr=NULL, si_syscall=4294967295, si_arch=0xda7a1057 /* AUDIT_ARCH_??? */}) = -1 ESRCH (No such process)")
        m.put(0x4000, le(1 << 9, 8))
        #expect(line("ptrace", [0x420b, pid, 8, 0x4000], ret: 0, mem: m) == "ptrace(PTRACE_SETSIGMASK, 19466, 8, [USR1]) = 0")
        #expect(line("ptrace", [0x420a, pid, 8, 0x4000], ret: 0, mem: m) == "ptrace(PTRACE_GETSIGMASK, 19466, 8, [USR1]) = 0")
        // PEEKSIGINFO: its arguments, and as many siginfos as the result.
        m.put(0x5000, le(7, 8) + u32s([1, 42]))
        var two = [UInt8](repeating: 0, count: 256)
        two.replaceSubrange(0..<24, with: u32s([10, 0, 0xffff_fffa, 0, 77, 0]))
        two.replaceSubrange(128..<152, with: u32s([12, 0, 0xffff_fffa, 0, 77, 0]))
        m.put(0x6000, two)
        #expect(line("ptrace", [0x4209, pid, 0x5000, 0x6000], ret: 2, mem: m)
            == "ptrace(PTRACE_PEEKSIGINFO, 19466, {off=7, flags=PTRACE_PEEKSIGINFO_SHARED, nr=42}, [{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=77, si_uid=0}, {si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=77, si_uid=0}]) = 2")
    }

    @Test func ptraceRegisters() {
        let pid: UInt64 = 19667
        var m = FakeMemory()
        m.put(0x7000, (0..<27).flatMap { le(UInt64($0) * 0x10, 8) })
        m.put(0x1000, le(0x7000, 8) + le(16, 8))
        #expect(line("ptrace", [0x4204, pid, 1, 0x1000], ret: 0, mem: m)
            == "ptrace(PTRACE_GETREGSET, 19667, NT_PRSTATUS, {iov_base={r15=0, r14=0x10}, iov_len=16}) = 0")
        #expect(line("ptrace", [0x4205, pid, 1, 0x1000], ret: 0, mem: m)
            == "ptrace(PTRACE_SETREGSET, 19667, NT_PRSTATUS, {iov_base={r15=0, r14=0x10}, iov_len=16}) = 0")
        // The kernel shortened the iovec; a length not a multiple of 8 shows the address.
        var shorter = m
        shorter.put(0x1000, le(0x7000, 8) + le(8, 8))
        #expect(line("ptrace", [0x4204, pid, 1, 0x1000], ret: 0, mem: m, exitMem: shorter)
            == "ptrace(PTRACE_GETREGSET, 19667, NT_PRSTATUS, {iov_base={r15=0}, iov_len=16 => 8}) = 0")
        m.put(0x2000, le(0x7000, 8) + le(3, 8))
        #expect(line("ptrace", [0x4205, pid, 1, 0x2000], ret: einval, error: true, mem: m)
            == "ptrace(PTRACE_SETREGSET, 19667, NT_PRSTATUS, {iov_base=0x7000, iov_len=3}) = -1 EINVAL (Invalid argument)")
        #expect(line("ptrace", [0x4204, pid, 1, 0x1000], ret: esrch, error: true, mem: m)
            == "ptrace(PTRACE_GETREGSET, 19667, NT_PRSTATUS, {iov_base=0x7000, iov_len=16}) = -1 ESRCH (No such process)")
        let regs = line("ptrace", [0xc, pid, 0, 0x7000], ret: 0, mem: m)
        #expect(regs.hasPrefix("ptrace(PTRACE_GETREGS, 19667, {r15=0, r14=0x10, ") && regs.hasSuffix(", fs=0x190, gs=0x1a0}) = 0"))
        #expect(line("ptrace", [0xc, pid, 0, 0x7000], ret: -14, error: true, mem: m)
            == "ptrace(PTRACE_GETREGS, 19667, 0x7000) = -1 EFAULT (Bad address)")
        // struct user_fpregs_struct: the arrays up to the length, cut at -s.
        var fp = [UInt8](repeating: 0, count: 512)
        fp.replaceSubrange(0..<2, with: le(0x37f, 2))
        fp.replaceSubrange(24..<32, with: u32s([0x1f80, 0x2ffff]))
        fp.replaceSubrange(160..<168, with: u32s([0xcafe, 0xbeef]))
        m.put(0x8000, fp)
        m.put(0x3000, le(0x8000, 8) + le(168, 8))
        #expect(line("ptrace", [0x4204, pid, 2, 0x3000], ret: 0, mem: m, s: 4)
            == "ptrace(PTRACE_GETREGSET, 19667, NT_FPREGSET, {iov_base={cwd=0x37f, swd=0, ftw=0, fop=0, rip=0, rdp=0, mxcsr=0x1f80, mxcr_mask=0x2ffff, st_space=[0, 0, 0, 0, ...], xmm_space=[0xcafe, 0xbeef]}, iov_len=168}) = 0")
    }

    @Test func ptraceRegistersOfI386() {
        var options = DecodeOptions(stringLimit: 32)
        options.style = DecodeStyle()
        let d = SyscallDecoder(options: options)
        var m = FakeMemory()
        m.put(0x7000, (0..<17).flatMap { le(UInt64($0) * 0x10, 4) })
        let e = d.decodeEntry(name: "ptrace", abi: .i386, args: [0xc, 42, 0, 0x7000], memory: m, fds: nil)
        let x = d.decodeExit(e, abi: .i386, args: [0xc, 42, 0, 0x7000], rval: 0, isError: false, memory: m, fds: nil)
        #expect(x.args.joined(separator: ", ")
            == "PTRACE_GETREGS, 42, {ebx=0, ecx=0x10, edx=0x20, esi=0x30, edi=0x40, ebp=0x50, eax=0x60, xds=0x70, xes=0x80, xfs=0x90, xgs=0xa0, orig_eax=0xb0, eip=0xc0, xcs=0xd0, eflags=0xe0, esp=0xf0, xss=0x100}")
        // PEEKUSER's offsets are x86_64's struct user's, as strace built for x86_64 shows them.
        let peek = d.decodeEntry(name: "ptrace", abi: .i386, args: [3, 42, 8, 0], memory: m, fds: nil)
        #expect(peek.args == ["PTRACE_PEEKUSER", "42", "8*R14"])
    }

    @Test func ptraceSyscallInfoAndSeccompMetadata() {
        let pid: UInt64 = 19701
        var m = FakeMemory()
        var entry = [UInt8](repeating: 0, count: 88)
        entry[0] = 1
        entry.replaceSubrange(4..<8, with: le(0xc000_003e, 4))
        entry.replaceSubrange(8..<32, with: le(0x7fdf_5b82_b829, 8) + le(0x7fff_ff59_fcd8, 8) + le(231, 8))
        entry.replaceSubrange(32..<48, with: le(0, 8) + le(0xfac1_c0d1, 8))
        m.put(0x1000, entry)
        #expect(line("ptrace", [0x420e, pid, 48, 0x1000], ret: 80, mem: m)
            == "ptrace(PTRACE_GET_SYSCALL_INFO, 19701, 48, {op=PTRACE_SYSCALL_INFO_ENTRY, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x7fdf5b82b829, stack_pointer=0x7fffff59fcd8, entry={nr=__NR_exit_group, args=[0, 0xfac1c0d1]}}) = 80")
        #expect(line("ptrace", [0x420e, pid, 7, 0x1000], ret: 80, mem: m) == "ptrace(PTRACE_GET_SYSCALL_INFO, 19701, 7, {op=PTRACE_SYSCALL_INFO_ENTRY}) = 80")
        #expect(line("ptrace", [0x420e, pid, 0, 0x1000], ret: 80, mem: m) == "ptrace(PTRACE_GET_SYSCALL_INFO, 19701, 0, 0x1000) = 80")
        var exit = entry
        exit[0] = 2
        exit.replaceSubrange(24..<33, with: le(UInt64(bitPattern: -2), 8) + [1])
        m.put(0x2000, exit)
        #expect(line("ptrace", [0x420e, pid, 40, 0x2000], ret: 33, mem: m, xlat: .verbose)
            == "ptrace(0x420e /* PTRACE_GET_SYSCALL_INFO */, 19701, 40, {op=0x2 /* PTRACE_SYSCALL_INFO_EXIT */, arch=0xc000003e /* AUDIT_ARCH_X86_64 */, instruction_pointer=0x7fdf5b82b829, stack_pointer=0x7fffff59fcd8, exit={rval=-2 /* -ENOENT */, is_error=1}}) = 33")
        #expect(line("ptrace", [0x420e, pid, 32, 0x2000], ret: 33, mem: m)
            == "ptrace(PTRACE_GET_SYSCALL_INFO, 19701, 32, {op=PTRACE_SYSCALL_INFO_EXIT, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x7fdf5b82b829, stack_pointer=0x7fffff59fcd8, exit={rval=-2}}) = 33")
        m.put(0x3000, le(0xface, 8) + le(1, 8))
        #expect(line("ptrace", [0x420d, pid, 16, 0x3000], ret: 16, mem: m)
            == "ptrace(PTRACE_SECCOMP_GET_METADATA, 19701, 16, {filter_off=64206, flags=SECCOMP_FILTER_FLAG_TSYNC}) = 16")
        #expect(line("ptrace", [0x420d, pid, 16, 0x3000], ret: esrch, error: true, mem: m)
            == "ptrace(PTRACE_SECCOMP_GET_METADATA, 19701, 16, {filter_off=64206}) = -1 ESRCH (No such process)")
        #expect(line("ptrace", [0x420d, pid, 7, 0x3000], ret: esrch, error: true, mem: m)
            == "ptrace(PTRACE_SECCOMP_GET_METADATA, 19701, 7, 0x3000) = -1 ESRCH (No such process)")
    }

    @Test func keyctlCommands() {
        let thread = UInt64(bitPattern: -1)
        #expect(line("keyctl", [0xbadc_0ded_face_feed, 1, 2, 3, 4], ret: -95, error: true)
            == "keyctl(0xfacefeed /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EOPNOTSUPP (Operation not supported)")
        #expect(line("keyctl", [0, thread, 0xbb40_e64d], ret: 457_245_698)
            == "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, -1153374643) = 457245698")
        #expect(line("keyctl", [0, thread, 0], ret: 5, xlat: .verbose)
            == "keyctl(0 /* KEYCTL_GET_KEYRING_ID */, -1 /* KEY_SPEC_THREAD_KEYRING */, 0) = 5")
        #expect(line("keyctl", [0x12, 1, 2, 3, 4], ret: 0) == "keyctl(KEYCTL_SESSION_TO_PARENT) = 0")
        #expect(line("keyctl", [4, UInt64(bitPattern: -8), 0xffff_ffff, 0xffff_ffff], ret: 0)
            == "keyctl(KEYCTL_CHOWN, KEY_SPEC_REQUESTOR_KEYRING, -1, -1) = 0")
        #expect(line("keyctl", [5, 7, 0xc0c0_c0c0], ret: einval, error: true)
            == "keyctl(KEYCTL_SETPERM, 7, 0xc0c0c0c0 /* KEY_??? */) = -1 EINVAL (Invalid argument)")
        #expect(line("keyctl", [0xe, UInt64(bitPattern: -1)], ret: 0) == "keyctl(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE) = 0")
        #expect(line("keyctl", [0xe, 0xbadc_0ded_badc_0ded], ret: einval, error: true)
            == "keyctl(KEYCTL_SET_REQKEY_KEYRING, -1159983635 /* KEY_REQKEY_DEFL_??? */) = -1 EINVAL (Invalid argument)")
        #expect(line("keyctl", [0x13, 5, 1, 19, 5], ret: -1, error: true)
            == "keyctl(KEYCTL_REJECT, 5, 1, ENODEV, 5) = -1 EPERM (Operation not permitted)")
        #expect(line("keyctl", [0x1e, thread, 9, thread, 0xffff_ffff], ret: einval, error: true)
            == "keyctl(KEYCTL_MOVE, KEY_SPEC_THREAD_KEYRING, 9, KEY_SPEC_THREAD_KEYRING, KEYCTL_MOVE_EXCL|0xfffffffe) = -1 EINVAL (Invalid argument)")
        // DESCRIBE: the result's bytes up to the length, a NUL that ends them dropped.
        var m = FakeMemory()
        m.put(0x1000, Array("keyring;0;0;3f010000;_tid".utf8) + [0])
        #expect(line("keyctl", [6, thread, 0x1000, 256], ret: 26, mem: m, s: 10)
            == "keyctl(KEYCTL_DESCRIBE, KEY_SPEC_THREAD_KEYRING, \"keyring;0;\"..., 256) = 26")
        #expect(line("keyctl", [6, thread, 0x1000, 256], ret: 26, mem: m)
            == "keyctl(KEYCTL_DESCRIBE, KEY_SPEC_THREAD_KEYRING, \"keyring;0;0;3f010000;_tid\", 256) = 26")
        #expect(line("keyctl", [0xb, thread, 0x1000, 9], ret: einval, error: true, mem: m)
            == "keyctl(KEYCTL_READ, KEY_SPEC_THREAD_KEYRING, 0x1000, 9) = -1 EINVAL (Invalid argument)")
        m.put(0x2000, [0xff, 0x03])
        #expect(line("keyctl", [0x1f, 0x2000, 4], ret: 2, mem: m)
            == "keyctl(KEYCTL_CAPABILITIES, [KEYCTL_CAPS0_CAPABILITIES|KEYCTL_CAPS0_PERSISTENT_KEYRINGS|KEYCTL_CAPS0_DIFFIE_HELLMAN|KEYCTL_CAPS0_PUBLIC_KEY|KEYCTL_CAPS0_BIG_KEY|KEYCTL_CAPS0_INVALIDATE|KEYCTL_CAPS0_RESTRICT_KEYRING|KEYCTL_CAPS0_MOVE, KEYCTL_CAPS1_NS_KEYRING_NAME|KEYCTL_CAPS1_NS_KEY_TAG], 4) = 2")
    }

    /// -e verbose=none: structures by their address, the strings and buffers still read.
    @Test func keyctlOutsideVerbose() {
        var options = DecodeOptions(stringLimit: 32)
        options.verbose = TraceFilter(names: ["keyctl"], classes: [], negated: true)
        let d = SyscallDecoder(options: options)
        var m = FakeMemory()
        m.put(0x1000, Array("user;0;0;3f010000;x".utf8) + [0])
        m.put(0x6000, le(UInt64(UInt32(bitPattern: -2)), 4) + le(4, 4) + le(2, 4) + [UInt8](repeating: 0, count: 28))
        m.put(0x9000, [0])
        func text(_ args: [UInt64], ret: Int64, error: Bool = false) -> String {
            let e = d.decodeEntry(name: "keyctl", abi: .x86_64, args: args, memory: m, fds: nil)
            let x = d.decodeExit(e, abi: .x86_64, args: args, rval: ret, isError: error, memory: m, fds: nil)
            return x.args.joined(separator: ", ")
        }
        #expect(text([6, UInt64(bitPattern: -1), 0x1000, 256], ret: 20) == "KEYCTL_DESCRIBE, KEY_SPEC_THREAD_KEYRING, \"user;0;0;3f010000;x\", 256")
        #expect(text([0x19, 0x6000, 0x9000, 0x7000, 0x8000], ret: -22, error: true)
            == "KEYCTL_PKEY_ENCRYPT, 0x6000, \"\", 0x7000, 0x8000")
    }

    @Test func keyctlStructures() {
        var m = FakeMemory()
        m.put(0x1000, u32s([UInt64(UInt32(bitPattern: -6)), 1_234_567_890, 0xbb40_e64d]))
        m.put(0x2000, cString: "hmac(aes)")
        m.put(0x3000, Array("\u{1}\u{2}\n".utf8))
        m.put(0x4000, le(0x2000, 8) + le(0x3000, 8) + u32s([3, 0, 0xface, 0, 0, 0, 0, 0, 0, 0]))
        #expect(line("keyctl", [0x17, 0x1000, 0x5000, 9, 0x4000], ret: -95, error: true, mem: m)
            == "keyctl(KEYCTL_DH_COMPUTE, {private=KEY_SPEC_GROUP_KEYRING, prime=1234567890, base=-1153374643}, 0x5000, 9, {hashname=\"hmac(aes)\", otherinfo=\"\\1\\2\\n\", otherinfolen=3, __spare=[0, 0xface, 0, 0, 0, 0, 0, 0]}) = -1 EOPNOTSUPP (Operation not supported)")
        // PKEY operations: the parameters, then in_len bytes in and out_len bytes out.
        m.put(0x6000, u32s([UInt64(UInt32(bitPattern: -2)), 4, 2, 0, 0, 0, 0, 0, 0, 0]))
        m.put(0x7000, Array("AbCd".utf8))
        m.put(0x8000, Array("xy".utf8))
        m.put(0x9000, [0])
        #expect(line("keyctl", [0x19, 0x6000, 0x9000, 0x7000, 0x8000], ret: 2, mem: m)
            == "keyctl(KEYCTL_PKEY_ENCRYPT, {key_id=KEY_SPEC_PROCESS_KEYRING, in_len=4, out_len=2}, \"\", \"AbCd\", \"xy\") = 2")
        #expect(line("keyctl", [0x19, 0x6000, 0x9000, 0x7000, 0x8000], ret: einval, error: true, mem: m)
            == "keyctl(KEYCTL_PKEY_ENCRYPT, {key_id=KEY_SPEC_PROCESS_KEYRING, in_len=4, out_len=2}, \"\", \"AbCd\", 0x8000) = -1 EINVAL (Invalid argument)")
        #expect(line("keyctl", [0x1c, 0x6000, 0x9000, 0x7000, 0x8000], ret: einval, error: true, mem: m)
            == "keyctl(KEYCTL_PKEY_VERIFY, {key_id=KEY_SPEC_PROCESS_KEYRING, in_len=4, in2_len=2}, \"\", \"AbCd\", \"xy\") = -1 EINVAL (Invalid argument)")
        #expect(line("keyctl", [0x19, 0xa000, 0x9000, 0x7000, 0x8000], ret: -14, error: true, mem: m)
            == "keyctl(KEYCTL_PKEY_ENCRYPT, 0xa000, \"\", 0x7000, 0x8000) = -1 EFAULT (Bad address)")
    }

    @Test func perfEventAttr() {
        var attr = [UInt8](repeating: 0, count: 128)
        attr.replaceSubrange(0..<16, with: u32s([0, 0x88]) + le(9, 8))
        attr.replaceSubrange(40..<48, with: le(1 << 3 | 1 << 15 | 1 << 25 | 0x5 << 38, 8))
        attr.replaceSubrange(48..<52, with: le(7, 4))
        attr.replaceSubrange(92..<96, with: le(11, 4))
        var m = FakeMemory()
        m.put(0x1000, attr)
        #expect(line("perf_event_open", [0x1000, 0xface_f00d, 0xbada_bba7, 0xffff_ffff, 8], ret: einval, error: true, mem: m)
            == "perf_event_open({type=PERF_TYPE_HARDWARE, size=0x88 /* PERF_ATTR_SIZE_??? */, config=PERF_COUNT_HW_REF_CPU_CYCLES, sample_period=0, sample_type=0, read_format=0, exclusive=1, precise_ip=1 /* constant skid */, use_clockid=1, __reserved_1=0x5 /* Bits 63..38 */, ...}, -87101427, -1160070233, -1, PERF_FLAG_FD_CLOEXEC) = -1 EINVAL (Invalid argument)")
        let full = line("perf_event_open", [0x1000, 0, 0, 0, 0], ret: einval, error: true, mem: m, verbose: true)
        #expect(full.contains("exclusive=1, exclude_user=0, ") && full.contains(", sigtrap=0, __reserved_1=0x5 /* Bits 63..38 */, wakeup_events=7, config1=0, config2=0, sample_regs_user=0, clockid=CLOCK_TAI, sample_regs_intr=0, aux_watermark=0, sample_max_stack=0, aux_sample_size=0, sig_data=0, ...}, 0, 0, 0, 0) = -1 EINVAL"))
        // E2BIG: the size the kernel wants, after the caller's.
        attr.replaceSubrange(0..<8, with: u32s([2, 0xa0]))
        m.put(0x1000, attr)
        var after = m
        after.put(0x1000, u32s([2, 0x88]) + Array(attr[8...]))
        let e2big = line("perf_event_open", [0x1000, 0, 0, 0, 0], ret: -7, error: true, mem: m, exitMem: after)
        #expect(e2big.hasPrefix("perf_event_open({type=PERF_TYPE_TRACEPOINT, size=0xa0 /* PERF_ATTR_SIZE_??? */ => 0x88 /* PERF_ATTR_SIZE_??? */, config=9, "))
        // Smaller than the first published size: the address.
        attr.replaceSubrange(4..<8, with: le(56, 4))
        m.put(0x1000, attr)
        #expect(line("perf_event_open", [0x1000, 0, 0, 1, 0], ret: einval, error: true, mem: m)
            == "perf_event_open(0x1000, 0, 0, 1, 0) = -1 EINVAL (Invalid argument)")
    }
}
