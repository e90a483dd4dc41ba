import CBPF
import CShim
import Glibc
import NSCore
import NSLinux
import NSTracer

/// The events of the ring buffer, one by one, as the ptrace loop turns its stops into
/// lines: the same printer calls, record lines and -c rows, and the same namespace notes.
extension BPFTracer: BPFEventHandler {
    func handle(_ raw: UnsafeRawBufferPointer) {
        let e = EventBytes(raw: raw)
        switch e.type {
        case Int(NSB_EV_ENTER): enter(e)
        case Int(NSB_EV_EXIT): exit(e)
        case Int(NSB_EV_FORK): fork(e)
        case Int(NSB_EV_ADOPT): adopt(e)
        case Int(NSB_EV_EXEC): exec(e)
        case Int(NSB_EV_TASK_EXIT): taskExit(e)
        case Int(NSB_EV_SIGNAL): signal(e)
        case Int(NSB_EV_LOST): lost(e)
        case Int(NSB_EV_IDMAP): idmap(e)
        case Int(NSB_EV_COMM): renamed(e)
        default: break
        }
    }

    /// The task an event is of; one not seen yet (its creation was lost) is taken in.
    func task(_ e: EventBytes) -> BPFTask {
        if let t = lastTask, t.pid == e.tid, !t.gone { return t }
        if let t = tasks[e.tid], !t.gone {
            lastTask = t
            return t
        }
        let t = BPFTask(pid: e.tid, tgid: e.tgid, ppid: nil, origin: .unknown)
        tasks[e.tid] = t
        announce(t, snapshot: nil)
        return t
    }

    /// Loads an event's chunks into the memory and files the decoders read.
    func loadChunks(_ e: EventBytes, from offset: Int, count: Int, abi: SyscallABI, task: BPFTask? = nil) {
        memory.reset()
        files.reset()
        files.task = task
        memory.wordSize = abi == .i386 ? 4 : 8
        e.chunks(from: offset, count: count) { c, bytes in EventBytes.load(c, bytes, into: memory, files: files) }
    }

    var fdResolver: FDPathResolver? { files }

    // MARK: syscalls

    func enter(_ e: EventBytes) {
        let task = task(e)
        let abi: SyscallABI = e.u16(28) == 1 ? .i386 : .x86_64
        let nr = Int64(e.u32(24))
        let c = call(nr, abi: abi)
        let t = time(e.ts)
        if task.prelude {
            // The spawned child clears its parent-death signal after its stop: nstrace's call.
            if c.name == "prctl" { task.pending = nil; return }
            task.prelude = false
        }
        if abi != task.abi {
            task.abi = abi
            out.note(pid: task.pid, t: t, "[ Process PID=\(task.pid) runs in \(abi == .i386 ? "32" : "64") bit mode. ]")
        }
        if showsNumbers { out.syscallNumber(pid: task.pid, nr) }
        var args = SyscallArgs((0, 0, 0, 0, 0, 0))
        for i in 0..<6 { args[i] = e.u64(32 + 8 * i) }
        var selected = c.selected && e.flags & Int(NSB_HF_UNSELECTED) == 0
        var entry: DecodedEntry?
        var held: [UInt8]?
        if selected && filtersPaths {
            // -P: as ptrace mode decides it at the entry stop, from what the kernel read.
            loadChunks(e, from: EventBytes.enterSize, count: Int(e.u16(30)), abi: abi, task: task)
            selected = config.paths.matches(name: c.name, abi: abi, classes: c.classes, args: args.normalized(for: abi),
                                            memory: memory, fdPath: { [files] in files.path(ofFD: $0) })
        }
        if selected && needsDecode {
            if !filtersPaths { loadChunks(e, from: EventBytes.enterSize, count: Int(e.u16(30)), abi: abi, task: task) }
            if memory.regions.contains(where: { $0.status == .fault }) {
                // Memory the kernel could not read yet (a page the program had not touched):
                // shown when the call returns, with what the exit read again.
                held = Array(e.raw)
            } else {
                entry = decodeEntry(task, c, args: args, t: t, direct: true)
            }
        }
        // The call a restart_syscall resumes (compared by identity: no String per call).
        if !c.traits.contains(.resumesCall) && task.lastCall !== c {
            task.lastCall = c
            task.lastSyscall = c.name
        }
        task.pending = BPFPending(nr: nr, abi: abi, call: c, args: args, t: t, selected: selected, entry: entry,
                                  caller: task.pid, held: held)
    }

