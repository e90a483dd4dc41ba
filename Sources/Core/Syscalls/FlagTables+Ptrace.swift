// The name tables of ptrace, keyctl and perf_event_open (`Arg.dbg`): strace 6.1's
// xlat/*.in, values, names and order (flags print in table order).

extension X {
    // ptrace (ptrace.c): the requests of x86_64 and i386.
    static let ptraceCmds = Xlat("PTRACE_???", [
        (0, "PTRACE_TRACEME"), (1, "PTRACE_PEEKTEXT"), (2, "PTRACE_PEEKDATA"), (3, "PTRACE_PEEKUSER"),
        (4, "PTRACE_POKETEXT"), (5, "PTRACE_POKEDATA"), (6, "PTRACE_POKEUSER"), (7, "PTRACE_CONT"),
        (8, "PTRACE_KILL"), (9, "PTRACE_SINGLESTEP"), (0x10, "PTRACE_ATTACH"), (0x11, "PTRACE_DETACH"),
        (0x18, "PTRACE_SYSCALL"), (0x4200, "PTRACE_SETOPTIONS"), (0x4201, "PTRACE_GETEVENTMSG"),
        (0x4202, "PTRACE_GETSIGINFO"), (0x4203, "PTRACE_SETSIGINFO"), (0x4204, "PTRACE_GETREGSET"),
        (0x4205, "PTRACE_SETREGSET"), (0x4206, "PTRACE_SEIZE"), (0x4207, "PTRACE_INTERRUPT"),
        (0x4208, "PTRACE_LISTEN"), (0x4209, "PTRACE_PEEKSIGINFO"), (0x420a, "PTRACE_GETSIGMASK"),
        (0x420b, "PTRACE_SETSIGMASK"), (0x420c, "PTRACE_SECCOMP_GET_FILTER"),
        (0x420d, "PTRACE_SECCOMP_GET_METADATA"), (0x420e, "PTRACE_GET_SYSCALL_INFO"),
        (0x420f, "PTRACE_GET_RSEQ_CONFIGURATION"), (0xc, "PTRACE_GETREGS"), (0xd, "PTRACE_SETREGS"),
        (0xe, "PTRACE_GETFPREGS"), (0xf, "PTRACE_SETFPREGS"), (0x12, "PTRACE_GETFPXREGS"),
        (0x13, "PTRACE_SETFPXREGS"), (0x15, "PTRACE_OLDSETOPTIONS"), (0x19, "PTRACE_GET_THREAD_AREA"),
        (0x1a, "PTRACE_SET_THREAD_AREA"), (0x1f, "PTRACE_SYSEMU"), (0x20, "PTRACE_SYSEMU_SINGLESTEP"),
        (0x21, "PTRACE_SINGLEBLOCK"), (0x1e, "PTRACE_ARCH_PRCTL")])
    static let ptraceOptions = Xlat("PTRACE_O_???", [
        (0x1, "PTRACE_O_TRACESYSGOOD"), (0x2, "PTRACE_O_TRACEFORK"), (0x4, "PTRACE_O_TRACEVFORK"),
        (0x8, "PTRACE_O_TRACECLONE"), (0x10, "PTRACE_O_TRACEEXEC"), (0x20, "PTRACE_O_TRACEVFORKDONE"),
        (0x40, "PTRACE_O_TRACEEXIT"), (0x80, "PTRACE_O_TRACESECCOMP"), (0x100000, "PTRACE_O_EXITKILL"),
        (0x200000, "PTRACE_O_SUSPEND_SECCOMP")])
    static let ptracePeeksiginfoFlags = Xlat("PTRACE_PEEKSIGINFO_???", [(1, "PTRACE_PEEKSIGINFO_SHARED")])
    static let ptraceSyscallInfoOps = Xlat("PTRACE_SYSCALL_INFO_???", [
        (0, "PTRACE_SYSCALL_INFO_NONE"), (1, "PTRACE_SYSCALL_INFO_ENTRY"), (2, "PTRACE_SYSCALL_INFO_EXIT"),
        (3, "PTRACE_SYSCALL_INFO_SECCOMP")])
    /// The ELF note types of PTRACE_GETREGSET (nt_descriptor_types).
    static let ntDescriptorTypes = Xlat("NT_???", [
        (1, "NT_PRSTATUS"), (2, "NT_FPREGSET"), (3, "NT_PRPSINFO"), (4, "NT_PRXREG"), (5, "NT_PLATFORM"),
        (6, "NT_AUXV"), (7, "NT_GWINDOWS"), (8, "NT_ASRS"), (10, "NT_PSTATUS"), (13, "NT_PSINFO"),
        (14, "NT_PRCRED"), (15, "NT_UTSNAME"), (16, "NT_LWPSTATUS"), (17, "NT_LWPSINFO"), (20, "NT_PRFPXREG"),
        (0x100, "NT_PPC_VMX"), (0x101, "NT_PPC_SPE"), (0x102, "NT_PPC_VSX"), (0x103, "NT_PPC_TAR"),
        (0x104, "NT_PPC_PPR"), (0x105, "NT_PPC_DSCR"), (0x106, "NT_PPC_EBB"), (0x107, "NT_PPC_PMU"),
        (0x108, "NT_PPC_TM_CGPR"), (0x109, "NT_PPC_TM_CFPR"), (0x10a, "NT_PPC_TM_CVMX"), (0x10b, "NT_PPC_TM_CVSX"),
        (0x10c, "NT_PPC_TM_SPR"), (0x10d, "NT_PPC_TM_CTAR"), (0x10e, "NT_PPC_TM_CPPR"), (0x10f, "NT_PPC_TM_CDSCR"),
        (0x110, "NT_PPC_PKEY"), (0x200, "NT_386_TLS"), (0x201, "NT_386_IOPERM"), (0x202, "NT_X86_XSTATE"),
        (0x300, "NT_S390_HIGH_GPRS"), (0x301, "NT_S390_TIMER"), (0x302, "NT_S390_TODCMP"), (0x303, "NT_S390_TODPREG"),
        (0x304, "NT_S390_CTRS"), (0x305, "NT_S390_PREFIX"), (0x306, "NT_S390_LAST_BREAK"),
        (0x307, "NT_S390_SYSTEM_CALL"), (0x308, "NT_S390_TDB"), (0x309, "NT_S390_VXRS_LOW"),
        (0x30a, "NT_S390_VXRS_HIGH"), (0x30b, "NT_S390_GS_CB"), (0x30c, "NT_S390_GS_BC"), (0x30d, "NT_S390_RI_CB"),
        (0x30e, "NT_S390_PV_CPU_DATA"), (0x400, "NT_ARM_VFP"), (0x401, "NT_ARM_TLS"), (0x402, "NT_ARM_HW_BREAK"),
        (0x403, "NT_ARM_HW_WATCH"), (0x404, "NT_ARM_SYSTEM_CALL"), (0x405, "NT_ARM_SVE"), (0x406, "NT_ARM_PAC_MASK"),
        (0x407, "NT_ARM_PACA_KEYS"), (0x408, "NT_ARM_PACG_KEYS"), (0x409, "NT_ARM_TAGGED_ADDR_CTRL"),
        (0x40a, "NT_ARM_PAC_ENABLED_KEYS"), (0x40b, "NT_ARM_SSVE"), (0x40c, "NT_ARM_ZA"), (0x500, "NT_METAG_CBUF"),
        (0x501, "NT_METAG_RPIPE"), (0x502, "NT_METAG_TLS"), (0x600, "NT_ARC_V2"), (0x700, "NT_VMCOREDD"),
        (0x800, "NT_MIPS_DSP"), (0x801, "NT_MIPS_FP_MODE"), (0x802, "NT_MIPS_MSA"), (0xa00, "NT_LOONGARCH_CPUCFG"),
        (0xa01, "NT_LOONGARCH_CSR"), (0xa02, "NT_LOONGARCH_LSX"), (0xa03, "NT_LOONGARCH_LASX"),
        (0xa04, "NT_LOONGARCH_LBT"), (0x46494c45, "NT_FILE"), (0x46e62b7f, "NT_PRXFPREG"), (0x53494749, "NT_SIGINFO")])
    /// The AUDIT_ARCH_* values (audit_arch).
    static let auditArchs = Xlat("AUDIT_ARCH_???", [
        (0xc00000b7, "AUDIT_ARCH_AARCH64"), (0xc0009026, "AUDIT_ARCH_ALPHA"), (0x4000005d, "AUDIT_ARCH_ARCOMPACT"),
        (0x5d, "AUDIT_ARCH_ARCOMPACTBE"), (0x400000c3, "AUDIT_ARCH_ARCV2"), (0xc3, "AUDIT_ARCH_ARCV2BE"),
        (0x40000028, "AUDIT_ARCH_ARM"), (0x28, "AUDIT_ARCH_ARMEB"), (0x4000008c, "AUDIT_ARCH_C6X"),
        (0x8c, "AUDIT_ARCH_C6XBE"), (0x4000004c, "AUDIT_ARCH_CRIS"), (0x400000fc, "AUDIT_ARCH_CSKY"),
        (0x5441, "AUDIT_ARCH_FRV"), (0x2e, "AUDIT_ARCH_H8300"), (0xa4, "AUDIT_ARCH_HEXAGON"),
        (0x40000003, "AUDIT_ARCH_I386"), (0xc0000032, "AUDIT_ARCH_IA64"), (0x40000102, "AUDIT_ARCH_LOONGARCH32"),
        (0xc0000102, "AUDIT_ARCH_LOONGARCH64"), (0x58, "AUDIT_ARCH_M32R"), (0x4, "AUDIT_ARCH_M68K"),
        (0xbd, "AUDIT_ARCH_MICROBLAZE"), (0x8, "AUDIT_ARCH_MIPS"), (0x80000008, "AUDIT_ARCH_MIPS64"),
        (0xa0000008, "AUDIT_ARCH_MIPS64N32"), (0x40000008, "AUDIT_ARCH_MIPSEL"), (0xc0000008, "AUDIT_ARCH_MIPSEL64"),
        (0xe0000008, "AUDIT_ARCH_MIPSEL64N32"), (0x400000a7, "AUDIT_ARCH_NDS32"), (0xa7, "AUDIT_ARCH_NDS32BE"),
        (0x40000071, "AUDIT_ARCH_NIOS2"), (0x5c, "AUDIT_ARCH_OPENRISC"), (0xf, "AUDIT_ARCH_PARISC"),
        (0x8000000f, "AUDIT_ARCH_PARISC64"), (0x14, "AUDIT_ARCH_PPC"), (0x80000015, "AUDIT_ARCH_PPC64"),
        (0xc0000015, "AUDIT_ARCH_PPC64LE"), (0x400000f3, "AUDIT_ARCH_RISCV32"), (0xc00000f3, "AUDIT_ARCH_RISCV64"),
        (0x16, "AUDIT_ARCH_S390"), (0x80000016, "AUDIT_ARCH_S390X"), (0x2a, "AUDIT_ARCH_SH"),
        (0x8000002a, "AUDIT_ARCH_SH64"), (0x4000002a, "AUDIT_ARCH_SHEL"), (0xc000002a, "AUDIT_ARCH_SHEL64"),
        (0x2, "AUDIT_ARCH_SPARC"), (0x8000002b, "AUDIT_ARCH_SPARC64"), (0xc00000bf, "AUDIT_ARCH_TILEGX"),
        (0x400000bf, "AUDIT_ARCH_TILEGX32"), (0x400000bc, "AUDIT_ARCH_TILEPRO"), (0x4000006e, "AUDIT_ARCH_UNICORE"),
        (0x40000057, "AUDIT_ARCH_V850"), (0xc000003e, "AUDIT_ARCH_X86_64"), (0x5e, "AUDIT_ARCH_XTENSA")])

