// How one argument (or the result) of a syscall is shown. A signature is a list of slots:
// which raw argument (by index) is printed how. Arguments the kernel writes are wrapped in
// `.out(…)`: they, and every slot after the first of them, are decoded at exit.

indirect enum Arg: Sendable {
    // Scalars
    case int, uint, long, ulong, hex, ptr
    case pid                        // pid_t: shown as int; translated for nested pid namespaces
    case fd                         // int fd; `3</path>` with -y
    case dirfd                      // AT_FDCWD or fd
    case uid                        // uid_t/gid_t: -1 or unsigned
    case mode                       // permission bits, %#03o
    case umode                      // S_IFREG|0644 (mknod)
    case octal                      // %#lo
    case signal                     // SIGKILL, 0, 99
    case clockid
    case flags(Xlat)                // an int or unsigned int of flags: its low 32 bits
    case flags64(Xlat)              // an unsigned long of flags (unshare, mremap)
    case xval(Xlat)                 // one value: name or `0x7 /* SIG_??? */`
    case xvalInt(Xlat)              // as xval, unknown shown in signed decimal
    case openFlags                  // O_RDONLY|O_CLOEXEC
    case mmapFlags
    case sockType                   // SOCK_STREAM|SOCK_CLOEXEC
    case sockProto(family: Int)     // IPPROTO_TCP / NETLINK_ROUTE / number
    case sockOptName(level: Int)
    case ioctlCmd
    case dev                        // makedev(0x1, 0x3)
    case rlimResource
    case statxFlags                 // AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW
    case mountFlags                 // MS_MGC_VAL|MS_RDONLY
    case cloneFlags                 // CLONE_VM|…|SIGCHLD
    case personality
    case futexBitset
    case pgoff                      // mmap2 offset in pages, shown in bytes
    case long64(hi: Int)            // i386: a 64-bit value split over two arguments

    // Strings and buffers
    case path                       // NUL-terminated, PATH_MAX
    case str                        // NUL-terminated, -s
    case strLen(Int)                // length in another argument (sethostname)
    case bufIn(Int)                 // bytes, count in another argument (write)
    case bufRet                     // bytes, count = return value (read)
    case bufRetHex                  // same, as \x.. (getrandom)
    case strRet                     // readlink: count = return value
    case cwdRet                     // getcwd: path of ret-1 bytes
    case sockBuf(len: Int)          // sendto: bytes, or netlink messages on a netlink socket
    case sockBufRet                 // recvfrom: the same, count = return value
    case iov(Int)                   // iovec array, count in another argument; data up to ret at exit
    case argv                       // ["ls", "-l"]
    case envp                       // 0x7ffd… /* 20 vars */
    case xattrName                  // string

    // Pointers to scalars: [3]
    case intPtr, uintPtr, int64Ptr, hexPtr, uidPtr, signalPtr
    case int64InOut                 // sendfile offset: [5] or [5] => [15]
    case socklenInOut               // [16] or [110 => 16]
    case fdPair                     // [3, 4]
    case gidList(Int)               // count in another argument; -1 → ret

    // Structures
    case sigset(size: Int)          // [INT TERM], ~[RTMIN RT_1]
    case sigaction
    case stackT
    case timespec, timeval, timezone, itimerval, itimerspec
    case remTimespec                // nanosleep's rem: shown only when interrupted
    case winsize
    case utimes                     // utimensat's timespec[2]
    case stat, statx, statfs, rlimit, utsname, sysinfo, tms, rusage
    case waitStatus, siginfo
    case sockaddr(len: Int)         // length in another argument
    case sockaddrOut(lenPtr: Int)   // length pointer in another argument
    case sockOptVal(len: Int)       // setsockopt: value with length in another argument
    case sockOptValOut(lenPtr: Int)
    case msghdr, msghdrOut
    case pollfds(count: Int)
    case fdset(nfds: Int)
    case epollEvent
    case epollEvents                // out, count = ret
    case cpuset                     // out, bytes = ret
    case cpusetIn(size: Int)
    case dirents(is64: Bool)        // 0x… /* 6 entries */
    case cloneArgs(size: Int)
    /// (out, glued) clone3's clone_args at exit: what the kernel wrote, ` => {pidfd=[3],
    /// parent_tid=[N]}`, printed right after the struct shown at entry (no ", ").
    case cloneResults(size: Int)
    case openHow
    case mountAttr(size: Int)       // mount_setattr's struct mount_attr
    case mincoreVec(len: Int)
    case fOwnerEx                   // fcntl's struct f_owner_ex: {type=F_OWNER_TID, pid=N}
    case flock(getlk: Bool)         // fcntl's struct flock (l_pid shown for F_GETLK)
    case capHeader
    case pselectSigmask
    case clockT                     // times() fields etc.

    // File systems, keys, security, network, bpf (StructFormat+FS.swift)
    case fsnet(FSNetArg)
    // The process, memory-policy, scheduling, time, module and IPC kinds (ArgType+Process.swift)
    case proc(ProcArg)
    // ptrace, keyctl, perf_event_open (StructFormat+Ptrace.swift)
    case dbg(DbgArg)
    // bpf(2)'s union bpf_attr (StructFormat+BPF.swift)
    case bpf(BPFArg)

    // Wrappers
    case named(String, Arg)         // child_stack=NULL
    case out(Arg)
}

