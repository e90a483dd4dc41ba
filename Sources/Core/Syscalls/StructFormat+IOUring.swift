// io_uring_register's argument as strace 6.1's io_uring.c prints it for each operation:
// buffers and descriptors, IORING_REGISTER_FILES_UPDATE's `struct io_uring_files_update`,
// the probe, restrictions, the resource registrations and updates (FILES2, BUFFERS2,
// FILES_UPDATE2, BUFFERS_UPDATE), the io-wq affinity and worker limits, ring descriptors
// and provided-buffer rings.

/// io_uring_register's argument for one operation (`FSNetArg.uring`).
enum UringArg: Sendable {
    case filesUpdate
    /// (out) `struct io_uring_probe`: shown at entry when the caller filled it, else at exit.
    case probe
    case restrictions
    /// `struct io_uring_rsrc_register`: FILES2 (`files`) or BUFFERS2.
    case rsrcRegister(files: Bool)
    /// `struct io_uring_rsrc_update2`: FILES_UPDATE2 (`files`) or BUFFERS_UPDATE.
    case rsrcUpdate(files: Bool)
    case iowqAff
    /// (out) the two worker limits: as passed, and ` => ` what the kernel wrote.
    case iowqMaxWorkers
    /// IORING_REGISTER_RING_FDS (`register`) or IORING_UNREGISTER_RING_FDS.
    case ringFDs(register: Bool)
    /// `struct io_uring_buf_reg` (IORING_REGISTER_PBUF_RING, IORING_UNREGISTER_PBUF_RING).
    case bufReg
}

extension SyscallDecoder {
    static func uringRegisterPlan(_ a: SyscallArgs) -> Plan {
        let arg: Arg
        switch a[1] & 0xffff_ffff {
        case 0: arg = .fsnet(.uringBuffers(count: 3))                 // IORING_REGISTER_BUFFERS
        case 2, 4, 7: arg = .fsnet(.fdArray(count: 3))                // FILES, EVENTFD, EVENTFD_ASYNC
        case 6: arg = .fsnet(.uring(.filesUpdate))
        case 8: arg = .out(.fsnet(.uring(.probe)))
        case 0xb: arg = .fsnet(.uring(.restrictions))
        case 0xd: arg = .fsnet(.uring(.rsrcRegister(files: true)))
        case 0xf: arg = .fsnet(.uring(.rsrcRegister(files: false)))
        case 0xe: arg = .fsnet(.uring(.rsrcUpdate(files: true)))
        case 0x10: arg = .fsnet(.uring(.rsrcUpdate(files: false)))
        case 0x11: arg = .fsnet(.uring(.iowqAff))
        case 0x13: arg = .out(.fsnet(.uring(.iowqMaxWorkers)))
        case 0x14: arg = .fsnet(.uring(.ringFDs(register: true)))
        case 0x15: arg = .fsnet(.uring(.ringFDs(register: false)))
        case 0x16, 0x17: arg = .fsnet(.uring(.bufReg))
        default: arg = .ptr
        }
        return Plan([.fd, .xval(X.uringRegisterOps), arg, .uint])
    }
}

extension CapturePlanner {
    static let uringRegisterOps: [UInt64] = [0, 2, 6, 8, 0xb, 0xd, 0xe, 0xf, 0x10, 0x11, 0x13, 0x14, 0x15, 0x16]

    func addUring(_ u: UringArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        let most = min(elements + 1, CapturePlan.maxItems)
        func byCount(_ size: Int) {
            plan.add(CaptureOp(.memoryByArgument, a: i, b: 3, flags: CaptureOp.unsigned32, scale: size,
                               max: min(most * size, CapturePlan.chunkLimit)), exiting: exiting)
        }
        /// The struct (32 bytes), then what its pointers at `offset` and `offset + 8` point at.
        func pointees(_ offset: Int) {
            plan.add(CaptureOp(.dereferenceAt, a: i, items: 32, scale: offset, max: min(most * 2 * word, CapturePlan.chunkLimit)),
                     exiting: exiting)
        }
        switch u {
        case .filesUpdate: pointees(8)
        case .probe:
            plan.add(CaptureOp(.memory, a: i, max: 16 + 256 * 8), exiting: false)
            plan.add(CaptureOp(.memory, a: i, max: 16 + 256 * 8), exiting: true)
        case .restrictions, .ringFDs: byCount(16)
        case .rsrcRegister(let files), .rsrcUpdate(let files):
            _ = files
            let isUpdate: Bool = { if case .rsrcUpdate = u { return true } else { return false } }()
            pointees(isUpdate ? 8 : 16)
            plan.add(CaptureOp(.memoryByArgument, a: i, b: 3, flags: CaptureOp.unsigned32, max: 4096), exiting: exiting)
        case .iowqAff: plan.add(CaptureOp(.memoryByArgument, a: i, b: 3, flags: CaptureOp.unsigned32, max: 128), exiting: exiting)
        case .iowqMaxWorkers:
            plan.add(CaptureOp(.memoryByArgument, a: i, b: 3, flags: CaptureOp.unsigned32, scale: 4,
                               max: min(most, ArgContext.iowqSaved) * 4), exiting: false)
            plan.add(CaptureOp(.memoryByArgument, a: i, b: 3, flags: CaptureOp.unsigned32, scale: 4,
                               max: most * 4), exiting: true)
        case .bufReg: plan.add(CaptureOp(.memory, a: i, max: 40), exiting: exiting)
        }
    }
}

