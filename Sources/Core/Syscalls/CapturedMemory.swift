// A tracee's memory as a kernel-side tracer read it at a call's entry or exit (trace --bpf):
// the decoders read it through `TraceeMemory` as they read a live tracee, so both modes print
// with the same code. What the kernel could not read (a page not present, a read longer than
// its limit), or what it was not asked to read, is unreadable here; `misses` says which
// addresses the decoder asked for in vain, so the text can say so
// (`CapturedMemory.markUncaptured`) instead of showing a bare address as if the tracee had
// passed a bad pointer.

/// One read the kernel made.
public struct CapturedRegion {
    public enum Kind: Sendable { case memory, string, count }
    public enum Status: Sendable {
        case ok
        /// The kernel could not read it.
        case fault
        /// Longer than the kernel reads in one go: not read.
        case cut
        /// (string) No NUL within the bytes read: the string goes on.
        case unterminated
    }
    public var address: UInt64
    public var kind: Kind
    public var status: Status
    /// Where its bytes are (valid while the event they came with is).
    public var bytes: UnsafeRawBufferPointer

    public init(address: UInt64, kind: Kind, status: Status, bytes: UnsafeRawBufferPointer) {
        self.address = address
        self.kind = kind
        self.status = status
        self.bytes = bytes
    }
}

/// Serves reads from the regions of one event. A class, reused from event to event (its
/// arrays keep their storage).
public final class CapturedMemory: TraceeMemory {
    public private(set) var regions: [CapturedRegion] = []
    /// Addresses the decoder read and could not have: the kernel failed, cut, or did not read them.
    public private(set) var misses: [(address: UInt64, cut: Bool)] = []
    /// The tracee ABI's word (4 or 8 bytes): a counted array is served as that many words.
    public var wordSize = 8

    public init() {
        regions.reserveCapacity(16)
    }

    /// Forgets the regions and misses (for the next event).
    public func reset() {
        regions.removeAll(keepingCapacity: true)
        misses.removeAll(keepingCapacity: true)
    }

    public func add(_ region: CapturedRegion) { regions.append(region) }

    public func forgetMisses() { misses.removeAll(keepingCapacity: true) }

    private func miss(_ address: UInt64, cut: Bool) {
        if !misses.contains(where: { $0.address == address }) { misses.append((address, cut)) }
    }

    /// The bytes [address, address + count) of a memory region (or a string's, NUL included
    /// when it had one), or nil.
    private func find(_ address: UInt64, _ count: Int) -> UnsafeRawBufferPointer? {
        var failed: CapturedRegion?
        var startsHere = false
        for r in regions {
            guard address >= r.address else { continue }
            if r.kind == .count {
                if address == r.address { startsHere = true }
                continue
            }
            let offset = address - r.address
            switch r.status {
            case .ok, .unterminated:
                let available = r.kind == .string && r.status == .ok ? r.bytes.count + 1 : r.bytes.count
                if offset == 0 { startsHere = true }
                guard offset <= UInt64(available), UInt64(count) <= UInt64(available) - offset else { continue }
                if r.kind == .string && r.status == .ok && Int(offset) + count > r.bytes.count {
                    // The string's NUL: not among the bytes kept.
                    return nil
                }
                return UnsafeRawBufferPointer(rebasing: r.bytes[Int(offset)..<(Int(offset) + count)])
            case .fault, .cut:
                if offset == 0 { failed = r }
            }
        }
        // A read past the end of a region that starts here (argv's read to the end of a page,
        // before it reads word by word) is no miss: the decoder reads less next.
        if !startsHere { miss(address, cut: failed?.status == .cut) }
        return nil
    }

    public func read(at address: UInt64, count: Int) -> [UInt8]? {
        if count == 0 { return [] }
        if address == 0 || count < 0 { return nil }
        if let c = counted(address, count) { return c }
        if let b = find(address, count), b.count == count { return Array(b) }
        if let s = stringBytes(address, count) { return s }
        return nil
    }

