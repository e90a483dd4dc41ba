// What a kernel-side tracer must read of a call's memory so that the decoders, run later on
// what it read, print what they would print reading the tracee at the call's stops
// (`trace --bpf`, docs/bpf.md). Derived from the syscall table's signatures: every argument
// type that makes the decoders read memory says what to read, at entry or at exit.
//
// The plan is data for the kernel (NSBPF turns it into the C `struct nsb_cap`): which
// argument holds the address, how many bytes (a constant, another argument, the result,
// a length the tracee stores), strings up to a limit, pointer arrays (argv), iovecs and
// msghdrs with their buffers, and with -y the files of descriptors. A read the plan does not
// cover is no error: the decoder then prints the address, marked as not captured
// (`CapturedMemory`).

/// One read the kernel makes at a call's entry or exit.
public struct CaptureOp: Equatable, Hashable, Sendable {
    /// The kinds, with the raw values of the C header's NSB_CAP_*.
    public enum Kind: UInt8, Sendable {
        /// A NUL-terminated string at args[a], at most `max` bytes read (the NUL included).
        case string = 1
        /// `max` bytes at args[a].
        case memory = 2
        /// min(args[b] * scale, max) bytes at args[a].
        case memoryByArgument = 3
        /// (exit) min(result * scale, max) bytes at args[a].
        case memoryByResult = 4
        /// The u32 at args[b], then min(that, max) bytes at args[a].
        case memoryByLengthPointer = 5
        /// An fd_set of args[b] bits at args[a].
        case fdSet = 6
        /// A NULL-terminated array of at most `items` strings (argv), each at most `max` read.
        case stringArray = 7
        /// A NULL-terminated pointer array at args[a], counted (envp).
        case countedArray = 8
        /// min(args[b], items) iovecs at args[a] and each buffer (at most `max` each).
        case iovec = 9
        /// A msghdr at args[a]: its name, iovecs and their buffers.
        case msghdr = 10
        /// (-y) the file of descriptor args[a], or of the result when b == resultIndex.
        case fd = 11
        /// (-y) the files of the two ints at args[a].
        case fdPair = 12
        /// 16 bytes at args[a], then `max` bytes at the pointer they start with.
        case dereference = 13
        /// clone3's clone_args at args[a] (min(args[b], max) bytes) and its set_tid array.
        case cloneArgs = 14
        /// bpf(2)'s union bpf_attr at args[a] (min(args[b], 4096) bytes) and what its command's
        /// fields point at (StructFormat+BPF.swift); `max` is a string's read.
        case bpfAttr = 15
        /// min(args[b], items) pointers at args[a], then `max` bytes at each that is not NULL.
        case pointedStructs = 16
        /// min(args[b] (or the result), items) mmsghdrs of `scale` bytes at args[a], and each
        /// one's name, iovecs and buffers (as `msghdr`).
        case mmsghdr = 17
        /// `items` bytes at args[a], then `max` bytes at each of the pointers `scale` and
        /// `scale + 8` bytes into them (when inside): a structure's arrays.
        case dereferenceAt = 18
        /// (-y) the files of `items` ints at args[a] + `scale` (min(args[b], items) when b
        /// is an argument; 16 at most), `max` bytes apart (0: 4; 8: pollfds): a structure's
        /// descriptor, an array of them.
        case descriptors = 19
        /// (-y) the file of descriptor args[a] of the process pidfd args[b] refers to
        /// (pidfd_getfd's), keyed args[a] | otherProcess.
        case pidfdDescriptor = 20
        /// What socket descriptor args[a] is (netlink buffers are decoded by its protocol).
        case socket = 21
        /// (-y) the files of the descriptors set in the `items` fd_sets args[a]... of args[b]
        /// bits (select's), the first 16.
        case fdsetFiles = 22
        /// io_submit's min(args[b], items) iocb pointers at args[a], each iocb, and what it
        /// points at: a write's data (`max` bytes), a vector's iovecs (not a vectored write's
        /// data: shown as not captured).
        case iocbs = 23
    }

    /// A descriptor of another process (pidfdDescriptor) is keyed with this bit set (NSB_FD_OTHER).
    public static let otherProcess: UInt64 = 1 << 40

    /// `b` naming the result instead of an argument (NSB_ARG_RET).
    public static let resultIndex: UInt8 = 0xff

