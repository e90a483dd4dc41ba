import FoundationEssentials
import NSCore

/// One side of a comparison, read from its record: the command's own calls (from its
/// first successful exec on, in that task and every task it created), apart from the
/// calls that set the side up (nstrace's setns/unshare/chroot/mounts before the exec,
/// and the waiting parent of a new pid namespace).
public struct SideTrace: Sendable, Equatable {
    public var command: [String] = []
    /// The tracing host's hostname (the record's header).
    public var tracerHostname = ""
    /// The task that exec'd the command, as nstrace saw it; nil when nothing exec'd.
    public var rootPid: Int32?
    /// What it exec'd (/proc/PID/exe), when known.
    public var program: String?
    /// Its namespaces at that exec, by type (.pid → inode; the eight types only).
    public var namespaces: [NamespaceKind: UInt64] = [:]
    /// Its pid in each pid namespace, outermost first.
    public var nspid: [Int32] = []
    /// Its parent's pid in its own pid namespace (0 when the parent is outside it); nil
    /// when the record does not say.
    public var ppidInside: Int32?
    /// Syscalls of the command by name, and their total.
    public var counts: [String: Int] = [:]
    public var total = 0
    /// Syscalls of the set-up, by name.
    public var setup: [String: Int] = [:]
    /// Values the command was told: "getpid" → [1], "uname nodename" → ["vm"], ...
    /// (distinct, in order, at most five each).
    public var values: [String: [CompareReport.IdentityValue]] = [:]
    /// Directory listings (getdents64/getdents until end of directory): path → entries
    /// per listing ("." and ".." included).
    public var listings: [String: [Int]] = [:]
    /// Every path the command looked up, with how it went ("ok" or the errno), /proc/N
    /// written as /proc/[pid].
    public var paths: [String: PathOutcome] = [:]
    /// Process directories of /proc the command looked into successfully (/proc/N/...),
    /// and the programs that looked (basenames, in order).
    public var procPids: Set<Int32> = []
    public var procReaders: [String] = []
    /// Failed calls by name and errno.
    public var failures: [String: [String: Int]] = [:]
    /// Processes (not threads) the command ran as, and the programs they exec'd.
    public var processes = 0
    public var programs: [String] = []
    /// How the command's first task ended: its exit code, or the signal that killed it.
    public var exitCode: Int32?
    public var exitSignal: String?
    /// The record's end line (nil for a record cut short).
    public var endStatus: Int32?
    public var endReason: String?

    public struct PathOutcome: Sendable, Equatable, Codable {
        public var ok = 0
        public var errors: [String: Int] = [:]
        /// "ok" when any lookup succeeded, else the most frequent errno.
        public var status: String {
            if ok > 0 { return "ok" }
            return errors.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "?"
        }
    }

    public init() {}

    /// The pid the command saw for itself (its innermost pid).
    public var innerPid: Int32? { nspid.last }

    // MARK: reading a record

    struct Task {
        var tgid: Int32
        var ppid: Int32?
        var ns: [NamespaceKind: UInt64]
        var nspid: [Int32]
    }

    struct FDKey: Hashable { var tgid: Int32; var fd: Int }

