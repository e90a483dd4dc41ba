import CShim
import Glibc
import NSCore

/// Reads a task's namespaces from /proc/TID/ns/ (ten readlinks) and its pid in every
/// nested pid namespace (NSpid: in /proc/TID/status).
public enum NamespaceReader {
    /// The inode of each link; a link that cannot be read (task gone, no permission,
    /// a kernel without that type) is left out.
    public static func read(_ tid: pid_t, kinds: [NamespaceKind] = NamespaceKind.allCases) -> NamespaceSet {
        var set = NamespaceSet()
        for kind in kinds {
            if let target = ProcFS.readLink("/proc/\(tid)/ns/\(kind.rawValue)"),
               let inode = NamespaceSet.inode(fromLink: target) {
                set[kind] = inode
            }
        }
        return set
    }

    /// What a namespace file is, as /proc names it ("net:[4026532201]"): for a path that
    /// is an nsfs file (/proc/N/ns/net, a bind mount like /run/netns/red, or
    /// /proc/PID/fd/N of an fd opened from one); nil for anything else.
    public static func describeFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let type = ns_get_nstype(fd)
        guard let kind = NamespaceKind.types.first(where: { Int32(truncatingIfNeeded: $0.cloneFlag) == type }) else { return nil }
        return "\(kind.rawValue):[\(st.st_ino)]"
    }

    /// The inodes of the pid namespaces a task's NSpid values belong to, outermost first
    /// (its own pid namespace and its ancestors, by NS_GET_PARENT), `levels` of them;
    /// empty when they cannot all be read.
    public static func pidNamespaceChain(_ tid: pid_t, levels: Int) -> [UInt64] {
        var fd = open("/proc/\(tid)/ns/pid", O_RDONLY | O_CLOEXEC)
        var chain: [UInt64] = []
        while fd >= 0 && chain.count < levels {
            var st = stat()
            guard fstat(fd, &st) == 0 else { break }
            chain.append(UInt64(st.st_ino))
            let parent = ns_get_parent(fd)
            close(fd)
            fd = parent
        }
        if fd >= 0 { close(fd) }
        return chain.count == levels ? Array(chain.reversed()) : []
    }

    /// The task's pid in each pid namespace from the one /proc shows to its own
    /// (outermost first), e.g. [1236, 1]; empty when unknown.
    public static func nsPids(_ tid: pid_t) -> [Int32] {
        guard let field = ProcFS.statusField(tid, "NSpid") else { return [] }
        return field.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).compactMap { Int32(Substring($0)) }
    }
}
