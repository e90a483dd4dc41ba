/// `-e read=SET` and `-e write=SET`: the data a call read from or wrote to one of the
/// descriptors in SET, dumped in hex and ASCII under its line, as strace's dumpio: for
/// `write`-like calls what was written, for `read`-like calls (that succeeded) what was
/// read, iovec by iovec (` * 5 bytes in buffer 0`) for the vector and message calls.
public struct IODump: Sendable {
    /// A set of descriptors: numbers, or all but them (`!`), `all`, `none`.
    public struct Descriptors: Sendable, Equatable {
        public var numbers: Set<Int64>
        public var inverted: Bool
        public static let none = Descriptors(numbers: [], inverted: false)
        public init(numbers: Set<Int64>, inverted: Bool) {
            self.numbers = numbers
            self.inverted = inverted
        }
        public func contains(_ fd: Int64) -> Bool { numbers.contains(fd) != inverted }
        public var isEmpty: Bool { numbers.isEmpty && !inverted }

        /// strace's qualify_tokens over descriptor numbers.
        static func parse(_ text: String) throws(TraceQualifiers.TokenError) -> Descriptors {
            let (items, inverted) = try TraceQualifiers.tokens(text, "descriptor") { s -> Int64? in
                guard let n = UInt32(s), n <= Int32.max else { return nil }
                return Int64(n)
            }
            return Descriptors(numbers: Set(items), inverted: inverted)
        }
    }

    public var read = Descriptors.none
    public var write = Descriptors.none
    public init(read: Descriptors = .none, write: Descriptors = .none) {
        self.read = read
        self.write = write
    }

    public var isEmpty: Bool { read.isEmpty && write.isEmpty }

    /// What a kernel-side tracer must read at call `name`'s exit for `text` to dump it
    /// (trace --bpf): the data, when a buffer fits a read (a longer one is not read, and its
    /// dump says so), when the descriptor is one dumped (a condition on argument 0 when the
    /// set is a few small numbers).
    public func capturePlan(name: String, abi: SyscallABI) -> [CaptureOp] {
        // One more than a read holds: a longer buffer is marked over the limit, not read in
        // part (a dump shows it whole or not at all).
        let most = CapturePlan.chunkLimit + 1
        func only(_ set: Descriptors) -> CaptureCondition? {
            guard !set.inverted, let top = set.numbers.max(), top < 64, set.numbers.allSatisfy({ $0 >= 0 }) else { return nil }
            return CaptureCondition(index: 0, mask: 0xffff_ffff, base: 0, bits: set.numbers.reduce(0) { $0 | 1 << UInt64($1) })
        }
        let w = only(write), r = only(read)
        let words = abi == .i386 ? 32 : 64
        var ops: [CaptureOp] = []
        if !write.isEmpty {
            switch name {
            case "write", "pwrite64", "send", "sendto", "mq_timedsend", "mq_timedsend_time64":
                ops.append(CaptureOp(.memoryByArgument, a: 1, b: 2, max: most, when: w))
            case "writev", "pwritev", "pwritev2", "vmsplice":
                ops.append(CaptureOp(.iovec, a: 1, b: 2, flags: CaptureOp.clamped, items: CapturePlan.maxItems, max: most, when: w))
            case "sendmsg":
                ops.append(CaptureOp(.msghdr, a: 1, items: CapturePlan.maxItems, max: most, when: w))
            case "sendmmsg":
                ops.append(CaptureOp(.mmsghdr, a: 1, b: 2, flags: CaptureOp.unsigned32, items: CapturePlan.maxItems,
                                     scale: words, max: most, when: w))
            default: break
            }
        }
        if !read.isEmpty {
            switch name {
            case "read", "pread64", "recv", "recvfrom", "mq_timedreceive", "mq_timedreceive_time64":
                ops.append(CaptureOp(.memoryByResult, a: 1, max: most, when: r))
            case "readv", "preadv", "preadv2":
                ops.append(CaptureOp(.iovec, a: 1, b: 2, flags: CaptureOp.clamped, items: CapturePlan.maxItems, max: most, when: r))
            case "recvmsg":
                ops.append(CaptureOp(.msghdr, a: 1, items: CapturePlan.maxItems, max: most, when: r))
            case "recvmmsg", "recvmmsg_time64":
                ops.append(CaptureOp(.mmsghdr, a: 1, b: Int(CaptureOp.resultIndex),
                                     flags: CaptureOp.unsigned32 | CaptureOp.messageLength, items: CapturePlan.maxItems,
                                     scale: words, max: most, when: r))
            default: break
            }
        }
        return ops
    }

