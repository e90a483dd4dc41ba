// The syscall specification table (issue 18): one row per syscall and ABI holds all that
// nstrace knows about the call. The rows are data, in SyscallSpecs+x86_64.swift and
// SyscallSpecs+i386.swift; everything else that needs to know something about a syscall
// (decoders, -e trace=%class, the loop's extra work, namespace tracking, -k, the seccomp
// filter, compare) asks this table, by number or by name, instead of keeping a set of
// names of its own. A test walks the rows (SyscallSpecTests).

/// One syscall of one ABI.
///
/// A row is built from constants only: the parameter names are one static string, and the
/// signature is made by a closure when first asked for. Building the table (every run of
/// nstrace that traces) then allocates nothing per row and makes no `Xlat` table; the
/// tracer asks for the signatures of the calls it sees, once per number.
public struct SyscallSpec: Sendable {
    public let number: Int
    /// The kernel's name, as libseccomp (and so strace) has it.
    public let name: String
    /// The parameter names, separated by single spaces (see `parameters`).
    let parameterList: StaticString
    /// strace's classes (`-e trace=%file`), and our `%namespace`.
    public let classes: SyscallClasses
    /// The traits given in the row (the others follow from the types: `traits`).
    let given: SyscallTraits
    /// Makes the signature; nil when nstrace has no decoder for the call.
    let types: (@Sendable () -> Signature)?

    init(_ number: Int, _ name: String, _ parameters: StaticString, _ classes: SyscallClasses,
         traits: SyscallTraits = [], types: (@Sendable () -> Signature)? = nil) {
        self.number = number
        self.name = name
        self.parameterList = parameters
        self.classes = classes
        self.given = traits
        self.types = types
    }

