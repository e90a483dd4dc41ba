import Glibc
import NSCore

/// Reads a task's namespaces from /proc/TID/ns/ (ten readlinks) and its pid in every
/// nested pid namespace (NSpid: in /proc/TID/status).
public enum NamespaceReader {
    /// The inode of each link; a link that cannot be read (task gone, no permission,
    /// a kernel without that type) is left out.
    public static func read(_ tid: pid_t) -> NamespaceSet {
        var set = NamespaceSet()
        for kind in NamespaceKind.allCases {
            if let target = ProcFS.readLink("/proc/\(tid)/ns/\(kind.rawValue)"),
               let inode = NamespaceSet.inode(fromLink: target) {
                set[kind] = inode
            }
        }
        return set
    }

    /// The task's pid in each pid namespace from the one /proc shows to its own
    /// (outermost first), e.g. [1236, 1]; empty when unknown.
    public static func nsPids(_ tid: pid_t) -> [Int32] {
        guard let field = ProcFS.statusField(tid, "NSpid") else { return [] }
        return field.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Int32($0) }
    }
}
