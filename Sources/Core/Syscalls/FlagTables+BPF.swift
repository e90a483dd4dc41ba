// The name tables of the bpf(2) decoder (StructFormat+BPF.swift): values, names and their
// order are strace 6.1's (src/xlat/bpf_*.in, ebpf_*.in, numa_node.in). An eBPF instruction's
// sizes, sources and operations are the classic tables' (X.bpfSizes, X.bpfAluOps, ...), which
// hold the eBPF names too.

extension X {
    /// strace's bpf_commands.
    static let bpfCommands = Xlat("BPF_???", [
        (0x0, "BPF_MAP_CREATE"), (0x1, "BPF_MAP_LOOKUP_ELEM"), (0x2, "BPF_MAP_UPDATE_ELEM"),
        (0x3, "BPF_MAP_DELETE_ELEM"), (0x4, "BPF_MAP_GET_NEXT_KEY"), (0x5, "BPF_PROG_LOAD"), (0x6, "BPF_OBJ_PIN"),
        (0x7, "BPF_OBJ_GET"), (0x8, "BPF_PROG_ATTACH"), (0x9, "BPF_PROG_DETACH"), (0xa, "BPF_PROG_TEST_RUN"),
        (0xb, "BPF_PROG_GET_NEXT_ID"), (0xc, "BPF_MAP_GET_NEXT_ID"), (0xd, "BPF_PROG_GET_FD_BY_ID"),
        (0xe, "BPF_MAP_GET_FD_BY_ID"), (0xf, "BPF_OBJ_GET_INFO_BY_FD"), (0x10, "BPF_PROG_QUERY"),
        (0x11, "BPF_RAW_TRACEPOINT_OPEN"), (0x12, "BPF_BTF_LOAD"), (0x13, "BPF_BTF_GET_FD_BY_ID"),
        (0x14, "BPF_TASK_FD_QUERY"), (0x15, "BPF_MAP_LOOKUP_AND_DELETE_ELEM"), (0x16, "BPF_MAP_FREEZE"),
        (0x17, "BPF_BTF_GET_NEXT_ID"), (0x18, "BPF_MAP_LOOKUP_BATCH"), (0x19, "BPF_MAP_LOOKUP_AND_DELETE_BATCH"),
        (0x1a, "BPF_MAP_UPDATE_BATCH"), (0x1b, "BPF_MAP_DELETE_BATCH"), (0x1c, "BPF_LINK_CREATE"),
        (0x1d, "BPF_LINK_UPDATE"), (0x1e, "BPF_LINK_GET_FD_BY_ID"), (0x1f, "BPF_LINK_GET_NEXT_ID"),
        (0x20, "BPF_ENABLE_STATS"), (0x21, "BPF_ITER_CREATE"), (0x22, "BPF_LINK_DETACH"),
        (0x23, "BPF_PROG_BIND_MAP")
    ])
    /// strace's bpf_map_types.
    static let bpfMapTypes = Xlat("BPF_MAP_TYPE_???", [
        (0x0, "BPF_MAP_TYPE_UNSPEC"), (0x1, "BPF_MAP_TYPE_HASH"), (0x2, "BPF_MAP_TYPE_ARRAY"),
        (0x3, "BPF_MAP_TYPE_PROG_ARRAY"), (0x4, "BPF_MAP_TYPE_PERF_EVENT_ARRAY"), (0x5, "BPF_MAP_TYPE_PERCPU_HASH"),
        (0x6, "BPF_MAP_TYPE_PERCPU_ARRAY"), (0x7, "BPF_MAP_TYPE_STACK_TRACE"), (0x8, "BPF_MAP_TYPE_CGROUP_ARRAY"),
        (0x9, "BPF_MAP_TYPE_LRU_HASH"), (0xa, "BPF_MAP_TYPE_LRU_PERCPU_HASH"), (0xb, "BPF_MAP_TYPE_LPM_TRIE"),
        (0xc, "BPF_MAP_TYPE_ARRAY_OF_MAPS"), (0xd, "BPF_MAP_TYPE_HASH_OF_MAPS"), (0xe, "BPF_MAP_TYPE_DEVMAP"),
        (0xf, "BPF_MAP_TYPE_SOCKMAP"), (0x10, "BPF_MAP_TYPE_CPUMAP"), (0x11, "BPF_MAP_TYPE_XSKMAP"),
        (0x12, "BPF_MAP_TYPE_SOCKHASH"), (0x13, "BPF_MAP_TYPE_CGROUP_STORAGE"),
        (0x14, "BPF_MAP_TYPE_REUSEPORT_SOCKARRAY"), (0x15, "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE"),
        (0x16, "BPF_MAP_TYPE_QUEUE"), (0x17, "BPF_MAP_TYPE_STACK"), (0x18, "BPF_MAP_TYPE_SK_STORAGE"),
        (0x19, "BPF_MAP_TYPE_DEVMAP_HASH"), (0x1a, "BPF_MAP_TYPE_STRUCT_OPS"), (0x1b, "BPF_MAP_TYPE_RINGBUF"),
        (0x1c, "BPF_MAP_TYPE_INODE_STORAGE"), (0x1d, "BPF_MAP_TYPE_TASK_STORAGE"),
        (0x1e, "BPF_MAP_TYPE_BLOOM_FILTER"), (0x1f, "BPF_MAP_TYPE_USER_RINGBUF")
    ])
    /// strace's bpf_map_flags.
    static let bpfMapFlags = Xlat("BPF_F_???", [
        (0x1, "BPF_F_NO_PREALLOC"), (0x2, "BPF_F_NO_COMMON_LRU"), (0x4, "BPF_F_NUMA_NODE"), (0x8, "BPF_F_RDONLY"),
        (0x10, "BPF_F_WRONLY"), (0x20, "BPF_F_STACK_BUILD_ID"), (0x40, "BPF_F_ZERO_SEED"),
        (0x80, "BPF_F_RDONLY_PROG"), (0x100, "BPF_F_WRONLY_PROG"), (0x200, "BPF_F_CLONE"),
        (0x400, "BPF_F_MMAPABLE"), (0x800, "BPF_F_PRESERVE_ELEMS"), (0x1000, "BPF_F_INNER_MAP")
    ])
    /// strace's bpf_prog_types.
    static let bpfProgTypes = Xlat("BPF_PROG_TYPE_???", [
        (0x0, "BPF_PROG_TYPE_UNSPEC"), (0x1, "BPF_PROG_TYPE_SOCKET_FILTER"), (0x2, "BPF_PROG_TYPE_KPROBE"),
        (0x3, "BPF_PROG_TYPE_SCHED_CLS"), (0x4, "BPF_PROG_TYPE_SCHED_ACT"), (0x5, "BPF_PROG_TYPE_TRACEPOINT"),
        (0x6, "BPF_PROG_TYPE_XDP"), (0x7, "BPF_PROG_TYPE_PERF_EVENT"), (0x8, "BPF_PROG_TYPE_CGROUP_SKB"),
        (0x9, "BPF_PROG_TYPE_CGROUP_SOCK"), (0xa, "BPF_PROG_TYPE_LWT_IN"), (0xb, "BPF_PROG_TYPE_LWT_OUT"),
        (0xc, "BPF_PROG_TYPE_LWT_XMIT"), (0xd, "BPF_PROG_TYPE_SOCK_OPS"), (0xe, "BPF_PROG_TYPE_SK_SKB"),
        (0xf, "BPF_PROG_TYPE_CGROUP_DEVICE"), (0x10, "BPF_PROG_TYPE_SK_MSG"),
        (0x11, "BPF_PROG_TYPE_RAW_TRACEPOINT"), (0x12, "BPF_PROG_TYPE_CGROUP_SOCK_ADDR"),
        (0x13, "BPF_PROG_TYPE_LWT_SEG6LOCAL"), (0x14, "BPF_PROG_TYPE_LIRC_MODE2"),
        (0x15, "BPF_PROG_TYPE_SK_REUSEPORT"), (0x16, "BPF_PROG_TYPE_FLOW_DISSECTOR"),
        (0x17, "BPF_PROG_TYPE_CGROUP_SYSCTL"), (0x18, "BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE"),
        (0x19, "BPF_PROG_TYPE_CGROUP_SOCKOPT"), (0x1a, "BPF_PROG_TYPE_TRACING"), (0x1b, "BPF_PROG_TYPE_STRUCT_OPS"),
        (0x1c, "BPF_PROG_TYPE_EXT"), (0x1d, "BPF_PROG_TYPE_LSM"), (0x1e, "BPF_PROG_TYPE_SK_LOOKUP"),
        (0x1f, "BPF_PROG_TYPE_SYSCALL")
    ])
    /// strace's bpf_prog_flags.
    static let bpfProgFlags = Xlat("BPF_F_???", [
        (0x1, "BPF_F_STRICT_ALIGNMENT"), (0x2, "BPF_F_ANY_ALIGNMENT"), (0x4, "BPF_F_TEST_RND_HI32"),
        (0x8, "BPF_F_TEST_STATE_FREQ"), (0x10, "BPF_F_SLEEPABLE")
    ])
    /// strace's bpf_map_lookup_elem_flags.
    static let bpfMapLookupElemFlags = Xlat("BPF_???", [
        (0x0, "BPF_ANY"), (0x4, "BPF_F_LOCK")
    ])
    /// strace's bpf_map_update_elem_flags.
    static let bpfMapUpdateElemFlags = Xlat("BPF_???", [
        (0x0, "BPF_ANY"), (0x1, "BPF_NOEXIST"), (0x2, "BPF_EXIST"), (0x4, "BPF_F_LOCK")
    ])
    /// strace's bpf_attach_type.
    static let bpfAttachTypes = Xlat("BPF_???", [
        (0x0, "BPF_CGROUP_INET_INGRESS"), (0x1, "BPF_CGROUP_INET_EGRESS"), (0x2, "BPF_CGROUP_INET_SOCK_CREATE"),
        (0x3, "BPF_CGROUP_SOCK_OPS"), (0x4, "BPF_SK_SKB_STREAM_PARSER"), (0x5, "BPF_SK_SKB_STREAM_VERDICT"),
        (0x6, "BPF_CGROUP_DEVICE"), (0x7, "BPF_SK_MSG_VERDICT"), (0x8, "BPF_CGROUP_INET4_BIND"),
        (0x9, "BPF_CGROUP_INET6_BIND"), (0xa, "BPF_CGROUP_INET4_CONNECT"), (0xb, "BPF_CGROUP_INET6_CONNECT"),
        (0xc, "BPF_CGROUP_INET4_POST_BIND"), (0xd, "BPF_CGROUP_INET6_POST_BIND"), (0xe, "BPF_CGROUP_UDP4_SENDMSG"),
        (0xf, "BPF_CGROUP_UDP6_SENDMSG"), (0x10, "BPF_LIRC_MODE2"), (0x11, "BPF_FLOW_DISSECTOR"),
        (0x12, "BPF_CGROUP_SYSCTL"), (0x13, "BPF_CGROUP_UDP4_RECVMSG"), (0x14, "BPF_CGROUP_UDP6_RECVMSG"),
        (0x15, "BPF_CGROUP_GETSOCKOPT"), (0x16, "BPF_CGROUP_SETSOCKOPT"), (0x17, "BPF_TRACE_RAW_TP"),
        (0x18, "BPF_TRACE_FENTRY"), (0x19, "BPF_TRACE_FEXIT"), (0x1a, "BPF_MODIFY_RETURN"), (0x1b, "BPF_LSM_MAC"),
        (0x1c, "BPF_TRACE_ITER"), (0x1d, "BPF_CGROUP_INET4_GETPEERNAME"), (0x1e, "BPF_CGROUP_INET6_GETPEERNAME"),
        (0x1f, "BPF_CGROUP_INET4_GETSOCKNAME"), (0x20, "BPF_CGROUP_INET6_GETSOCKNAME"), (0x21, "BPF_XDP_DEVMAP"),
        (0x22, "BPF_CGROUP_INET_SOCK_RELEASE"), (0x23, "BPF_XDP_CPUMAP"), (0x24, "BPF_SK_LOOKUP"),
        (0x25, "BPF_XDP"), (0x26, "BPF_SK_SKB_VERDICT"), (0x27, "BPF_SK_REUSEPORT_SELECT"),
        (0x28, "BPF_SK_REUSEPORT_SELECT_OR_MIGRATE"), (0x29, "BPF_PERF_EVENT"), (0x2a, "BPF_TRACE_KPROBE_MULTI"),
        (0x2b, "BPF_LSM_CGROUP")
    ])
    /// strace's bpf_attach_flags.
    static let bpfAttachFlags = Xlat("BPF_F_???", [
        (0x1, "BPF_F_ALLOW_OVERRIDE"), (0x2, "BPF_F_ALLOW_MULTI"), (0x4, "BPF_F_REPLACE")
    ])
    /// strace's bpf_query_flags.
    static let bpfQueryFlags = Xlat("BPF_F_QUERY_???", [
        (0x1, "BPF_F_QUERY_EFFECTIVE")
    ])
    /// strace's bpf_task_fd_type.
    static let bpfTaskFDTypes = Xlat("BPF_FD_TYPE_???", [
        (0x0, "BPF_FD_TYPE_RAW_TRACEPOINT"), (0x1, "BPF_FD_TYPE_TRACEPOINT"), (0x2, "BPF_FD_TYPE_KPROBE"),
        (0x3, "BPF_FD_TYPE_KRETPROBE"), (0x4, "BPF_FD_TYPE_UPROBE"), (0x5, "BPF_FD_TYPE_URETPROBE")
    ])
    /// strace's bpf_test_run_flags.
    static let bpfTestRunFlags = Xlat("BPF_F_???", [
        (0x1, "BPF_F_TEST_RUN_ON_CPU"), (0x2, "BPF_F_TEST_XDP_LIVE_FRAMES")
    ])
    /// strace's bpf_link_create_kprobe_multi_flags.
    static let bpfKprobeMultiFlags = Xlat("BPF_F_???", [
        (0x1, "BPF_F_KPROBE_MULTI_RETURN")
    ])
    /// strace's bpf_file_mode_flags.
    static let bpfFileModeFlags = Xlat("BPF_F_???", [
        (0x8, "BPF_F_RDONLY"), (0x10, "BPF_F_WRONLY")
    ])
    /// strace's ebpf_regs.
    static let ebpfRegs = Xlat("BPF_REG_???", [
        (0x0, "BPF_REG_0"), (0x1, "BPF_REG_1"), (0x2, "BPF_REG_2"), (0x3, "BPF_REG_3"), (0x4, "BPF_REG_4"),
        (0x5, "BPF_REG_5"), (0x6, "BPF_REG_6"), (0x7, "BPF_REG_7"), (0x8, "BPF_REG_8"), (0x9, "BPF_REG_9"),
        (0xa, "BPF_REG_10")
    ])
    /// strace's numa_node.
    static let numaNodes = Xlat("NUMA_???", [
        (0xffffffff, "NUMA_NO_NODE")
    ])
    /// strace's ebpf_class.
    static let ebpfClasses = Xlat("BPF_???", [
        (0x0, "BPF_LD"), (0x1, "BPF_LDX"), (0x2, "BPF_ST"), (0x3, "BPF_STX"), (0x4, "BPF_ALU"), (0x5, "BPF_JMP"),
        (0x6, "BPF_JMP32"), (0x7, "BPF_ALU64")
    ])
    /// strace's ebpf_mode.
    static let ebpfModes = Xlat("BPF_???", [
        (0x0, "BPF_IMM"), (0x20, "BPF_ABS"), (0x40, "BPF_IND"), (0x60, "BPF_MEM"), (0xc0, "BPF_XADD")
    ])
}