    /// Decodes and shows a call's entry from the memory loaded: straight into the printer's
    /// buffer when it is only printed (`direct`), else as text.
    func decodeEntry(_ task: BPFTask, _ c: BPFCall, args: SyscallArgs, t: Double, direct: Bool) -> DecodedEntry {
        if direct, out.writesDirectly, !c.argumentText {
            return decodeDirect(task, c, args: args, t: t)
        }
        return decodeEntry(task, c, args: args, t: t)
    }

    /// The entry of a held call, decoded now: with the exit's retried reads (`retry`, the
    /// exit event and where its retried chunks start), or without them (the call never
    /// returned).
    func releaseHeld(_ task: BPFTask, retry: (event: EventBytes, from: Int, count: Int)?) {
        guard var p = task.pending, let held = p.held else { return }
        p.held = nil
        held.withUnsafeBytes { raw in
            let e = EventBytes(raw: raw)
            loadChunks(e, from: EventBytes.enterSize, count: Int(e.u16(30)), abi: p.abi, task: task)
            var area: UnsafeRawBufferPointer?, execfn: UnsafeRawBufferPointer?
            if let r = retry {
                var k = 0
                r.event.chunks(from: r.from, count: r.count) { c, bytes in
                    if k >= r.count - Int(r.event.u16(40)) {
                        switch Int(c.kind) {
                        case Int(NSB_CHUNK_ARGAREA): if Int(c.status) == Int(NSB_ST_OK) { area = bytes }
                        case Int(NSB_CHUNK_EXECFN): if Int(c.status) == Int(NSB_ST_OK) { execfn = bytes }
                        default: EventBytes.load(c, bytes, into: memory, files: files)
                        }
                    }
                    k += 1
                }
            }
            if area != nil || execfn != nil { addExecStrings(p, area: area, execfn: execfn) }
            p.entry = decodeEntry(task, p.call, args: p.args, t: p.t, direct: false)
        }
        task.pending = p
    }

    /// After an execve that succeeded, whose entry could not read all its strings: the
    /// strings as the kernel copied them into the new image (CapturedMemory.lendExecCopies).
    func addExecStrings(_ p: BPFPending, area: UnsafeRawBufferPointer?, execfn: UnsafeRawBufferPointer?) {
        let execveat = p.call.name == "execveat"
        memory.lendExecCopies(call: p.call.name, dirfd: execveat ? Int64(Int32(truncatingIfNeeded: p.args[0])) : -100,
                              filename: p.args[execveat ? 1 : 0], argv: p.args[execveat ? 2 : 1],
                              word: p.abi == .i386 ? 4 : 8, area: area, execfn: execfn, areaLimit: Int(NSB_CHUNK_MAX))
    }

    /// A call only printed: written straight into the printer's buffer (what the kernel
    /// could not read marked in the text written).
    func decodeDirect(_ task: BPFTask, _ c: BPFCall, args: SyscallArgs, t: Double) -> DecodedEntry {
        memory.forgetMisses()
        let written = out.syscallEntered(pid: task.pid, t: t, name: c.name) { out in
            let start = out.count
            let entry = decoder.writeEntry(c.decoding, args: args, memory: memory, fds: fdResolver, to: &out)
            if !memory.misses.isEmpty {
                let misses = memory.misses
                out.rewrite(from: start) { CapturedMemory.markUncaptured($0, misses: misses) }
            }
            return entry
        }
        // Some subscriber shows lines (writesDirectly), so one wrote them and gave the entry.
        return written ?? decoder.decodeEntry(c.decoding, args: args, memory: memory, fds: fdResolver)
    }

