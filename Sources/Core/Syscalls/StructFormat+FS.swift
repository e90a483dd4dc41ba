// Arguments of the file-system, key, security and network calls that need more than a
// scalar or a table (strace 6.1's keyctl.c, fanotify.c, landlock.c, io_uring.c, quota.c;
// socket options, control messages and classic BPF programs in StructFormat+SockOpt.swift;
// stat, statx and directory entries shown whole with -v in StructFormat+Stat.swift).
// Each kind says what it reads (CapturePlanner.addFSNet) so that trace --bpf shows the same text.

/// How one argument of these calls is shown (`Arg.fsnet`).
enum FSNetArg: Sendable {
    /// A key serial number: `KEY_SPEC_THREAD_KEYRING`, else decimal (strace printxval_d).
    case keySerial
    /// fanotify_init's flags: the class (`FAN_CLASS_NOTIF`), then the other flags.
    case fanInitFlags
    /// i386 fanotify_mark's 64-bit mask, its high half in argument `hi`.
    case fanMaskSplit(hi: Int)
    /// fanotify_mark's dirfd: `FAN_NOFD`, `AT_FDCWD` or a descriptor.
    case fanDirfd
    /// landlock_create_ruleset's `struct landlock_ruleset_attr`, its size in argument `size`.
    case landlockRulesetAttr(size: Int)
    /// landlock_add_rule's `struct landlock_path_beneath_attr`.
    case landlockPathBeneath
    /// A device number passed as an unsigned int (mknod): `makedev(0x1, 0x7)`.
    case dev32
    /// A NUL-terminated string of at most `max` bytes (strace printstr_ex with a length):
    /// memfd_create's name reads no further than the kernel would.
    case strMax(Int)
    /// One value of a table in a whole kernel long (strace printxval64): ptrace's request.
    case xvalLong(Xlat)
    /// A descriptor of the process that the pidfd in argument `pidfd` refers to, resolved
    /// there with -y (pidfd_getfd's targetfd).
    case pidfdTargetFD(pidfd: Int)
    /// An unsigned int in hex (strace PRINT_VAL_X): `0`, `0xbadc0ded`.
    case uintHex
    /// A quotactl command: `QCMD(Q_GETFMT, USRQUOTA)`.
    case qcmd
    /// Q_GETFMT's result: `[QFMT_VFS_V1]`.
    case quotaFormat
    /// The other quota commands' data (StructFormat+Quota.swift).
    case quota(QuotaData)
    /// (out) sendmmsg's (`send`) or recvmmsg's `struct mmsghdr` array (StructFormat+Mmsg.swift).
    case mmsgvec(send: Bool)
    /// (out) recvmsg's msghdr, against the name length passed.
    case recvMsghdr
    /// A timespec shown at exit as it was at entry (recvmmsg's timeout).
    case entryTimespec(time32: Bool)
    /// io_uring_register's argument of one operation (StructFormat+IOUring.swift).
    case uring(UringArg)
    /// io_uring_setup's `struct io_uring_params`: the fields the caller set, and after a
    /// successful call the ones the kernel filled.
    case uringParams
    /// An extended attribute's value (strace print_xattr_val): its size in argument `size`,
    /// or (nil) the result; the address when larger than XATTR_SIZE_MAX.
    case xattrValue(size: Int?)
    /// listxattr's list (at exit): the result's count of bytes.
    case xattrList(size: Int)
    /// openat2's `struct open_how`, its size in argument `size`.
    case openHow(size: Int)
    /// mount's flags: `MS_MGC_VAL|MS_RDONLY`, 64 bits.
    case mountFlags
    /// mount_setattr's `struct mount_attr`, its size in argument `size`.
    case mountAttr(size: Int)
    /// seccomp's `struct sock_fprog`: `{len=7, filter=0x...}`.
    case sockFprog
    /// SECCOMP_GET_ACTION_AVAIL's action: `[SECCOMP_RET_KILL_THREAD]`.
    case seccompAction
    /// SECCOMP_GET_NOTIF_SIZES's `struct seccomp_notif_sizes` (at exit).
    case seccompNotifSizes
    /// futex_waitv's array of `struct futex_waitv`, its count in argument `count`.
    case futexWaiters(count: Int)
    /// io_uring_register's buffers: `[{iov_base=0x..., iov_len=16}]`, their count in argument `count`.
    case uringBuffers(count: Int)
    /// An array of descriptors, their count in argument `count`: `[3</dev/full>, -1]`.
    case fdArray(count: Int)
    /// The socket option level (`SOL_SOCKET`).
    case sockLevel
    /// The option name of the level in argument 1; getsockopt's and setsockopt's own
    /// names differ (`SO_GET_FILTER`, `SO_ATTACH_FILTER`).
    case sockOptName(get: Bool)
    /// setsockopt's value, its length in argument 4.
    case setSockOptVal
    /// getsockopt's value (at exit), its length pointer in argument 4.
    case getSockOptVal
    /// getsockopt's length: `[16]` or `[16 => 4]` (signed, as strace prints it).
    case getSockOptLen
}

