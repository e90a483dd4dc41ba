import ArgumentParser
import FoundationEssentials
import Glibc
import NSLinux

/// Shell completion of process ids, for `trace -p` and any other option that takes pids
/// (`@Option(completion: PIDCompletion.kind)`; docs/cli.md).
///
/// The shell runs `nstrace ---completion ...` when the user presses Tab, and this lists the
/// live processes from /proc: with their command name as the description in zsh and fish
/// (`1234:bash`, `1234<TAB>bash`), the pid alone in bash, which shows no descriptions. A
/// comma-separated list is completed item by item: after `-p 12,3` the candidates are
/// `12,3...`.
enum PIDCompletion {
    static let kind = CompletionKind.custom { _, _, prefix in
        candidates(prefix: prefix, processes: liveProcesses(), shell: CompletionShell.requesting)
    }

    /// The candidates for the word `prefix` (what is left of the cursor).
    static func candidates(prefix: String, processes: [(pid: Int32, comm: String)],
                           shell: CompletionShell?) -> [String] {
        let head = prefix.lastIndex(of: ",").map { String(prefix[...$0]) } ?? ""
        let partial = prefix.dropFirst(head.count)
        let already = Set(head.split(separator: ",").map(String.init))
        return processes.compactMap { p in
            let pid = String(p.pid)
            guard pid.hasPrefix(partial), !already.contains(pid) else { return nil }
            switch shell {
            case .some(.zsh): return head + pid + ":" + p.comm
            case .some(.fish): return head + pid + "\t" + p.comm
            default: return head + pid
            }
        }
    }

    /// Every process in /proc (not threads) with its comm, by pid; not this process.
    static func liveProcesses() -> [(pid: Int32, comm: String)] {
        let me = getpid()
        return ProcFS.pids().filter { $0 != me }.compactMap { pid in
            // Gone since the listing: leave it out.
            guard let comm = ProcFS.readText("/proc/\(pid)/comm") else { return nil }
            // One line per candidate: a comm may hold any byte but NUL.
            let clean = String(comm.trimmed { $0.isNewline }.map { $0.isNewline || $0 == "\t" ? "?" : $0 })
            return (pid, clean)
        }
    }
}
