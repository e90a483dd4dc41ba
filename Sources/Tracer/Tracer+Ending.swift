import CShim
import Glibc
import NSCore
import NSLinux

/// How tracing ends: a signal to nstrace (kill the started tree, or detach from -p
/// processes), messages, the -c table and the outcome.
extension TraceLoop {

    /// SIGINT/SIGTERM/SIGHUP to nstrace: a started command is killed with its whole
    /// tree; attached processes are detached and run on.
    func onInterrupt() {
        switch config.target {
        case .command, .prepared:
            if let grace = config.stopGrace, initialStatus == nil, tasks[initialPid] != nil {
                // Pass it on (the started process forwards it to the command) and wait.
                kernel.kill(initialPid, interruptedBy)
                stopDeadline = now + grace
                kernel.alarm(1)
            } else {
                killAll()
            }
        case .attach:
            detachAll()
        }
    }

    func killAll() {
        killing = true
        for task in tasks.values { kernel.kill(task.pid, SIGKILL) }
    }

    func detachAll() {
        for task in tasks.values where task.known { kernel.interrupt(task.pid) }
        var left = Set(tasks.keys)
        while !left.isEmpty {
            switch kernel.waitAny(block: true) {
            case .task(let pid, let status):
                guard left.contains(pid), let task = tasks[pid] else { continue }
                switch status {
                case .exited, .killed:
                    handle(pid, status)
                case .signalStop(let sig):
                    kernel.detach(pid, signal: sig)
                    detached(task)
                default:
                    kernel.detach(pid, signal: 0)
                    detached(task)
                }
                left.remove(pid)
            case .interrupted, .none:
                continue
            case .noChildren:
                left.removeAll()
            }
        }
        tasks.removeAll()
    }

    func detached(_ task: TaskState) {
        let e = ExitEvent(pid: task.pid, t: now, detached: true)
        out.event(.exit(e))
        if config.attachMessages, task.pid == task.tgid {
            message("Process \(task.pid) detached")
        }
        tasks[task.pid] = nil
    }

    func message(_ text: String) {
        out.flush()
        let line = "nstrace: " + text + "\n"
        var s = line
        s.withUTF8 { config.messages.write(UnsafeRawBufferPointer($0)) }
    }

    func finish() -> TraceOutcome {
        out.finish()
        for w in warnings { message(w) }
        if TraceEnvironment.verifyInherited {
            for line in verifier.summary { message(line) }
        }
        out.summarize()
        let outcome: TraceOutcome
        if case .attach = config.target {
            outcome = TraceOutcome(status: 0, reason: interruptedBy != 0 ? "detached" : "exited")
        } else if interruptedBy != 0, config.stopGrace == nil || initialStatus == nil {
            outcome = TraceOutcome(status: 128 + interruptedBy, reason: "interrupted")
        } else {
            outcome = TraceOutcome(status: initialStatus ?? 0, reason: "exited")
        }
        out.ended(RecordEnd(t: now, status: outcome.status, reason: outcome.reason))
        return outcome
    }
}
