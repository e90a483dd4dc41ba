// The boundary between the tracer (which owns the kernel) and the pure decoders.
// Decoders never call the kernel: tracee memory and fd paths come in through
// these protocols, so tests feed them fakes.

/// The system-call ABI a stop was made in (PTRACE_GET_SYSCALL_INFO's arch).
public enum SyscallABI: String, Sendable, Codable {
    case x86_64
    case i386
}

/// A syscall's six raw argument words, as a value (no array per stop).
public struct SyscallArgs: Sendable {
    public typealias Words = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    public var words: Words

    public init(_ words: Words) { self.words = words }

    /// The first six of `array`; missing ones are 0.
    public init(_ array: [UInt64]) {
        words = (0, 0, 0, 0, 0, 0)
        for (i, v) in array.prefix(6).enumerated() { self[i] = v }
    }

    public subscript(i: Int) -> UInt64 {
        get {
            precondition(i >= 0 && i < 6, "syscall argument index \(i)")
            return withUnsafeBytes(of: words) { $0.load(fromByteOffset: i * 8, as: UInt64.self) }
        }
        set {
            precondition(i >= 0 && i < 6, "syscall argument index \(i)")
            withUnsafeMutableBytes(of: &words) { $0.storeBytes(of: newValue, toByteOffset: i * 8, as: UInt64.self) }
        }
    }

    /// The six words as an array.
    public var array: [UInt64] { (0..<6).map { self[$0] } }

    /// On i386 each argument cut to 32 bits.
    public func normalized(for abi: SyscallABI) -> SyscallArgs {
        guard abi == .i386 else { return self }
        var a = self
        for i in 0..<6 { a[i] &= 0xffff_ffff }
        return a
    }
}

/// Read-only view of a tracee's memory.
public protocol TraceeMemory {
    /// Exactly `count` bytes at `address`, or nil when unreadable (EFAULT, gone).
    func read(at address: UInt64, count: Int) -> [UInt8]?
    /// A NUL-terminated string of at most `limit` bytes at `address` (without the NUL);
    /// `terminated` is false when no NUL was found within `limit`. nil when unreadable.
    func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)?
    /// `read(at:count:)` handed to `body` without an array when the memory can; false
    /// (and `body` not called) when unreadable. The bytes are valid only inside `body`.
    /// Not generic: a generic requirement called through the protocol costs a metadata
    /// lookup per call.
    func withBytes(at address: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool
    /// `readCString(at:limit:)` handed to `body` (bytes, terminated) without an array when
    /// the memory can; false when unreadable.
    func withCString(at address: UInt64, limit: Int, _ body: (UnsafeRawBufferPointer, Bool) -> Void) -> Bool
    /// How many non-NULL pointers a NULL-terminated array at `address` holds (at most `max`),
    /// when the memory knows without being read word by word (a count the kernel made:
    /// trace --bpf's envp), and whether unreadable memory came before a NULL; nil to read
    /// the array.
    func pointerCount(at address: UInt64, max: Int) -> (count: Int, unterminated: Bool)?
}

extension TraceeMemory {
    public func withBytes(at address: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        if count == 0 {
            body(UnsafeRawBufferPointer(start: nil, count: 0))
            return true
        }
        guard let bytes = read(at: address, count: count) else { return false }
        bytes.withUnsafeBytes(body)
        return true
    }

    public func pointerCount(at address: UInt64, max: Int) -> (count: Int, unterminated: Bool)? { nil }

    public func withCString(at address: UInt64, limit: Int, _ body: (UnsafeRawBufferPointer, Bool) -> Void) -> Bool {
        guard let (bytes, terminated) = readCString(at: address, limit: limit) else { return false }
        bytes.withUnsafeBytes { body($0, terminated) }
        return true
    }
}

/// Resolves a tracee's file descriptor to what it refers to (`-y`): "/etc/hostname",
/// "pipe:[1234]", "socket:[5678]", "net:[4026531840]".
public protocol FDPathResolver {
    func path(ofFD fd: Int64) -> String?
    /// `-yy`: what strace shows of a descriptor beyond its path, for the file `path` that
    /// `path(ofFD:)` gave: a device's type and numbers, a pidfd's process (nil: the path).
    func details(ofFD fd: Int64, path: String) -> FDDetails?
    /// What kind of socket the descriptor is (netlink messages are decoded by its
    /// protocol); nil when unknown. Asked with or without `-y`.
    func socketKind(ofFD fd: Int64) -> SocketKind?
    /// The name of network interface `index` (strace looks it up with if_indextoname).
    func interfaceName(index: UInt32) -> String?
    /// `path(ofFD:)` as the kernel's bytes (a name need not be UTF-8), and whether the
    /// file was deleted: its link then ends in " (deleted)", left out of `bytes` (strace
    /// prints `<path>(deleted)`).
    func pathBytes(ofFD fd: Int64) -> (bytes: [UInt8], deleted: Bool)?
    /// The descriptors of the process that pidfd `fd` refers to (pidfd_getfd's target), or
    /// nil when `fd` is no pidfd or the process is gone.
    func resolver(forPidfd fd: Int64) -> FDPathResolver?
    /// `-Y`: the command name (/proc/PID/comm, without its newline) of process `pid` as the
    /// tracee names it, or nil when it is gone or cannot be told.
    func comm(ofProcess pid: Int32) -> [UInt8]?
}

