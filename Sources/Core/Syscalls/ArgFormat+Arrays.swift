/// Arrays in tracee memory: argv and envp (NULL-terminated pointer arrays read a page at a
/// time), group lists and iovecs (strace's print_array and tprint_iov_upto).

extension ArgContext {
    /// The strings of argv: `["ls", "-l"]`; elements beyond -s are cut with "...", as
    /// strace's print_array.
    func argv(_ addr: UInt64) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        // Not cut with -v (strace's sequence_truncation_needed).
        let most = abbreviated ? limit : 1 << 16
        let array = pointers(addr, max: most + 1)
        let items = array.values.prefix(most).map { cString($0, path: false) }
        switch array.end {
        case .null: return .array(items)
        case .unreadable:
            // strace's printargv: `, ... /* 0x… */]`, the address of the pointer it could not read.
            if items.isEmpty { return .pointer(addr) }
            let at = addr &+ UInt64(array.values.count * word)
            return .expr(String(SyscallValue.array(items).text.dropLast()) + ", ... /* " + Fmt.hex(at) + " */]",
                         json: .array(items, more: true))
        case .max: return .array(items, more: true)
        }
    }

    /// `0x7ffd… /* 20 vars */`, typed as `{vars}`.
    func envp(_ addr: UInt64) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        if !verbose { return .pointer(addr) }
        // -v: the strings, as argv's.
        if !abbreviated { return argv(addr) }
        // Counted where the memory was read (trace --bpf counts in the kernel), else here.
        var n = 0
        var unterminated = false
        if let counted = memory.pointerCount(at: addr, max: 1 << 16) {
            (n, unterminated) = counted
        } else {
            let array = pointers(addr, max: 1 << 16)
            n = array.values.count
            unterminated = array.end == .unreadable
        }
        // Not even the first pointer readable: the address alone (strace's printargc).
        if unterminated && n == 0 { return .pointer(addr) }
        return .expr(Fmt.addr(addr) + " /* \(n) var\(n == 1 ? "" : "s")\(unterminated ? ", unterminated" : "") */",
                     json: .structure([F("vars", .int(Int64(n)))]))
    }

    /// How a NULL-terminated pointer array ended.
    enum PointerArrayEnd { case null, unreadable, max }

    /// The pointers of a NULL-terminated array (argv, envp), at most `max` of them. Read a
    /// page at a time: one read up to the end of the page, then the next page (a read
    /// across into an unmapped page would fail as a whole).
    func pointers(_ addr: UInt64, max: Int) -> (values: [UInt64], end: PointerArrayEnd) {
        let page: UInt64 = 4096
        var values: [UInt64] = []
        var next = addr
        while values.count < max {
            let toPageEnd = Int(page - next % page)
            var n = Swift.min(Swift.max(toPageEnd / word, 1), max - values.count)
            var chunk = read(next, n * word)
            if chunk == nil && n > 1 {
                // Memory that is not readable by whole pages (a test's fake): word by word.
                n = 1
                chunk = read(next, word)
            }
            guard let b = chunk else { return (values, .unreadable) }
            for k in 0..<n {
                let p = b.word(k * word, word)
                if p == 0 { return (values, .null) }
                values.append(p)
            }
            next &+= UInt64(n * word)
        }
        return (values, .max)
    }

    /// A group list (print_groups): the address for a count above NGROUPS_MAX (65536).
    func gidList(_ addr: UInt64, count: Int) -> SyscallValue {
        if addr == 0 { return .pointer(0) }
        if count < 0 || count > 65536 { return .pointer(addr) }
        return printArray(addr, count: UInt64(count), size: 4) { b in
            let u = b.u32(0)
            return UInt32(truncatingIfNeeded: u) == .max ? .int(-1) : .uint(u)
        }
    }

    /// An iovec array (strace's tprint_iov_upto): element by element, as print_array (an
    /// element that cannot be read ends the array with `... /* 0x… */`); the buffers' bytes,
    /// at exit only as many as the call returned; after a failed call only their addresses.
    func iovec(_ addr: UInt64, count: UInt64, netlink: Bool = false) -> SyscallValue {
        let w = word
        let addressesOnly = exiting && isError
        var budget = exiting && !isError ? retCount : Int.max
        return printArray(addr, count: count, size: 2 * w) { b in
            let base = b.word(0, w), len = b.word(w, w)
            if addressesOnly { return .structure([F("iov_base", .pointer(base)), F("iov_len", .uint(len))]) }
            let show = min(Int(min(len, 1 << 30)), budget)
            if exiting { budget -= show }
            let data = netlink ? netlinkMessages(base, show, proto: netlinkProtocol()) : buffer(base, show)
            return .structure([F("iov_base", data), F("iov_len", .uint(len))])
        }
    }
}
