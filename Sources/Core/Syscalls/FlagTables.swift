// The name tables the decoders print with. Values, names and — for flag sets — their
// order are strace 6.1's (order matters: strace prints flags in table order).

enum X {
    static let lockTypes = Xlat("F_???", [(0, "F_RDLCK"), (1, "F_WRLCK"), (2, "F_UNLCK"), (4, "F_EXLCK"), (8, "F_SHLCK")])
    static let fOwnerTypes = Xlat("F_OWNER_???", [(0, "F_OWNER_TID"), (1, "F_OWNER_PID"), (2, "F_OWNER_PGRP")])
    static let dnotifyFlags = Xlat("DN_???", [(0x1, "DN_ACCESS"), (0x2, "DN_MODIFY"), (0x4, "DN_CREATE"), (0x8, "DN_DELETE"),
                                              (0x10, "DN_RENAME"), (0x20, "DN_ATTRIB"), (0x8000_0000, "DN_MULTISHOT")])
    /// pkey_alloc's access rights (strace's pkey_access).
    static let pkeyAccessRights = Xlat("PKEY_???", [
        (0x1, "PKEY_DISABLE_ACCESS"), (0x2, "PKEY_DISABLE_WRITE"), (0x4, "PKEY_DISABLE_EXECUTE")])
    static let openFlags = Xlat("O_???", [
        (0x40, "O_CREAT"), (0x80, "O_EXCL"), (0x100, "O_NOCTTY"), (0x200, "O_TRUNC"), (0x400, "O_APPEND"),
        (0x800, "O_NONBLOCK"), (0x101000, "O_SYNC"), (0x100000, "__O_SYNC"), (0x1000, "O_DSYNC"),
        (0x4000, "O_DIRECT"), (0x8000, "O_LARGEFILE"), (0x20000, "O_NOFOLLOW"), (0x40000, "O_NOATIME"),
        (0x80000, "O_CLOEXEC"), (0x200000, "O_PATH"), (0x410000, "O_TMPFILE"), (0x400000, "__O_TMPFILE"),
        (0x10000, "O_DIRECTORY"), (0x2000, "FASYNC")])
    static let mmapFlags = Xlat("MAP_???", [
        (0x10, "MAP_FIXED"), (0x20, "MAP_ANONYMOUS"), (0x40, "MAP_32BIT"), (0x4000, "MAP_NORESERVE"),
        (0x8000, "MAP_POPULATE"), (0x10000, "MAP_NONBLOCK"), (0x100, "MAP_GROWSDOWN"),
        (0x800, "MAP_DENYWRITE"), (0x1000, "MAP_EXECUTABLE"), (0x2000, "MAP_LOCKED"),
        (0x20000, "MAP_STACK"), (0x40000, "MAP_HUGETLB"), (0x80000, "MAP_SYNC"),
        (0x4000000, "MAP_UNINITIALIZED"), (0x100000, "MAP_FIXED_NOREPLACE")])
    static let unshareFlags = Xlat("CLONE_???", [
        (0x80, "CLONE_NEWTIME"), (0x100, "CLONE_VM"), (0x200, "CLONE_FS"), (0x400, "CLONE_FILES"),
        (0x800, "CLONE_SIGHAND"), (0x10000, "CLONE_THREAD"), (0x20000, "CLONE_NEWNS"),
        (0x40000, "CLONE_SYSVSEM"), (0x2000000, "CLONE_NEWCGROUP"), (0x4000000, "CLONE_NEWUTS"),
        (0x8000000, "CLONE_NEWIPC"), (0x10000000, "CLONE_NEWUSER"), (0x20000000, "CLONE_NEWPID"),
        (0x40000000, "CLONE_NEWNET")])
    static let cloneFlags = Xlat("CLONE_???", [
        (0x100, "CLONE_VM"), (0x200, "CLONE_FS"), (0x400, "CLONE_FILES"), (0x800, "CLONE_SIGHAND"),
        (0x1000, "CLONE_PIDFD"), (0x2000, "CLONE_PTRACE"), (0x4000, "CLONE_VFORK"),
        (0x8000, "CLONE_PARENT"), (0x10000, "CLONE_THREAD"), (0x20000, "CLONE_NEWNS"),
        (0x40000, "CLONE_SYSVSEM"), (0x80000, "CLONE_SETTLS"), (0x100000, "CLONE_PARENT_SETTID"),
        (0x200000, "CLONE_CHILD_CLEARTID"), (0x800000, "CLONE_UNTRACED"),
        (0x1000000, "CLONE_CHILD_SETTID"), (0x2000000, "CLONE_NEWCGROUP"), (0x4000000, "CLONE_NEWUTS"),
        (0x8000000, "CLONE_NEWIPC"), (0x10000000, "CLONE_NEWUSER"), (0x20000000, "CLONE_NEWPID"),
        (0x40000000, "CLONE_NEWNET"), (0x80000000, "CLONE_IO")])
    static let prot = Xlat("PROT_???", [
        (0x0, "PROT_NONE"), (0x1, "PROT_READ"), (0x2, "PROT_WRITE"), (0x4, "PROT_EXEC"), (0x8, "PROT_SEM"),
        (0x1000000, "PROT_GROWSDOWN"), (0x2000000, "PROT_GROWSUP")])
    static let faccessatFlags = Xlat("AT_???", [
        (0x100, "AT_SYMLINK_NOFOLLOW"), (0x200, "AT_EACCESS"), (0x1000, "AT_EMPTY_PATH")])
    static let atFlags = Xlat("AT_???", [
        (0x100, "AT_SYMLINK_NOFOLLOW"), (0x200, "AT_REMOVEDIR"), (0x400, "AT_SYMLINK_FOLLOW"),
        (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH"), (0x8000, "AT_RECURSIVE")])
    static let statxMask = Xlat("STATX_???", [
        (0xfff, "STATX_ALL"), (0x7ff, "STATX_BASIC_STATS"), (0x1, "STATX_TYPE"), (0x2, "STATX_MODE"),
        (0x4, "STATX_NLINK"), (0x8, "STATX_UID"), (0x10, "STATX_GID"), (0x20, "STATX_ATIME"),
        (0x40, "STATX_MTIME"), (0x80, "STATX_CTIME"), (0x100, "STATX_INO"), (0x200, "STATX_SIZE"),
        (0x400, "STATX_BLOCKS"), (0x800, "STATX_BTIME"), (0x1000, "STATX_MNT_ID"),
        (0x2000, "STATX_DIOALIGN")])
    static let statxAttrs = Xlat("STATX_ATTR_???", [
        (0x4, "STATX_ATTR_COMPRESSED"), (0x10, "STATX_ATTR_IMMUTABLE"), (0x20, "STATX_ATTR_APPEND"),
        (0x40, "STATX_ATTR_NODUMP"), (0x800, "STATX_ATTR_ENCRYPTED"), (0x1000, "STATX_ATTR_AUTOMOUNT"),
        (0x2000, "STATX_ATTR_MOUNT_ROOT"), (0x100000, "STATX_ATTR_VERITY"), (0x200000, "STATX_ATTR_DAX")])
    static let statxSync = Xlat("AT_STATX_???", [
        (0x0, "AT_STATX_SYNC_AS_STAT"), (0x2000, "AT_STATX_FORCE_SYNC"), (0x4000, "AT_STATX_DONT_SYNC"),
        (0x6000, "AT_STATX_SYNC_TYPE")])
    static let mremapFlags = Xlat("MREMAP_???", [
        (0x1, "MREMAP_MAYMOVE"), (0x2, "MREMAP_FIXED"), (0x4, "MREMAP_DONTUNMAP")])
    static let mlockallFlags = Xlat("MCL_???", [
        (0x1, "MCL_CURRENT"), (0x2, "MCL_FUTURE"), (0x4, "MCL_ONFAULT")])
    static let mountFlags = Xlat("MS_???", [
        (0x1, "MS_RDONLY"), (0x2, "MS_NOSUID"), (0x4, "MS_NODEV"), (0x8, "MS_NOEXEC"),
        (0x10, "MS_SYNCHRONOUS"), (0x20, "MS_REMOUNT"), (0x40, "MS_MANDLOCK"), (0x80, "MS_DIRSYNC"),
        (0x100, "MS_NOSYMFOLLOW"), (0x400, "MS_NOATIME"), (0x800, "MS_NODIRATIME"), (0x1000, "MS_BIND"),
        (0x2000, "MS_MOVE"), (0x4000, "MS_REC"), (0x8000, "MS_SILENT"), (0x10000, "MS_POSIXACL"),
        (0x20000, "MS_UNBINDABLE"), (0x40000, "MS_PRIVATE"), (0x80000, "MS_SLAVE"),
        (0x100000, "MS_SHARED"), (0x200000, "MS_RELATIME"), (0x400000, "MS_KERNMOUNT"),
        (0x800000, "MS_I_VERSION"), (0x1000000, "MS_STRICTATIME"), (0x2000000, "MS_LAZYTIME"),
        (0x4000000, "MS_SUBMOUNT"), (0x8000000, "MS_NOREMOTELOCK"), (0x10000000, "MS_NOSEC"),
        (0x20000000, "MS_BORN"), (0x40000000, "MS_ACTIVE"), (0x80000000, "MS_NOUSER")])
    static let renameFlags = Xlat("RENAME_???", [
        (0x1, "RENAME_NOREPLACE"), (0x2, "RENAME_EXCHANGE"), (0x4, "RENAME_WHITEOUT")])
    static let msgFlags = Xlat("MSG_???", [
        (0x1, "MSG_OOB"), (0x2, "MSG_PEEK"), (0x4, "MSG_DONTROUTE"), (0x8, "MSG_CTRUNC"),
        (0x10, "MSG_PROBE"), (0x20, "MSG_TRUNC"), (0x40, "MSG_DONTWAIT"), (0x80, "MSG_EOR"),
        (0x100, "MSG_WAITALL"), (0x200, "MSG_FIN"), (0x400, "MSG_SYN"), (0x800, "MSG_CONFIRM"),
        (0x1000, "MSG_RST"), (0x2000, "MSG_ERRQUEUE"), (0x4000, "MSG_NOSIGNAL"), (0x8000, "MSG_MORE"),
        (0x10000, "MSG_WAITFORONE"), (0x20000, "MSG_SENDPAGE_NOTLAST"), (0x40000, "MSG_BATCH"),
        (0x80000, "MSG_NO_SHARED_FRAGS"), (0x4000000, "MSG_ZEROCOPY"), (0x20000000, "MSG_FASTOPEN"),
        (0x40000000, "MSG_CMSG_CLOEXEC"), (0x80000000, "MSG_CMSG_COMPAT")])
    static let sockLevels = Xlat("SOL_???", [
        (0x0, "SOL_IP"), (0x1, "SOL_SOCKET"), (0x6, "SOL_TCP"), (0x11, "SOL_UDP"), (0x28, "AF_VSOCK"),
        (0x29, "SOL_IPV6"), (0x3a, "SOL_ICMPV6"), (0x64, "SOL_CAN_BASE"), (0x65, "SOL_CAN_RAW"),
        (0x84, "SOL_SCTP"), (0x88, "SOL_UDPLITE"), (0xff, "SOL_RAW"), (0x100, "SOL_IPX"),
        (0x101, "SOL_AX25"), (0x102, "SOL_ATALK"), (0x103, "SOL_NETROM"), (0x104, "SOL_ROSE"),
        (0x105, "SOL_DECNET"), (0x106, "SOL_X25"), (0x107, "SOL_PACKET"), (0x108, "SOL_ATM"),
        (0x109, "SOL_AAL"), (0x10a, "SOL_IRDA"), (0x10b, "SOL_NETBEUI"), (0x10c, "SOL_LLC"),
        (0x10d, "SOL_DCCP"), (0x10e, "SOL_NETLINK"), (0x10f, "SOL_TIPC"), (0x110, "SOL_RXRPC"),
        (0x111, "SOL_PPPOL2TP"), (0x112, "SOL_BLUETOOTH"), (0x113, "SOL_PNPIPE"), (0x114, "SOL_RDS"),
        (0x115, "SOL_IUCV"), (0x116, "SOL_CAIF"), (0x117, "SOL_ALG"), (0x118, "SOL_NFC"),
        (0x119, "SOL_KCM"), (0x11a, "SOL_TLS"), (0x11b, "SOL_XDP")])
    static let shutdownHow = Xlat("SHUT_???", [(0x0, "SHUT_RD"), (0x1, "SHUT_WR"), (0x2, "SHUT_RDWR")])
    static let epollCtlOps = Xlat("EPOLL_CTL_???", [
        (0x1, "EPOLL_CTL_ADD"), (0x2, "EPOLL_CTL_DEL"), (0x3, "EPOLL_CTL_MOD")])
    static let sfdFlags = Xlat("SFD_???", [(0x80000, "SFD_CLOEXEC"), (0x800, "SFD_NONBLOCK")])
    static let tfdFlags = Xlat("TFD_???", [
        (0x1, "TFD_TIMER_ABSTIME"), (0x2, "TFD_TIMER_CANCEL_ON_SET"), (0x80000, "TFD_CLOEXEC"),
        (0x800, "TFD_NONBLOCK")])
    static let inotifyInitFlags = Xlat("IN_???", [(0x800, "IN_NONBLOCK"), (0x80000, "IN_CLOEXEC")])
    static let inotifyMask = Xlat("IN_???", [
        (0x1, "IN_ACCESS"), (0x2, "IN_MODIFY"), (0x4, "IN_ATTRIB"), (0x8, "IN_CLOSE_WRITE"),
        (0x10, "IN_CLOSE_NOWRITE"), (0x20, "IN_OPEN"), (0x40, "IN_MOVED_FROM"), (0x80, "IN_MOVED_TO"),
        (0x100, "IN_CREATE"), (0x200, "IN_DELETE"), (0x400, "IN_DELETE_SELF"), (0x800, "IN_MOVE_SELF"),
        (0x2000, "IN_UNMOUNT"), (0x4000, "IN_Q_OVERFLOW"), (0x8000, "IN_IGNORED"),
        (0x1000000, "IN_ONLYDIR"), (0x2000000, "IN_DONT_FOLLOW"), (0x4000000, "IN_EXCL_UNLINK"),
        (0x10000000, "IN_MASK_CREATE"), (0x20000000, "IN_MASK_ADD"), (0x40000000, "IN_ISDIR"),
        (0x80000000, "IN_ONESHOT")])
    static let sigprocmaskHow = Xlat("SIG_???", [
        (0x0, "SIG_BLOCK"), (0x1, "SIG_UNBLOCK"), (0x2, "SIG_SETMASK")])
    static let sigaltstackFlags = Xlat("SS_???", [
        (0x1, "SS_ONSTACK"), (0x2, "SS_DISABLE"), (0x80000000, "SS_AUTODISARM")])
    static let idTypes = Xlat("P_???", [(0x0, "P_ALL"), (0x1, "P_PID"), (0x2, "P_PGID"), (0x3, "P_PIDFD")])
    static let prctlOptions = Xlat("PR_???", [
        (0x1, "PR_SET_PDEATHSIG"), (0x2, "PR_GET_PDEATHSIG"), (0x3, "PR_GET_DUMPABLE"),
        (0x4, "PR_SET_DUMPABLE"), (0x5, "PR_GET_UNALIGN"), (0x6, "PR_SET_UNALIGN"),
        (0x7, "PR_GET_KEEPCAPS"), (0x8, "PR_SET_KEEPCAPS"), (0x9, "PR_GET_FPEMU"), (0xa, "PR_SET_FPEMU"),
        (0xb, "PR_GET_FPEXC"), (0xc, "PR_SET_FPEXC"), (0xd, "PR_GET_TIMING"), (0xe, "PR_SET_TIMING"),
        (0xf, "PR_SET_NAME"), (0x10, "PR_GET_NAME"), (0x13, "PR_GET_ENDIAN"), (0x14, "PR_SET_ENDIAN"),
        (0x15, "PR_GET_SECCOMP"), (0x16, "PR_SET_SECCOMP"), (0x17, "PR_CAPBSET_READ"),
        (0x18, "PR_CAPBSET_DROP"), (0x19, "PR_GET_TSC"), (0x1a, "PR_SET_TSC"), (0x1b, "PR_GET_SECUREBITS"),
        (0x1c, "PR_SET_SECUREBITS"), (0x1d, "PR_SET_TIMERSLACK"), (0x1e, "PR_GET_TIMERSLACK"),
        (0x1f, "PR_TASK_PERF_EVENTS_DISABLE"), (0x20, "PR_TASK_PERF_EVENTS_ENABLE"), (0x21, "PR_MCE_KILL"),
        (0x22, "PR_MCE_KILL_GET"), (0x23, "PR_SET_MM"), (0x24, "PR_SET_CHILD_SUBREAPER"),
        (0x25, "PR_GET_CHILD_SUBREAPER"), (0x26, "PR_SET_NO_NEW_PRIVS"), (0x27, "PR_GET_NO_NEW_PRIVS"),
        (0x28, "PR_GET_TID_ADDRESS"), (0x29, "PR_SET_THP_DISABLE"), (0x2a, "PR_GET_THP_DISABLE"),
        (0x2b, "PR_MPX_ENABLE_MANAGEMENT"), (0x2c, "PR_MPX_DISABLE_MANAGEMENT"), (0x2d, "PR_SET_FP_MODE"),
        (0x2e, "PR_GET_FP_MODE"), (0x2f, "PR_CAP_AMBIENT"), (0x32, "PR_SVE_SET_VL"),
        (0x33, "PR_SVE_GET_VL"), (0x34, "PR_GET_SPECULATION_CTRL"), (0x35, "PR_SET_SPECULATION_CTRL"),
        (0x36, "PR_PAC_RESET_KEYS"), (0x37, "PR_SET_TAGGED_ADDR_CTRL"), (0x38, "PR_GET_TAGGED_ADDR_CTRL"),
        (0x39, "PR_SET_IO_FLUSHER"), (0x3a, "PR_GET_IO_FLUSHER"), (0x3b, "PR_SET_SYSCALL_USER_DISPATCH"),
        (0x3c, "PR_PAC_SET_ENABLED_KEYS"), (0x3d, "PR_PAC_GET_ENABLED_KEYS"), (0x3e, "PR_SCHED_CORE"),
        (0x3f, "PR_SME_SET_VL"), (0x40, "PR_SME_GET_VL"), (0x53564d41, "PR_SET_VMA"),
        (0x59616d61, "PR_SET_PTRACER")])
    static let rlimitResources = Xlat("RLIMIT_???", [
        (0x0, "RLIMIT_CPU"), (0x1, "RLIMIT_FSIZE"), (0x2, "RLIMIT_DATA"), (0x3, "RLIMIT_STACK"),
        (0x4, "RLIMIT_CORE"), (0x5, "RLIMIT_RSS"), (0x6, "RLIMIT_NPROC"), (0x7, "RLIMIT_NOFILE"),
        (0x8, "RLIMIT_MEMLOCK"), (0x9, "RLIMIT_AS"), (0xa, "RLIMIT_LOCKS"), (0xb, "RLIMIT_SIGPENDING"),
        (0xc, "RLIMIT_MSGQUEUE"), (0xd, "RLIMIT_NICE"), (0xe, "RLIMIT_RTPRIO"), (0xf, "RLIMIT_RTTIME")])
    static let clocks = Xlat("CLOCK_???", [
        (0x0, "CLOCK_REALTIME"), (0x1, "CLOCK_MONOTONIC"), (0x2, "CLOCK_PROCESS_CPUTIME_ID"),
        (0x3, "CLOCK_THREAD_CPUTIME_ID"), (0x4, "CLOCK_MONOTONIC_RAW"), (0x5, "CLOCK_REALTIME_COARSE"),
        (0x6, "CLOCK_MONOTONIC_COARSE"), (0x7, "CLOCK_BOOTTIME"), (0x8, "CLOCK_REALTIME_ALARM"),
        (0x9, "CLOCK_BOOTTIME_ALARM"), (0xa, "CLOCK_SGI_CYCLE"), (0xb, "CLOCK_TAI")])
    static let grndFlags = Xlat("GRND_???", [
        (0x1, "GRND_NONBLOCK"), (0x2, "GRND_RANDOM"), (0x4, "GRND_INSECURE")])
    static let prioWhich = Xlat("PRIO_???", [(0x0, "PRIO_PROCESS"), (0x1, "PRIO_PGRP"), (0x2, "PRIO_USER")])
    static let personalities = Xlat("PER_???", [
        (0x0, "PER_LINUX"), (0x800000, "PER_LINUX_32BIT"), (0x80000, "PER_LINUX_FDPIC"),
        (0x4100001, "PER_SVR4"), (0x5000002, "PER_SVR3"), (0x7000003, "PER_SCOSVR3"),
        (0x6000003, "PER_OSR5"), (0x5000004, "PER_WYSEV386"), (0x4000005, "PER_ISCR4"), (0x6, "PER_BSD"),
        (0x4000006, "PER_SUNOS"), (0x5000007, "PER_XENIX"), (0x8, "PER_LINUX32"),
        (0x8000008, "PER_LINUX32_3GB"), (0x4000009, "PER_IRIX32"), (0x400000a, "PER_IRIXN32"),
        (0x400000b, "PER_IRIX64"), (0xc, "PER_RISCOS"), (0x400000d, "PER_SOLARIS"), (0x410000e, "PER_UW7"),
        (0xf, "PER_OSF4"), (0x10, "PER_HPUX"), (0xff, "PER_MASK")])
    static let spliceFlags = Xlat("SPLICE_F_???", [
        (0x1, "SPLICE_F_MOVE"), (0x2, "SPLICE_F_NONBLOCK"), (0x4, "SPLICE_F_MORE"), (0x8, "SPLICE_F_GIFT")])
    static let fallocFlags = Xlat("FALLOC_FL_???", [
        (0x1, "FALLOC_FL_KEEP_SIZE"), (0x2, "FALLOC_FL_PUNCH_HOLE"), (0x4, "FALLOC_FL_NO_HIDE_STALE"),
        (0x8, "FALLOC_FL_COLLAPSE_RANGE"), (0x10, "FALLOC_FL_ZERO_RANGE"),
        (0x20, "FALLOC_FL_INSERT_RANGE"), (0x40, "FALLOC_FL_UNSHARE_RANGE")])
    static let fadvise = Xlat("POSIX_FADV_???", [
        (0x0, "POSIX_FADV_NORMAL"), (0x1, "POSIX_FADV_RANDOM"), (0x2, "POSIX_FADV_SEQUENTIAL"),
        (0x3, "POSIX_FADV_WILLNEED"), (0x4, "POSIX_FADV_DONTNEED"), (0x5, "POSIX_FADV_NOREUSE")])
    static let fileTypes = Xlat("S_IF???", [
        (0x8000, "S_IFREG"), (0xc000, "S_IFSOCK"), (0x1000, "S_IFIFO"), (0xa000, "S_IFLNK"),
        (0x4000, "S_IFDIR"), (0x6000, "S_IFBLK"), (0x2000, "S_IFCHR")])
    static let saFlags = Xlat("SA_???", [
        (0x4000000, "SA_RESTORER"), (0x8000000, "SA_ONSTACK"), (0x10000000, "SA_RESTART"),
        (0x20000000, "SA_INTERRUPT"), (0x40000000, "SA_NODEFER"), (0x80000000, "SA_RESETHAND"),
        (0x4, "SA_SIGINFO"), (0x1, "SA_NOCLDSTOP"), (0x2, "SA_NOCLDWAIT")])
    static let fcntlCmds = Xlat("F_???", [
        (0x0, "F_DUPFD"), (0x1, "F_GETFD"), (0x2, "F_SETFD"), (0x3, "F_GETFL"), (0x4, "F_SETFL"),
        (0x5, "F_GETLK"), (0x6, "F_SETLK"), (0x7, "F_SETLKW"), (0x8, "F_SETOWN"), (0x9, "F_GETOWN"),
        (0xa, "F_SETSIG"), (0xb, "F_GETSIG"), (0xc, "F_GETLK64"), (0xd, "F_SETLK64"), (0xe, "F_SETLKW64"),
        (0xf, "F_SETOWN_EX"), (0x10, "F_GETOWN_EX"), (0x11, "F_GETOWNER_UIDS"), (0x24, "F_OFD_GETLK"),
        (0x25, "F_OFD_SETLK"), (0x26, "F_OFD_SETLKW"), (0x400, "F_SETLEASE"), (0x401, "F_GETLEASE"),
        (0x402, "F_NOTIFY"), (0x405, "F_CANCELLK"), (0x406, "F_DUPFD_CLOEXEC"), (0x407, "F_SETPIPE_SZ"),
        (0x408, "F_GETPIPE_SZ"), (0x409, "F_ADD_SEALS"), (0x40a, "F_GET_SEALS")])
    static let madvise = Xlat("MADV_???", [
        (0x0, "MADV_NORMAL"), (0x1, "MADV_RANDOM"), (0x2, "MADV_SEQUENTIAL"), (0x3, "MADV_WILLNEED"),
        (0x4, "MADV_DONTNEED"), (0x8, "MADV_FREE"), (0x9, "MADV_REMOVE"), (0xa, "MADV_DONTFORK"),
        (0xb, "MADV_DOFORK"), (0xc, "MADV_MERGEABLE"), (0xd, "MADV_UNMERGEABLE"), (0xe, "MADV_HUGEPAGE"),
        (0xf, "MADV_NOHUGEPAGE"), (0x10, "MADV_DONTDUMP"), (0x11, "MADV_DODUMP"),
        (0x12, "MADV_WIPEONFORK"), (0x13, "MADV_KEEPONFORK"), (0x14, "MADV_COLD"), (0x15, "MADV_PAGEOUT"),
        (0x16, "MADV_POPULATE_READ"), (0x17, "MADV_POPULATE_WRITE"), (0x18, "MADV_DONTNEED_LOCKED"),
        (0x19, "MADV_COLLAPSE"), (0x64, "MADV_HWPOISON"), (0x65, "MADV_SOFT_OFFLINE")])
    static let msyncFlags = Xlat("MS_???", [(0x4, "MS_SYNC"), (0x1, "MS_ASYNC"), (0x2, "MS_INVALIDATE")])
    static let umountFlags = Xlat("MNT_???", [
        (0x1, "MNT_FORCE"), (0x2, "MNT_DETACH"), (0x4, "MNT_EXPIRE"), (0x8, "UMOUNT_NOFOLLOW")])
    static let addressFamilies = Xlat("AF_???", [
        (0x0, "AF_UNSPEC"), (0x1, "AF_UNIX"), (0x2, "AF_INET"), (0x3, "AF_AX25"), (0x4, "AF_IPX"),
        (0x5, "AF_APPLETALK"), (0x6, "AF_NETROM"), (0x7, "AF_BRIDGE"), (0x8, "AF_ATMPVC"), (0x9, "AF_X25"),
        (0xa, "AF_INET6"), (0xb, "AF_ROSE"), (0xc, "AF_DECnet"), (0xd, "AF_NETBEUI"), (0xe, "AF_SECURITY"),
        (0xf, "AF_KEY"), (0x10, "AF_NETLINK"), (0x11, "AF_PACKET"), (0x12, "AF_ASH"), (0x13, "AF_ECONET"),
        (0x14, "AF_ATMSVC"), (0x15, "AF_RDS"), (0x16, "AF_SNA"), (0x17, "AF_IRDA"), (0x18, "AF_PPPOX"),
        (0x19, "AF_WANPIPE"), (0x1a, "AF_LLC"), (0x1b, "AF_IB"), (0x1c, "AF_MPLS"), (0x1d, "AF_CAN"),
        (0x1e, "AF_TIPC"), (0x1f, "AF_BLUETOOTH"), (0x20, "AF_IUCV"), (0x21, "AF_RXRPC"),
        (0x22, "AF_ISDN"), (0x23, "AF_PHONET"), (0x24, "AF_IEEE802154"), (0x25, "AF_CAIF"),
        (0x26, "AF_ALG"), (0x27, "AF_NFC"), (0x28, "AF_VSOCK"), (0x29, "AF_KCM"), (0x2a, "AF_QIPCRTR"),
        (0x2b, "AF_SMC"), (0x2c, "AF_XDP"), (0x2d, "AF_MCTP")])
    static let sockTypes = Xlat("SOCK_???", [
        (0x1, "SOCK_STREAM"), (0x2, "SOCK_DGRAM"), (0x3, "SOCK_RAW"), (0x4, "SOCK_RDM"),
        (0x5, "SOCK_SEQPACKET"), (0x6, "SOCK_DCCP"), (0xa, "SOCK_PACKET")])
    static let sockTypeFlags = Xlat("SOCK_???", [(0x80000, "SOCK_CLOEXEC"), (0x800, "SOCK_NONBLOCK")])
    static let ipProtocols = Xlat("IPPROTO_???", [
        (0x0, "IPPROTO_IP"), (0x1, "IPPROTO_ICMP"), (0x2, "IPPROTO_IGMP"), (0x4, "IPPROTO_IPIP"),
        (0x6, "IPPROTO_TCP"), (0x8, "IPPROTO_EGP"), (0xc, "IPPROTO_PUP"), (0x11, "IPPROTO_UDP"),
        (0x16, "IPPROTO_IDP"), (0x1d, "IPPROTO_TP"), (0x21, "IPPROTO_DCCP"), (0x29, "IPPROTO_IPV6"),
        (0x2b, "IPPROTO_ROUTING"), (0x2c, "IPPROTO_FRAGMENT"), (0x2e, "IPPROTO_RSVP"),
        (0x2f, "IPPROTO_GRE"), (0x32, "IPPROTO_ESP"), (0x33, "IPPROTO_AH"), (0x3a, "IPPROTO_ICMPV6"),
        (0x3b, "IPPROTO_NONE"), (0x3c, "IPPROTO_DSTOPTS"), (0x5c, "IPPROTO_MTP"), (0x5e, "IPPROTO_BEETPH"),
        (0x62, "IPPROTO_ENCAP"), (0x67, "IPPROTO_PIM"), (0x6c, "IPPROTO_COMP"), (0x73, "IPPROTO_L2TP"),
        (0x84, "IPPROTO_SCTP"), (0x87, "IPPROTO_MH"), (0x88, "IPPROTO_UDPLITE"), (0x89, "IPPROTO_MPLS"),
        (0x8f, "IPPROTO_ETHERNET"), (0xff, "IPPROTO_RAW"), (0x106, "IPPROTO_MPTCP")])
    static let netlinkProtocols = Xlat("NETLINK_???", [
        (0x0, "NETLINK_ROUTE"), (0x1, "NETLINK_UNUSED"), (0x2, "NETLINK_USERSOCK"),
        (0x3, "NETLINK_FIREWALL"), (0x4, "NETLINK_SOCK_DIAG"), (0x5, "NETLINK_NFLOG"),
        (0x6, "NETLINK_XFRM"), (0x7, "NETLINK_SELINUX"), (0x8, "NETLINK_ISCSI"), (0x9, "NETLINK_AUDIT"),
        (0xa, "NETLINK_FIB_LOOKUP"), (0xb, "NETLINK_CONNECTOR"), (0xc, "NETLINK_NETFILTER"),
        (0xd, "NETLINK_IP6_FW"), (0xe, "NETLINK_DNRTMSG"), (0xf, "NETLINK_KOBJECT_UEVENT"),
        (0x10, "NETLINK_GENERIC")])
    static let solSocketOptions = Xlat("SO_???", [
        (0x1, "SO_DEBUG"), (0x2, "SO_REUSEADDR"), (0x3, "SO_TYPE"), (0x4, "SO_ERROR"),
        (0x5, "SO_DONTROUTE"), (0x6, "SO_BROADCAST"), (0x7, "SO_SNDBUF"), (0x8, "SO_RCVBUF"),
        (0x9, "SO_KEEPALIVE"), (0xa, "SO_OOBINLINE"), (0xb, "SO_NO_CHECK"), (0xc, "SO_PRIORITY"),
        (0xd, "SO_LINGER"), (0xe, "SO_BSDCOMPAT"), (0xf, "SO_REUSEPORT"), (0x10, "SO_PASSCRED"),
        (0x11, "SO_PEERCRED"), (0x12, "SO_RCVLOWAT"), (0x13, "SO_SNDLOWAT"), (0x14, "SO_RCVTIMEO_OLD"),
        (0x15, "SO_SNDTIMEO_OLD"), (0x16, "SO_SECURITY_AUTHENTICATION"),
        (0x17, "SO_SECURITY_ENCRYPTION_TRANSPORT"), (0x18, "SO_SECURITY_ENCRYPTION_NETWORK"),
        (0x19, "SO_BINDTODEVICE"), (0x1b, "SO_DETACH_FILTER"), (0x1c, "SO_PEERNAME"),
        (0x1d, "SO_TIMESTAMP_OLD"), (0x1e, "SO_ACCEPTCONN"), (0x1f, "SO_PEERSEC"),
        (0x20, "SO_SNDBUFFORCE"), (0x21, "SO_RCVBUFFORCE"), (0x22, "SO_PASSSEC"),
        (0x23, "SO_TIMESTAMPNS_OLD"), (0x24, "SO_MARK"), (0x25, "SO_TIMESTAMPING_OLD"),
        (0x26, "SO_PROTOCOL"), (0x27, "SO_DOMAIN"), (0x28, "SO_RXQ_OVFL"), (0x29, "SO_WIFI_STATUS"),
        (0x2a, "SO_PEEK_OFF"), (0x2b, "SO_NOFCS"), (0x2c, "SO_LOCK_FILTER"), (0x2d, "SO_SELECT_ERR_QUEUE"),
        (0x2e, "SO_BUSY_POLL"), (0x2f, "SO_MAX_PACING_RATE"), (0x30, "SO_BPF_EXTENSIONS"),
        (0x31, "SO_INCOMING_CPU"), (0x32, "SO_ATTACH_BPF"), (0x33, "SO_ATTACH_REUSEPORT_CBPF"),
        (0x34, "SO_ATTACH_REUSEPORT_EBPF"), (0x35, "SO_CNX_ADVICE"), (0x37, "SO_MEMINFO"),
        (0x38, "SO_INCOMING_NAPI_ID"), (0x39, "SO_COOKIE"), (0x3b, "SO_PEERGROUPS"), (0x3c, "SO_ZEROCOPY"),
        (0x3d, "SO_TXTIME"), (0x3e, "SO_BINDTOIFINDEX"), (0x3f, "SO_TIMESTAMP_NEW"),
        (0x40, "SO_TIMESTAMPNS_NEW"), (0x41, "SO_TIMESTAMPING_NEW"), (0x42, "SO_RCVTIMEO_NEW"),
        (0x43, "SO_SNDTIMEO_NEW"), (0x44, "SO_DETACH_REUSEPORT_BPF"), (0x45, "SO_PREFER_BUSY_POLL"),
        (0x46, "SO_BUSY_POLL_BUDGET"), (0x47, "SO_NETNS_COOKIE"), (0x48, "SO_BUF_LOCK"),
        (0x49, "SO_RESERVE_MEM"), (0x4a, "SO_TXREHASH"), (0x4b, "SO_RCVMARK")])
    static let epollEvents = Xlat("EPOLL???", [
        (0x1, "EPOLLIN"), (0x2, "EPOLLPRI"), (0x4, "EPOLLOUT"), (0x8, "EPOLLERR"), (0x10, "EPOLLHUP"),
        (0x20, "EPOLLNVAL"), (0x40, "EPOLLRDNORM"), (0x80, "EPOLLRDBAND"), (0x100, "EPOLLWRNORM"),
        (0x200, "EPOLLWRBAND"), (0x400, "EPOLLMSG"), (0x2000, "EPOLLRDHUP"),
        (0x10000000, "EPOLLEXCLUSIVE"), (0x20000000, "EPOLLWAKEUP"), (0x40000000, "EPOLLONESHOT"),
        (0x80000000, "EPOLLET")])
    static let epollCreateFlags = Xlat("EPOLL_???", [(0x80000, "EPOLL_CLOEXEC")])
    static let efdFlags = Xlat("EFD_???", [
        (0x1, "EFD_SEMAPHORE"), (0x80000, "EFD_CLOEXEC"), (0x800, "EFD_NONBLOCK")])
    static let waitOptions = Xlat("W???", [
        (0x1, "WNOHANG"), (0x4, "WEXITED"), (0x2, "WSTOPPED"), (0x8, "WCONTINUED"), (0x1000000, "WNOWAIT"),
        (0x80000000, "__WCLONE"), (0x40000000, "__WALL"), (0x20000000, "__WNOTHREAD")])
    static let archPrctl = Xlat("ARCH_???", [
        (0x1001, "ARCH_SET_GS"), (0x1002, "ARCH_SET_FS"), (0x1003, "ARCH_GET_FS"), (0x1004, "ARCH_GET_GS"),
        (0x1011, "ARCH_GET_CPUID"), (0x1012, "ARCH_SET_CPUID"), (0x1021, "ARCH_GET_XCOMP_SUPP"),
        (0x1022, "ARCH_GET_XCOMP_PERM"), (0x1023, "ARCH_REQ_XCOMP_PERM"),
        (0x1024, "ARCH_GET_XCOMP_GUEST_PERM"), (0x1025, "ARCH_REQ_XCOMP_GUEST_PERM"),
        (0x2001, "ARCH_MAP_VDSO_X32"), (0x2002, "ARCH_MAP_VDSO_32"), (0x2003, "ARCH_MAP_VDSO_64")])
    static let mfdFlags = Xlat("MFD_???", [
        (0x1, "MFD_CLOEXEC"), (0x2, "MFD_ALLOW_SEALING"), (0x4, "MFD_HUGETLB")])
    static let closeRangeFlags = Xlat("CLOSE_RANGE_???", [
        (0x2, "CLOSE_RANGE_UNSHARE"), (0x4, "CLOSE_RANGE_CLOEXEC")])
    static let flockOps = Xlat("LOCK_???", [
        (0x1, "LOCK_SH"), (0x2, "LOCK_EX"), (0x4, "LOCK_NB"), (0x8, "LOCK_UN"), (0x20, "LOCK_MAND"),
        (0xc0, "LOCK_RW"), (0x40, "LOCK_READ"), (0x80, "LOCK_WRITE")])
    static let siCodes = Xlat("SI_???", [
        (0x0, "SI_USER"), (0x80, "SI_KERNEL"), (0xffffffff, "SI_QUEUE"), (0xfffffffe, "SI_TIMER"),
        (0xfffffffd, "SI_MESGQ"), (0xfffffffc, "SI_ASYNCIO"), (0xfffffffb, "SI_SIGIO"),
        (0xfffffffa, "SI_TKILL"), (0xfffffff9, "SI_DETHREAD"), (0xffffffc4, "SI_ASYNCNL")])
    static let cldCodes = Xlat("CLD_???", [
        (0x1, "CLD_EXITED"), (0x2, "CLD_KILLED"), (0x3, "CLD_DUMPED"), (0x4, "CLD_TRAPPED"),
        (0x5, "CLD_STOPPED"), (0x6, "CLD_CONTINUED")])
    static let segvCodes = Xlat("SEGV_???", [
        (0x1, "SEGV_MAPERR"), (0x2, "SEGV_ACCERR"), (0x3, "SEGV_BNDERR"), (0x4, "SEGV_PKUERR"),
        (0x5, "SEGV_ACCADI"), (0x6, "SEGV_ADIDERR"), (0x7, "SEGV_ADIPERR"), (0x8, "SEGV_MTEAERR"),
        (0x9, "SEGV_MTESERR")])
    static let busCodes = Xlat("BUS_???", [
        (0x1, "BUS_ADRALN"), (0x2, "BUS_ADRERR"), (0x3, "BUS_OBJERR"), (0x4, "BUS_MCEERR_AR"),
        (0x5, "BUS_MCEERR_AO")])
    static let illCodes = Xlat("ILL_???", [
        (0x1, "ILL_ILLOPC"), (0x2, "ILL_ILLOPN"), (0x3, "ILL_ILLADR"), (0x4, "ILL_ILLTRP"),
        (0x5, "ILL_PRVOPC"), (0x6, "ILL_PRVREG"), (0x7, "ILL_COPROC"), (0x8, "ILL_BADSTK"),
        (0x9, "ILL_BADIADDR")])
    static let fpeCodes = Xlat("FPE_???", [
        (0x1, "FPE_INTDIV"), (0x2, "FPE_INTOVF"), (0x3, "FPE_FLTDIV"), (0x4, "FPE_FLTOVF"),
        (0x5, "FPE_FLTUND"), (0x6, "FPE_FLTRES"), (0x7, "FPE_FLTINV"), (0x8, "FPE_FLTSUB"),
        (0xe, "FPE_FLTUNK"), (0xf, "FPE_CONDTRAP")])
    static let trapCodes = Xlat("TRAP_???", [
        (0x1, "TRAP_BRKPT"), (0x2, "TRAP_TRACE"), (0x3, "TRAP_BRANCH"), (0x4, "TRAP_HWBKPT"),
        (0x5, "TRAP_UNK"), (0x6, "TRAP_PERF")])
    static let pollCodes = Xlat("POLL_???", [
        (0x1, "POLL_IN"), (0x2, "POLL_OUT"), (0x3, "POLL_MSG"), (0x4, "POLL_ERR"), (0x5, "POLL_PRI"),
        (0x6, "POLL_HUP")])
    static let sysCodes = Xlat("SYS_???", [(0x1, "SYS_SECCOMP"), (0x2, "SYS_USER_DISPATCH")])
    static let suidDump = Xlat("SUID_DUMP_???", [
        (0x0, "SUID_DUMP_DISABLE"), (0x1, "SUID_DUMP_USER"), (0x2, "SUID_DUMP_ROOT")])
    static let statfsFlags = Xlat("ST_???", [
        (0x20, "ST_VALID"), (0x1, "ST_RDONLY"), (0x2, "ST_NOSUID"), (0x4, "ST_NODEV"), (0x8, "ST_NOEXEC"),
        (0x10, "ST_SYNCHRONOUS"), (0x40, "ST_MANDLOCK"), (0x400, "ST_NOATIME"), (0x800, "ST_NODIRATIME"),
        (0x1000, "ST_RELATIME"), (0x2000, "ST_NOSYMFOLLOW")])
    static let fsMagic = Xlat("???", [
        (0x2f, "QNX4_SUPER_MAGIC"), (0x33, "Z3FOLD_MAGIC"), (0x187, "AUTOFS_SUPER_MAGIC"),
        (0x1373, "DEVFS_SUPER_MAGIC"), (0x137d, "EXT_SUPER_MAGIC"), (0x137f, "MINIX_SUPER_MAGIC"),
        (0x138f, "MINIX_SUPER_MAGIC2"), (0x1cd1, "DEVPTS_SUPER_MAGIC"), (0x2468, "MINIX2_SUPER_MAGIC"),
        (0x2478, "MINIX2_SUPER_MAGIC2"), (0x3434, "NILFS_SUPER_MAGIC"), (0x4244, "HFS_SUPER_MAGIC"),
        (0x482b, "HFSPLUS_SUPER_MAGIC"), (0x4d44, "MSDOS_SUPER_MAGIC"), (0x4d5a, "MINIX3_SUPER_MAGIC"),
        (0x517b, "SMB_SUPER_MAGIC"), (0x564c, "NCP_SUPER_MAGIC"), (0x5df5, "EXOFS_SUPER_MAGIC"),
        (0x6969, "NFS_SUPER_MAGIC"), (0x7275, "ROMFS_MAGIC"), (0x72b6, "JFFS2_SUPER_MAGIC"),
        (0x9660, "ISOFS_SUPER_MAGIC"), (0x9fa0, "PROC_SUPER_MAGIC"), (0x9fa1, "OPENPROM_SUPER_MAGIC"),
        (0x9fa2, "USBDEVICE_SUPER_MAGIC"), (0xadf5, "ADFS_SUPER_MAGIC"), (0xadff, "AFFS_SUPER_MAGIC"),
        (0xef51, "EXT2_OLD_SUPER_MAGIC"), (0xef53, "EXT2_SUPER_MAGIC"), (0xf15f, "ECRYPTFS_SUPER_MAGIC"),
        (0x11954, "UFS_MAGIC"), (0x27e0eb, "CGROUP_SUPER_MAGIC"), (0x414a53, "EFS_SUPER_MAGIC"),
        (0xc0ffee, "HOSTFS_SUPER_MAGIC"), (0xc36400, "CEPH_SUPER_MAGIC"), (0x1021994, "TMPFS_MAGIC"),
        (0x1021997, "V9FS_MAGIC"), (0x1161970, "GFS2_MAGIC"), (0x12fd16d, "XIAFS_SUPER_MAGIC"),
        (0x12ff7b4, "XENIX_SUPER_MAGIC"), (0x12ff7b5, "SYSV4_SUPER_MAGIC"),
        (0x12ff7b6, "SYSV2_SUPER_MAGIC"), (0x12ff7b7, "COH_SUPER_MAGIC"), (0x2011994, "SHMFS_SUPER_MAGIC"),
        (0x9041934, "ANON_INODE_FS_MAGIC"), (0xbad1dea, "FUTEXFS_SUPER_MAGIC"),
        (0x11307854, "MTD_INODE_FS_MAGIC"), (0x13661366, "BALLOON_KVM_MAGIC"),
        (0x15013346, "UDF_SUPER_MAGIC"), (0x1badface, "BFS_MAGIC"), (0x2011bab0, "EXFAT_SUPER_MAGIC"),
        (0x24051905, "UBIFS_SUPER_MAGIC"), (0x28cd3d45, "CRAMFS_MAGIC"), (0x2fc12fc1, "ZFS_SUPER_MAGIC"),
        (0x3153464a, "JFS_SUPER_MAGIC"), (0x42465331, "BEFS_SUPER_MAGIC"), (0x42494e4d, "BINFMTFS_MAGIC"),
        (0x43415d53, "SMACK_MAGIC"), (0x444d4142, "DMA_BUF_MAGIC"), (0x453dcd28, "CRAMFS_MAGIC_WEND"),
        (0x454d444d, "DEVMEM_MAGIC"), (0x47504653, "GPFS_SUPER_MAGIC"), (0x50495045, "PIPEFS_MAGIC"),
        (0x52654973, "REISERFS_SUPER_MAGIC"), (0x5345434d, "SECRETMEM_MAGIC"),
        (0x5346414f, "AFS_SUPER_MAGIC"), (0x5346544e, "NTFS_SB_MAGIC"), (0x534f434b, "SOCKFS_MAGIC"),
        (0x54190100, "UFS_CIGAM"), (0x565a4653, "VZFS_SUPER_MAGIC"), (0x57ac6e9d, "STACK_END_MAGIC"),
        (0x58295829, "ZSMALLOC_MAGIC"), (0x58465342, "XFS_SUPER_MAGIC"), (0x5a3c69f0, "AAFS_MAGIC"),
        (0x5a4f4653, "ZONEFS_MAGIC"), (0x6165676c, "PSTOREFS_MAGIC"), (0x61756673, "AUFS_SUPER_MAGIC"),
        (0x62646576, "BDEVFS_MAGIC"), (0x62656570, "CONFIGFS_MAGIC"), (0x62656572, "SYSFS_MAGIC"),
        (0x63677270, "CGROUP2_SUPER_MAGIC"), (0x64626720, "DEBUGFS_MAGIC"), (0x64646178, "DAXFS_MAGIC"),
        (0x65735543, "FUSE_CTL_SUPER_MAGIC"), (0x65735546, "FUSE_SUPER_MAGIC"),
        (0x68191122, "QNX6_SUPER_MAGIC"), (0x6b414653, "AFS_FS_MAGIC"),
        (0x6c6f6f70, "BINDERFS_SUPER_MAGIC"), (0x6e736673, "NSFS_MAGIC"), (0x73636673, "SECURITYFS_MAGIC"),
        (0x73717368, "SQUASHFS_MAGIC"), (0x73727279, "BTRFS_TEST_MAGIC"), (0x73757245, "CODA_SUPER_MAGIC"),
        (0x7461636f, "OCFS2_SUPER_MAGIC"), (0x74726163, "TRACEFS_MAGIC"),
        (0x794c7630, "OVERLAYFS_SUPER_MAGIC"), (0x858458f6, "RAMFS_MAGIC"),
        (0x9123683e, "BTRFS_SUPER_MAGIC"), (0x958458f6, "HUGETLBFS_MAGIC"),
        (0xa501fcf5, "VXFS_SUPER_MAGIC"), (0xabba1974, "XENFS_SUPER_MAGIC"), (0xc7571590, "PPC_CMM_MAGIC"),
        (0xc97e8168, "LOGFS_MAGIC"), (0xcafe4a11, "BPF_FS_MAGIC"), (0xde5e81e4, "EFIVARFS_MAGIC"),
        (0xe0f5e1e2, "EROFS_SUPER_MAGIC_V1"), (0xf2f52010, "F2FS_SUPER_MAGIC"),
        (0xf97cff8c, "SELINUX_MAGIC"), (0xf995e849, "HPFS_SUPER_MAGIC"), (0xfe534d42, "SMB2_SUPER_MAGIC"),
        (0xff534d42, "CIFS_SUPER_MAGIC")])
    static let seccompOps = Xlat("SECCOMP_SET_MODE_???", [
        (0x0, "SECCOMP_SET_MODE_STRICT"), (0x1, "SECCOMP_SET_MODE_FILTER"),
        (0x2, "SECCOMP_GET_ACTION_AVAIL"), (0x3, "SECCOMP_GET_NOTIF_SIZES")])
    static let rwfFlags = Xlat("RWF_???", [
        (0x1, "RWF_HIPRI"), (0x2, "RWF_DSYNC"), (0x4, "RWF_SYNC"), (0x8, "RWF_NOWAIT"),
        (0x10, "RWF_APPEND")])
    static let pidfdFlags = Xlat("PIDFD_???", [(0x800, "PIDFD_NONBLOCK")])
    static let mlockFlags = Xlat("MLOCK_???", [(0x1, "MLOCK_ONFAULT")])
    static let rusageWho = Xlat("RUSAGE_???", [
        (0x0, "RUSAGE_SELF"), (0xffffffff, "RUSAGE_CHILDREN"), (0xfffffffe, "RUSAGE_BOTH"),
        (0x1, "RUSAGE_THREAD")])
    static let itimerWhich = Xlat("ITIMER_???", [
        (0x0, "ITIMER_REAL"), (0x1, "ITIMER_VIRTUAL"), (0x2, "ITIMER_PROF")])
    static let resolveFlags = Xlat("RESOLVE_???", [
        (0x1, "RESOLVE_NO_XDEV"), (0x2, "RESOLVE_NO_MAGICLINKS"), (0x4, "RESOLVE_NO_SYMLINKS"),
        (0x8, "RESOLVE_BENEATH"), (0x10, "RESOLVE_IN_ROOT"), (0x20, "RESOLVE_CACHED")])
    static let schedPolicies = Xlat("SCHED_???", [
        (0x0, "SCHED_OTHER"), (0x1, "SCHED_FIFO"), (0x2, "SCHED_RR"), (0x3, "SCHED_BATCH"),
        (0x4, "SCHED_ISO"), (0x5, "SCHED_IDLE"), (0x6, "SCHED_DEADLINE")])
    static let tcpOptions = Xlat("TCP_???", [
        (0x1, "TCP_NODELAY"), (0x2, "TCP_MAXSEG"), (0x3, "TCP_CORK"), (0x4, "TCP_KEEPIDLE"),
        (0x5, "TCP_KEEPINTVL"), (0x6, "TCP_KEEPCNT"), (0x7, "TCP_SYNCNT"), (0x8, "TCP_LINGER2"),
        (0x9, "TCP_DEFER_ACCEPT"), (0xa, "TCP_WINDOW_CLAMP"), (0xb, "TCP_INFO"), (0xc, "TCP_QUICKACK"),
        (0xd, "TCP_CONGESTION"), (0xe, "TCP_MD5SIG"), (0xf, "TCP_COOKIE_TRANSACTIONS"),
        (0x10, "TCP_THIN_LINEAR_TIMEOUTS"), (0x11, "TCP_THIN_DUPACK"), (0x12, "TCP_USER_TIMEOUT"),
        (0x13, "TCP_REPAIR"), (0x14, "TCP_REPAIR_QUEUE"), (0x15, "TCP_QUEUE_SEQ"),
        (0x16, "TCP_REPAIR_OPTIONS"), (0x17, "TCP_FASTOPEN"), (0x18, "TCP_TIMESTAMP"),
        (0x19, "TCP_NOTSENT_LOWAT"), (0x1a, "TCP_CC_INFO"), (0x1b, "TCP_SAVE_SYN"),
        (0x1c, "TCP_SAVED_SYN"), (0x1d, "TCP_REPAIR_WINDOW"), (0x1e, "TCP_FASTOPEN_CONNECT"),
        (0x1f, "TCP_ULP"), (0x20, "TCP_MD5SIG_EXT"), (0x21, "TCP_FASTOPEN_KEY"),
        (0x22, "TCP_FASTOPEN_NO_COOKIE"), (0x23, "TCP_ZEROCOPY_RECEIVE"), (0x24, "TCP_INQ"),
        (0x25, "TCP_TX_DELAY")])
    static let ipOptions = Xlat("IP_???", [
        (0x1, "IP_TOS"), (0x2, "IP_TTL"), (0x3, "IP_HDRINCL"), (0x4, "IP_OPTIONS"),
        (0x5, "IP_ROUTER_ALERT"), (0x6, "IP_RECVOPTS"), (0x7, "IP_RETOPTS"), (0x8, "IP_PKTINFO"),
        (0x9, "IP_PKTOPTIONS"), (0xa, "IP_MTU_DISCOVER"), (0xb, "IP_RECVERR"), (0xc, "IP_RECVTTL"),
        (0xd, "IP_RECVTOS"), (0xe, "IP_MTU"), (0xf, "IP_FREEBIND"), (0x10, "IP_IPSEC_POLICY"),
        (0x11, "IP_XFRM_POLICY"), (0x12, "IP_PASSSEC"), (0x13, "IP_TRANSPARENT"), (0x14, "IP_ORIGDSTADDR"),
        (0x15, "IP_MINTTL"), (0x16, "IP_NODEFRAG"), (0x17, "IP_CHECKSUM"),
        (0x18, "IP_BIND_ADDRESS_NO_PORT"), (0x19, "IP_RECVFRAGSIZE"), (0x1a, "IP_RECVERR_RFC4884")])
    static let ipv6Options = Xlat("IPV6_???", [
        (0x10, "IPV6_UNICAST_HOPS"), (0x11, "IPV6_MULTICAST_IF"), (0x12, "IPV6_MULTICAST_HOPS"),
        (0x13, "IPV6_MULTICAST_LOOP"), (0x14, "IPV6_ADD_MEMBERSHIP"), (0x15, "IPV6_DROP_MEMBERSHIP"),
        (0x16, "IPV6_ROUTER_ALERT"), (0x17, "IPV6_MTU_DISCOVER"), (0x18, "IPV6_MTU"),
        (0x19, "IPV6_RECVERR"), (0x1a, "IPV6_V6ONLY"), (0x1b, "IPV6_JOIN_ANYCAST"),
        (0x1c, "IPV6_LEAVE_ANYCAST"), (0x1d, "IPV6_MULTICAST_ALL"), (0x1e, "IPV6_ROUTER_ALERT_ISOLATE"),
        (0x1f, "IPV6_RECVERR_RFC4884"), (0x20, "IPV6_FLOWLABEL_MGR"), (0x21, "IPV6_FLOWINFO_SEND"),
        (0x22, "IPV6_IPSEC_POLICY"), (0x23, "IPV6_XFRM_POLICY"), (0x24, "IPV6_HDRINCL")])
    static let capVersions = Xlat("_LINUX_CAPABILITY_VERSION_???", [
        (0x19980330, "_LINUX_CAPABILITY_VERSION_1"), (0x20071026, "_LINUX_CAPABILITY_VERSION_2"),
        (0x20080522, "_LINUX_CAPABILITY_VERSION_3")])
    static let capAmbientOps = Xlat("PR_CAP_AMBIENT_???", [
        (0x1, "PR_CAP_AMBIENT_IS_SET"), (0x2, "PR_CAP_AMBIENT_RAISE"), (0x3, "PR_CAP_AMBIENT_LOWER"),
        (0x4, "PR_CAP_AMBIENT_CLEAR_ALL")])
    static let futexOps = Xlat("FUTEX_???", [
        (0x0, "FUTEX_WAIT"), (0x1, "FUTEX_WAKE"), (0x2, "FUTEX_FD"), (0x3, "FUTEX_REQUEUE"),
        (0x4, "FUTEX_CMP_REQUEUE"), (0x5, "FUTEX_WAKE_OP"), (0x6, "FUTEX_LOCK_PI"),
        (0x7, "FUTEX_UNLOCK_PI"), (0x8, "FUTEX_TRYLOCK_PI"), (0x9, "FUTEX_WAIT_BITSET"),
        (0xa, "FUTEX_WAKE_BITSET"), (0xb, "FUTEX_WAIT_REQUEUE_PI"), (0xc, "FUTEX_CMP_REQUEUE_PI"),
        (0xd, "FUTEX_LOCK_PI2"), (0x80, "FUTEX_WAIT_PRIVATE"), (0x81, "FUTEX_WAKE_PRIVATE"),
        (0x82, "FUTEX_FD|FUTEX_PRIVATE_FLAG"), (0x83, "FUTEX_REQUEUE_PRIVATE"),
        (0x84, "FUTEX_CMP_REQUEUE_PRIVATE"), (0x85, "FUTEX_WAKE_OP_PRIVATE"),
        (0x86, "FUTEX_LOCK_PI_PRIVATE"), (0x87, "FUTEX_UNLOCK_PI_PRIVATE"),
        (0x88, "FUTEX_TRYLOCK_PI_PRIVATE"), (0x89, "FUTEX_WAIT_BITSET_PRIVATE"),
        (0x8a, "FUTEX_WAKE_BITSET_PRIVATE"), (0x8b, "FUTEX_WAIT_REQUEUE_PI_PRIVATE"),
        (0x8c, "FUTEX_CMP_REQUEUE_PI_PRIVATE"), (0x8d, "FUTEX_LOCK_PI2_PRIVATE"),
        (0x100, "FUTEX_WAIT|FUTEX_CLOCK_REALTIME"), (0x180, "FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME"),
        (0x109, "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME"),
        (0x189, "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME"),
        (0x10b, "FUTEX_WAIT_REQUEUE_PI|FUTEX_CLOCK_REALTIME"),
        (0x18b, "FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME")])

    static let openAccess = Xlat("O_???", [(0, "O_RDONLY"), (1, "O_WRONLY"), (2, "O_RDWR"), (3, "O_ACCMODE")])
    static let mmapTypes = Xlat("MAP_???", [(0, "MAP_FILE"), (1, "MAP_SHARED"), (2, "MAP_PRIVATE"),
                                            (3, "MAP_SHARED_VALIDATE")])
    static let accessModes = Xlat("?_OK", [(0, "F_OK"), (4, "R_OK"), (2, "W_OK"), (1, "X_OK")])
    static let seekWhence = Xlat("SEEK_???", [(0, "SEEK_SET"), (1, "SEEK_CUR"), (2, "SEEK_END"),
                                              (3, "SEEK_DATA"), (4, "SEEK_HOLE")])
    static let fdFlags = Xlat("FD_???", [(1, "FD_CLOEXEC")])
    static let pollEvents = Xlat("POLL???", [
        (0x1, "POLLIN"), (0x2, "POLLPRI"), (0x4, "POLLOUT"), (0x8, "POLLERR"), (0x10, "POLLHUP"),
        (0x20, "POLLNVAL"), (0x40, "POLLRDNORM"), (0x80, "POLLRDBAND"), (0x100, "POLLWRNORM"),
        (0x200, "POLLWRBAND"), (0x400, "POLLMSG"), (0x2000, "POLLRDHUP")])
    static let timerFlags = Xlat("TIMER_???", [(1, "TIMER_ABSTIME")])
    // The new mount API (open_tree, move_mount, fsopen, fsconfig, fsmount, fspick, mount_setattr).
    static let openTreeFlags = Xlat("OPEN_TREE_???", [
        (0x1, "OPEN_TREE_CLONE"), (0x80000, "OPEN_TREE_CLOEXEC"), (0x100, "AT_SYMLINK_NOFOLLOW"),
        (0x200, "AT_REMOVEDIR"), (0x400, "AT_SYMLINK_FOLLOW"), (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH"),
        (0x8000, "AT_RECURSIVE")])
    static let moveMountFlags = Xlat("MOVE_MOUNT_???", [
        (0x1, "MOVE_MOUNT_F_SYMLINKS"), (0x2, "MOVE_MOUNT_F_AUTOMOUNTS"), (0x4, "MOVE_MOUNT_F_EMPTY_PATH"),
        (0x10, "MOVE_MOUNT_T_SYMLINKS"), (0x20, "MOVE_MOUNT_T_AUTOMOUNTS"), (0x40, "MOVE_MOUNT_T_EMPTY_PATH"),
        (0x100, "MOVE_MOUNT_SET_GROUP")])
    static let fsopenFlags = Xlat("FSOPEN_???", [(0x1, "FSOPEN_CLOEXEC")])
    static let fsconfigCmds = Xlat("FSCONFIG_???", [
        (0, "FSCONFIG_SET_FLAG"), (1, "FSCONFIG_SET_STRING"), (2, "FSCONFIG_SET_BINARY"),
        (3, "FSCONFIG_SET_PATH"), (4, "FSCONFIG_SET_PATH_EMPTY"), (5, "FSCONFIG_SET_FD"),
        (6, "FSCONFIG_CMD_CREATE"), (7, "FSCONFIG_CMD_RECONFIGURE"), (8, "FSCONFIG_CMD_CREATE_EXCL")])
    static let fsmountFlags = Xlat("FSMOUNT_???", [(0x1, "FSMOUNT_CLOEXEC")])
    static let mountAttrFlags = Xlat("MOUNT_ATTR_???", [
        (0x1, "MOUNT_ATTR_RDONLY"), (0x2, "MOUNT_ATTR_NOSUID"), (0x4, "MOUNT_ATTR_NODEV"),
        (0x8, "MOUNT_ATTR_NOEXEC"), (0x10, "MOUNT_ATTR_NOATIME"), (0x20, "MOUNT_ATTR_STRICTATIME"),
        (0x80, "MOUNT_ATTR_NODIRATIME"), (0x100000, "MOUNT_ATTR_IDMAP"), (0x200000, "MOUNT_ATTR_NOSYMFOLLOW")])
    static let fspickFlags = Xlat("FSPICK_???", [
        (0x1, "FSPICK_CLOEXEC"), (0x2, "FSPICK_SYMLINK_NOFOLLOW"), (0x4, "FSPICK_NO_AUTOMOUNT"),
        (0x8, "FSPICK_EMPTY_PATH")])
    static let mountSetattrFlags = Xlat("AT_???", [
        (0x100, "AT_SYMLINK_NOFOLLOW"), (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH"),
        (0x8000, "AT_RECURSIVE")])

    static let setnsTypes = Xlat("CLONE_NEW???", [
        (0x80, "CLONE_NEWTIME"), (0x20000, "CLONE_NEWNS"), (0x2000000, "CLONE_NEWCGROUP"),
        (0x4000000, "CLONE_NEWUTS"), (0x8000000, "CLONE_NEWIPC"), (0x10000000, "CLONE_NEWUSER"),
        (0x20000000, "CLONE_NEWPID"), (0x40000000, "CLONE_NEWNET")])
    static let shmFlags = Xlat("SHM_???", [(0x200, "IPC_CREAT"), (0x400, "IPC_EXCL"), (0x800, "SHM_HUGETLB"),
                                           (0x1000, "SHM_NORESERVE")])
    static let ipcFlags = Xlat("IPC_???", [(0x200, "IPC_CREAT"), (0x400, "IPC_EXCL"), (0x800, "IPC_NOWAIT")])
    static let capabilities = Xlat("CAP_???", [
        (0, "CAP_CHOWN"), (1, "CAP_DAC_OVERRIDE"), (2, "CAP_DAC_READ_SEARCH"), (3, "CAP_FOWNER"),
        (4, "CAP_FSETID"), (5, "CAP_KILL"), (6, "CAP_SETGID"), (7, "CAP_SETUID"), (8, "CAP_SETPCAP"),
        (9, "CAP_LINUX_IMMUTABLE"), (10, "CAP_NET_BIND_SERVICE"), (11, "CAP_NET_BROADCAST"),
        (12, "CAP_NET_ADMIN"), (13, "CAP_NET_RAW"), (14, "CAP_IPC_LOCK"), (15, "CAP_IPC_OWNER"),
        (16, "CAP_SYS_MODULE"), (17, "CAP_SYS_RAWIO"), (18, "CAP_SYS_CHROOT"), (19, "CAP_SYS_PTRACE"),
        (20, "CAP_SYS_PACCT"), (21, "CAP_SYS_ADMIN"), (22, "CAP_SYS_BOOT"), (23, "CAP_SYS_NICE"),
        (24, "CAP_SYS_RESOURCE"), (25, "CAP_SYS_TIME"), (26, "CAP_SYS_TTY_CONFIG"), (27, "CAP_MKNOD"),
        (28, "CAP_LEASE"), (29, "CAP_AUDIT_WRITE"), (30, "CAP_AUDIT_CONTROL"), (31, "CAP_SETFCAP"),
        (32, "CAP_MAC_OVERRIDE"), (33, "CAP_MAC_ADMIN"), (34, "CAP_SYSLOG"), (35, "CAP_WAKE_ALARM"),
        (36, "CAP_BLOCK_SUSPEND"), (37, "CAP_AUDIT_READ"), (38, "CAP_PERFMON"), (39, "CAP_BPF"),
        (40, "CAP_CHECKPOINT_RESTORE")])
    /// ioctl request codes strace names (a common subset; others print as _IOC(...)).
    static let ioctls = Xlat("", [
        (0x5401, "TCGETS"), (0x5402, "TCSETS"), (0x5403, "TCSETSW"), (0x5404, "TCSETSF"), (0x5405, "TCGETA"),
        (0x5406, "TCSETA"), (0x5407, "TCSETAW"), (0x5408, "TCSETAF"), (0x5409, "TCSBRK"), (0x540a, "TCXONC"),
        (0x540b, "TCFLSH"), (0x540c, "TIOCEXCL"), (0x540d, "TIOCNXCL"), (0x540e, "TIOCSCTTY"),
        (0x540f, "TIOCGPGRP"), (0x5410, "TIOCSPGRP"), (0x5411, "TIOCOUTQ"), (0x5412, "TIOCSTI"),
        (0x5413, "TIOCGWINSZ"), (0x5414, "TIOCSWINSZ"), (0x5415, "TIOCMGET"), (0x5416, "TIOCMBIS"),
        (0x5417, "TIOCMBIC"), (0x5418, "TIOCMSET"), (0x5419, "TIOCGSOFTCAR"), (0x541a, "TIOCSSOFTCAR"),
        (0x541b, "FIONREAD"), (0x541c, "TIOCLINUX"), (0x541d, "TIOCCONS"), (0x541e, "TIOCGSERIAL"),
        (0x541f, "TIOCSSERIAL"), (0x5420, "TIOCPKT"), (0x5421, "FIONBIO"), (0x5422, "TIOCNOTTY"),
        (0x5423, "TIOCSETD"), (0x5424, "TIOCGETD"), (0x5425, "TCSBRKP"), (0x5427, "TIOCSBRK"),
        (0x5428, "TIOCCBRK"), (0x5429, "TIOCGSID"), (0x802c542a, "TCGETS2"), (0x402c542b, "TCSETS2"),
        (0x80045430, "TIOCGPTN"), (0x40045431, "TIOCSPTLCK"), (0x80045432, "TIOCGDEV"),
        (0x5437, "TIOCVHANGUP"), (0x80045438, "TIOCGPKT"), (0x80045439, "TIOCGPTLCK"),
        (0x80045440, "TIOCGEXCL"), (0x5441, "TIOCGPTPEER"), (0x5450, "FIONCLEX"), (0x5451, "FIOCLEX"),
        (0x5452, "FIOASYNC"), (0x5453, "TIOCSERCONFIG"), (0x5460, "FIOQSIZE"),
        (0x8901, "FIOSETOWN"), (0x8902, "SIOCSPGRP"), (0x8903, "FIOGETOWN"), (0x8904, "SIOCGPGRP"),
        (0x8905, "SIOCATMARK"), (0x8910, "SIOCGIFNAME"), (0x8912, "SIOCGIFCONF"), (0x8913, "SIOCGIFFLAGS"),
        (0x8914, "SIOCSIFFLAGS"), (0x8915, "SIOCGIFADDR"), (0x8916, "SIOCSIFADDR"), (0x8921, "SIOCGIFMTU"),
        (0x8922, "SIOCSIFMTU"), (0x8927, "SIOCGIFHWADDR"), (0x8933, "SIOCGIFINDEX"),
        (0x80086601, "FS_IOC_GETFLAGS"), (0x40086602, "FS_IOC_SETFLAGS"), (0x80087601, "FS_IOC_GETVERSION"),
        (0x40049409, "BTRFS_IOC_CLONE or FICLONE"), (0x4020940d, "FICLONERANGE"), (0xc0189436, "FIDEDUPERANGE"),
        (0x80081272, "BLKGETSIZE64"), (0x1260, "BLKGETSIZE"), (0x125d, "BLKROGET"), (0x1268, "BLKSSZGET"),
        (0x400454ca, "TUNSETIFF"), (0x800454d2, "TUNGETIFF"), (0x80045200, "RNDGETENTCNT"),
        (0xb701, "NS_GET_USERNS"), (0xb702, "NS_GET_PARENT"), (0xb703, "NS_GET_NSTYPE"),
        (0xb704, "NS_GET_OWNER_UID"), (0x4c00, "LOOP_SET_FD"), (0x4c01, "LOOP_CLR_FD"),
        (0x4c82, "LOOP_CTL_GET_FREE"), (0x4c04, "LOOP_SET_STATUS64"), (0x4c05, "LOOP_GET_STATUS64"),
        (0xc0502100, "SECCOMP_IOCTL_NOTIF_RECV"), (0xc0182101, "SECCOMP_IOCTL_NOTIF_SEND"),
        (0x40082102, "SECCOMP_IOCTL_NOTIF_ID_VALID"), (0x40182103, "SECCOMP_IOCTL_NOTIF_ADDFD")])
}

extension X {
    static let xattrFlags = Xlat("XATTR_???", [(1, "XATTR_CREATE"), (2, "XATTR_REPLACE")])
    static let shmatFlags = Xlat("SHM_???", [(0x1000, "SHM_RDONLY"), (0x2000, "SHM_RND"), (0x4000, "SHM_REMAP"),
                                             (0x8000, "SHM_EXEC")])
}

extension X {
    static let seccompFilterFlags = Xlat("SECCOMP_FILTER_FLAG_???", [
        (0x1, "SECCOMP_FILTER_FLAG_TSYNC"), (0x2, "SECCOMP_FILTER_FLAG_LOG"), (0x4, "SECCOMP_FILTER_FLAG_SPEC_ALLOW"),
        (0x8, "SECCOMP_FILTER_FLAG_NEW_LISTENER"), (0x10, "SECCOMP_FILTER_FLAG_TSYNC_ESRCH"),
        (0x20, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV")])
}

extension X {
    static let seccompModes = Xlat("SECCOMP_MODE_???", [(0, "SECCOMP_MODE_DISABLED"), (1, "SECCOMP_MODE_STRICT"),
                                                        (2, "SECCOMP_MODE_FILTER")])
    static let personalityFlags = Xlat("", [
        (0x20000, "UNAME26"), (0x40000, "ADDR_NO_RANDOMIZE"), (0x80000, "FDPIC_FUNCPTRS"),
        (0x100000, "MMAP_PAGE_ZERO"), (0x200000, "ADDR_COMPAT_LAYOUT"), (0x400000, "READ_IMPLIES_EXEC"),
        (0x800000, "ADDR_LIMIT_32BIT"), (0x1000000, "SHORT_INODE"), (0x2000000, "WHOLE_SECONDS"),
        (0x4000000, "STICKY_TIMEOUTS"), (0x8000000, "ADDR_LIMIT_3GB")])
    /// clone3's flags: clone's plus the 64-bit ones.
    static let clone3Flags = Xlat("CLONE_???", cloneFlags.entries.map { ($0.value, $0.name) } + [
        (0x80, "CLONE_NEWTIME"), (0x100000000, "CLONE_CLEAR_SIGHAND"), (0x200000000, "CLONE_INTO_CGROUP")])
}
