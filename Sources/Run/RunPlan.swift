import NSCore

/// What `nstrace run` will do, decided before anything touches the kernel: which
/// namespaces, which process (from the image config and the command line), which
/// addresses. Pure: tested without root.

/// A run's network: only loopback, a veth pair to a host-side namespace, or the host's.
public enum NetworkMode: String, Sendable, CaseIterable {
    case none, veth, host
}

/// Bad options or image config: exit 125 with this one line.
public struct RunError: Error, CustomStringConvertible, Equatable {
    public var message: String
    /// 125 (a runtime failure), 126 (not executable) or 127 (not found), as podman.
    public var exitCode: Int32
    public init(_ message: String, exitCode: Int32 = 125) {
        self.message = message
        self.exitCode = exitCode
    }
    public var description: String { message }
}

public enum RunPlan {
    /// The namespace types a container gets by default (runc's set plus time).
    public static let defaultTypes: [NamespaceKind] = [.mnt, .uts, .ipc, .pid, .net, .cgroup, .time]
    public static let knownTypes: [NamespaceKind] = [.user, .mnt, .uts, .ipc, .pid, .net, .cgroup, .time]

    /// The new namespace types: `--ns` (or the default set), plus user with `--user`,
    /// minus `--share`. Unknown names are an error naming the known ones.
    public static func namespaceTypes(ns: String?, share: String?, user: Bool) throws(RunError) -> [NamespaceKind] {
        func list(_ text: String?, option: String) throws(RunError) -> [NamespaceKind] {
            guard let text else { return [] }
            switch NamespaceKind.parseTypes(text) {
            case .success(let types): return types
            case .failure(let e):
                throw RunError("\(option) \(text): unknown namespace type '\(e.word)' (known: \(knownTypes.map(\.rawValue).joined(separator: ",")))")
            }
        }
        var types = ns == nil ? defaultTypes : try list(ns, option: "--ns")
        if user && !types.contains(.user) { types.insert(.user, at: 0) }
        let shared = try list(share, option: "--share")
        types.removeAll { shared.contains($0) }
        return knownTypes.filter { types.contains($0) }
    }

    /// CLONE_NEW* flags of `types` (user excluded: it is unshared first, on its own).
    public static func unshareFlags(_ types: [NamespaceKind]) -> Int32 {
        var flags: UInt64 = 0
        for t in types where t != .user { flags |= t.cloneFlag }
        return Int32(truncatingIfNeeded: flags)
    }

    /// The process to start: COMMAND replaces the image's Cmd (Entrypoint stays, as
    /// `docker run IMAGE ARGS`); Env over a default PATH; WorkingDir; User.
    public static func process(entrypoint: [String]?, cmd: [String]?, env: [String]?, workingDir: String?,
                               user: String?, command: [String]) throws(RunError) -> ContainerProcess {
        let argv = (entrypoint ?? []) + (command.isEmpty ? (cmd ?? []) : command)
        guard let first = argv.first, !first.isEmpty else {
            throw RunError("no command: the image has no Entrypoint or Cmd; give one after --")
        }
        var environment = env ?? []
        if !environment.contains(where: { $0.hasPrefix("PATH=") }) {
            environment.insert("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", at: 0)
        }
        if !environment.contains(where: { $0.hasPrefix("TERM=") }) { environment.append("TERM=xterm") }
        let cwd = (workingDir?.isEmpty ?? true) ? "/" : workingDir!
        guard cwd.hasPrefix("/") else { throw RunError("WorkingDir '\(cwd)' is not absolute") }
        return ContainerProcess(argv: argv, env: environment, cwd: cwd, user: (user?.isEmpty ?? true) ? nil : user)
    }

