import Glibc
import NSCore

/// Verification mode (NSTRACE_VERIFY_NS=1, for tests): the loop takes a new task's links from
/// its parent when the clone flags say they are the same (NamespaceEffects.inherited), and
/// reads only the links an unshare or setns can have changed (NamespaceEffects.linksChanged).
/// In this mode it also reads all ten links then, and this compares: it counts what was
/// checked and gives a line for a task whose links differ (the loop says it at the end, among
/// its warnings).
struct NamespaceVerifier {
    private(set) var inheritedChecked = 0
    private(set) var partialChecked = 0

    /// A task's links taken from its parent (`taken`) against those read (`read`; empty when
    /// the task died already: nothing to compare).
    mutating func inherited(_ pid: pid_t, taken: NamespaceSet, read: NamespaceSet) -> String? {
        inheritedChecked += 1
        guard !read.isEmpty && read != taken else { return nil }
        return "NSTRACE_VERIFY_NS: task \(pid) inherited \(taken.inodes) but reads \(read.inodes)"
    }

    /// A task's links after `cause`, only some of them read again (`known`), against all ten
    /// read (`read`). A link that cannot be read yet (pid_for_children before the first
    /// child) is one of the task's `unresolved`, as after a full read: the others compared.
    mutating func partial(_ pid: pid_t, after cause: String, known: NamespaceSet, unresolved: Set<NamespaceKind>,
                          read: NamespaceSet) -> String? {
        partialChecked += 1
        let differs = NamespaceKind.allCases.contains { kind in
            guard let now = read[kind], !unresolved.contains(kind) else { return false }
            return known[kind] != now
        }
        guard differs else { return nil }
        return "NSTRACE_VERIFY_NS: task \(pid) after \(cause) has \(known.inodes) but reads \(read.inodes)"
    }

    /// The counts, said at the end after the warnings.
    var summary: [String] {
        ["NSTRACE_VERIFY_NS: \(inheritedChecked) inherited namespace sets checked",
         "NSTRACE_VERIFY_NS: \(partialChecked) partly read namespace sets checked"]
    }
}