    func decodeEntry(_ task: BPFTask, _ c: BPFCall, args: SyscallArgs, t: Double) -> DecodedEntry {
        memory.forgetMisses()
        var decoded = decoder.decodeEntry(c.decoding, args: args, memory: memory, fds: fdResolver)
        if !memory.misses.isEmpty {
            let unshown = CapturedMemory.mark(&decoded.args, misses: memory.misses)
            if let m = unshown.first, !decoded.args.isEmpty {
                decoded.args[decoded.args.count - 1] += CapturedMemory.note(cut: m.cut)
            }
        }
        if c.name == "setns", !decoded.args.isEmpty {
            let fd = Int64(Int32(truncatingIfNeeded: args[0]))
            if let what = files.path(ofFD: fd) { decoded.args[0] = "\(fd)<\(what)>" }
        }
        if task.nsPids.count > 1, c.traits.contains(.takesPid) {
            for i in decoded.pidArgumentPositions where i < decoded.args.count {
                if let v = Int64(decoded.args[i]), let outer = translatedPid(task, v) {
                    decoded.args[i] += PidNamespaceIndex.comment(outer)
                }
            }
        }
        if c.traits.contains(.resumesCall) {
            let resumed = task.lastSyscall.map { "<... resuming interrupted \($0) ...>" } ?? "<... resuming interrupted call ...>"
            decoded = DecodedEntry(name: c.name, args: [resumed], deferredFrom: 1, argCount: 1)
        }
        out.syscallEntered(pid: task.pid, t: t, name: c.name, entry: decoded)
        return decoded
    }

    func exit(_ e: EventBytes) {
        if e.flags & Int(NSB_HF_NO_ENTRY) != 0 {
            exitWithoutEntry(task(e), e)
            return
        }
        let task: BPFTask
        if let t = lastTask, t.pid == e.tid { task = t } else if let t = tasks[e.tid] { task = t } else { return }
        guard !task.gone, task.pending != nil else { return }
        lastTask = task
        let ret = e.i64(32)
        let t = time(e.ts)
        let failed = ret < 0 && ret >= -4095
        var offset = EventBytes.exitSize
        var after: (set: NamespaceSet, nspid: [Int32], chain: [UInt64])?
        if e.flags & Int(NSB_HF_NS) != 0 {
            after = e.namespaces(at: offset)
            offset += EventBytes.nsSize
        }
        if task.pending?.held != nil { releaseHeld(task, retry: (e, offset, Int(e.u16(30)))) }
        guard let p = task.pending.take() else { return }
        if !zombies.isEmpty, !failed { reaped(by: task, p.call.name, ret: ret) }
        defer {
            if let after, !failed { namespacesAfter(task, p, after, t: t) }
            flushChildNotes(task, t: t)
        }
        guard p.selected, needsDecode else {
            if p.selected && out.needs.contains(.counts) { out.syscallCounted(name: p.call.name, failed: failed, duration: t - p.t) }
            return
        }
        loadChunks(e, from: offset, count: Int(e.u16(30)), abi: p.abi, task: task)
        memory.forgetMisses()
        if out.writesDirectly, let entry = p.entry, !p.call.argumentText {
            // Only printed: straight into the printer's buffer.
            var x = decoder.exit(entry, abi: p.abi, args: p.args, rval: ret, isError: failed, memory: memory, fds: fdResolver)
            let mem = memory
            out.syscallExited(pid: task.pid, t: t, name: p.call.name, failed: failed, duration: t - p.t,
                                  writingArguments: { out in
                                      let start = out.count
                                      x.writeArguments(to: &out)
                                      if !mem.misses.isEmpty {
                                          let misses = mem.misses
                                          out.rewrite(from: start) { CapturedMemory.markUncaptured($0, misses: misses) }
                                      }
                                  },
                                  result: { out in
                                      mem.forgetMisses()
                                      let start = out.count
                                      x.writeResult(to: &out)
                                      if !mem.misses.isEmpty {
                                          let misses = mem.misses
                                          out.rewrite(from: start) { CapturedMemory.markUncaptured($0, misses: misses) }
                                      }
                                  })
            dumpIO(task, p, ret: ret, failed: failed)
            return
        }
        var event = SyscallEvent(pid: p.caller, t: p.t, name: p.call.name, nr: p.nr, abi: p.abi, args: [],
                                 ret: ret, errno: nil, retText: "", duration: t - p.t, params: SyscallParams([]))
        var deferredFrom = 0
        var completion: ArgCompletion?
        if let entry = p.entry {
            memory.forgetMisses()
            let x = decoder.decodeExit(entry, abi: p.abi, args: p.args, rval: ret, isError: failed, memory: memory, fds: fdResolver)
            event.args = x.args
            event.retText = x.ret
            completion = x.completion
            if !memory.misses.isEmpty {
                // What the exit decoded: its arguments (a continuation of one shown at
                // entry too, apart from that one's entry part) and the result.
                var args = x.completion?.split(event.args) ?? event.args
                let from = x.completion.map { $0.index + 1 } ?? entry.args.count
                var texts = Array(args[from...]) + [event.retText]
                let unshown = CapturedMemory.mark(&texts, misses: memory.misses)
                if let m = unshown.first { texts[texts.count - 1] += CapturedMemory.note(cut: m.cut) }
                event.retText = texts.removeLast()
                args.replaceSubrange(from..., with: texts)
                event.args = x.completion?.join(args) ?? args
            }
            event.errno = x.errnoName
            event.params = SyscallParams(x.params)
            event.retValue = x.typedReturn
            deferredFrom = entry.deferredFrom
        } else {
            event.retText = String(ret)
            if failed { event.errno = ErrnoNames.name(Int32(-ret)) }
        }
        if failed { event.ret = -1 }
        var shown: SyscallEvent?
        if !(event.pid == task.pid && (failed || task.nsPids.count < 2 || !p.call.traits.contains(.returnsPid))) {
            var s = event
            s.pid = task.pid
            if !failed, p.call.traits.contains(.returnsPid), let outer = translatedPid(task, ret) {
                s.retText += PidNamespaceIndex.comment(outer)
            }
            shown = s
        }
        if let c = completion {
            // The line shown goes on from the entry's part of that argument.
            var s = shown ?? event
            s.args = c.split(s.args)
            shown = s
        }
        out.syscallExited(event, shown: shown, deferredFrom: deferredFrom)
        dumpIO(task, p, ret: ret, failed: failed)
    }