extension FDPathResolver {
    public func details(ofFD fd: Int64, path: String) -> FDDetails? { nil }
    public func comm(ofProcess pid: Int32) -> [UInt8]? { nil }
    public func pathBytes(ofFD fd: Int64) -> (bytes: [UInt8], deleted: Bool)? {
        path(ofFD: fd).map { (Array($0.utf8), false) }
    }
    public func resolver(forPidfd fd: Int64) -> FDPathResolver? { nil }
}

/// `-e decode-fds=SET`: what `-y` shows of a descriptor. `-y` is `path`, `-yy` all.
public struct FDDecoding: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Its file's path.
    public static let path = FDDecoding(rawValue: 1 << 0)
    /// A socket's protocol and endpoints (NETLINK_SOCK_DIAG), `UNIX-STREAM:[12345->12346]`.
    public static let socket = FDDecoding(rawValue: 1 << 1)
    /// A device's path and numbers, `/dev/full<char 1:7>`.
    public static let dev = FDDecoding(rawValue: 1 << 2)
    /// A pidfd's process, `pid:N`.
    public static let pidfd = FDDecoding(rawValue: 1 << 3)
    public static let all: FDDecoding = [.path, .socket, .dev, .pidfd]

    public static func named(_ s: String) -> FDDecoding? {
        switch s {
        case "path": .path
        case "socket": .socket
        case "dev": .dev
        case "pidfd": .pidfd
        default: nil
        }
    }
}

/// What `-yy` adds to a descriptor's path.
public enum FDDetails: Sendable, Equatable {
    /// A character or block device: `/dev/full<char 1:7>`.
    case device(block: Bool, major: UInt32, minor: UInt32)
    /// A pidfd: `pid:1234` in place of `anon_inode:[pidfd]`.
    case pid(Int32)
    /// A socket's protocol and endpoints in place of `socket:[INODE]`:
    /// `UNIX-STREAM:[12345->12346]`, `TCP:[127.0.0.1:40774->127.0.0.1:80]`.
    case socket(String)
}

/// What the user asked the decoders for.
///
/// Its fields are kept in one box (`CopyOnWrite`): every decode copies the options into its
/// `ArgContext` (three filters' name sets among them), thousands of times a second when a
/// trace is busy.
public struct DecodeOptions: Sendable {
    private struct Fields {
        var stringLimit: Int
        var resolveFDs: Bool
        var fdDecoding = FDDecoding.path
        var style = DecodeStyle()
        var abbreviate = TraceFilter.all
        var pidComm = false
        var verbose = TraceFilter.all
        var raw: TraceFilter?
    }
    private var fields: CopyOnWrite<Fields>

