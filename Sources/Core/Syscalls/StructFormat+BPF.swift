import Glibc

// bpf(2) as strace 6.1 shows it (src/bpf.c, bpf_attr.h): the command, then `union bpf_attr`
// read up to the size argument and decoded by the command, then the size. Each command's
// structure shows the fields of the versions of it the kernel has known, as far as the size
// reaches (a field past the size is not shown); bytes past what strace knows of the command
// are shown when any is not zero (`, ...`, with -v `extra_data="\x.." /* bytes N..M */`).
// A size of 0 or above a page, a command without a decoder or memory that cannot be read:
// the address.
//
// Some commands are finished at exit, with what the kernel wrote (strace's decoders that
// return 0 at entry): the entry shows the structure up to the last field set by the caller,
// the exit goes on from there (` => 5, open_flags=0}`): a glued output slot,
// `.out(.bpf(.attrExit))`, whose entry values (next_id, info_len, ...) are saved at entry
// (`ArgContext.saved`, from key `BPF.savedBase` on). The argument kinds, the commands' facts
// and the plan are in ArgType+BPF.swift.

/// The attributes as read: the first `len` bytes of the command's structure (the rest reads
/// as zeros, as strace's copy), and every byte read (for the bytes past the structure).
private struct BPFAttr {
    let b: Bytes
    let all: Bytes
    let len: Int
    let size: Int

    init(_ bytes: [UInt8], structSize: Int) {
        all = Bytes(bytes)
        size = bytes.count
        len = min(bytes.count, structSize)
        b = Bytes(Array(bytes.prefix(len)))
    }

    /// Whether the size reaches the field at `offset`.
    func has(_ offset: Int) -> Bool { len > offset }
    func u32(_ o: Int) -> UInt64 { b.u32(o) }
    func u64(_ o: Int) -> UInt64 { b.u64(o) }
}

extension ArgContext {
    mutating func bpfValue(_ kind: BPFArg, _ i: Int) -> SyscallValue {
        let addr = args[i]
        let cmd = UInt32(truncatingIfNeeded: args[0]), size = UInt32(truncatingIfNeeded: args[2])
        guard BPF.decodes(cmd, size) else { return .pointer(addr) }
        switch kind {
        case .attr:
            guard let b = read(addr, Int(size)) else { return .pointer(addr) }
            return bpfEntry(cmd, b.b)
        case .attrExit:
            // strace reads the attributes again, the call failed or not; the address when it cannot.
            guard let b = read(addr, Int(size)) else { return .expr(Fmt.addr(addr), json: nil) }
            return .expr(bpfExit(cmd, b.b), json: nil)
        }
    }

    /// Whether the exit goes on with the attributes: the entry showed them (else it showed
    /// their address, and the call whole).
    func bpfContinues(_ slot: Slot) -> Bool {
        let size = Int(UInt32(truncatingIfNeeded: args[2]))
        return read(args[slot.index], size) != nil
    }

    /// At entry, what the exit of a command finished then compares with.
    func bpfSave(_ kind: BPFArg, _ i: Int, into saved: inout [Int: UInt64]) {
        guard kind == .attrExit else { return }
        let cmd = UInt32(truncatingIfNeeded: args[0]), size = UInt32(truncatingIfNeeded: args[2])
        guard BPF.decodes(cmd, size), let bytes = read(args[i], Int(size)) else { return }
        let base = BPF.savedBase
        switch cmd {
        case 11, 12, 23, 31: saved[base] = BPFAttr(bytes.b, structSize: 12).u32(4)          // next_id
        case 16: saved[base] = BPFAttr(bytes.b, structSize: 28).u32(24)                     // prog_cnt
        case 20: saved[base] = BPFAttr(bytes.b, structSize: 48).u32(12)                     // buf_len
        case 24, 25, 26, 27: saved[base] = BPFAttr(bytes.b, structSize: 56).u32(32)         // count
        case 15:
            let a = BPFAttr(bytes.b, structSize: 16)
            saved[base] = a.u32(4)                                                          // info_len
            // strace looks at the kind of object only when it shows the structure (-v), by the
            // descriptor's file; a program's info is read at entry too (its in/out lengths).
            guard !abbreviated else { return }
            let kind = bpfObjectKind(Int64(Int32(truncatingIfNeeded: a.u32(0))))
            saved[base + 1] = kind
            guard kind == 2, let info = bpfObjInfo(a.u64(8), size: a.u32(4)) else { return }
            for (k, (o, wide)) in Self.progInfoSaved.enumerated() {
                saved[base + 2 + k] = wide ? info.u64(o) : info.u32(o)
            }
        default: break
        }
    }

