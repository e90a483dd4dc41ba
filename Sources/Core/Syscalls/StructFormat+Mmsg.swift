// Messages as strace 6.1's msghdr.c and mmsghdr.c print them: a msghdr's name, its length
// (`110 => 36` when the kernel changed it), iovecs, control messages and flags; recvmsg's
// at exit against the length the caller passed; sendmmsg's and recvmmsg's arrays of
// `struct mmsghdr` with each message's msg_len, recvmmsg's timeout as it was at entry and
// the time left after it.

/// The results of this family that say more than the number (`Ret.fsnet`).
enum FSNetRet: Sendable {
    /// recvmmsg: `0 (Timeout)`, else with a timeout in argument `timeout` the time left,
    /// `2 (left {tv_sec=0, tv_nsec=12339018})`; `time32`: i386's 32-bit timespec.
    case mmsgTimeout(timeout: Int, time32: Bool)
}

extension ArgContext {
    /// At most this many messages of recvmmsg's are shown, and their lengths kept (IOV_MAX).
    static let mmsgMax = 1024
    /// `saved` keys: recvmmsg's msg_namelen of message k at entry, and how many were read.
    static let mmsgNamelenKey = 0x1_0000
    static let mmsgCountKey = 0xffff
    /// `saved` key of a timespec's tv_nsec, after its tv_sec at the argument's index.
    static let timespecNsecKey = 0x100

    var msghdrSize: Int { 7 * word }
    var mmsghdrSize: Int { 8 * word }

    /// A msghdr read at `o` of `b` (print_struct_msghdr): `userNamelen` the length the
    /// caller passed (recvmsg, recvmmsg), `dataSize` the bytes its iovecs show at most.
    func msghdrValue(_ b: Bytes, _ o: Int, userNamelen: Int64?, dataSize: Int?) -> SyscallValue {
        let w = word
        let name = b.word(o, w), namelen = b.i32(o + w)
        let iov = b.word(o + 2 * w, w), iovlen = b.word(o + 3 * w, w)
        let control = b.word(o + 4 * w, w), controllen = b.word(o + 5 * w, w)
        let shownLen = userNamelen.map { namelen > $0 ? $0 : namelen } ?? namelen
        // strace decodes the data as netlink messages when the name is a netlink address.
        let netlink = name != 0 && shownLen >= 2 && read(name, Int(min(shownLen, Int64(Self.sockaddrMax))))?.u16(0) == 16
        let lenValue: SyscallValue = userNamelen.map { $0 != namelen ? .change(.int($0), .int(namelen)) : .int(namelen) }
            ?? .int(namelen)
        var data = self
        if let dataSize {
            data.exiting = true
            data.isError = false
            data.ret = Int64(dataSize)
        } else {
            data.exiting = false
        }
        var f = [F("msg_name", sockaddr(name, len: Int(shownLen))), F("msg_namelen", lenValue),
                 F("msg_iov", data.iovec(iov, count: iovlen, netlink: netlink)),
                 F("msg_iovlen", .uint(iovlen))]
        if controllen != 0 { f.append(F("msg_control", msgControl(control, length: controllen))) }
        f.append(F("msg_controllen", .uint(controllen)))
        f.append(F("msg_flags", X.msgFlags.flagsValue(b.u32(o + 6 * w), plain: true)))
        return .structure(f)
    }

    /// recvmsg's message at exit: `{msg_namelen=N}` (the length passed) when the call failed.
    func recvMsghdr(_ i: Int) -> SyscallValue {
        let v = args[i]
        guard let before = saved[i].map({ Int64(Int32(truncatingIfNeeded: $0)) }) else { return .pointer(v) }
        if isError { return .structure([F("msg_namelen", .int(before))]) }
        guard let b = read(v, msghdrSize) else { return .pointer(v) }
        return msghdrValue(b, 0, userNamelen: before, dataSize: retCount)
    }

