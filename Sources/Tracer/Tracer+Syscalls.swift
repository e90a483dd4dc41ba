import CShim
import Glibc
import NSCore
import NSLinux

/// Syscall stops: one PTRACE_GET_SYSCALL_INFO per stop, decoded into the printer's buffer,
/// the record and the summary; namespace checks after the calls that can change them.
extension TraceLoop {
    func syscallStop(_ task: TaskState) {
        let pid = task.pid
        guard let info = kernel.syscallInfo(pid) else {
            restart(pid)
            return
        }
        switch info.op {
        case NS_SYSCALL_INFO_ENTRY:
            let abi: SyscallABI = info.arch == NS_AUDIT_ARCH_I386 ? .i386 : .x86_64
            if task.prelude {
                // The spawned child clears its parent-death signal after its stop
                // (ns_child_prelude): nstrace's call, not the command's. The prelude ends
                // at the next call: the execve, or a container's first set-up step.
                if names.name(Int64(bitPattern: info.nr), abi: abi) == "prctl" { break }
                task.prelude = false
            }
            syscallEntry(task, info)
        case NS_SYSCALL_INFO_EXIT:
            syscallExit(task, info)
            if task.injectSignal != 0 {
                let sig = task.injectSignal
                task.injectSignal = 0
                return restart(pid, signal: sig)
            }
        default:
            break
        }
        restart(pid)
    }

    func syscallEntry(_ task: TaskState, _ info: ns_syscall_info) {
        let abi: SyscallABI = info.arch == NS_AUDIT_ARCH_I386 ? .i386 : .x86_64
        if abi != task.abi {
            task.abi = abi
            out.note(pid: task.pid, t: now,
                     "[ Process PID=\(task.pid) runs in \(abi == .i386 ? "32" : "64") bit mode. ]")
        }
        let nr = Int64(bitPattern: info.nr)
        let call = calls.info(nr, abi: abi)
        let name = call.name
        var args = SyscallArgs(info.args)
        if SignalFrame.isSigreturn(nr, abi: abi) {
            args[0] = SignalFrame.maskAddress(stackPointer: info.stack_pointer, abi: abi)
        }
        var selected = config.filter.selectsAll || config.filter.selects(name, classes: call.classes)
        if selected && !config.paths.isEmpty {
            let fds = kernel.fdResolver(task.pid)
            selected = config.paths.matches(name: name, abi: abi, classes: call.classes, args: args.normalized(for: abi),
                                            memory: kernel.memory(task.pid), fdPath: { fds.path(ofFD: $0) })
        }
        // -e inject=: only calls shown are changed, as strace (a call -e trace= leaves out is
        // not "traced"); poke_enter= writes before the call is shown.
        let injection = config.injections.isEmpty || !selected ? nil : injection(task, name: name, classes: call.classes)
        if let injection { poke(task, injection, args: args, atExit: false) }
        let t = clock
        out.syscallNumber(pid: task.pid, nr)
        var entry: DecodedEntry?
        if selected && needsDecode, printsDirectly(argumentText: call.argumentText) {
            entry = out.syscallEntered(pid: task.pid, t: t, name: name) { buffer in
                decoder.writeEntry(call.decoding, args: args, memory: kernel.memory(task.pid),
                                   fds: fdResolver(task.pid), to: &buffer)
            }
        } else if selected && needsDecode {
            var decoded = decoder.decodeEntry(call.decoding, args: args,
                                              memory: kernel.memory(task.pid), fds: fdResolver(task.pid))
            if name == "setns", !decoded.args.isEmpty {
                decoded.args[0] = describeNamespaceFD(pid: task.pid, fd: args[0])
            }
            if task.nsPids.count > 1, call.traits.contains(.takesPid) {
                // The arguments of type pid (in the order shown).
                for i in decoded.pidArgumentPositions where i < decoded.args.count {
                    if let v = Int64(decoded.args[i]), let outer = translatedPid(task, v) {
                        decoded.args[i] += PidNamespaceIndex.comment(outer)
                    }
                }
            }
            if call.traits.contains(.resumesCall) {
                // As strace: say which call the kernel restarts.
                let resumed = task.lastSyscall.map { "<... resuming interrupted \($0) ...>" } ?? "<... resuming interrupted call ...>"
                decoded = DecodedEntry(name: name, args: [resumed], deferredFrom: 1, argCount: 1)
            }
            entry = decoded
            out.syscallEntered(pid: task.pid, t: t, name: name, entry: decoded)
        }
        if !call.traits.contains(.resumesCall) && task.lastSyscall != name { task.lastSyscall = name }
        if config.follow && call.traits.contains(.takesCloneFlags) { keepTraced(task, name: name, abi: abi, args: args) }
        task.pending = PendingSyscall(nr: nr, abi: abi, name: name, args: args, t: t,
                                      selected: selected, entry: entry, caller: task.pid, traits: call.traits,
                                      argumentText: call.argumentText)
        if let injection { inject(task, injection) }
    }

