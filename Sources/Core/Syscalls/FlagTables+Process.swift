// The name tables of the process, memory-policy, scheduling, time, module and IPC calls:
// strace 6.1's xlat/*.in, values, names and order (flags print in table order).

extension X {
    // Memory policy (numa.c)
    static let mpolModes = Xlat("MPOL_???", [
        (0, "MPOL_DEFAULT"), (1, "MPOL_PREFERRED"), (2, "MPOL_BIND"), (3, "MPOL_INTERLEAVE"), (4, "MPOL_LOCAL"),
        (5, "MPOL_PREFERRED_MANY")])
    static let mpolModeFlags = Xlat("MPOL_???", [
        (1 << 15, "MPOL_F_STATIC_NODES"), (1 << 14, "MPOL_F_RELATIVE_NODES"), (1 << 13, "MPOL_F_NUMA_BALANCING")])
    static let mbindFlags = Xlat("MPOL_???", [(1, "MPOL_MF_STRICT"), (2, "MPOL_MF_MOVE"), (4, "MPOL_MF_MOVE_ALL")])
    static let getMempolicyFlags = Xlat("MPOL_???", [(1, "MPOL_F_NODE"), (2, "MPOL_F_ADDR"), (4, "MPOL_F_MEMS_ALLOWED")])
    static let movePagesFlags = Xlat("MPOL_???", [(2, "MPOL_MF_MOVE"), (4, "MPOL_MF_MOVE_ALL")])

    // Descriptors made by process and memory calls
    static let uffdFlags = Xlat("UFFD_???", [(1, "UFFD_USER_MODE_ONLY"), (0x800, "O_NONBLOCK"), (0x80000, "O_CLOEXEC")])
    static let memfdSecretFlags = Xlat("", [(0x80000, "O_CLOEXEC")])

    // Time
    static let adjtimexModes = Xlat("ADJ_???", [
        (0xa001, "ADJ_OFFSET_SS_READ"), (0x8001, "ADJ_OFFSET_SINGLESHOT"), (0x0001, "ADJ_OFFSET"),
        (0x0002, "ADJ_FREQUENCY"), (0x0004, "ADJ_MAXERROR"), (0x0008, "ADJ_ESTERROR"), (0x0010, "ADJ_STATUS"),
        (0x0020, "ADJ_TIMECONST"), (0x0080, "ADJ_TAI"), (0x0100, "ADJ_SETOFFSET"), (0x1000, "ADJ_MICRO"),
        (0x2000, "ADJ_NANO"), (0x4000, "ADJ_TICK")])
    static let adjtimexStatus = Xlat("STA_???", [
        (0x0001, "STA_PLL"), (0x0002, "STA_PPSFREQ"), (0x0004, "STA_PPSTIME"), (0x0008, "STA_FLL"),
        (0x0010, "STA_INS"), (0x0020, "STA_DEL"), (0x0040, "STA_UNSYNC"), (0x0080, "STA_FREQHOLD"),
        (0x0100, "STA_PPSSIGNAL"), (0x0200, "STA_PPSJITTER"), (0x0400, "STA_PPSWANDER"), (0x0800, "STA_PPSERROR"),
        (0x1000, "STA_CLOCKERR"), (0x2000, "STA_NANO"), (0x4000, "STA_MODE"), (0x8000, "STA_CLK")])
    static let adjtimexState = Xlat("TIME_???", [
        (0, "TIME_OK"), (1, "TIME_INS"), (2, "TIME_DEL"), (3, "TIME_OOP"), (4, "TIME_WAIT"), (5, "TIME_ERROR")])
    static let sigevNotify = Xlat("SIGEV_???", [
        (0, "SIGEV_SIGNAL"), (1, "SIGEV_NONE"), (2, "SIGEV_THREAD"), (4, "SIGEV_THREAD_ID")])


    // Scheduling and I/O priority
    static let schedFlags = Xlat("SCHED_FLAG_???", [
        (0x01, "SCHED_FLAG_RESET_ON_FORK"), (0x02, "SCHED_FLAG_RECLAIM"), (0x04, "SCHED_FLAG_DL_OVERRUN"),
        (0x08, "SCHED_FLAG_KEEP_POLICY"), (0x10, "SCHED_FLAG_KEEP_PARAMS"), (0x20, "SCHED_FLAG_UTIL_CLAMP_MIN"),
        (0x40, "SCHED_FLAG_UTIL_CLAMP_MAX")])
    static let ioprioWho = Xlat("IOPRIO_WHO_???", [(1, "IOPRIO_WHO_PROCESS"), (2, "IOPRIO_WHO_PGRP"), (3, "IOPRIO_WHO_USER")])
    static let ioprioClass = Xlat("IOPRIO_CLASS_???", [
        (0, "IOPRIO_CLASS_NONE"), (1, "IOPRIO_CLASS_RT"), (2, "IOPRIO_CLASS_BE"), (3, "IOPRIO_CLASS_IDLE")])
    static let kcmpTypes = Xlat("KCMP_???", [
        (0, "KCMP_FILE"), (1, "KCMP_VM"), (2, "KCMP_FILES"), (3, "KCMP_FS"), (4, "KCMP_SIGHAND"), (5, "KCMP_IO"),
        (6, "KCMP_SYSVSEM"), (7, "KCMP_EPOLL_TFD")])