    /// A read within a counted array (envp): its pointers as nonzero words, then the NULL.
    /// The kernel counted them instead of reading them; only the count is shown.
    private func counted(_ address: UInt64, _ count: Int) -> [UInt8]? {
        for r in regions where r.kind == .count && r.status == .ok && r.bytes.count >= 8 && address >= r.address {
            let n = Int(min(r.bytes.loadUnaligned(as: UInt64.self), 1 << 20))
            let offset = Int(address - r.address)
            let total = (n + 1) * wordSize
            guard offset % wordSize == 0, offset + count <= total else {
                if offset == 0 { return nil }
                continue
            }
            var out = [UInt8](repeating: 0, count: count)
            var k = 0
            while k < count {
                if offset + k < n * wordSize { out[k] = 1 }
                k += wordSize
            }
            return out
        }
        return nil
    }

    public func withBytes(at address: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        if count == 0 {
            body(UnsafeRawBufferPointer(start: nil, count: 0))
            return true
        }
        if address == 0 || count < 0 { return false }
        if let c = counted(address, count) {
            c.withUnsafeBytes(body)
            return true
        }
        if let b = find(address, count) {
            body(b)
            return true
        }
        if let s = stringBytes(address, count) {
            s.withUnsafeBytes(body)
            return true
        }
        return false
    }

    /// `count` bytes of a terminated string region, its NUL included (a read of a path's
    /// bytes as memory).
    private func stringBytes(_ address: UInt64, _ count: Int) -> [UInt8]? {
        for r in regions where r.kind == .string && r.status == .ok && address >= r.address {
            let offset = Int(address - r.address)
            guard offset + count == r.bytes.count + 1 else { continue }
            return Array(r.bytes[offset...]) + [0]
        }
        return nil
    }

    public func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
        var result: (bytes: [UInt8], terminated: Bool)?
        _ = withCString(at: address, limit: limit) { result = (Array($0), $1) }
        return result
    }

    public func withCString(at address: UInt64, limit: Int, _ body: (UnsafeRawBufferPointer, Bool) -> Void) -> Bool {
        if address == 0 { return false }
        var failed: CapturedRegion?
        for r in regions where r.address == address {
            switch (r.kind, r.status) {
            case (.string, .ok):
                // The whole string and its NUL were read.
                if r.bytes.count < limit {
                    body(r.bytes, true)
                } else {
                    body(UnsafeRawBufferPointer(rebasing: r.bytes[0..<limit]), false)
                }
                return true
            case (.string, .unterminated):
                // All the kernel read, and no NUL: enough when the decoder wants no more.
                if limit <= r.bytes.count {
                    body(UnsafeRawBufferPointer(rebasing: r.bytes[0..<limit]), false)
                    return true
                }
                failed = r
            case (.memory, .ok), (.memory, .unterminated):
                // A string read from memory the kernel read as bytes.
                let b = UnsafeRawBufferPointer(rebasing: r.bytes[0..<min(limit, r.bytes.count)])
                if let nul = b.firstIndex(of: 0) {
                    body(UnsafeRawBufferPointer(rebasing: b[0..<nul]), true)
                    return true
                }
                if b.count == limit {
                    body(b, false)
                    return true
                }
            case (_, .fault), (_, .cut):
                failed = r
            default:
                break
            }
        }
        miss(address, cut: failed?.status == .cut || failed?.status == .unterminated)
        return false
    }

    /// The comment a value the kernel could not read gets after its address.
    public static func note(cut: Bool) -> String {
        cut ? " /* not captured: over the capture limit */" : " /* not captured */"
    }

    /// `text` with each address of `misses` followed by a note that the kernel did not read
    /// it (strace shows an address it cannot read; this says why). Only whole `0x…` tokens
    /// are marked.
    public static func markUncaptured(_ text: String, misses: [(address: UInt64, cut: Bool)]) -> String {
        var out = text
        for m in misses {
            let token = "0x" + String(m.address, radix: 16)
            var result = ""
            var rest = Substring(out)
            while let r = rest.firstRange(of: token) {
                let after = rest[r.upperBound...].first
                result += rest[..<r.upperBound]
                rest = rest[r.upperBound...]
                let isWhole = after.map { !$0.isHexDigit } ?? true
                if isWhole && !rest.hasPrefix(" /* not captured") { result += note(cut: m.cut) }
            }
            out = result + rest
        }
        return out
    }
}