    /// -e read= / -e write=: the data under the call's line, from what the exit read (the
    /// capture table's extra reads, IODump.capturePlan); what it did not read is said.
    func dumpIO(_ task: BPFTask, _ p: BPFPending, ret: Int64, failed: Bool) {
        guard !config.ioDump.isEmpty, out.showsText else { return }
        memory.forgetMisses()
        var text = config.ioDump.text(name: p.call.name, pid: task.pid, abi: p.abi, args: p.args.normalized(for: p.abi),
                                      ret: ret, failed: failed, memory: memory)
        if let m = memory.misses.first {
            // As strace says a buffer it cannot read (` | <Cannot fetch ...>`).
            text += " | <not captured\(m.cut ? ": over the capture limit" : "") @0x\(String(m.address, radix: 16))>\n"
        }
        if !text.isEmpty { out.ioDump(text) }
    }

    /// A call that will never return (exit_group, a task killed inside one).
    func abandonPending(_ task: BPFTask) {
        if task.pending?.held != nil { releaseHeld(task, retry: nil) }
        guard let p = task.pending else { return }
        task.pending = nil
        guard p.selected else { return }
        let event = SyscallEvent(pid: p.caller, t: p.t, name: p.call.name, nr: p.nr, abi: p.abi,
                                 args: p.entry?.args ?? [], ret: nil, errno: nil, retText: "?", duration: nil,
                                 params: SyscallParams(p.entry?.params ?? []))
        out.syscallAbandoned(event)
    }

    // MARK: tasks

