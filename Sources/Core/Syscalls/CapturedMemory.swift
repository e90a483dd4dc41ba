// A tracee's memory as a kernel-side tracer read it at a call's entry or exit (trace --bpf):
// the decoders read it through `TraceeMemory` as they read a live tracee, so both modes print
// with the same code. What the kernel could not read (a page not present, a read longer than
// its limit), or what it was not asked to read, is unreadable here; `misses` says which
// addresses the decoder asked for in vain, so the text can say so
// (`CapturedMemory.markUncaptured`) instead of showing a bare address as if the tracee had
// passed a bad pointer.

/// One read the kernel made.
public struct CapturedRegion {
    public enum Kind: Sendable {
        case memory
        case string
        /// A pointer array counted, not read (envp): `bytes` is a u64 count.
        case count
        /// A NULL-terminated pointer array's words (argv): `.ok` when they are all a decoder
        /// needs (up to the NULL, or as many as it reads).
        case pointers
    }
    public enum Status: Sendable {
        case ok
        /// The kernel could not read it.
        case fault
        /// Longer than the kernel reads in one go: not read.
        case cut
        /// (string) No NUL within the bytes read: the string goes on. (pointers) Unreadable
        /// after these words.
        case unterminated
        /// The bytes (none, or a string without its NUL) end where the tracee has no readable
        /// mapping: a read that goes on from there fails in the tracee as well (a bad
        /// pointer, an array running into a guard page), so it is shown as strace shows an
        /// address it cannot read, with no note.
        case invalid
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
    /// The tracee ABI's word (4 or 8 bytes).
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

    /// The bytes [address, address + count) of a memory region (or a string's), or nil (a
    /// miss, unless the read goes past the end of a whole pointer array: a decoder reads
    /// argv to the end of a page first, then word by word; or into memory the tracee does
    /// not have).
    private func find(_ address: UInt64, _ count: Int) -> UnsafeRawBufferPointer? {
        var failed: CapturedRegion?
        var pastWholeArray = false
        var invalid = false
        for r in regions {
            guard address >= r.address else { continue }
            let offset = address - r.address
            if r.kind == .count { continue }
            switch r.status {
            case .invalid:
                // Readable up to the end of the bytes, and not at it.
                guard offset <= UInt64(r.bytes.count) else { continue }
                guard UInt64(count) <= UInt64(r.bytes.count) - offset else {
                    invalid = true
                    continue
                }
                return UnsafeRawBufferPointer(rebasing: r.bytes[Int(offset)..<(Int(offset) + count)])
            case .ok, .unterminated:
                guard offset <= UInt64(r.bytes.count) else { continue }
                guard UInt64(count) <= UInt64(r.bytes.count) - offset else {
                    if r.kind == .pointers && r.status == .ok { pastWholeArray = true }
                    else if offset < UInt64(r.bytes.count) { failed = r }
                    continue
                }
                return UnsafeRawBufferPointer(rebasing: r.bytes[Int(offset)..<(Int(offset) + count)])
            case .fault, .cut:
                if offset == 0 { failed = r }
            }
        }
        if !pastWholeArray && !invalid { miss(address, cut: failed?.status == .cut) }
        return nil
    }

    public func read(at address: UInt64, count: Int) -> [UInt8]? {
        if count == 0 { return [] }
        if address == 0 || count < 0 { return nil }
        if let b = find(address, count), b.count == count { return Array(b) }
        if let s = stringBytes(address, count) { return s }
        return nil
    }

    /// envp: the kernel counted its pointers (a count region) instead of reading them.
    public func pointerCount(at address: UInt64, max: Int) -> (count: Int, unterminated: Bool)? {
        var failed: CapturedRegion?
        for r in regions where r.kind == .count && r.address == address {
            // .invalid: that many, then memory the tracee does not have.
            if r.status == .ok || r.status == .invalid, r.bytes.count >= 8 {
                return (Int(min(r.bytes.loadUnaligned(as: UInt64.self), UInt64(max))), r.status == .invalid)
            }
            failed = r
        }
        // Not counted: the decoder reads the array (and finds nothing), marked as not captured.
        if let failed { miss(address, cut: failed.status == .cut) }
        return nil
    }

    public func withBytes(at address: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        if count == 0 {
            body(UnsafeRawBufferPointer(start: nil, count: 0))
            return true
        }
        if address == 0 || count < 0 { return false }
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
        for r in regions where r.kind == .string && r.status == .ok && address >= r.address
            && address - r.address <= UInt64(r.bytes.count) {
            let offset = Int(address - r.address)
            guard offset + count == r.bytes.count + 1 else { continue }
            return Array(r.bytes[offset...]) + [0]
        }
        return nil
    }

