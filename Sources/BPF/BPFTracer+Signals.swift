import CBPF
import Glibc
import NSCore
import NSLinux
import NSTracer

// The events that are not a syscall's or a task's life (BPFTracer+Events.swift): signals,
// losses, writes to id maps, and the pid namespaces' index they need.

extension BPFTracer {
    // MARK: signals, losses, id maps

    func signal(_ e: EventBytes) {
        guard let task = tasks[e.tid], !task.gone else { return }
        let sig = e.i32(24)
        let flags = Int(e.u32(28))
        let handler = e.u64(32)
        if task.prelude && sig == SIGCONT { return }   // nstrace's own SIGCONT to the started command
        // ptrace never stops a task for SIGKILL (strace shows only `+++ killed by SIGKILL +++`),
        // and the kernel delivers it without a siginfo to read.
        if sig == SIGKILL { return }
        var si = EventBytes.sigInfo(e, at: 40)
        if flags & Int(NSB_SIG_NOINFO) != 0 {
            si = SigInfo()
            si.signo = sig
            si.code = 0   // SI_USER
            si.pid = e.i32(88)
            si.uid = e.u32(92)
        } else if flags & Int(NSB_SIG_PRIV) != 0 {
            si = SigInfo()
            si.signo = sig
            si.code = 0x80   // SI_KERNEL
        }
        files.task = task
        // si_pid is in the receiver's pid namespace: which task it is here is said after it.
        let text = SigInfoFormat.format(si, style: config.decode.style,
                                        pid: SigInfoFormat.pidShown(comm: config.decode.pidComm ? files : nil) { [self] in
                                            translatedPid(task, Int64($0))
                                        })
        let t = time(e.ts)
        emitSignal(SignalEvent(pid: task.pid, t: t, signal: SignalNames.name(sig), info: text, stopped: false))
        if flags & Int(NSB_SIG_IGNORED) == 0, handler == 0, [SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU].contains(sig) {
            emitSignal(SignalEvent(pid: task.pid, t: t, signal: SignalNames.name(sig), info: nil, stopped: true))
        }
    }

    func emitSignal(_ e: SignalEvent) {
        out.event(.signal(e))
    }

    func lost(_ e: EventBytes) {
        let count = e.u64(24)
        let from = time(e.u64(32)), to = time(e.u64(40))
        lostReported += count
        let ev = LostEvent(pid: e.tid, t: time(e.ts), count: count, from: from, to: to, reason: .ringBufferFull)
        out.event(.lost(ev))
        // A call whose exit was lost ends here, as one that never returned.
        if let task = tasks[e.tid], task.pending != nil {
            out.syscallLost(pid: task.pid, t: ev.t)
            abandonPending(task)
        }
    }

    func idmap(_ e: EventBytes) {
        guard let task = tasks[e.tid], !task.gone else { return }
        var names: (file: String, directory: String)?
        var data = ""
        e.chunks(from: EventBytes.headerSize + 8, count: Int(e.u16(24))) { c, bytes in
            if Int(c.kind) == Int(NSB_CHUNK_NAMES) { names = EventBytes.names(bytes) }
            else if Int(c.kind) == Int(NSB_CHUNK_MEM) && Int(c.status) == Int(NSB_ST_OK) { data = String(decoding: bytes, as: UTF8.self) }
        }
        guard let names, let write = IDMapWrite(directory: names.directory, file: names.file) else { return }
        if usesOwnTracepoints, !idMapsShown.insert(idMapKey(write)).inserted { return }
        show(write, data: data, by: task, t: time(e.ts))
    }

    /// An id map written (or read from /proc, write.target's): the record's event and the note.
    func show(_ write: IDMapWrite, data: String, by task: BPFTask, t: Double) {
        out.event(.idmap(IDMapEvent(pid: task.pid, t: t, target: write.target, file: write.file, data: data)))
        if showNotes { out.note(pid: task.pid, t: t, write.note(data: data)) }
    }

    /// A task is in a user namespace of its own. With the calls' own tracepoints, writes are
    /// looked at for id maps only from now on (the raw ones look at every write already), and
    /// what was written before that began is read from /proc: a map is written once, so
    /// either the read or the writes seen show it (docs/bpf.md).
    func enteredUserNamespace(_ task: BPFTask) {
        sawNewUserNamespace = true
        guard usesOwnTracepoints, let session else { return }
        session.watchIDMaps()
        for file in ["setgroups", "uid_map", "gid_map"] {
            // The kernel's table (`         0       1000          1`) as such a map is written.
            guard let text = ProcFS.readText("/proc/\(task.pid)/\(file)") else { continue }
            let data = ScalarText.lines(text).map { ScalarText.split($0, " ").joined(separator: " ") }
                .filter { !$0.isEmpty }.joined(separator: "\n")
            guard !data.isEmpty, file != "setgroups" || data == "deny" else { continue }
            let write = IDMapWrite(target: task.pid, file: file)
            guard idMapsShown.insert(idMapKey(write)).inserted else { continue }
            show(write, data: data, by: task, t: now)
        }
    }

    /// A map is its user namespace's: the same whichever of its tasks' /proc directory it
    /// was written or read through.
    func idMapKey(_ write: IDMapWrite) -> String {
        let owner = tasks[write.target]?.ns[.user].map { "user:\($0)" } ?? "pid:\(write.target)"
        return "\(owner) \(write.file)"
    }

    // MARK: pid namespaces

    func translatedPid(_ task: BPFTask, _ ret: Int64) -> Int32? {
        pidIndex.outer(ret, nsPids: task.nsPids, chain: task.pidNsChain)
    }

    func indexPids(_ task: BPFTask) {
        pidIndex.add(task.pid, nsPids: task.nsPids, chain: task.pidNsChain)
    }
}