extension ArgContext {
    /// `saved` keys: IORING_REGISTER_PROBE's state at entry (1: filled, 2: zeros), the worker
    /// limits passed (how many were read, then each).
    static let uringProbeKey = 0x2_0000
    static let iowqCountKey = 0x2_0001
    static let iowqValueKey = 0x2_0100
    /// The most worker limits kept from entry.
    static let iowqSaved = 64

    /// strace's print_array: the elements read one at a time, cut at -s with `...`; the
    /// address when the first is unreadable, `... /* 0x... */` where a later one is;
    /// `indices` shows `[IO_WQ_BOUND]=` before each. `ok` tells whether it went to the end.
    func printArrayEx(_ addr: UInt64, count: UInt64, size: Int, memory mem: TraceeMemory? = nil,
                    indices: Xlat? = nil, _ element: (Bytes) -> SyscallValue) -> (value: SyscallValue, ok: Bool) {
        if addr == 0 { return (.pointer(0), false) }
        if count == 0 { return (.array([]), false) }
        let (total, overflow) = count.multipliedReportingOverflow(by: UInt64(size))
        if overflow || addr &+ total <= addr { return (.pointer(addr), false) }
        let shown = abbreviated ? min(count, UInt64(limit)) : count
        var items: [SyscallValue] = []
        var text = "["
        var k: UInt64 = 0
        while k < count {
            if k > 0 { text += ", " }
            let at = addr &+ k &* UInt64(size)
            let got = mem.map { $0.read(at: at, count: size).map(Bytes.init) } ?? read(at, size)
            guard let b = got else {
                if k == 0 { return (.pointer(addr), false) }
                return (.expr(text + "... /* " + Fmt.hex(at) + " */]", json: .array(items, more: true)), false)
            }
            if k >= shown { return (.expr(text + "...]", json: .array(items, more: true)), true) }
            let item = element(b)
            items.append(item)
            if let indices {
                text += "[" + Self.xvalU(indices, k) + "]="
            }
            text += item.text
            k += 1
        }
        return (.expr(text + "]", json: .array(items)), true)
    }

    /// printxval_u: the name, else the number in decimal with the default in a comment.
    static func xvalU(_ x: Xlat, _ v: UInt64) -> String {
        let name = x.name(v)
        switch DecodeStyle.current.xlat {
        case .raw: return String(v)
        case .abbrev: return name ?? String(v) + " /* " + x.unknown + " */"
        case .verbose: return String(v) + " /* " + (name ?? x.unknown) + " */"
        }
    }