    func fork(_ e: EventBytes) {
        let snapshot = e.namespaces(at: EventBytes.headerSize + 16)
        let parentPid = e.i32(24)
        let followedParent = e.flags & Int(NSB_HF_UNFOLLOWED_PARENT) == 0
        let parent = parentPid > 0 && followedParent ? tasks[parentPid] : nil
        let isThread = e.u64(32) & 0x10000 != 0
        var via: TaskOrigin = isThread ? .clone : .fork
        if let p = parent?.pending {
            switch p.call.name {
            case "clone3": via = .clone3
            case "clone": via = .clone
            case "fork": via = .fork
            case "vfork": via = .vfork
            default: break
            }
        } else if e.u32(28) != UInt32.max {
            let name = names.name(Int64(e.u32(28)), abi: parent?.abi ?? .x86_64)
            via = TaskOrigin(rawValue: name) ?? via
        }
        if let old = tasks[e.tid], !old.gone { return }
        // Interrupted: the tree is being killed, and a task made just now with it.
        if killing { _ = ns_kill(e.tid, SIGKILL) }
        let child = BPFTask(pid: e.tid, tgid: e.tgid, ppid: parentPid > 0 ? parentPid : nil, origin: via)
        child.comm = e.cString(at: EventBytes.headerSize + 16 + EventBytes.nsSize, max: 16)
        tasks[e.tid] = child
        announce(child, snapshot: snapshot)
    }

    /// A task --container or --cgroup took in when it first saw it.
    func adopt(_ e: EventBytes) {
        if let old = tasks[e.tid], !old.gone { return }
        let snapshot = e.namespaces(at: EventBytes.headerSize + 8)
        let ppid = e.i32(24)
        let t = BPFTask(pid: e.tid, tgid: e.tgid, ppid: ppid > 0 ? ppid : nil, origin: .attached)
        t.comm = e.cString(at: EventBytes.headerSize + 8 + EventBytes.nsSize, max: 16)
        tasks[e.tid] = t
        announce(t, snapshot: snapshot)
    }

    /// -Y: a wait that returned reaped its child: no name for it from now on (ptrace mode
    /// finds no /proc/PID/comm then). wait4 says which; waitid's is in its siginfo, so
    /// each of the task's children that ended goes.
    func reaped(by task: BPFTask, _ call: String, ret: Int64) {
        switch call {
        case "wait4", "waitpid": if ret > 0 { zombies[Int32(truncatingIfNeeded: ret)] = nil }
        case "waitid": zombies = zombies.filter { $0.value.parent != task.tgid }
        default: break
        }
    }

    /// -Y: a followed task's new name (exec, PR_SET_NAME, its comm file written).
    func renamed(_ e: EventBytes) {
        guard let task = tasks[e.tid], !task.gone else { return }
        task.comm = e.cString(at: EventBytes.headerSize, max: 16)
        out.taskComm(task.pid, task.comm)
    }

    /// -Y: the name of process `pid` as a followed task's calls name it: a followed task's
    /// as the kernel told it, another's from /proc now, only when the tracee sees nstrace's
    /// pids (in another pid namespace `pid` names another process), none for one gone.
    func comm(ofProcess pid: Int32, for task: BPFTask?) -> [UInt8]? {
        guard pid > 0, let own = ProcFS.ownPidNamespaceInode, task?.ns[.pid] == own else { return nil }
        if let t = tasks[pid], !t.gone { return t.comm }
        if let z = zombies[pid] { return z.comm }
        return ProcFS.comm(pid)
    }

