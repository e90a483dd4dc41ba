import CShim
import Glibc
import NSCore
import NSLinux

/// Namespace tracking in the loop: each task's links when it is first seen and after the
/// syscalls that can change them, id map writes, pid translation for nested pid
/// namespaces, and keeping children traced (CLONE_UNTRACED).
extension TraceLoop {
    /// A task is followed: write its task line with the namespaces it is in when first
    /// seen, label it when it is in a nested pid namespace, and, for a new task, say which
    /// namespaces it was created in that are not its parent's.
    ///
    /// `cloneFlags` (of the call that created it, when known) lets a child that shares all
    /// its parent's namespaces take them from the parent instead of from ten readlinks
    /// (NamespaceEffects.inherited): most new tasks of a process-heavy command.
    func announce(_ task: TaskState, cloneFlags: UInt64? = nil) {
        let t = now
        out.tasksFollowed(liveCount)
        let parent = task.ppid.flatMap { tasks[$0] }
        if let parent, !parent.unresolved.isEmpty { resolveDeferred(parent, t: t) }
        if let parent, let cloneFlags, parent.unresolved.isEmpty,
           let ns = NamespaceEffects.inherited(from: parent.ns, cloneFlags: cloneFlags) {
            task.ns = ns
            if TraceEnvironment.verifyInherited { verifyInherited(task) }
            // In its parent's pid namespace: at the top one pid, nested the chain is the parent's.
            task.nsPids = parent.nsPids.count == 1 ? [task.pid] : kernel.nsPids(task.pid)
            if task.nsPids.count > 1 {
                task.pidNsChain = task.nsPids.count == parent.pidNsChain.count ? parent.pidNsChain
                    : kernel.pidNamespaceChain(task.pid, levels: task.nsPids.count)
                indexPids(task)
            }
        } else {
            task.ns = kernel.namespaces(task.pid, kinds: NamespaceKind.allCases)
            task.nsPids = kernel.nsPids(task.pid)
            if task.nsPids.count > 1 {
                task.pidNsChain = kernel.pidNamespaceChain(task.pid, levels: task.nsPids.count)
                indexPids(task)
            }
        }
        if task.ns.isEmpty { warnUnreadableNamespaces(task.pid) }
        out.taskAppeared(TaskEvent(pid: task.pid, tgid: task.tgid, ppid: task.ppid,
                                   via: task.origin, t: t, ns: task.ns, nspid: task.nsPids))
        if config.decode.pidComm { out.taskComm(task.pid, kernel.comm(task.pid)) }
        // A new task: the namespaces it was created in, if they are not its parent's.
        if let parent {
            let changes = out.creationTransitions(
                pid: task.pid, t: t, via: task.origin, parent: parent.ns, child: task.ns,
                call: parent.pending?.entry.map { StraceTextPrinter.entryText(name: $0.name, entry: $0) })
            if !changes.isEmpty {
                if changes.contains(where: { $0.kind == .user }) { sawNewUserNamespace = true }
                if showNotes {
                    // Under the parent's clone line when that is shown; otherwise now.
                    if parent.pending?.selected == true {
                        parent.childNotes.append((task.pid, NamespaceEffects.annotation(changes)))
                    } else {
                        out.note(pid: task.pid, t: t, NamespaceEffects.annotation(changes))
                    }
                }
            }
        }
        out.tasksFollowed(liveCount)
    }


    func verifyInherited(_ task: TaskState) {
        let read = kernel.namespaces(task.pid, kinds: NamespaceKind.allCases)
        if let d = verifier.inherited(task.pid, taken: task.ns, read: read) { warnings.append(d) }
    }

    /// NSTRACE_VERIFY_NS=1: after an unshare or setns whose flags said which links to read,
    /// read all ten and say whether the others were indeed unchanged.
    func verifyPartial(_ task: TaskState, after cause: String) {
        let read = kernel.namespaces(task.pid, kinds: NamespaceKind.allCases)
        if let d = verifier.partial(task.pid, after: cause, known: task.ns, unresolved: Set(task.unresolved.keys),
                                    read: read) { warnings.append(d) }
    }

    var showNotes: Bool { config.namespaceNotes && out.showsText }


    /// One warning, not one per task, when namespaces cannot be read (a user
    /// namespace we cannot see into, /proc of another pid namespace).
    func warnUnreadableNamespaces(_ pid: pid_t) {
        guard !warnedUnreadable, kernel.processExists(pid) else { return }
        warnedUnreadable = true
        // Said at the end: now it would split a line the printer has open.
        warnings.append("warning: cannot read the namespaces of task \(pid) (/proc/\(pid)/ns); the record says null where unknown")
    }

    /// After a syscall that may have moved the task: read its links again and say what
    /// changed. Only the links the call can have changed are read (an `unshare -u` reads
    /// one link, not ten), when the task's links are all known.
    func checkNamespaces(_ task: TaskState, cause: String, call: String, traits: SyscallTraits, args: SyscallArgs,
                         t: Double) {
        if traits.contains(.replacesProgram), task.unresolved.isEmpty,
           NamespaceEffects.execKeeps(task.ns) { return }
        var kinds = NamespaceKind.allCases
        if task.unresolved.isEmpty, task.ns.inodes.count == kinds.count,
           let changed = NamespaceEffects.linksChanged(by: cause, args: args) {
            kinds = changed
        }
        let after = kernel.namespaces(task.pid, kinds: kinds)
        let changes = task.ns.changes(to: after)
        defer { if TraceEnvironment.verifyInherited && kinds.count < NamespaceKind.allCases.count { verifyPartial(task, after: cause) } }
        for kind in kinds {
            if after[kind] != nil {
                task.ns[kind] = after[kind]
            } else if task.ns[kind] != nil, task.unresolved[kind] == nil, kernel.processExists(task.pid) {
                task.unresolved[kind] = (cause, call)
            }
        }
        guard !changes.isEmpty else { return }
        for c in changes {
            out.event(.namespace(NamespaceEvent(pid: task.pid, t: t, kind: c.kind, from: c.from,
                                                to: c.to, cause: cause, call: call)))
            if c.kind == .user { sawNewUserNamespace = true }
        }
        if showNotes { out.note(pid: task.pid, t: t, NamespaceEffects.annotation(changes)) }
    }