/// Calls of this family whose printed arguments depend on other arguments' values.
enum FSNetCall: Sendable {
    case landlockCreateRuleset, landlockAddRule, quotactl, quotactlFd, mount, epollCtl, seccomp, uringRegister, fsconfig
}

extension SyscallDecoder {
    static func fsnet(_ call: FSNetCall, abi: SyscallABI, _ a: SyscallArgs) -> Plan {
        switch call {
        case .fsconfig:
            // strace's fsconfig.c: the key a string for the SET_* commands; the value a
            // string, a path or hex bytes by command; aux a dirfd, an fd or a number.
            let cmd = a[1] & 0xffff_ffff
            let key: Arg = cmd <= 5 ? .proc(.cStringMax(256)) : .ptr
            let value: Arg
            switch cmd {
            case 1: value = .proc(.cStringMax(256))                               // SET_STRING
            case 3, 4: value = .path                                              // SET_PATH(_EMPTY)
            case 2 where Int32(truncatingIfNeeded: a[4]) >= 0 && Int32(truncatingIfNeeded: a[4]) <= 1 << 20:
                value = .proc(.hexBytes(len: 4))                                  // SET_BINARY
            default: value = .ptr
            }
            let aux: Arg = cmd == 3 || cmd == 4 ? .dirfd : cmd == 5 ? .fd : .int
            return Plan([.fd, .xval(X.fsconfigCmds), key, value, aux])
        case .landlockCreateRuleset:
            // The version query returns a number, a ruleset a descriptor.
            return Plan([.fsnet(.landlockRulesetAttr(size: 1)), .ulong, .flags(X.landlockCreateFlags)],
                        a[2] & 1 != 0 ? .dec : .fd)
        case .landlockAddRule:
            let attr: Arg = a[1] & 0xffff_ffff == 1 ? .fsnet(.landlockPathBeneath) : .ptr
            return Plan([.fd, .xval(X.landlockRuleTypes), attr, .fsnet(.uintHex)])
        case .quotactl: return quotaPlan(fd: false, a)
        case .quotactlFd: return quotaPlan(fd: true, a)
        case .uringRegister: return uringRegisterPlan(a)
        case .epollCtl:
            // EPOLL_CTL_DEL takes no event: its address only.
            return Plan([.fd, .xval(X.epollCtlOps), .fd, a[1] & 0xffff_ffff == 2 ? .ptr : .epollEvent])
        case .seccomp:
            let op: Arg = .xval(X.seccompOps)
            switch a[0] & 0xffff_ffff {
            case 1: return Plan([op, .flags(X.seccompFilterFlags), .fsnet(.sockFprog)])
            case 2: return Plan([op, .fsnet(.uintHex), .fsnet(.seccompAction)])
            case 3: return Plan([op, .fsnet(.uintHex), .out(.fsnet(.seccompNotifSizes))])
            default: return Plan([op, .fsnet(.uintHex), .ptr])
            }
        case .mount:
            // A remount keeps the file system's type; binds, moves and propagation changes
            // take neither type nor data: their addresses only (strace's mount).
            var flags = a[3]
            if flags & 0xffff_0000 == 0xC0ED_0000 { flags &= ~0xffff_0000 }
            let remount = flags & 0x20 != 0
            let noData = !remount && flags & (0x1000 | 0x2000 | 0x10_0000 | 0x4_0000 | 0x8_0000 | 0x2_0000) != 0
            return Plan([.path, .path, remount || noData ? .ptr : .str, .fsnet(.mountFlags), noData ? .ptr : .str])
        }
    }

