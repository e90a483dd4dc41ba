import NSCore

/// The comparison of one command run twice, outside and inside: the model every view
/// (text, json, dot) renders. Built from two records (and their side files, when there
/// are any) by `CompareReport.build`, with no system call: the live `nstrace compare`
/// records both sides first and then takes exactly this path.
public struct CompareReport: Codable, Equatable, Sendable {
    public static let formatName = "nstrace-compare"
    public static let currentVersion = 1

    public var format = CompareReport.formatName
    public var version = CompareReport.currentVersion
    public var command: [String]
    public var outside: Side
    public var inside: Side
    /// Namespaces first (user, pid, mnt, net, uts, ipc, cgroup, time), then the process.
    public var identity: [IdentityRow]
    public var verdicts: [Verdict]
    /// Every syscall name either side made, most different first.
    public var syscalls: [CountRow]
    /// Calls whose results differ in a way that matters.
    public var results: [ResultRow]
    /// Directories listed on either side whose entry counts differ.
    public var listings: [ListingRow]
    public var files: Files
    public var stdout: OutputDiff
    public var stderr: OutputDiff

    public struct Side: Codable, Equatable, Sendable {
        public var place: String
        /// The command ran (an exec succeeded).
        public var ran: Bool
        public var program: String?
        /// The command's exit code, or 128+N when signal N killed it; nil when unknown.
        public var status: Int32?
        /// "exit 0", "killed by SIGKILL", "timed out after 30 s (killed)", "did not run: ...".
        public var outcome: String
        public var launchError: String?
        public var timedOut: Double?
        public var notes: [String]
        /// Processes the command ran as, and the programs they ran.
        public var processes: Int
        public var programs: [String]
        public var calls: Int
        /// The set-up's calls before the command's exec (nstrace's setns, unshare, mounts...).
        public var setup: [NameCount]
        /// Process directories the command looked at in /proc.
        public var procPids: Int
        /// Facts came from a side file (stdout, stderr, identity at exec).
        public var hasSideFile: Bool
    }

    public struct NameCount: Codable, Equatable, Sendable {
        public var name: String
        public var count: Int
    }

    public struct IdentityRow: Codable, Equatable, Sendable {
        /// "user", "pid", ... for namespaces (kind "namespace"); "hostname", "PID", "PPID",
        /// "uid", "gid", "root", "cwd", "exit" (kind "process").
        public var name: String
        public var kind: String
        public var outside: IdentityValue?
        public var inside: IdentityValue?
        /// Whether the two agree. PID and PPID count as different only when the pid
        /// namespaces differ (two runs are two processes anyway); unknown values are same.
        public var same: Bool
    }

    /// An identity value: a number (an inode, a pid, a uid) or text (a hostname, a path);
    /// a JSON number or string.
    public enum IdentityValue: Codable, Equatable, Sendable, CustomStringConvertible {
        case number(Int64)
        case text(String)

        public var description: String {
            switch self {
            case .number(let n): return String(n)
            case .text(let s): return s
            }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int64.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .number(let n): try c.encode(n)
            case .text(let s): try c.encode(s)
            }
        }
    }

    public struct Verdict: Codable, Equatable, Sendable {
        public var type: NamespaceKind
        /// The two sides were in different namespaces of this type.
        public var different: Bool
        public var text: String
    }

    public struct CountRow: Codable, Equatable, Sendable {
        public var name: String
        public var outside: Int
        public var inside: Int
        public var diff: Int { inside - outside }
        enum CodingKeys: String, CodingKey { case name, outside, inside, diff }
        /// Larger differences first, then more calls, then by name.
        static func moreDifferent(_ a: CountRow, _ b: CountRow) -> Bool {
            let da = abs(a.diff), db = abs(b.diff)
            if da != db { return da > db }
            let ma = max(a.outside, a.inside), mb = max(b.outside, b.inside)
            if ma != mb { return ma > mb }
            return a.name < b.name
        }
        public init(name: String, outside: Int, inside: Int) {
            self.name = name
            self.outside = outside
            self.inside = inside
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            outside = try c.decode(Int.self, forKey: .outside)
            inside = try c.decode(Int.self, forKey: .inside)
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(outside, forKey: .outside)
            try c.encode(inside, forKey: .inside)
            try c.encode(diff, forKey: .diff)
        }
    }

    public struct ResultRow: Codable, Equatable, Sendable {
        /// "getpid", "uname nodename", "getuid", "getcwd", ...
        public var call: String
        public var outside: [IdentityValue]
        public var inside: [IdentityValue]
    }

    public struct ListingRow: Codable, Equatable, Sendable {
        public var path: String
        /// Entries of the first listing ("." and ".." included); nil: not listed there.
        public var outside: Int?
        public var inside: Int?
    }

    public struct PathRow: Codable, Equatable, Sendable {
        public var path: String
        /// "ok", an errno name, or nil when that side did not look it up.
        public var outside: String?
        public var inside: String?
    }

    public struct Files: Codable, Equatable, Sendable {
        /// Found outside, ENOENT (or ENOTDIR) inside.
        public var missingInside: [PathRow] = []
        /// Found inside, ENOENT (or ENOTDIR) outside.
        public var missingOutside: [PathRow] = []
        /// Looked up on both sides with other different outcomes (ok vs EACCES, ...).
        public var differ: [PathRow] = []
        /// Looked up on one side only.
        public var onlyOutside: [PathRow] = []
        public var onlyInside: [PathRow] = []
        public init() {}
    }

    public struct OutputDiff: Codable, Equatable, Sendable {
        /// Both sides' output is known (side files).
        public var known: Bool
        public var same: Bool
        public var outsideBytes: Int?
        public var insideBytes: Int?
        public var truncated: Bool
        /// `diff -u` of outside → inside; "" when the same or unknown.
        public var diff: String
    }
}

