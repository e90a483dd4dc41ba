// The catalog: for each syscall name its argument count and classes (from SyscallTables,
// every name of both ABIs) and, for the common ones, a typed signature (below).

struct CatalogEntry: Sendable {
    let number: Int
    let count: Int
    let classes: SyscallClasses
}

enum SyscallCatalog {
    static let x86_64: [String: CatalogEntry] = parse(SyscallTables.x86_64)
    static let i386: [String: CatalogEntry] = parse(SyscallTables.i386)
    static let x86_64Names: [String?] = names(x86_64)
    static let i386Names: [String?] = names(i386)

    static func entry(_ name: String, abi: SyscallABI) -> CatalogEntry? {
        abi == .i386 ? (i386[name] ?? x86_64[name]) : (x86_64[name] ?? i386[name])
    }

    /// The names of a syscall's parameters, by raw argument index. (Placeholder until the
    /// spec table holds the man pages' names: `arg0`, `arg1`, ...)
    static func parameterNames(_ name: String, abi: SyscallABI) -> [String] {
        (0..<(entry(name, abi: abi)?.count ?? 6)).map { "arg\($0)" }
    }

    static func classes(_ name: String) -> SyscallClasses {
        (x86_64[name] ?? i386[name])?.classes ?? []
    }

    /// Reads "number name count classes;" entries. Every run of nstrace that traces reads
    /// both tables, so this walks the bytes once instead of splitting Substrings (it was
    /// about a tenth of a short trace's start-up).
    private static func parse(_ text: String) -> [String: CatalogEntry] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [String: CatalogEntry] = [:]
            out.reserveCapacity(512)
            var fields: [Range<Int>] = []
            fields.reserveCapacity(4)
            var start = -1
            func entry() {
                defer { fields.removeAll(keepingCapacity: true) }
                guard fields.count == 4, let nr = number(fields[0]), let n = number(fields[2]) else { return }
                var c: SyscallClasses = []
                for i in fields[3] {
                    switch bytes[i] {
                    case UInt8(ascii: "f"): c.insert(.file)
                    case UInt8(ascii: "p"): c.insert(.process)
                    case UInt8(ascii: "n"): c.insert(.network)
                    case UInt8(ascii: "s"): c.insert(.signal)
                    case UInt8(ascii: "i"): c.insert(.ipc)
                    case UInt8(ascii: "m"): c.insert(.memory)
                    case UInt8(ascii: "d"): c.insert(.desc)
                    case UInt8(ascii: "c"): c.insert(.creds)
                    case UInt8(ascii: "x"): c.insert(.namespace)
                    default: break
                    }
                }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[1]]), as: UTF8.self)
                if out[name] == nil { out[name] = CatalogEntry(number: nr, count: n, classes: c) }
            }
            func number(_ r: Range<Int>) -> Int? {
                var v = 0
                for i in r {
                    let d = Int(bytes[i]) - 48
                    guard d >= 0 && d <= 9 else { return nil }
                    v = v * 10 + d
                }
                return r.isEmpty ? nil : v
            }
            for i in 0..<bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == UInt8(ascii: ";") {
                    if start >= 0 { fields.append(start..<i); start = -1 }
                    if b == UInt8(ascii: ";") { entry() }
                } else if start < 0 {
                    start = i
                }
            }
            if start >= 0 { fields.append(start..<bytes.count) }
            entry()
            return out
        }
    }

    private static func names(_ table: [String: CatalogEntry]) -> [String?] {
        var a = [String?](repeating: nil, count: (table.values.map(\.number).max() ?? 0) + 1)
        for (n, e) in table { a[e.number] = n }
        return a
    }
}

// MARK: - Typed signatures

private func f(_ args: Arg..., ret: Ret = .dec) -> Signature { .fixed(Plan(args, ret)) }
/// Slots by explicit raw index (for calls that skip arguments).
private func s(_ slots: (Int, Arg)..., ret: Ret = .dec) -> Signature {
    .fixed(Plan(slots: slots.map { Slot(index: $0.0, arg: $0.1) }, ret: ret))
}

