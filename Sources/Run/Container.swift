import CShim
import FoundationEssentials
import Glibc
import NSImage
import NSLinux
import NSCore

/// One `nstrace run`: prepared on the host (run directory, layers, cgroups, network
/// helper), started as a traced child that sets up its namespaces itself (see
/// nscontainer.h), and cleaned up afterwards whatever happened.
public final class Container {
    public enum Source: Sendable {
        case image(path: String, ref: String?)
        case rootfs(String)
    }

    public struct Request: Sendable {
        public var source: Source
        public var command: [String] = []
        public var hostname: String?
        /// New namespace types (RunPlan.namespaceTypes).
        public var types: [NamespaceKind] = RunPlan.defaultTypes
        public var network: NetworkMode = .none
        public var cidr = "10.200.0.0/30"
        public var limits = ContainerCgroups.Limits()
        public var tinyInit = false
        public var env: [String] = []
        public var workdir: String?
        public var user: String?
        public init(source: Source) { self.source = source }
    }

    public let request: Request
    public let process: ContainerProcess
    public let hostname: String?
    public let runDirectory: RunDirectory
    public let cgroups: ContainerCgroups
    public let network: ContainerNetwork?
    let lowerDirs: [String]
    let resolvedUser: ResolvedUser?
    var errorPipe: Int32 = -1
    /// nstrace's ends of the two sync pipes (see ns_ct_spec.sync_out/sync_in).
    var syncPipes: (read: Int32, write: Int32)?
    public private(set) var pid: pid_t = 0
    /// `nstrace compare`: fds for the command's stdin, stdout and stderr (-1 leaves that
    /// one as it is); nil leaves all three.
    public var standardStreams: [Int32]?

    var has: (NamespaceKind) -> Bool { { self.request.types.contains($0) } }

    /// Checks the request and prepares everything on the host side. Nothing is left
    /// behind when it throws.
    public init(_ request: Request, note: (String) -> Void) throws(RunError) {
        self.request = request
        let rootless = geteuid() != 0
        let types = request.types
        if rootless && !types.contains(.user) {
            throw RunError("nstrace run needs root, or --user for a run in a user namespace of your own")
        }
        guard types.contains(.mnt) else {
            throw RunError("--share mnt: the container's root filesystem needs a mount namespace of its own")
        }
        if request.hostname != nil && !types.contains(.uts) {
            throw RunError("--hostname needs a uts namespace of the container's own (drop --share uts)")
        }
        if request.network != .host && !types.contains(.net) {
            throw RunError("--net \(request.network.rawValue) needs a network namespace (drop --share net, or use --net host)")
        }
        if request.network == .host && types.contains(.net) {
            throw RunError("--net host shares the host's network namespace: add --share net")
        }
        if rootless && request.network == .veth {
            throw RunError("--net veth needs root (a host-side network namespace); use --net none")
        }
        if rootless && !request.limits.isEmpty {
            throw RunError("--memory and --pids need root (cgroups)")
        }

        // The image or the directory.
        let imageName: String
        var config: ImageConfig.Container?
        let lower: [String]
        switch request.source {
        case .rootfs(let dir):
            var st = stat()
            guard stat(dir, &st) == 0 else { throw RunError("rootfs \(dir): \(ErrnoNames.text(errno))") }
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw RunError("rootfs \(dir): not a directory") }
            let absolute = Self.absolute(dir)
            guard RunPlan.overlaySafe(absolute) else {
                throw RunError("rootfs \(dir): a path with ',' ':' or '\\' cannot be an overlayfs lower directory")
            }
            imageName = ScalarText.split(absolute, "/").last ?? "rootfs"
            lower = [absolute]
        case .image(let path, let ref):
            let image: Image
            do { image = try Image.open(path, ref: ref) } catch { throw RunError("image \(path): \(error)") }
            imageName = image.names.first ?? ScalarText.split(path, "/").last ?? "image"
            config = image.config.config
            guard image.layers.count <= RunPlan.maxLayers else {
                throw RunError("image \(path): \(image.layers.count) layers; overlayfs stacks at most \(RunPlan.maxLayers) lower directories")
            }
            lower = try LayerCache().lowerDirectories(of: image, note: note)
        }
        lowerDirs = lower