    /// `-s N`: strings longer than this are cut and shown with "..." after the quote.
    public var stringLimit: Int {
        get { fields.value.stringLimit }
        set { fields.value.stringLimit = newValue }
    }
    /// The largest `-s` taken: 1 MiB, so a string of a record line stays under 4 MiB
    /// quoted and every line under `RecordReader.maxLineBytes` (docs/security.md, "Bounds").
    public static let maxStringLimit = 1 << 20
    /// The message of a `-s` out of range.
    public static let stringLimitRange = "-s takes a number of bytes from 0 to \(maxStringLimit)."
    /// `-y`: print fds as `3</etc/hostname>`.
    public var resolveFDs: Bool {
        get { fields.value.resolveFDs }
        set { fields.value.resolveFDs = newValue }
    }
    /// With `resolveFDs`, what a descriptor shows (`-y`: the path; `-yy`: all;
    /// `-e decode-fds=SET`).
    public var fdDecoding: FDDecoding {
        get { fields.value.fdDecoding }
        set { fields.value.fdDecoding = newValue }
    }
    /// `-X` and `-x`: how constants and strings print (DecodeStyle).
    public var style: DecodeStyle {
        get { fields.value.style }
        set { fields.value.style = newValue }
    }
    /// `-e abbrev=SET` (`-v`: none): the calls whose structures and environment are
    /// abbreviated (`{st_mode=..., ...}`, `0x7ffd… /* 20 vars */`). Every call by default.
    public var abbreviate: TraceFilter {
        get { fields.value.abbreviate }
        _modify { yield &fields.value.abbreviate }
    }
    /// `-Y` (`-e decode-pids=comm`): process ids shown with their command name, `1234<sh>`.
    public var pidComm: Bool {
        get { fields.value.pidComm }
        set { fields.value.pidComm = newValue }
    }
    /// `-e verbose=SET`: the calls whose structures, arrays and pointed-to values are read;
    /// outside it they are shown by their address, strings still read (strace's verbose():
    /// every tfetch_mem/umove_or_printaddr prints the address). Every call by default.
    public var verbose: TraceFilter {
        get { fields.value.verbose }
        _modify { yield &fields.value.verbose }
    }
    /// `-e raw=SET`: the calls printed undecoded, every argument and the result in hex
    /// (nil: none).
    public var raw: TraceFilter? {
        get { fields.value.raw }
        _modify { yield &fields.value.raw }
    }

    /// Whether call `name` is printed raw.
    func printsRaw(_ name: String) -> Bool {
        guard let raw else { return false }
        return raw.selectsAll || raw.selects(name, classes: SyscallDecoder.classes(of: name))
    }

    /// Whether call `name`'s structures are read (`-e verbose=`).
    func verboses(_ name: String) -> Bool {
        verbose.selectsAll || verbose.selects(name, classes: SyscallDecoder.classes(of: name))
    }

    /// Whether call `name`'s structures are abbreviated.
    func abbreviates(_ name: String) -> Bool {
        abbreviate.selectsAll || abbreviate.selects(name, classes: SyscallDecoder.classes(of: name))
    }
    public init(stringLimit: Int = 32, resolveFDs: Bool = false) {
        fields = CopyOnWrite(Fields(stringLimit: stringLimit, resolveFDs: resolveFDs))
    }
}

/// Syscall classes, as strace's `-e trace=%class`, plus our own `%namespace`.
public struct SyscallClasses: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let file = SyscallClasses(rawValue: 1 << 0)
    public static let process = SyscallClasses(rawValue: 1 << 1)
    public static let network = SyscallClasses(rawValue: 1 << 2)
    public static let signal = SyscallClasses(rawValue: 1 << 3)
    public static let ipc = SyscallClasses(rawValue: 1 << 4)
    public static let memory = SyscallClasses(rawValue: 1 << 5)
    public static let desc = SyscallClasses(rawValue: 1 << 6)
    public static let creds = SyscallClasses(rawValue: 1 << 7)
    public static let namespace = SyscallClasses(rawValue: 1 << 8)

    /// "%file" → .file etc.; nil for an unknown class name. Accepts the name with or
    /// without the leading "%".
    public static func named(_ name: String) -> SyscallClasses? {
        switch name.hasPrefix("%") ? String(name.dropFirst()) : name {
        case "file": return .file
        case "process": return .process
        case "network", "net": return .network
        case "signal": return .signal
        case "ipc": return .ipc
        case "memory": return .memory
        case "desc": return .desc
        case "creds": return .creds
        case "namespace": return .namespace
        default: return nil
        }
    }
}

/// The arguments of a syscall known at its entry. Inputs are decoded at entry (an
/// execve's argv is gone after it succeeds); outputs (a read buffer, a stat struct)
/// only at exit. `args` holds the decoded text of arguments 0..<deferredFrom;
/// arguments from `deferredFrom` on are decoded by `decodeExit`.
///
/// Its fields are kept in one box (`CopyOnWrite`): an entry is copied a few times per call on
/// its way to the exit (the tracers' pending call, the decoder), and a copy of its nine
/// fields cost a retain and a release for each counted one every time.
public struct DecodedEntry: Sendable {
    private struct Fields {
        var name: String
        var args: [String]
        var deferredFrom: Int
        var argCount: Int
        var saved = [Int: UInt64]()
        var plan: Plan?
        var params: [ParamField] = []
        var parameterNames: [String]?
        var gluedAtExit = false
    }
    private var fields: CopyOnWrite<Fields>