    /// Links that could not be read after the syscall that changed them, read again now
    /// that a child exists; the transition keeps that syscall as its cause.
    func resolveDeferred(_ task: TaskState, t: Double) {
        let now = kernel.namespaces(task.pid, kinds: NamespaceKind.allCases)
        var changes: [NamespaceTransition] = []
        var causes: [String] = []
        for (kind, why) in task.unresolved.sorted(by: { $0.key < $1.key }) {
            guard let to = now[kind] else { continue }
            task.unresolved[kind] = nil
            if let from = task.ns[kind], from != to {
                changes.append(NamespaceTransition(kind: kind, from: from, to: to))
                if !causes.contains(why.cause) { causes.append(why.cause) }
                out.event(.namespace(NamespaceEvent(pid: task.pid, t: t, kind: kind, from: from,
                                                    to: to, cause: why.cause, call: why.call)))
            }
            task.ns[kind] = to
        }
        if showNotes && !changes.isEmpty {
            task.childNotes.append((task.pid, NamespaceEffects.annotation(changes) + " (by the earlier \(causes.joined(separator: ", ")))"))
        }
    }

    func flushChildNotes(_ task: TaskState, t: Double) {
        guard !task.childNotes.isEmpty else { return }
        for n in task.childNotes { out.note(pid: n.pid, t: t, n.text) }
        task.childNotes = []
    }


    func checkIDMapWrite(_ task: TaskState, _ p: PendingSyscall, ret: Int64, t: Double) {
        guard ret > 0, let path = kernel.readLink("/proc/\(task.pid)/fd/\(Int32(truncatingIfNeeded: p.args[0]))"),
              let write = IDMapWrite(path: path) else { return }
        let bytes = kernel.memory(task.pid).read(at: p.args[1], count: Int(min(ret, 4096))) ?? []
        let data = String(decoding: bytes, as: UTF8.self)
        out.event(.idmap(IDMapEvent(pid: task.pid, t: t, target: write.target, file: write.file, data: data)))
        // The bytes are read again after the kernel took them: another thread of the
        // tracee may have changed them since.
        if showNotes { out.note(pid: task.pid, t: t, write.note(data: data)) }
    }

    /// The pid, as nstrace sees it, of the task that is `ret` in `task`'s pid namespace
    /// (`= 1 /* 1236 in nstrace's PID NS */` after a call that returns a pid).
    /// A candidate must be in that very namespace at that level (not a sibling at the
    /// same depth).
    func translatedPid(_ task: TaskState, _ ret: Int64) -> pid_t? {
        pidIndex.outer(ret, nsPids: task.nsPids, chain: task.pidNsChain)
    }

    /// Indexes a task in a nested pid namespace by its pid at every level.
    func indexPids(_ task: TaskState) {
        pidIndex.add(task.pid, nsPids: task.nsPids, chain: task.pidNsChain)
    }

    /// CLONE_UNTRACED would let the child escape the trace (and, under the seccomp
    /// filter it inherits, fail every trapped call with ENOSYS: strace issue #303):
    /// clear the flag before the kernel reads it.
    func keepTraced(_ task: TaskState, name: String, abi: SyscallABI, args: SyscallArgs) {
        let untraced = CloneFlag.untraced
        if name == "clone", args[0] & untraced != 0 {
            if kernel.setSyscallArg0(task.pid, compat32: abi == .i386, args[0] & ~untraced) {
                out.note(pid: task.pid, t: now, "  nstrace: cleared CLONE_UNTRACED so the child stays traced")
            }
        } else if name == "clone3", args[1] >= 8, let raw = kernel.memory(task.pid).read(at: args[0], count: 8) {
            let flags = raw.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            guard flags & untraced != 0 else { return }
            var cleared = flags & ~untraced
            if withUnsafeBytes(of: &cleared, { kernel.writeMemory(task.pid, at: args[0], $0) }) {
                out.note(pid: task.pid, t: now, "  nstrace: cleared CLONE_UNTRACED so the child stays traced")
            }
        }
    }

    /// setns's fd as what it refers to: `3<net:[4026532201]>`, `5<pidfd:1234>`.
    func describeNamespaceFD(pid: pid_t, fd: UInt64) -> String {
        let n = Int32(truncatingIfNeeded: fd)
        guard let target = kernel.readLink("/proc/\(pid)/fd/\(n)") else { return String(n) }
        if target == "anon_inode:[pidfd]",
           let info = kernel.readText("/proc/\(pid)/fdinfo/\(n)"),
           let line = ScalarText.lines(info).first(where: { ScalarText.hasPrefix($0, "Pid:") }) {
            let pid = String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(4).filter { $0 != " " && $0 != "\t" }))
            return "\(n)<pidfd:\(pid)>"
        }
        // A namespace file (/proc/N/ns/net, or a bind mount like /run/netns/red):
        // name it by type and inode, as /proc shows namespaces.
        if target.contains(":["), target.hasSuffix("]") { return "\(n)<\(target)>" }
        if let what = kernel.describeNamespaceFile("/proc/\(pid)/fd/\(n)") { return "\(n)<\(what)>" }
        return "\(n)<\(target)>"
    }
}
