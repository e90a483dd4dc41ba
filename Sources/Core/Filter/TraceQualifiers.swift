/// strace's `-e QUALIFIER=SET` expressions, parsed once for every command that traces:
/// `trace=` (also bare `SET` and `t=`), `signal=` (`signals=`, `s=`), `status=`, `abbrev=` (`a=`), `verbose=` (`v=`),
/// `raw=` (`x=`), `decode-fds=`, `read=`,
/// `write=`, `quiet=`
/// (`silent=`, `silence=`, `q=`). When a qualifier is given more than once, the last one
/// counts, as in strace.
public struct TraceQualifiers: Sendable {
    public struct ParseError: Error, CustomStringConvertible {
        public let expression: String
        public let reason: String
        public var description: String { "-e \(expression): \(reason)" }
    }

    /// `-e trace=`: the calls shown.
    public var filter = TraceFilter.all
    /// `-e signal=`: the signals shown.
    public var signals = SignalFilter.all
    /// `-e status=` (`-z`, `-Z`): the calls shown by how they ended.
    public var status = CallStatus.all
    /// Whether `-e status=` was given.
    public var statusGiven = false
    /// `-e quiet=`, nil when not given (`-q`, `-qq` and `-qqq` then decide).
    public var quiet: QuietSet?
    /// `-e abbrev=`, nil when not given (`-v` then decides).
    public var abbrev: TraceFilter?
    /// `-e decode-fds=`, nil when not given (`-y`, `-yy` then decide).
    public var decodeFDs: FDDecoding?
    /// `-e decode-pids=` (`--decode-pids=`), nil when not given (`-Y` then decides).
    public var decodePids: PidDecoding?
    /// `-e raw=`, nil when not given.
    public var raw: TraceFilter?
    /// `-e verbose=`, nil when not given (every call).
    public var verbose: TraceFilter?
    /// `-e inject=` and `-e fault=`: each one given, in order (the first that selects a call
    /// applies to it).
    public var injections: [Injection] = []
    /// `-e read=` and `-e write=`: the descriptors whose data is dumped.
    public var ioDump = IODump()

    public init() {}

    /// Parses `expressions` (each one `-e` argument) in order, then `signalSets` (values of
    /// `--signal`); `isKnown` says whether a syscall name exists.
    public static func parse(_ expressions: [String], signalSets: [String] = [],
                             isKnown: (String) -> Bool) throws(ParseError) -> TraceQualifiers {
        var q = TraceQualifiers()
        for e in expressions {
            let (name, value) = split(e)
            do {
                switch name {
                case "signal", "signals", "s": q.signals = try SignalFilter.parse(value)
                case "status":
                    q.status = try CallStatus(tokens(value, "status", CallStatus.named))
                    q.statusGiven = true
                case "quiet", "silent", "silence", "q": q.quiet = try QuietSet(tokens(value, "quiet", QuietSet.named))
                case "abbrev", "a": q.abbrev = try TraceFilter.parse(value, isKnown: isKnown)
                case "raw", "x": q.raw = try TraceFilter.parse(value, isKnown: isKnown)
                case "verbose", "v": q.verbose = try TraceFilter.parse(value, isKnown: isKnown)
                case "decode-fds", "decode-fd":
                    let (items, inverted) = try tokens(value, "decode-fds", FDDecoding.named)
                    let set = items.reduce(FDDecoding()) { $0.union($1) }
                    q.decodeFDs = inverted ? FDDecoding.all.subtracting(set) : set
                case "decode-pids", "decode-pid":
                    let (items, inverted) = try tokens(value, "decode-pids", PidDecoding.named)
                    let set = items.reduce(PidDecoding()) { $0.union($1) }
                    q.decodePids = inverted ? PidDecoding.all.subtracting(set) : set
                case "inject": q.injections.append(try Injection.parse(value, fault: false, isKnown: isKnown))
                case "fault": q.injections.append(try Injection.parse(value, fault: true, isKnown: isKnown))
                case "read", "reads", "r": q.ioDump.read = try IODump.Descriptors.parse(value)
                case "write", "writes", "w": q.ioDump.write = try IODump.Descriptors.parse(value)
                default: q.filter = try TraceFilter.parseQualifier(e, isKnown: isKnown)
                }
            } catch let error as CustomStringConvertible {
                throw ParseError(expression: e, reason: error.description)
            } catch {
                throw ParseError(expression: e, reason: "\(error)")
            }
        }
        for set in signalSets {
            do { q.signals = try SignalFilter.parse(set) } catch {
                throw ParseError(expression: "signal=" + set, reason: error.description)
            }
        }
        return q
    }