    /// strace's getsockopt: the value and the length are shown at exit.
    static let getsockoptPlan = Plan([.fd, .fsnet(.sockLevel), .fsnet(.sockOptName(get: true)),
                                      .out(.fsnet(.getSockOptVal)), .out(.fsnet(.getSockOptLen))])
    static let setsockoptPlan = Plan([.fd, .fsnet(.sockLevel), .fsnet(.sockOptName(get: false)),
                                      .fsnet(.setSockOptVal), .int])
}

extension CapturePlanner {
    /// A socket option's value is read up to this whatever -s is: the structures it is
    /// decoded as (group_req, 136 bytes) and the kernel's largest (group_source_req, 264).
    static let sockOptMax = 264

    static func fsnetShapes(_ call: FSNetCall, _ at: (Int, [UInt64], (Int, UInt64)?) -> [SyscallArgs]) -> [SyscallArgs] {
        switch call {
        case .landlockCreateRuleset: return at(2, [0, 1], nil)
        case .landlockAddRule: return at(1, [0, 1], nil)
        case .quotactl: return at(0, quotaCommands, nil)
        case .quotactlFd: return at(1, quotaCommands, nil)
        case .mount: return at(3, [0, 0x20, 0x1000], nil)
        case .epollCtl: return at(1, [1, 2], nil)
        case .uringRegister: return at(1, uringRegisterOps, nil)
        case .seccomp: return at(0, [0, 1, 2, 3], nil)
        case .fsconfig: return at(1, [0, 1, 2, 3, 5, 6], (4, 16))
        }
    }

    func addFSNet(_ kind: FSNetArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        func mem(_ n: Int) { plan.add(CaptureOp(.memory, a: i, max: n), exiting: exiting) }
        switch kind {
        case .fanDirfd: if options.resolveFDs { plan.add(CaptureOp(.fd, a: i), exiting: exiting) }
        case .landlockRulesetAttr: mem(8)
        case .landlockPathBeneath:
            mem(12)
            if options.resolveFDs { plan.add(descriptor(i, at: 8), exiting: exiting) }   // parent_fd
        case .quotaFormat, .seccompAction: mem(4)
        case .quota(let q): addQuota(q, i, exiting: exiting, to: &plan)
        case .mmsgvec(let send): addMmsgvec(i, send: send, to: &plan)
        case .recvMsghdr:
            plan.add(CaptureOp(.memory, a: i, max: 7 * word), exiting: false)
            plan.add(CaptureOp(.socket, a: 0), exiting: true)
            plan.add(CaptureOp(.msghdr, a: i, flags: CaptureOp.netlinkWhole, items: items, max: bytes), exiting: true)
        case .entryTimespec(let time32): plan.add(CaptureOp(.memory, a: i, max: time32 ? 8 : 16), exiting: false)
        case .uring(let u): addUring(u, i, exiting: exiting, to: &plan)
        case .strMax: plan.add(CaptureOp(.string, a: i, max: stringRead(limit)), exiting: exiting)
        case .sockFprog:
            mem(2 * word)
            // -v: the instructions too (strace prints them all, up to BPF_MAXINSNS).
            if !abbreviated && word == 8 { plan.add(filterInstructions(i), exiting: exiting) }
        case .seccompNotifSizes: plan.add(CaptureOp(.memory, a: i, max: 6), exiting: true)
        case .uringBuffers(let count):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: count, flags: CaptureOp.unsigned32, scale: 2 * word,
                               max: min(elements * 2 * word, CapturePlan.chunkLimit)), exiting: exiting)
        case .fdArray(let count):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: count, flags: CaptureOp.unsigned32, scale: 4,
                               max: min(elements * 4, CapturePlan.chunkLimit)), exiting: exiting)
        case .futexWaiters(let count):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: count, flags: CaptureOp.unsigned32, scale: 24,
                               max: min(min(elements, 128) * 24, CapturePlan.chunkLimit)), exiting: exiting)
        case .xattrValue(let size?):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: size, max: bytes + 1), exiting: exiting)
        case .xattrValue(nil), .xattrList:
            plan.add(CaptureOp(.memoryByResult, a: i, max: bytes + 1), exiting: true)
        case .mountAttr(let size), .openHow(let size):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: size, max: 4096), exiting: exiting)
            if case .mountAttr = kind, options.resolveFDs { plan.add(descriptor(i, at: 24), exiting: exiting) }   // userns_fd
        case .uringParams:
            plan.add(CaptureOp(.memory, a: i, max: 120), exiting: true)
            if options.resolveFDs { plan.add(descriptor(i, at: 24), exiting: true) }   // wq_fd
        case .setSockOptVal:
            // The option's structure whatever -s is; -v: arrays in full (a filter's
            // instructions), up to a read.
            plan.add(CaptureOp(.memoryByArgument, a: i, b: 4, max: abbreviated ? max(bytes, Self.sockOptMax) : CapturePlan.chunkLimit),
                     exiting: exiting)
            // -v: SO_ATTACH_FILTER's and SO_ATTACH_REUSEPORT_CBPF's instructions (the option
            // name is argument 2; other levels' options 26 and 51 read them too, harmlessly).
            if !abbreviated && word == 8 {
                plan.add(filterInstructions(i, when: CaptureCondition(index: 2, mask: 0xffff_ffff, base: 26, bits: 1 | 1 << 25)),
                         exiting: exiting)
            }
        case .getSockOptVal:
            plan.add(CaptureOp(.memoryByLengthPointer, a: i, b: 4, max: abbreviated ? max(bytes, Self.sockOptMax) : CapturePlan.chunkLimit),
                     exiting: true)
            // -v: SO_GET_FILTER's length counts instructions, not bytes: a read's worth
            // (one at the end of the tracee's memory is read up to there).
            if !abbreviated {
                plan.add(CaptureOp(.memory, a: i, max: CapturePlan.chunkLimit,
                                   when: CaptureCondition(index: 2, mask: 0xffff_ffff, base: 26, bits: 1)), exiting: true)
            }
        case .getSockOptLen:
            plan.add(CaptureOp(.memory, a: i, max: 4), exiting: false)
            plan.add(CaptureOp(.memory, a: i, max: 4), exiting: true)
        case .pidfdTargetFD(let pidfd):
            // pidfd_getfd's descriptor is the other process's: read in its table.
            if options.resolveFDs { plan.add(CaptureOp(.pidfdDescriptor, a: i, b: pidfd), exiting: exiting) }
        case .keySerial, .fanInitFlags, .fanMaskSplit, .dev32, .xvalLong, .uintHex, .qcmd, .mountFlags, .sockLevel, .sockOptName: break
        }
    }
}

