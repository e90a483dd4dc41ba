/// The Linux AIO calls (io_setup, io_submit, io_cancel, io_getevents, io_pgetevents), as
/// strace 6.1's aio.c prints them: `struct iocb` by the command it carries, `struct
/// io_event` arrays by the result.
extension X {
    static let aioCommands = Xlat("IOCB_CMD_???", [
        (0, "IOCB_CMD_PREAD"), (1, "IOCB_CMD_PWRITE"), (2, "IOCB_CMD_FSYNC"), (3, "IOCB_CMD_FDSYNC"),
        (4, "IOCB_CMD_PREADX"), (5, "IOCB_CMD_POLL"), (6, "IOCB_CMD_NOOP"), (7, "IOCB_CMD_PREADV"),
        (8, "IOCB_CMD_PWRITEV")])
    static let aioIocbFlags = Xlat("IOCB_FLAG_???", [(0x1, "IOCB_FLAG_RESFD"), (0x2, "IOCB_FLAG_IOPRIO")])
}

extension ArgContext {
    static let iocbSize = 64

    /// io_submit's iocbpp: an array of `count` pointers, each to an iocb (its address when
    /// it cannot be read); the count's address alone when it is negative.
    func aioIocbs(_ addr: UInt64, count: UInt64) -> SyscallValue {
        let n = word == 4 ? Int64(Int32(truncatingIfNeeded: count)) : Int64(bitPattern: count)
        if n < 0 { return .pointer(addr) }
        let w = word
        return printArray(addr, count: UInt64(n), size: w) { b in
            let p = b.word(0, w)
            guard let cb = read(p, Self.iocbSize) else { return .pointer(p) }
            return iocb(cb, header: false)
        }
    }

    /// `{aio_data=..., aio_lio_opcode=..., aio_fildes=..., ...}`: the header, and with
    /// `header` false what the command uses (its buffer, vector or poll events, offset and
    /// flags).
    func iocb(_ b: Bytes, header only: Bool) -> SyscallValue {
        let data = b.u64(0), key = b.u32(8), rwFlags = b.u32(12), opcode = UInt64(b.u16(16))
        let reqprio = b.u16(18), flags = b.u32(56), resfd = b.u32(60)
        let buf = b.u64(24), nbytes = b.u64(32), offset = b.i64(40)
        var f = [F("aio_data", .uint(data, text: Fmt.hex(data)))]
        if key != 0 { f.append(F("aio_key", .uint(UInt64(key)))) }
        if rwFlags != 0 { f.append(F("aio_rw_flags", X.rwfFlags.flagsValue(UInt64(rwFlags)))) }
        let name = X.aioCommands.name(opcode)
        f.append(F("aio_lio_opcode", .symbol(Int64(opcode), name: name,
                                             text: name.map { DecodeStyle.constant($0, number: String(opcode)) }
                                                 ?? String(opcode) + " /* IOCB_CMD_??? */")))
        if flags & 2 != 0 {
            f.append(F("aio_reqprio", ioprioValue(UInt32(truncatingIfNeeded: reqprio), signed: false)))
        } else if reqprio != 0 {
            f.append(F("aio_reqprio", .int(Int64(Int16(truncatingIfNeeded: reqprio)))))
        }
        f.append(F("aio_fildes", fdValue(Int64(Int32(truncatingIfNeeded: b.u32(20))))))
        if only { return .structure(f) }
        // The buffer's fields are trusted only when they fit the types the kernel reads.
        let valid = Int64(bitPattern: nbytes) >= 0
        var common = false
        switch opcode {
        case 0, 1:                                                      // PREAD, PWRITE
            f.append(F("aio_buf", opcode == 1 && valid ? buffer(buf, Int(min(nbytes, 1 << 30)))
                                                       : .uint(buf, text: Fmt.hex(buf))))
            f.append(F("aio_nbytes", .uint(nbytes)))
            f.append(F("aio_offset", .int(offset)))
            common = true
        case 7, 8:                                                      // PREADV, PWRITEV
            if valid {
                f.append(F("aio_buf", iovArray(buf, count: nbytes, data: opcode == 8 ? UInt64.max : nil)))
            } else {
                f.append(F("aio_buf", .uint(buf, text: Fmt.hex(buf))))
                f.append(F("aio_nbytes", .uint(nbytes)))
            }
            f.append(F("aio_offset", .int(offset)))
            common = true
        case 5:                                                         // POLL
            f.append(F("aio_buf", X.pollEvents.flagsValue(buf)))
            common = true
        default: break
        }
        if common {
            if flags != 0 { f.append(F("aio_flags", X.aioIocbFlags.flagsValue(UInt64(flags)))) }
            if flags & 1 != 0 {
                f.append(F("aio_resfd", fdValue(Int64(Int32(truncatingIfNeeded: resfd)))))
            } else if resfd != 0 {
                f.append(F("aio_resfd", .uint(UInt64(resfd), text: Fmt.hex(UInt64(resfd)))))
            }
        }
        return .structure(f)
    }

    /// `{data=0x..., obj=0x..., res=N, res2=N}`.
    static func ioEvent(_ b: Bytes) -> SyscallValue {
        .structure([F("data", .uint(b.u64(0), text: Fmt.hex(b.u64(0)))), F("obj", .uint(b.u64(8), text: Fmt.hex(b.u64(8)))),
                    F("res", .int(b.i64(16))), F("res2", .int(b.i64(24)))])
    }
}