    /// 1 for a map, 2 for a program (strace's anon_inode:bpf-map, anon_inode:bpf-prog), else 0.
    func bpfObjectKind(_ fd: Int64) -> UInt64 {
        guard fd >= 0, let path = fds?.path(ofFD: fd) else { return 0 }
        switch path {
        case "anon_inode:bpf-map": return 1
        case "anon_inode:bpf-prog": return 2
        default: return 0
        }
    }

    /// The info structure of `size` bytes, the rest of a page reading as zeros (strace's
    /// fetch_bpf_obj_info); nil when the size is 0 or above a page, or unreadable.
    func bpfObjInfo(_ addr: UInt64, size: UInt64) -> Bytes? {
        guard size > 0, size <= UInt64(BPF.page), let b = read(addr, Int(size)) else { return nil }
        return b
    }

    /// The fields of struct bpf_prog_info that strace shows as `entry => exit` (offset, u64).
    static let progInfoSaved: [(Int, Bool)] = [
        (16, false), (20, false), (52, false), (104, false), (108, false), (112, true), (120, true),   // jited_prog_len ... jited_func_lens
        (132, false), (144, false), (148, false), (168, false), (160, true), (172, false), (176, false), (180, false),
    ]

    // MARK: Field values

    private func fdField(_ v: UInt64) -> SyscallValue { fdValue(Int64(Int32(truncatingIfNeeded: v))) }
    private static func hex(_ v: UInt64) -> SyscallValue { .uint(v, text: Fmt.hex(v)) }

    /// PRINT_FIELD_U64: `UINT64_MAX` for all ones.
    private static func u64(_ v: UInt64) -> SyscallValue {
        v == .max ? .uint(v, text: DecodeStyle.constant("UINT64_MAX", number: String(v))) : .uint(v)
    }

    /// print_quoted_cstring of `size` bytes: up to a NUL in the first `size - 1`, `...` after
    /// when there is none and the last byte is not one either.
    private static func cstring(_ b: ArraySlice<UInt8>, size: Int) -> SyscallValue {
        let bytes = Array(b.prefix(size)) + [UInt8](repeating: 0, count: max(0, size - b.count))
        let n = max(size - 1, 0)
        if let nul = bytes.prefix(n).firstIndex(of: 0) { return .string(Array(bytes[..<nul]), truncated: false) }
        return .string(Array(bytes.prefix(n)), truncated: n >= bytes.count || bytes[n] != 0)
    }

