import CShim
import Glibc
import NSCore

/// A tracee's memory, read with process_vm_readv (one call per range, no PEEKDATA loops).
public struct ProcessMemory: TraceeMemory {
    public let pid: pid_t
    static let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))

    public init(pid: pid_t) { self.pid = pid }

    public func read(at address: UInt64, count: Int) -> [UInt8]? {
        if count == 0 { return [] }
        if address == 0 || count < 0 { return nil }
        var out = [UInt8](repeating: 0, count: count)
        let n = out.withUnsafeMutableBytes { ns_vm_read(pid, address, $0.baseAddress, UInt($0.count)) }
        return n == count ? out : nil
    }

    /// Reads page by page so that a string ending just before an unmapped page is
    /// still read (process_vm_readv fails on the whole range otherwise).
    public func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
        if address == 0 { return nil }
        var out: [UInt8] = []
        var addr = address
        var chunk = [UInt8](repeating: 0, count: Int(Self.pageSize))
        while out.count < limit {
            let toPageEnd = Int(Self.pageSize - addr % Self.pageSize)
            let want = min(toPageEnd, limit - out.count)
            let n = chunk.withUnsafeMutableBytes { ns_vm_read(pid, addr, $0.baseAddress, UInt(want)) }
            if n <= 0 { return out.isEmpty ? nil : (out, false) }
            if let nul = chunk[0..<n].firstIndex(of: 0) {
                out.append(contentsOf: chunk[0..<nul])
                return (out, true)
            }
            out.append(contentsOf: chunk[0..<n])
            addr += UInt64(n)
        }
        return (out, false)
    }
}
