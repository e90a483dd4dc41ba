/// Builds the namespace graph of a `--record` file: every task, the namespaces it was
/// in, and each transition (which task entered or was created in which namespace, by
/// which syscall, when). A record cut short still gives the graph of what it holds.
public enum GraphFromRecord {
    /// The base name of an exec'd file, or nil when it has none a person would know ("/",
    /// "", or unreadable).
    public static func programName(_ path: String?) -> String? {
        guard let path else { return nil }
        let b = ScalarText.baseName(path)
        return b.isEmpty || b == "/" ? nil : b
    }

    /// The argv of a successful execve or execveat: its typed `argv` (version 3), or the text
    /// of its second (execve) or third (execveat) argument.
    public static func execArgv(_ s: SyscallEvent) -> [String]? {
        guard s.name == "execve" || s.name == "execveat", s.ret == 0 else { return nil }
        return argv(s)
    }

    /// The name a successful `prctl(PR_SET_NAME, NAME)` gave its task, cut to 15 bytes as
    /// the kernel cuts a comm: from the call's text (the typed value, version 3, when it is
    /// a string).
    static func setName(_ s: SyscallEvent) -> String? {
        guard s.name == "prctl", s.ret == 0, s.args.count >= 2, s.args[0] == "PR_SET_NAME" else { return nil }
        var bytes: [UInt8]
        if let q = QuotedText.parse(Array(s.args[1].utf8), at: 0) {
            bytes = q.bytes
        } else {
            return nil
        }
        if bytes.count > 15 { bytes = Array(bytes.prefix(15)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func build(_ lines: [RecordLine]) -> NamespaceGraph {
        var order: [Int32] = []
        var procs: [Int32: ProcessNode] = [:]
        var transitions: [Transition] = []
        var command: [String] = []
        var rootPid: Int32?
        var hostnames: [UInt64: String] = [:]
        // A thread whose execve made it its process's leader: its former pid → the leader's.
        // The record writes that execve's syscall line under the former pid, after the exec.
        var movedTo: [Int32: Int32] = [:]

        func basename(_ path: String) -> String {
            ScalarText.baseName(path)
        }
        // Tasks whose last exec's file had no usable name.
        var unnamedExec = Set<Int32>()

        for line in lines {
            switch line {
            case .header(let h):
                command = h.command
            case .end:
                break
            case .event(let e):
                switch e {
                case .task(let t):
                    var ns: [String: UInt64] = [:]
                    for (k, v) in t.ns?.inodes ?? [:] { ns[k.rawValue] = v }
                    let parent = t.ppid.flatMap { procs[$0] }
                    let comm = parent?.comm ?? (t.ppid == nil && rootPid == nil ? basename(command.first ?? "?") : "?")
                    if rootPid == nil && t.ppid == nil { rootPid = t.pid }
                    movedTo[t.pid] = nil
                    if procs[t.pid] == nil { order.append(t.pid) }
                    procs[t.pid] = ProcessNode(pid: t.pid, ppid: t.ppid, comm: comm,
                                               argv: t.ppid == nil ? command : (parent?.argv ?? []),
                                               nspid: t.nspid ?? [], uid: nil, ns: ns, start: t.t,
                                               via: t.via.rawValue)
                case .exec(let x):
                    if x.formerPid != x.pid, var thread = procs[x.formerPid] {
                        // The thread goes on under the leader's pid, in the leader's place in
                        // the tree (its parent was the leader: keeping it would make the task
                        // its own parent, and the tree would not show it at all).
                        thread.pid = x.pid
                        if let leader = procs[x.pid] {
                            thread.ppid = leader.ppid
                            thread.via = leader.via
                            thread.start = leader.start
                            thread.nspid = leader.nspid
                        } else if thread.ppid == x.pid {
                            thread.ppid = nil
                        }
                        procs[x.formerPid] = nil
                        order.removeAll { $0 == x.formerPid }
                        if procs[x.pid] == nil { order.append(x.pid) }
                        procs[x.pid] = thread
                        movedTo[x.formerPid] = x.pid
                    }
                    // A file with no name of its own (runc re-executes itself from a sealed
                    // copy with execveat(fd, "", AT_EMPTY_PATH): its exe link reads "/") is
                    // named by the argv[0] of the exec's call, which follows.
                    if let name = programName(x.filename) {
                        procs[x.pid]?.comm = name
                        unnamedExec.remove(x.pid)
                    } else {
                        unnamedExec.insert(x.pid)
                    }
                case .syscall(let s):
                    let pid = procs[s.pid] == nil ? movedTo[s.pid] ?? s.pid : s.pid
                    // What the record says a namespace shows: the hostname set in it.
                    if s.name == "sethostname", s.ret == 0, let uts = procs[pid]?.ns[NamespaceKind.uts.rawValue], let name = Self.hostname(s) {
                        hostnames[uts] = name
                    }
                    // The name a task gives itself (runc's `runc:[1:CHILD]`): its comm, which
                    // the kernel cuts to 15 bytes. The record has no comm of its own; a task
                    // that never exec'd is otherwise known by its parent's name.
                    if let name = Self.setName(s) {
                        procs[pid]?.comm = name
                    }
                    if let argv = execArgv(s) {
                        procs[pid]?.argv = argv
                        if unnamedExec.remove(pid) != nil, let name = argv.first.flatMap(programName) {
                            procs[pid]?.comm = name
                        }
                    }
                case .namespace(let n):
                    let type = n.kind.base
                    // A *_for_children link is not the task's own namespace, but it is a namespace.
                    transitions.append(Transition(pid: n.pid, kind: n.kind,
                                                  from: NamespaceID(type: type, inode: n.from),
                                                  to: NamespaceID(type: type, inode: n.to),
                                                  cause: n.cause, call: n.call, t: n.t))
                    procs[n.pid]?.ns[n.kind.rawValue] = n.to
                case .exit(let x):
                    if x.detached || x.supersededBy == nil { procs[x.pid]?.end = x.t }
                case .signal, .idmap, .lost:
                    break
                }
            }
        }

        let processes = order.compactMap { procs[$0] }
        // Namespaces: everything a task was in at any time, or moved to.
        var members: [NamespaceID: Set<Int32>] = [:]
        var seen = Set<NamespaceID>()
        for p in processes {
            for (name, inode) in p.ns {
                guard let kind = NamespaceKind(rawValue: name) else { continue }
                let id = NamespaceID(type: kind, inode: inode)
                seen.insert(id)
                if kind.base == kind { members[id, default: []].insert(p.pid) }
            }
        }
        for t in transitions {
            seen.insert(t.to)
            if let f = t.from { seen.insert(f) }
        }
        // The host's namespaces: the first task's, before anything changed.
        var initial = Set<NamespaceID>()
        if let root = processes.first {
            for (name, inode) in root.ns {
                guard let kind = NamespaceKind(rawValue: name) else { continue }
                initial.insert(NamespaceID(type: kind, inode: inode))
            }
            for t in transitions where t.pid == root.pid {
                if let f = t.from { initial.insert(f) }
                initial.remove(t.to)
            }
        }
        var nodes = seen.sorted().map { id in
            var facts = NamespaceFacts()
            if id.type == .uts { facts.hostname = hostnames[id.inode] }
            return NamespaceNode(id: id, processes: (members[id] ?? []).sorted(),
                                 holders: (members[id] ?? []).sorted().map { .process($0) },
                                 facts: facts, isInitial: initial.contains(id))
        }
        // pid namespaces created for a child: their parent is the creator's pid namespace.
        for t in transitions where t.to.type == .pid {
            if let f = t.from, let i = nodes.firstIndex(where: { $0.id == t.to }), nodes[i].parent == nil, f != t.to {
                nodes[i].parent = f.inode
            }
        }
        return NamespaceGraph(source: "record", processes: processes, namespaces: nodes, veths: [],
                              transitions: transitions)
    }
}

extension GraphFromRecord {
    /// The argv of a successful execve/execveat: its typed `argv` (version 3), or in an
    /// older record the text of its argv argument (the second of execve, the third of
    /// execveat).
    static func argv(_ s: SyscallEvent) -> [String]? {
        // A record whose params lack the name (another writer's names) falls back to the text.
        if let items = s.params?["argv"]?.items {
            return items.map { $0.stringValue ?? $0.text }
        }
        let index = s.name == "execveat" ? 2 : 1
        return index < s.args.count ? QuotedText.list(s.args[index]) : nil
    }

    /// The name sethostname set: its typed `name` (version 3), or the text of an older record.
    static func hostname(_ s: SyscallEvent) -> String? {
        if let name = s.params?["name"]?.stringValue { return name }
        guard let arg = s.args.first, ScalarText.hasPrefix(arg, "\"") else { return nil }
        return QuotedText.list("[" + arg + "]")?.first
    }
}
