import Glibc
import NSCore

/// What the explorer page shows, built from a `NamespaceGraph` and, for a record, its
/// lines: the tasks (tree, labels, exits, execs), the namespaces with the transitions into
/// them, each transition and exec tied to the call that made it, and every syscall in
/// entry-time order as columns (docs/explorer.md, "The page's data").
///
/// Pure: no file, no kernel. Untrusted text (argv, paths, comm, hostnames) is kept as it
/// is; the page inserts it with `textContent` only, and `ScriptJSON` makes the embedding
/// safe.
public struct ExplorerModel: Sendable {
    public struct Task: Sendable, Equatable {
        public var pid: Int32
        public var tgid: Int32?
        public var ppid: Int32?
        public var via: String?
        public var start: Double?
        public var end: Double?
        /// "exited 0", "killed by SIGKILL", "superseded by execve in pid N", "detached";
        /// nil when the record ends before it (or for the live system).
        public var exit: String?
        public var nspid: [Int32]
        /// What a person knows it by: its comm (the name the kernel shows), as far as the
        /// record tells it (`GraphFromRecord`: exec, `prctl(PR_SET_NAME)`, or inherited).
        public var label: String
        /// The programs it ran, in order (basenames of the exec'd files).
        public var programs: [String]
        public var argv: [String]
        /// Its namespaces at the end: link kind → inode (as text: inodes pass 2^53).
        public var ns: [(NamespaceKind, UInt64)]
        public var uid: UInt32?

        public static func == (a: Task, b: Task) -> Bool {
            a.pid == b.pid && a.tgid == b.tgid && a.ppid == b.ppid && a.via == b.via && a.start == b.start
                && a.end == b.end && a.exit == b.exit && a.nspid == b.nspid && a.label == b.label
                && a.programs == b.programs && a.argv == b.argv && a.ns.map(\.0) == b.ns.map(\.0)
                && a.ns.map(\.1) == b.ns.map(\.1) && a.uid == b.uid
        }
    }

    public struct Namespace: Sendable, Equatable {
        public var id: NamespaceID
        public var initial: Bool
        public var tasks: [Int32]
        public var parent: UInt64?
        public var owner: UInt64?
        /// What it shows (hostname, interfaces, ...), a line each.
        public var facts: [String]
        public var heldBy: String
    }

    public struct Transition: Sendable, Equatable {
        public var pid: Int32
        public var kind: NamespaceKind
        public var from: NamespaceID?
        public var to: NamespaceID
        public var cause: String
        public var call: String?
        public var t: Double
        /// The index (in `calls`) of the call that made it; nil when the record lacks it
        /// (not selected by `-e trace=`).
        public var callIndex: Int?
    }

    public struct Exec: Sendable, Equatable {
        public var pid: Int32
        public var t: Double
        public var filename: String?
        public var callIndex: Int?
    }

    public struct Signal: Sendable, Equatable {
        public var pid: Int32
        public var t: Double
        public var name: String
    }

    /// The calls, in entry-time order (stable: record order among equal times).
    public struct Calls: Sendable {
        public var task: [Int32] = []        // index into `tasks`
        public var t: [Double] = []
        public var duration: [Double?] = []
        public var name: [Int32] = []        // index into `names`
        public var errno: [Int32] = []       // index into `errnos`; 0: none
        /// `name(args) = result`, as strace prints it.
        public var text: [String] = []
        /// The call's typed `params` (record version 3) as the record holds them: raw JSON.
        public var params: [ArraySlice<UInt8>?] = []
        /// `retValue` (record version 3), raw JSON.
        public var retValue: [ArraySlice<UInt8>?] = []
        /// `fds` (record version 3): the file of each descriptor, raw JSON.
        public var fds: [ArraySlice<UInt8>?] = []
        public var names: [String] = []
        public var errnos: [String] = [""]
        public var count: Int { t.count }
    }

    public var title: String
    public var source: String
    public var command: [String] = []
    public var header: [(String, String)] = []
    public var endText: String?
    public var tasks: [Task] = []
    public var namespaces: [Namespace] = []
    public var transitions: [Transition] = []
    public var execs: [Exec] = []
    public var signals: [Signal] = []
    public var calls = Calls()
    /// The picture, laid out by libgraphviz; nil with `svgError` when it could not be.
    public var svg: String?
    public var svgError: String?