// MARK: building

extension CompareReport {
    static let missingErrnos: Set<String> = ["ENOENT", "ENOTDIR"]

    /// The report of two sides: each a record's analysis and, when there is one, its side
    /// file. `places` name the sides that have no side file.
    public static func build(outside: (trace: SideTrace, facts: SideFacts?),
                             inside: (trace: SideTrace, facts: SideFacts?),
                             places: (outside: String, inside: String) = ("outside", "inside")) -> CompareReport {
        let o = outside.trace, i = inside.trace
        let of = outside.facts, inf = inside.facts
        let command = o.command.isEmpty ? i.command : o.command

        // Identity.
        var rows: [IdentityRow] = []
        for t in NamespaceID.types {
            let a = o.namespaces[t], b = i.namespaces[t]
            rows.append(IdentityRow(name: t.rawValue, kind: "namespace", outside: a.map { .number(Int64(bitPattern: $0)) },
                                    inside: b.map { .number(Int64(bitPattern: $0)) },
                                    same: a == nil || b == nil || a == b))
        }
        let pidNsSame = o.namespaces[.pid] == nil || i.namespaces[.pid] == nil || o.namespaces[.pid] == i.namespaces[.pid]
        let oid = identity(o, of), iid = identity(i, inf)
        func row(_ name: String, _ a: IdentityValue?, _ b: IdentityValue?, same: Bool? = nil) {
            rows.append(IdentityRow(name: name, kind: "process", outside: a, inside: b,
                                    same: same ?? (a == nil || b == nil || a == b)))
        }
        func number<T: BinaryInteger>(_ v: T?) -> IdentityValue? { v.map { .number(Int64($0)) } }
        func text(_ v: String?) -> IdentityValue? { v.map { .text($0) } }
        row("hostname", text(oid.hostname), text(iid.hostname))
        row("PID", number(oid.pid), number(iid.pid), same: pidNsSame ? true : oid.pid == iid.pid)
        row("PPID", number(oid.ppid), number(iid.ppid), same: pidNsSame ? true : oid.ppid == iid.ppid)
        row("uid", number(oid.uid), number(iid.uid))
        row("gid", number(oid.gid), number(iid.gid))
        row("root", text(oid.root.map { r in oid.rootMount.map { "\(r) (\($0))" } ?? r }),
            text(iid.root.map { r in iid.rootMount.map { "\(r) (\($0))" } ?? r }))
        row("cwd", text(oid.cwd), text(iid.cwd))
        let os = side(o, of, place: places.outside), ins = side(i, inf, place: places.inside)
        row("exit", text(shortOutcome(os)), text(shortOutcome(ins)))

        // Syscall counts.
        let names = Set(o.counts.keys).union(i.counts.keys)
        let counts = names.map { CountRow(name: $0, outside: o.counts[$0] ?? 0, inside: i.counts[$0] ?? 0) }
            .sorted(by: CountRow.moreDifferent)

        // Results that matter.
        var results: [ResultRow] = []
        for call in ["getpid", "getppid", "uname nodename", "sethostname", "getuid", "geteuid", "getgid", "getegid", "getcwd"] {
            let a = o.values[call] ?? [], b = i.values[call] ?? []
            // getpid in the same pid namespace differs for any two runs: not a difference.
            if (call == "getpid" || call == "getppid") && pidNsSame { continue }
            // A value one side never asked for is no difference (busybox asks getuid, ls not).
            if !a.isEmpty && !b.isEmpty && a != b { results.append(ResultRow(call: call, outside: a, inside: b)) }
        }

        // Listings.
        var listings: [ListingRow] = []
        for path in Set(o.listings.keys).union(i.listings.keys).sorted() {
            let a = o.listings[path]?.first, b = i.listings[path]?.first
            if a != b { listings.append(ListingRow(path: path, outside: a, inside: b)) }
        }

        // Files.
        var files = Files()
        for path in Set(o.paths.keys).union(i.paths.keys).sorted() {
            let a = o.paths[path]?.status, b = i.paths[path]?.status
            let r = PathRow(path: path, outside: a, inside: b)
            switch (a, b) {
            case (nil, _?): files.onlyInside.append(r)
            case (_?, nil): files.onlyOutside.append(r)
            case (let a?, let b?) where a != b:
                if a == "ok" && missingErrnos.contains(b) {
                    files.missingInside.append(r)
                } else if b == "ok" && missingErrnos.contains(a) {
                    files.missingOutside.append(r)
                } else if !(missingErrnos.contains(a) && missingErrnos.contains(b)) {
                    files.differ.append(r)
                }
            default: break
            }
        }

        let stdout = outputDiff(of?.stdout, inf?.stdout, name: "stdout")
        let stderr = outputDiff(of?.stderr, inf?.stderr, name: "stderr")

        var report = CompareReport(command: command, outside: os, inside: ins, identity: rows, verdicts: [],
                                   syscalls: counts, results: results, listings: listings, files: files,
                                   stdout: stdout, stderr: stderr)
        report.verdicts = Verdicts.make(report, outside: o, inside: i)
        return report
    }