    func uringValue(_ u: UringArg, _ i: Int) -> SyscallValue {
        let v = args[i], nargs = args[3] & 0xffff_ffff
        switch u {
        case .filesUpdate:
            guard v != 0, let b = read(v, 16) else { return .pointer(v) }
            var f = [F("offset", .uint(b.u32(0)))]
            if b.u32(4) != 0 { f.append(F("resv", Self.hexValue(b.u32(4)))) }
            f.append(F("fds", printArrayEx(b.u64(8), count: nargs, size: 4) { uringUpdateFD($0.i32(0)) }.value))
            return .structure(f)
        case .probe: return uringProbe(i)
        case .restrictions:
            return printArrayEx(v, count: nargs, size: 16) { Self.uringRestriction($0) }.value
        case .rsrcRegister(let files), .rsrcUpdate(let files):
            let update: Bool = { if case .rsrcUpdate = u { return true } else { return false } }()
            if nargs < 32 || v == 0 { return .pointer(v) }
            guard let b = read(v, 32) else { return .pointer(v) }
            let nr = b.u32(update ? 24 : 0)
            var f: [ParamField]
            if update {
                f = [F("offset", .uint(b.u32(0)))]
                if b.u32(4) != 0 { f.append(F("resv", Self.hexValue(b.u32(4)))) }
            } else {
                f = [F("nr", .uint(nr)), F("flags", X.uringRsrcFlags.flagsValue(b.u32(4)))]
                if b.u64(8) != 0 { f.append(F("resv2", Self.hexValue(b.u64(8)))) }
            }
            let data = b.u64(update ? 8 : 16), tags = b.u64(update ? 16 : 24)
            let w = word
            let dataValue: SyscallValue
            if !files {
                dataValue = printArrayEx(data, count: nr, size: 2 * w) { e in
                    .structure([F("iov_base", .pointer(e.word(0, w))), F("iov_len", .uint(e.word(w, w)))])
                }.value
            } else if update {
                dataValue = printArrayEx(data, count: nr, size: 4) { uringUpdateFD($0.i32(0)) }.value
            } else {
                dataValue = printArrayEx(data, count: nr, size: 4) { fdValue($0.i32(0)) }.value
            }
            f.append(F("data", dataValue))
            f.append(F("tags", printArrayEx(tags, count: nr, size: 8) { Self.hexValue($0.u64(0)) }.value))
            if update {
                f.append(F("nr", .uint(nr)))
                if b.u32(28) != 0 { f.append(F("resv2", Self.hexValue(b.u32(28)))) }
            }
            if let extra = nonzeroBytes(v, from: 32, size: nargs) { f.append(extra) }
            return .structure(f)
        case .iowqAff: return uringAffinity(v, len: nargs)
        case .iowqMaxWorkers: return uringIowqWorkers(i)
        case .ringFDs(let register):
            return printArrayEx(v, count: nargs, size: 16) { e in
                let offset = e.u32(0)
                var f = [F("offset", register && offset == 0xffff_ffff ? .int(-1) : .uint(offset))]
                if e.u32(4) != 0 { f.append(F("resv", Self.hexValue(e.u32(4)))) }
                if register { f.append(F("data", fdValue(e.i32(8)))) }
                else if e.u64(8) != 0 { f.append(F("data", Self.hexValue(e.u64(8)))) }
                return .structure(f)
            }.value
        case .bufReg:
            guard v != 0, let b = read(v, 40) else { return .pointer(v) }
            var f = [F("ring_addr", .pointer(b.u64(0))), F("ring_entries", .uint(b.u32(8))), F("bgid", .uint(b.u16(12)))]
            if b.u16(14) != 0 { f.append(F("pad", Self.hexValue(b.u16(14)))) }
            let resv = (0..<3).map { b.u64(16 + 8 * $0) }
            if resv.contains(where: { $0 != 0 }) { f.append(F("resv", .array(resv.map { Self.hexValue($0) }))) }
            return .structure(f)
        }
    }

    /// A descriptor of an update: IORING_REGISTER_FILES_SKIP, or a descriptor.
    func uringUpdateFD(_ fd: Int64) -> SyscallValue {
        fd < -1 ? Self.decimalSymbol(X.uringFilesUpdateFDs, fd) : fdValue(fd)
    }

    static func uringRestriction(_ e: Bytes) -> SyscallValue {
        let opcode = e.u16(0), op = e.u8(2)
        var f = [F("opcode", X.uringRestrictionOps.symbolValue(opcode))]
        switch opcode {
        case 0: f.append(F("register_op", X.uringRegisterOps.symbolValue(op)))
        case 1: f.append(F("sqe_op", X.uringOps.symbolValue(op)))
        case 2, 3: f.append(F("sqe_flags", X.uringSqeFlags.flagsValue(op)))
        default:
            let first = f[0].value
            f[0] = F("opcode", .expr(first.text + " /* op: " + Fmt.hex(op) + " */", json: first))
        }
        if e.u8(3) != 0 { f.append(F("resv", hexValue(e.u8(3)))) }
        let resv2 = (0..<3).map { e.u32(4 + 4 * $0) }
        if resv2.contains(where: { $0 != 0 }) { f.append(F("resv2", .array(resv2.map { hexValue($0) }))) }
        return .structure(f)
    }

