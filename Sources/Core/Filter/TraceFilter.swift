import Glibc

/// `-e trace=EXPR`: which syscalls are shown.
///
/// EXPR is a comma-separated list of syscall names, classes (`%file`, `%process`,
/// `%network`, `%signal`, `%ipc`, `%memory`, `%desc`, `%creds`, `%namespace`) and
/// `/REGEX`es (POSIX extended, matched anywhere in each name of the table), optionally
/// negated as a whole with a leading `!`; `all` and `none` as in strace. A name, class or
/// regex that selects nothing is an error, not an empty set, unless it starts with `?`.
public struct TraceFilter: Sendable, Equatable {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case unknownSyscall(String)
        case unknownClass(String)
        case unknownQualifier(String)
        case badRegex(String)

        public var description: String {
            switch self {
            case .empty: return "empty syscall set in -e trace="
            case .unknownSyscall(let n): return "invalid system call '\(n)'"
            case .unknownClass(let n): return "invalid system call class '\(n)'"
            case .unknownQualifier(let q): return "invalid -e qualifier '\(q)'"
            case .badRegex(let r): return "invalid regular expression '\(r)'"
            }
        }
    }

    public var names: Set<String>
    public var classes: SyscallClasses
    public var negated: Bool

    /// Everything.
    public static let all = TraceFilter(names: [], classes: [], negated: true)

    public init(names: Set<String>, classes: SyscallClasses, negated: Bool) {
        self.names = names
        self.classes = classes
        self.negated = negated
    }

    /// Whether this filter selects every syscall.
    public var selectsAll: Bool { negated && names.isEmpty && classes.isEmpty }

    /// Parses the value of `trace=` (without "trace=").
    /// - Parameter isKnown: whether a syscall name exists on this architecture.
    public static func parse(_ expr: String, isKnown: (String) -> Bool) throws -> TraceFilter {
        var text = Substring(expr)
        var negated = false
        if text.hasPrefix("!") {
            negated = true
            text = text.dropFirst()
        }
        if text == "all" { return TraceFilter(names: [], classes: [], negated: !negated) }
        if text == "none" { return TraceFilter(names: [], classes: [], negated: negated) }
        var names = Set<String>()
        var classes = SyscallClasses()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            var item = String(part).trimmingSpaces
            // strace's `?`: a name, class or regex that selects nothing is no error.
            let optional = item.hasPrefix("?")
            if optional { item.removeFirst() }
            if item.isEmpty { throw ParseError.empty }
            if item.hasPrefix("%") {
                if let c = SyscallClasses.named(item) { classes.insert(c) } else if !optional {
                    throw ParseError.unknownClass(item)
                }
            } else if item.hasPrefix("/") {
                let matched = try matching(regex: String(item.dropFirst()))
                if matched.isEmpty && !optional { throw ParseError.unknownSyscall(item) }
                names.formUnion(matched)
            } else if isKnown(item) {
                names.insert(item)
            } else if !optional {
                throw ParseError.unknownSyscall(item)
            }
        }
        return TraceFilter(names: names, classes: classes, negated: negated)
    }

    /// The SET of an `-e signal=SET` argument (`signal=`, `signals=`, `s=`), or nil for
    /// another qualifier.
    public static func signalSet(_ arg: String) -> String? {
        for q in ["signal=", "signals=", "s="] where ScalarText.hasPrefix(arg, q) {
            return String(arg.dropFirst(q.count))
        }
        return nil
    }

    /// The names of the table (either ABI) that POSIX extended regex `pattern` matches
    /// anywhere, as strace's qualify_syscall_regex.
    static func matching(regex pattern: String) throws -> Set<String> {
        var re = regex_t()
        guard regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) == 0 else { throw ParseError.badRegex(pattern) }
        defer { regfree(&re) }
        return SyscallSpecs.names { name, _ in regexec(&re, name, 0, nil, 0) == 0 }
    }

    /// Parses one `-e` argument: `trace=SET` or a bare SET (strace's default qualifier).
    public static func parseQualifier(_ arg: String, isKnown: (String) -> Bool) throws -> TraceFilter {
        if let eq = arg.firstIndex(of: "=") {
            let q = String(arg[..<eq])
            guard q == "trace" || q == "t" else { throw ParseError.unknownQualifier(q) }
            return try parse(String(arg[arg.index(after: eq)...]), isKnown: isKnown)
        }
        return try parse(arg, isKnown: isKnown)
    }

    /// Every name in `universe` this filter selects.
    public func selectedNames(in universe: Set<String>) -> Set<String> {
        universe.filter { selects($0, classes: SyscallDecoder.classes(of: $0)) }
    }

    /// Every syscall of either ABI this filter selects (the set a seccomp filter traps):
    /// the spec table's rows walked once, with no index of names built.
    public func selectedSyscalls() -> Set<String> {
        SyscallSpecs.names { selects($0, classes: $1) }
    }

    /// Whether syscall `name` (whose classes are `nameClasses`) is selected.
    public func selects(_ name: String, classes nameClasses: SyscallClasses) -> Bool {
        let hit = names.contains(name) || !classes.intersection(nameClasses).isEmpty
        return hit != negated
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
