import CShim
import Glibc
import NSCore
import NSLinux

/// The two sides of `nstrace compare` that are not an image: the command in the caller's
/// namespaces (outside), in the namespaces, root and cwd of a running process (as
/// `nsenter -a -t PID`), or in fresh namespaces on the host's root filesystem (as
/// `unshare`). The child is the container child of nscontainer.h: it stops itself, then
/// (traced) enters or creates the namespaces, and execs the command with a PATH search.
public final class EnteredCommand {
    public enum Place: Sendable, Equatable {
        /// The caller's own namespaces.
        case outside
        /// The namespaces of a running process: all types, or these.
        case target(pid: pid_t, types: [NamespaceKind]?)
        /// Fresh namespaces of these types; the hostname of a new uts namespace.
        case unshare(types: [NamespaceKind], hostname: String?)
    }

    /// The order nsenter enters namespaces in (user first: root of a container's user
    /// namespace may then enter the rest, which that user namespace owns).
    public static let enterOrder: [NamespaceKind] = [.user, .cgroup, .ipc, .uts, .net, .pid, .mnt, .time]

    public let place: Place
    public let argv: [String]
    public let env: [String]
    /// fds for the command's stdin, stdout, stderr (-1: inherit).
    public var standardStreams: [Int32]?
    /// The types entered (--target) or created (--unshare).
    public private(set) var types: [NamespaceKind] = []
    /// Remarks for the report (pid without mnt, types shared with the target, ...).
    public private(set) var notes: [String] = []
    /// How the place reads in the report.
    public let summary: String

    var setnsFDs: [(type: NamespaceKind, fd: Int32)] = []
    var rootFD: Int32 = -1
    var cwdFD: Int32 = -1
    var errorPipe: Int32 = -1

