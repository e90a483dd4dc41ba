// The argument and result kinds of the process, memory-policy, scheduling, time, module and
// IPC calls (issue 19), as `Arg.proc(...)`, `Ret.proc(...)` and `Dynamic.proc(...)`, and the
// shapes the dynamic ones take (ProcPlans). Their decoders are in StructFormat+Process.swift,
// their tables in FlagTables+Process.swift.

/// How one argument of those calls is shown (strace 6.1's decoder named in each).
indirect enum ProcArg: Sendable {
    // Memory policy (numa.c)
    /// mbind's and set_mempolicy's mode: `MPOL_BIND|MPOL_F_STATIC_NODES`; `wide`: the whole
    /// word (mbind), else its low 32 bits (set_mempolicy).
    case mpolMode(wide: Bool)
    /// get_mempolicy's `int *mode`: `[MPOL_DEFAULT]`.
    case mpolModePtr
    /// A node mask of `maxnode` bits (the count in another argument), as words in hex.
    case nodemask(maxnode: Int)
    /// move_pages' arrays, `count` in another argument: pointers, ints, and statuses
    /// (`0`, `-EFAULT`).
    case addrArray(count: Int)
    case intArray(count: Int)
    case statusArray(count: Int)

    // Scalars
    /// printflags with an empty default: unknown bits without a comment (memfd_secret).
    case flagsPlain(Xlat)
    /// printxval with strace's XLAT_STYLE_VERBOSE|FMT_D: `0 /* SYSLOG_ACTION_CLOSE */`.
    case xvalVerboseDec(Xlat)
    /// printxval of the whole word (printxval64): `0xbadc0ded00001054 /* KEXEC_??? */`.
    case xval64(Xlat)
    /// A dev_t of 32 bits (ustat): `makedev(0xfff, 0xfffff)`.
    case dev32
    /// An unsigned int (PRINT_VAL_U of a 32-bit value), and in hex (PRINT_VAL_X).
    case uint32, hex32
    /// A string of `len` bytes (another argument), or its address when `len` is above `max`
    /// (sethostname).
    case strMax(len: Int, max: Int)
    /// `len` bytes (another argument) in hex, cut at -s (printstr_ex with QUOTE_FORCE_HEX):
    /// fsconfig's FSCONFIG_SET_BINARY value.
    case hexBytes(len: Int)
    /// A NUL-terminated string the kernel reads at most `max` bytes of, cut at -s
    /// (printstr_ex with QUOTE_0_TERMINATED): reboot's argument, memfd_create's name.
    case cStringMax(Int)
    /// kcmp's struct kcmp_epoll_slot.
    case kcmpEpollSlot
    /// ioprio_set's priority: `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`.
    case ioprio
    /// mmap's flags in a word printed whole (remap_file_pages).
    case mmapFlags64
    /// memfd_create's flags: `MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT`.
    case mfdFlags
    /// kexec_load's flags: the architecture in the high half, then KEXEC_* flags.
    case kexecFlags

    /// time's `time_t *`: `[1796607744 /* 2026-12-07T01:42:24+0000 */]`.
    case timePtr
    /// A signal set of `size` bytes (another argument) from 1 to 8 (rt_sigpending's).
    case sigsetAnySize(size: Int)
    /// clock_nanosleep's remain: shown when the call was interrupted and `flags` (another
    /// argument) is 0, else its address.
    case remainIfRelative(flags: Int)
    /// wait4's rusage: shown when a child was reaped (a result above 0), else its address.
    case rusageIfReaped

    /// swapon's flags: SWAP_FLAG_* and the priority in the low bits, `SWAP_FLAG_PREFER|42`.
    case swapFlags

    // Structures
    /// rt_sigreturn's saved signal mask, `{mask=[INT CHLD]}`: the argument is its address in
    /// the signal frame, which the tracers compute from the stack pointer (SignalFrame).
    case sigframeMask
    /// io_submit's array of `count` iocb pointers (StructFormat+AIO.swift).
    case aioIocbs(count: Int)
    /// io_cancel's iocb: its header only.
    case aioIocbHeader
    /// (out) io_cancel's struct io_event.
    case aioEvent
    /// (out) io_getevents' struct io_event array, as many as the result.
    case aioEvents
    /// An iovec array of `count` (another argument) elements, the buffers as addresses
    /// (strace's iov_decode_addr: process_madvise, process_vm_* remote iovecs).
    case iovAddrs(count: Int)
    /// An iovec array with the buffers' bytes: all of them (`upToRet` false:
    /// process_vm_writev), or at exit up to the result, their addresses when the call failed
    /// (process_vm_readv).
    case iovStrings(count: Int, upToRet: Bool)
    /// struct mq_attr; `decodeFlags`: mq_flags as O_* flags (mq_getsetattr), else in hex.
    case mqAttr(decodeFlags: Bool)
    /// semop's struct sembuf array, `count` in another argument.
    case sembufs(count: Int)
    /// _sysctl's struct __sysctl_args.
    case sysctlArgs
    /// struct timex (adjtimex, clock_adjtime).
    case timex
    /// utimes' and futimesat's struct timeval[2], each with its date.
    case timevalPair
    /// utime's struct utimbuf.
    case utimbuf
    /// struct ustat.
    case ustat
    /// struct sigevent (timer_create, mq_notify).
    case sigevent
    /// struct sched_attr: sched_getattr's (size in another argument, at exit) or
    /// sched_setattr's (size in the structure).
    case schedAttr(size: Int?)
    /// struct user_desc (modify_ldt), shown when the byte count is its size.
    case userDesc(count: Int)
    /// kexec_load's struct kexec_segment array.
    case kexecSegments(count: Int)
}

