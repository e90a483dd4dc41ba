import CShim
import Glibc
import NSCore
import NSLinux

/// What --bpf needs of the machine, looked at before anything is loaded (one line naming
/// what is missing), and the facts of pid namespaces it needs.
public enum BPFRequirements {
    static let btfPath = "/sys/kernel/btf/vmlinux"

    /// nil when --bpf can run here; else one line saying what is missing.
    public static func missing() -> String? {
        if !BPFSession.isBuilt {
            return "--bpf: this nstrace was built without its BPF programs (they need clang, bpftool and libbpf-dev at build time: run make)"
        }
        let caps = effectiveCapabilities()
        let bpf: UInt64 = 1 << 39, perfmon: UInt64 = 1 << 38, sysAdmin: UInt64 = 1 << 21
        // CAP_SYS_ADMIN stands for both on kernels before 5.8, and still allows everything.
        if caps & sysAdmin == 0 {
            var lacking: [String] = []
            if caps & bpf == 0 { lacking.append("CAP_BPF") }
            if caps & perfmon == 0 { lacking.append("CAP_PERFMON") }
            if !lacking.isEmpty {
                return "--bpf needs root, or the capabilities CAP_BPF and CAP_PERFMON (this process lacks \(lacking.joined(separator: " and ")))"
            }
        }
        if access(btfPath, R_OK) != 0 {
            return "--bpf needs the kernel's BTF type information (\(btfPath) is missing: a kernel built with CONFIG_DEBUG_INFO_BTF)"
        }
        return nil
    }

    /// CapEff of this process.
    static func effectiveCapabilities() -> UInt64 {
        guard let v = ProcFS.statusField(getpid(), "CapEff") else { return 0 }
        return UInt64(v, radix: 16) ?? 0
    }

    /// The inode of `pid`'s pid namespace and its level (0 for the initial one).
    public static func pidNamespace(of pid: pid_t) -> (inode: UInt64, level: UInt32)? {
        guard let link = ProcFS.readLink("/proc/\(pid)/ns/pid"), let inode = NamespaceSet.inode(fromLink: link) else {
            return nil
        }
        let nspids = NamespaceReader.nsPids(pid)
        guard !nspids.isEmpty else { return nil }
        return (inode, ownPidLevel() + UInt32(nspids.count - 1))
    }

    /// The level of nstrace's own pid namespace: how many parents it has (NS_GET_PARENT).
    public static func ownPidLevel() -> UInt32 {
        var fd = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC)
        var level: UInt32 = 0
        while fd >= 0 {
            let parent = ns_get_parent(fd)
            close(fd)
            fd = parent
            if fd >= 0 { level += 1 }
            if level > 32 { break }
        }
        if fd >= 0 { close(fd) }
        return level
    }

    /// Whether a task is alive: it exists and is not a zombie.
    static func alive(_ pid: pid_t) -> Bool {
        guard let stat = ProcFS.read("/proc/\(pid)/stat", limit: 4096),
              let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return false }
        let state = stat[(close + 1)...].first { $0 != UInt8(ascii: " ") }
        return state != UInt8(ascii: "Z") && state != UInt8(ascii: "X")
    }

    /// Every process id in /proc.
    static func pids() -> [pid_t] { ProcFS.pids() }
}