extension ArgContext {
    /// What an in/out argument of this family shows at exit, read at entry.
    func fsnetSave(_ kind: FSNetArg, _ i: Int, into saved: inout [Int: UInt64]) {
        switch kind {
        case .getSockOptLen: if let b = read(args[i], 4) { saved[i] = b.u32(0) }
        case .mmsgvec(send: false): saveMmsgNamelens(i, into: &saved)
        case .recvMsghdr: if let b = read(args[i], msghdrSize) { saved[i] = b.u32(word) }
        case .entryTimespec(let time32): saveTimespec(i, time32: time32, into: &saved)
        case .uring(let u): saveUring(u, i, into: &saved)
        default: break
        }
    }

    mutating func fsnetValue(_ kind: FSNetArg, _ i: Int) -> SyscallValue {
        let v = args[i]
        switch kind {
        case .keySerial: return Self.decimalSymbol(X.keySpecs, Int64(Int32(truncatingIfNeeded: v)))
        case .fanInitFlags:
            let flags = v & 0xffff_ffff
            var out = ByteBuffer(capacity: 32)
            X.fanClasses.writeValue(flags & 0xc, to: &out)
            if flags & ~0xc != 0 {
                out.append(byte: UInt8(ascii: "|"))
                X.fanInitFlags.writeFlags(flags & ~0xc, to: &out)
            }
            return .flagSet(flags, text: out.string)
        case .fanMaskSplit(let hi): return X.fanEventFlags.flagsValue((v & 0xffff_ffff) | args[hi] << 32)
        case .fanDirfd:
            if sint(v) == -1 {
                return .symbol(-1, name: "FAN_NOFD", text: DecodeStyle.constant("FAN_NOFD", number: "-1"))
            }
            return dirfdValue(v)
        case .landlockRulesetAttr(let size):
            let n = args[size]
            guard n >= 8, v != 0 else { return .pointer(v) }
            guard let b = read(v, 8) else { return .pointer(v) }
            return .structure([F("handled_access_fs", X.landlockAccessFS.flagsValue(b.u64(0)))], more: n > 8)
        case .landlockPathBeneath:
            guard v != 0, let b = read(v, 12) else { return .pointer(v) }
            return .structure([F("allowed_access", X.landlockAccessFS.flagsValue(b.u64(0))),
                               F("parent_fd", fdValue(b.i32(8)))])
        case .dev32: return dev(v & 0xffff_ffff)
        case .pidfdTargetFD(let pidfd):
            guard options.resolveFDs, let other = fds?.resolver(forPidfd: sint(args[pidfd])) else { return .int(sint(v)) }
            let there = ArgContext(options: options, abi: abi, args: args, memory: memory, fds: other)
            return there.fdValue(sint(v))
        case .xvalLong(let table): return table.symbolValue(abi == .i386 ? v & 0xffff_ffff : v)
        case .strMax(let most):
            if v == 0 { return .pointer(0) }
            let size = min(limit + 1, most)
            let shown = min(size, limit)
            var value = SyscallValue.pointer(v)
            _ = memory.withCString(at: v, limit: size) { bytes, terminated in
                value = terminated && bytes.count <= shown ? .string(Array(bytes), truncated: false)
                                                           : .string(Array(bytes.prefix(shown)), truncated: true)
            }
            return value
        case .uintHex:
            let u = v & 0xffff_ffff
            return .uint(u, text: Fmt.hex(u))
        case .qcmd: return Self.qcmd(UInt32(truncatingIfNeeded: v))
        case .quotaFormat:
            if isError { return .pointer(v) }
            guard v != 0, let b = read(v, 4) else { return .pointer(v) }
            return .pointee(X.quotaFormats.symbolValue(b.u32(0)))
        case .quota(let q): return quotaValue(q, i)
        case .mmsgvec(let send): return mmsgvec(i, send: send)
        case .recvMsghdr: return recvMsghdr(i)
        case .entryTimespec: return entryTimespec(i)
        case .uring(let u): return uringValue(u, i)
        case .uringParams: return uringParams(v)
        case .xattrValue(let sizeIndex):
            let size = sizeIndex.map { args[$0] } ?? UInt64(bitPattern: ret)
            if v == 0 { return .pointer(0) }
            if size > 65536 { return .pointer(v) }
            let n = min(Int(size), limit)
            guard let b = read(v, n) else { return .pointer(v) }
            // QUOTE_OMIT_TRAILING_0: a NUL ending what is shown is not shown.
            let shown = b.count > 0 && b.b[b.count - 1] == 0 ? Array(b.b.dropLast()) : b.b
            return .string(shown, truncated: Int(size) > limit)
        case .xattrList(let size):
            if args[size] == 0 || isError { return .pointer(v) }
            return buffer(v, retCount)
        case .mountFlags: return Self.mountFlags(v)
        case .sockFprog: return bpfFprog(v, .seccomp)
        case .seccompAction:
            guard v != 0, let b = read(v, 4) else { return .pointer(v) }
            return .pointee(X.seccompRetActions.symbolValue(b.u32(0)))
        case .seccompNotifSizes:
            guard v != 0, !isError, let b = read(v, 6) else { return .pointer(v) }
            return .structure([F("seccomp_notif", .uint(b.u16(0))), F("seccomp_notif_resp", .uint(b.u16(2))),
                               F("seccomp_data", .uint(b.u16(4)))])
        case .uringBuffers(let count):
            let w = word
            return array(v, count: Int(args[count] & 0xffff_ffff), size: 2 * w) { b in
                .structure([F("iov_base", .pointer(b.word(0, w))), F("iov_len", .uint(b.word(w, w)))])
            }
        case .fdArray(let count):
            return array(v, count: Int(args[count] & 0xffff_ffff), size: 4) { fdValue($0.i32(0)) }
        case .futexWaiters(let count):
            return array(v, count: Int(args[count] & 0xffff_ffff), size: 24, most: 128) { b in
                var f = [F("val", .uint(b.u64(0), text: Fmt.hex(b.u64(0)))), F("uaddr", .pointer(b.u64(8))),
                         F("flags", X.futexWaiterFlags.flagsValue(b.u32(16)))]
                if b.u32(20) != 0 { f.append(F("__reserved", .uint(b.u32(20), text: Fmt.hex(b.u32(20))))) }
                return .structure(f)
            }
        case .mountAttr(let size): return mountAttr(v, size: args[size])
        case .openHow(let size): return openHow(v, size: args[size])
        case .sockLevel: return X.socketLayers.symbolValue(v & 0xffff_ffff)
        case .sockOptName(let get): return Self.sockOptName(level: args[1] & 0xffff_ffff, v & 0xffff_ffff, get: get)
        case .setSockOptVal:
            return setSockOpt(level: args[1] & 0xffff_ffff, name: args[2] & 0xffff_ffff, v, len: Int(sint(args[4])))
        case .getSockOptVal:
            guard let ulen = saved[4].map({ Int64(Int32(truncatingIfNeeded: $0)) }) else { return .pointer(v) }
            guard !isError, let r = read(args[4], 4) else { return .pointer(v) }
            return getSockOpt(level: args[1] & 0xffff_ffff, name: args[2] & 0xffff_ffff, v,
                              ulen: Int(ulen), rlen: Int(r.i32(0)))
        case .getSockOptLen:
            guard let before = saved[i].map({ Int64(Int32(truncatingIfNeeded: $0)) }) else { return .pointer(v) }
            guard !isError, let r = read(v, 4) else { return .pointee(.int(before)) }
            let after = r.i32(0)
            return .pointee(after == before ? .int(after) : .change(.int(before), .int(after)))
        }
    }

