/// `nstrace graph RECORD --format perfetto`: a record as Chrome's Trace Event Format, the
/// JSON that ui.perfetto.dev and chrome://tracing open (docs/graph.md#perfetto).
///
/// ```
/// {"displayTimeUnit":"ns","otherData":{...},"traceEvents":[
/// {"ph":"M","name":"process_name","pid":10,"tid":10,"args":{"name":"sh → cat"}},
/// {"ph":"X","name":"openat","cat":"syscall","pid":10,"tid":10,"ts":7890,"dur":101,"args":{...}},
/// {"ph":"i","name":"ns: uts 4026531838 → 4026532177","cat":"ns","s":"t",...},
/// ...
/// ]}
/// ```
///
/// - One track per task: `pid` is its process (the record's `tgid`), `tid` the task; `M`
///   events name them (`process_name`, `thread_name`).
/// - Each syscall is a complete slice (`X`) from its entry (`t`) for its `duration`, both in
///   microseconds, the record's precision. A call that never returned (`duration` null)
///   lasts until its task's `exit` line, or the last time in a record cut short; its `ret`
///   is `?` and `returned` false.
/// - Task starts, execs, signals, namespace changes, id map writes and exits are instant
///   events (`i`, thread scope) on the task's track.
///
/// Times are those of the record: seconds since the trace started, so the timeline starts
/// at 0; the wall-clock start is in `otherData`. Pure: no file or clock is read.
public enum PerfettoExporter {
    public struct Options: Sendable {
        /// Only these tasks (record pids); nil for all.
        public var pids: Set<Int32>?
        /// Only the namespace changes of these types (`user`, `pid`, ...; an id map write
        /// counts as `user`); nil for all.
        public var types: Set<NamespaceKind>?
        public init(pids: Set<Int32>? = nil, types: Set<NamespaceKind>? = nil) {
            self.pids = pids
            self.types = types
        }
    }

    /// Seconds as whole microseconds. A record's times are untrusted (any JSON number):
    /// beyond what an Int64 of microseconds holds (about 9.2e12 s, 292,000 years) they
    /// are clamped to Int64's bounds, and NaN is 0, instead of trapping in the conversion.
    static func micros(_ seconds: Double) -> Int64 {
        let us = (seconds * 1_000_000).rounded()
        if us.isNaN { return 0 }
        // 2^63 is the first Double above Int64.max.
        if us >= 9_223_372_036_854_775_808.0 { return .max }
        if us <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(us)
    }

    /// `to - from`, at least 0 and at most Int64.max (both ends may be clamped times).
    static func span(_ from: Int64, _ to: Int64) -> Int64 {
        if to <= from { return 0 }
        let (d, overflow) = to.subtractingReportingOverflow(from)
        return overflow ? .max : d
    }