    /// `flags` (NSB_CAPF_CLAMPED): `items` is less than the decoders read, the kernel's own
    /// limit: a longer array is not captured (rather than captured in part).
    public static let clamped: UInt8 = 1
    /// `flags`: args[b] is an unsigned int (its low 32 bits), or an int (nothing read when negative).
    public static let unsigned32: UInt8 = 2
    public static let signed32: UInt8 = 4
    /// `flags` (NSB_CAPF_CLONE_RESULTS, cloneArgs at exit): also the pidfd and parent_tid ints
    /// the kernel wrote where clone_args points.
    public static let cloneResults: UInt8 = 8
    /// `flags` (NSB_CAPF_MSGLEN, mmsghdr): each message's buffers at most its msg_len.
    public static let messageLength: UInt8 = 16
    /// `flags` (NSB_CAPF_NETLINK, memoryByArgument/memoryByResult): on a netlink socket
    /// (args[0]) the buffer whole, up to a chunk, for the decoder reads its messages whole.
    public static let netlinkWhole: UInt8 = 32
    /// `flags` (NSB_CAPF_FDS, bpfAttr, -y): also the files of the attributes' descriptors.
    public static let bpfDescriptors: UInt8 = 64
    /// `flags` (NSB_CAPF_VERBOSE, bpfAttr, -v): also what only whole lines show (a
    /// program's instructions).
    public static let verbose: UInt8 = 128

    public var kind: Kind
    public var a: UInt8
    public var b: UInt8
    public var flags: UInt8
    public var items: UInt16
    public var scale: UInt16
    public var max: UInt32
    /// Made only when this holds (nil: always): a read that only some commands of a call
    /// need (fcntl's struct flock, futex's timeout), not tried at an argument that is a
    /// number for the others (a read at address 1 costs the kernel a page fault).
    public var when: CaptureCondition?

    public init(_ kind: Kind, a: Int, b: Int = 0, flags: UInt8 = 0, items: Int = 0, scale: Int = 1, max: Int = 0,
                when: CaptureCondition? = nil) {
        self.kind = kind
        self.a = UInt8(clamping: a)
        self.b = UInt8(clamping: b)
        self.flags = flags
        self.items = UInt16(clamping: items)
        self.scale = UInt16(clamping: scale)
        self.max = UInt32(clamping: Swift.max(max, 0))
        self.when = when
    }

    /// The same read, whatever its condition.
    var unconditional: CaptureOp {
        var op = self
        op.when = nil
        return op
    }
}

/// A condition on a call's arguments (the C `nsb_cap`'s `when` fields): argument `index`,
/// masked with `mask`, is one of the 64 values from `base` whose bits are set in `bits`.
public struct CaptureCondition: Equatable, Hashable, Sendable {
    public var index: UInt8
    public var mask: UInt64
    public var base: UInt64
    public var bits: UInt64

    public init(index: Int, mask: UInt64, base: UInt64, bits: UInt64) {
        self.index = UInt8(clamping: index)
        self.mask = mask
        self.base = base
        self.bits = bits
    }

    /// Whether `args` meet it, as the programs test it.
    public func holds(_ args: SyscallArgs) -> Bool {
        let v = (args[Int(index) % 6] & mask) &- base
        return v < 64 && (bits >> v) & 1 != 0
    }

    /// The conditions that hold for exactly `values` of argument `index` masked with `mask`
    /// (the fewest windows of 64 values).
    static func covering(_ values: Set<UInt64>, index: Int, mask: UInt64) -> [CaptureCondition] {
        var out: [CaptureCondition] = []
        for v in values.sorted() {
            if let last = out.last, v &- last.base < 64 {
                out[out.count - 1].bits |= 1 << (v - last.base)
            } else {
                out.append(CaptureCondition(index: index, mask: mask, base: v, bits: 1))
            }
        }
        return out
    }
}

/// The reads of one call: at its entry and at its exit.
public struct CapturePlan: Equatable, Sendable {
    public var entry: [CaptureOp] = []
    public var exit: [CaptureOp] = []
    /// The kernel takes at most this many reads of each side; the plan keeps the first ones.
    public static let maxOps = 6
    /// One read's limit in the kernel (NSB_CHUNK_MAX): a longer one is not captured.
    public static let chunkLimit = 1 << 15
    /// poll's result lists the ready entries among the first this many (one read's worth).
    static let pollResultEntries = chunkLimit / 8
    /// How many argv strings and iovecs are read at most (the programs' STRV_MAX, IOV_MAX_ITEMS).
    public static let maxItems = 64