        var process = try RunPlan.process(entrypoint: config?.Entrypoint, cmd: config?.Cmd, env: config?.Env,
                                          workingDir: request.workdir ?? config?.WorkingDir,
                                          user: request.user ?? config?.User, command: request.command)
        for e in request.env {
            let key = ScalarText.cut(e, at: "=")?.before ?? e
            process.env.removeAll { ScalarText.hasPrefix($0, key + "=") }
            process.env.append(e)
        }
        self.process = process
        if let user = process.user {
            resolvedUser = try RunPlan.resolveUser(user, passwd: Self.read("etc/passwd", in: lower),
                                                   group: Self.read("etc/group", in: lower))
        } else {
            resolvedUser = nil
        }
        hostname = types.contains(.uts) ? (request.hostname ?? RunPlan.hostname(fromImageName: imageName)) : nil

        runDirectory = try RunDirectory(image: imageName)
        cgroups = ContainerCgroups(name: "nstrace-" + runDirectory.id)
        // The state names each cgroup before it is made.
        cgroups.beforeCreate = { [runDirectory, unowned cgroups] dir throws(RunError) in
            try runDirectory.record(cgroups: cgroups.directories + [dir])
        }
        do {
            if request.network != .host {
                network = try ContainerNetwork(mode: request.network, cidr: request.cidr, runID: runDirectory.id)
            } else {
                network = nil
            }
            try cgroups.create(request.limits)
            try runDirectory.record(cgroups: cgroups.directories)
        } catch {
            cgroups.remove()
            runDirectory.remove()
            throw error
        }
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    /// A file of the container's root, from the top-most lower directory that has it.
    static func read(_ relative: String, in lower: [String]) -> String? {
        for dir in lower {
            if let data = FileManager.default.contents(atPath: dir + "/" + relative) { return String(decoding: data, as: UTF8.self) }
        }
        return nil
    }

    // MARK: starting

