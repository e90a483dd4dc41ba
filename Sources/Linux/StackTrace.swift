import CElf
import CUnwindShim
import Glibc
import NSCore

/// `-k`: the stack of a ptrace-stopped task, as strace prints it:
/// ` > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]`.
///
/// libunwind-ptrace walks the stack (its address space keeps a global cache of unwind
/// info); each address is then placed in a mapping of the task (/proc/PID/maps, cached
/// per task until that task maps, unmaps or execs) and named from the ELF symbol tables
/// of the mapped file, read once per file with libelf and kept by (device, inode).
public final class StackUnwinder {
    public struct Frame: Equatable {
        public var ip: UInt64
        public var path: String?
        public var symbol: String?
        public var symbolOffset: UInt64
        /// The address relative to the file (ip - mapping start + mapping offset).
        public var fileAddress: UInt64
    }

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

    /// A mapped file as one task names it, with the frame lines already formatted for it
    /// (by file address): a stack seen again costs a dictionary lookup per frame, not
    /// a symbol search and the escaping of its names.
    final class MappedFile {
        var lines: [UInt64: String] = [:]
    }

    struct Symbols {
        /// (address, size, name), sorted by address.
        var functions: [(UInt64, UInt64, String)]
        /// PT_LOAD segments: (file offset, vaddr, file size).
        var loads: [(UInt64, UInt64, UInt64)]
    }

    private let addressSpace: UnsafeMutableRawPointer?
    private var maps: [pid_t: [Mapping]] = [:]
    private var symbols: [String: Symbols] = [:]
    private var files: [MappedFile] = []
    private var fileIndex: [String: Int] = [:]
    /// Lines kept for all files together, at most; then the cache starts again.
    static let maxCachedLines = 1 << 16
    private var cachedLines = 0
    public static let maxFrames = 64

    public init() {
        addressSpace = nsunw_create()
        elf_version(UInt32(EV_CURRENT))
    }

    deinit { nsunw_destroy(addressSpace) }

    /// The task's memory map changed (mmap, munmap, mprotect, mremap, execve): read it again next time.
    public func invalidate(_ pid: pid_t) {
        maps[pid] = nil
        nsunw_flush(addressSpace)
    }

    public func forget(_ pid: pid_t) { maps[pid] = nil }

    /// The frames of a stopped task, innermost first.
    public func frames(_ pid: pid_t) -> [Frame] {
        guard let addressSpace else { return [] }
        var ips = [UInt64](repeating: 0, count: Self.maxFrames)
        let n = Int(nsunw_backtrace(addressSpace, pid, &ips, Int32(Self.maxFrames)))
        guard n > 0 else { return [] }
        let mapping = currentMaps(pid, ips: ips[..<n])
        return ips.prefix(n).map { ip in
            guard let m = mapping.first(where: { ip >= $0.start && ip < $0.end }) else {
                return Frame(ip: ip, path: nil, symbol: nil, symbolOffset: 0, fileAddress: ip)
            }
            return frame(ip: ip, in: m, pid: pid)
        }
    }

    /// The task's executable mappings, from the cache unless an address falls outside them
    /// (the task mapped something we did not see, e.g. under a seccomp filter that does not
    /// stop at mmap): then read again once.
    func currentMaps(_ pid: pid_t, ips: ArraySlice<UInt64>) -> [Mapping] {
        var mapping = maps[pid] ?? readMaps(pid)
        if ips.contains(where: { ip in !mapping.contains { ip >= $0.start && ip < $0.end } }), maps[pid] != nil {
            mapping = readMaps(pid)
        }
        maps[pid] = mapping
        return mapping
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

    /// The stack of a stopped task as strace prints it (`format(frames(pid))`), with each
    /// frame's line formatted once per mapped file and file address.
    public func text(_ pid: pid_t) -> String {
        guard let addressSpace else { return "" }
        var ips = [UInt64](repeating: 0, count: Self.maxFrames)
        let n = Int(nsunw_backtrace(addressSpace, pid, &ips, Int32(Self.maxFrames)))
        guard n > 0 else { return "" }
        let mapping = currentMaps(pid, ips: ips[..<n])
        var out = ""
        for ip in ips[..<n] {
            guard let m = mapping.first(where: { ip >= $0.start && ip < $0.end }) else {
                out += Self.line(Frame(ip: ip, path: nil, symbol: nil, symbolOffset: 0, fileAddress: ip))
                continue
            }
            let fileAddress = ip - m.start + m.offset
            let file = files[m.file]
            if let line = file.lines[fileAddress] {
                out += line
                continue
            }
            let line = Self.line(frame(ip: ip, in: m, pid: pid))
            if cachedLines >= Self.maxCachedLines {
                for f in files { f.lines = [:] }
                cachedLines = 0
            }
            file.lines[fileAddress] = line
            cachedLines += 1
            out += line
        }
        return out
    }

    /// strace's text for frames: one ` > path(symbol+0xoff) [0xaddr]` line each.
    public static func format(_ frames: [Frame]) -> String {
        frames.map(line).joined()
    }

    static func line(_ f: Frame) -> String {
        guard let path = f.path else {
            return " > unexpected_backtracing_error [0x\(String(f.ip, radix: 16))]\n"
        }
        // File names and symbol names are the traced program's choice: escaped.
        let sym = f.symbol.map { "\(TerminalText.escape($0))+0x\(String(f.symbolOffset, radix: 16))" } ?? ""
        return " > \(TerminalText.escape(path))(\(sym)) [0x\(String(f.fileAddress, radix: 16))]\n"
    }

    // MARK: maps and symbols

    func readMaps(_ pid: pid_t) -> [Mapping] {
        guard let text = ProcFS.readText("/proc/\(pid)/maps") else { return [] }
        var out: [Mapping] = []
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard f.count == 6, f[1].contains("x") else { continue }
            let path = String(f[5]).trimmingCharacters(in: " ")
            guard path.hasPrefix("/") else { continue }
            let range = f[0].split(separator: "-")
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