    public init(entry: [CaptureOp] = [], exit: [CaptureOp] = []) {
        self.entry = entry
        self.exit = exit
    }

    /// Whether it reads nothing.
    public var isEmpty: Bool { entry.isEmpty && exit.isEmpty }

    mutating func add(_ op: CaptureOp, exiting: Bool) {
        if exiting { Self.merge(op, into: &exit) } else { Self.merge(op, into: &entry) }
    }

    /// Adds `op` unless an equal one or a larger read of the same kind at the same place is
    /// there; a smaller one is replaced.
    static func merge(_ op: CaptureOp, into ops: inout [CaptureOp]) {
        for (i, o) in ops.enumerated() where o.kind == op.kind && o.a == op.a && o.b == op.b && o.scale == op.scale
            && o.flags == op.flags {
            ops[i].max = Swift.max(o.max, op.max)
            ops[i].items = Swift.max(o.items, op.items)
            return
        }
        ops.append(op)
    }

    /// The plan cut to what the kernel takes.
    var trimmed: CapturePlan {
        CapturePlan(entry: Array(entry.prefix(Self.maxOps)), exit: Array(exit.prefix(Self.maxOps)))
    }
}

extension SyscallDecoder.Call {
    /// What the kernel must read for the decoders to show this call as they would at its
    /// stops, with these options (`-s` sets the string and buffer sizes, `-y` adds the files
    /// of descriptors). For a call whose shape depends on its arguments (ioctl, prctl,
    /// fcntl, ...), the reads of every shape.
    public func capturePlan(options: DecodeOptions) -> CapturePlan {
        var plan = CapturePlan()
        let planner = CapturePlanner(options: options, abi: abi, abbreviated: options.abbreviates(name))
        switch signature {
        case nil: return plan
        case .fixed(let p): planner.add(p, to: &plan)
        case .dynamic(let d):
            if let selected = planner.selected(d) { return selected }
            for args in CapturePlanner.shapes(d) {
                planner.add(SyscallDecoder.resolve(d, abi: abi, args), to: &plan)
            }
        }
        return plan.trimmed
    }
}

extension Dynamic {
    /// The argument whose value alone picks the shape of the call (masked as the decoder
    /// reads it), for the calls whose reads are made only for the values that need them.
    var selector: (index: Int, mask: UInt64)? {
        switch self {
        case .fcntl, .ioctl: return (1, 0xffff_ffff)
        case .futex: return (1, 0x7f)
        case .prctl, .archPrctl, .dbg(.ptrace): return (0, ~0)
        case .dbg(.keyctl): return (0, 0xffff_ffff)
        case .proc(.kcmp): return (2, ~0)           // KCMP_FILE's idx2 is a descriptor
        default: return nil
        }
    }
}

extension SyscallArgs {
    /// Arguments that select each shape of a dynamic call: argument `index` set to each of
    /// `values` (and `extra` set too), the others 0.
    static func shapes(at index: Int, _ values: [UInt64], _ extra: (Int, UInt64)? = nil) -> [SyscallArgs] {
        values.map { v in
            var a = SyscallArgs((0, 0, 0, 0, 0, 0))
            a[index] = v
            if let (i, x) = extra { a[i] = x }
            return a
        }
    }
}

/// Turns the slots of a plan into reads.
struct CapturePlanner {
    let options: DecodeOptions
    let abi: SyscallABI
    /// Whether the call's lines are abbreviated (not with -v or outside `-e abbrev=`).
    let abbreviated: Bool

    init(options: DecodeOptions, abi: SyscallABI, abbreviated: Bool = true) {
        self.options = options
        self.abi = abi
        self.abbreviated = abbreviated
    }

    var word: Int { abi == .i386 ? 4 : 8 }
    /// `-s`, as ArgContext.limit, within what one read can hold.
    var limit: Int { min(max(options.stringLimit, 0), Int(Int32.max)) }
    /// A string of at most `max` bytes is read as `max + 1` (ArgContext's withCString limit),
    /// and the kernel reads one more to tell a cut string from one that fits.
    func stringRead(_ max: Int) -> Int { min(max + 2, CapturePlan.chunkLimit) }
    /// A buffer's read: one byte more than -s shows (ArgContext.bufferRead).
    var bytes: Int { min(limit + 1, CapturePlan.chunkLimit) }
    var items: Int { min(elements, CapturePlan.maxItems) }
    /// How many elements of an array the decoders show: -s, or all of them when the line
    /// is not abbreviated (strace's sequence_truncation_needed); the kernel's own limits
    /// (64 items, a 32 KiB read) still apply, past them the array is marked not captured.
    var elements: Int { abbreviated ? limit : Int(Int32.max) - 1 }