    /// Checks the place and opens what the child needs (the target's namespace, root and
    /// cwd fds). Throws a one-line error for a process that is gone or may not be entered.
    public init(_ place: Place, argv: [String], env: [String]) throws(RunError) {
        self.place = place
        self.argv = argv
        self.env = env
        switch place {
        case .outside:
            summary = "the caller's namespaces"
        case .target(let pid, let only):
            let wanted = only ?? Self.enterOrder
            summary = "--target \(pid)" + (only.map { " --ns \($0.map(\.rawValue).joined(separator: ","))" } ?? "")
            try Self.checkTarget(pid)
            var shared: [NamespaceKind] = []
            for type in Self.enterOrder where wanted.contains(type) {
                let theirs = "/proc/\(pid)/\(type.linkPath)"
                guard let target = ProcFS.readLink(theirs) else {
                    let e = errno
                    closeAll()
                    throw Self.targetError(pid, what: "its \(type.rawValue) namespace", errno: e)
                }
                if ProcFS.readLink("/proc/self/\(type.linkPath)") == target {
                    shared.append(type)
                    continue
                }
                let fd = open(theirs, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else {
                    let e = errno
                    closeAll()
                    throw Self.targetError(pid, what: "its \(type.rawValue) namespace", errno: e)
                }
                setnsFDs.append((type, fd))
                types.append(type)
            }
            if !shared.isEmpty {
                notes.append("process \(pid) shares these namespaces with nstrace: \(shared.map(\.rawValue).joined(separator: ", "))")
            }
            if wanted.contains(.mnt) {
                rootFD = open("/proc/\(pid)/root", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if rootFD < 0 {
                    let e = errno
                    closeAll()
                    throw Self.targetError(pid, what: "its root directory", errno: e)
                }
                cwdFD = open("/proc/\(pid)/cwd", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if cwdFD < 0 {
                    let e = errno
                    closeAll()
                    throw Self.targetError(pid, what: "its working directory", errno: e)
                }
            }
        case .unshare(let list, let hostname):
            // In the order the report lists types (user, pid, mnt, net, uts, ipc, cgroup, time).
            types = NamespaceID.types.filter { list.contains($0) }
            summary = "--unshare \(types.map(\.rawValue).joined(separator: ","))" + (hostname.map { " --hostname \($0)" } ?? "")
            if hostname != nil && !types.contains(.uts) {
                throw RunError("--hostname needs a uts namespace of its own: add uts to --unshare", exitCode: 1)
            }
            if types.contains(.pid) && !types.contains(.mnt) {
                notes.append("pid is unshared without mnt: /proc is still the host's, so it shows the host's processes")
            }
            if types.contains(.pid) && types.contains(.mnt) {
                notes.append("a new /proc is mounted inside, in the new mount namespace")
            }
            if types.contains(.user) {
                notes.append("root inside the new user namespace is uid \(getuid()) outside")
            }
        }
    }

    static func checkTarget(_ pid: pid_t) throws(RunError) {
        if pid <= 0 { throw RunError("--target \(pid): not a process id", exitCode: 1) }
        if pid == getpid() { throw RunError("--target \(pid): that is nstrace itself", exitCode: 1) }
        if kill(pid, 0) != 0 && errno == ESRCH {
            throw RunError("--target \(pid): no such process (it is gone)", exitCode: 1)
        }
    }

    static func targetError(_ pid: pid_t, what: String, errno e: Int32) -> RunError {
        if e == ENOENT || e == ESRCH, kill(pid, 0) != 0 && errno == ESRCH {
            return RunError("--target \(pid): no such process (it is gone)", exitCode: 1)
        }
        if e == EACCES || e == EPERM {
            return RunError("--target \(pid): not permitted to open \(what) (\(ErrnoNames.text(e))); nstrace compare --target needs root, or a process of your own", exitCode: 1)
        }
        return RunError("--target \(pid): cannot open \(what): \(ErrnoNames.text(e))", exitCode: 1)
    }

    func closeAll() {
        for (_, fd) in setnsFDs { close(fd) }
        setnsFDs = []
        if rootFD >= 0 { close(rootFD); rootFD = -1 }
        if cwdFD >= 0 { close(cwdFD); cwdFD = -1 }
    }

    /// Forks the child (stopped): the `launch` of a traced side.
    public func launch() throws(SystemError) -> Spawn.Child {
        var spec = ns_ct_spec.start()
        if let s = standardStreams, s.count == 3 {
            spec.redirect_stdio = 1
            spec.stdio_fd = (s[0], s[1], s[2])
        }
        let strings = CStrings()
        switch place {
        case .outside:
            break
        case .target:
            spec.setns_count = Int32(setnsFDs.count)
            withUnsafeMutableBytes(of: &spec.setns_fd) { raw in
                let p = raw.bindMemory(to: Int32.self)
                for (i, e) in setnsFDs.enumerated() where i < p.count { p[i] = e.fd }
            }
            withUnsafeMutableBytes(of: &spec.setns_type) { raw in
                let p = raw.bindMemory(to: Int32.self)
                for (i, e) in setnsFDs.enumerated() where i < p.count { p[i] = NamespaceFlag.flag(of: e.type) }
            }
            spec.root_fd = rootFD
            if cwdFD >= 0 {
                spec.use_cwd_fd = 1
                spec.cwd_fd = cwdFD
            }
            // setns into a pid namespace applies to children: fork so the command is in it.
            spec.fork_child = types.contains(.pid) ? 1 : 0
        case .unshare(_, let hostname):
            spec.unshare(types)
            if types.contains(.mnt) {
                spec.make_private = 1
                // The new pid namespace's own /proc, in the new mount namespace.
                if types.contains(.pid) { spec.proc_target = strings.add("/proc") }
            }
            spec.hostname = hostname.map { strings.add($0) }
        }
        // On the host's own root the PATH search is done here, as nstrace trace does, so the
        // trace does not show the misses; inside another root the child searches there.
        var file = argv[0]
        switch place {
        case .outside, .unshare:
            let path = env.first { $0.hasPrefix("PATH=") }.map { String($0.dropFirst(5)) }
            if let resolved = try? Spawn.resolve(argv[0], path: path) { file = resolved }
        case .target:
            break
        }
        spec.file = strings.add(file)
        spec.path_env = env.first { $0.hasPrefix("PATH=") }.map { strings.add(String($0.dropFirst(5))) }
        let cargv = strings.array(argv)
        let cenv = strings.array(env)
        spec.argv = UnsafePointer(cargv)
        spec.envp = UnsafePointer(cenv)
        var errFD: Int32 = -1
        let child = withExtendedLifetime(strings) { ns_spawn_container(&spec, &errFD) }
        // The child has its copies; ours are no longer needed.
        closeAll()
        guard child > 0 else { throw SystemError("fork") }
        errorPipe = errFD
        return Spawn.Child(pid: child, errorPipe: errFD)
    }

    /// After the trace: nil when the command ran; else why not. A command that could not
    /// be executed has exit code 126/127 (a difference to report); any other failure of
    /// the set-up has exit code 1 (the comparison cannot be made).
    public func finish() -> RunError? {
        closeAll()
        guard errorPipe >= 0 else { return nil }
        let rec = ns_container_error(errorPipe)
        errorPipe = -1
        return describe(rec)
    }

    func describe(_ rec: ns_ct_error) -> RunError? {
        let e = ErrnoNames.text(rec.err)
        let step = ns_ct_step(rawValue: UInt32(bitPattern: rec.step))
        let type = RunPlan.knownTypes.first { NamespaceFlag.flag(of: $0) == rec.detail }?.rawValue
        switch step {
        case NS_CT_STEP_NONE:
            return nil
        case NS_CT_STEP_EXEC:
            return RunError("cannot execute '\(argv[0])': \(e)", exitCode: rec.err == ENOENT || rec.err == ENOTDIR ? 127 : 126)
        case NS_CT_STEP_SETNS:
            var who = "the target"
            if case .target(let pid, _) = place { who = "process \(pid)" }
            return RunError("cannot enter the \(type ?? "?") namespace of \(who): \(e)", exitCode: 1)
        case NS_CT_STEP_USERNS:
            return RunError("cannot create a user namespace: \(e)", exitCode: 1)
        case NS_CT_STEP_UNSHARE:
            return RunError("cannot create \(type.map { "a \($0) namespace" } ?? "the namespaces"): \(e)", exitCode: 1)
        case NS_CT_STEP_CHROOT:
            return RunError("cannot enter the target's root directory: \(e)", exitCode: 1)
        case NS_CT_STEP_STDIO:
            return RunError("cannot redirect the command's standard streams: \(e)", exitCode: 1)
        default:
            return RunError("setting up the inside: \(Container.stepName(step)): \(e)", exitCode: 1)
        }
    }
}
