import CBPF
import NSCore
import NSLinux

// Reading the programs' events (the layouts of Sources/CBPF/include/nsbpf_events.h) back
// into Swift: headers, fixed parts, namespace snapshots and chunks. No kernel call here: an
// event is bytes, so the tests feed made-up ones.

/// One event's bytes, read with bounds checks (a short or malformed event reads as zeros
/// and no chunks, never past its end).
struct EventBytes {
    let raw: UnsafeRawBufferPointer

    func u16(_ o: Int) -> UInt16 { o + 2 <= raw.count ? raw.loadUnaligned(fromByteOffset: o, as: UInt16.self) : 0 }
    func u32(_ o: Int) -> UInt32 { o + 4 <= raw.count ? raw.loadUnaligned(fromByteOffset: o, as: UInt32.self) : 0 }
    func u64(_ o: Int) -> UInt64 { o + 8 <= raw.count ? raw.loadUnaligned(fromByteOffset: o, as: UInt64.self) : 0 }
    func i32(_ o: Int) -> Int32 { Int32(bitPattern: u32(o)) }
    func i64(_ o: Int) -> Int64 { Int64(bitPattern: u64(o)) }
    /// The bytes of a NUL-terminated string at `o`, `max` bytes at most (nil: past the end).
    func cString(at o: Int, max: Int) -> [UInt8]? {
        guard o >= 0, o < raw.count else { return nil }
        return Array(raw[o..<min(raw.count, o + max)].prefix { $0 != 0 })
    }

    // The header.
    var type: Int { Int(u16(0)) }
    var flags: Int { Int(u16(2)) }
    var tid: Int32 { i32(8) }
    var tgid: Int32 { i32(12) }
    var ts: UInt64 { u64(16) }

    static let headerSize = MemoryLayout<nsb_header>.size
    static let enterSize = MemoryLayout<nsb_enter>.size
    static let exitSize = MemoryLayout<nsb_exit>.size
    static let nsSize = MemoryLayout<nsb_ns>.size
    static let chunkHeader = MemoryLayout<nsb_chunk>.size

    /// A namespace snapshot at `o`.
    func namespaces(at o: Int) -> (set: NamespaceSet, nspid: [Int32], chain: [UInt64]) {
        var set = NamespaceSet()
        for (i, kind) in NamespaceKind.allCases.enumerated() {
            let v = u64(o + 8 * i)
            if v != 0 { set[kind] = v }
        }
        let levels = min(Int(u32(o + 80)), Int(NSB_MAX_LEVELS))
        var pids: [Int32] = []
        var chain: [UInt64] = []
        for l in 0..<levels {
            pids.append(i32(o + 88 + 4 * l))
            chain.append(u64(o + 88 + 4 * Int(NSB_MAX_LEVELS) + 8 * l))
        }
        return (set, pids, chain)
    }

    /// The chunks from offset `o` on (at most `count`), handed to `body` with their bytes.
    func chunks(from o: Int, count: Int, _ body: (nsb_chunk, UnsafeRawBufferPointer) -> Void) {
        var off = o
        for _ in 0..<count {
            guard off + Self.chunkHeader <= raw.count else { return }
            var c = nsb_chunk()
            c.addr = u64(off)
            c.len = u32(off + 8)
            c.kind = u16(off + 12)
            c.status = u16(off + 14)
            let start = off + Self.chunkHeader
            let len = Int(c.len)
            guard start + len <= raw.count else { return }
            body(c, UnsafeRawBufferPointer(rebasing: raw[start..<(start + len)]))
            off = start + (len + 7) & ~7
        }
    }