    /// `struct io_uring_probe` of `nargs` ops; `entering`: all of them, else the ops_len the
    /// kernel filled (`...` after when there were more).
    func uringProbeValue(_ addr: UInt64, nargs: UInt64, entering: Bool) -> SyscallValue {
        guard let b = read(addr, 16 + 8 * Int(nargs)) else { return .pointer(addr) }
        let opsLen = b.u8(1)
        var f = [F("last_op", .symbol(Int64(b.u8(0)), name: X.uringOps.name(b.u8(0)), text: Self.xvalU(X.uringOps, b.u8(0)))),
                 F("ops_len", .uint(opsLen))]
        if b.u16(2) != 0 { f.append(F("resv", Self.hexValue(b.u16(2)))) }
        let resv2 = (0..<3).map { b.u32(4 + 4 * $0) }
        if resv2.contains(where: { $0 != 0 }) { f.append(F("resv2", .array(resv2.map { Self.hexValue($0) }))) }
        let count = entering ? nargs : min(opsLen, nargs)
        let ops = FixedMemory(base: addr, bytes: b.b)
        var (list, _) = printArrayEx(addr + 16, count: count, size: 8, memory: ops) { e in
            var o = [F("op", .symbol(Int64(e.u8(0)), name: X.uringOps.name(e.u8(0)), text: Self.xvalU(X.uringOps, e.u8(0))))]
            if e.u8(1) != 0 { o.append(F("resv", Self.hexValue(e.u8(1)))) }
            o.append(F("flags", X.uringOpFlags.flagsValue(e.u16(2))))
            if e.u32(4) != 0 { o.append(F("resv2", Self.hexValue(e.u32(4)))) }
            return .structure(o)
        }
        if !entering && nargs < opsLen {
            // PAF_ARRAY_TRUNCATED: `...` after what was shown, unless already cut.
            let t = list.text
            if !t.hasSuffix("...]") {
                list = .expr(t == "[]" ? "[...]" : String(t.dropLast()) + ", ...]", json: list)
            }
        }
        f.append(F("ops", list))
        return .structure(f)
    }

    /// IORING_REGISTER_PROBE at exit: the probe the caller filled as it was passed (a
    /// failed call leaves it), else what the kernel wrote; the address after a failure
    /// when nothing was passed, for more than 256 ops, or when it was unreadable.
    func uringProbe(_ i: Int) -> SyscallValue {
        let v = args[i], nargs = args[3] & 0xffff_ffff
        if nargs > 256 || v == 0 { return .pointer(v) }
        guard let state = saved[Self.uringProbeKey] else { return .pointer(v) }
        if isError { return state == 1 ? uringProbeValue(v, nargs: nargs, entering: true) : .pointer(v) }
        return uringProbeValue(v, nargs: nargs, entering: false)
    }

    func saveUring(_ u: UringArg, _ i: Int, into saved: inout [Int: UInt64]) {
        let v = args[i], nargs = args[3] & 0xffff_ffff
        switch u {
        case .probe:
            guard nargs <= 256, let b = read(v, 16 + 8 * Int(nargs)) else { return }
            saved[Self.uringProbeKey] = b.b.allSatisfy { $0 == 0 } ? 2 : 1
        case .iowqMaxWorkers:
            let n = min(nargs, UInt64(Self.iowqSaved), abbreviated ? UInt64(limit) + 1 : UInt64(Self.iowqSaved))
            var k = 0
            while k < Int(n), let b = read(v &+ UInt64(4 * k), 4) {
                saved[Self.iowqValueKey + k] = b.u32(0)
                k += 1
            }
            saved[Self.iowqCountKey] = UInt64(k)
        default: break
        }
    }

    /// The io-wq worker limits: as passed, then (when they were all shown) ` => ` what the
    /// kernel wrote there, the address when the call failed.
    func uringIowqWorkers(_ i: Int) -> SyscallValue {
        let v = args[i], nargs = args[3] & 0xffff_ffff
        let n = Int(saved[Self.iowqCountKey] ?? 0)
        let bytes = (0..<n).flatMap { k in (0..<4).map { UInt8(truncatingIfNeeded: (saved[Self.iowqValueKey + k] ?? 0) >> (8 * UInt64($0))) } }
        let passed = FixedMemory(base: v, bytes: bytes)
        let element: (Bytes) -> SyscallValue = { .uint($0.u32(0)) }
        let (before, ok) = printArrayEx(v, count: nargs, size: 4, memory: passed, indices: X.uringIowqAcct, element)
        guard ok else { return before }
        let after = isError ? .pointer(v) : printArrayEx(v, count: nargs, size: 4, indices: X.uringIowqAcct, element).value
        return .expr(before.text + " => " + after.text, json: .change(before, after))
    }