    /// `--addr`: a /30 (or larger) IPv4 network; the host side takes its first address,
    /// the container the second.
    public static func addresses(_ cidr: String) throws(RunError) -> (host: String, container: String) {
        let parts = ScalarText.split(cidr, "/")
        guard parts.count == 2, let prefix = Int(parts[1]), (8...30).contains(prefix) else {
            throw RunError("--addr \(cidr): want an IPv4 network with a prefix of 8 to 30 bits, e.g. 10.200.0.0/30")
        }
        let octets = ScalarText.split(parts[0], ".", omittingEmptySubsequences: false).map { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 != nil && $0! < 256 }) else {
            throw RunError("--addr \(cidr): '\(parts[0])' is not an IPv4 address")
        }
        let value = octets.reduce(UInt32(0)) { $0 << 8 | $1! }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
        let network = value & mask
        func text(_ v: UInt32) -> String { "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)/\(prefix)" }
        return (text(network + 1), text(network + 2))
    }

    /// A hostname from an image name: "docker.io/library/busybox:latest" → "busybox";
    /// only letters, digits and '-' (at most 63).
    public static func hostname(fromImageName name: String) -> String {
        var base = name
        if let cut = ScalarText.cut(base, at: "@") { base = cut.before }
        base = ScalarText.split(base, "/").last ?? base
        if let cut = ScalarText.cut(base, at: ":") { base = cut.before }
        var out = ""
        for c in base.unicodeScalars {
            if (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") { out.unicodeScalars.append(c) }
            else if !out.isEmpty && out.last != "-" { out += "-" }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "container" : String(out.prefix(63))
    }

    /// `User` of an image config ("name", "uid", "name:group", "uid:gid") resolved with
    /// the container's /etc/passwd and /etc/group (their text, nil when absent).
    public static func resolveUser(_ spec: String, passwd: String?, group: String?) throws(RunError) -> ResolvedUser {
        let parts = ScalarText.split(spec, ":", maxSplits: 1, omittingEmptySubsequences: false)
        let userPart = parts[0]
        // The image's files, split by scalar: a field ending in a combining mark must not
        // hide the ":" or the "\n" after it.
        let passwdEntries = ScalarText.lines(passwd ?? "").map { ScalarText.split($0, ":", omittingEmptySubsequences: false) }
        let groupEntries = ScalarText.lines(group ?? "").map { ScalarText.split($0, ":", omittingEmptySubsequences: false) }
        var uid: UInt32
        var gid: UInt32 = 0
        var name: String?
        if let n = UInt32(userPart) {
            uid = n
            if let e = passwdEntries.first(where: { $0.count > 3 && UInt32($0[2]) == n }) {
                gid = UInt32(e[3]) ?? 0
                name = e[0]
            }
        } else {
            guard let e = passwdEntries.first(where: { $0.count > 3 && $0[0] == userPart }),
                  let u = UInt32(e[2]), let g = UInt32(e[3]) else {
                throw RunError("user '\(userPart)' is not in the container's /etc/passwd")
            }
            uid = u
            gid = g
            name = userPart
        }
        if parts.count == 2 {
            let g = parts[1]
            if let n = UInt32(g) {
                gid = n
            } else if let e = groupEntries.first(where: { $0.count > 2 && $0[0] == g }), let n = UInt32(e[2]) {
                gid = n
            } else {
                throw RunError("group '\(g)' is not in the container's /etc/group")
            }
        }
        var groups: [UInt32] = [gid]
        if let name, parts.count == 1 {
            for e in groupEntries where e.count > 3 {
                if ScalarText.split(e[3], ",").contains(name), let n = UInt32(e[2]), !groups.contains(n) {
                    groups.append(n)
                }
            }
        }
        return ResolvedUser(uid: uid, gid: gid, groups: groups)
    }

    /// "64m", "1g", "1048576" → bytes (binary units).
    public static func bytes(_ text: String) -> Int64? {
        let t = text.lowercased().trimmingSpaces
        guard let last = t.last else { return nil }
        let units: [Character: Int64] = ["k": 1 << 10, "m": 1 << 20, "g": 1 << 30]
        var digits = t
        var factor: Int64 = 1
        if let u = units[last] {
            factor = u
            digits = String(t.dropLast())
        } else if last == "b" {
            digits = String(t.dropLast())
            if let u = digits.last.flatMap({ units[$0] }) {
                factor = u
                digits = String(digits.dropLast())
            }
        }
        guard let n = Int64(digits), n > 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? nil : v
    }

    /// Characters that cannot appear in an overlayfs lowerdir/upperdir option.
    public static func overlaySafe(_ path: String) -> Bool {
        !path.contains(",") && !path.contains(":") && !path.contains("\\") && path.hasPrefix("/")
    }

    /// mount(2) copies at most one page of options: a longer lowerdir= string is cut.
    public static let mountOptionsLimit = 4096
    /// overlayfs' own bound on lower directories (OVL_MAX_STACK); Docker stops at about 125.
    public static let maxLayers = 500

    /// The overlayfs mount options: lower directories top-most first.
    public static func overlayOptions(lower: [String], upper: String, work: String, userxattr: Bool) -> String {
        var o = "lowerdir=" + lower.joined(separator: ":") + ",upperdir=" + upper + ",workdir=" + work
        if userxattr { o += ",userxattr" }
        return o
    }
}

public struct ContainerProcess: Equatable, Sendable {
    public var argv: [String]
    public var env: [String]
    public var cwd: String
    /// The image's User, unresolved; nil: root.
    public var user: String?

    /// PATH from the environment (for the search inside the container).
    public var path: String? {
        env.last(where: { $0.hasPrefix("PATH=") }).map { String($0.dropFirst(5)) }
    }
}

public struct ResolvedUser: Equatable, Sendable {
    public var uid: UInt32
    public var gid: UInt32
    public var groups: [UInt32]
    public init(uid: UInt32, gid: UInt32, groups: [UInt32]) {
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