    public static func analyze(_ lines: [RecordLine]) -> SideTrace {
        var s = SideTrace()
        var tasks: [Int32: Task] = [:]
        var scope = Set<Int32>()
        var fdPaths: [FDKey: String] = [:]
        var openListings: [FDKey: (path: String, entries: Int)] = [:]
        // What each task runs (its last exec, or its parent's program).
        var programOf: [Int32: String] = [:]
        var lastTask: Int32?

        func finishListing(_ key: FDKey) {
            if let l = openListings.removeValue(forKey: key) { s.listings[l.path, default: []].append(l.entries) }
        }

        for line in lines {
            switch line {
            case .header(let h):
                s.command = h.command
                s.tracerHostname = h.hostname
            case .end(let e):
                s.endStatus = e.status
                s.endReason = e.reason
            case .event(let event):
                switch event {
                case .task(let t):
                    let ns = (t.ns?.inodes ?? [:]).filter { $0.key.base == $0.key }
                    tasks[t.pid] = Task(tgid: t.tgid, ppid: t.ppid, ns: ns, nspid: t.nspid ?? [])
                    if let pp = t.ppid { programOf[t.pid] = programOf[pp] }
                    if t.pid == t.tgid { lastTask = t.pid }
                    if let pp = t.ppid, scope.contains(pp) {
                        scope.insert(t.pid)
                        if t.pid == t.tgid { s.processes += 1 }
                    }
                    // A new process starts with a copy of its parent's descriptors.
                    if t.pid == t.tgid, let pp = t.ppid, let ptg = tasks[pp]?.tgid {
                        for (k, v) in fdPaths where k.tgid == ptg { fdPaths[FDKey(tgid: t.pid, fd: k.fd)] = v }
                    }
                case .namespace(let n):
                    if n.kind.base == n.kind { tasks[n.pid]?.ns[n.kind] = n.to }
                case .exec(let x):
                    if s.rootPid == nil {
                        s.rootPid = x.pid
                        s.program = x.filename
                        scope = [x.pid, x.formerPid]
                        s.processes = 1
                        let task = tasks[x.formerPid] ?? tasks[x.pid]
                        s.namespaces = task?.ns ?? [:]
                        s.nspid = task?.nspid ?? []
                        if let pp = task?.ppid, let parent = tasks[pp], !s.nspid.isEmpty {
                            let depth = s.nspid.count
                            s.ppidInside = parent.nspid.count >= depth ? parent.nspid[depth - 1] : 0
                        }
                    }
                    if scope.contains(x.pid) || scope.contains(x.formerPid), let f = x.filename, !s.programs.contains(f) {
                        s.programs.append(f)
                    }
                    if x.formerPid != x.pid, let t = tasks[x.formerPid] { tasks[x.pid] = t }
                    if let f = x.filename { programOf[x.pid] = ScalarText.baseName(f) }
                case .exit(let x):
                    if x.pid == s.rootPid, x.supersededBy == nil, !x.detached {
                        s.exitCode = x.code
                        s.exitSignal = x.signal
                    }
                case .syscall(let c):
                    guard scope.contains(c.pid) else {
                        s.setup[c.name, default: 0] += 1
                        continue
                    }
                    s.counts[c.name, default: 0] += 1
                    s.total += 1
                    if let e = c.errno { s.failures[c.name, default: [:]][e, default: 0] += 1 }
                    let tgid = tasks[c.pid]?.tgid ?? c.pid
                    s.observe(c)
                    s.lookups(c, tgid: tgid, program: programOf[c.pid], fdPaths: &fdPaths)
                    // Directory listings.
                    if c.name == "getdents64" || c.name == "getdents", let (fd, fdPath) = Self.fd(c, 0), let ret = c.ret {
                        let key = FDKey(tgid: tgid, fd: fd)
                        if openListings[key] == nil {
                            let path = fdPath.flatMap(Self.absolute) ?? fdPaths[key] ?? "fd \(fd)"
                            openListings[key] = (path, 0)
                        }
                        if ret > 0 { openListings[key]!.entries += Self.entries(c) }
                        if ret <= 0 { finishListing(key) }
                    }
                    if c.name == "close", c.ret == 0, let (fd, _) = Self.fd(c, 0) {
                        let key = FDKey(tgid: tgid, fd: fd)
                        finishListing(key)
                        fdPaths[key] = nil
                    }
                case .signal, .idmap, .lost:
                    break
                }
            }
        }
        for key in Array(openListings.keys) { finishListing(key) }
        // The command never ran: the namespaces it would have run in are those of the
        // last task of the set-up (the one that tried to exec it).
        if s.rootPid == nil, let last = lastTask, let t = tasks[last] {
            s.namespaces = t.ns
            s.nspid = t.nspid
        }
        return s
    }

