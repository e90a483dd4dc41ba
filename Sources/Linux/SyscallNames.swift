import CSeccomp
import CShim
import Glibc
import NSCore

/// Syscall names of every ABI a tracee may use, from libseccomp's tables
/// (`seccomp_syscall_resolve_num_arch`), resolved once per number and cached.
public final class SyscallNames {
    /// Names by number, one table per ABI, filled as numbers are seen: a lookup on the
    /// tracer's hot path is an array index, not a hash of a nested dictionary.
    private var x86_64Names: [String?] = Array(repeating: nil, count: tableSize)
    private var i386Names: [String?] = Array(repeating: nil, count: tableSize)
    private var otherNames: [SyscallABI: [Int64: String]] = [:]
    /// Syscall numbers are below 1024 on both ABIs; a number beyond is cached apart.
    private static let tableSize = 1024
    private var allNames: Set<String>?

    public init() {}

    static func arch(_ abi: SyscallABI) -> UInt32 {
        switch abi {
        case .x86_64: return NS_AUDIT_ARCH_X86_64
        case .i386: return NS_AUDIT_ARCH_I386
        }
    }

    /// "openat", or "syscall_0x1c4" for a number libseccomp does not know (as strace).
    public func name(_ nr: Int64, abi: SyscallABI) -> String {
        let small = nr >= 0 && nr < Self.tableSize
        if small {
            if let n = abi == .x86_64 ? x86_64Names[Int(nr)] : i386Names[Int(nr)] { return n }
        } else if let n = otherNames[abi]?[nr] {
            return n
        }
        var result = "syscall_0x" + String(UInt64(bitPattern: nr), radix: 16)
        if nr >= 0 && nr < 4096, let p = seccomp_syscall_resolve_num_arch(Self.arch(abi), Int32(nr)) {
            result = String(cString: p)
            free(p)
        }
        if small {
            if abi == .x86_64 { x86_64Names[Int(nr)] = result } else { i386Names[Int(nr)] = result }
        } else {
            otherNames[abi, default: [:]][nr] = result
        }
        return result
    }

    /// The number of a name on an ABI, or nil.
    public func number(_ name: String, abi: SyscallABI = .x86_64) -> Int64? {
        let n = seccomp_syscall_resolve_name_arch(Self.arch(abi), name)
        return n >= 0 ? Int64(n) : nil
    }

    /// Whether `name` is a syscall of x86_64 or i386.
    public func isKnown(_ name: String) -> Bool {
        number(name, abi: .x86_64) != nil || number(name, abi: .i386) != nil
    }
}