/// How the result is shown.
enum Ret: Sendable {
    case dec, udec, hex, octal, fd
    case umode                      // umask's old mask: 000, 022 (%#03o)
    case pid                        // a pid, shown as dec (translated for nested pid namespaces)
    case fcntlGetFL                 // 0x8002 (flags O_RDWR|O_LARGEFILE)
    case fcntlGetFD                 // 0x1 (flags FD_CLOEXEC)
    case fcntlGetLease              // 0x2 (F_UNLCK)
    case fcntlGetSig                // 1 (SIGHUP); 0 alone
    case xvalNote(Xlat)             // 0 (SUID_DUMP_DISABLE)
    case personality                // 0x8 (PER_LINUX32)
    case poll(fds: Int, count: Int, timeout: Int?)
    case select(nfds: Int, timeout: Int?, usec: Bool)
    case timeout                    // 0 (Timeout) for waits returning 0
    case proc(ProcRet)              // ArgType+Process.swift
    case fsnet(FSNetRet)            // StructFormat+Mmsg.swift
}

struct Slot: Sendable {
    let index: Int
    let arg: Arg
    var isOut: Bool { if case .out = arg { return true } else { return false } }
    /// An output shown as the continuation of the argument before it (strace's ` => {...}`
    /// after a struct it printed at entry), not as an argument of its own.
    var isGlued: Bool {
        switch arg {
        case .out(.cloneResults), .out(.bpf(.attrExit)): return true
        default: return false
        }
    }
}

/// A resolved way to print one call: the slots, in print order, and the result.
struct Plan: Sendable {
    var slots: [Slot]
    var ret: Ret
    init(_ args: [Arg], _ ret: Ret = .dec) {
        slots = args.enumerated().map { Slot(index: $0.offset, arg: $0.element) }
        self.ret = ret
    }
    init(slots: [Slot], ret: Ret = .dec) {
        self.slots = slots
        self.ret = ret
    }
}

/// Calls whose printed arguments depend on other arguments' values.
enum Dynamic: Sendable, Equatable {
    case open, openat, fcntl, ioctl, prctl, futex, clone, mremap, archPrctl, mknod, mknodat
    case setsockopt, getsockopt
    case fsnet(FSNetCall)           // SyscallDecoder+FS.swift
    case proc(ProcDynamic)          // ArgType+Process.swift
    case dbg(DbgCall)               // StructFormat+Ptrace.swift
    case bpf                        // StructFormat+BPF.swift
}

enum Signature: Sendable {
    case fixed(Plan)
    case dynamic(Dynamic)
}
