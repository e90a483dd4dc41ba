// The file metadata strace shows whole with -v: `struct stat`, `struct statx` and the
// entries of getdents/getdents64 (strace 6.1's print_struct_stat, statx.c, xgetdents),
// abbreviated otherwise (StructFormat+FS.swift has the rest of the file-system calls).

// MARK: stat and statx with -v (strace print_struct_stat, statx)

extension ArgContext {
    /// x86_64's `struct stat`, every field, as strace prints it unabbreviated.
    func statFull(_ addr: UInt64) -> SyscallValue {
        guard addr != 0 else { return .pointer(0) }
        guard let b = read(addr, 144) else { return .pointer(addr) }
        let m = b.u32(24)
        var f = [F("st_dev", dev(b.u64(0))), F("st_ino", .uint(b.u64(8))), F("st_mode", .uint(m, text: umode(m))),
                 F("st_nlink", .uint(b.u64(16))), F("st_uid", .uint(b.u32(28))), F("st_gid", .uint(b.u32(32))),
                 F("st_blksize", .uint(b.u64(56))), F("st_blocks", .uint(b.u64(64)))]
        let type = m & 0o170000
        if type == 0o020000 || type == 0o060000 { f.append(F("st_rdev", dev(b.u64(40)))) }
        else { f.append(F("st_size", .uint(b.u64(48)))) }
        for (name, o) in [("st_atime", 72), ("st_mtime", 88), ("st_ctime", 104)] {
            let sec = b.i64(o), nsec = b.u64(o + 8)
            // The date as strace's sprinttime_nsec gives it (none for 0, or a bad fraction).
            let date = Self.sprinttime(sec, part: nsec, max: 999_999_999, width: 9)
            f.append(F(name, date.map { .commented(.int(sec), $0) } ?? .int(sec)))
            f.append(F(name + "_nsec", .uint(nsec)))
        }
        return .structure(f)
    }

    /// `struct statx`, every field its mask says is there, as strace prints it unabbreviated.
    func statxFull(_ addr: UInt64) -> SyscallValue {
        guard let b = read(addr, 256) else { return .pointer(addr) }
        let mask = b.u32(0)
        func id(_ o: Int) -> SyscallValue { b.u32(o) == 0xffff_ffff ? .int(-1) : .uint(b.u32(o)) }
        func time(_ o: Int) -> SyscallValue {
            let value = SyscallValue.structure([F("tv_sec", .int(b.i64(o))), F("tv_nsec", .uint(b.u32(o + 8)))])
            return Self.sprinttime(b.i64(o), part: b.u32(o + 8), max: 999_999_999, width: 9).map { .commented(value, $0) } ?? value
        }
        var f = [F("stx_mask", X.statxMask.flagsValue(mask)), F("stx_blksize", .uint(b.u32(4))),
                 F("stx_attributes", X.statxAttrs.flagsValue(b.u64(8)))]
        if mask & 0x4 != 0 { f.append(F("stx_nlink", .uint(b.u32(16)))) }
        if mask & 0x8 != 0 { f.append(F("stx_uid", id(20))) }
        if mask & 0x10 != 0 { f.append(F("stx_gid", id(24))) }
        if mask & 0x3 != 0 { f.append(F("stx_mode", .uint(b.u16(28), text: umode(b.u16(28))))) }
        if mask & 0x100 != 0 { f.append(F("stx_ino", .uint(b.u64(32)))) }
        if mask & 0x200 != 0 { f.append(F("stx_size", .uint(b.u64(40)))) }
        if mask & 0x400 != 0 { f.append(F("stx_blocks", .uint(b.u64(48)))) }
        f.append(F("stx_attributes_mask", X.statxAttrs.flagsValue(b.u64(56))))
        for (name, bit, o) in [("stx_atime", 0x20, 64), ("stx_btime", 0x800, 80), ("stx_ctime", 0x80, 96),
                               ("stx_mtime", 0x40, 112)] where mask & UInt64(bit) != 0 {
            f.append(F(name, time(o)))
        }
        for (k, name) in ["stx_rdev_major", "stx_rdev_minor", "stx_dev_major", "stx_dev_minor"].enumerated() {
            f.append(F(name, .uint(b.u32(128 + 4 * k))))
        }
        if mask & 0x1000 != 0 { f.append(F("stx_mnt_id", .uint(b.u64(144), text: Fmt.hex(b.u64(144))))) }
        if mask & 0x2000 != 0 {
            f.append(F("stx_dio_mem_align", .uint(b.u32(152))))
            f.append(F("stx_dio_offset_align", .uint(b.u32(156))))
        }
        return .structure(f)
    }
}

// MARK: getdents with -v (strace xgetdents)

extension ArgContext {
    /// Every record of a getdents/getdents64 buffer of `ret` bytes, as strace prints them
    /// unabbreviated.
    func direntsFull(_ addr: UInt64, is64: Bool) -> SyscallValue {
        let count = args[2] & 0xffff_ffff
        if UInt64(bitPattern: ret) > count { return .pointer(addr) }
        let header = is64 ? 19 : 18
        var len = retCount
        var at = addr
        var items: [SyscallValue] = []
        var text = ""
        var records = 0
        while true {
            if len < header {
                if len == 0 {
                    text += "["
                    records += 1
                } else {
                    text += buffer(at, len, hex: true).text
                }
                break
            }
            guard let h = read(at, header) else {
                text += records > 0 ? "... /* " + Fmt.hex(at) + " */" : Fmt.addr(at)
                break
            }
            if records == 0 { text += "[" }
            records += 1
            var reclen = Int(h.u16(16))
            var fields = [F("d_ino", .uint(h.u64(0))), F("d_off", .uint(h.u64(8))), F("d_reclen", .uint(UInt64(reclen)))]
            var comment = ""
            var next = 0
            if reclen > len {
                comment = " /* \(reclen - len) bytes overflow */"
                reclen = len
            } else if reclen < header {
                comment = " /* \(header - reclen) bytes underflow */"
                reclen = header
                next = len - header
            } else {
                next = len - reclen
            }
            len = next
            let tail = reclen - header
            var failed = false
            func name(_ n: Int) {
                let max = min(n, 256) - 1
                var value = SyscallValue.pointer(at + UInt64(header))
                if !memory.withCString(at: at + UInt64(header), limit: max + 1, { bytes, terminated in
                    value = .string(Array(bytes.prefix(max)), truncated: !terminated || bytes.count > max)
                }) { failed = true }
                fields.append(F("d_name", value))
            }
            if is64 {
                fields.append(F("d_type", X.direntTypes.symbolValue(h.u8(18))))
                if tail > 0 { name(tail) }
            } else if tail > 0 {
                if tail - 1 > 0 { name(tail - 1) }
                if let t = read(at + UInt64(header + tail - 1), 1) {
                    fields.append(F("d_type", X.direntTypes.symbolValue(t.u8(0))))
                } else {
                    fields.append(F("d_type", .pointer(at + UInt64(header + tail - 1))))
                    failed = true
                }
            }
            let record = SyscallValue.structure(fields)
            items.append(record)
            text += comment.isEmpty ? record.text : String(record.text.dropLast()) + comment + "}"
            if next == 0 { break }
            text += ", "
            if failed {
                text += "..."
                break
            }
            at += UInt64(reclen)
        }
        if records > 0 { text += "]" }
        return .expr(text, json: .array(items))
    }
}