    /// A CPU set of `len` bytes (print_affinitylist): `[0 1 2]`, `...` when longer than the
    /// kernel's cpumask (128 bytes here).
    func uringAffinity(_ addr: UInt64, len: UInt64) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        if len == 0 { return .array([]) }
        let umove = Int(min(len, 128))
        let size = (umove + word - 1) / word * word
        guard let b = read(addr, umove) else { return .pointer(addr) }
        var cpus: [SyscallValue] = []
        for bit in 0..<(umove * 8) where b.u8(bit / 8) & (1 << UInt64(bit % 8)) != 0 { cpus.append(.int(Int64(bit))) }
        var text = "[" + cpus.map(\.text).joined(separator: " ")
        if UInt64(size) < len { text += cpus.isEmpty ? "..." : " ..." }
        return .expr(text + "]", json: .array(cpus, more: UInt64(size) < len))
    }
}

extension X {
    static let uringOps = Xlat("IORING_OP_???", [
        "IORING_OP_NOP", "IORING_OP_READV", "IORING_OP_WRITEV", "IORING_OP_FSYNC", "IORING_OP_READ_FIXED",
        "IORING_OP_WRITE_FIXED", "IORING_OP_POLL_ADD", "IORING_OP_POLL_REMOVE", "IORING_OP_SYNC_FILE_RANGE",
        "IORING_OP_SENDMSG", "IORING_OP_RECVMSG", "IORING_OP_TIMEOUT", "IORING_OP_TIMEOUT_REMOVE", "IORING_OP_ACCEPT",
        "IORING_OP_ASYNC_CANCEL", "IORING_OP_LINK_TIMEOUT", "IORING_OP_CONNECT", "IORING_OP_FALLOCATE",
        "IORING_OP_OPENAT", "IORING_OP_CLOSE", "IORING_OP_FILES_UPDATE", "IORING_OP_STATX", "IORING_OP_READ",
        "IORING_OP_WRITE", "IORING_OP_FADVISE", "IORING_OP_MADVISE", "IORING_OP_SEND", "IORING_OP_RECV",
        "IORING_OP_OPENAT2", "IORING_OP_EPOLL_CTL", "IORING_OP_SPLICE", "IORING_OP_PROVIDE_BUFFERS",
        "IORING_OP_REMOVE_BUFFERS", "IORING_OP_TEE", "IORING_OP_SHUTDOWN", "IORING_OP_RENAMEAT", "IORING_OP_UNLINKAT",
        "IORING_OP_MKDIRAT", "IORING_OP_SYMLINKAT", "IORING_OP_LINKAT", "IORING_OP_MSG_RING", "IORING_OP_FSETXATTR",
        "IORING_OP_SETXATTR", "IORING_OP_FGETXATTR", "IORING_OP_GETXATTR", "IORING_OP_SOCKET", "IORING_OP_URING_CMD",
    ].enumerated().map { (UInt64($0.offset), $0.element) })
    static let uringOpFlags = Xlat("IO_URING_OP_???", [(0x1, "IO_URING_OP_SUPPORTED")])
    static let uringRestrictionOps = Xlat("IORING_RESTRICTION_???", [
        (0, "IORING_RESTRICTION_REGISTER_OP"), (1, "IORING_RESTRICTION_SQE_OP"),
        (2, "IORING_RESTRICTION_SQE_FLAGS_ALLOWED"), (3, "IORING_RESTRICTION_SQE_FLAGS_REQUIRED")])
    static let uringSqeFlags = Xlat("IOSQE_???", [
        (0x1, "IOSQE_FIXED_FILE"), (0x2, "IOSQE_IO_DRAIN"), (0x4, "IOSQE_IO_LINK"), (0x8, "IOSQE_IO_HARDLINK"),
        (0x10, "IOSQE_ASYNC"), (0x20, "IOSQE_BUFFER_SELECT"), (0x40, "IOSQE_CQE_SKIP_SUCCESS")])
    static let uringRsrcFlags = Xlat("IORING_RSRC_REGISTER_???", [(0x1, "IORING_RSRC_REGISTER_SPARSE")])
    static let uringFilesUpdateFDs = Xlat("", [(UInt64(bitPattern: -2), "IORING_REGISTER_FILES_SKIP")])
    static let uringIowqAcct = Xlat("IO_WQ_???", [(0, "IO_WQ_BOUND"), (1, "IO_WQ_UNBOUND")])
}