    /// After the result of a call nstrace changed, as strace: its result (` (INJECTED)`), the
    /// memory its arguments point at (`args`), or both.
    static func injectedNote(_ p: PendingSyscall) -> String {
        p.injected ? (p.poked ? " (INJECTED: args, retval)" : " (INJECTED)") : (p.poked ? " (INJECTED: args)" : "")
    }

    /// -e inject= / -e fault=: the first rule whose set has the call, if its when= picks this
    /// one of the task's calls of it.
    func injection(_ task: TaskState, name: String, classes: SyscallClasses) -> Injection? {
        guard let rule = config.injections.first(where: { $0.filter.selects(name, classes: classes) }) else { return nil }
        let n = (task.injectCounts[name] ?? 0) + 1
        task.injectCounts[name] = n
        return rule.applies(toCall: n) ? rule : nil
    }

    /// The rule's pokes at entry or exit: its bytes where the arguments point.
    func poke(_ task: TaskState, _ rule: Injection, args: SyscallArgs, atExit: Bool) {
        for poke in rule.pokes where poke.atExit == atExit && poke.arg < 6 {
            let ok = poke.bytes.withUnsafeBytes { kernel.writeMemory(task.pid, at: args[poke.arg], $0) }
            if ok { task.poked = true }
        }
    }

    /// The rest of the rule at entry: the call is not made (its number becomes -1) and
    /// returns the rule's value; a signal is given as it returns; pokes wait for the exit.
    func inject(_ task: TaskState, _ rule: Injection) {
        if task.poked { task.pending?.poked = true }
        task.poked = false
        if let result = rule.result, kernel.skipSyscall(task.pid, returning: result) { task.pending?.injected = true }
        if let sig = rule.signal { task.injectSignal = sig }
        if rule.pokes.contains(where: \.atExit) { task.pending?.pokesAtExit = rule }
    }

    /// A call that is only printed (no record, and the loop needs no text of it) is
    /// decoded straight into the printer's buffer, without a String per argument.
    func printsDirectly(argumentText: Bool) -> Bool {
        direct && !argumentText
    }

    /// The time of a syscall stop, when something shows or records it (-t, -T, -c, a
    /// record); 0 otherwise (a full trace to a file reads the clock twice per call less).
    var clock: Double {
        out.needs.contains(.time) ? now : 0
    }

    /// Calls after which a task's command name may differ: execve, execveat and
    /// prctl(PR_SET_NAME).
    static func changesComm(_ name: String, _ args: SyscallArgs) -> Bool {
        name == "execve" || name == "execveat" || (name == "prctl" && args[0] & 0xffff_ffff == 15)
    }

    /// seccomp(SECCOMP_SET_MODE_FILTER, ...) or prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ...).
    static func installsFilter(_ name: String, _ args: SyscallArgs) -> Bool {
        (name == "seccomp" && args[0] == 1) || (name == "prctl" && args[0] == 22 && args[1] == 2)
    }