    /// sendmmsg's or recvmmsg's messages at exit (decode_mmsgvec): sendmmsg's `vlen` of them
    /// with the msg_len of those sent; recvmmsg's received ones, each against the name
    /// length passed and with its data cut at its msg_len.
    func mmsgvec(_ i: Int, send: Bool) -> SyscallValue {
        let addr = args[i]
        if addr == 0 { return .pointer(0) }
        if !send && isError { return .pointer(addr) }
        let result = UInt64(UInt32(truncatingIfNeeded: UInt64(bitPattern: ret)))
        let vlen = send ? args[2] & 0xffff_ffff : result
        let withLen = isError ? 0 : result
        if vlen == 0 { return .array([]) }
        var left = Self.mmsgMax
        if !send, let n = saved[Self.mmsgCountKey] { left = min(left, Int(n)) }
        let size = mmsghdrSize
        let shown = abbreviated ? UInt64(limit) : vlen
        var items: [SyscallValue] = []
        var text = "["
        var k: UInt64 = 0
        while k < vlen {
            if k > 0 { text += ", " }
            let at = addr &+ k &* UInt64(size)
            guard let b = read(at, size) else {
                if k == 0 { return .pointer(addr) }
                return .expr(text + "... /* " + Fmt.hex(at) + " */]", json: .array(items, more: true))
            }
            if k >= shown || left == 0 { return .expr(text + "...]", json: .array(items, more: true)) }
            left -= 1
            let msgLen = b.u32(msghdrSize)
            let user = send ? nil : saved[Self.mmsgNamelenKey + Int(k)].map { Int64(Int32(truncatingIfNeeded: $0)) }
            var f = [F("msg_hdr", msghdrValue(b, 0, userNamelen: user, dataSize: send ? nil : Int(msgLen)))]
            if k < withLen { f.append(F("msg_len", .uint(msgLen))) }
            let item = SyscallValue.structure(f)
            items.append(item)
            text += item.text
            k += 1
        }
        return .expr(text + "]", json: .array(items))
    }

    /// recvmmsg's name lengths at entry (save_mmsgvec_namelen): of the messages that can
    /// be shown (-s of them and one more when abbreviated, as many the display tells apart).
    func saveMmsgNamelens(_ i: Int, into saved: inout [Int: UInt64]) {
        let count = min(Int(args[2] & 0xffff_ffff), Self.mmsgMax, abbreviated ? limit + 1 : Self.mmsgMax)
        var n = 0
        while n < count, let b = read(args[i] &+ UInt64(n * mmsghdrSize), mmsghdrSize) {
            saved[Self.mmsgNamelenKey + n] = b.u32(word)
            n += 1
        }
        saved[Self.mmsgCountKey] = UInt64(n)
    }

    /// A timespec read at entry, shown as it was then.
    func saveTimespec(_ i: Int, time32: Bool, into saved: inout [Int: UInt64]) {
        guard let b = read(args[i], time32 ? 8 : 16) else { return }
        saved[i] = time32 ? UInt64(bitPattern: b.i32(0)) : b.u64(0)
        saved[i + Self.timespecNsecKey] = time32 ? b.u32(4) : b.u64(8)
    }

    func entryTimespec(_ i: Int) -> SyscallValue {
        guard let sec = saved[i], let nsec = saved[i + Self.timespecNsecKey] else { return .pointer(args[i]) }
        return .structure([F("tv_sec", .int(Int64(bitPattern: sec))), F("tv_nsec", .uint(nsec))])
    }

    mutating func fsnetReturn(_ r: FSNetRet) -> SyscallValue {
        switch r {
        case .mmsgTimeout(let t, let time32):
            if ret == 0 { return .expr("0 (Timeout)", json: .int(0)) }
            let v = args[t]
            // Outside -e verbose=, no time left (strace's do_recvmmsg).
            if v == 0 || !verbose { return .int(ret) }
            let left: SyscallValue
            if let b = read(v, time32 ? 8 : 16) {
                left = time32 ? .structure([F("tv_sec", .int(b.i32(0))), F("tv_nsec", .uint(b.u32(4)))]) : timespec(b, 0)
            } else {
                left = .pointer(v)
            }
            return .expr(String(ret) + " (left " + left.text + ")", json: .int(ret))
        }
    }
}

extension CapturePlanner {
    /// The reads of this family's results at exit.
    func addFSNetResult(_ r: FSNetRet, to plan: inout CapturePlan) {
        switch r {
        case .mmsgTimeout(let t, let time32): plan.add(CaptureOp(.memory, a: t, max: time32 ? 8 : 16), exiting: true)
        }
    }

    /// An array of mmsghdrs: each message as a msghdr with its name, iovecs and buffers.
    func addMmsgvec(_ i: Int, send: Bool, to plan: inout CapturePlan) {
        // The decoders read one more message than -s shows (print_array); -v's longer
        // arrays are captured in part.
        let want = min(elements, ArgContext.mmsgMax) + 1
        let items = min(want, CapturePlan.maxItems)
        plan.add(CaptureOp(.mmsghdr, a: i, b: send ? 2 : Int(CaptureOp.resultIndex),
                           flags: CaptureOp.unsigned32 | (want > CapturePlan.maxItems ? CaptureOp.clamped : 0)
                               | (send ? 0 : CaptureOp.messageLength),
                           items: items, scale: word == 8 ? 64 : 32, max: bytes), exiting: true)
        if !send {
            plan.add(CaptureOp(.memoryByArgument, a: i, b: 2, flags: CaptureOp.unsigned32, scale: word == 8 ? 64 : 32,
                               max: min(want * (word == 8 ? 64 : 32), CapturePlan.chunkLimit)), exiting: false)
        }
    }
}