    /// An array of `count` elements of `size` bytes as strace's print_array: read one element
    /// at a time, cut at -s (and at `most`, a decoder's own limit) with `...`; the address
    /// when the first is unreadable, `... /* 0x... */` where a later one is.
    func array(_ addr: UInt64, count: Int, size: Int, most: Int = .max,
               _ element: (Bytes) -> SyscallValue) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        if count == 0 { return .array([]) }
        let shown = abbreviated ? min(count, limit) : count
        var items: [SyscallValue] = []
        var text = "["
        for k in 0..<count {
            if k > 0 { text += ", " }
            if k >= shown || k >= most {
                return .expr(text + "...]", json: .array(items, more: true))
            }
            let at = addr &+ UInt64(k * size)
            guard let b = read(at, size) else {
                if k == 0 { return .pointer(addr) }
                return .expr(text + "... /* " + Fmt.hex(at) + " */]", json: .array(items, more: true))
            }
            let item = element(b)
            items.append(item)
            text += item.text
        }
        return .expr(text + "]", json: .array(items))
    }

    /// strace's printxval_d with no default: the name, else the number in decimal.
    static func decimalSymbol(_ x: Xlat, _ v: Int64) -> SyscallValue {
        let name = x.name(UInt64(bitPattern: v))
        let text: String
        switch DecodeStyle.current.xlat {
        case .abbrev: text = name ?? String(v)
        case .raw: text = String(v)
        case .verbose: text = name.map { String(v) + " /* " + $0 + " */" } ?? String(v)
        }
        return .symbol(v, name: name, text: text)
    }

    /// `MS_MGC_VAL|MS_RDONLY`: the old magic number, then the flags (strace's mount).
    static func mountFlags(_ v: UInt64) -> SyscallValue {
        var flags = v
        var out = ByteBuffer(capacity: 32)
        let magic = flags & 0xffff_0000 == 0xC0ED_0000
        if magic {
            flags &= ~0xffff_0000
            DecodeStyle.constant("MS_MGC_VAL", number: "0xc0ed0000", to: &out)
            if flags != 0 { out.append(byte: UInt8(ascii: "|")) }
        }
        if flags != 0 || !magic { X.mountFlags.writeFlags(flags, to: &out) }
        return .flagSet(v, text: out.string)
    }

    /// mount_setattr's attributes; bytes past the structure that the caller set, as strace's
    /// print_nonzero_bytes.
    func mountAttr(_ addr: UInt64, size: UInt64) -> SyscallValue {
        guard addr != 0, size >= 32, let b = read(addr, 32) else { return .pointer(addr) }
        let set = b.u64(0), clr = b.u64(8), userns = b.u64(24)
        var f = [F("attr_set", X.mountAttrFlags.flagsValue(set)), F("attr_clr", X.mountAttrFlags.flagsValue(clr)),
                 F("propagation", X.mountPropagation.symbolValue(b.u64(16)))]
        if userns > UInt64(Int32.max) || (set | clr) & 0x10_0000 == 0 {
            f.append(F("userns_fd", .uint(userns)))
        } else {
            f.append(F("userns_fd", fdValue(Int64(userns))))
        }
        if let extra = nonzeroBytes(addr, from: 32, size: size) { f.append(extra) }
        return .structure(f)
    }

    /// The bytes a caller passed beyond the structure the kernel knows (`from`), up to
    /// `size` (at most a page), when any is not zero: `/* bytes 32..39 */ "\x80..."`, or
    /// `???` when unreadable (strace's print_nonzero_bytes).
    func nonzeroBytes(_ addr: UInt64, from start: Int, size: UInt64) -> ParamField? {
        guard size > UInt64(start) else { return nil }
        let end = Int(min(size, 4096))
        guard let rest = read(addr + UInt64(start), end - start) else {
            return ParamField(bare: "bytes", .expr("???", json: nil))
        }
        guard rest.b.contains(where: { $0 != 0 }) else { return nil }
        let n = min(rest.count, limit)
        let text = "/* bytes \(start)..\(end - 1) */ "
            + StringQuoting.quoted(rest.slice(0, n), truncated: n < rest.count, hex: true)
        return ParamField(bare: "bytes", .expr(text, json: .string(rest.b, truncated: false, hex: true)))
    }

    /// openat2's `struct open_how`, its size in argument `size` (strace print_open_how).
    func openHow(_ addr: UInt64, size: UInt64) -> SyscallValue {
        guard addr != 0, size >= 24, let b = read(addr, 24) else { return .pointer(addr) }
        let flags = b.u64(0)
        // tprint_open_modes64: `-X raw` the number, `-X verbose` the number and the names.
        var f = [F("flags", .flagSet(flags, text: styled(Fmt.hex(flags)) { openFlags(flags) }))]
        if flags & 0x400040 != 0 || b.u64(8) != 0 { f.append(F("mode", .uint(b.u64(8), text: Fmt.mode(b.u64(8))))) }
        f.append(F("resolve", X.resolveFlags.flagsValue(b.u64(16))))
        if let extra = nonzeroBytes(addr, from: 24, size: size) { f.append(extra) }
        return .structure(f)
    }

    func uringParams(_ addr: UInt64) -> SyscallValue {
        guard addr != 0, let b = read(addr, 120) else { return .pointer(addr) }
        let flags = b.u32(8)
        var f = [F("flags", X.uringSetupFlags.flagsValue(flags)),
                 F("sq_thread_cpu", .uint(b.u32(12), text: Fmt.hex(b.u32(12)))),
                 F("sq_thread_idle", .uint(b.u32(16)))]
        if flags & 0x20 != 0 { f.append(F("wq_fd", fdValue(b.i32(24)))) }
        let resv = (0..<3).map { b.u32(28 + 4 * $0) }
        if resv.contains(where: { $0 != 0 }) {
            f.append(F("resv", .array(resv.map { .uint($0, text: Fmt.hex($0)) })))
        }
        guard exiting, !isError else { return .structure(f) }
        f.append(F("sq_entries", .uint(b.u32(0))))
        f.append(F("cq_entries", .uint(b.u32(4))))
        f.append(F("features", X.uringFeatures.flagsValue(b.u32(20))))
        func ring(_ o: Int, _ names: [String]) -> SyscallValue {
            var r = names.enumerated().map { F($0.element, .uint(b.u32(o + 4 * $0.offset))) }
            let resv1 = b.u32(o + 28), resv2 = b.u64(o + 32)
            if resv1 != 0 { r.append(F("resv1", .uint(resv1, text: Fmt.hex(resv1)))) }
            if resv2 != 0 { r.append(F("resv2", .uint(resv2, text: Fmt.hex(resv2)))) }
            return .structure(r)
        }
        f.append(F("sq_off", ring(40, ["head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array"])))
        f.append(F("cq_off", ring(80, ["head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags"])))
        return .structure(f)
    }
}



/// Bytes already read, served as tracee memory at `base` (a structure's member decoded by
/// a decoder that reads memory).
struct FixedMemory: TraceeMemory {
    let base: UInt64
    let bytes: [UInt8]

    func read(at address: UInt64, count: Int) -> [UInt8]? {
        guard address >= base, count >= 0, address - base + UInt64(count) <= UInt64(bytes.count) else { return nil }
        let o = Int(address - base)
        return Array(bytes[o..<(o + count)])
    }

    func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
        guard address >= base, address - base < UInt64(bytes.count) else { return nil }
        let rest = bytes[Int(address - base)...].prefix(limit)
        if let nul = rest.firstIndex(of: 0) { return (Array(rest[..<nul]), true) }
        return (Array(rest), false)
    }
}