extension SyscallCatalog {
    static let signatures: [String: Signature] = [
        // File I/O
        "read": f(.fd, .out(.bufRet), .ulong),
        "write": f(.fd, .bufIn(2), .ulong),
        "pread64": f(.fd, .out(.bufRet), .ulong, .long),
        "pwrite64": f(.fd, .bufIn(2), .ulong, .long),
        "readv": f(.fd, .out(.iov(2)), .int),
        "writev": f(.fd, .iov(2), .int),
        "preadv": f(.fd, .out(.iov(2)), .int, .long),
        "pwritev": f(.fd, .iov(2), .int, .long),
        "preadv2": s((0, .fd), (1, .out(.iov(2))), (2, .int), (3, .long), (5, .flags(X.rwfFlags))),
        "pwritev2": s((0, .fd), (1, .iov(2)), (2, .int), (3, .long), (5, .flags(X.rwfFlags))),
        "open": .dynamic(.open),
        "openat": .dynamic(.openat),
        "creat": f(.path, .mode, ret: .fd),
        "openat2": f(.dirfd, .path, .openHow, .ulong, ret: .fd),
        "close": f(.fd),
        "close_range": f(.uint, .uint, .flags(X.closeRangeFlags)),
        "lseek": f(.fd, .long, .xval(X.seekWhence)),
        "dup": f(.fd, ret: .fd),
        "dup2": f(.fd, .fd, ret: .fd),
        "dup3": f(.fd, .fd, .flags(X.openFlags), ret: .fd),
        "pipe": f(.out(.fdPair)),
        "pipe2": f(.out(.fdPair), .flags(X.openFlags)),
        "fcntl": .dynamic(.fcntl),
        "ioctl": .dynamic(.ioctl),
        "stat": f(.path, .out(.stat)),
        "lstat": f(.path, .out(.stat)),
        "fstat": f(.fd, .out(.stat)),
        "newfstatat": f(.dirfd, .path, .out(.stat), .flags(X.atFlags)),
        "statx": f(.dirfd, .path, .statxFlags, .flags(X.statxMask), .out(.statx)),
        "access": f(.path, .flags(X.accessModes)),
        "faccessat": f(.dirfd, .path, .flags(X.accessModes)),
        "faccessat2": f(.dirfd, .path, .flags(X.accessModes), .flags(X.faccessatFlags)),
        "readlink": f(.path, .out(.strRet), .ulong),
        "readlinkat": f(.dirfd, .path, .out(.strRet), .ulong),
        "getdents64": f(.fd, .out(.dirents(is64: true)), .uint),
        "getdents": f(.fd, .out(.dirents(is64: false)), .uint),
        "getcwd": f(.out(.cwdRet), .ulong),
        "chdir": f(.path),
        "fchdir": f(.fd),
        "chroot": f(.path),
        "mkdir": f(.path, .mode),
        "mkdirat": f(.dirfd, .path, .mode),
        "rmdir": f(.path),
        "unlink": f(.path),
        "unlinkat": f(.dirfd, .path, .flags(X.atFlags)),
        "rename": f(.path, .path),
        "renameat": f(.dirfd, .path, .dirfd, .path),
        "renameat2": f(.dirfd, .path, .dirfd, .path, .flags(X.renameFlags)),
        "symlink": f(.path, .path),
        "symlinkat": f(.path, .dirfd, .path),
        "link": f(.path, .path),
        "linkat": f(.dirfd, .path, .dirfd, .path, .flags(X.atFlagsLink)),
        "chmod": f(.path, .mode),
        "fchmod": f(.fd, .mode),
        "fchmodat": f(.dirfd, .path, .mode),
        "fchmodat2": f(.dirfd, .path, .mode, .flags(X.atFlags)),
        "chown": f(.path, .uid, .uid),
        "lchown": f(.path, .uid, .uid),
        "fchown": f(.fd, .uid, .uid),
        "fchownat": f(.dirfd, .path, .uid, .uid, .flags(X.atFlags)),
        "truncate": f(.path, .long),
        "ftruncate": f(.fd, .long),
        "umask": f(.mode, ret: .octal),
        "utimensat": f(.dirfd, .path, .utimes, .flags(X.atFlags)),
        "mknod": .dynamic(.mknod),
        "mknodat": .dynamic(.mknodat),
        "fsync": f(.fd),
        "fdatasync": f(.fd),
        "sync": f(),
        "syncfs": f(.fd),
        "flock": f(.fd, .flags(X.flockOps)),
        "fallocate": f(.fd, .flags(X.fallocFlags), .long, .long),
        "fadvise64": f(.fd, .long, .ulong, .xval(X.fadvise)),
        "readahead": f(.fd, .long, .ulong),
        "sendfile": f(.fd, .fd, .out(.int64InOut), .ulong),
        "copy_file_range": f(.fd, .int64Ptr, .fd, .int64Ptr, .ulong, .uint),
        "splice": f(.fd, .int64Ptr, .fd, .int64Ptr, .ulong, .flags(X.spliceFlags)),
        "tee": f(.fd, .fd, .ulong, .flags(X.spliceFlags)),
        "statfs": f(.path, .out(.statfs)),
        "fstatfs": f(.fd, .out(.statfs)),
        "getxattr": f(.path, .str, .out(.bufRet), .ulong),
        "lgetxattr": f(.path, .str, .out(.bufRet), .ulong),
        "fgetxattr": f(.fd, .str, .out(.bufRet), .ulong),
        "setxattr": f(.path, .str, .bufIn(3), .ulong, .flags(X.xattrFlags)),
        "lsetxattr": f(.path, .str, .bufIn(3), .ulong, .flags(X.xattrFlags)),
        "fsetxattr": f(.fd, .str, .bufIn(3), .ulong, .flags(X.xattrFlags)),
        "removexattr": f(.path, .str),
        "lremovexattr": f(.path, .str),
        "fremovexattr": f(.fd, .str),
        "memfd_create": f(.str, .flags(X.mfdFlags), ret: .fd),
        "inotify_init": f(ret: .fd),
        "inotify_init1": f(.flags(X.inotifyInitFlags), ret: .fd),
        "inotify_add_watch": f(.fd, .path, .flags(X.inotifyMask)),
        "inotify_rm_watch": f(.fd, .int),

        // Memory
        "mmap": f(.ptr, .ulong, .flags(X.prot), .mmapFlags, .fd, .hex, ret: .hex),
        "munmap": f(.ptr, .ulong),
        "mprotect": f(.ptr, .ulong, .flags(X.prot)),
        "pkey_mprotect": f(.ptr, .ulong, .flags(X.prot), .int),
        "brk": f(.ptr, ret: .hex),
        "mremap": .dynamic(.mremap),
        "madvise": f(.ptr, .ulong, .xval(X.madvise)),
        "mlock": f(.ptr, .ulong),
        "munlock": f(.ptr, .ulong),
        "mlock2": f(.ptr, .ulong, .flags(X.mlockFlags)),
        "mlockall": f(.flags(X.mlockallFlags)),
        "munlockall": f(),
        "msync": f(.ptr, .ulong, .flags(X.msyncFlags)),
        "mincore": f(.ptr, .ulong, .out(.mincoreVec(len: 1))),
        "shmat": f(.int, .ptr, .flags(X.shmatFlags), ret: .hex),
        "shmdt": f(.ptr),

        // Processes
        "clone": .dynamic(.clone),
        "clone3": f(.cloneArgs(size: 1), .ulong),
        "fork": f(),
        "vfork": f(),
        "execve": f(.path, .argv, .envp),
        "execveat": f(.dirfd, .path, .argv, .envp, .flags(X.atFlags)),
        "exit": f(.int),
        "exit_group": f(.int),
        "wait4": f(.int, .out(.waitStatus), .flags(X.waitOptions), .out(.rusage)),
        "waitid": f(.xval(X.idTypes), .int, .out(.siginfo), .flags(X.waitOptions), .out(.rusage)),
        "kill": f(.int, .signal),
        "tkill": f(.int, .signal),
        "tgkill": f(.int, .int, .signal),
        "rt_sigqueueinfo": f(.int, .signal, .siginfo),
        "rt_tgsigqueueinfo": f(.int, .int, .signal, .siginfo),
        "getpid": f(), "getppid": f(), "gettid": f(), "getpgrp": f(), "setsid": f(),
        "setpgid": f(.int, .int),
        "getpgid": f(.int),
        "getsid": f(.int),
        "prctl": .dynamic(.prctl),
        "arch_prctl": .dynamic(.archPrctl),
        "set_tid_address": f(.ptr),
        "set_robust_list": f(.ptr, .ulong),
        "get_robust_list": f(.int, .out(.hexPtr), .out(.int64Ptr)),
        "rseq": f(.ptr, .hex, .hex, .hex),
        "prlimit64": f(.int, .rlimResource, .rlimit, .out(.rlimit)),
        "getrlimit": f(.rlimResource, .out(.rlimit)),
        "setrlimit": f(.rlimResource, .rlimit),
        "getrusage": f(.xvalInt(X.rusageWho), .out(.rusage)),
        "sched_getaffinity": f(.int, .uint, .out(.cpuset)),
        "sched_setaffinity": f(.int, .uint, .cpusetIn(size: 1)),
        "sched_yield": f(),
        "sched_getscheduler": f(.int, ret: .xvalNote(X.schedPolicies)),
        "sched_get_priority_max": f(.xval(X.schedPolicies)),
        "sched_get_priority_min": f(.xval(X.schedPolicies)),
        "futex": .dynamic(.futex),
        "nanosleep": f(.timespec, .out(.remTimespec)),
        "clock_nanosleep": f(.clockid, .flags(X.timerFlags), .timespec, .out(.remTimespec)),
        "clock_gettime": f(.clockid, .out(.timespec)),
        "clock_getres": f(.clockid, .out(.timespec)),
        "clock_settime": f(.clockid, .timespec),
        "gettimeofday": f(.out(.timeval), .out(.timezone)),
        "settimeofday": f(.timeval, .timezone),
        "time": f(.out(.int64Ptr)),
        "getitimer": f(.xval(X.itimerWhich), .out(.itimerval)),
        "setitimer": f(.xval(X.itimerWhich), .itimerval, .out(.itimerval)),
        "alarm": f(.uint),
        "pause": f(),
        "timerfd_create": f(.clockid, .flags(X.tfdFlags), ret: .fd),
        "timerfd_settime": f(.fd, .flags(X.tfdFlags), .itimerspec, .out(.itimerspec)),
        "timerfd_gettime": f(.fd, .out(.itimerspec)),
        "getrandom": f(.out(.bufRetHex), .ulong, .flags(X.grndFlags)),
        "uname": f(.out(.utsname)),
        "sysinfo": f(.out(.sysinfo)),
        "times": f(.out(.tms)),
        "getpriority": f(.xval(X.prioWhich), .int),
        "setpriority": f(.xval(X.prioWhich), .int, .int),
        "personality": f(.personality, ret: .personality),
        "pidfd_open": f(.int, .flags(X.pidfdFlags), ret: .fd),
        "pidfd_send_signal": f(.fd, .signal, .siginfo, .uint),
        "pidfd_getfd": f(.fd, .fd, .uint, ret: .fd),
        "ptrace": f(.xval(X.ptraceRequests), .int, .ptr, .ptr),
        "seccomp": f(.xval(X.seccompOps), .flags(X.seccompFilterFlags), .ptr),
        "getcpu": f(.out(.uintPtr), .out(.uintPtr), .ptr),

        // Signals
        "rt_sigaction": f(.signal, .sigaction, .out(.sigaction), .ulong),
        "rt_sigprocmask": f(.xval(X.sigprocmaskHow), .sigset(size: 3), .out(.sigset(size: 3)), .ulong),
        "rt_sigreturn": f(),
        "rt_sigpending": f(.out(.sigset(size: 1)), .ulong),
        "rt_sigsuspend": f(.sigset(size: 1), .ulong),
        "rt_sigtimedwait": f(.sigset(size: 3), .out(.siginfo), .timespec, .ulong),
        "sigaltstack": f(.stackT, .out(.stackT)),
        "signalfd": f(.fd, .sigset(size: 2), .ulong, ret: .fd),
        "signalfd4": f(.fd, .sigset(size: 2), .ulong, .flags(X.sfdFlags), ret: .fd),

        // Credentials
        "getuid": f(ret: .udec), "geteuid": f(ret: .udec), "getgid": f(ret: .udec), "getegid": f(ret: .udec),
        "setuid": f(.uid), "setgid": f(.uid), "setfsuid": f(.uid), "setfsgid": f(.uid),
        "setreuid": f(.uid, .uid), "setregid": f(.uid, .uid),
        "setresuid": f(.uid, .uid, .uid), "setresgid": f(.uid, .uid, .uid),
        "getresuid": f(.out(.uidPtr), .out(.uidPtr), .out(.uidPtr)),
        "getresgid": f(.out(.uidPtr), .out(.uidPtr), .out(.uidPtr)),
        "getgroups": f(.int, .out(.gidList(-1))),
        "setgroups": f(.int, .gidList(0)),
        "capget": f(.capHeader, .out(.ptr)),
        "capset": f(.capHeader, .ptr),

        // Network
        "socket": f(.xval(X.addressFamilies), .sockType, .sockProto(family: 0), ret: .fd),
        "socketpair": f(.xval(X.addressFamilies), .sockType, .sockProto(family: 0), .out(.fdPair)),
        "connect": f(.fd, .sockaddr(len: 2), .int),
        "bind": f(.fd, .sockaddr(len: 2), .int),
        "listen": f(.fd, .int),
        "accept": f(.fd, .out(.sockaddrOut(lenPtr: 2)), .out(.socklenInOut), ret: .fd),
        "accept4": f(.fd, .out(.sockaddrOut(lenPtr: 2)), .out(.socklenInOut), .flags(X.sockTypeFlags), ret: .fd),
        "getsockname": f(.fd, .out(.sockaddrOut(lenPtr: 2)), .out(.socklenInOut)),
        "getpeername": f(.fd, .out(.sockaddrOut(lenPtr: 2)), .out(.socklenInOut)),
        "shutdown": f(.fd, .xval(X.shutdownHow)),
        "sendto": f(.fd, .bufIn(2), .ulong, .flags(X.msgFlags), .sockaddr(len: 5), .int),
        "recvfrom": f(.fd, .out(.bufRet), .ulong, .flags(X.msgFlags), .out(.sockaddrOut(lenPtr: 5)),
                      .out(.socklenInOut)),
        "sendmsg": f(.fd, .msghdr, .flags(X.msgFlags)),
        "recvmsg": f(.fd, .out(.msghdrOut), .flags(X.msgFlags)),
        "setsockopt": .dynamic(.setsockopt),
        "getsockopt": .dynamic(.getsockopt),

        // Waiting on descriptors
        "poll": f(.pollfds(count: 1), .uint, .int, ret: .poll(fds: 0, count: 1, timeout: nil)),
        "ppoll": f(.pollfds(count: 1), .uint, .timespec, .sigset(size: 4), .ulong,
                   ret: .poll(fds: 0, count: 1, timeout: 2)),
        "select": f(.int, .fdset(nfds: 0), .fdset(nfds: 0), .fdset(nfds: 0), .timeval,
                    ret: .select(nfds: 0, timeout: 4, usec: true)),
        "pselect6": f(.int, .fdset(nfds: 0), .fdset(nfds: 0), .fdset(nfds: 0), .timespec, .pselectSigmask,
                      ret: .select(nfds: 0, timeout: 4, usec: false)),
        "epoll_create": f(.int, ret: .fd),
        "epoll_create1": f(.flags(X.epollCreateFlags), ret: .fd),
        "epoll_ctl": f(.fd, .xval(X.epollCtlOps), .fd, .epollEvent),
        "epoll_wait": f(.fd, .out(.epollEvents), .int, .int),
        "epoll_pwait": f(.fd, .out(.epollEvents), .int, .int, .sigset(size: 5), .ulong),
        "epoll_pwait2": f(.fd, .out(.epollEvents), .int, .timespec, .sigset(size: 5), .ulong),
        "eventfd": f(.uint, ret: .fd),
        "eventfd2": f(.uint, .flags(X.efdFlags), ret: .fd),

        // Namespaces and mounts
        "unshare": f(.flags(X.unshareFlags)),
        "setns": f(.fd, .flags(X.setnsTypes)),
        "mount": f(.path, .path, .str, .mountFlags, .str),
        "umount2": f(.path, .flags(X.umountFlags)),
        "pivot_root": f(.path, .path),
        "sethostname": f(.strLen(1), .ulong),
        "setdomainname": f(.strLen(1), .ulong),
        "open_tree": f(.dirfd, .path, .flags(X.openTreeFlags), ret: .fd),
        "move_mount": f(.dirfd, .path, .dirfd, .path, .flags(X.moveMountFlags)),
        "fsopen": f(.str, .flags(X.fsopenFlags), ret: .fd),
        "fsconfig": f(.fd, .xval(X.fsconfigCmds), .str, .str, .int),
        "fsmount": f(.fd, .flags(X.fsmountFlags), .flags(X.mountAttrFlags), ret: .fd),
        "fspick": f(.dirfd, .path, .flags(X.fspickFlags), ret: .fd),
        "mount_setattr": f(.dirfd, .path, .flags(X.mountSetattrFlags), .mountAttr(size: 4), .ulong),
    ]