    /// Adds the memory chunks to `memory` and the file chunks to `files`.
    static func load(_ c: nsb_chunk, _ bytes: UnsafeRawBufferPointer, into memory: CapturedMemory, files: CapturedFiles) {
        let status: CapturedRegion.Status
        switch Int(c.status) {
        case Int(NSB_ST_OK): status = .ok
        case Int(NSB_ST_UNTERMINATED): status = .unterminated
        case Int(NSB_ST_CUT): status = .cut
        case Int(NSB_ST_INVALID): status = .invalid
        default: status = .fault
        }
        switch Int(c.kind) {
        case Int(NSB_CHUNK_MEM): memory.add(CapturedRegion(address: c.addr, kind: .memory, status: status, bytes: bytes))
        case Int(NSB_CHUNK_STR): memory.add(CapturedRegion(address: c.addr, kind: .string, status: status, bytes: bytes))
        case Int(NSB_CHUNK_COUNT): memory.add(CapturedRegion(address: c.addr, kind: .count, status: status, bytes: bytes))
        case Int(NSB_CHUNK_PTRS): memory.add(CapturedRegion(address: c.addr, kind: .pointers, status: status, bytes: bytes))
        case Int(NSB_CHUNK_PATH):
            // Longer than a page: readlink in /proc fails on it (ENAMETOOLONG), so strace and
            // ptrace mode show no path; deeper than the walk: what it read, marked.
            let flags = pathFlags(bytes)
            files.set(Int64(bitPattern: c.addr), flags & Int(NSB_PATH_LONG) != 0 ? nil : pathBytes(bytes),
                      cut: flags & Int(NSB_PATH_CUT) != 0)
        case Int(NSB_CHUNK_FDINFO):
            let fd = Int64(bitPattern: c.addr)
            files.setKind(fd, socketKind(bytes))
            // (NSB_CAP_SOCKET's chunk comes without a path: what -yy shows is not asked.)
            if let path = files.path(ofFD: fd), let d = fdDetails(bytes, path: path) {
                files.setDetails(fd, d, socket: socketInode(path))
            }
        default: break
        }
    }

    /// A PATH chunk as readlink(/proc/PID/fd/N) shows the file.
    static func path(_ b: UnsafeRawBufferPointer) -> String? {
        pathBytes(b).map(linkText)
    }

    /// A path's bytes as its /proc link reads: " (deleted)" after an unlinked file's.
    static func linkText(_ p: (bytes: [UInt8], deleted: Bool)) -> String {
        String(decoding: p.deleted ? p.bytes + Array(" (deleted)".utf8) : p.bytes, as: UTF8.self)
    }

    /// A PATH chunk's NSB_PATH_* flags.
    static func pathFlags(_ b: UnsafeRawBufferPointer) -> Int {
        b.count >= 16 ? Int(EventBytes(raw: b).u16(14)) : 0
    }

    /// A PATH chunk as the kernel's bytes (a name need not be UTF-8), and whether the file
    /// was deleted (its link ends in " (deleted)", not in these bytes).
    static func pathBytes(_ b: UnsafeRawBufferPointer) -> (bytes: [UInt8], deleted: Bool)? {
        let e = EventBytes(raw: b)
        let ino = e.u64(0), magic = e.u32(8), n = Int(e.u16(12)), flags = Int(e.u16(14))
        var parts: [UnsafeRawBufferPointer.SubSequence] = []
        var off = 16
        for _ in 0..<n {
            let len = Int(e.u16(off))
            guard off + 2 + len <= b.count else { break }
            parts.append(b[(off + 2)..<(off + 2 + len)])
            off += 2 + len
        }
        let first = parts.first.map { Array($0) } ?? []
        switch magic {
        case 0x5049_5045: return (Array("pipe:[\(ino)]".utf8), false)        // PIPEFS_MAGIC
        case 0x534F_434B: return (Array("socket:[\(ino)]".utf8), false)      // SOCKFS_MAGIC
        case 0x0904_1934: return (Array("anon_inode:".utf8) + first, false)  // ANON_INODE_FS_MAGIC
        case 0x5049_4446: return (Array("anon_inode:[pidfd]".utf8), false)   // PID_FS_MAGIC
        case 0x6e73_6673:                                                    // NSFS_MAGIC: "net:[4026531840]"
            return ((parts.isEmpty ? Array("ns".utf8) : first) + Array(":[\(ino)]".utf8), false)
        default:
            var p: [UInt8] = []
            for part in parts.reversed() { p.append(UInt8(ascii: "/")); p.append(contentsOf: part) }
            if p.isEmpty { p = [UInt8(ascii: "/")] }
            return (p, flags & Int(NSB_PATH_DELETED) != 0)
        }
    }