    /// printstr_ex with QUOTE_0_TERMINATED and a length: a string read no further than `len`
    /// bytes, cut at -s.
    private func cStringMax(_ addr: UInt64, _ len: UInt64) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        if len == 0 { return read(addr, 0) != nil ? .string([], truncated: false) : .pointer(addr) }
        let size = Int(min(UInt64(limit) + 1, len))
        let shown = min(size, limit)
        var value = SyscallValue.pointer(addr)
        _ = memory.withCString(at: addr, limit: size) { bytes, terminated in
            value = terminated && bytes.count <= shown ? .string(Array(bytes), truncated: false)
                                                       : .string(Array(bytes.prefix(shown)), truncated: true)
        }
        return value
    }

    /// print_kernel_version: `KERNEL_VERSION(4, 19, 0)`; `-X raw` the number, `-X verbose` both.
    private static func kernelVersion(_ v: UInt64) -> SyscallValue {
        let names = "KERNEL_VERSION(\(v >> 16), \((v >> 8) & 0xff), \(v & 0xff))"
        let text: String
        switch DecodeStyle.current.xlat {
        case .abbrev: text = names
        case .raw: text = Fmt.hex(v)
        case .verbose: text = Fmt.hex(v) + " /* " + names + " */"
        }
        return .expr(text, json: .uint(v))
    }

    /// print_ifindex: `if_nametoindex("lo")` when the interface is known (the number with -X
    /// raw, both with -X verbose), else the number.
    private func ifindex(_ v: UInt64) -> SyscallValue {
        guard let name = fds?.interfaceName(index: UInt32(truncatingIfNeeded: v)) else { return .uint(v) }
        let expr = "if_nametoindex(" + StringQuoting.quoted(ArraySlice(Array(name.utf8)), truncated: false) + ")"
        switch DecodeStyle.current.xlat {
        case .abbrev: return .expr(expr, json: .uint(v))
        case .raw: return .uint(v)
        case .verbose: return .expr(String(v) + " /* " + expr + " */", json: .uint(v))
        }
    }

    /// PRINT_FIELD_XVAL_U_VERBOSE of numa_node: `4294967295 /* NUMA_NO_NODE */`.
    private static func numaNode(_ v: UInt64) -> SyscallValue {
        guard let name = X.numaNodes.name(v), DecodeStyle.current.xlat != .raw else { return .uint(v) }
        return .symbol(Int64(v), name: name, text: String(v) + " /* " + name + " */")
    }

    /// An eBPF program of `count` instructions: its address (abbreviated), else the
    /// instructions (at most BPF_MAXINSNS).
    private func ebpfProg(_ addr: UInt64, _ count: UInt64) -> SyscallValue {
        if abbreviated || failedExit(addr, count) { return .pointer(addr) }
        return printArray(addr, count: count, size: 8, most: 4096) { b in
            let regs = b.u8(1)
            return .structure([F("code", .expr(Self.ebpfCode(UInt8(b.u8(0))), json: .uint(b.u8(0)))),
                               F("dst_reg", X.ebpfRegs.symbolValue(regs & 0xf)),
                               F("src_reg", X.ebpfRegs.symbolValue(regs >> 4)),
                               F("off", .int(Int64(Int16(truncatingIfNeeded: b.u16(2))))),
                               F("imm", Self.hex(b.u32(4)))])
        }
    }

    /// An eBPF instruction's code (print_bpf_filter_code, extended): `BPF_ALU64|BPF_K|BPF_MOV`.
    static func ebpfCode(_ code: UInt8) -> String {
        let c = UInt64(code)
        let cls = c & 0x07
        var parts = [X.ebpfClasses.value(cls)]
        switch cls {
        case 0x0, 0x1, 0x2, 0x3:                                          // BPF_LD, BPF_LDX, BPF_ST, BPF_STX
            parts.append(X.bpfSizes.value(c & 0x18))
            parts.append(X.ebpfModes.value(c & 0xe0))
        case 0x4, 0x7:                                                    // BPF_ALU, BPF_ALU64
            parts.append(X.bpfSources.value(c & 0x08))
            parts.append(X.bpfAluOps.value(c & 0xf0))
        case 0x5:                                                         // BPF_JMP
            parts.append(X.bpfSources.value(c & 0x08))
            parts.append(X.bpfJmpOps.value(c & 0xf0))
        default:                                                          // BPF_JMP32: as strace, its bits in hex
            if c & ~0x07 != 0 { parts.append(Fmt.hex(c & ~0x07) + " /* BPF_??? */") }
        }
        return parts.joined(separator: "|")
    }

    /// An array of u32 in decimal (print_uint_array_member).
    private func u32Array(_ addr: UInt64, _ count: UInt64) -> SyscallValue {
        if failedExit(addr, count) { return .pointer(addr) }
        return printArray(addr, count: count, size: 4) { .uint($0.u32(0)) }
    }

    /// strace's print_array at the exit of a failed call: the address of an array it would
    /// read (tfetch_mem reads nothing then).
    private func failedExit(_ addr: UInt64, _ count: UInt64) -> Bool {
        exiting && isError && addr != 0 && count != 0
    }

    /// The bytes past what strace knows of the structure (`structSize`), when any is not
    /// zero: `...`, with -v `extra_data="\x.." /* bytes N..M */` (decode_attr_extra_data).
    private func extraData(_ all: Bytes, from structSize: Int) -> ParamField? {
        guard all.count > structSize else { return nil }
        let rest = Array(all.b[structSize...])
        guard rest.contains(where: { $0 != 0 }) else { return nil }
        if abbreviated { return ParamField(bare: "...", .expr("...", json: nil)) }
        return ParamField("extra_data", .commented(.string(rest, truncated: false, hex: true),
                                                   "bytes \(structSize)..\(all.count - 1)"))
    }

    /// `extraData` as the text that follows the fields shown before it.
    private func extraText(_ all: Bytes, from structSize: Int) -> String {
        guard let f = extraData(all, from: structSize) else { return "" }
        return ", " + (f.bare ? "" : f.name + "=") + f.value.text
    }

    /// A structure with its extra bytes.
    private func closed(_ f: [ParamField], _ a: BPFAttr, _ structSize: Int) -> SyscallValue {
        var f = f
        if let extra = extraData(a.all, from: structSize) {
            if extra.bare { return .structure(f, more: true) }
            f.append(extra)
        }
        return .structure(f)
    }

    /// The text of `{name={fields` (or `{fields` without a name), open for the exit.
    private static func open(_ name: String?, _ f: [ParamField]) -> String {
        let inner = SyscallValue.structure(f).text.dropLast()
        return name.map { "{" + $0 + "=" + inner } ?? String(inner)
    }

    // MARK: The commands at entry

    private func bpfEntry(_ cmd: UInt32, _ bytes: [UInt8]) -> SyscallValue {
        switch cmd {
        case 0: return mapCreate(BPFAttr(bytes, structSize: 72))
        case 1, 21:                                                       // BPF_MAP_LOOKUP_ELEM, ..._AND_DELETE_ELEM
            let a = BPFAttr(bytes, structSize: 32)
            var f = [F("map_fd", fdField(a.u32(0))), F("key", .pointer(a.u64(8))), F("value", .pointer(a.u64(16)))]
            guard a.has(24) else { return .structure(f) }
            f.append(F("flags", X.bpfMapLookupElemFlags.flagsValue(a.u64(24))))
            return closed(f, a, 32)
        case 2:                                                           // BPF_MAP_UPDATE_ELEM
            let a = BPFAttr(bytes, structSize: 32)
            return closed([F("map_fd", fdField(a.u32(0))), F("key", .pointer(a.u64(8))), F("value", .pointer(a.u64(16))),
                           F("flags", X.bpfMapUpdateElemFlags.symbolValue(a.u64(24)))], a, 32)
        case 3:                                                           // BPF_MAP_DELETE_ELEM
            let a = BPFAttr(bytes, structSize: 16)
            return closed([F("map_fd", fdField(a.u32(0))), F("key", .pointer(a.u64(8)))], a, 16)
        case 4:                                                           // BPF_MAP_GET_NEXT_KEY
            let a = BPFAttr(bytes, structSize: 24)
            return closed([F("map_fd", fdField(a.u32(0))), F("key", .pointer(a.u64(8))),
                           F("next_key", .pointer(a.u64(16)))], a, 24)
        case 22:                                                          // BPF_MAP_FREEZE
            let a = BPFAttr(bytes, structSize: 4)
            return closed([F("map_fd", fdField(a.u32(0)))], a, 4)
        case 5: return progLoad(BPFAttr(bytes, structSize: 128))
        case 6, 7:                                                        // BPF_OBJ_PIN, BPF_OBJ_GET
            let a = BPFAttr(bytes, structSize: 16)
            var f = [F("pathname", cString(a.u64(0), path: true)), F("bpf_fd", fdField(a.u32(8)))]
            guard a.has(12) else { return .structure(f) }
            f.append(F("file_flags", X.bpfFileModeFlags.flagsValue(a.u32(12))))
            return closed(f, a, 16)
        case 8:                                                           // BPF_PROG_ATTACH
            let a = BPFAttr(bytes, structSize: 20)
            var f = [F("target_fd", fdField(a.u32(0))), F("attach_bpf_fd", fdField(a.u32(4))),
                     F("attach_type", X.bpfAttachTypes.symbolValue(a.u32(8))),
                     F("attach_flags", X.bpfAttachFlags.flagsValue(a.u32(12)))]
            guard a.has(16) else { return .structure(f) }
            f.append(F("replace_bpf_fd", fdField(a.u32(16))))
            return closed(f, a, 20)
        case 9:                                                           // BPF_PROG_DETACH
            let a = BPFAttr(bytes, structSize: 12)
            return closed([F("target_fd", fdField(a.u32(0))), F("attach_type", X.bpfAttachTypes.symbolValue(a.u32(8)))],
                          a, 12)
        case 10: return testRun(BPFAttr(bytes, structSize: 76))
        case 11, 12, 23, 31:                                              // *_GET_NEXT_ID: finished at exit
            let a = BPFAttr(bytes, structSize: 12)
            let f = [F("start_id", .uint(a.u32(0))), F("next_id", .uint(a.u32(4)))]
            return .expr(Self.open(nil, f), json: .structure(f))
        case 13, 14:                                                      // BPF_PROG_GET_FD_BY_ID, BPF_MAP_GET_FD_BY_ID
            let a = BPFAttr(bytes, structSize: 12)
            var f = [F(cmd == 13 ? "prog_id" : "map_id", .uint(a.u32(0))), F("next_id", .uint(a.u32(4)))]
            guard a.has(8) else { return .structure(f) }
            f.append(F("open_flags", X.bpfFileModeFlags.flagsValue(a.u32(8))))
            return closed(f, a, 12)
        case 15:                                                          // BPF_OBJ_GET_INFO_BY_FD: finished at exit
            let a = BPFAttr(bytes, structSize: 16)
            let f = [F("bpf_fd", fdField(a.u32(0))), F("info_len", .uint(a.u32(4)))]
            return .expr(Self.open("info", f), json: .structure([F("info", .structure(f))]))
        case 16:                                                          // BPF_PROG_QUERY: finished at exit
            let a = BPFAttr(bytes, structSize: 28)
            let f = [F("target_fd", fdField(a.u32(0))), F("attach_type", X.bpfAttachTypes.symbolValue(a.u32(4))),
                     F("query_flags", X.bpfQueryFlags.flagsValue(a.u32(8))),
                     F("attach_flags", X.bpfAttachFlags.flagsValue(a.u32(12)))]
            return .expr(Self.open("query", f) + ", prog_ids=", json: .structure([F("query", .structure(f))]))
        case 17:                                                          // BPF_RAW_TRACEPOINT_OPEN
            let a = BPFAttr(bytes, structSize: 12)
            let f = [F("name", cStringMax(a.u64(0), 128)), F("prog_fd", fdField(a.u32(8)))]
            return closed([F("raw_tracepoint", .structure(f))], a, 12)
        case 18:                                                          // BPF_BTF_LOAD
            let a = BPFAttr(bytes, structSize: 28)
            return closed([F("btf", buffer(a.u64(0), Int(a.u32(16)))), F("btf_log_buf", .pointer(a.u64(8))),
                           F("btf_size", .uint(a.u32(16))), F("btf_log_size", .uint(a.u32(20))),
                           F("btf_log_level", .uint(a.u32(24)))], a, 28)
        case 19, 30:                                                      // BPF_BTF_GET_FD_BY_ID, BPF_LINK_GET_FD_BY_ID
            let a = BPFAttr(bytes, structSize: 4)
            return closed([F(cmd == 19 ? "btf_id" : "link_id", .uint(a.u32(0)))], a, 4)
        case 20:                                                          // BPF_TASK_FD_QUERY: finished at exit
            let a = BPFAttr(bytes, structSize: 48)
            let f = [F("pid", .int(Int64(Int32(truncatingIfNeeded: a.u32(0))))), F("fd", fdField(a.u32(4))),
                     F("flags", .uint(a.u32(8))), F("buf_len", .uint(a.u32(12)))]
            return .expr(Self.open("task_fd_query", f), json: .structure([F("task_fd_query", .structure(f))]))
        case 24, 25, 26, 27:                                              // the batch operations: shown whole at entry
            let a = BPFAttr(bytes, structSize: 56)
            var f: [ParamField] = []
            if cmd != 26 && cmd != 27 { f += [F("in_batch", .pointer(a.u64(0))), F("out_batch", .pointer(a.u64(8)))] }
            f.append(F("keys", .pointer(a.u64(16))))
            if cmd != 27 { f.append(F("values", .pointer(a.u64(24)))) }
            f += [F("count", .uint(a.u32(32))), F("map_fd", fdField(a.u32(36))),
                  F("elem_flags", X.bpfMapLookupElemFlags.flagsValue(a.u64(40))), F("flags", Self.hex(a.u64(48)))]
            return closed([F("batch", .structure(f))], a, 56)
        case 28: return linkCreate(BPFAttr(bytes, structSize: 48))
        case 29:                                                          // BPF_LINK_UPDATE
            let a = BPFAttr(bytes, structSize: 16)
            var f = [F("link_fd", fdField(a.u32(0))), F("new_prog_fd", fdField(a.u32(4))),
                     F("flags", X.bpfAttachFlags.flagsValue(a.u32(8)))]
            if a.u32(8) & 4 != 0 { f.append(F("old_prog_fd", fdField(a.u32(12)))) }      // BPF_F_REPLACE
            return closed([F("link_update", .structure(f))], a, 16)
        default: return .pointer(args[1])
        }
    }

    private func mapCreate(_ a: BPFAttr) -> SyscallValue {
        var f = [F("map_type", X.bpfMapTypes.symbolValue(a.u32(0))), F("key_size", .uint(a.u32(4))),
                 F("value_size", .uint(a.u32(8))), F("max_entries", .uint(a.u32(12)))]
        guard a.has(16) else { return .structure(f) }
        f.append(F("map_flags", X.bpfMapFlags.flagsValue(a.u32(16))))
        guard a.has(20) else { return .structure(f) }
        f.append(F("inner_map_fd", fdField(a.u32(20))))
        guard a.has(24) else { return .structure(f) }
        if a.u32(16) & 4 != 0 { f.append(F("numa_node", Self.numaNode(a.u32(24)))) }    // BPF_F_NUMA_NODE
        guard a.has(28) else { return .structure(f) }
        f.append(F("map_name", Self.cstring(a.b.slice(28, 16), size: min(16, a.len - 28))))
        guard a.has(44) else { return .structure(f) }
        f.append(F("map_ifindex", ifindex(a.u32(44))))
        guard a.has(48) else { return .structure(f) }
        f += [F("btf_fd", fdField(a.u32(48))), F("btf_key_type_id", .uint(a.u32(52))),
              F("btf_value_type_id", .uint(a.u32(56)))]
        guard a.has(60) else { return .structure(f) }
        f.append(F("btf_vmlinux_value_type_id", .uint(a.u32(60))))
        guard a.has(64) else { return .structure(f) }
        f.append(F("map_extra", Self.u64(a.u64(64))))
        return closed(f, a, 72)
    }

    private func progLoad(_ a: BPFAttr) -> SyscallValue {
        var f = [F("prog_type", X.bpfProgTypes.symbolValue(a.u32(0))), F("insn_cnt", .uint(a.u32(4))),
                 F("insns", ebpfProg(a.u64(8), a.u32(4))), F("license", cString(a.u64(16), path: false))]
        guard a.has(24) else { return .structure(f) }
        f += [F("log_level", .uint(a.u32(24))), F("log_size", .uint(a.u32(28))),
              F("log_buf", cStringMax(a.u64(32), a.u32(28)))]
        guard a.has(40) else { return .structure(f) }
        f.append(F("kern_version", Self.kernelVersion(a.u32(40))))
        guard a.has(44) else { return .structure(f) }
        f.append(F("prog_flags", X.bpfProgFlags.flagsValue(a.u32(44))))
        guard a.has(48) else { return .structure(f) }
        f.append(F("prog_name", Self.cstring(a.b.slice(48, 16), size: min(16, a.len - 48))))
        guard a.has(64) else { return .structure(f) }
        f.append(F("prog_ifindex", ifindex(a.u32(64))))
        guard a.has(68) else { return .structure(f) }
        f.append(F("expected_attach_type", X.bpfAttachTypes.symbolValue(a.u32(68))))
        guard a.has(72) else { return .structure(f) }
        f += [F("prog_btf_fd", fdField(a.u32(72))), F("func_info_rec_size", .uint(a.u32(76))),
              F("func_info", .pointer(a.u64(80))), F("func_info_cnt", .uint(a.u32(88))),
              F("line_info_rec_size", .uint(a.u32(92))), F("line_info", .pointer(a.u64(96))),
              F("line_info_cnt", .uint(a.u32(104)))]
        guard a.has(108) else { return .structure(f) }
        f.append(F("attach_btf_id", .uint(a.u32(108))))
        guard a.has(112) else { return .structure(f) }
        f.append(F("attach_prog_fd", fdField(a.u32(112))))
        guard a.has(120) else { return .structure(f) }
        f.append(F("fd_array", .pointer(a.u64(120))))
        return closed(f, a, 128)
    }

    private func testRun(_ a: BPFAttr) -> SyscallValue {
        var f = [F("prog_fd", fdField(a.u32(0))), F("retval", .uint(a.u32(4))), F("data_size_in", .uint(a.u32(8))),
                 F("data_size_out", .uint(a.u32(12))), F("data_in", .pointer(a.u64(16))),
                 F("data_out", .pointer(a.u64(24))), F("repeat", .uint(a.u32(32))), F("duration", .uint(a.u32(36)))]
        if a.has(40) {
            f += [F("ctx_size_in", .uint(a.u32(40))), F("ctx_size_out", .uint(a.u32(44))),
                  F("ctx_in", .pointer(a.u64(48))), F("ctx_out", .pointer(a.u64(56)))]
        }
        if a.has(64) { f += [F("flags", X.bpfTestRunFlags.flagsValue(a.u32(64))), F("cpu", .uint(a.u32(68)))] }
        if a.has(72) { f.append(F("batch_size", .uint(a.u32(72)))) }
        return closed([F("test", .structure(f))], a, 76)
    }

    private func linkCreate(_ a: BPFAttr) -> SyscallValue {
        var f = [F("prog_fd", fdField(a.u32(0))), F("target_fd", fdField(a.u32(4))),
                 F("attach_type", X.bpfAttachTypes.symbolValue(a.u32(8))), F("flags", Self.hex(a.u32(12)))]
        guard a.has(16) else { return closed([F("link_create", .structure(f))], a, 48) }
        // The union's member by the attach type (strace's guess); the bytes past it are extra.
        var end = 16
        switch a.u32(8) {
        case 0:                                                           // BPF_CGROUP_INET_INGRESS (a BPF_PROG_TYPE_EXT)
            if a.u32(16) != 0 { f.append(F("target_btf_id", .uint(a.u32(16)))) }
            end = 20
        case 28:                                                          // BPF_TRACE_ITER
            f.append(F("iter_info", printArray(a.u64(16), count: a.u32(24), size: 4) { b in
                .structure([F("map", .structure([F("map_fd", fdField(b.u32(0)))]))])
            }))
            f.append(F("iter_info_len", .uint(a.u32(24))))
            end = 28
        case 41:                                                          // BPF_PERF_EVENT
            f.append(F("perf_event", .structure([F("bpf_cookie", Self.hex(a.u64(16)))])))
            end = 24
        case 42:                                                          // BPF_TRACE_KPROBE_MULTI
            let count = a.u32(20), w = word
            let syms = printArray(a.u64(24), count: count, size: w) { b in cString(b.word(0, w), path: false) }
            let addrs = printArray(a.u64(32), count: count, size: 8) { Self.hex($0.u64(0)) }
            let cookies = printArray(a.u64(40), count: count, size: 8) { Self.hex($0.u64(0)) }
            f.append(F("kprobe_multi", .structure([F("flags", X.bpfKprobeMultiFlags.flagsValue(a.u32(16))),
                                                   F("cnt", .uint(count)), F("syms", syms), F("addrs", addrs),
                                                   F("cookies", cookies)])))
            end = 48
        default: break
        }
        return closed([F("link_create", .structure(f))], a, end)
    }

    // MARK: The commands finished at exit

    private func bpfExit(_ cmd: UInt32, _ bytes: [UInt8]) -> String {
        let base = BPF.savedBase
        switch cmd {
        case 11, 12, 23, 31:                                              // *_GET_NEXT_ID
            let a = BPFAttr(bytes, structSize: 12)
            var s = saved[base].map { $0 != a.u32(4) ? " => \(a.u32(4))" : "" } ?? ""
            guard a.has(8) else { return s + "}" }
            s += ", open_flags=" + X.bpfFileModeFlags.flagsValue(a.u32(8)).text
            return s + extraText(a.all, from: 12) + "}"
        case 15:                                                          // BPF_OBJ_GET_INFO_BY_FD
            let a = BPFAttr(bytes, structSize: 16)
            var s = saved[base].map { $0 != a.u32(4) ? " => \(a.u32(4))" : "" } ?? ""
            s += ", info=" + objInfo(a.u64(8), size: a.u32(4))
            return s + "}" + extraText(a.all, from: 16) + "}"
        case 16:                                                          // BPF_PROG_QUERY
            let a = BPFAttr(bytes, structSize: 28)
            let count = a.u32(24)
            var s = u32Array(a.u64(16), count).text + ", prog_cnt="
            if let before = saved[base], before != count { s += "\(before) => " }
            return s + "\(count)}" + extraText(a.all, from: 28) + "}"
        case 20:                                                          // BPF_TASK_FD_QUERY
            let a = BPFAttr(bytes, structSize: 48)
            let before = saved[base] ?? a.u32(12)
            var s = before != a.u32(12) ? " => \(a.u32(12))" : ""
            s += ", buf=" + cStringMax(a.u64(16), min(before, a.u32(12))).text
            s += ", prog_id=\(a.u32(24)), fd_type=" + X.bpfTaskFDTypes.value(a.u32(28))
            s += ", probe_offset=" + Fmt.hex(a.u64(32)) + ", probe_addr=" + Fmt.hex(a.u64(40))
            return s + "}" + extraText(a.all, from: 48) + "}"
        case 24, 25, 26, 27:                                              // the batch operations: a new count
            let a = BPFAttr(bytes, structSize: 56)
            guard let before = saved[base], before != a.u32(32) else { return "" }
            return " => {batch={count=\(a.u32(32))}}"
        default: return ""
        }
    }

    /// The info structure the kernel wrote (-v, for a map or a program), else its address.
    private func objInfo(_ addr: UInt64, size: UInt64) -> String {
        let kind = saved[BPF.savedBase + 1] ?? 0
        guard !abbreviated, kind != 0, let b = bpfObjInfo(addr, size: size) else { return Fmt.addr(addr) }
        return kind == 1 ? mapInfo(b, size: Int(size)) : progInfo(b, size: Int(size))
    }

    /// struct bpf_map_info (print_bpf_map_info).
    private func mapInfo(_ bytes: Bytes, size: Int) -> String {
        let a = BPFAttr(bytes.b, structSize: 88)
        var f = [F("type", X.bpfMapTypes.symbolValue(a.u32(0))), F("id", .uint(a.u32(4))),
                 F("key_size", .uint(a.u32(8))), F("value_size", .uint(a.u32(12))),
                 F("max_entries", .uint(a.u32(16))), F("map_flags", X.bpfMapFlags.flagsValue(a.u32(20)))]
        if a.has(24) { f.append(F("name", Self.cstring(a.b.slice(24, 16), size: 16))) }
        if a.has(40) {
            f += [F("ifindex", ifindex(a.u32(40))), F("btf_vmlinux_value_type_id", .uint(a.u32(44))),
                  F("netns_dev", dev(a.u64(48))), F("netns_ino", .uint(a.u64(56)))]
        }
        guard a.has(64) else { return SyscallValue.structure(f).text }
        f += [F("btf_id", .uint(a.u32(64))), F("btf_key_type_id", .uint(a.u32(68))),
              F("btf_value_type_id", .uint(a.u32(72)))]
        return closed(f, a, 88).text
    }

    /// struct bpf_prog_info (print_bpf_prog_info): the lengths and counts the caller set at
    /// entry and the kernel changed as `entry => exit`.
    private func progInfo(_ bytes: Bytes, size: Int) -> String {
        let a = BPFAttr(bytes.b, structSize: 220)
        let base = BPF.savedBase + 2
        func before(_ o: Int) -> UInt64 {
            let k = Self.progInfoSaved.firstIndex { $0.0 == o } ?? 0
            return saved[base + k] ?? 0
        }
        func changed(_ o: Int, _ wide: Bool = false) -> SyscallValue {
            let now = wide ? a.u64(o) : a.u32(o), was = before(o)
            let show = { (v: UInt64) -> SyscallValue in wide ? .pointer(v) : .uint(v) }
            return was == now ? show(now) : .change(show(was), show(now))
        }
        var f = [F("type", X.bpfProgTypes.symbolValue(a.u32(0))), F("id", .uint(a.u32(4))),
                 F("tag", .string(Array(a.b.slice(8, 8)), truncated: false, hex: true)),
                 F("jited_prog_len", changed(16)),
                 F("jited_prog_insns", buffer(a.u64(24), Int(a.u32(16)), hex: true)),
                 F("xlated_prog_len", changed(20)),
                 F("xlated_prog_insns", ebpfProg(a.u64(32), min(before(20), a.u32(20)) / 8))]
        guard a.has(40) else { return SyscallValue.structure(f).text }
        var load = SyscallValue.uint(a.u64(40))
        if DecodeStyle.current.xlat != .raw, let date = Self.bootTimeDate(a.u64(40)) { load = .commented(load, date) }
        let uid = a.u32(48)
        f += [F("load_time", load), F("created_by_uid", uid == 0xffff_ffff ? .int(-1) : .uint(uid)),
              F("nr_map_ids", changed(52)),
              F("map_ids", u32Array(a.u64(56), min(before(52), a.u32(52)))),
              F("name", Self.cstring(a.b.slice(64, 16), size: 16))]
        guard a.has(80) else { return SyscallValue.structure(f).text }
        f += [F("ifindex", ifindex(a.u32(80))), F("gpl_compatible", .uint(a.u32(84) & 1)),
              F("netns_dev", dev(a.u64(88))), F("netns_ino", .uint(a.u64(96)))]
        guard a.has(104) else { return SyscallValue.structure(f).text }
        f += [F("nr_jited_ksyms", changed(104)), F("nr_jited_func_lens", changed(108)),
              F("jited_ksyms", changed(112, true)), F("jited_func_lens", changed(120, true))]
        guard a.has(128) else { return SyscallValue.structure(f).text }
        f += [F("btf_id", .uint(a.u32(128))), F("func_info_rec_size", changed(132)),
              F("func_info", .pointer(a.u64(136))), F("nr_func_info", changed(144)), F("nr_line_info", changed(148)),
              F("line_info", .pointer(a.u64(152))), F("jited_line_info", changed(160, true)),
              F("nr_jited_line_info", changed(168)), F("line_info_rec_size", changed(172)),
              F("jited_line_info_rec_size", changed(176)), F("nr_prog_tags", changed(180)),
              F("prog_tags", .pointer(a.u64(184)))]
        guard a.has(192) else { return SyscallValue.structure(f).text }
        f += [F("run_time_ns", .uint(a.u64(192))), F("run_cnt", .uint(a.u64(200)))]
        guard a.has(208) else { return SyscallValue.structure(f).text }
        f.append(F("recursion_misses", Self.u64(a.u64(208))))
        guard a.has(216) else { return SyscallValue.structure(f).text }
        f.append(F("verified_insns", .uint(a.u32(216))))
        return closed(f, a, 220).text
    }

    /// The local date of a time since boot in nanoseconds, as strace's print_boottime guesses
    /// it: the offset of the real-time clock from the boot-time clock, taken once.
    static func bootTimeDate(_ ns: UInt64) -> String? {
        guard let (offSec, offNsec) = bootOffset else { return nil }
        var sec = Int64(ns / 1_000_000_000) + offSec
        if Int64(ns % 1_000_000_000) + offNsec >= 1_000_000_000 { sec += 1 }
        return sprinttime(sec)
    }

    private static let bootOffset: (Int64, Int64)? = {
        var boot = Glibc.timespec(), real = Glibc.timespec()
        guard clock_gettime(CLOCK_BOOTTIME, &boot) == 0, clock_gettime(CLOCK_REALTIME, &real) == 0 else { return nil }
        var sec = Int64(real.tv_sec) - Int64(boot.tv_sec), nsec = Int64(real.tv_nsec) - Int64(boot.tv_nsec)
        if nsec < 0 { sec -= 1; nsec += 1_000_000_000 }
        return (sec, nsec)
    }()
}