    /// A record's model. `raw`: the record's bytes, for what the reader does not decode
    /// (`params` and `retValue` of version 3 records); each non-empty line of it is one of
    /// `lines`, in order, as `RecordReader.parse` reads them.
    public static func build(graph: NamespaceGraph, lines: [RecordLine]?, raw: [UInt8]? = nil,
                             title: String) -> ExplorerModel {
        var m = ExplorerModel(title: title, source: graph.source)
        var index: [Int32: Int] = [:]
        for p in graph.processes where index[p.pid] == nil {
            index[p.pid] = m.tasks.count
            m.tasks.append(Task(pid: p.pid, tgid: nil, ppid: p.ppid, via: p.via, start: p.start, end: p.end,
                                exit: nil, nspid: p.nspid, label: p.comm, programs: [], argv: p.argv,
                                ns: NamespaceID.types.compactMap { t in p.ns[t.rawValue].map { (t, $0) } }, uid: p.uid))
        }
        for n in graph.namespaces {
            m.namespaces.append(Namespace(id: n.id, initial: n.isInitial, tasks: n.processes, parent: n.parent,
                                          owner: n.owner, facts: Describe.facts(n), heldBy: Describe.holders(n)))
        }
        guard let lines else {
            for t in graph.transitions {
                m.transitions.append(Transition(pid: t.pid, kind: t.kind, from: t.from, to: t.to, cause: t.cause,
                                                call: t.call, t: t.t, callIndex: nil))
            }
            return m
        }

        // The raw line of each parsed line (for params), when given.
        var rawRanges: [Range<Int>] = []
        if let raw {
            var start = 0
            for i in 0...raw.count where i == raw.count || raw[i] == 10 {
                if i > start { rawRanges.append(start..<i) }
                start = i + 1
            }
        }

        // A thread whose execve made it the leader: its former pid → the leader's. The graph
        // has one task for both, so every call of the thread goes to it.
        var movedTo: [Int32: Int32] = [:]
        for case .event(.exec(let x)) in lines where x.formerPid != x.pid && index[x.formerPid] == nil {
            movedTo[x.formerPid] = x.pid
        }
        var nameIndex: [String: Int32] = [:]
        var errnoIndex: [String: Int32] = ["": 0]
        struct RawCall { var task: Int32; var line: Int; var e: SyscallEvent }
        var raws: [RawCall] = []
        // Tasks whose last exec's file had no name: the index of that program in its list.
        var unnamed: [Int32: Int] = [:]
        var retTexts: [String] = []
        for (k, line) in lines.enumerated() {
            switch line {
            case .header(let h):
                m.command = h.command
                m.header = [("command", h.command.joined(separator: " ")), ("start", h.start),
                            ("kernel", h.kernel), ("machine", h.machine), ("hostname", h.hostname),
                            ("tool", h.tool), ("record version", String(h.version))]
                if !h.attached.isEmpty { m.header.append(("attached", h.attached.map(String.init).joined(separator: " "))) }
            case .end(let e):
                m.endText = "\(e.reason), status \(e.status), after \(StraceTextPrinter.fixed(e.t, 6)) s"
            case .event(let ev):
                switch ev {
                case .task(let t):
                    if let i = index[t.pid] { m.tasks[i].tgid = t.tgid }
                case .exec(let x):
                    if let i = index[x.pid] {
                        // Named by its exec call's argv[0] when the file has no name (runc's
                        // execveat of a sealed copy of itself: "/").
                        let name = GraphFromRecord.programName(x.filename)
                        m.tasks[i].programs.append(name ?? "?")
                        if name == nil { unnamed[x.pid] = m.tasks[i].programs.count - 1 }
                    }
                    m.execs.append(Exec(pid: x.pid, t: x.t, filename: x.filename, callIndex: nil))
                case .exit(let x):
                    guard let i = index[x.pid] else { break }
                    if let c = x.code {
                        m.tasks[i].exit = "exited \(c)"
                    } else if let s = x.signal {
                        m.tasks[i].exit = "killed by \(s)" + (x.coreDumped ? " (core dumped)" : "")
                    } else if let by = x.supersededBy {
                        m.tasks[i].exit = "superseded by execve in pid \(by)"
                    } else if x.detached {
                        m.tasks[i].exit = "detached"
                    }
                case .signal(let s):
                    m.signals.append(Signal(pid: s.pid, t: s.t, name: s.stopped ? "stopped by \(s.signal)" : s.signal))
                case .syscall(let s):
                    let pid = index[s.pid] == nil ? movedTo[s.pid] ?? s.pid : s.pid
                    guard let ti = index[pid] else { break }
                    if let k = unnamed[pid], let argv = GraphFromRecord.execArgv(s) {
                        unnamed[pid] = nil
                        if let name = argv.first.flatMap(GraphFromRecord.programName) { m.tasks[ti].programs[k] = name }
                    }
                    raws.append(RawCall(task: Int32(ti), line: k, e: s))
                case .namespace, .idmap, .lost:
                    break
                }
            }
        }

        // Calls in entry-time order; equal times keep the record's order.
        let order = raws.indices.sorted { a, b in
            raws[a].e.t != raws[b].e.t ? raws[a].e.t < raws[b].e.t : a < b
        }
        let n = order.count
        let paramsKey = Array("params".utf8), retValueKey = Array("retValue".utf8), fdsKey = Array("fds".utf8)
        m.calls.task.reserveCapacity(n)
        m.calls.t.reserveCapacity(n)
        m.calls.text.reserveCapacity(n)
        for r in order {
            let c = raws[r]
            let s = c.e
            m.calls.task.append(c.task)
            m.calls.t.append(s.t)
            m.calls.duration.append(s.duration)
            if let ni = nameIndex[s.name] { m.calls.name.append(ni) } else {
                let ni = Int32(m.calls.names.count)
                nameIndex[s.name] = ni
                m.calls.names.append(s.name)
                m.calls.name.append(ni)
            }
            let en = s.errno ?? ""
            if let ei = errnoIndex[en] { m.calls.errno.append(ei) } else {
                let ei = Int32(m.calls.errnos.count)
                errnoIndex[en] = ei
                m.calls.errnos.append(en)
                m.calls.errno.append(ei)
            }
            m.calls.text.append(s.name + "(" + s.args.joined(separator: ", ") + ") = " + s.retText)
            retTexts.append(s.retText)
            if let raw, c.line < rawRanges.count {
                let range = rawRanges[c.line]
                let (p, rv, f) = raw.withUnsafeBufferPointer { all -> (Range<Int>?, Range<Int>?, Range<Int>?) in
                    let line = UnsafeBufferPointer(rebasing: all[range])
                    return (JSONScan.topLevelValue(line, key: paramsKey), JSONScan.topLevelValue(line, key: retValueKey),
                            JSONScan.topLevelValue(line, key: fdsKey))
                }
                func slice(_ r: Range<Int>?) -> ArraySlice<UInt8>? {
                    r.map { raw[(range.lowerBound + $0.lowerBound)..<(range.lowerBound + $0.upperBound)] }
                }
                m.calls.params.append(slice(p))
                m.calls.retValue.append(slice(rv))
                m.calls.fds.append(slice(f))
            } else {
                m.calls.params.append(nil)
                m.calls.retValue.append(nil)
                m.calls.fds.append(nil)
            }
        }

        // Each task's calls by name, to tie transitions and execs to their calls.
        var byTask: [Int32: [Int]] = [:]
        for i in 0..<n { byTask[m.calls.task[i], default: []].append(i) }
        func lastCall(task pid: Int32, names: Set<String>, before t: Double,
                      where ok: (Int) -> Bool = { _ in true }) -> Int? {
            guard let ti = index[pid] else { return nil }
            var best: Int?
            for i in byTask[Int32(ti)] ?? [] {
                guard m.calls.t[i] <= t + 1e-9 else { break }
                if names.contains(m.calls.names[Int(m.calls.name[i])]) && ok(i) { best = i }
            }
            return best
        }
        // The calls that create tasks and replace programs, from the spec table.
        let creators = SyscallSpecs.names(with: .createsTask)
        let execs = SyscallSpecs.names(with: .replacesProgram)
        for tr in graph.transitions {
            var ci: Int?
            if creators.contains(tr.cause), let i = index[tr.pid], let parent = m.tasks[i].ppid {
                // The parent's call that returned this child's pid (as the parent sees it).
                let child = m.tasks[i]
                let pids = Set([child.pid] + child.nspid).map(String.init)
                ci = lastCall(task: parent, names: [tr.cause], before: .infinity) { c in pids.contains(retTexts[c]) } ?? lastCall(task: parent, names: [tr.cause], before: tr.t)
            } else {
                ci = lastCall(task: tr.pid, names: [tr.cause], before: tr.t)
            }
            m.transitions.append(Transition(pid: tr.pid, kind: tr.kind, from: tr.from, to: tr.to, cause: tr.cause,
                                            call: tr.call, t: tr.t, callIndex: ci))
        }
        for i in m.execs.indices {
            let x = m.execs[i]
            m.execs[i].callIndex = lastCall(task: x.pid, names: execs, before: .infinity) { c in
                m.calls.t[c] <= x.t + 1e-9 && retTexts[c] == "0"
            }
        }
        return m
    }
}

