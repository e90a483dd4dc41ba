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

    /// `read(at:count:)` into a temporary buffer (on the stack when small).
    public func withBytes(at address: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        if count == 0 {
            body(UnsafeRawBufferPointer(start: nil, count: 0))
            return true
        }
        if address == 0 || count < 0 { return false }
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { buf in
            guard ns_vm_read(pid, address, buf.baseAddress, UInt(count)) == count else { return false }
            body(UnsafeRawBufferPointer(buf))
            return true
        }
    }

    public func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
        var result: (bytes: [UInt8], terminated: Bool)?
        _ = withCString(at: address, limit: limit) { result = (Array($0), $1) }
        return result
    }

    /// Reads page by page so that a string ending just before an unmapped page is
    /// still read (process_vm_readv fails on the whole range otherwise); one that runs
    /// into an unmapped page before its NUL and the limit is unreadable.
    public func withCString(at address: UInt64, limit: Int, _ body: (UnsafeRawBufferPointer, Bool) -> Void) -> Bool {
        if address == 0 { return false }
        return withUnsafeTemporaryAllocation(byteCount: max(limit, 1), alignment: 8) { buf in
            var filled = 0
            var addr = address
            while filled < limit {
                let toPageEnd = Int(Self.pageSize - addr % Self.pageSize)
                let want = min(toPageEnd, limit - filled)
                let n = ns_vm_read(pid, addr, buf.baseAddress! + filled, UInt(want))
                // Unreadable before its NUL or the limit: the string as a whole is
                // unreadable, and shown by its address (strace's umovestr fails so too).
                if n <= 0 { return false }
                if let nul = memchr(buf.baseAddress! + filled, 0, n) {
                    body(UnsafeRawBufferPointer(rebasing: buf[..<buf.baseAddress!.distance(to: nul)]), true)
                    return true
                }
                filled += n
                addr += UInt64(n)
            }
            body(UnsafeRawBufferPointer(rebasing: buf[..<filled]), false)
            return true
        }
    }
}