    /// The named offsets into x86_64's struct user (userent.h), sorted: PEEKUSER's address.
    static let userOffsetsX86_64: [(UInt64, String)] = [
        (0, "8*R15"), (8, "8*R14"), (16, "8*R13"), (24, "8*R12"), (32, "8*RBP"), (40, "8*RBX"), (48, "8*R11"),
        (56, "8*R10"), (64, "8*R9"), (72, "8*R8"), (80, "8*RAX"), (88, "8*RCX"), (96, "8*RDX"), (104, "8*RSI"),
        (112, "8*RDI"), (120, "8*ORIG_RAX"), (128, "8*RIP"), (136, "8*CS"), (144, "8*EFL"), (152, "8*RSP"),
        (160, "8*SS"), (216, "offsetof(struct user, u_fpvalid)"), (224, "offsetof(struct user, i387)"),
        (736, "offsetof(struct user, u_tsize)"), (744, "offsetof(struct user, u_dsize)"),
        (752, "offsetof(struct user, u_ssize)"), (760, "offsetof(struct user, start_code)"),
        (768, "offsetof(struct user, start_stack)"), (776, "offsetof(struct user, signal)"),
        (784, "offsetof(struct user, reserved)"), (792, "offsetof(struct user, u_ar0)"),
        (800, "offsetof(struct user, u_fpstate)"), (808, "offsetof(struct user, magic)"),
        (816, "offsetof(struct user, u_comm)"), (848, "offsetof(struct user, u_debugreg)"),
        (912, "sizeof(struct user)")]
}