/// Finds a key's value in one JSON object line without decoding the line: for the keys of
/// a newer record (`params`, `retValue`) that the reader passes over.
public enum JSONScan {
    /// The bytes of the value of top-level `key` in the object `line`, or nil (no such key,
    /// or not an object). Keys are compared as written (a key spelled with escapes is not
    /// found).
    public static func topLevelValue(_ line: ArraySlice<UInt8>, key: String) -> ArraySlice<UInt8>? {
        let r: Range<Int>? = line.withUnsafeBufferPointer { topLevelValue($0, key: Array(key.utf8)) }
        return r.map { line[(line.startIndex + $0.lowerBound)..<(line.startIndex + $0.upperBound)] }
    }

    /// The same over bytes in memory: the value's offsets in `b`.
    public static func topLevelValue(_ b: UnsafeBufferPointer<UInt8>, key k: [UInt8]) -> Range<Int>? {
        guard let p = b.baseAddress, contains(b, k) else { return nil }
        let end = b.count
        var i = 0
        @inline(__always) func ws() { while i < end, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 } }
        func skipString() -> Bool {  // at the opening quote
            i += 1
            while i < end {
                let c = p[i]
                if c == 0x5C { i += 2; continue }
                i += 1
                if c == 0x22 { return true }
            }
            return false
        }
        func skipValue() -> Bool {
            guard i < end else { return false }
            switch p[i] {
            case 0x22: return skipString()
            case 0x7B, 0x5B:
                var depth = 0
                while i < end {
                    let c = p[i]
                    if c == 0x22 { if !skipString() { return false }; continue }
                    if c == 0x7B || c == 0x5B { depth += 1 }
                    if c == 0x7D || c == 0x5D {
                        depth -= 1
                        if depth == 0 { i += 1; return true }
                    }
                    i += 1
                }
                return false
            default:
                let s = i
                while i < end {
                    let c = p[i]
                    if c == 0x2C || c == 0x7D || c == 0x5D || c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { break }
                    i += 1
                }
                return i > s
            }
        }
        ws()
        guard i < end, p[i] == 0x7B else { return nil }
        i += 1
        while true {
            ws()
            guard i < end, p[i] == 0x22 else { return nil }
            let ks = i + 1
            guard skipString() else { return nil }
            let matches = i - 1 - ks == k.count && memcmp(p + ks, k, k.count) == 0
            ws()
            guard i < end, p[i] == 0x3A else { return nil }
            i += 1
            ws()
            let vs = i
            guard skipValue() else { return nil }
            if matches { return vs..<i }
            ws()
            guard i < end, p[i] == 0x2C else { return nil }
            i += 1
        }
    }

    /// Whether `"key"` occurs in `b` at all (most lines of most records have no such key).
    static func contains(_ b: UnsafeBufferPointer<UInt8>, _ key: [UInt8]) -> Bool {
        guard let p = b.baseAddress else { return false }
        let quoted = [0x22] + key + [0x22]
        var i = 0
        while i + quoted.count <= b.count {
            guard let q = memchr(p + i, 0x22, b.count - i) else { return false }
            i = UnsafePointer<UInt8>(q.assumingMemoryBound(to: UInt8.self)) - p
            if i + quoted.count <= b.count && memcmp(p + i, quoted, quoted.count) == 0 { return true }
            i += 1
        }
        return false
    }
}
