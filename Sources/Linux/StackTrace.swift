import CElf
import CUnwindShim
import Glibc
import NSCore

/// `-k`: the stack of a ptrace-stopped task, as frames (`StackFrame`: address, mapped file,
/// symbol); the printer lays them out as strace does
/// (` > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]`).
///
/// libunwind-ptrace walks the stack, with one address space per process: its cache of
/// unwind rules is keyed by address, which means something only within one process. Each
/// address is then placed in a mapping of the process (/proc/PID/maps, kept until the
/// process unmaps or replaces code, or execs) and named from the ELF symbol tables of the
/// mapped file, read once per file with libelf and kept by (device, inode); a named frame
/// is kept per mapped file and file address.
public final class StackUnwinder {
    public typealias Frame = StackFrame

    struct Mapping {
        var start: UInt64
        var end: UInt64
        var offset: UInt64
        var dev: String
        var inode: UInt64
        var path: String
        /// Index of its file in `files` (set when the maps are read).
        var file = 0
    }

    /// A mapped file as one task names it, with its frames already named (by file
    /// address): a stack seen again costs a dictionary lookup per frame, not a symbol search.
    final class MappedFile {
        var frames: [UInt64: StackFrame] = [:]
    }

    struct Symbols {
        /// (address, size, name), sorted by address.
        var functions: [(UInt64, UInt64, String)]
        /// PT_LOAD segments: (file offset, vaddr, file size).
        var loads: [(UInt64, UInt64, UInt64)]
    }

    /// What is kept for one process (thread group).
    final class Process {
        let space: UnsafeMutableRawPointer
        /// Its executable file mappings as last read; nil: read them at the next stack.
        var maps: [Mapping]?
        /// The tasks of the process that had a stack taken: it is forgotten with the last.
        var tids: Set<pid_t> = []
        init(space: UnsafeMutableRawPointer) { self.space = space }
        deinit { nsunw_destroy(space) }
    }

    private var processes: [pid_t: Process] = [:]
    private var symbols: [String: Symbols] = [:]
    private var files: [MappedFile] = []
    private var fileIndex: [String: Int] = [:]
    /// Frames kept for all files together, at most; then the cache starts again.
    static let maxCachedLines = 1 << 16
    private var cachedLines = 0
    public static let maxFrames = 64

    public init() {
        elf_version(UInt32(EV_CURRENT))
    }

    /// A syscall of one of the process's tasks returned that may have changed its code
    /// mappings (the loop tells it of those with `SyscallTraits.changesMemoryMap`). munmap, mremap and mmap with MAP_FIXED over cached code, and execve, drop
    /// the process's maps and cached unwind rules; a new mapping (mmap, mprotect) needs
    /// nothing: an address outside the cached maps makes them be read again.
    public func remapped(process: pid_t, call: String, args: SyscallArgs) {
        guard let p = processes[process] else { return }
        let mapFixed: UInt64 = 0x10, mremapFixed: UInt64 = 2
        var ranges: [Range<UInt64>] = []
        switch call {
        case "execve", "execveat":
            p.maps = nil
            nsunw_flush(p.space)
            return
        case "munmap":
            ranges = [Self.range(args[0], args[1])]
        case "mremap":
            ranges = [Self.range(args[0], args[1])]
            if args[3] & mremapFixed != 0 { ranges.append(Self.range(args[4], args[2])) }
        case "mmap", "mmap2" where args[3] & mapFixed != 0:
            ranges = [Self.range(args[0], args[1])]
        default:
            return
        }
        let overlaps = p.maps.map { maps in
            maps.contains { m in ranges.contains { $0.overlaps(m.start..<m.end) } }
        } ?? true
        if overlaps {
            p.maps = nil
            nsunw_flush(p.space)
        }
    }

    static func range(_ start: UInt64, _ length: UInt64) -> Range<UInt64> {
        start..<(start &+ length < start ? UInt64.max : start &+ length)
    }

    /// The task is gone; with the last task of its process, the process is forgotten.
    public func forget(_ pid: pid_t, process: pid_t) {
        guard let p = processes[process] else { return }
        p.tids.remove(pid)
        if p.tids.isEmpty { processes[process] = nil }
    }

    /// The stack of a stopped task of `process`, innermost frame first.
    public func frames(_ pid: pid_t, process: pid_t) -> [StackFrame] {
        let p: Process
        if let known = processes[process] {
            p = known
        } else {
            guard let space = nsunw_create() else { return [] }
            p = Process(space: space)
            processes[process] = p
        }
        p.tids.insert(pid)
        var ips = [UInt64](repeating: 0, count: Self.maxFrames)
        let n = Int(nsunw_backtrace(p.space, pid, &ips, Int32(Self.maxFrames)))
        guard n > 0 else { return [] }
        let mapping = currentMaps(p, pid, ips: ips[..<n])
        var out: [StackFrame] = []
        out.reserveCapacity(n)
        for ip in ips[..<n] {
            guard let m = mapping.first(where: { ip >= $0.start && ip < $0.end }) else {
                out.append(StackFrame(ip: ip, path: nil, symbol: nil, symbolOffset: 0, fileAddress: ip))
                continue
            }
            let fileAddress = ip - m.start + m.offset
            let file = files[m.file]
            if let known = file.frames[fileAddress] {
                out.append(known)
                continue
            }
            let f = frame(ip: ip, in: m, pid: pid)
            if cachedLines >= Self.maxCachedLines {
                for f in files { f.frames = [:] }
                cachedLines = 0
            }
            file.frames[fileAddress] = f
            cachedLines += 1
            out.append(f)
        }
        return out
    }