extension X {
    // keyctl (keyctl.c)
    static let keyctlCommands = Xlat("KEYCTL_???", [
        "KEYCTL_GET_KEYRING_ID", "KEYCTL_JOIN_SESSION_KEYRING", "KEYCTL_UPDATE", "KEYCTL_REVOKE", "KEYCTL_CHOWN",
        "KEYCTL_SETPERM", "KEYCTL_DESCRIBE", "KEYCTL_CLEAR", "KEYCTL_LINK", "KEYCTL_UNLINK", "KEYCTL_SEARCH",
        "KEYCTL_READ", "KEYCTL_INSTANTIATE", "KEYCTL_NEGATE", "KEYCTL_SET_REQKEY_KEYRING", "KEYCTL_SET_TIMEOUT",
        "KEYCTL_ASSUME_AUTHORITY", "KEYCTL_GET_SECURITY", "KEYCTL_SESSION_TO_PARENT", "KEYCTL_REJECT",
        "KEYCTL_INSTANTIATE_IOV", "KEYCTL_INVALIDATE", "KEYCTL_GET_PERSISTENT", "KEYCTL_DH_COMPUTE",
        "KEYCTL_PKEY_QUERY", "KEYCTL_PKEY_ENCRYPT", "KEYCTL_PKEY_DECRYPT", "KEYCTL_PKEY_SIGN", "KEYCTL_PKEY_VERIFY",
        "KEYCTL_RESTRICT_KEYRING", "KEYCTL_MOVE", "KEYCTL_CAPABILITIES", "KEYCTL_WATCH_KEY",
    ].enumerated().map { (UInt64($0.offset), $0.element) })
    static let keyPerms = Xlat("KEY_???", [
        (0x0100_0000, "KEY_POS_VIEW"), (0x0200_0000, "KEY_POS_READ"), (0x0400_0000, "KEY_POS_WRITE"),
        (0x0800_0000, "KEY_POS_SEARCH"), (0x1000_0000, "KEY_POS_LINK"), (0x2000_0000, "KEY_POS_SETATTR"),
        (0x3f00_0000, "KEY_POS_ALL"), (0x0001_0000, "KEY_USR_VIEW"), (0x0002_0000, "KEY_USR_READ"),
        (0x0004_0000, "KEY_USR_WRITE"), (0x0008_0000, "KEY_USR_SEARCH"), (0x0010_0000, "KEY_USR_LINK"),
        (0x0020_0000, "KEY_USR_SETATTR"), (0x003f_0000, "KEY_USR_ALL"), (0x100, "KEY_GRP_VIEW"), (0x200, "KEY_GRP_READ"),
        (0x400, "KEY_GRP_WRITE"), (0x800, "KEY_GRP_SEARCH"), (0x1000, "KEY_GRP_LINK"), (0x2000, "KEY_GRP_SETATTR"),
        (0x3f00, "KEY_GRP_ALL"), (0x1, "KEY_OTH_VIEW"), (0x2, "KEY_OTH_READ"), (0x4, "KEY_OTH_WRITE"),
        (0x8, "KEY_OTH_SEARCH"), (0x10, "KEY_OTH_LINK"), (0x20, "KEY_OTH_SETATTR"), (0x3f, "KEY_OTH_ALL")])
    /// KEY_REQKEY_DEFL_*, by their value as a sign-extended int.
    static let keyReqkeys = Xlat("KEY_REQKEY_DEFL_???", [
        (UInt64.max, "KEY_REQKEY_DEFL_NO_CHANGE"), (0, "KEY_REQKEY_DEFL_DEFAULT"), (1, "KEY_REQKEY_DEFL_THREAD_KEYRING"),
        (2, "KEY_REQKEY_DEFL_PROCESS_KEYRING"), (3, "KEY_REQKEY_DEFL_SESSION_KEYRING"), (4, "KEY_REQKEY_DEFL_USER_KEYRING"),
        (5, "KEY_REQKEY_DEFL_USER_SESSION_KEYRING"), (6, "KEY_REQKEY_DEFL_GROUP_KEYRING"),
        (7, "KEY_REQKEY_DEFL_REQUESTOR_KEYRING")])
    static let keyctlCaps0 = Xlat("KEYCTL_CAPS0_???", [
        (0x1, "KEYCTL_CAPS0_CAPABILITIES"), (0x2, "KEYCTL_CAPS0_PERSISTENT_KEYRINGS"), (0x4, "KEYCTL_CAPS0_DIFFIE_HELLMAN"),
        (0x8, "KEYCTL_CAPS0_PUBLIC_KEY"), (0x10, "KEYCTL_CAPS0_BIG_KEY"), (0x20, "KEYCTL_CAPS0_INVALIDATE"),
        (0x40, "KEYCTL_CAPS0_RESTRICT_KEYRING"), (0x80, "KEYCTL_CAPS0_MOVE")])
    static let keyctlCaps1 = Xlat("KEYCTL_CAPS1_???", [
        (0x1, "KEYCTL_CAPS1_NS_KEYRING_NAME"), (0x2, "KEYCTL_CAPS1_NS_KEY_TAG"), (0x4, "KEYCTL_CAPS1_NOTIFICATIONS")])
    static let keyctlMoveFlags = Xlat("KEYCTL_MOVE_???", [(0x1, "KEYCTL_MOVE_EXCL")])
    static let keyctlPkeyOps = Xlat("KEYCTL_SUPPORTS_???", [
        (0x1, "KEYCTL_SUPPORTS_ENCRYPT"), (0x2, "KEYCTL_SUPPORTS_DECRYPT"), (0x4, "KEYCTL_SUPPORTS_SIGN"),
        (0x8, "KEYCTL_SUPPORTS_VERIFY")])
}