/// How the result of those calls is shown.
enum ProcRet: Sendable {
    /// The number, and in parentheses the name when the table knows it (strace's auxstr
    /// from xlookup): `5 (TIME_ERROR)`, `0 (SCHED_OTHER)`.
    case auxName(Xlat)
    /// ioprio_get: `4 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))`.
    case ioprio
    /// modify_ldt: the kernel's int result zero-extended; an error in it is shown as one.
    case modifyLdt
    /// time: the seconds and their date, `1796607744 (2026-12-07T01:42:24+0000)`.
    case time
    /// A signal number and its name (rt_sigtimedwait): `14 (SIGALRM)`.
    case signal
}

/// Calls whose shown arguments depend on their values.
enum ProcDynamic: Sendable, Equatable {
    /// syslog: bufp and len only for the actions that use them.
    case syslog
    /// kcmp: idx1 and idx2 only for KCMP_FILE and KCMP_EPOLL_TFD.
    case kcmp
    /// reboot: the argument only for LINUX_REBOOT_CMD_RESTART2.
    case reboot
    /// mq_open: mode and attr only with O_CREAT.
    case mqOpen
    /// waitid: the id as its idtype says, a pid (P_PID), a pidfd (P_PIDFD) or a number.
    case waitid
}

/// The shapes of `Dynamic.proc` calls.
enum ProcPlans {
    static func resolve(_ d: ProcDynamic, abi: SyscallABI, _ a: SyscallArgs) -> Plan {
        switch d {
        case .syslog:
            let type = Int32(truncatingIfNeeded: a[0])
            let action = Arg.proc(.xvalVerboseDec(X.syslogActions))
            switch type {
            case 0, 1, 5, 6, 7, 9, 10: return Plan([action])
            case 2, 3, 4: return Plan([action, .out(.bufRet), .int])
            case 8: return Plan([action, .ptr, .proc(.xvalVerboseDec(X.syslogConsoleLevels))])
            default: return Plan([action, .ptr, .int])
            }
        case .kcmp:
            let head: [Arg] = [.pid, .pid, .xval(X.kcmpTypes)]
            switch Int32(truncatingIfNeeded: a[2]) {
            case 0: return Plan(head + [.fd, .fd])
            case 7: return Plan(head + [.fd, .proc(.kcmpEpollSlot)])
            case 1, 2, 3, 4, 5, 6: return Plan(head)
            default: return Plan(head + [.hex, .hex])
            }
        case .reboot:
            let head: [Arg] = [.xval(X.rebootMagic1), .xval(X.rebootMagic2), .xval(X.rebootCmds)]
            return a[2] & 0xffff_ffff == 0xA1B2_C3D4 ? Plan(head + [.proc(.cStringMax(255))]) : Plan(head)
        case .mqOpen:
            return a[1] & 0x40 != 0 ? Plan([.path, .openFlags, .mode, .proc(.mqAttr(decodeFlags: false))], .fd)
                                    : Plan([.path, .openFlags], .fd)
        case .waitid:
            let id: Arg = switch a[0] & 0xffff_ffff { case 1: .pid; case 3: .fd; default: .int }
            return Plan([.xval(X.idTypes), id, .out(.siginfo), .flags(X.waitOptions), .out(.rusage)])
        }
    }

    /// Arguments that give each shape (CapturePlanner.shapes).
    static func shapes(_ d: ProcDynamic) -> [SyscallArgs] {
        func at(_ index: Int, _ values: [UInt64]) -> [SyscallArgs] { SyscallArgs.shapes(at: index, values) }
        switch d {
        case .syslog: return at(0, [0, 2, 8, 11])
        case .kcmp: return at(2, [0, 1, 7, 8])
        case .reboot: return at(2, [0, 0xA1B2_C3D4])
        case .mqOpen: return at(1, [0, 0x40])
        case .waitid: return at(0, [0, 1, 3])
        }
    }
}