    /// A selector's value that no decoder names (their `default:` shape).
    static let unnamed: UInt64 = 0x7ead_beef

    /// The plan of a call with a selector: each read made only for the selector's values
    /// whose shapes need it. Reads of the same place that differ in size are one read of the
    /// largest size when they would not fit the kernel's table otherwise (as in the plan of
    /// every shape), and nil when even those do not fit (then every shape's reads are made,
    /// whatever the arguments).
    func selected(_ d: Dynamic) -> CapturePlan? {
        guard let (index, mask) = d.selector else { return nil }
        // The reads of a value no case names (the decoder's default) are made always.
        var always = CapturePlan()
        add(SyscallDecoder.resolve(d, abi: abi, SyscallArgs.shapes(at: index, [Self.unnamed & mask])[0]), to: &always)
        var shapes: [(value: UInt64, plan: CapturePlan)] = []
        for args in CapturePlanner.shapes(d) {
            var one = CapturePlan()
            add(SyscallDecoder.resolve(d, abi: abi, args), to: &one)
            one.entry.removeAll { always.entry.contains($0) }
            one.exit.removeAll { always.exit.contains($0) }
            shapes.append((args[index] & mask, one))
        }
        for sized in [true, false] {
            let plan = CapturePlan(entry: always.entry + conditional(shapes.map { ($0.value, $0.plan.entry) }, sized: sized,
                                                                     index: index, mask: mask),
                                   exit: always.exit + conditional(shapes.map { ($0.value, $0.plan.exit) }, sized: sized,
                                                                   index: index, mask: mask))
            if plan.entry.count <= CapturePlan.maxOps, plan.exit.count <= CapturePlan.maxOps { return plan }
        }
        return nil
    }

    /// One side's reads of each value's shape, each made when the selector has one of its values.
    private func conditional(_ shapes: [(UInt64, [CaptureOp])], sized: Bool, index: Int, mask: UInt64) -> [CaptureOp] {
        func place(_ op: CaptureOp) -> CaptureOp {
            var o = op
            if !sized { o.max = 0; o.items = 0 }
            return o
        }
        var reads: [CaptureOp: (op: CaptureOp, values: Set<UInt64>)] = [:]
        var order: [CaptureOp] = []   // first seen first, as in the plan of every shape
        for (value, ops) in shapes {
            for op in ops {
                let key = place(op)
                if var r = reads[key] {
                    r.op.max = Swift.max(r.op.max, op.max)
                    r.op.items = Swift.max(r.op.items, op.items)
                    r.values.insert(value)
                    reads[key] = r
                } else {
                    reads[key] = (op, [value])
                    order.append(key)
                }
            }
        }
        return order.flatMap { key in
            let r = reads[key]!
            return CaptureCondition.covering(r.values, index: index, mask: mask).map { c in
                var o = r.op
                o.when = c
                return o
            }
        }
    }

    /// (-y) The file of the int `offset` bytes into the structure at args[i].
    func descriptor(_ i: Int, at offset: Int) -> CaptureOp {
        CaptureOp(.descriptors, a: i, b: 6, items: 1, scale: offset)
    }

    /// (-y) The files of the first 16 of args[count] pollfds at args[i] (their fd fields, 8
    /// bytes apart).
    func pollDescriptors(_ i: Int, _ count: Int) -> CaptureOp {
        CaptureOp(.descriptors, a: i, b: count, flags: CaptureOp.unsigned32, items: 16, scale: 0, max: 8)
    }

    /// A struct sock_fprog at args[i] and the instructions its `filter` points at (as many
    /// as a read holds: 4096, BPF_MAXINSNS; a filter at the end of the tracee's memory is
    /// read up to there).
    func filterInstructions(_ i: Int, when: CaptureCondition? = nil) -> CaptureOp {
        CaptureOp(.dereferenceAt, a: i, items: 16, scale: 8, max: min(4096 * 8, CapturePlan.chunkLimit), when: when)
    }