extension X {
    // perf_event_open (perf.c)
    static let perfTypes = Xlat("PERF_TYPE_???", [
        (0, "PERF_TYPE_HARDWARE"), (1, "PERF_TYPE_SOFTWARE"), (2, "PERF_TYPE_TRACEPOINT"), (3, "PERF_TYPE_HW_CACHE"),
        (4, "PERF_TYPE_RAW"), (5, "PERF_TYPE_BREAKPOINT")])
    static let perfAttrSizes = Xlat("PERF_ATTR_SIZE_???", [
        (64, "PERF_ATTR_SIZE_VER0"), (72, "PERF_ATTR_SIZE_VER1"), (80, "PERF_ATTR_SIZE_VER2"), (96, "PERF_ATTR_SIZE_VER3"),
        (104, "PERF_ATTR_SIZE_VER4"), (112, "PERF_ATTR_SIZE_VER5"), (120, "PERF_ATTR_SIZE_VER6"),
        (128, "PERF_ATTR_SIZE_VER7")])
    static let perfHwIds = Xlat("PERF_COUNT_HW_???", [
        (0, "PERF_COUNT_HW_CPU_CYCLES"), (1, "PERF_COUNT_HW_INSTRUCTIONS"), (2, "PERF_COUNT_HW_CACHE_REFERENCES"),
        (3, "PERF_COUNT_HW_CACHE_MISSES"), (4, "PERF_COUNT_HW_BRANCH_INSTRUCTIONS"), (5, "PERF_COUNT_HW_BRANCH_MISSES"),
        (6, "PERF_COUNT_HW_BUS_CYCLES"), (7, "PERF_COUNT_HW_STALLED_CYCLES_FRONTEND"),
        (8, "PERF_COUNT_HW_STALLED_CYCLES_BACKEND"), (9, "PERF_COUNT_HW_REF_CPU_CYCLES")])
    static let perfSwIds = Xlat("PERF_COUNT_SW_???", [
        (0, "PERF_COUNT_SW_CPU_CLOCK"), (1, "PERF_COUNT_SW_TASK_CLOCK"), (2, "PERF_COUNT_SW_PAGE_FAULTS"),
        (3, "PERF_COUNT_SW_CONTEXT_SWITCHES"), (4, "PERF_COUNT_SW_CPU_MIGRATIONS"), (5, "PERF_COUNT_SW_PAGE_FAULTS_MIN"),
        (6, "PERF_COUNT_SW_PAGE_FAULTS_MAJ"), (7, "PERF_COUNT_SW_ALIGNMENT_FAULTS"), (8, "PERF_COUNT_SW_EMULATION_FAULTS"),
        (9, "PERF_COUNT_SW_DUMMY"), (10, "PERF_COUNT_SW_BPF_OUTPUT"), (11, "PERF_COUNT_SW_CGROUP_SWITCHES")])
    static let perfHwCacheIds = Xlat("PERF_COUNT_HW_CACHE_???", [
        (0, "PERF_COUNT_HW_CACHE_L1D"), (1, "PERF_COUNT_HW_CACHE_L1I"), (2, "PERF_COUNT_HW_CACHE_LL"),
        (3, "PERF_COUNT_HW_CACHE_DTLB"), (4, "PERF_COUNT_HW_CACHE_ITLB"), (5, "PERF_COUNT_HW_CACHE_BPU"),
        (6, "PERF_COUNT_HW_CACHE_NODE")])
    static let perfHwCacheOps = Xlat("PERF_COUNT_HW_CACHE_OP_???", [
        (0, "PERF_COUNT_HW_CACHE_OP_READ"), (1, "PERF_COUNT_HW_CACHE_OP_WRITE"), (2, "PERF_COUNT_HW_CACHE_OP_PREFETCH")])
    static let perfHwCacheResults = Xlat("PERF_COUNT_HW_CACHE_RESULT_???", [
        (0, "PERF_COUNT_HW_CACHE_RESULT_ACCESS"), (1, "PERF_COUNT_HW_CACHE_RESULT_MISS")])
    static let perfSampleFormat = Xlat("PERF_SAMPLE_???", [
        "PERF_SAMPLE_IP", "PERF_SAMPLE_TID", "PERF_SAMPLE_TIME", "PERF_SAMPLE_ADDR", "PERF_SAMPLE_READ",
        "PERF_SAMPLE_CALLCHAIN", "PERF_SAMPLE_ID", "PERF_SAMPLE_CPU", "PERF_SAMPLE_PERIOD", "PERF_SAMPLE_STREAM_ID",
        "PERF_SAMPLE_RAW", "PERF_SAMPLE_BRANCH_STACK", "PERF_SAMPLE_REGS_USER", "PERF_SAMPLE_STACK_USER",
        "PERF_SAMPLE_WEIGHT", "PERF_SAMPLE_DATA_SRC", "PERF_SAMPLE_IDENTIFIER", "PERF_SAMPLE_TRANSACTION",
        "PERF_SAMPLE_REGS_INTR", "PERF_SAMPLE_PHYS_ADDR", "PERF_SAMPLE_AUX", "PERF_SAMPLE_CGROUP",
        "PERF_SAMPLE_DATA_PAGE_SIZE", "PERF_SAMPLE_CODE_PAGE_SIZE", "PERF_SAMPLE_WEIGHT_STRUCT",
    ].enumerated().map { (UInt64(1) << UInt64($0.offset), $0.element) })
    static let perfReadFormat = Xlat("PERF_FORMAT_???", [
        (1, "PERF_FORMAT_TOTAL_TIME_ENABLED"), (2, "PERF_FORMAT_TOTAL_TIME_RUNNING"), (4, "PERF_FORMAT_ID"),
        (8, "PERF_FORMAT_GROUP"), (16, "PERF_FORMAT_LOST")])
    static let perfBranchSampleTypes = Xlat("PERF_SAMPLE_BRANCH_???", [
        "PERF_SAMPLE_BRANCH_USER", "PERF_SAMPLE_BRANCH_KERNEL", "PERF_SAMPLE_BRANCH_HV", "PERF_SAMPLE_BRANCH_ANY",
        "PERF_SAMPLE_BRANCH_ANY_CALL", "PERF_SAMPLE_BRANCH_ANY_RETURN", "PERF_SAMPLE_BRANCH_IND_CALL",
        "PERF_SAMPLE_BRANCH_ABORT_TX", "PERF_SAMPLE_BRANCH_IN_TX", "PERF_SAMPLE_BRANCH_NO_TX", "PERF_SAMPLE_BRANCH_COND",
        "PERF_SAMPLE_BRANCH_CALL_STACK", "PERF_SAMPLE_BRANCH_IND_JUMP", "PERF_SAMPLE_BRANCH_CALL",
        "PERF_SAMPLE_BRANCH_NO_FLAGS", "PERF_SAMPLE_BRANCH_NO_CYCLES", "PERF_SAMPLE_BRANCH_TYPE_SAVE",
        "PERF_SAMPLE_BRANCH_HW_INDEX", "PERF_SAMPLE_BRANCH_PRIV_SAVE",
    ].enumerated().map { (UInt64(1) << UInt64($0.offset), $0.element) })
    private static let hwBreakpointTypeNames: [(UInt64, String)] = [
        (0, "HW_BREAKPOINT_EMPTY"), (1, "HW_BREAKPOINT_R"), (2, "HW_BREAKPOINT_W"), (3, "HW_BREAKPOINT_RW"),
        (4, "HW_BREAKPOINT_X")]
    /// bp_type: an unknown combination of R, W and X is invalid, a larger value unknown.
    static let hwBreakpointTypes = Xlat("HW_BREAKPOINT_???", hwBreakpointTypeNames)
    static let hwBreakpointTypesInvalid = Xlat("HW_BREAKPOINT_INVALID", hwBreakpointTypeNames)
    static let perfEventOpenFlags = Xlat("PERF_FLAG_???", [
        (1, "PERF_FLAG_FD_NO_GROUP"), (2, "PERF_FLAG_FD_OUTPUT"), (4, "PERF_FLAG_PID_CGROUP"), (8, "PERF_FLAG_FD_CLOEXEC")])
}