    /// An FDINFO chunk as -yy shows it (nil: nothing beyond the path): a device's numbers, a
    /// pidfd's process, a socket's protocol and ends as strace's sock_diag queries tell them
    /// (`path`: the descriptor's, `socket:[INODE]` for a socket).
    static func fdDetails(_ b: UnsafeRawBufferPointer, path: String?) -> FDDetails? {
        guard b.count >= MemoryLayout<nsb_fdinfo>.size else { return nil }
        let e = EventBytes(raw: b)
        let mode = e.u32(0) & 0o170000
        if mode == 0o020000 || mode == 0o060000 {
            let rdev = e.u32(4)
            return .device(block: mode == 0o060000, major: rdev >> 20, minor: rdev & 0xfffff)
        }
        if e.i32(8) > 0 { return .pid(e.i32(8)) }
        let family = Int32(e.u16(12))
        guard family != 0 else { return nil }
        guard let inode = path.flatMap(socketInode) else { return nil }
        let proto = String(decoding: b[168..<200].prefix { $0 != 0 }, as: UTF8.self)
        let details: String?
        switch family {
        case 1:                                     // AF_UNIX
            let n = min(Int(e.u16(56)), 108)
            details = SocketDiag.unixDetails(inode: inode, peer: e.u32(20), name: Array(b[60..<(60 + n)]))
        case 2, 10:                                 // AF_INET, AF_INET6
            let v6 = family == 10
            // Not bound: sock_diag does not find it (strace shows `TCP:[INODE]`).
            details = e.u16(16) == 0 ? nil
                : SocketDiag.inetDetails(src: Array(b[24..<(v6 ? 40 : 28)]), sport: e.u16(16),
                                         dst: Array(b[40..<(v6 ? 56 : 44)]), dport: e.u16(18), v6: v6)
        case 16:                                    // AF_NETLINK
            details = e.u32(20) == 0 ? nil : SocketDiag.netlinkDetails(protocol: Int(e.u16(14)), portid: e.u32(20))
        default:
            details = nil
        }
        return .socket(proto + ":[" + (details ?? String(inode)) + "]")
    }

    /// An FDINFO chunk's socket kind: a netlink socket's protocol (its buffers are decoded
    /// as netlink messages of that protocol).
    static func socketKind(_ b: UnsafeRawBufferPointer) -> SocketKind {
        let e = EventBytes(raw: b)
        return e.u16(12) == 16 ? .netlink(protocol: Int32(e.u16(14))) : .other   // AF_NETLINK
    }

    /// A socket's inode, from its path `socket:[INODE]`.
    static func socketInode(_ path: String) -> UInt32? {
        guard path.hasPrefix("socket:["), path.hasSuffix("]") else { return nil }
        return UInt32(path.dropFirst(8).dropLast())
    }

    /// A NAMES chunk: the file's name and its directory's.
    static func names(_ b: UnsafeRawBufferPointer) -> (file: String, directory: String)? {
        let e = EventBytes(raw: b)
        let l1 = Int(e.u16(0))
        guard 2 + l1 + 2 <= b.count else { return nil }
        let l2 = Int(e.u16(2 + l1))
        guard 4 + l1 + l2 <= b.count else { return nil }
        return (String(decoding: b[2..<(2 + l1)], as: UTF8.self), String(decoding: b[(4 + l1)..<(4 + l1 + l2)], as: UTF8.self))
    }

    /// A kernel_siginfo's fields as SigInfoFormat shows them (the layout ptrace's siginfo_t
    /// has for its first 48 bytes).
    static func sigInfo(_ b: EventBytes, at o: Int) -> SigInfo {
        var si = SigInfo()
        si.signo = b.i32(o); si.errno = b.i32(o + 4); si.code = b.i32(o + 8)
        si.pid = b.i32(o + 16); si.uid = b.u32(o + 20)
        si.status = b.i32(o + 24); si.utime = b.i64(o + 32); si.stime = b.i64(o + 40)
        si.addr = b.u64(o + 16); si.timerid = b.i32(o + 16); si.overrun = b.i32(o + 20)
        si.value = b.i64(o + 24); si.band = b.i64(o + 16); si.fd = b.i32(o + 24)
        si.callAddr = b.u64(o + 16); si.syscall = b.i32(o + 24); si.arch = b.u32(o + 28)
        return si
    }
}

/// The files of descriptors the kernel read with a call (-y, setns): the decoders' resolver.
final class CapturedFiles: FDPathResolver {
    private var paths: [(fd: Int64, path: (bytes: [UInt8], deleted: Bool)?, cut: Bool)] = []
    /// -yy: what the kernel read of each descriptor beyond its path.
    private var details: [(fd: Int64, details: FDDetails?)] = []
    /// What kind of socket each descriptor the kernel looked at is.
    private var kinds: [(fd: Int64, kind: SocketKind)] = []
    /// A socket's text as first read, by inode, kept for the whole trace (strace keeps what
    /// sock_diag told it of a socket, and ptrace mode too: SocketDiag.known): a socket whose
    /// peer has gone, or one reset, shows what it was.
    private var sockets: [UInt32: FDDetails] = [:]
    /// The task whose call is decoded (its network namespace, as the kernel read it, names
    /// interfaces). Set per event, with no reference count: the tracer holds the task.
    unowned(unsafe) var task: BPFTask?