    /// Identity facts: the side file's, else what the trace tells.
    static func identity(_ t: SideTrace, _ f: SideFacts?) -> SideFacts.Identity {
        var id = f?.identity ?? SideFacts.Identity()
        if t.rootPid == nil { return SideFacts.Identity() }
        func number<T: FixedWidthInteger>(_ key: String) -> T? {
            if case .number(let n)? = t.values[key]?.first { return T(exactly: n) }
            return nil
        }
        func text(_ key: String) -> String? {
            if case .text(let s)? = t.values[key]?.first { return s }
            return nil
        }
        if id.pid == nil { id.pid = t.innerPid ?? number("getpid") }
        if id.ppid == nil { id.ppid = t.ppidInside ?? number("getppid") }
        if id.hostname == nil { id.hostname = text("uname nodename") }
        if id.uid == nil { id.uid = number("getuid") }
        if id.gid == nil { id.gid = number("getgid") }
        if id.cwd == nil { id.cwd = text("getcwd") }
        return id
    }

    static func side(_ t: SideTrace, _ f: SideFacts?, place: String) -> Side {
        let ran = t.rootPid != nil
        var status: Int32?
        var outcome: String
        if let c = t.exitCode {
            status = c
            outcome = "exit \(c)"
        } else if let sig = t.exitSignal {
            status = 128 + (SignalNames.number(sig) ?? 0)
            outcome = "killed by \(sig)"
        } else if let s = t.endStatus {
            status = s
            outcome = "exit \(s)"
        } else {
            outcome = "unknown (the record is cut short)"
        }
        if let secs = f?.timedOut {
            outcome = "timed out after \(formatSeconds(secs)) s (killed)"
        } else if !ran {
            outcome = "did not run" + (f?.launchError.map { ": " + $0 } ?? "")
        }
        let setup = t.setup.map { NameCount(name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
        return Side(place: f?.place ?? place, ran: ran, program: t.program, status: status, outcome: outcome,
                    launchError: f?.launchError, timedOut: f?.timedOut, notes: f?.notes ?? [],
                    processes: t.processes, programs: t.programs, calls: t.total, setup: setup,
                    procPids: t.procPids.count, hasSideFile: f != nil)
    }

    /// The outcome in a few words, for the identity table.
    static func shortOutcome(_ s: Side) -> String {
        if s.timedOut != nil { return "timed out (killed)" }
        if !s.ran { return "did not run" + (s.status.map { " (exit \($0))" } ?? "") }
        return s.outcome
    }

    /// "30", "2.5", "1e+300": whole numbers without a fraction. The value comes from a side
    /// file (untrusted): only whole numbers well within Int's range go through Int (1e300
    /// and -1e19 trapped in the conversion); the others, inf and nan as Swift prints them.
    static func formatSeconds(_ s: Double) -> String {
        s.isFinite && s == s.rounded() && Swift.abs(s) < 1e15 ? String(Int(s)) : String(s)
    }

    static func outputDiff(_ a: SideFacts.Captured?, _ b: SideFacts.Captured?, name: String) -> OutputDiff {
        guard let a, let b else {
            return OutputDiff(known: false, same: false, outsideBytes: a?.bytes, insideBytes: b?.bytes,
                              truncated: false, diff: "")
        }
        let diff = LineDiff.unified(a.text, b.text, labelA: "outside \(name)", labelB: "inside \(name)")
        return OutputDiff(known: true, same: a.text == b.text && a.bytes == b.bytes, outsideBytes: a.bytes,
                          insideBytes: b.bytes, truncated: a.truncated || b.truncated, diff: diff)
    }
}
