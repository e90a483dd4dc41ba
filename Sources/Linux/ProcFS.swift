import CShim
import Glibc
import NSCore

/// Readers of /proc for one task.
public enum ProcFS {
    /// if_indextoname in nstrace's own network namespace.
    public static func ownInterfaceName(index: UInt32) -> String? {
        guard index != 0 else { return nil }
        var buf = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard if_indextoname(index, &buf) != nil else { return nil }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The inode of nstrace's own network namespace.
    public static let ownNetNamespace: UInt64? = ownNamespace("net")

    /// The inode of nstrace's own pid namespace (it never changes it).
    public static let ownPidNamespaceInode: UInt64? = ownNamespace("pid")

    static func ownNamespace(_ kind: String) -> UInt64? {
        var st = stat()
        return stat("/proc/self/ns/" + kind, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    /// The target of a symbolic link, e.g. /proc/PID/fd/3 or /proc/PID/exe.
    public static func readLink(_ path: String) -> String? {
        readLink(at: AT_FDCWD, path)
    }

    /// The target of the link `name` beneath the directory `dir` (readlinkat(2)): with a
    /// descriptor of /proc/PID, the kernel looks the process up once, not once per link.
    public static func readLink(at dir: Int32, _ name: String) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buf in
            let n = readlinkat(dir, name, UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), buf.count)
            guard n >= 0 && n < buf.count else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[0..<n]), as: UTF8.self)
        }
    }

    /// A whole small file beneath the directory `dir` (openat(2)), or nil.
    public static func read(at dir: Int32, _ name: String, limit: Int = 1 << 20) -> [UInt8]? {
        let fd = openat(dir, name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        return readAll(fd, limit: limit)
    }

    /// A task's command name, /proc/PID/comm without its newline, or nil when it is gone.
    public static func comm(_ pid: Int32) -> [UInt8]? {
        guard var bytes = read("/proc/\(pid)/comm", limit: 64) else { return nil }
        while bytes.last == 10 { bytes.removeLast() }
        return bytes
    }

    /// A whole small file (/proc/PID/status, /proc/PID/comm), or nil.
    public static func read(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        return readAll(fd, limit: limit)
    }

    /// Reads `fd` to its end (at most `limit` bytes) and closes it.
    private static func readAll(_ fd: Int32, limit: Int) -> [UInt8]? {
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while out.count < limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    public static func readText(_ path: String) -> String? {
        read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A field of /proc/PID/status ("Tgid", "PPid", "NSpid", "TracerPid", "State").
    public static func statusField(_ pid: pid_t, _ field: String) -> String? {
        // As bytes (ProcStatus): a comm ending in "\r" must not swallow the next line.
        read("/proc/\(pid)/status").flatMap { ProcStatus.field($0, field) }
    }

    /// The thread-group id of a task.
    public static func tgid(_ pid: pid_t) -> pid_t? {
        statusField(pid, "Tgid").flatMap { pid_t($0) }
    }

    /// The tids of a process's threads (/proc/PID/task).
    public static func threads(_ pid: pid_t) -> [pid_t] { numbered("/proc/\(pid)/task") }

    /// Every process in /proc (not threads), in order: the one listing of /proc.
    public static func pids() -> [pid_t] { numbered("/proc") }

    /// The entries of a directory whose names are numbers, sorted.
    static func numbered(_ path: String) -> [pid_t] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var out: [pid_t] = []
        while let ent = readdir(dir) {
            let name = withUnsafeBytes(of: ent.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let t = pid_t(name) { out.append(t) }
        }
        return out.sorted()
    }

    /// Whether a process exists (a zombie counts).
    public static func exists(_ pid: pid_t) -> Bool {
        Glibc.kill(pid, 0) == 0 || errno == EPERM
    }
}

/// `-y`: fd → what /proc/PID/fd/N points to.
public struct ProcFDResolver: FDPathResolver {
    public let pid: pid_t
    public init(pid: pid_t) { self.pid = pid }
    public func path(ofFD fd: Int64) -> String? {
        if fd == -100 { return ProcFS.readLink("/proc/\(pid)/cwd") } // AT_FDCWD
        guard fd >= 0, fd < Int64(Int32.max) else { return nil }
        return ProcFS.readLink("/proc/\(pid)/fd/\(fd)")
    }

    /// `-Y`: /proc/PID/comm of a process the tracee names, only when the tracee sees the same
    /// pids as nstrace (its pid namespace is nstrace's): in another, `pid` would name
    /// another process here.
    public func comm(ofProcess other: Int32) -> [UInt8]? {
        guard other > 0, let own = Self.ownPidNamespace, ProcFS.readLink("/proc/\(pid)/ns/pid") == own else { return nil }
        return ProcFS.comm(other)
    }

    /// nstrace's own pid namespace (it never changes it), read once.
    static let ownPidNamespace = ProcFS.readLink("/proc/self/ns/pid")

    /// The process a pidfd refers to (its fdinfo's `Pid:`), as a resolver of its descriptors.
    public func resolver(forPidfd fd: Int64) -> FDPathResolver? {
        guard let path = path(ofFD: fd), case .pid(let p)? = details(ofFD: fd, path: path) else { return nil }
        return ProcFDResolver(pid: p)
    }

    /// The link's bytes; " (deleted)" at its end taken off when the file the whole link
    /// names is not the descriptor's (none, or another file), as strace's get_proc_pid_fd_path.
    public func pathBytes(ofFD fd: Int64) -> (bytes: [UInt8], deleted: Bool)? {
        let link = fd == -100 ? "/proc/\(pid)/cwd" : "/proc/\(pid)/fd/\(fd)"
        guard fd == -100 || (fd >= 0 && fd < Int64(Int32.max)) else { return nil }
        let bytes: [UInt8]? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buf in
            let n = readlink(link, UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), buf.count)
            guard n >= 0 && n < buf.count else { return nil }
            return Array(buf[0..<n])
        }
        guard let bytes else { return nil }
        let suffix = Array(" (deleted)".utf8)
        guard bytes.count > suffix.count, Array(bytes.suffix(suffix.count)) == suffix else { return (bytes, false) }
        let stripped = Array(bytes.dropLast(suffix.count))
        var linked = stat(), named = stat()
        guard stat(link, &linked) == 0 else { return (bytes, false) }
        // The name with its suffix: a file really named "x (deleted)" is the descriptor's.
        let found = (bytes + [0]).withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &named) == 0 }
        }
        if found && linked.st_ino == named.st_ino && linked.st_dev == named.st_dev { return (bytes, false) }
        return (stripped, true)
    }

    /// `-yy`: a device's numbers (stat(2) of /proc/PID/fd/N), a pidfd's process (the `Pid:`
    /// line of /proc/PID/fdinfo/N), as strace's printdev and printpidfd.
    public func details(ofFD fd: Int64, path: String) -> FDDetails? {
        guard fd >= 0, fd < Int64(Int32.max) else { return nil }
        if path == "anon_inode:[pidfd]" || path.hasPrefix("pidfd:") {
            guard let info = ProcFS.read(at: AT_FDCWD, "/proc/\(pid)/fdinfo/\(fd)") else { return nil }
            for line in ScalarText.split(String(decoding: info, as: UTF8.self), "\n") where ScalarText.hasPrefix(line, "Pid:\t") {
                if let p = Int32(String(decoding: line.utf8.dropFirst(5), as: UTF8.self)), p > 0 { return .pid(p) }
            }
            return nil
        }
        if path.hasPrefix("socket:["), path.hasSuffix("]"), let inode = UInt32(path.dropFirst(8).dropLast()) {
            return SocketDiag.describe(pid: pid, fd: fd, inode: inode).map { .socket($0) }
        }
        guard path.hasPrefix("/") else { return nil }
        var st = stat()
        guard stat("/proc/\(pid)/fd/\(fd)", &st) == 0 else { return nil }
        let type = st.st_mode & S_IFMT
        guard type == S_IFCHR || type == S_IFBLK else { return nil }
        // glibc's gnu_dev_major and gnu_dev_minor.
        let dev = UInt64(st.st_rdev)
        let major = UInt32(truncatingIfNeeded: ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff)))
        let minor = UInt32(truncatingIfNeeded: (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff)))
        return .device(block: type == S_IFBLK, major: major, minor: minor)
    }

    /// Whether the descriptor is a netlink socket, and of which protocol: its inode
    /// (`socket:[N]`) looked up in the task's /proc/PID/net/netlink (the sockets of the
    /// network namespace it is in); a netlink socket of another namespace is known by its
    /// `system.sockprotoname` attribute, its protocol unknown (strace asks sock_diag, which
    /// also sees only one namespace).
    public func socketKind(ofFD fd: Int64) -> SocketKind? {
        guard fd >= 0, fd < Int64(Int32.max), let link = ProcFS.readLink("/proc/\(pid)/fd/\(fd)") else { return nil }
        guard link.hasPrefix("socket:["), link.hasSuffix("]"), let inode = UInt64(link.dropFirst(8).dropLast()) else {
            return .other
        }
        if let table = ProcFS.read("/proc/\(pid)/net/netlink") {
            // "sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode": bytes, split at bytes.
            for line in table.split(separator: 0x0a).dropFirst() {
                let cols = line.split(separator: 0x20)
                func number(_ k: Int) -> UInt64? { UInt64(String(decoding: cols[k], as: UTF8.self)) }
                if cols.count >= 10, number(9) == inode, let proto = number(1) { return .netlink(protocol: Int32(truncatingIfNeeded: proto)) }
            }
        }
        var name = [UInt8](repeating: 0, count: 32)
        let n = ns_getxattr("/proc/\(pid)/fd/\(fd)", "system.sockprotoname", &name, name.count)
        guard n > 0 else { return nil }
        return String(decoding: name.prefix(n).prefix { $0 != 0 }, as: UTF8.self) == "NETLINK" ? .netlink(protocol: nil) : .other
    }

    /// if_indextoname, as strace, which looks the index up in its own network namespace;
    /// here only when the task is in that namespace too (an index of another namespace
    /// names another interface, or none).
    public func interfaceName(index: UInt32) -> String? {
        guard index != 0 else { return nil }
        var mine = stat(), theirs = stat()
        guard stat("/proc/self/ns/net", &mine) == 0, stat("/proc/\(pid)/ns/net", &theirs) == 0,
              mine.st_ino == theirs.st_ino, mine.st_dev == theirs.st_dev else { return nil }
        return ProcFS.ownInterfaceName(index: index)
    }

}