    public var name: String {
        get { fields.value.name }
        set { fields.value.name = newValue }
    }
    public var args: [String] {
        get { fields.value.args }
        _modify { yield &fields.value.args }
    }
    public var deferredFrom: Int {
        get { fields.value.deferredFrom }
        set { fields.value.deferredFrom = newValue }
    }
    public var argCount: Int {
        get { fields.value.argCount }
        set { fields.value.argCount = newValue }
    }
    /// Values of in/out arguments read at entry (raw argument index → value), so that the
    /// exit can print strace's `[110 => 16]`. Set by SyscallDecoder; empty otherwise.
    public var saved: [Int: UInt64] {
        get { fields.value.saved }
        _modify { yield &fields.value.saved }
    }
    /// How the call is printed, resolved at entry (nil for an entry made elsewhere).
    var plan: Plan? {
        get { fields.value.plan }
        set { fields.value.plan = newValue }
    }
    /// The arguments of `args` as typed values, by parameter name (a record's `params`).
    public var params: [ParamField] {
        get { fields.value.params }
        _modify { yield &fields.value.params }
    }
    /// The call's parameter names by raw index (nil for an entry made elsewhere).
    var parameterNames: [String]? {
        get { fields.value.parameterNames }
        set { fields.value.parameterNames = newValue }
    }
    /// The exit goes on with the last argument shown (` => {parent_tid=[N]}`): the entry
    /// ends without the ", " before the arguments still to come.
    public var gluedAtExit: Bool {
        get { fields.value.gluedAtExit }
        set { fields.value.gluedAtExit = newValue }
    }
    public init(name: String, args: [String], deferredFrom: Int, argCount: Int) {
        fields = CopyOnWrite(Fields(name: name, args: args, deferredFrom: deferredFrom, argCount: argCount))
    }
}

/// A syscall's decoded arguments and result.
public struct DecodedExit: Sendable {
    /// All arguments, decoded.
    public var args: [String]
    /// The result as strace prints it after "= ": "3", "0x7f5c2a000000",
    /// "3</etc/hostname>", "-1 ENOENT (No such file or directory)",
    /// "? ERESTARTSYS (To be restarted if SA_RESTART is set)".
    public var ret: String
    /// The raw return value (nil only when there is none, e.g. "?" ).
    public var retValue: Int64?
    /// "ENOENT" when the call failed.
    public var errnoName: String?
    /// Every argument as a typed value, by parameter name, in the order shown.
    public var params: [ParamField] = []
    /// The result typed, where it is a pid, an fd, flags or a named value (nil otherwise,
    /// and when the call failed).
    public var typedReturn: SyscallValue?
    /// An argument shown at entry that the exit went on with (clone3's ` => {...}`).
    public var completion: ArgCompletion?
    public init(args: [String], ret: String, retValue: Int64?, errnoName: String?) {
        self.args = args
        self.ret = ret
        self.retValue = retValue
        self.errnoName = errnoName
    }
}

/// The fields of a siginfo_t that nstrace shows (filled from PTRACE_GETSIGINFO).
public struct SigInfo: Sendable, Equatable {
    public var signo: Int32 = 0
    public var errno: Int32 = 0
    public var code: Int32 = 0
    public var pid: Int32 = 0
    public var uid: UInt32 = 0
    public var status: Int32 = 0
    public var utime: Int64 = 0
    public var stime: Int64 = 0
    public var addr: UInt64 = 0
    public var timerid: Int32 = 0
    public var overrun: Int32 = 0
    public var value: Int64 = 0
    public var band: Int64 = 0
    public var fd: Int32 = 0
    public var syscall: Int32 = 0
    public var arch: UInt32 = 0
    public var callAddr: UInt64 = 0
    public init() {}
}

/// An argument whose text the exit continued: `args[index]` was shown at entry up to the
/// UTF-8 byte `offset`; the rest is the exit's (clone3's `{...}` then ` => {parent_tid=[N]}`).
public struct ArgCompletion: Sendable, Equatable {
    public var index: Int
    public var offset: Int

    /// `args` as a line shown at entry is finished at exit: the continuation as an element of
    /// its own after the entry's part, so that what follows the entry's arguments (joined
    /// with ", ") reads `CONTINUATION, REST`.
    public func split(_ args: [String]) -> [String] {
        guard args.indices.contains(index) else { return args }
        let u = args[index].utf8
        guard offset <= u.count else { return args }
        let cut = u.index(u.startIndex, offsetBy: offset)
        var out = args
        out[index] = String(Substring(u[..<cut])) 
        out.insert(String(Substring(u[cut...])), at: index + 1)
        return out
    }

    /// `split`'s inverse: the continuation put back on its argument.
    public func join(_ split: [String]) -> [String] {
        guard split.indices.contains(index + 1) else { return split }
        var out = split
        out[index] += out.remove(at: index + 1)
        return out
    }
}
