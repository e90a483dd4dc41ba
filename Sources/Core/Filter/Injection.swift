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

    /// `poke_enter=@argN=HEX,...` / `poke_exit=...`: bytes written where argument N (from 1)
    /// points, before the call is shown at its entry or at its exit.
    public struct Poke: Sendable, Equatable {
        public var atExit: Bool
        /// The argument's index, from 0.
        public var arg: Int
        public var bytes: [UInt8]
    }

    public var filter: TraceFilter
    public var action: Action?
    public var pokes: [Poke] = []
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
        guard rule.action != nil || rule.signal != nil || !rule.pokes.isEmpty else {
            throw ParseError(description: "inject needs retval=, error=, signal= or poke_enter=/poke_exit=")
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
        case "poke_enter", "poke_exit":
            let atExit = key == "poke_exit"
            guard !fault, !pokes.contains(where: { $0.atExit == atExit }), !value.isEmpty else { return false }
            for item in ScalarText.split(value, ",", omittingEmptySubsequences: false) {
                guard let poke = Self.poke(item, atExit: atExit) else { return false }
                pokes.append(poke)
            }
        default:
            return false
        }
        return true
    }

    /// `@argN=HEX`: N from 1 to 7 (as strace; the 7th never exists on x86), 1 to 1024 bytes.
    private static func poke(_ item: String, atExit: Bool) -> Poke? {
        let scalars = Array(item.unicodeScalars)
        guard scalars.count >= 8, String(String.UnicodeScalarView(scalars[0..<4])) == "@arg",
              let n = Int(String(scalars[4])), (1...7).contains(n), scalars[5] == "=" else { return nil }
        let hex = scalars[6...].map { UInt8(truncatingIfNeeded: $0.value) }
        guard hex.count % 2 == 0, hex.count <= 2048, scalars[6...].allSatisfy(\.isASCII) else { return nil }
        var bytes: [UInt8] = []
        for k in stride(from: 0, to: hex.count, by: 2) {
            guard let hi = QuotedText.hexValue(hex[k]), let lo = QuotedText.hexValue(hex[k + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
        }
        return Poke(atExit: atExit, arg: n - 1, bytes: bytes)
    }

    /// `FIRST[..LAST][+[STEP]]`.
    private mutating func parseWhen(_ text: String) -> Bool {
        let plus = ScalarText.split(text, "+", maxSplits: 1, omittingEmptySubsequences: false)
        let stepText: String? = plus.count == 2 ? plus[1] : nil
        let range = ScalarText.split(plus[0], ".", omittingEmptySubsequences: false)
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