    /// `name=value`, or `trace` and the whole text when there is no `=`.
    static func split(_ e: String) -> (String, String) {
        let parts = ScalarText.split(e, "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return ("trace", e) }
        return (parts[0], parts[1])
    }

    public struct TokenError: Error, CustomStringConvertible {
        public let description: String
    }

    /// strace's qualify_tokens: comma-separated names, each leading `!` inverting the set,
    /// `all` and `none`; an unknown or missing name is an error. The names given, and whether
    /// the set is inverted.
    static func tokens<T>(_ text: String, _ what: String, _ value: (String) -> T?) throws(TokenError) -> (items: [T], inverted: Bool) {
        var s = Substring(text)
        var inverted = false
        while s.first == "!" {
            inverted.toggle()
            s = s.dropFirst()
        }
        if s == "none" { return ([], inverted) }
        if s == "all" { return ([], !inverted) }
        var items: [T] = []
        for token in ScalarText.split(s, ",") {
            guard let v = value(String(token)) else { throw TokenError(description: "invalid \(what) '\(token)'") }
            items.append(v)
        }
        if items.isEmpty { throw TokenError(description: "invalid \(what) '\(s)'") }
        return (items, inverted)
    }
}

/// `-e decode-pids=SET`: what a process id shows besides its number. `comm`: its command
/// name (`-Y`); `pidns`: its number in nstrace's pid namespace, which nstrace always shows
/// (`1236 (1 in pid:[4026532203])`).
public struct PidDecoding: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let comm = PidDecoding(rawValue: 1 << 0)
    public static let pidns = PidDecoding(rawValue: 1 << 1)
    public static let all: PidDecoding = [.comm, .pidns]

    public static func named(_ s: String) -> PidDecoding? {
        switch s {
        case "comm": .comm
        case "pidns": .pidns
        default: nil
        }
    }
}

/// How a call ended, for `-e status=SET` (`-z`: successful, `-Z`: failed).
public struct CallStatus: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Returned without an error.
    public static let successful = CallStatus(rawValue: 1 << 0)
    /// Returned an error.
    public static let failed = CallStatus(rawValue: 1 << 1)
    /// Never returned (`= ?`: exit, execve's old image, a task killed in the call).
    public static let unfinished = CallStatus(rawValue: 1 << 2)
    /// Its result could not be read.
    public static let unavailable = CallStatus(rawValue: 1 << 3)
    /// The tracer detached while it was in progress (`<detached ...>`).
    public static let detached = CallStatus(rawValue: 1 << 4)
    public static let all: CallStatus = [.successful, .failed, .unfinished, .unavailable, .detached]

    static func named(_ s: String) -> CallStatus? {
        switch s {
        case "successful": .successful
        case "failed": .failed
        case "unfinished": .unfinished
        case "unavailable": .unavailable
        case "detached": .detached
        default: nil
        }
    }

    init(_ parsed: (items: [CallStatus], inverted: Bool)) {
        let set = parsed.items.reduce(CallStatus()) { $0.union($1) }
        self = parsed.inverted ? CallStatus.all.subtracting(set) : set
    }
}

/// What `-e quiet=SET` (`-q`, `-qq`, `-qqq`) leaves out of the text.
public struct QuietSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// `nstrace: Process N attached` / `detached`.
    public static let attach = QuietSet(rawValue: 1 << 0)
    /// `+++ exited with N +++`.
    public static let exit = QuietSet(rawValue: 1 << 1)
    /// What `-P` says about the paths it resolved.
    public static let pathResolution = QuietSet(rawValue: 1 << 2)
    /// `[ Process PID=N runs in 32 bit mode. ]`.
    public static let personality = QuietSet(rawValue: 1 << 3)
    /// `+++ superseded by execve in pid N +++`.
    public static let threadExecve = QuietSet(rawValue: 1 << 4)
    public static let all: QuietSet = [.attach, .exit, .pathResolution, .personality, .threadExecve]

    /// strace's `-q` (1), `-qq` (2) and `-qqq` (3 or more).
    public static func short(_ count: Int) -> QuietSet {
        switch count {
        case ...0: []
        case 1: [.attach, .personality]
        case 2: [.attach, .personality, .exit]
        default: .all
        }
    }

    static func named(_ s: String) -> QuietSet? {
        switch s {
        case "attach": .attach
        case "exit", "exits": .exit
        case "path-resolution": .pathResolution
        case "personality": .personality
        case "superseded", "thread-execve": .threadExecve
        default: nil
        }
    }

    init(_ parsed: (items: [QuietSet], inverted: Bool)) {
        let set = parsed.items.reduce(QuietSet()) { $0.union($1) }
        self = parsed.inverted ? QuietSet.all.subtracting(set) : set
    }
}