    // MARK: what the command was told

    /// The calls whose result is a value the command was told (the spec table's
    /// `tellsIdentity`).
    static let idCalls: Set<String> = SyscallSpecs.names(with: .tellsIdentity)

    mutating func observe(_ c: SyscallEvent) {
        guard c.ret != nil, c.errno == nil else { return }
        func note(_ key: String, _ value: CompareReport.IdentityValue) {
            var list = values[key] ?? []
            if !list.contains(value) && list.count < 5 { list.append(value) }
            values[key] = list
        }
        if Self.idCalls.contains(c.name) {
            if let ret = c.ret { note(c.name, .number(ret)) }
        } else if c.name == "uname", let node = Self.string(c, 0, member: "nodename") {
            note("uname nodename", .text(node))
        } else if c.name == "getcwd", let path = Self.string(c, 0) {
            note("getcwd", .text(path))
        } else if c.name == "sethostname", let name = Self.string(c, 0) {
            note("sethostname", .text(name))
        }
    }

    // MARK: arguments, typed (version 3) or as text (older records)

    /// Argument `index` of a recorded call, typed: from `params` by the parameter's name.
    /// nil in a record older than version 3.
    static func param(_ c: SyscallEvent, _ index: Int) -> SyscallValue? {
        guard let params = c.params else { return nil }
        let names = SyscallDecoder.parameterNames(c.name, abi: c.abi)
        return index < names.count ? params[names[index]] : nil
    }

    /// The string argument `index` (or its structure's `member`).
    static func string(_ c: SyscallEvent, _ index: Int, member: String? = nil) -> String? {
        if c.params != nil {
            let v = param(c, index)
            return (member.flatMap { v?[$0] } ?? (member == nil ? v : nil))?.stringValue
        }
        guard index < c.args.count else { return nil }
        if let member { return field(member, in: c.args[index]) }
        return QuotedText.unquote(c.args[index])
    }

    /// The descriptor argument `index`, and the file `-y` gave for it.
    static func fd(_ c: SyscallEvent, _ index: Int) -> (fd: Int, path: String?)? {
        if c.params != nil {
            guard let n = param(c, index)?.integer else { return nil }
            return (Int(n), c.fds?[n == -100 ? "AT_FDCWD" : String(n)])
        }
        guard index < c.args.count else { return nil }
        let text = c.args[index]
        if text == "AT_FDCWD" || ScalarText.hasPrefix(text, "AT_FDCWD<") { return (-100, fdPath(text)) }
        guard let n = fdNumber(text) else { return nil }
        return (n, fdPath(text))
    }

    // MARK: paths

    /// The argument that names a path, and the one that names its directory fd, of the
    /// calls whose path is a lookup (the spec table's `looksUpPath`; positions from the
    /// row's types: the first path, the dirfd just before it).
    static let pathArgs: [String: (path: Int, dirfd: Int?)] = {
        var m: [String: (Int, Int?)] = [:]
        for name in SyscallSpecs.names(with: .looksUpPath) {
            if let p = SyscallSpecs.spec(anyABI: name)?.pathArgument { m[name] = p }
        }
        return m
    }()

    /// The lookups that open the path: they return its fd.
    static let opens: Set<String> = SyscallSpecs.names(with: .looksUpPath)
        .filter { SyscallSpecs.spec(anyABI: $0)?.returnsFD == true }