    /// i386 names that share an x86_64 signature, and i386-only calls with a typed form.
    static let i386Signatures: [String: Signature] = {
        var m: [String: Signature] = [:]
        for (name, sig) in signatures where i386Safe(sig) { m[name] = sig }
        let aliases = ["getuid32": "getuid", "geteuid32": "geteuid", "getgid32": "getgid",
                       "getegid32": "getegid", "setuid32": "setuid", "setgid32": "setgid",
                       "setreuid32": "setreuid", "setregid32": "setregid", "setresuid32": "setresuid",
                       "setresgid32": "setresgid", "setfsuid32": "setfsuid", "setfsgid32": "setfsgid",
                       "chown32": "chown", "lchown32": "lchown", "fchown32": "fchown",
                       "getgroups32": "getgroups", "setgroups32": "setgroups", "fcntl64": "fcntl"]
        // Different on i386: old_mmap takes a struct, 64-bit offsets split in two, 16-bit ids.
        for n in ["mmap", "fadvise64", "readahead", "fallocate", "getgroups", "setgroups", "chown", "lchown",
                  "fchown", "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "getresuid",
                  "getresgid", "setfsuid", "setfsgid"] { m[n] = nil }
        for (a, b) in aliases { m[a] = signatures[b] }
        m["mmap2"] = f(.ptr, .ulong, .flags(X.prot), .mmapFlags, .fd, .pgoff, ret: .hex)
        m["stat64"] = f(.path, .out(.ptr))
        m["lstat64"] = f(.path, .out(.ptr))
        m["fstat64"] = f(.fd, .out(.ptr))
        m["fstatat64"] = f(.dirfd, .path, .out(.ptr), .flags(X.atFlags))
        m["waitpid"] = f(.int, .out(.waitStatus), .flags(X.waitOptions))
        m["truncate64"] = s((0, .path), (1, .long64(hi: 2)))
        m["ftruncate64"] = s((0, .fd), (1, .long64(hi: 2)))
        m["pread64"] = s((0, .fd), (1, .out(.bufRet)), (2, .ulong), (3, .long64(hi: 4)))
        m["pwrite64"] = s((0, .fd), (1, .bufIn(2)), (2, .ulong), (3, .long64(hi: 4)))
        return m
    }()

    /// Signatures whose printing does not depend on the layout of a C struct with longs or
    /// pointers in it (those differ on i386 and stay generic there).
    private static func i386Safe(_ sig: Signature) -> Bool {
        guard case .fixed(let plan) = sig else {
            return true // the dynamic ones only use scalars and strings, or check the ABI
        }
        func ok(_ a: Arg) -> Bool {
            switch a {
            case .named(_, let b), .out(let b): return ok(b)
            case .iov, .stat, .statfs, .rlimit, .sysinfo, .tms, .rusage, .siginfo, .msghdr, .msghdrOut,
                 .sigaction, .stackT, .timespec, .timeval, .itimerval, .itimerspec, .utimes, .remTimespec,
                 .dirents, .mincoreVec, .fdset, .int64InOut, .hexPtr, .int64Ptr, .pselectSigmask:
                return false
            default: return true
            }
        }
        return plan.slots.allSatisfy { ok($0.arg) }
    }
}