    /// Forks the child (stopped) that sets the container up: the `launch` of a traced run.
    public func launch() throws(SystemError) -> Spawn.Child {
        var spec = ns_ct_spec.start()
        if let s = standardStreams, s.count == 3 {
            spec.redirect_stdio = 1
            spec.stdio_fd = (s[0], s[1], s[2])
        }
        spec.unshare(request.types)
        spec.tiny_init = request.tinyInit ? 1 : 0
        spec.make_private = 1
        spec.pivot = 1
        spec.set_ids = resolvedUser != nil ? 1 : 0
        if let u = resolvedUser {
            spec.uid = u.uid
            spec.gid = u.gid
        }
        var pipes: [Int32] = [-1, -1, -1, -1]
        if network != nil {
            // child → parent ("unshared") and parent → child ("go on").
            guard ns_pipe_cloexec(&pipes[0]) == 0 else { throw SystemError("pipe") }
            guard ns_pipe_cloexec(&pipes[2]) == 0 else {
                close(pipes[0]); close(pipes[1])
                throw SystemError("pipe")
            }
            spec.sync_out = pipes[1]
            spec.sync_in = pipes[2]
        }
        let root = runDirectory.root
        let userxattr = geteuid() != 0
        let overlay = RunPlan.overlayOptions(lower: lowerDirs, upper: runDirectory.upper, work: runDirectory.work,
                                             userxattr: userxattr)
        let strings = CStrings()
        spec.root = strings.add(root)
        // One `lowerdir+` per layer through fsconfig (Linux 6.8+); the option string of
        // mount(2) only where the kernel lacks it, and only when it fits in the one page
        // the kernel copies (about 45 layers of the cache's paths).
        spec.overlay_data = overlay.utf8.count < RunPlan.mountOptionsLimit ? strings.add(overlay) : nil
        let lowerArray = strings.array(lowerDirs)
        spec.overlay_lower = UnsafePointer(OpaquePointer(lowerArray))
        spec.overlay_lower_count = Int32(lowerDirs.count)
        spec.overlay_upper = strings.add(runDirectory.upper)
        spec.overlay_work = strings.add(runDirectory.work)
        spec.overlay_userxattr = userxattr ? 1 : 0
        spec.proc_target = strings.add(root + "/proc")
        spec.dev_target = strings.add(root + "/dev")
        spec.sys_target = strings.add(root + "/sys")
        spec.hostname = hostname.map { strings.add($0) }
        spec.cwd = strings.add(process.cwd)
        spec.file = strings.add(process.argv[0])
        spec.path_env = process.path.map { strings.add($0) }
        let argv = strings.array(process.argv)
        let envp = strings.array(process.env)
        spec.argv = UnsafePointer(argv)
        spec.envp = UnsafePointer(envp)
        let groups = resolvedUser?.groups ?? []
        var errFD: Int32 = -1
        let child: pid_t = groups.withUnsafeBufferPointer { g in
            spec.ngroups = Int32(g.count)
            spec.groups = g.baseAddress
            // The container starts with umask 0022 whatever the caller's, as runc starts
            // it: the mount points it makes and the files its command writes get the same
            // modes on every machine. Only for the fork; nstrace's own files set theirs.
            let callerMask = umask(0o022)
            defer { umask(callerMask) }
            return withExtendedLifetime(strings) { ns_spawn_container(&spec, &errFD) }
        }
        if network != nil {
            // The parent keeps only its ends.
            close(pipes[1])
            close(pipes[2])
        }
        guard child > 0 else {
            let e = errno
            if network != nil { close(pipes[0]); close(pipes[3]) }
            throw SystemError("fork", errno: e)
        }
        pid = child
        errorPipe = errFD
        if network != nil { syncPipes = (pipes[0], pipes[3]) }
        return Spawn.Child(pid: child, errorPipe: errFD)
    }

    /// Once the child is seized and before it runs: it joins the cgroups (before its
    /// cgroup namespace exists) and the network helper starts waiting for it. A failure
    /// kills the child; `finish` reports it.
    public func seized(_ pid: pid_t) {
        do {
            try cgroups.join(pid)
        } catch {
            joinFailure = error.message
            kill(pid, SIGKILL)
        }
        if let network, let p = syncPipes {
            network.start(pid: pid, syncRead: p.read, goWrite: p.write)
        }
    }
    var joinFailure: String?

    /// After the trace: why set-up failed (nil when the command ran).
    public func finish() -> RunError? {
        network?.wait()
        if let joinFailure { return RunError("joining the cgroups: \(joinFailure)") }
        if let failure = network?.failure { return RunError(failure) }
        guard errorPipe >= 0 else { return nil }
        let rec = ns_container_error(errorPipe)
        errorPipe = -1
        return Self.describe(rec, command: process.argv[0], layerCount: lowerDirs.count)
    }

    /// Removes what the run made on the host (its cgroups and run directory).
    public func cleanup() {
        cgroups.remove()
        runDirectory.remove()
    }

    static func describe(_ rec: ns_ct_error, command: String, layerCount: Int = 0) -> RunError? {
        let e = ErrnoNames.text(rec.err)
        let step = ns_ct_step(rawValue: UInt32(bitPattern: rec.step))
        switch step {
        case NS_CT_STEP_NONE: return nil
        case NS_CT_STEP_EXEC:
            return RunError("cannot execute '\(command)' in the container: \(e)",
                            exitCode: rec.err == ENOENT || rec.err == ENOTDIR ? 127 : 126)
        case NS_CT_STEP_USERNS:
            return RunError("the kernel refused a user namespace: \(e) (run as root without --user, or check kernel.unprivileged_userns_clone)")
        case NS_CT_STEP_UNSHARE, NS_CT_STEP_SETNS:
            let type = RunPlan.knownTypes.first { NamespaceFlag.flag(of: $0) == rec.detail }
            let verb = step == NS_CT_STEP_UNSHARE ? "create" : "enter"
            guard let type else { return RunError("cannot \(verb) the namespaces: \(e)") }
            return RunError("cannot \(verb) a \(type) namespace: \(e) (--share \(type) avoids it)")
        case NS_CT_STEP_MOUNT_ROOT where rec.detail == 2:
            return RunError("setting up the container: mounting the overlay root: this kernel has no overlayfs 'lowerdir+' (Linux 6.8+), and the \(layerCount) layers' lowerdir option is longer than the one page mount(2) takes")
        default:
            return RunError("setting up the container: \(stepName(step)): \(e)")
        }
    }

