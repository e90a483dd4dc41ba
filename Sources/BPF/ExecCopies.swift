import NSCore

/// An execve's strings its entry could not read (literals in pages the caller never touched),
/// taken from where the kernel copied them into the new image once the call succeeded.
extension CapturedMemory {
    /// Serves the filename and the argv strings of a successful exec at the caller's
    /// addresses, from `execfn` (the new image's filename copy: the name given, except for an
    /// execveat whose `dirfd` is not AT_FDCWD with a relative name, `/dev/fd/N/...`, not
    /// lent then) and `area` (its argv area, NUL-separated, perhaps cut at the kernel's
    /// read limit). argv only when it is the argv the call passed: as many strings as the
    /// entry's pointer array (whole) has pointers, and every string the entry did read
    /// (whole, or cut at -s) a prefix of or equal to its copy, index for index (a `#!`
    /// script's image starts with its interpreter instead, and a binfmt_misc one too: then
    /// nothing is taken).
    func lendExecCopies(call: String, dirfd: Int64 = -100, filename: UInt64, argv: UInt64, word: Int,
                        area: UnsafeRawBufferPointer?, execfn: UnsafeRawBufferPointer?, areaLimit: Int) {
        defer { forgetMisses() }
        if let execfn, call == "execve" || (call == "execveat" && (dirfd == -100 || !execfn.starts(with: "/dev/fd/".utf8))),
           stringAsRead(at: filename) == nil {
            add(CapturedRegion(address: filename, kind: .string, status: .ok, bytes: execfn))
        }
        guard let area else { return }
        var strings: [UnsafeRawBufferPointer] = []
        var start = 0
        while start < area.count {
            let end = area[start...].firstIndex(of: 0) ?? area.count
            strings.append(UnsafeRawBufferPointer(rebasing: area[start..<end]))
            start = end + 1
        }
        // Cut at the kernel's read limit: the last string may be cut too, not taken.
        if area.last != 0, !strings.isEmpty { strings.removeLast() }
        // The entry's pointers, as far as it read them (a long argv is read in part).
        var pointers: [UInt64] = []
        var whole = false
        while pointers.count <= strings.count {
            guard let w = read(at: argv &+ UInt64(pointers.count * word), count: word) else { break }
            let raw = w.withUnsafeBytes { word == 8 ? $0.loadUnaligned(as: UInt64.self) : UInt64($0.loadUnaligned(as: UInt32.self)) }
            if raw == 0 { whole = true; break }
            pointers.append(UInt64(littleEndian: raw))
        }
        if whole && pointers.count != strings.count && area.count < areaLimit { return }
        var matched = 0
        for (ptr, copy) in zip(pointers, strings) {
            guard let read = stringAsRead(at: ptr) else { continue }
            guard read.terminated ? read.bytes.elementsEqual(copy) : copy.starts(with: read.bytes) else { return }
            matched += 1
        }
        guard matched > 0 || (whole && pointers.count == strings.count) else { return }
        for (ptr, copy) in zip(pointers, strings) {
            add(CapturedRegion(address: ptr, kind: .string, status: .ok, bytes: copy))
        }
    }
}
