import CShim
import Glibc
import NSLinux

/// Tasks seen before their parent's clone event. The kernel wakes a new child before its
/// parent reports PTRACE_EVENT_FORK/VFORK/CLONE, so the child's first stops can come first;
/// they are kept here and replayed, in order, once the task is announced (the parent's event
/// came, or it was released as an orphan). The loop's TaskState of such a task is in the
/// `.held` phase meanwhile.
struct HeldTasks {
    private var stops: [pid_t: [WaitStatus]] = [:]

    var isEmpty: Bool { stops.isEmpty }
    var count: Int { stops.count }
    func contains(_ pid: pid_t) -> Bool { stops[pid] != nil }

    /// Keeps a stop of a task not yet announced (the first makes it held). Returns true when
    /// the task must be let go on at once: a dying task (PTRACE_EVENT_EXIT) must finish dying
    /// now (SIGKILL does not end an exit stop, and a pid namespace's init waits in its own
    /// exit for every other task of the namespace, so holding it would hang them both). Its
    /// exit is still shown when it is released.
    mutating func hold(_ pid: pid_t, _ status: WaitStatus) -> Bool {
        stops[pid, default: []].append(status)
        if case .event(let event, _) = status, event == NS_PTRACE_EVENT_EXIT { return true }
        return false
    }

    /// The task is announced: it is held no more; its kept stops, oldest first, to handle now.
    mutating func release(_ pid: pid_t) -> [WaitStatus] {
        stops.removeValue(forKey: pid) ?? []
    }

    /// The task is gone.
    mutating func forget(_ pid: pid_t) {
        stops[pid] = nil
    }
}