    /// -Y: a process's name as the task whose call is decoded names it (BPFTracer.comm).
    var commOf: ((Int32, BPFTask?) -> [UInt8]?)?

    func comm(ofProcess pid: Int32) -> [UInt8]? {
        commOf?(pid, task)
    }

    func reset() {
        paths.removeAll(keepingCapacity: true)
        if !details.isEmpty { details.removeAll(keepingCapacity: true) }
        if !kinds.isEmpty { kinds.removeAll(keepingCapacity: true) }
    }
    var isEmpty: Bool { paths.isEmpty }

    func set(_ fd: Int64, _ path: (bytes: [UInt8], deleted: Bool)?, cut: Bool = false) {
        if let i = paths.firstIndex(where: { $0.fd == fd }) { paths[i] = (fd, path, cut) } else { paths.append((fd, path, cut)) }
    }

    func path(ofFD fd: Int64) -> String? {
        pathBytes(ofFD: fd).map(EventBytes.linkText)
    }

    func setKind(_ fd: Int64, _ k: SocketKind) {
        if let i = kinds.firstIndex(where: { $0.fd == fd }) { kinds[i] = (fd, k) } else { kinds.append((fd, k)) }
    }

    /// Netlink buffers are decoded by the socket's protocol (NSB_CAP_SOCKET's chunk).
    func socketKind(ofFD fd: Int64) -> SocketKind? {
        kinds.first { $0.fd == fd }?.kind
    }

    func setDetails(_ fd: Int64, _ d: FDDetails?, socket inode: UInt32? = nil) {
        var d = d
        if let inode, case .socket(let text)? = d {
            // Kept only when there was more to say than the inode (as SocketDiag keeps).
            if let known = sockets[inode] { d = known } else if !text.hasSuffix(":[\(inode)]") { sockets[inode] = d }
        }
        if let i = details.firstIndex(where: { $0.fd == fd }) { details[i] = (fd, d) } else { details.append((fd, d)) }
    }

    func details(ofFD fd: Int64, path: String) -> FDDetails? {
        details.first { $0.fd == fd }?.details
    }

    /// pidfd_getfd's target: the other process's descriptors the kernel read
    /// (CaptureOp.pidfdDescriptor, keyed with CaptureOp.otherProcess).
    func resolver(forPidfd fd: Int64) -> FDPathResolver? {
        paths.contains { UInt64(bitPattern: $0.fd) & CaptureOp.otherProcess != 0 } ? OtherProcess(files: self) : nil
    }

    struct OtherProcess: FDPathResolver {
        let files: CapturedFiles
        func key(_ fd: Int64) -> Int64 { Int64(bitPattern: UInt64(bitPattern: fd) | CaptureOp.otherProcess) }
        func path(ofFD fd: Int64) -> String? { fd < 0 ? nil : files.path(ofFD: key(fd)) }
        func pathBytes(ofFD fd: Int64) -> (bytes: [UInt8], deleted: Bool)? { fd < 0 ? nil : files.pathBytes(ofFD: key(fd)) }
        func details(ofFD fd: Int64, path: String) -> FDDetails? { files.details(ofFD: key(fd), path: path) }
        func socketKind(ofFD fd: Int64) -> SocketKind? { nil }
        func interfaceName(index: UInt32) -> String? { nil }
    }

    func pathBytes(ofFD fd: Int64) -> (bytes: [UInt8], deleted: Bool)? {
        for p in paths where p.fd == fd {
            guard let path = p.path else { return nil }
            // Deeper than the kernel walks (24 components): the innermost it read, after "…"
            // (a link read from /proc now could name another directory: not shown).
            return p.cut ? (Array("…".utf8) + path.bytes, path.deleted) : path
        }
        return nil
    }

    /// if_indextoname, as strace and ptrace mode name an interface: only when the task is in
    /// nstrace's own network namespace (an index of another one names another interface).
    func interfaceName(index: UInt32) -> String? {
        guard let ns = task?.ns[.net], ns == ProcFS.ownNetNamespace else { return nil }
        return ProcFS.ownInterfaceName(index: index)
    }
}