    /// The names of the parameters by raw argument index (the man page's, else the kernel's
    /// SYSCALL_DEFINE; arg0, arg1, ... for a call neither describes), one per argument.
    public var parameters: [String] {
        parameterList.withUTF8Buffer { bytes in
            bytes.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// How the arguments and the result are typed and printed; nil when nstrace has no
    /// decoder for the call: its arguments are shown in hex as strace's generic decoder does.
    /// Made at each call: keep it (SyscallDecoder.Call does).
    var signature: Signature? { types?() }

    /// How many arguments the call takes.
    public var argumentCount: Int {
        parameterList.withUTF8Buffer { b in b.isEmpty ? 0 : b.reduce(1) { $1 == UInt8(ascii: " ") ? $0 + 1 : $0 } }
    }

    /// The call's traits: those of its row and those of its types (`.takesPid` for a
    /// parameter of type pid, `.returnsPid`, `.takesCloneFlags`).
    public var traits: SyscallTraits { traits(signature) }

    /// `traits`, with the signature made already.
    func traits(_ signature: Signature?) -> SyscallTraits {
        var t = given
        guard let plan = Self.typicalPlan(signature) else { return t }
        if case .pid = plan.ret { t.insert(.returnsPid) }
        for slot in plan.slots {
            switch slot.arg.base {
            case .pid: t.insert(.takesPid)
            case .cloneFlags, .cloneArgs: t.insert(.takesCloneFlags)
            default: break
            }
        }
        return t
    }

    /// The plan the types give, for a call whose shape depends on its arguments the plan of
    /// all-zero arguments (every shape of such a call has the same parameter types where it
    /// has the parameter); nil for a call without a decoder.
    var typicalPlan: Plan? { Self.typicalPlan(signature) }

    static func typicalPlan(_ signature: Signature?) -> Plan? {
        switch signature {
        case nil: return nil
        case .fixed(let p): return p
        case .dynamic(.dbg(let c)): return DbgPlans.typical(c)
        case .dynamic(let d): return SyscallDecoder.resolve(d, abi: .x86_64, SyscallArgs((0, 0, 0, 0, 0, 0)))
        }
    }

    /// The raw index of the call's pathname, and of the directory fd it is relative to
    /// (`openat(AT_FDCWD, "x", ...)` → (1, 0)): the first argument of type path, and the
    /// dirfd printed just before it. nil when no argument is a path.
    public var pathArgument: (path: Int, dirfd: Int?)? {
        guard let slots = typicalPlan?.slots,
              let i = slots.firstIndex(where: { if case .path = $0.arg.base { return true } else { return false } })
        else { return nil }
        if i > 0, case .dirfd = slots[i - 1].arg.base { return (slots[i].index, slots[i - 1].index) }
        return (slots[i].index, nil)
    }

    /// Whether the call returns a new file descriptor.
    public var returnsFD: Bool {
        if case .fd = typicalPlan?.ret { return true }
        return false
    }

    /// The raw index of the argument with mmap's flags (`MAP_FIXED`), if the call has one.
    public var mmapFlagsArgument: Int? {
        typicalPlan?.slots.first { if case .mmapFlags = $0.arg.base { return true } else { return false } }?.index
    }
}

extension Arg {
    /// The type inside `.named` and `.out`.
    var base: Arg {
        switch self {
        case .named(_, let a), .out(let a): return a.base
        default: return self
        }
    }
}

/// What the tracer and the other features ask about a syscall besides its types. Each
/// trait is used by some code, and is set on (or follows from the types of) some row: the
/// spec test checks both.
public struct SyscallTraits: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Creates a task (fork, vfork, clone, clone3): a child seen before its parent's ptrace
    /// event may be this call's.
    public static let createsTask = SyscallTraits(rawValue: 1 << 0)
    /// Can move the caller to other namespaces (unshare, setns, execve, execveat): the
    /// caller's /proc/TID/ns links are read again after it succeeds.
    public static let changesNamespaces = SyscallTraits(rawValue: 1 << 1)
    /// Can take code away from under a cached stack rule (mmap, mmap2, munmap, mremap,
    /// execve, execveat): -k's unwinder is told, and the seccomp filter traps it under -k.
    public static let changesMemoryMap = SyscallTraits(rawValue: 1 << 2)
    /// Replaces the caller's program (execve, execveat).
    public static let replacesProgram = SyscallTraits(rawValue: 1 << 3)
    /// Writes a buffer to a file descriptor at once (write, pwrite64): after a new user
    /// namespace, such a write may set an id map (uid_map, gid_map, setgroups).
    public static let writesBuffer = SyscallTraits(rawValue: 1 << 4)
    /// Resumes an interrupted call (restart_syscall): shown as the call it resumes.
    public static let resumesCall = SyscallTraits(rawValue: 1 << 5)
    /// Can install a seccomp filter of the command's own (seccomp): the fast path traps it.
    public static let installsFilter = SyscallTraits(rawValue: 1 << 6)
    /// nstrace compare counts its path among the command's lookups.
    public static let looksUpPath = SyscallTraits(rawValue: 1 << 7)
    /// nstrace compare keeps its result as a value the command was told (getpid, getuid...).
    public static let tellsIdentity = SyscallTraits(rawValue: 1 << 8)
    /// Has a parameter of type pid (from the types): translated for a task in a nested pid
    /// namespace.
    public static let takesPid = SyscallTraits(rawValue: 1 << 9)
    /// Returns a pid (from the types): translated for a task in a nested pid namespace.
    public static let returnsPid = SyscallTraits(rawValue: 1 << 10)
    /// Takes clone flags (from the types: clone's flags, clone3's clone_args):
    /// CLONE_UNTRACED is cleared so the child stays traced.
    public static let takesCloneFlags = SyscallTraits(rawValue: 1 << 11)

    /// The traits that follow from a row's types, never given in a row.
    static let fromTypes: SyscallTraits = [.takesPid, .returnsPid, .takesCloneFlags]

    /// Every trait by its name (for the spec test).
    public static let all: [(name: String, trait: SyscallTraits)] = [
        ("createsTask", .createsTask), ("changesNamespaces", .changesNamespaces),
        ("changesMemoryMap", .changesMemoryMap), ("replacesProgram", .replacesProgram),
        ("writesBuffer", .writesBuffer), ("resumesCall", .resumesCall), ("installsFilter", .installsFilter),
        ("looksUpPath", .looksUpPath), ("tellsIdentity", .tellsIdentity), ("takesPid", .takesPid),
        ("returnsPid", .returnsPid), ("takesCloneFlags", .takesCloneFlags),
    ]
}

/// The rows of each ABI, and lookups by number and by name.
public enum SyscallSpecs {
    /// The rows of an ABI, in number order.
    public static func rows(_ abi: SyscallABI) -> [SyscallSpec] {
        abi == .x86_64 ? x86_64 : i386
    }