    func add(_ p: Plan, to plan: inout CapturePlan) {
        let deferred = p.slots.firstIndex { $0.isOut } ?? p.slots.count
        for (k, slot) in p.slots.enumerated() {
            let exiting = k >= deferred
            add(slot.arg, slot.index, exiting: exiting, to: &plan)
            // In/out values are read at entry too (ArgContext.save).
            if exiting { addSaved(slot.arg, slot.index, to: &plan) }
        }
        addResult(p.ret, to: &plan)
    }

    /// The reads of ArgContext.save at entry.
    func addSaved(_ arg: Arg, _ i: Int, to plan: inout CapturePlan) {
        switch arg {
        case .out(let inner), .named(_, let inner): addSaved(inner, i, to: &plan)
        case .socklenInOut: plan.add(CaptureOp(.memory, a: i, max: 4), exiting: false)
        case .sockOptValOut(let l): plan.add(CaptureOp(.memory, a: l, max: 4), exiting: false)
        case .int64InOut: plan.add(CaptureOp(.memory, a: i, max: 8), exiting: false)
        case .proc(let p): addProcSaved(p, i, to: &plan)
        case .dbg(let k): addDbgSaved(k, i, to: &plan)
        default: break
        }
    }

    func add(_ arg: Arg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {
        func mem(_ n: Int) { plan.add(CaptureOp(.memory, a: i, max: n), exiting: exiting) }
        func fd() { if options.resolveFDs { plan.add(CaptureOp(.fd, a: i), exiting: exiting) } }
        switch arg {
        case .named(_, let inner): add(inner, i, exiting: exiting, to: &plan)
        case .out(let inner): add(inner, i, exiting: true, to: &plan)
        case .fd, .dirfd: fd()
        case .path, .xattrName: plan.add(CaptureOp(.string, a: i, max: stringRead(4096)), exiting: exiting)
        case .str: plan.add(CaptureOp(.string, a: i, max: stringRead(limit)), exiting: exiting)
        case .cwdRet: plan.add(CaptureOp(.string, a: i, max: stringRead(4096)), exiting: true)
        case .sockBuf(len: let n):
            // On a netlink socket: its messages, decoded by the socket's protocol.
            plan.add(CaptureOp(.socket, a: 0), exiting: exiting)
            plan.add(CaptureOp(.memoryByArgument, a: i, b: n, flags: CaptureOp.netlinkWhole, max: bytes), exiting: exiting)
        case .strLen(let n), .bufIn(let n):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: n, max: bytes), exiting: exiting)
        case .sockBufRet:
            plan.add(CaptureOp(.socket, a: 0), exiting: true)
            plan.add(CaptureOp(.memoryByResult, a: i, flags: CaptureOp.netlinkWhole, max: bytes), exiting: true)
        case .bufRet, .strRet, .bufRetHex:
            plan.add(CaptureOp(.memoryByResult, a: i, max: bytes), exiting: true)
        case .iov(let n):
            // printArray reads one element more than -s shows.
            plan.add(CaptureOp(.iovec, a: i, b: n, flags: elements + 1 > CapturePlan.maxItems ? CaptureOp.clamped : 0,
                               items: min(elements + 1, CapturePlan.maxItems), max: bytes),
                     exiting: exiting)
        case .argv:
            // The decoders read -s + 1 pointers (to know there are more) and -s strings.
            let want = elements < Int(Int32.max) ? elements + 1 : elements
            plan.add(CaptureOp(.stringArray, a: i, flags: want > CapturePlan.maxItems ? CaptureOp.clamped : 0,
                               items: min(want, CapturePlan.maxItems), max: stringRead(limit)), exiting: exiting)
        case .envp where abbreviated: plan.add(CaptureOp(.countedArray, a: i), exiting: exiting)
        case .envp: add(.argv, i, exiting: exiting, to: &plan)   // -v: its strings, as argv's
        case .intPtr, .uintPtr, .uidPtr, .signalPtr, .socklenInOut, .waitStatus: mem(4)
        case .int64Ptr, .int64InOut: mem(8)
        case .hexPtr: mem(word)
        case .fdPair:
            mem(8)
            if options.resolveFDs { plan.add(CaptureOp(.fdPair, a: i), exiting: true) }
        case .gidList(let n):
            // The decoder reads one more than -s shows (print_array).
            if n < 0 {
                plan.add(CaptureOp(.memoryByResult, a: i, scale: 4, max: min((elements + 1) * 4, CapturePlan.chunkLimit)),
                         exiting: true)
            } else {
                plan.add(CaptureOp(.memoryByArgument, a: i, b: n, flags: CaptureOp.signed32, scale: 4,
                               max: min((elements + 1) * 4, CapturePlan.chunkLimit)), exiting: exiting)
            }
        case .sigset(let size): plan.add(CaptureOp(.memoryByArgument, a: i, b: size, max: 8), exiting: exiting)
        case .sigaction: mem(3 * word + 8)
        case .stackT: mem(24)
        case .timespec, .remTimespec, .timeval: mem(16)
        case .timezone, .winsize, .capHeader: mem(8)
        case .itimerval, .itimerspec, .utimes, .tms, .mountAttr: mem(32)
        // -v: all of it, not only the times.
        case .rusage: mem(abbreviated ? 32 : 144)
        case .stat: mem(144)
        case .statx: mem(256)
        case .statfs: mem(120)
        case .rlimit: mem(16)
        case .utsname: mem(abbreviated ? 130 : 390)   // -v: all six fields
        case .sysinfo: mem(112)
        case .siginfo:
            mem(128)
            // SIGPOLL's si_fd (the signal and code are in memory: read for any).
            if options.resolveFDs { plan.add(descriptor(i, at: 24), exiting: exiting) }
        case .epollEvent: mem(12)
        case .openHow: mem(24)
        case .flock: mem(32)
        case .fOwnerEx: mem(8)
        case .sockaddr(let len):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: len, flags: CaptureOp.signed32, max: 128), exiting: exiting)
            // AF_XDP's sxdp_shared_umem_fd (the family is in memory: read for any).
            if options.resolveFDs { plan.add(descriptor(i, at: 12), exiting: exiting) }
        case .sockaddrOut(let lp):
            plan.add(CaptureOp(.memoryByLengthPointer, a: i, b: lp, max: 128), exiting: exiting)
        case .sockOptVal(let len):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: len, flags: CaptureOp.signed32, max: max(bytes, 4)),
                     exiting: exiting)
        case .sockOptValOut(let lp):
            plan.add(CaptureOp(.memoryByLengthPointer, a: i, b: lp, max: max(bytes, 4)), exiting: exiting)
        case .msghdr, .msghdrOut:
            // On a netlink socket: its messages whole, decoded by the socket's protocol.
            plan.add(CaptureOp(.socket, a: 0), exiting: exiting)
            plan.add(CaptureOp(.msghdr, a: i, flags: CaptureOp.netlinkWhole, items: items, max: bytes), exiting: exiting)
        case .pollfds(let count):
            // printArray reads one element more than -s shows; with -y (and -P) the 16
            // whose files are read, for -P looks at each pollfd.
            let shown = options.resolveFDs ? max(elements + 1, 16) : elements + 1
            plan.add(CaptureOp(.memoryByArgument, a: i, b: count, flags: CaptureOp.unsigned32, scale: 8,
                               max: min(shown * 8, CapturePlan.chunkLimit)), exiting: exiting)
            if options.resolveFDs { plan.add(pollDescriptors(i, count), exiting: exiting) }
        case .fdset(let nfds):
            plan.add(CaptureOp(.fdSet, a: i, b: nfds, max: 8192), exiting: exiting)
            // The three sets' descriptors in one read (each set adds the same).
            if options.resolveFDs { plan.add(CaptureOp(.fdsetFiles, a: nfds + 1, b: nfds, items: 3), exiting: exiting) }
        case .epollEvents:
            plan.add(CaptureOp(.memoryByResult, a: i, scale: 12, max: min(elements * 12, CapturePlan.chunkLimit)), exiting: true)
        case .cpuset: plan.add(CaptureOp(.memoryByResult, a: i, max: CapturePlan.chunkLimit), exiting: true)
        case .cpusetIn(let size):
            plan.add(CaptureOp(.memoryByArgument, a: i, b: size, flags: CaptureOp.unsigned32, max: CapturePlan.chunkLimit),
                     exiting: exiting)
        case .dirents: plan.add(CaptureOp(.memoryByResult, a: i, max: CapturePlan.chunkLimit), exiting: true)
        // Up to a page: a struct larger than nstrace knows shows its tail (print_nonzero_bytes).
        case .cloneArgs(let size): plan.add(CaptureOp(.cloneArgs, a: i, b: size, max: 4096), exiting: exiting)
        case .cloneResults(let size):
            plan.add(CaptureOp(.cloneArgs, a: i, b: size, flags: CaptureOp.cloneResults, max: 4096), exiting: true)
        case .mincoreVec: mem(min(elements, CapturePlan.chunkLimit))
        case .pselectSigmask: plan.add(CaptureOp(.dereference, a: i, max: 8), exiting: exiting)
        case .fsnet(let kind): addFSNet(kind, i, exiting: exiting, to: &plan)
        case .proc(let p): addProc(p, i, exiting: exiting, to: &plan)
        case .dbg(let k): addDbg(k, i, exiting: exiting, to: &plan)
        case .bpf(let k): addBPF(k, i, exiting: exiting, to: &plan)
        default: break   // scalars: nothing to read
        }
    }

    /// The reads a result's text makes at exit (poll's revents, select's sets, the time left).
    func addResult(_ r: Ret, to plan: inout CapturePlan) {
        switch r {
        case .fd:
            if options.resolveFDs { plan.add(CaptureOp(.fd, a: 0, b: Int(CaptureOp.resultIndex)), exiting: true) }
        case .poll(let fds, let count, let timeout):
            plan.add(CaptureOp(.memoryByArgument, a: fds, b: count, flags: CaptureOp.unsigned32, scale: 8,
                               max: CapturePlan.pollResultEntries * 8), exiting: true)
            if let t = timeout { plan.add(CaptureOp(.memory, a: t, max: 16), exiting: true) }
            if options.resolveFDs { plan.add(pollDescriptors(fds, count), exiting: true) }
        case .select(let nfds, let timeout, _):
            for k in 1...3 { plan.add(CaptureOp(.fdSet, a: nfds + k, b: nfds, max: 8192), exiting: true) }
            if options.resolveFDs { plan.add(CaptureOp(.fdsetFiles, a: nfds + 1, b: nfds, items: 3), exiting: true) }
            if let t = timeout { plan.add(CaptureOp(.memory, a: t, max: 16), exiting: true) }
        case .fsnet(let f): addFSNetResult(f, to: &plan)
        default: break
        }
    }

    /// Arguments that give each shape of a call whose printing depends on its arguments
    /// (SyscallDecoder.resolve): the selecting argument's values of every case.
    static func shapes(_ d: Dynamic) -> [SyscallArgs] {
        func at(_ index: Int, _ values: [UInt64], _ extra: (Int, UInt64)? = nil) -> [SyscallArgs] {
            SyscallArgs.shapes(at: index, values, extra)
        }
        switch d {
        case .open: return at(1, [0, 0x40])
        case .openat: return at(2, [0, 0x40])
        case .mknod: return at(1, [0, 0o020000])
        case .mknodat: return at(2, [0, 0o020000])
        case .fcntl: return at(1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xf, 0x10, 0x24, 0x25, 0x26, 0x400, 0x401, 0x402, 0x406, 0x407, 0x408, 0x40a])
        case .ioctl:
            return at(1, [0, 0x541b, 0x540f, 0x5429, 0x5410, 0x5421, 0x5452, 0x40045431, 0x80045430, 0x5413, 0x5414,
                          0x5450])
        case .prctl:
            return at(0, [0, 1, 2, 3, 4, 7, 8, 15, 16, 0x15, 0x16, 0x17, 0x18, 0x1d, 0x1e, 0x22, 0x24, 0x25, 0x26, 0x27,
                          0x29, 0x2a, 0x2f, 0x59616d61])
                + at(0, [0x16], (1, 2)) + at(0, [0x2f], (1, 4))
        case .futex: return at(1, Array(0...13))
        case .clone: return at(0, [0, 0x100000, 0x1000, 0x80000, 0x1200000, 0x1380000, 0x1281000])
        case .mremap: return at(3, [0, 3])
        case .archPrctl: return at(0, [0, 0x1001, 0x1002, 0x1003, 0x1004])
        case .setsockopt, .getsockopt: return at(0, [0])
        case .fsnet(let call): return fsnetShapes(call, at)
        case .proc(let p): return ProcPlans.shapes(p)
        case .dbg(let c): return DbgPlans.shapes(c)
        case .bpf: return at(0, [0, 11], (2, 16))          // decoded at entry; finished at exit
        }
    }
}