    public static func export(_ lines: [RecordLine], options: Options = Options()) -> String {
        var header: RecordHeader?
        var end: RecordEnd?
        var lastT = 0.0
        /// Task → process (tgid), in the order tasks appear.
        var order: [Int32] = []
        var tgid: [Int32: Int32] = [:]
        /// The programs each task ran, in order ("sh", "cat").
        var names: [Int32: [String]] = [:]
        var nspid: [Int32: [Int32]] = [:]
        /// When each pid's tasks ended (a pid can end twice: a leader superseded by a thread's execve).
        var exits: [Int32: [Double]] = [:]

        func basename(_ path: String) -> String {
            ScalarText.baseName(path)
        }

        // First pass: tracks and their names, and when each task ended (for the calls
        // that never returned, written before their task's exit line).
        for line in lines {
            switch line {
            case .header(let h): header = h
            case .end(let e):
                end = e
                lastT = max(lastT, e.t)
            case .event(let e):
                switch e {
                case .task(let t):
                    lastT = max(lastT, t.t)
                    if tgid[t.pid] == nil { order.append(t.pid) }
                    tgid[t.pid] = t.tgid
                    nspid[t.pid] = t.nspid ?? []
                    // A child runs its parent's program until it execs; the started
                    // command is named by its first exec (/proc/PID/exe), else by argv[0].
                    if let parent = t.ppid, let n = names[parent]?.last {
                        names[t.pid] = [n]
                    } else {
                        names[t.pid] = []
                    }
                case .exec(let x):
                    lastT = max(lastT, x.t)
                    if let f = x.filename {
                        let n = basename(f)
                        if names[x.pid]?.last != n { names[x.pid, default: []].append(n) }
                    }
                case .exit(let x):
                    lastT = max(lastT, x.t)
                    exits[x.pid, default: []].append(x.t)
                case .syscall(let s): lastT = max(lastT, s.t + (s.duration ?? 0))
                case .signal(let s): lastT = max(lastT, s.t)
                case .namespace(let n): lastT = max(lastT, n.t)
                case .idmap(let m): lastT = max(lastT, m.t)
                case .lost(let l): lastT = max(lastT, l.t)
                }
            }
        }

        func included(_ pid: Int32) -> Bool { options.pids?.contains(pid) ?? true }
        func process(_ pid: Int32) -> Int32 { tgid[pid] ?? pid }
        func micros(_ seconds: Double) -> Int64 { Self.micros(seconds) }
        func taskName(_ pid: Int32) -> String {
            var chain = names[pid] ?? []
            if chain.isEmpty { chain = [header?.command.first.map(basename) ?? "?"] }
            var s = chain.joined(separator: " → ")
            if let ns = nspid[pid], ns.count > 1, let inner = ns.last { s += " (\(inner) inside)" }
            return s
        }

        var out = ByteBuffer(capacity: 1 << 16)
        var first = true
        func emit(_ fields: [(String, JSONValue)]) {
            out.append(first ? "\n" : ",\n")
            first = false
            JSONValue.object(fields).write(into: &out)
        }
        func instant(_ pid: Int32, _ t: Double, _ name: String, _ cat: String, _ args: [(String, JSONValue)]) {
            emit([("ph", .string("i")), ("name", .string(name)), ("cat", .string(cat)), ("s", .string("t")),
                  ("pid", .int(Int64(process(pid)))), ("tid", .int(Int64(pid))), ("ts", .int(micros(t))),
                  ("args", .object(args))])
        }

        // The document's head.
        out.append("{\"displayTimeUnit\":\"ns\",\"otherData\":")
        var other: [(String, JSONValue)] = [("source", .string("nstrace record"))]
        if let h = header {
            other += [("command", .string(h.command.joined(separator: " "))),
                      ("attached", .string(h.attached.map(String.init).joined(separator: ","))),
                      ("start", .string(h.start)), ("kernel", .string(h.kernel)),
                      ("hostname", .string(h.hostname)), ("tool", .string(h.tool))]
        }
        if let e = end { other += [("end", .string(e.reason)), ("status", .int(Int64(e.status)))] }
        JSONValue.object(other).write(into: &out)
        out.append(",\"traceEvents\":[")

        // Track names: each process once (named after its leader), then each task.
        var named = Set<Int32>()
        for pid in order where included(pid) {
            let p = process(pid)
            if !named.contains(p) {
                named.insert(p)
                emit([("ph", .string("M")), ("name", .string("process_name")), ("pid", .int(Int64(p))),
                      ("tid", .int(Int64(p))), ("args", .object([("name", .string(taskName(names[p] != nil ? p : pid)))]))])
            }
            emit([("ph", .string("M")), ("name", .string("thread_name")), ("pid", .int(Int64(p))),
                  ("tid", .int(Int64(pid))), ("args", .object([("name", .string(taskName(pid)))]))])
        }

        // The events, in the record's order.
        for line in lines {
            guard case .event(let e) = line, included(e.pid) else { continue }
            switch e {
            case .task(let t):
                var args: [(String, JSONValue)] = [("via", .string(t.via.rawValue))]
                if let pp = t.ppid { args.append(("ppid", .int(Int64(pp)))) }
                if let ns = t.nspid, ns.count > 1 { args.append(("nspid", .string(ns.map(String.init).joined(separator: " ")))) }
                let what = t.ppid.map { "\(t.via.rawValue) by \($0)" } ?? t.via.rawValue
                instant(t.pid, t.t, "task: " + what, "task", args)
            case .syscall(let s):
                let end = s.duration.map { s.t + $0 } ?? exits[s.pid]?.first { $0 >= s.t } ?? lastT
                let dur = max(0, end - s.t)
                var args: [(String, JSONValue)] = [("args", .string(s.args.joined(separator: ", "))),
                                                   ("ret", .string(s.retText))]
                if let errno = s.errno { args.append(("errno", .string(errno))) }
                // Version 3: the arguments typed, shown by Perfetto as a tree.
                if let params = s.params, !params.fields.isEmpty { args.append(("params", .typed(.structure(params.fields)))) }
                if let r = s.retValue { args.append(("retValue", .typed(r))) }
                if let fds = s.fds, !fds.isEmpty {
                    args.append(("fds", .object(fds.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
                }
                if s.abi != .x86_64 { args.append(("abi", .string(s.abi.rawValue))) }
                if s.duration == nil { args.append(("returned", .bool(false))) }
                emit([("ph", .string("X")), ("name", .string(s.name)), ("cat", .string("syscall")),
                      ("pid", .int(Int64(process(s.pid)))), ("tid", .int(Int64(s.pid))),
                      ("ts", .int(micros(s.t))), ("dur", .int(Self.span(micros(s.t), micros(s.t + dur)))),
                      ("args", .object(args))])
            case .signal(let s):
                let name = s.stopped ? "stopped by \(s.signal)" : s.signal
                instant(s.pid, s.t, name, "signal", s.info.map { [("info", .string($0))] } ?? [])
            case .exec(let x):
                var args: [(String, JSONValue)] = [("filename", x.filename.map { .string($0) } ?? .null)]
                if x.formerPid != x.pid { args.append(("formerPid", .int(Int64(x.formerPid)))) }
                instant(x.pid, x.t, "exec: " + (x.filename ?? "?"), "exec", args)
            case .namespace(let n):
                if let types = options.types, !types.contains(n.kind.base) { continue }
                instant(n.pid, n.t, "ns: \(n.kind.rawValue) \(n.from) → \(n.to)", "ns",
                        [("kind", .string(n.kind.rawValue)), ("from", .int(Int64(bitPattern: n.from))),
                         ("to", .int(Int64(bitPattern: n.to))), ("cause", .string(n.cause)),
                         ("call", n.call.map { .string($0) } ?? .null)])
            case .lost(let l):
                var args: [(String, JSONValue)] = [("count", .int(Int64(clamping: l.count))), ("reason", .string(l.reason.rawValue))]
                if let from = l.from { args.append(("from", .string(StraceTextPrinter.fixed(from, 6)))) }
                if let to = l.to { args.append(("to", .string(StraceTextPrinter.fixed(to, 6)))) }
                instant(l.pid ?? 0, l.t, "lost: \(l.count) events", "lost", args)
            case .idmap(let m):
                if let types = options.types, !types.contains(.user) { continue }
                let shown = ScalarText.lines(m.data).joined(separator: "; ")
                instant(m.pid, m.t, "ns: \(m.file) of pid \(m.target) := \(shown)", "ns",
                        [("file", .string(m.file)), ("target", .int(Int64(m.target))), ("data", .string(m.data))])
            case .exit(let x):
                let name: String
                var args: [(String, JSONValue)] = []
                if let by = x.supersededBy {
                    name = "superseded by execve in pid \(by)"
                    args.append(("supersededBy", .int(Int64(by))))
                } else if x.detached {
                    name = "detached"
                } else if let sig = x.signal {
                    name = "killed by \(sig)" + (x.coreDumped ? " (core dumped)" : "")
                    args.append(("signal", .string(sig)))
                } else {
                    name = "exited with \(x.code ?? 0)"
                    args.append(("code", .int(Int64(x.code ?? 0))))
                }
                instant(x.pid, x.t, name, "exit", args)
            }
        }
        out.append("\n]}\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

/// The little JSON the exporter writes, with its keys in the order given.
enum JSONValue {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null
    case object([(String, JSONValue)])
    /// A record's typed value, as the record writes it.
    case typed(SyscallValue)

    func write(into b: inout ByteBuffer) {
        switch self {
        case .typed(let v):
            var fds: [(String, String)] = []
            v.writeJSON(into: &b, fds: &fds)
        case .string(let s): JSONText.string(s, into: &b)
        case .int(let i): b.append(String(i))
        case .bool(let v): b.append(v ? "true" : "false")
        case .null: b.append("null")
        case .object(let fields):
            b.append(byte: UInt8(ascii: "{"))
            for (i, (k, v)) in fields.enumerated() {
                if i > 0 { b.append(byte: UInt8(ascii: ",")) }
                JSONText.string(k, into: &b)
                b.append(byte: UInt8(ascii: ":"))
                v.write(into: &b)
            }
            b.append(byte: UInt8(ascii: "}"))
        }
    }
}
