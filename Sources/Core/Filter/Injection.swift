/// strace's `-e inject=SET:retval=N|error=ERRNO[:signal=SIG][:when=EXPR]` and
/// `-e fault=SET[:error=ERRNO][:when=EXPR]`: the calls in SET are not made; the tracee gets
/// the result or error given instead (and the signal, if any), and the line says
/// ` (INJECTED)` after it. `when=FIRST[..LAST][+[STEP]]` picks which of each task's calls of
/// each syscall are injected (counted from 1): `3` the third only, `3+` the third and every
/// one after, `2+2` every second from the second, `2..6+2` the second, fourth and sixth.
public struct Injection: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// The call returns this value (not an error).
        case retval(Int64)
        /// The call fails with this errno.
        case error(Int32)
    }

    public var filter: TraceFilter
    public var action: Action?
    public var signal: Int32?
    public var first: UInt64 = 1
    public var last: UInt64 = .max
    /// 0: only `first`.
    public var step: UInt64 = 1

    /// The result the tracee sees: the value, or -errno.
    public var result: Int64? {
        switch action {
        case .retval(let v): v
        case .error(let e): -Int64(e)
        case nil: nil
        }
    }

    /// Whether the `n`th call (from 1) of a task's calls of one syscall is injected.
    public func applies(toCall n: UInt64) -> Bool {
        guard n >= first, n <= last else { return false }
        if step == 0 { return n == first }
        return (n - first) % step == 0
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `value` of `-e inject=` (`fault`: of `-e fault=`, whose default error is ENOSYS and
    /// which takes no retval); `isKnown` says whether a syscall name exists.
    public static func parse(_ value: String, fault: Bool, isKnown: (String) -> Bool) throws(ParseError) -> Injection {
        let parts = ScalarText.split(value, ":", omittingEmptySubsequences: false)
        guard let set = parts.first, !set.isEmpty else { throw ParseError(description: "no syscall set") }
        let filter: TraceFilter
        do { filter = try TraceFilter.parse(set, isKnown: isKnown) } catch {
            throw ParseError(description: "\(error)")
        }
        var rule = Injection(filter: filter)
        for option in parts.dropFirst() {
            let kv = ScalarText.split(option, "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, rule.set(kv[0], kv[1], fault: fault) else {
                throw ParseError(description: "invalid \(fault ? "fault" : "inject") argument '\(option)'")
            }
        }
        if fault && rule.action == nil { rule.action = .error(38) }       // ENOSYS
        guard rule.action != nil || rule.signal != nil else {
            throw ParseError(description: "inject needs retval=, error= or signal=")
        }
        return rule
    }

    private mutating func set(_ key: String, _ value: String, fault: Bool) -> Bool {
        switch key {
        case "error":
            guard action == nil else { return false }
            if let n = UInt32(value), n >= 1, n <= 4095 { action = .error(Int32(n)); return true }
            guard let n = ErrnoNames.number(value) else { return false }
            action = .error(n)
        case "retval":
            guard !fault, action == nil, let v = Int64(value) else { return false }
            action = .retval(v)
        case "signal":
            guard !fault, let s = SignalNames.number(value) else { return false }
            signal = s
        case "when":
            return parseWhen(value)
        default:
            return false
        }
        return true
    }

    /// `FIRST[..LAST][+[STEP]]`.
    private mutating func parseWhen(_ text: String) -> Bool {
        var s = Substring(text)
        var stepText: Substring?
        if let plus = s.firstIndex(of: "+") {
            stepText = s[s.index(after: plus)...]
            s = s[..<plus]
        }
        let range = s.split(separator: ".", omittingEmptySubsequences: false)
        if range.count == 3, range[1].isEmpty, let f = UInt64(range[0]), let l = UInt64(range[2]), f >= 1, l >= f {
            first = f
            last = l
        } else if range.count == 1, let f = UInt64(range[0]), f >= 1 {
            first = f
            last = stepText == nil ? f : .max
        } else {
            return false
        }
        if let stepText {
            if stepText.isEmpty { step = 1 } else if let st = UInt64(stepText), st >= 1 { step = st } else { return false }
        } else {
            step = range.count == 3 ? 1 : 0
        }
        return true
    }
}