    /// The process's executable mappings, from the cache unless an address falls outside
    /// them (it mapped something since, e.g. dlopen, or under a seccomp filter that does
    /// not stop at mmap): then read again once.
    func currentMaps(_ p: Process, _ pid: pid_t, ips: ArraySlice<UInt64>) -> [Mapping] {
        if let maps = p.maps, !ips.contains(where: { ip in !maps.contains { ip >= $0.start && ip < $0.end } }) {
            return maps
        }
        let maps = readMaps(pid)
        p.maps = maps
        return maps
    }

    func frame(ip: UInt64, in m: Mapping, pid: pid_t) -> Frame {
        let fileAddress = ip - m.start + m.offset
        var frame = Frame(ip: ip, path: m.path, symbol: nil, symbolOffset: 0, fileAddress: fileAddress)
        if let syms = symbolTable(m, pid: pid), let (name, off) = Self.lookup(syms, fileAddress: fileAddress) {
            frame.symbol = name
            frame.symbolOffset = off
        }
        return frame
    }

    // MARK: maps and symbols

    func readMaps(_ pid: pid_t) -> [Mapping] {
        guard let text = ProcFS.readText("/proc/\(pid)/maps") else { return [] }
        var out: [Mapping] = []
        // By scalar: the kernel escapes only "\n" in a mapped file's name, so a name ending
        // in "\r" made "\r\n" one Character and hid the next mapping.
        for line in ScalarText.lines(text) {
            let f = ScalarText.split(line, " ", maxSplits: 5)
            guard f.count == 6, f[1].utf8.contains(UInt8(ascii: "x")) else { continue }
            // The name after the kernel's padding (a name may end in spaces of its own).
            let path = String(String.UnicodeScalarView(f[5].unicodeScalars.drop { $0 == " " }))
            guard ScalarText.hasPrefix(path, "/") else { continue }
            let range = ScalarText.split(f[0], "-")
            guard range.count == 2, let start = UInt64(range[0], radix: 16), let end = UInt64(range[1], radix: 16),
                  let offset = UInt64(f[2], radix: 16), let inode = UInt64(f[4]) else { continue }
            var m = Mapping(start: start, end: end, offset: offset, dev: String(f[3]), inode: inode, path: path)
            let key = "\(m.dev):\(m.inode):\(path)"
            if let i = fileIndex[key] {
                m.file = i
            } else {
                m.file = files.count
                fileIndex[key] = files.count
                files.append(MappedFile())
            }
            out.append(m)
        }
        return out
    }

    func symbolTable(_ m: Mapping, pid: pid_t) -> Symbols? {
        let key = "\(m.dev):\(m.inode)"
        if let s = symbols[key] { return s }
        // Through the task's root: the file as the task sees it (containers too).
        let s = Self.readSymbols("/proc/\(pid)/root\(m.path)") ?? Symbols(functions: [], loads: [])
        symbols[key] = s
        return s
    }

    static func readSymbols(_ path: String) -> Symbols? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let elf = elf_begin(fd, ELF_C_READ, nil) else { return nil }
        defer { elf_end(elf) }
        var loads: [(UInt64, UInt64, UInt64)] = []
        var count = 0
        if elf_getphdrnum(elf, &count) == 0 {
            for i in 0..<count {
                var ph = GElf_Phdr()
                if gelf_getphdr(elf, Int32(i), &ph) != nil, ph.p_type == UInt32(PT_LOAD) {
                    loads.append((ph.p_offset, ph.p_vaddr, ph.p_filesz))
                }
            }
        }
        var functions: [(UInt64, UInt64, String)] = []
        var scn = elf_nextscn(elf, nil)
        while let s = scn {
            var sh = GElf_Shdr()
            if gelf_getshdr(s, &sh) != nil, sh.sh_type == UInt32(SHT_SYMTAB) || sh.sh_type == UInt32(SHT_DYNSYM),
               sh.sh_entsize > 0, let data = elf_getdata(s, nil) {
                let n = Int(sh.sh_size / sh.sh_entsize)
                for i in 0..<n {
                    var sym = GElf_Sym()
                    guard gelf_getsym(data, Int32(i), &sym) != nil, sym.st_info & 0xf == 2 /* STT_FUNC */,
                          sym.st_value != 0, let name = elf_strptr(elf, Int(sh.sh_link), Int(sym.st_name)) else { continue }
                    functions.append((sym.st_value, sym.st_size, String(cString: name)))
                }
            }
            scn = elf_nextscn(elf, s)
        }
        functions.sort { $0.0 < $1.0 }
        return Symbols(functions: functions, loads: loads)
    }

    /// The function at a file address, and the offset into it.
    static func lookup(_ s: Symbols, fileAddress: UInt64) -> (String, UInt64)? {
        // File offset → virtual address through the PT_LOAD that contains it.
        var vaddr = fileAddress
        if let seg = s.loads.first(where: { fileAddress >= $0.0 && fileAddress < $0.0 + max($0.2, 1) }) {
            vaddr = fileAddress - seg.0 + seg.1
        }
        var lo = 0, hi = s.functions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if s.functions[mid].0 <= vaddr { lo = mid + 1 } else { hi = mid }
        }
        // The nearest function at or before the address, as strace (libdw) names it,
        // also when the symbol's size does not cover it (local code of a stripped library).
        guard lo > 0 else { return nil }
        let (addr, _, name) = s.functions[lo - 1]
        return (name, vaddr - addr)
    }
}