    /// The dump of call `name`'s data (empty when it has none to show), from `memory` at
    /// the call's exit: `ret` is its result, `failed` whether it failed, `pid` the task's (named
    /// when a buffer cannot be read whole, as strace does).
    public func text(name: String, pid: Int32, abi: SyscallABI, args: SyscallArgs, ret: Int64, failed: Bool,
                     memory: TraceeMemory) -> String {
        let fd = Int64(Int32(truncatingIfNeeded: args[0]))
        guard fd >= 0 else { return "" }
        let word = abi == .i386 ? 4 : 8
        var out = ""
        if write.contains(fd) {
            switch name {
            case "write", "pwrite64", "send", "sendto", "mq_timedsend", "mq_timedsend_time64":
                Self.dump(memory, args[1], args[2], pid: pid, to: &out)
            case "writev", "pwritev", "pwritev2", "vmsplice":
                Self.dumpIOV(memory, args[1], Int(Int32(truncatingIfNeeded: args[2])), upTo: .max, word: word, pid: pid, to: &out)
            case "sendmsg":
                Self.dumpMsghdr(memory, args[1], upTo: .max, word: word, pid: pid, to: &out)
            case "sendmmsg":
                // The messages sent; after a failure strace reads on while it can: here the vlen given.
                let count = failed ? args[2] & 0xffff_ffff : UInt64(max(ret, 0))
                Self.dumpMmsghdr(memory, args[1], count: count, word: word, pid: pid, to: &out)
            default: break
            }
        }
        if failed { return out }
        if read.contains(fd) {
            let got = UInt64(max(ret, 0))
            switch name {
            case "read", "pread64", "recv", "recvfrom", "mq_timedreceive", "mq_timedreceive_time64":
                Self.dump(memory, args[1], got, pid: pid, to: &out)
            case "readv", "preadv", "preadv2":
                Self.dumpIOV(memory, args[1], Int(Int32(truncatingIfNeeded: args[2])), upTo: got, word: word, pid: pid, to: &out)
            case "recvmsg":
                Self.dumpMsghdr(memory, args[1], upTo: got, word: word, pid: pid, to: &out)
            case "recvmmsg", "recvmmsg_time64":
                Self.dumpMmsghdr(memory, args[1], count: got, word: word, pid: pid, to: &out)
            default: break
            }
        }
        return out
    }

    /// msghdr's msg_iov and msg_iovlen.
    static func dumpMsghdr(_ memory: TraceeMemory, _ addr: UInt64, upTo size: UInt64, word: Int, pid: Int32,
                        to out: inout String) {
        guard let b = memory.read(at: addr, count: 4 * word) else { return }
        let iov = Bytes(b).word(2 * word, word), count = Bytes(b).word(3 * word, word)
        dumpIOV(memory, iov, Int(min(count, 1 << 20)), upTo: size, word: word, pid: pid, to: &out)
    }

    /// Each of `count` mmsghdrs (strace's dumpiov_in_mmsghdr): ` = N buffers in vector K`,
    /// then its iovecs up to its msg_len.
    static func dumpMmsghdr(_ memory: TraceeMemory, _ addr: UInt64, count: UInt64, word: Int, pid: Int32,
                            to out: inout String) {
        let size = UInt64(8 * word)
        var k: UInt64 = 0
        while k < min(count, 1 << 16), let b = memory.read(at: addr &+ k &* size, count: Int(size)) {
            let m = Bytes(b)
            let iov = m.word(2 * word, word), iovlen = m.word(3 * word, word)
            out += " = \(iovlen) buffers in vector \(k)\n"
            dumpIOV(memory, iov, Int(min(iovlen, 1 << 20)), upTo: m.u32(7 * word), word: word, pid: pid, to: &out)
            k += 1
        }
    }

    /// ` * N bytes in buffer K` and its dump for each iovec, `size` bytes in all.
    static func dumpIOV(_ memory: TraceeMemory, _ addr: UInt64, _ count: Int, upTo size: UInt64, word: Int,
                        pid: Int32, to out: inout String) {
        guard count > 0, count <= 1 << 20, let b = memory.read(at: addr, count: count * 2 * word) else { return }
        let v = Bytes(b)
        var left = size
        for i in 0..<count {
            let base = v.word(2 * i * word, word)
            let len = min(v.word((2 * i + 1) * word, word), left)
            if len == 0 { break }
            left -= len
            out += " * \(len) bytes in buffer \(i)\n"
            dump(memory, base, len, pid: pid, to: &out)
        }
    }

    /// strace's dumpstr: 16 bytes a line, ` | OFFSET  xx xx ... xx  xx ... xx  ASCII |`.
    static func dump(_ memory: TraceeMemory, _ addr: UInt64, _ len: UInt64, pid: Int32, to out: inout String) {
        guard len > 0, len < 1 << 30, addr &+ len >= addr else { return }
        let digits: Int
        if len > 1 << 20 {
            var bits = 0
            var v = len - 1
            while v > 0 { bits += 1; v >>= 1 }
            digits = 1 + (bits - 1) / 4
        } else {
            digits = 5
        }
        let hex: [Character] = Array("0123456789abcdef")
        var i: UInt64 = 0
        let chunk: UInt64 = 1 << 16
        var bytes: [UInt8] = []
        while i < len {
            if i % chunk == 0 {
                let n = Int(min(len - i, chunk))
                guard let b = memory.read(at: addr + i, count: n) else {
                    if i > 0 { out += " | <Cannot fetch \(n) byte\(n == 1 ? "" : "s") from pid \(pid) @\(Fmt.hex(addr + i))>\n" }
                    return
                }
                bytes = b
            }
            var line = " | "
            let offset = String(i, radix: 16)
            line += String(repeating: "0", count: max(0, digits - offset.count)) + offset + "  "
            var ascii = ""
            for k in 0..<UInt64(16) {
                if i + k < len {
                    let c = bytes[Int((i + k) % chunk)]
                    line.append(hex[Int(c >> 4)])
                    line.append(hex[Int(c & 15)])
                    ascii.append(c >= 0x20 && c <= 0x7E ? Character(UnicodeScalar(c)) : ".")
                } else {
                    line += "  "
                    ascii += " "
                }
                line += " "
                if k == 7 || k == 15 { line += " " }
            }
            out += line + ascii + " |\n"
            i += 16
        }
    }
}