    static func stepName(_ step: ns_ct_step) -> String {
        switch step {
        case NS_CT_STEP_CHROOT: return "chroot"
        case NS_CT_STEP_SETGROUPS_DENY: return "writing /proc/self/setgroups"
        case NS_CT_STEP_UID_MAP: return "writing /proc/self/uid_map"
        case NS_CT_STEP_GID_MAP: return "writing /proc/self/gid_map"
        case NS_CT_STEP_SYNC: return "waiting for the network set-up"
        case NS_CT_STEP_FORK: return "fork"
        case NS_CT_STEP_MAKE_PRIVATE: return "making mounts private"
        case NS_CT_STEP_MOUNT_ROOT: return "mounting the overlay root"
        case NS_CT_STEP_MOUNT_PROC: return "mounting /proc"
        case NS_CT_STEP_MOUNT_DEV: return "mounting /dev"
        case NS_CT_STEP_HOSTNAME: return "sethostname"
        case NS_CT_STEP_PIVOT_ROOT: return "pivot_root"
        case NS_CT_STEP_UMOUNT_OLD: return "detaching the old root"
        case NS_CT_STEP_CWD: return "changing to the working directory"
        case NS_CT_STEP_IDS: return "switching to the image's user"
        case NS_CT_STEP_SECCOMP: return "installing the seccomp filter"
        default: return "step \(step.rawValue)"
        }
    }
}

extension ns_ct_spec {
    /// A spec that does nothing yet: no fds (-1), no namespaces, no mounts.
    static func start() -> ns_ct_spec {
        var spec = ns_ct_spec()
        spec.root_fd = -1
        spec.sync_out = -1
        spec.sync_in = -1
        return spec
    }

    /// New namespaces of `types`: a user namespace first (root inside is the caller, one id;
    /// the child maps itself, so the kernel wants setgroups denied), then the others at once;
    /// a fork when pid or time is among them (they apply to children only).
    mutating func unshare(_ types: [NamespaceKind]) {
        if types.contains(.user) {
            new_user = 1
            map_uid = getuid()
            map_gid = getgid()
            deny_setgroups = 1
        }
        unshare_flags = RunPlan.unshareFlags(types)
        fork_child = types.contains(.pid) || types.contains(.time) ? 1 : 0
    }
}

enum NamespaceFlag {
    static func flag(of type: NamespaceKind) -> Int32 {
        type == .user ? Int32(truncatingIfNeeded: NamespaceKind.user.cloneFlag) : RunPlan.unshareFlags([type])
    }
}

/// C strings that live as long as this object (for a spec handed to fork).
final class CStrings {
    private var owned: [UnsafeMutablePointer<CChar>] = []
    private var arrays: [UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>] = []

    func add(_ s: String) -> UnsafePointer<CChar> {
        let p = strdup(s)!
        owned.append(p)
        return UnsafePointer(p)
    }

    /// A NULL-terminated char* array.
    func array(_ items: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let a = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: items.count + 1)
        for (i, s) in items.enumerated() {
            let p = strdup(s)!
            owned.append(p)
            a[i] = p
        }
        a[items.count] = nil
        arrays.append(a)
        return a
    }

    deinit {
        for p in owned { free(p) }
        for a in arrays { a.deallocate() }
    }
}