    // The system
    static let syslogActions = Xlat("SYSLOG_ACTION_???", [
        (0, "SYSLOG_ACTION_CLOSE"), (1, "SYSLOG_ACTION_OPEN"), (2, "SYSLOG_ACTION_READ"), (3, "SYSLOG_ACTION_READ_ALL"),
        (4, "SYSLOG_ACTION_READ_CLEAR"), (5, "SYSLOG_ACTION_CLEAR"), (6, "SYSLOG_ACTION_CONSOLE_OFF"),
        (7, "SYSLOG_ACTION_CONSOLE_ON"), (8, "SYSLOG_ACTION_CONSOLE_LEVEL"), (9, "SYSLOG_ACTION_SIZE_UNREAD"),
        (10, "SYSLOG_ACTION_SIZE_BUFFER")])
    static let syslogConsoleLevels = Xlat("LOGLEVEL_???", [
        (0, "LOGLEVEL_EMERG"), (1, "LOGLEVEL_ALERT"), (2, "LOGLEVEL_CRIT"), (3, "LOGLEVEL_ERR"), (4, "LOGLEVEL_WARNING"),
        (5, "LOGLEVEL_NOTICE"), (6, "LOGLEVEL_INFO"), (7, "LOGLEVEL_DEBUG"), (8, "LOGLEVEL_DEBUG+1")])
    static let rebootMagic1 = Xlat("LINUX_REBOOT_MAGIC_???", [(0xfee1dead, "LINUX_REBOOT_MAGIC1")])
    static let rebootMagic2 = Xlat("LINUX_REBOOT_MAGIC_???", [
        (672274793, "LINUX_REBOOT_MAGIC2"), (85072278, "LINUX_REBOOT_MAGIC2A"), (369367448, "LINUX_REBOOT_MAGIC2B"),
        (537993216, "LINUX_REBOOT_MAGIC2C")])
    static let rebootCmds = Xlat("LINUX_REBOOT_CMD_???", [
        (0x01234567, "LINUX_REBOOT_CMD_RESTART"), (0xCDEF0123, "LINUX_REBOOT_CMD_HALT"),
        (0x89ABCDEF, "LINUX_REBOOT_CMD_CAD_ON"), (0x00000000, "LINUX_REBOOT_CMD_CAD_OFF"),
        (0x4321FEDC, "LINUX_REBOOT_CMD_POWER_OFF"), (0xA1B2C3D4, "LINUX_REBOOT_CMD_RESTART2"),
        (0xD000FCE2, "LINUX_REBOOT_CMD_SW_SUSPEND"), (0x45584543, "LINUX_REBOOT_CMD_KEXEC")])

    // IPC
    static let semopFlags = Xlat("SEM_???", [(0x1000, "SEM_UNDO"), (0x800, "IPC_NOWAIT")])
    static let mqAttrFlags = Xlat("O_???", [(0x800, "O_NONBLOCK")])

    // Files and swap
    static let swapFlags = Xlat("SWAP_FLAG_???", [
        (0x8000, "SWAP_FLAG_PREFER"), (0x10000, "SWAP_FLAG_DISCARD"), (0x20000, "SWAP_FLAG_DISCARD_ONCE"),
        (0x40000, "SWAP_FLAG_DISCARD_PAGES")])
    static let syncFileRangeFlags = Xlat("SYNC_FILE_RANGE_???", [
        (1, "SYNC_FILE_RANGE_WAIT_BEFORE"), (2, "SYNC_FILE_RANGE_WRITE"), (4, "SYNC_FILE_RANGE_WAIT_AFTER")])

    // Modules and kexec
    static let deleteModuleFlags = Xlat("O_???", [(0x800, "O_NONBLOCK"), (0x200, "O_TRUNC")])
    static let moduleInitFlags = Xlat("MODULE_INIT_???", [
        (1, "MODULE_INIT_IGNORE_MODVERSIONS"), (2, "MODULE_INIT_IGNORE_VERMAGIC"), (4, "MODULE_INIT_COMPRESSED_FILE")])
    static let kexecArchs = Xlat("KEXEC_ARCH_???", [
        (0 << 16, "KEXEC_ARCH_DEFAULT"), (3 << 16, "KEXEC_ARCH_386"), (4 << 16, "KEXEC_ARCH_68K"),
        (15 << 16, "KEXEC_ARCH_PARISC"), (62 << 16, "KEXEC_ARCH_X86_64"), (20 << 16, "KEXEC_ARCH_PPC"),
        (21 << 16, "KEXEC_ARCH_PPC64"), (50 << 16, "KEXEC_ARCH_IA_64"), (40 << 16, "KEXEC_ARCH_ARM"),
        (22 << 16, "KEXEC_ARCH_S390"), (42 << 16, "KEXEC_ARCH_SH"), (10 << 16, "KEXEC_ARCH_MIPS_LE"),
        (8 << 16, "KEXEC_ARCH_MIPS"), (183 << 16, "KEXEC_ARCH_AARCH64"), (243 << 16, "KEXEC_ARCH_RISCV"),
        (258 << 16, "KEXEC_ARCH_LOONGARCH")])
    static let kexecLoadFlags = Xlat("KEXEC_???", [(1, "KEXEC_ON_CRASH"), (2, "KEXEC_PRESERVE_CONTEXT")])
    static let kexecFileLoadFlags = Xlat("KEXEC_FILE_???", [
        (1, "KEXEC_FILE_UNLOAD"), (2, "KEXEC_FILE_ON_CRASH"), (4, "KEXEC_FILE_NO_INITRAMFS")])
}