    /// What the kernel read of a string at `address`, as it read it: all of it and its NUL
    /// (`terminated`), or as much as it read (cut at its limit), without counting a miss.
    public func stringAsRead(at address: UInt64) -> (bytes: UnsafeRawBufferPointer, terminated: Bool)? {
        for r in regions where r.address == address && r.kind == .string {
            switch r.status {
            case .ok: return (r.bytes, true)
            case .unterminated: return (r.bytes, false)
            case .fault, .cut, .invalid: continue
            }
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
        var invalid = false
        for r in regions where r.address == address || (r.kind == .memory && address > r.address
                                                          && address - r.address < UInt64(r.bytes.count)) {
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
            case (.string, .invalid):
                // No NUL before memory the tracee does not have: as much as strace reads, or
                // a read that fails in the tracee too.
                if limit <= r.bytes.count {
                    body(UnsafeRawBufferPointer(rebasing: r.bytes[0..<limit]), false)
                    return true
                }
                invalid = true
            case (.memory, .ok), (.memory, .unterminated), (.memory, .invalid):
                // A string read from memory the kernel read as bytes (a name in a buffer of
                // directory entries: from inside it).
                let from = Int(address - r.address)
                let b = UnsafeRawBufferPointer(rebasing: r.bytes[from..<min(from + limit, r.bytes.count)])
                if let nul = b.firstIndex(of: 0) {
                    body(UnsafeRawBufferPointer(rebasing: b[0..<nul]), true)
                    return true
                }
                if b.count == limit {
                    body(b, false)
                    return true
                }
                // Inside a read that ended at its size, not at the end of the memory: more
                // of it was not read.
                if r.status == .invalid { invalid = true } else if from > 0 { failed = r }
            case (_, .fault), (_, .cut):
                failed = r
            default:
                break
            }
        }
        if !invalid { miss(address, cut: failed?.status == .cut || failed?.status == .unterminated) }
        return false
    }

    /// The comment a value the kernel could not read gets after its address.
    public static func note(cut: Bool) -> String {
        cut ? " /* not captured: over the capture limit */" : " /* not captured */"
    }

    /// `texts` (a call's arguments, or its result) with each address of `misses` followed by
    /// a note that the kernel did not read it (strace shows an address it cannot read; this
    /// says why). Only whole `0x…` tokens are marked. Returns the misses no text shows (a
    /// poll's revents, an array cut short): the caller says so elsewhere.
    public static func mark(_ texts: inout [String], misses: [(address: UInt64, cut: Bool)]) -> [(address: UInt64, cut: Bool)] {
        var unshown: [(address: UInt64, cut: Bool)] = []
        for m in misses {
            var shown = false
            for i in texts.indices {
                let (t, found) = mark(texts[i], m)
                texts[i] = t
                shown = shown || found
            }
            if !shown { unshown.append(m) }
        }
        return unshown
    }

    /// `text` with the address of `m` marked where it is a whole token; whether it was there.
    /// Bytes, not Characters: the text holds what the tracee passed (docs/security.md).
    static func mark(_ text: String, _ m: (address: UInt64, cut: Bool)) -> (String, Bool) {
        let token = Array(("0x" + String(m.address, radix: 16)).utf8)
        let noteBytes = Array(note(cut: m.cut).utf8)
        let marked = Array(" /* not captured".utf8)
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + noteBytes.count)
        var found = false
        var i = 0
        while i < b.count {
            if b[i] == token[0], i + token.count <= b.count, b[i..<(i + token.count)].elementsEqual(token),
               i == 0 || !isHex(b[i - 1]) {
                let end = i + token.count
                out.append(contentsOf: token)
                i = end
                if end == b.count || !isHex(b[end]) {
                    found = true
                    if !(end + marked.count <= b.count && b[end..<(end + marked.count)].elementsEqual(marked)) {
                        out.append(contentsOf: noteBytes)
                    }
                }
                continue
            }
            out.append(b[i])
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), found)
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) || c == UInt8(ascii: "x")
    }

    /// The text marked (`mark`), and a note at its end for misses it does not show.
    public static func markUncaptured(_ text: String, misses: [(address: UInt64, cut: Bool)]) -> String {
        var texts = [text]
        let unshown = mark(&texts, misses: misses)
        guard let first = unshown.first else { return texts[0] }
        return texts[0] + (unshown.contains { $0.cut } ? note(cut: true) : note(cut: first.cut))
    }
}