    /// A task is followed: its task line with the namespaces it is in, its pid label in a
    /// nested pid namespace, and for a new task the namespaces it was created in that are
    /// not its parent's (under the parent's clone line).
    func announce(_ task: BPFTask, snapshot: (set: NamespaceSet, nspid: [Int32], chain: [UInt64])?) {
        let t = now
        if let s = snapshot {
            task.ns = s.set
            task.nsPids = s.nspid
            task.pidNsChain = s.chain
        } else {
            // Started or attached by nstrace: read from /proc (the programs had no event yet).
            task.ns = NamespaceReader.read(task.pid)
            task.nsPids = NamespaceReader.nsPids(task.pid)
            if task.nsPids.count > 1 {
                task.pidNsChain = NamespaceReader.pidNamespaceChain(task.pid, levels: task.nsPids.count)
            }
        }
        if task.nsPids.isEmpty { task.nsPids = [task.pid] }
        if task.nsPids.count > 1 { indexPids(task) }
        out.tasksFollowed(max(1, tasks.values.filter { !$0.gone }.count))
        out.taskAppeared(TaskEvent(pid: task.pid, tgid: task.tgid, ppid: task.ppid,
                                   via: task.origin, t: t, ns: task.ns, nspid: task.nsPids))
        if config.decode.pidComm {
            zombies[task.pid] = nil
            // Started or attached by nstrace, or first seen by a call: read now.
            if task.comm == nil { task.comm = ProcFS.comm(task.pid) }
            out.taskComm(task.pid, task.comm)
        }
        let parent = task.ppid.flatMap { tasks[$0] }
        if let parent {
            let changes = out.creationTransitions(
                pid: task.pid, t: t, via: task.origin, parent: parent.ns, child: task.ns,
                call: parent.pending?.entry.map { StraceTextPrinter.entryText(name: $0.name, entry: $0) })
            if !changes.isEmpty {
                if showNotes {
                    if parent.pending?.selected == true {
                        parent.childNotes.append((task.pid, NamespaceEffects.annotation(changes)))
                    } else {
                        out.note(pid: task.pid, t: t, NamespaceEffects.annotation(changes))
                    }
                }
                if changes.contains(where: { $0.kind == .user }) { enteredUserNamespace(task) }
            }
        }
    }

    var showNotes: Bool { config.namespaceNotes && out.showsText }

    func flushChildNotes(_ task: BPFTask, t: Double) {
        guard !task.childNotes.isEmpty else { return }
        for n in task.childNotes { out.note(pid: n.pid, t: t, n.text) }
        task.childNotes = []
    }

    /// The exit of a call that changed the task's namespaces, whose entry was lost (said
    /// already, as a loss): no line, but the transition, with the call as its cause. (A
    /// task whose start was lost too is taken in: its namespaces are known from here on.)
    func exitWithoutEntry(_ task: BPFTask, _ e: EventBytes) {
        guard e.flags & Int(NSB_HF_NS) != 0 else { return }
        let abi: SyscallABI = e.u16(28) == 1 ? .i386 : .x86_64
        namespacesAfter(task, unseen: Int64(e.u32(24)), abi: abi, e.namespaces(at: EventBytes.exitSize), t: time(e.ts))
    }

    /// After a call nstrace saw no entry of (the kernel told the namespaces alone): the
    /// transition with that call as its cause, `name(...)`.
    func namespacesAfter(_ task: BPFTask, unseen nr: Int64, abi: SyscallABI,
                         _ s: (set: NamespaceSet, nspid: [Int32], chain: [UInt64]), t: Double) {
        let p = BPFPending(nr: nr, abi: abi, call: call(nr, abi: abi), args: SyscallArgs((0, 0, 0, 0, 0, 0)),
                           t: t, selected: false, entry: nil, caller: task.pid, held: nil)
        namespacesAfter(task, p, s, t: t)
    }

    /// After a call that can move a task to other namespaces: the kernel's snapshot at its
    /// exit against what the task had.
    func namespacesAfter(_ task: BPFTask, _ p: BPFPending, _ s: (set: NamespaceSet, nspid: [Int32], chain: [UInt64]), t: Double) {
        let changes = task.ns.changes(to: s.set)
        task.ns = s.set
        guard !changes.isEmpty else { return }
        let call: String
        if let entry = p.entry, p.selected {
            call = StraceTextPrinter.entryText(name: p.call.name, entry: DecodedEntry(
                name: p.call.name, args: entry.args, deferredFrom: entry.args.count, argCount: entry.args.count)) + ")"
        } else {
            call = p.call.name + "(...)"
        }
        for c in changes {
            out.event(.namespace(NamespaceEvent(pid: task.pid, t: t, kind: c.kind, from: c.from,
                                                to: c.to, cause: p.call.name, call: call)))
        }
        if showNotes { out.note(pid: task.pid, t: t, NamespaceEffects.annotation(changes)) }
        if changes.contains(where: { $0.kind == .user }) { enteredUserNamespace(task) }
    }