    /// The row of `number` on `abi`: a binary search of the rows (no index is built at
    /// start-up; the tracer keeps what it looked up per number).
    public static func spec(_ number: Int, abi: SyscallABI) -> SyscallSpec? {
        let rows = rows(abi)
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid].number < number { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && rows[lo].number == number ? rows[lo] : nil
    }

    /// The row named `name` on `abi`, or nil.
    public static func spec(named name: String, abi: SyscallABI) -> SyscallSpec? {
        switch abi {
        case .x86_64: return x86_64ByName[name].map { x86_64[$0] }
        case .i386: return i386ByName[name].map { i386[$0] }
        }
    }

    /// The row named `name` on `abi`, else on the other ABI: for what a name tells
    /// whatever the ABI (classes, a record's call).
    public static func spec(anyABI name: String, preferring abi: SyscallABI = .x86_64) -> SyscallSpec? {
        spec(named: name, abi: abi) ?? spec(named: name, abi: abi == .x86_64 ? .i386 : .x86_64)
    }

    /// The names, on either ABI, of the calls with any of `traits`.
    public static func names(with traits: SyscallTraits) -> Set<String> {
        // Traits given in the rows need no look at the types.
        let fromTypes = !traits.isDisjoint(with: SyscallTraits.fromTypes)
        var out: Set<String> = []
        for abi in [SyscallABI.x86_64, .i386] {
            // By index: a row is not copied (with its retains) to read two fields.
            let rows = rows(abi)
            for i in rows.indices where !(fromTypes ? rows[i].traits : rows[i].given).isDisjoint(with: traits) {
                out.insert(rows[i].name)
            }
        }
        return out
    }

    /// The names, on either ABI, of the calls for which `include(name, classes)` holds.
    public static func names(where include: (String, SyscallClasses) -> Bool) -> Set<String> {
        var out: Set<String> = []
        for rows in [x86_64, i386] {
            for i in rows.indices where include(rows[i].name, rows[i].classes) { out.insert(rows[i].name) }
        }
        return out
    }

    /// The name of `number` on `abi` as the table has it (libseccomp's may lack the newest).
    public static func name(_ number: Int, abi: SyscallABI) -> String? {
        spec(number, abi: abi)?.name
    }

    /// Every name of both ABIs.
    public static var allNames: Set<String> {
        var out = Set<String>(minimumCapacity: x86_64.count + 64)
        for rows in [x86_64, i386] { for i in rows.indices { out.insert(rows[i].name) } }
        return out
    }

    /// The classes of the call named `name` (on x86_64, else on i386); none for a name
    /// neither has.
    public static func classes(named name: String) -> SyscallClasses {
        if let i = x86_64ByName[name] { return x86_64[i].classes }
        if let i = i386ByName[name] { return i386[i].classes }
        return []
    }

    private static let x86_64ByName = index(x86_64)
    private static let i386ByName = index(i386)
    private static func index(_ rows: [SyscallSpec]) -> [String: Int] {
        var d: [String: Int] = [:]
        d.reserveCapacity(rows.count)
        for i in rows.indices where d[rows[i].name] == nil { d[rows[i].name] = i }
        return d
    }

    // The rows' helpers.

    /// A signature: the arguments in raw order, and the result.
    static func f(_ args: Arg..., ret: Ret = .dec) -> Signature { .fixed(Plan(args, ret)) }
    /// A signature by explicit raw index (for calls that skip arguments).
    static func s(_ slots: (Int, Arg)..., ret: Ret = .dec) -> Signature {
        .fixed(Plan(slots: slots.map { Slot(index: $0.0, arg: $0.1) }, ret: ret))
    }
    /// `count` arguments in hex, as strace's generic decoder, with a typed result.
    static func hex(_ count: Int, ret: Ret) -> Signature { .fixed(Plan(Array(repeating: .hex, count: count), ret)) }
}

extension DecodedEntry {
    /// The positions, among the arguments as shown, of those of type pid (empty for an
    /// entry made elsewhere).
    public var pidArgumentPositions: [Int] {
        guard let slots = plan?.slots.filter({ !$0.isGlued }) else { return [] }
        return slots.indices.filter { if case .pid = slots[$0].arg.base { return true } else { return false } }
    }
}
