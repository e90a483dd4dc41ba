internal import CNetlink
import CShim
import Glibc
import NSCore

/// Reads the namespace graph of the live system (`nstrace ns`): every process's
/// /proc/PID/ns links, namespaces held only by an open fd or an nsfs bind mount
/// (which lsns misses), the ns ioctls for ownership and parents, and per-type facts,
/// read from inside each namespace (setns on this thread, restored after) — netlink
/// through libnl for interfaces and addresses, never by running `ip`.
public enum LiveNamespaces {
    static let types = NamespaceID.types

    /// Where a namespace can be opened from.
    struct Handle {
        var path: String
    }

    /// `facts`: read each namespace's facts (from inside it: hostname, interfaces, mounts,
    /// maps) and pair veths. A view that shows none of them (`--format table`) passes false.
    public static func scan(facts readFacts: Bool = true) -> NamespaceGraph {
        var processes: [ProcessNode] = []
        var members: [NamespaceID: [Int32]] = [:]
        var holders: [NamespaceID: [Holder]] = [:]
        var handles: [NamespaceID: Handle] = [:]
        var mntSample: [UInt64: Int32] = [:] // mnt inode → a pid in it (for mountinfo)
        var firstPid: [NamespaceID: Int32] = [:]

        for pid in listPids() {
            // Everything of one process is read beneath one descriptor of /proc/PID: the
            // kernel finds the process once, not once per file (about 15 per process).
            let dir = open("/proc/\(pid)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard dir >= 0 else { continue }
            defer { close(dir) }
            guard let status = ProcFS.read(at: dir, "status") else { continue }
            var ns: [String: UInt64] = [:]
            for kind in NamespaceKind.allCases {
                if let t = ProcFS.readLink(at: dir, kind.linkPath), let ino = NamespaceSet.inode(fromLink: t) {
                    ns[kind.rawValue] = ino
                }
            }
            if ns.isEmpty { continue } // gone, or not ours to see
            let fields = ProcStatus.summary(status)
            let argv = (ProcFS.read(at: dir, "cmdline") ?? []).split(separator: 0, omittingEmptySubsequences: true)
                .map { String(decoding: $0, as: UTF8.self) }
            let p = ProcessNode(pid: pid, ppid: fields.ppid, comm: fields.name, argv: argv, nspid: fields.nspid,
                                uid: fields.uid, ns: ns)
            processes.append(p)
            for t in types {
                guard let ino = ns[t.rawValue] else { continue }
                let id = NamespaceID(type: t, inode: ino)
                members[id, default: []].append(pid)
                if handles[id] == nil { handles[id] = Handle(path: "/proc/\(pid)/\(t.linkPath)") }
                if firstPid[id] == nil { firstPid[id] = pid }
                if t == .mnt, mntSample[ino] == nil { mntSample[ino] = pid }
            }
            // pid/time for_children: a namespace no process is in yet.
            for kind in [NamespaceKind.pidForChildren, .timeForChildren] {
                guard let ino = ns[kind.rawValue], ino != ns[kind.base.rawValue] else { continue }
                let id = NamespaceID(type: kind, inode: ino)
                holders[id, default: []].append(.process(pid))
                if handles[id] == nil { handles[id] = Handle(path: "/proc/\(pid)/\(kind.linkPath)") }
            }
            // Namespaces held by open fds.
            for (fd, target) in nsFDs(pid, dir: dir) {
                guard let type = NamespaceKind.type(ofLink: target), let ino = NamespaceSet.inode(fromLink: target) else { continue }
                let id = NamespaceID(type: type, inode: ino)
                holders[id, default: []].append(.fd(pid: pid, fd: fd))
                if handles[id] == nil { handles[id] = Handle(path: "/proc/\(pid)/fd/\(fd)") }
            }
        }
        // Namespaces held by bind mounts, as each mount namespace sees them.
        for (mnt, pid) in mntSample {
            _ = mnt
            for (point, target) in nsfsMounts(pid) {
                guard let type = NamespaceKind.type(ofLink: target), let ino = NamespaceSet.inode(fromLink: target) else { continue }
                let id = NamespaceID(type: type, inode: ino)
                if !(holders[id] ?? []).contains(.bindMount(point)) { holders[id, default: []].append(.bindMount(point)) }
                if handles[id] == nil { handles[id] = Handle(path: "/proc/\(pid)/root\(point)") }
            }
        }

        var own: Set<NamespaceID> = []
        for t in types {
            if let target = ProcFS.readLink("/proc/self/\(t.linkPath)"), let ino = NamespaceSet.inode(fromLink: target) {
                own.insert(NamespaceID(type: t, inode: ino))
            }
        }

        let ids = Set(members.keys).union(holders.keys).filter { types.contains($0.type) }
        var nodes: [NamespaceNode] = []
        for id in ids.sorted() {
            let procs = (members[id] ?? []).sorted()
            var node = NamespaceNode(id: id, processes: procs,
                                     holders: procs.map { .process($0) } + (holders[id] ?? []),
                                     isInitial: own.contains(id))
            if let h = handles[id] { relations(of: &node, path: h.path) }
            nodes.append(node)
        }
        if readFacts {
            let found = allFacts(nodes.map { n in (n.id, own.contains(n.id) ? nil : handles[n.id], firstPid[n.id]) })
            for i in nodes.indices { nodes[i].facts = found[i] }
            resolvePeerNamespaces(&nodes, handles: handles)
        }
        let veths = NamespaceGraph.pairVeths(nodes.filter { $0.id.type == .net })
        return NamespaceGraph(source: "live", processes: processes, namespaces: nodes, veths: veths)
    }

    /// Turns each veth's IFLA_LINK_NETNSID (an id local to its namespace) into the peer
    /// namespace's inode: inside that namespace, ask RTM_GETNSID for each other network
    /// namespace's id. Without this, two pairs with the same ifindexes could be mixed up.
    static func resolvePeerNamespaces(_ nodes: inout [NamespaceNode], handles: [NamespaceID: Handle]) {
        let nets = nodes.indices.filter { nodes[$0].id.type == .net }
        for a in nets {
            guard let ifs = nodes[a].facts.interfaces, ifs.contains(where: { $0.peerNetnsid != nil }),
                  let h = handles[nodes[a].id] else { continue }
            var byNsid: [Int32: UInt64] = [:]
            let others = nets.filter { $0 != a }.compactMap { b in handles[nodes[b].id].map { (nodes[b].id.inode, $0.path) } }
            let own = nodes[a].isInitial
            let body = {
                for (inode, path) in others {
                    let fd = open(path, O_RDONLY | O_CLOEXEC)
                    guard fd >= 0 else { continue }
                    if let id = Netlink.nsid(of: fd) { byNsid[id] = inode }
                    close(fd)
                }
            }
            if own { body() } else { inside(h.path, kind: .net, body) }
            nodes[a].facts.interfaces = ifs.map { i in
                var i = i
                if let id = i.peerNetnsid { i.peerNamespace = byNsid[id] }
                return i
            }
        }
    }

    // MARK: /proc

    static func listPids() -> [Int32] { ProcFS.pids() }


    /// The device of nsfs, the filesystem of namespace files.
    static let nsfsDevice: UInt64? = {
        var st = stat()
        return stat("/proc/self/ns/net", &st) == 0 ? UInt64(st.st_dev) : nil
    }()

    /// fd → "net:[4026532201]" for every fd of `pid` that refers to a namespace. An fd
    /// opened through a bind mount (/run/netns/red) reads back as that path, so a path
    /// is checked with stat: an nsfs file is a namespace, its type from NS_GET_NSTYPE.
    static func nsFDs(_ pid: Int32, dir procDir: Int32) -> [(Int32, String)] {
        let fdDir = openat(procDir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fdDir >= 0 else { return [] }
        guard let dir = fdopendir(fdDir) else { close(fdDir); return [] }
        defer { closedir(dir) }
        var out: [(Int32, String)] = []
        while let ent = readdir(dir) {
            let name = withUnsafeBytes(of: ent.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let fd = Int32(name), let target = ProcFS.readLink(at: fdDir, name) else { continue }
            if NamespaceKind.type(ofLink: target) != nil, ScalarText.hasSuffix(target, "]") {
                out.append((fd, target))
            } else if ScalarText.hasPrefix(target, "/"), let nsfs = nsfsDevice {
                let path = "/proc/\(pid)/fd/\(fd)"
                var st = stat()
                guard stat(path, &st) == 0, UInt64(st.st_dev) == nsfs,
                      let what = NamespaceReader.describeFile(path) else { continue }
                out.append((fd, what))
            }
        }
        return out
    }

    /// nsfs mounts in the mount namespace of `pid`: (mount point, "net:[4026532201]").
    static func nsfsMounts(_ pid: Int32) -> [(String, String)] {
        guard let text = ProcFS.readText("/proc/\(pid)/mountinfo") else { return [] }
        var out: [(String, String)] = []
        // By scalar: the kernel escapes space, tab, newline and backslash in a mount point,
        // not "\r" (a mount point ending in it made "\r\n" one Character, and hid the next
        // mount) nor a combining mark (which glued itself to the space before it).
        for line in ScalarText.lines(text) {
            let parts = ScalarText.split(line, " ")
            guard let dash = parts.firstIndex(of: "-"), dash + 1 < parts.count, parts[dash + 1] == "nsfs",
                  parts.count > 4 else { continue }
            out.append((unescape(parts[4]), parts[3]))
        }
        return out
    }

    /// mountinfo escapes spaces etc. as \040.
    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\\")) else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 3 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v)
                i += 4
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: ioctls

    /// Owner (NS_GET_USERNS), parent (NS_GET_PARENT, pid/user) and owner uid (user).
    static func relations(of node: inout NamespaceNode, path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        func inode(_ other: Int32) -> UInt64? {
            guard other >= 0 else { return nil }
            defer { close(other) }
            var st = stat()
            return fstat(other, &st) == 0 ? UInt64(st.st_ino) : nil
        }
        if node.id.type != .user { node.owner = inode(ns_get_userns(fd)) }
        if node.id.type == .pid || node.id.type == .user { node.parent = inode(ns_get_parent(fd)) }
        if node.id.type == .user {
            var uid: UInt32 = 0
            if ns_get_owner_uid(fd, &uid) == 0 { node.ownerUID = uid }
            node.owner = node.parent
        }
    }

    // MARK: facts

    /// The facts of every namespace, read by a few threads side by side: most of the time
    /// is the kernel's (setns, a netlink socket and two dumps per network namespace), and
    /// uts and net, the types read from inside, are per thread. Each thread goes back to
    /// its own namespaces after each one (`inside`).
    static func allFacts(_ work: [(NamespaceID, Handle?, Int32?)]) -> [NamespaceFacts] {
        final class Results: @unchecked Sendable {
            let lock = Condition()
            var facts: [NamespaceFacts]
            var next = 0
            init(_ n: Int) { facts = Array(repeating: NamespaceFacts(), count: n) }
            /// The index of the next namespace to read, or nil when all are taken.
            func take() -> Int? {
                lock.lock()
                defer { lock.unlock() }
                guard next < facts.count else { return nil }
                next += 1
                return next - 1
            }
            func put(_ i: Int, _ f: NamespaceFacts) {
                lock.lock()
                facts[i] = f
                lock.unlock()
            }
        }
        let results = Results(work.count)
        let body: @Sendable () -> Void = {
            while let i = results.take() {
                let (id, handle, sample) = work[i]
                results.put(i, facts(of: id, handle: handle, sample: sample))
            }
        }
        let cpus = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let helpers = min(max(cpus, 1), 4, work.count / 16) // none for a handful of namespaces
        let done = Semaphore()
        var started = 0
        for n in 0..<max(helpers - 1, 0) {
            do {
                try OSThread.detach(name: "nstrace-ns-\(n)") { body(); done.signal() }
                started += 1
            } catch {
                break // fewer helpers: this thread reads the rest
            }
        }
        body()
        for _ in 0..<started { done.wait() }
        return results.facts
    }

    static func facts(of id: NamespaceID, handle: Handle?, sample: Int32?) -> NamespaceFacts {
        var f = NamespaceFacts()
        switch id.type {
        case .uts:
            // Our own namespace needs no setns (which an ordinary user may not do).
            let enter: (() -> Void) -> Void = { body in
                if let h = handle { inside(h.path, kind: .uts, body) } else { body() }
            }
            do {
                enter {
                    var u = utsname()
                    if uname(&u) == 0 {
                        f.hostname = withUnsafeBytes(of: u.nodename) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                        var buf = [CChar](repeating: 0, count: 256)
                        if getdomainname(&buf, buf.count - 1) == 0 {
                            f.domainname = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                        }
                    }
                }
            }
        case .net:
            if let h = handle {
                inside(h.path, kind: .net) { f.interfaces = Netlink.interfaces() }
            } else {
                f.interfaces = Netlink.interfaces()
            }
        case .mnt:
            if let pid = sample, let text = ProcFS.readText("/proc/\(pid)/mountinfo") {
                let lines = ScalarText.lines(text)
                f.mountCount = lines.count
                for line in lines {
                    let parts = ScalarText.split(line, " ")
                    guard parts.count > 4, parts[4] == "/", let dash = parts.firstIndex(of: "-"), dash + 3 < parts.count else { continue }
                    let fstype = parts[dash + 1], source = parts[dash + 2], options = parts[dash + 3]
                    f.root = "\(fstype) \(unescape(source))"
                    if fstype == "overlay" {
                        var appended: [String] = []
                        for opt in ScalarText.split(options, ",") {
                            // Layers given one by one (fsconfig "lowerdir+", Linux 6.8+) are
                            // shown one option each, top-most first.
                            if let v = ScalarText.dropPrefix(opt, "lowerdir+=") { appended.append(unescape(v)) }
                            if let v = ScalarText.dropPrefix(opt, "lowerdir=") { f.overlayLower = ScalarText.split(v, ":").map(unescape) }
                            if let v = ScalarText.dropPrefix(opt, "upperdir=") { f.overlayUpper = unescape(v) }
                        }
                        if !appended.isEmpty { f.overlayLower = appended }
                    }
                }
            }
        case .user:
            if let pid = sample {
                f.uidMap = ProcFS.readText("/proc/\(pid)/uid_map").map(compactMap)
                f.gidMap = ProcFS.readText("/proc/\(pid)/gid_map").map(compactMap)
            }
        case .cgroup:
            if let pid = sample, let text = ProcFS.readText("/proc/\(pid)/cgroup") {
                // The unified line ("0::/path") or the first controller's path.
                let lines = ScalarText.lines(text)
                let line = lines.first { ScalarText.hasPrefix($0, "0::") } ?? lines.first
                f.cgroupRoot = line.map { ScalarText.split($0, ":", maxSplits: 2).last ?? "" }
            }
        case .time:
            if let pid = sample, let text = ProcFS.readText("/proc/\(pid)/timens_offsets") {
                let nonzero = ScalarText.lines(text).filter { l in
                    ScalarText.split(l, " ").dropFirst().contains { $0 != "0" }
                }
                f.timeOffsets = nonzero.map { ScalarText.split($0, " ").joined(separator: " ") }
                    .joined(separator: "; ")
            }
        default:
            break
        }
        return f
    }

    /// "0 0 4294967295\n" → "0 0 4294967295"; several lines joined by "; ".
    static func compactMap(_ text: String) -> String {
        ScalarText.lines(text).map { ScalarText.split($0, " ").joined(separator: " ") }
            .joined(separator: "; ")
    }

    /// Runs `body` with this thread inside the namespace at `path` (uts and net are per
    /// thread), then returns to where it was. Does nothing if either step fails.
    static func inside(_ path: String, kind: NamespaceKind, _ body: () -> Void) {
        let type = Int32(truncatingIfNeeded: kind.cloneFlag)
        let home = open("/proc/thread-self/\(kind.linkPath)", O_RDONLY | O_CLOEXEC)
        guard home >= 0 else { return }
        defer { close(home) }
        let target = open(path, O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { return }
        defer { close(target) }
        guard ns_setns(target, type) == 0 else { return }
        body()
        if ns_setns(home, type) != 0 {
            // Could not go back: never carry on in the wrong namespace.
            fatalError("nstrace: cannot return to the original \(kind) namespace")
        }
    }
}

/// Interfaces and addresses of the current network namespace, through libnl-route.
enum Netlink {
    /// RTM_GETNSID: the id the current network namespace gives the namespace of `fd`
    /// (nil when it has none: the kernel assigns ids only to namespaces linked to this one).
    static func nsid(of fd: Int32) -> Int32? {
        guard let sock = nl_socket_alloc() else { return nil }
        defer { nl_socket_free(sock) }
        guard nl_connect(sock, Int32(NETLINK_ROUTE)) == 0,
              let msg = nlmsg_alloc_simple(90 /* RTM_GETNSID */, Int32(NLM_F_REQUEST)) else { return nil }
        defer { nlmsg_free(msg) }
        var gen: [UInt8] = [UInt8(AF_UNSPEC), 0, 0, 0] // struct rtgenmsg, padded
        guard gen.withUnsafeMutableBytes({ nlmsg_append(msg, $0.baseAddress, 4, 4) }) == 0,
              nla_put_u32(msg, 3 /* NETNSA_FD */, UInt32(fd)) == 0,
              nl_send_auto(sock, msg) >= 0 else { return nil }
        var buf: UnsafeMutablePointer<UInt8>?
        var who = sockaddr_nl() // nl_recv refuses a NULL peer address (NLE_INVAL)
        let n = Int(nl_recv(sock, &who, &buf, nil))
        guard n >= 20, let buf else { return nil }
        defer { free(buf) }
        let bytes = Array(UnsafeBufferPointer(start: buf, count: n))
        func u16(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 }
        guard u16(4) == 88 /* RTM_NEWNSID */ else { return nil }
        var o = 16 + 4 // nlmsghdr, rtgenmsg
        while o + 4 <= n {
            let len = u16(o), type = u16(o + 2)
            guard len >= 4, o + len <= n else { break }
            if type == 1 /* NETNSA_NSID */, len >= 8 {
                let v = Int32(bitPattern: UInt32(bytes[o + 4]) | UInt32(bytes[o + 5]) << 8
                              | UInt32(bytes[o + 6]) << 16 | UInt32(bytes[o + 7]) << 24)
                return v >= 0 ? v : nil
            }
            o += (len + 3) & ~3
        }
        return nil
    }

    static func interfaces() -> [Interface] {
        guard let sock = nl_socket_alloc() else { return [] }
        defer { nl_socket_free(sock) }
        guard nl_connect(sock, Int32(NETLINK_ROUTE)) == 0 else { return [] }
        var linkCache: OpaquePointer?
        guard rtnl_link_alloc_cache(sock, Int32(AF_UNSPEC), &linkCache) == 0, let links = linkCache else { return [] }
        defer { nl_cache_free(links) }
        var addrCache: OpaquePointer?
        var addresses: [Int32: [String]] = [:]
        if rtnl_addr_alloc_cache(sock, &addrCache) == 0, let addrs = addrCache {
            defer { nl_cache_free(addrs) }
            var obj = nl_cache_get_first(addrs)
            while let o = obj {
                let a = o
                if let local = rtnl_addr_get_local(a) {
                    var buf = [CChar](repeating: 0, count: 128)
                    nl_addr2str(local, &buf, buf.count)
                    var text = String(cString: buf)
                    if !text.contains("/") { text += "/\(rtnl_addr_get_prefixlen(a))" }
                    addresses[rtnl_addr_get_ifindex(a), default: []].append(text)
                }
                obj = nl_cache_get_next(o)
            }
        }
        var out: [Interface] = []
        var obj = nl_cache_get_first(links)
        while let o = obj {
            let l = o
            let index = Int32(rtnl_link_get_ifindex(l))
            let name = rtnl_link_get_name(l).map { String(cString: $0) } ?? "?"
            var kind = rtnl_link_get_type(l).map { String(cString: $0) } ?? ""
            let flags = rtnl_link_get_flags(l)
            if flags & UInt32(IFF_LOOPBACK) != 0 && kind.isEmpty { kind = "loopback" }
            var peer: Int32?
            var netnsid: Int32?
            if kind == "veth" {
                let link = rtnl_link_get_link(l)
                if link > 0 { peer = link }
                var id: Int32 = -1
                if rtnl_link_get_link_netnsid(l, &id) == 0, id >= 0 { netnsid = id }
            }
            out.append(Interface(name: name, ifindex: index, kind: kind, up: flags & UInt32(IFF_UP) != 0,
                                 addresses: addresses[index] ?? [], peerIfindex: peer, peerNetnsid: netnsid))
            obj = nl_cache_get_next(o)
        }
        return out.sorted { $0.ifindex < $1.ifindex }
    }
}
