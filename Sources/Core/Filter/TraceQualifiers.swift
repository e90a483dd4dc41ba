/// strace's `-e QUALIFIER=SET` expressions, parsed once for every command that traces:
/// `trace=` (also bare `SET` and `t=`) and `signal=` (`signals=`, `s=`). When a qualifier is
/// given more than once, the last one counts, as in strace.
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

    public init() {}

    /// Parses `expressions` (each one `-e` argument) in order, then `signalSets` (values of
    /// `--signal`); `isKnown` says whether a syscall name exists.
    public static func parse(_ expressions: [String], signalSets: [String] = [],
                             isKnown: (String) -> Bool) throws(ParseError) -> TraceQualifiers {
        var q = TraceQualifiers()
        for e in expressions {
            if let set = TraceFilter.signalSet(e) {
                do { q.signals = try SignalFilter.parse(set) } catch { throw ParseError(expression: e, reason: error.description) }
                continue
            }
            do { q.filter = try TraceFilter.parseQualifier(e, isKnown: isKnown) } catch {
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
}