    func exec(_ e: EventBytes) {
        let pid = e.tid
        let former = e.i32(24)
        let t = time(e.ts)
        let snapshot = e.namespaces(at: EventBytes.headerSize + 8)
        loadChunks(e, from: EventBytes.headerSize + 8 + EventBytes.nsSize, count: Int(e.u16(28)), abi: .x86_64)
        let filename = files.path(ofFD: 0)
        if former != pid, let thread = tasks[former], !thread.gone {
            // A non-leader thread exec'd: the leader is superseded, the thread goes on as it.
            if let leader = tasks[pid] {
                abandonPending(leader)
                let superseded = ExitEvent(pid: pid, t: t, supersededBy: former)
                out.event(.exit(superseded))
                leader.gone = true
                leader.heldExit = nil
            }
            tasks[former] = nil
            thread.pid = pid
            thread.tgid = pid
            tasks[pid] = thread
            out.syscallMoved(from: former, to: pid)
            if config.decode.pidComm { out.taskComm(pid, thread.comm) }
            out.tasksFollowed(max(1, tasks.values.filter { !$0.gone }.count))
        }
        let cur = tasks[pid] ?? task(e)
        cur.prelude = false
        // The namespaces after the exec come with the execve's exit (as ptrace reads them then),
        // except with the calls' own tracepoints when execve and execveat are not selected:
        // they are not attached (ownTracepointCalls), and the exec's (a time namespace the
        // task unshared takes effect at its exec) are taken from here.
        out.event(.exec(ExecEvent(pid: pid, formerPid: former, t: t, filename: filename)))
        if usesOwnTracepoints, !(cur.pending?.call.traits.contains(.replacesProgram) ?? false),
           let nr = names.number("execve") {
            namespacesAfter(cur, unseen: nr, abi: .x86_64, snapshot, t: t)
        }
        if !snapshot.nspid.isEmpty {
            cur.nsPids = snapshot.nspid
            cur.pidNsChain = snapshot.chain
        }
    }

    func taskExit(_ e: EventBytes) {
        guard let task = tasks[e.tid], !task.gone else { return }
        let status = e.i32(24)
        let t = time(e.ts)
        let ev: ExitEvent
        if status & 0x7f == 0 {
            ev = ExitEvent(pid: task.pid, t: t, code: (status >> 8) & 0xff)
        } else {
            ev = ExitEvent(pid: task.pid, t: t, signal: SignalNames.name(status & 0x7f), coreDumped: status & 0x80 != 0)
        }
        // A leader with threads left is reported when they are gone (as ptrace does).
        if task.pid == task.tgid, tasks.values.contains(where: { !$0.gone && $0.tgid == task.tgid && $0.pid != task.pid }) {
            abandonPending(task)
            task.heldExit = ev
            return
        }
        ended(task, ev)
        // The last thread of a group whose leader is held: the leader now.
        if task.pid != task.tgid, let leader = tasks[task.tgid], let held = leader.heldExit,
           !tasks.values.contains(where: { !$0.gone && $0.tgid == task.tgid && $0.pid != task.tgid }) {
            leader.heldExit = nil
            ended(leader, ExitEvent(pid: leader.pid, t: t, code: held.code, signal: held.signal, coreDumped: held.coreDumped))
        }
    }

    func ended(_ task: BPFTask, _ e: ExitEvent) {
        abandonPending(task)
        task.gone = true
        if config.decode.pidComm, task.pid == task.tgid { zombies[task.pid] = (task.comm, task.ppid) }
        if task.pid == initialPid && initialStatus == nil, isStarted {
            if let code = e.code { initialStatus = code }
            if let sig = e.signal { initialStatus = 128 + (SignalNames.number(sig) ?? 0) }
        }
        if task.pid == (anchorPid != 0 ? anchorPid : initialPid) { watchedEnd = e }
        if task.lostExit {
            out.taskGone(e)
        } else {
            out.event(.exit(e))
        }
        out.tasksFollowed(max(1, tasks.values.filter { !$0.gone }.count))
        tasks[task.pid] = nil
    }
}