    mutating func lookups(_ c: SyscallEvent, tgid: Int32, program: String?, fdPaths: inout [FDKey: String]) {
        guard let (pi, di) = Self.pathArgs[c.name], let rel = Self.string(c, pi), !rel.isEmpty, c.ret != nil else { return }
        var path = rel
        if !ScalarText.hasPrefix(rel, "/") {
            if let di, let d = Self.fd(c, di), d.fd != -100 {
                if let dir = d.path.flatMap(Self.absolute) ?? fdPaths[FDKey(tgid: tgid, fd: d.fd)] {
                    path = dir + "/" + rel
                }
            }
        }
        path = Self.normalize(path)
        let (key, pid) = Self.procKey(path)
        if c.errno == nil {
            paths[key, default: PathOutcome()].ok += 1
            if let pid {
                procPids.insert(pid)
                if let program, !procReaders.contains(program) { procReaders.append(program) }
            }
        } else if let e = c.errno {
            paths[key, default: PathOutcome()].errors[e, default: 0] += 1
        }
        if Self.opens.contains(c.name), c.errno == nil, let ret = c.ret, ret >= 0 {
            let resolved = c.params != nil ? c.fds?[String(ret)].flatMap(Self.absolute) : Self.fdPath(c.retText)
            fdPaths[FDKey(tgid: tgid, fd: Int(ret))] = resolved ?? path
        }
    }

    /// "/a//b/" → "/a/b"; "./x" → "x".
    static func normalize(_ path: String) -> String {
        let absolute = ScalarText.hasPrefix(path, "/")
        let parts = ScalarText.split(path, "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// "/proc/123/stat" → ("/proc/[pid]/stat", 123); task ids under it too.
    static func procKey(_ path: String) -> (String, Int32?) {
        guard ScalarText.hasPrefix(path, "/proc/") else { return (path, nil) }
        var parts = ScalarText.split(path, "/")
        guard parts.count >= 2, let pid = Int32(parts[1]) else { return (path, nil) }
        parts[1] = "[pid]"
        if parts.count >= 4, parts[2] == "task", Int32(parts[3]) != nil { parts[3] = "[tid]" }
        return ("/" + parts.joined(separator: "/"), pid)
    }

    // MARK: argument texts

    /// `3</proc>` or `3` → 3.
    static func fdNumber(_ text: String) -> Int? {
        Int(String(String.UnicodeScalarView(text.unicodeScalars.prefix { ("0"..."9").contains($0) || $0 == "-" })))
    }

    /// `3</proc>` → "/proc" (the -y path); nil without one, or for a socket or pipe.
    static func fdPath(_ text: String) -> String? {
        guard let (_, rest) = ScalarText.cut(text, at: "<"), ScalarText.hasSuffix(rest, ">") else { return nil }
        let inner = String(decoding: rest.utf8.dropLast(), as: UTF8.self)
        return absolute(unescape(inner))
    }

    /// A path, not a socket or a pipe (`socket:[1234]`).
    static func absolute(_ path: String) -> String? { ScalarText.hasPrefix(path, "/") ? path : nil }

    /// The directory entries a getdents returned: `{"entries": 25}` of its `dirp`, or in an
    /// older record the text `0x55d0 /* 25 entries */`.
    static func entries(_ c: SyscallEvent) -> Int {
        if c.params != nil { return param(c, 1)?["entries"]?.integer.map(Int.init) ?? 0 }
        return c.args.count > 1 ? entries(c.args[1]) : 0
    }

    /// `0x55d0 /* 25 entries */` → 25.
    static func entries(_ text: String) -> Int {
        guard let r = text.utf8.firstRange(of: "/* ".utf8) else { return 0 }
        return Int(String(decoding: text.utf8[r.upperBound...].prefix { (0x30...0x39).contains($0) }, as: UTF8.self)) ?? 0
    }

    /// `{sysname="Linux", nodename="vm", ...}` → "vm" for "nodename".
    static func field(_ name: String, in text: String) -> String? {
        guard let r = text.utf8.firstRange(of: (name + "=\"").utf8) else { return nil }
        return QuotedText.unquote(String(decoding: text.utf8[text.utf8.index(before: r.upperBound)...], as: UTF8.self))
    }

    /// The octal escapes of a -y path (`\74` for '<').
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
        return QuotedText.unquote("\"" + text + "\"") ?? text
    }
}