    func syscallExit(_ task: TaskState, _ info: ns_syscall_info) {
        guard var p = task.pending.take() else { return } // attached mid-syscall
        if let rule = p.pokesAtExit {
            // -e inject=...:poke_exit=: written before the exit is shown.
            poke(task, rule, args: p.args, atExit: true)
            if task.poked { p.poked = true }
            task.poked = false
        }
        if config.decode.pidComm, info.is_error == 0, Self.changesComm(p.name, p.args) {
            // -Y: the name its lines show from this exit on (strace's COMM_CHANGE calls).
            out.taskComm(task.pid, kernel.comm(task.pid))
        }
        if seccompMode, info.is_error == 0, Self.installsFilter(p.name, p.args) {
            // From now on the command's filter may answer calls before nstrace's sees them.
            // A filter may be synced to every thread (SECCOMP_FILTER_FLAG_TSYNC): all of
            // them, and the tasks they make, are stopped at every call from here on.
            for t in tasks.values where t.tgid == task.tgid { t.ownFilter = true }
        }
        if let unwinder, p.traits.contains(.changesMemoryMap) { unwinder.remapped(process: task.tgid, call: p.name, args: p.args) }
        guard p.selected, needsDecode else {
            // Not shown (not selected, or -c alone: then a row of the table), but
            // namespaces and id maps are still followed.
            let failed = info.is_error != 0
            if p.selected && out.needs.contains(.counts) { out.syscallCounted(name: p.name, failed: failed, duration: now - p.t) }
            if !failed && p.traits.contains(.changesNamespaces) {
                checkNamespaces(task, cause: p.name, call: p.name + "(...)", traits: p.traits, args: p.args, t: now)
            }
            if sawNewUserNamespace, !failed, p.traits.contains(.writesBuffer) {
                checkIDMapWrite(task, p, ret: info.rval, t: now)
            }
            flushChildNotes(task, t: now)
            return
        }
        let t = clock
        if let entry = p.entry, printsDirectly(argumentText: p.argumentText) {
            printExit(task, p, entry, info, t: t)
            flushChildNotes(task, t: t)
            if sawNewUserNamespace, info.is_error == 0, p.traits.contains(.writesBuffer) {
                checkIDMapWrite(task, p, ret: info.rval, t: t)
            }
            return
        }
        var event = SyscallEvent(pid: p.caller, t: p.t, name: p.name, nr: p.nr, abi: p.abi, args: [],
                                 ret: info.rval, errno: nil, retText: "", duration: t - p.t, params: SyscallParams([]))
        var deferredFrom = 0
        var completion: ArgCompletion?
        if let entry = p.entry {
            let exit = decoder.decodeExit(entry, abi: p.abi, args: p.args, rval: info.rval,
                                          isError: info.is_error != 0,
                                          memory: kernel.memory(task.pid), fds: fdResolver(task.pid))
            event.args = exit.args
            event.retText = exit.ret
            event.errno = exit.errnoName
            event.params = SyscallParams(exit.params)
            event.retValue = exit.typedReturn
            deferredFrom = entry.deferredFrom
            completion = exit.completion
        } else {
            event.retText = String(info.rval)
            if info.is_error != 0 { event.errno = ErrnoNames.name(Int32(-info.rval)) }
        }
        if p.injected || p.poked { event.retText += Self.injectedNote(p) }
        // The record holds what the C library returns: -1 and the errno's name.
        if info.is_error != 0 { event.ret = -1 }
        let failed = info.is_error != 0
        var shown: SyscallEvent?
        if !(event.pid == task.pid && (failed || task.nsPids.count < 2 || !p.traits.contains(.returnsPid))) {
            // Not the common case (where the event as recorded is the line shown, no copy).
            var s = event
            s.pid = task.pid
            if !failed, p.traits.contains(.returnsPid), let outer = translatedPid(task, info.rval) {
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
        if let unwinder {
            out.stackTrace(pid: task.pid, unwinder.frames(task.pid, process: task.tgid))
        }
        dumpIO(task, p, info)
        if !failed && p.traits.contains(.changesNamespaces) {
            let call = StraceTextPrinter.entryText(name: p.name, entry: DecodedEntry(
                name: p.name, args: event.args, deferredFrom: event.args.count, argCount: event.args.count)) + ")"
            checkNamespaces(task, cause: p.name, call: call, traits: p.traits, args: p.args, t: t)
        }
        flushChildNotes(task, t: t)
        if sawNewUserNamespace, !failed, p.traits.contains(.writesBuffer) {
            checkIDMapWrite(task, p, ret: info.rval, t: t)
        }
    }

    /// The exit of a call that is only printed: its output arguments and result are
    /// decoded straight into the printer's buffer; -c counts it.
    private func printExit(_ task: TaskState, _ p: PendingSyscall, _ entry: DecodedEntry, _ info: ns_syscall_info,
                           t: Double) {
        let failed = info.is_error != 0
        var exit = decoder.exit(entry, abi: p.abi, args: p.args, rval: info.rval, isError: failed,
                                memory: kernel.memory(task.pid), fds: fdResolver(task.pid))
        let duration = t - p.t
        out.syscallExited(pid: task.pid, t: p.t + duration, name: p.name, failed: failed, duration: duration,
                          writingArguments: { exit.writeArguments(to: &$0) }, result: {
                              exit.writeResult(to: &$0)
                              if p.injected || p.poked { $0.append(Self.injectedNote(p)) }
                          })
        if let unwinder { out.stackTrace(pid: task.pid, unwinder.frames(task.pid, process: task.tgid)) }
        dumpIO(task, p, info)
    }

    /// -e read= / -e write=: the data under the call's line.
    func dumpIO(_ task: TaskState, _ p: PendingSyscall, _ info: ns_syscall_info) {
        guard !config.ioDump.isEmpty, out.showsText else { return }
        let text = config.ioDump.text(name: p.name, pid: task.pid, abi: p.abi, args: p.args.normalized(for: p.abi), ret: info.rval,
                                      failed: info.is_error != 0, memory: kernel.memory(task.pid))
        if !text.isEmpty { out.ioDump(text) }
    }

    /// A syscall that will never return (exit_group, a task killed inside one).
    func abandonPending(_ task: TaskState, t: Double) {
        guard let p = task.pending else { return }
        task.pending = nil
        guard p.selected else { return }
        let event = SyscallEvent(pid: p.caller, t: p.t, name: p.name, nr: p.nr, abi: p.abi,
                                 args: p.entry?.args ?? [], ret: nil, errno: nil, retText: "?", duration: nil,
                                 params: SyscallParams(p.entry?.params ?? []))
        // Like strace -c, a call that never returned is not counted.
        out.syscallAbandoned(event)
    }

    /// Always given: the decoders use it for -y's paths only with -y, and without -y for what
    /// a socket is (netlink messages are decoded by the socket's protocol).
    func fdResolver(_ pid: pid_t) -> FDPathResolver? {
        kernel.fdResolver(pid)
    }
}
