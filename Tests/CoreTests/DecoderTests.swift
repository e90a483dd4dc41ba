import Testing
@testable import NSCore

/// Tracee memory made of regions: base address → bytes.
struct FakeMemory: TraceeMemory {
    var regions: [UInt64: [UInt8]] = [:]

    mutating func put(_ addr: UInt64, _ bytes: [UInt8]) { regions[addr] = bytes }
    mutating func put(_ addr: UInt64, cString s: String) { regions[addr] = Array(s.utf8) + [0] }
    mutating func put(_ addr: UInt64, words: [UInt64]) { regions[addr] = words.flatMap { le($0, 8) } }

    func read(at address: UInt64, count: Int) -> [UInt8]? {
        for (base, b) in regions where address >= base && address - base <= UInt64(b.count)
            && UInt64(count) <= UInt64(b.count) - (address - base) {
            let o = Int(address - base)
            return Array(b[o..<(o + count)])
        }
        return nil
    }

    func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
        for (base, b) in regions where address >= base && address < base + UInt64(b.count) {
            let tail = b[Int(address - base)...].prefix(limit)
            if let nul = tail.firstIndex(of: 0) { return (Array(tail[tail.startIndex..<nul]), true) }
            return (Array(tail), false)
        }
        return nil
    }
}

/// Tracee memory readable by whole pages, as a real process's; it records the size of
/// each read of more than one byte that is not a string's.
final class PagedMemory: TraceeMemory {
    var bytes: [UInt64: UInt8] = [:]
    var reads: [Int] = []

    func map(_ addr: UInt64, pages: Int) { for a in addr..<(addr + UInt64(pages * 4096)) { bytes[a] = 0 } }
    func write(_ addr: UInt64, _ b: [UInt8]) { for (i, v) in b.enumerated() { bytes[addr + UInt64(i)] = v } }
    func write(_ addr: UInt64, words: [UInt64]) { write(addr, words.flatMap { le($0, 8) }) }

    func read(at address: UInt64, count: Int) -> [UInt8]? {
        if count > 1 { reads.append(count) }
        let out = (0..<count).compactMap { bytes[address + UInt64($0)] }
        return out.count == count ? out : nil
    }

    func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
        var out: [UInt8] = []
        while out.count < limit, let c = bytes[address + UInt64(out.count)] {
            if c == 0 { return (out, true) }
            out.append(c)
        }
        return out.isEmpty && bytes[address] == nil ? nil : (out, false)
    }
}

func le(_ v: UInt64, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }

struct FakeFDs: FDPathResolver {
    var paths: [Int64: String]
    func path(ofFD fd: Int64) -> String? { paths[fd] }
}

private let atFDCWD = UInt64(bitPattern: -100)

/// Decodes a whole call and renders it as strace's line body: `name(args) = ret`.
private func line(_ name: String, _ args: [UInt64], ret: Int64, error: Bool = false, mem: FakeMemory = FakeMemory(),
                  fds: FDPathResolver? = nil, s: Int = 32, y: Bool = false, abi: SyscallABI = .x86_64,
                  memAtExit: FakeMemory? = nil) -> String {
    decodedLine(name, args, ret: ret, error: error, options: .testing(s: s, y: y), mem: mem, exitMem: memAtExit,
                fds: fds, abi: abi)
}

/// The decoders' test options: `-s`, `-y`, `-v` (`verbose`: nothing abbreviated), `-X`.
extension DecodeOptions {
    static func testing(s: Int = 32, y: Bool = false, verbose: Bool = false, style: DecodeStyle = DecodeStyle()) -> DecodeOptions {
        var options = DecodeOptions(stringLimit: s, resolveFDs: y)
        options.style = style
        if verbose { options.abbreviate = TraceFilter(names: [], classes: [], negated: false) }
        return options
    }
}

/// A suite of strace's lines for calls decoded with `-s`, `-v` and `-X`/`-x` (DecoderFSTests,
/// DecoderNetTests): its `line`, and the errors the lines return.
protocol StraceLineSuite {}

extension StraceLineSuite {
    func line(_ name: String, _ args: [UInt64], ret: Int64 = 0, error: Bool = false,
              mem: FakeMemory = FakeMemory(), s: Int = 32, verbose: Bool = false,
              style: DecodeStyle = DecodeStyle()) -> String {
        decodedLine(name, args, ret: ret, error: error, options: .testing(s: s, verbose: verbose, style: style), mem: mem)
    }

    var efault: Int64 { -14 }
    var einval: Int64 { -22 }
    var enoent: Int64 { -2 }
}

/// A whole call decoded (entry in `mem`, exit in `exitMem`, else `mem`) and rendered as
/// strace's line body, `name(args) = ret`, checking that the printer's path (write*) gives
/// the same text as decodeEntry/decodeExit. Every decoder suite's `line` is this.
func decodedLine(_ name: String, _ args: [UInt64], ret: Int64, error: Bool = false, options: DecodeOptions,
                 mem: TraceeMemory, exitMem: TraceeMemory? = nil, fds: FDPathResolver? = nil,
                 abi: SyscallABI = .x86_64) -> String {
    let d = SyscallDecoder(options: options)
    let e = d.decodeEntry(name: name, abi: abi, args: args, memory: mem, fds: fds)
    let x = d.decodeExit(e, abi: abi, args: args, rval: ret, isError: error, memory: exitMem ?? mem, fds: fds)
    let direct = writtenLine(d, name, abi, args, ret: ret, error: error, mem: mem, exitMem: exitMem ?? mem, fds: fds)
    #expect(direct == stringLine(e, x), "the printer's path (write*) differs from decodeEntry/decodeExit")
    return name + "(" + x.args.joined(separator: ", ") + ") = " + x.ret
}

/// A call as the tracer prints it when only printing: `SyscallDecoder.writeEntry`, then
/// `exit`'s `writeArguments` and `writeResult`, into one buffer, the parts separated by `|`.
func writtenLine(_ d: SyscallDecoder, _ name: String, _ abi: SyscallABI, _ args: [UInt64], ret: Int64, error: Bool,
                 mem: TraceeMemory, exitMem: TraceeMemory, fds: FDPathResolver?) -> String {
    var out = ByteBuffer(capacity: 0)
    let raw = SyscallArgs(args)
    let e = d.writeEntry(SyscallDecoder.Call(name: name, abi: abi), args: raw, memory: mem, fds: fds, to: &out)
    out.append("|")
    var x = d.exit(e, abi: abi, args: raw, rval: ret, isError: error, memory: exitMem, fds: fds)
    x.writeArguments(to: &out)
    out.append("|")
    x.writeResult(to: &out)
    return out.string
}

/// `writtenLine`'s layout, from `decodeEntry` and `decodeExit`.
func stringLine(_ e: DecodedEntry, _ x: DecodedExit) -> String {
    // A continuation of the last argument shown at entry (clone3's ` => {...}`) is printed
    // first at exit, as the tracers show it (ArgCompletion.split).
    let args = x.completion?.split(x.args) ?? x.args
    return e.args.joined(separator: ", ") + "|" + args.dropFirst(e.args.count).joined(separator: ", ") + "|" + x.ret
}

@Suite struct DecoderTests {
    @Test func openatAndErrors() {
        var m = FakeMemory()
        m.put(0x1000, cString: "/etc/ld.so.cache")
        #expect(line("openat", [atFDCWD, 0x1000, 0x80000], ret: 3, mem: m)
            == #"openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3"#)
        #expect(line("openat", [atFDCWD, 0x1000, 0x241, 0o644], ret: 4, mem: m)
            == #"openat(AT_FDCWD, "/etc/ld.so.cache", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4"#)
        #expect(line("openat", [atFDCWD, 0x1000, 0x10000 | 0x10000000], ret: -2, error: true, mem: m)
            == #"openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_DIRECTORY|0x10000000) = -1 ENOENT (No such file or directory)"#)
        #expect(line("access", [0x1000, 0], ret: -2, error: true, mem: m)
            == #"access("/etc/ld.so.cache", F_OK) = -1 ENOENT (No such file or directory)"#)
        #expect(line("wait4", [UInt64(bitPattern: -1), 0x2000, 0, 0], ret: -512, error: true)
            == "wait4(-1, 0x2000, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)")
        #expect(line("pause", [], ret: -514, error: true) == "pause() = ? ERESTARTNOHAND (To be restarted if no handler)")
        #expect(line("close", [99], ret: -9, error: true) == "close(99) = -1 EBADF (Bad file descriptor)")
        let d = SyscallDecoder(options: DecodeOptions())
        let e = d.decodeEntry(name: "close", abi: .x86_64, args: [99], memory: m, fds: nil)
        let x = d.decodeExit(e, abi: .x86_64, args: [99], rval: -9, isError: true, memory: m, fds: nil)
        #expect(x.retValue == -9 && x.errnoName == "EBADF")
        #expect(ErrnoNames.text(516) == "Interrupted by signal" && ErrnoNames.name(513) == "ERESTARTNOINTR")
    }

    @Test func readIsDeferredEscapedAndCut() {
        var m = FakeMemory()
        m.put(0x5000, Array("\u{7f}ELF".utf8) + [2, 1, 1, 0, 0, 0] + Array("0123".utf8) + [0x0a, 0x09, 0x22, 0x5c, 0xff, 0x80, 0x31])
        let d = SyscallDecoder(options: DecodeOptions(stringLimit: 32))
        let e = d.decodeEntry(name: "read", abi: .x86_64, args: [3, 0x5000, 832], memory: m, fds: nil)
        #expect(e.args == ["3"] && e.deferredFrom == 1 && e.argCount == 3)
        let x = d.decodeExit(e, abi: .x86_64, args: [3, 0x5000, 832], rval: 21, isError: false, memory: m, fds: nil)
        #expect(x.args == ["3", #""\177ELF\2\1\1\0\0\0000123\n\t\"\\\377\2001""#, "832"])
        #expect(x.ret == "21")
        #expect(line("read", [3, 0x5000, 832], ret: 21, mem: m, s: 4) == #"read(3, "\177ELF"..., 832) = 21"#)
        #expect(line("read", [3, 0x5000, 10], ret: -11, error: true, mem: m)
            == "read(3, 0x5000, 10) = -1 EAGAIN (Resource temporarily unavailable)")
        #expect(line("read", [3, 0x5000, 100], ret: 0, mem: m) == #"read(3, "", 100) = 0"#)
    }

    @Test func writeAndVectors() {
        var m = FakeMemory()
        m.put(0x100, Array("a\"b\\c\td".utf8) + [1, 0x7f, 0xff, 0x80] + Array("e".utf8) + [0] + Array("f\n".utf8))
        #expect(line("write", [1, 0x100, 15], ret: 15, mem: m) == #"write(1, "a\"b\\c\td\1\177\377\200e\0f\n", 15) = 15"#)
        m.put(0x200, Array("0123456789012345678901234567890123456789\n".utf8))
        #expect(line("write", [1, 0x200, 41], ret: 41, mem: m) == #"write(1, "01234567890123456789012345678901"..., 41) = 41"#)
        m.put(0x300, [0, 0x31, 1, 0x32, 0])
        #expect(line("write", [1, 0x300, 5], ret: 5, mem: m) == #"write(1, "\0001\0012\0", 5) = 5"#)
        #expect(line("write", [1, 0, 5], ret: 5) == "write(1, NULL, 5) = 5")
        #expect(line("write", [1, 0x1, 5], ret: 5) == "write(1, 0x1, 5) = 5")
        m.put(0x400, Array("abcd\n".utf8))
        m.put(0x500, words: [0x400, 2, 0x402, 3])
        #expect(line("writev", [1, 0x500, 2], ret: 5, mem: m)
            == #"writev(1, [{iov_base="ab", iov_len=2}, {iov_base="cd\n", iov_len=3}], 2) = 5"#)
        m.put(0x600, Array("hello world".utf8))
        m.put(0x700, words: [0x600, 10])
        #expect(line("readv", [3, 0x700, 1], ret: 10, mem: m) == #"readv(3, [{iov_base="hello worl", iov_len=10}], 1) = 10"#)
    }

    /// As strace's printstr_ex and tprint_iov_upto: a buffer is read one byte past what -s
    /// shows (unreadable there: its address); iovecs are read one by one (the first that
    /// cannot be read ends the array with its address); after a failed read, the buffers'
    /// addresses; the count is unsigned.
    @Test func buffersAndVectorsReadAsStraceReadsThem() {
        var m = FakeMemory()
        m.put(0x1000, Array(repeating: UInt8(ascii: "X"), count: 32))
        // 32 bytes mapped: -s 32 shows them when they are all, not when a 33rd is asked for.
        #expect(line("write", [1, 0x1000, 32], ret: 32, mem: m) == #"write(1, "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", 32) = 32"#)
        #expect(line("write", [1, 0x1000, 40], ret: 40, mem: m) == "write(1, 0x1000, 40) = 40")
        #expect(line("write", [1, 0x1000, 40], ret: 40, mem: m, s: 31) == #"write(1, "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"..., 40) = 40"#)
        m.put(0x400, Array("abcd\n".utf8))
        m.put(0x2000, words: [0x400, 2])
        #expect(line("writev", [1, 0x2000, 2], ret: 2, mem: m)
            == #"writev(1, [{iov_base="ab", iov_len=2}, ... /* 0x2010 */], 2) = 2"#)
        #expect(line("writev", [1, 0x3000, 2], ret: 2, mem: m) == "writev(1, 0x3000, 2) = 2")
        #expect(line("readv", [3, 0x2000, 1], ret: -14, error: true, mem: m)
            == "readv(3, [{iov_base=0x400, iov_len=2}], 1) = -1 EFAULT (Bad address)")
        #expect(line("preadv2", [UInt64(bitPattern: -1), 0, UInt64.max, 7, 0, 1], ret: -9, error: true)
            == "preadv2(-1, NULL, 18446744073709551615, 7, RWF_HIPRI) = -1 EBADF (Bad file descriptor)")
        #expect(line("vmsplice", [1, 0x2000, 1, 2], ret: 2, mem: m)
            == #"vmsplice(1, [{iov_base="ab", iov_len=2}], 1, SPLICE_F_NONBLOCK) = 2"#)
    }

    /// poll's entries at entry as an array cut at -s (not under -v), ending with the address
    /// where memory ends; at exit the ready ones with their descriptors as plain numbers
    /// (none when the array cannot be read whole: the kernel has just written all of it).
    @Test func pollEntriesAsStracePrintsThem() {
        var m = FakeMemory()
        // {fd=3, events=POLLIN, revents=POLLIN}, {fd=4, events=POLLOUT, revents=0}
        m.put(0x1000, le(3, 4) + le(1, 2) + le(1, 2) + le(4, 4) + le(4, 2) + le(0, 2))
        #expect(line("poll", [0x1000, 2, 0], ret: 1, mem: m)
            == "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}], 2, 0) = 1 ([{fd=3, revents=POLLIN}])")
        #expect(line("poll", [0x1000, 2, 0], ret: 1, mem: m, s: 1)
            == "poll([{fd=3, events=POLLIN}, ...], 2, 0) = 1 ([{fd=3, revents=POLLIN}])")
        #expect(line("poll", [0x1000, 3, 0], ret: 1, mem: m)
            == "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}, ... /* 0x1010 */], 3, 0) = 1")
        #expect(line("poll", [0x1000, 2, 0], ret: 1, mem: m, fds: FakeFDs(paths: [3: "/dev/null"]), y: true)
            == "poll([{fd=3</dev/null>, events=POLLIN}, {fd=4, events=POLLOUT}], 2, 0) = 1 ([{fd=3, revents=POLLIN}])")
        var verbose = DecodeOptions(stringLimit: 1)
        verbose.abbreviate = TraceFilter(names: [], classes: [], negated: false)
        let d = SyscallDecoder(options: verbose)
        let e = d.decodeEntry(name: "poll", abi: .x86_64, args: [0x1000, 2, 0], memory: m, fds: nil)
        #expect(e.args.first == "[{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}]")
    }

    /// fsconfig as strace's fsconfig.c: its key, value and aux by command (a path and a dirfd,
    /// a descriptor, hex bytes, addresses for the commands that take none).
    @Test func fsconfigArgumentsByCommand() {
        var m = FakeMemory()
        m.put(0x100, Array("source\0".utf8))
        m.put(0x200, Array("/dev/x\0".utf8))
        m.put(0x300, [0xde, 0xad])
        let cwd = UInt64(bitPattern: -100)
        #expect(line("fsconfig", [3, 3, 0x100, 0x200, cwd], ret: 0, mem: m)
            == #"fsconfig(3, FSCONFIG_SET_PATH, "source", "/dev/x", AT_FDCWD) = 0"#)
        #expect(line("fsconfig", [3, 5, 0x100, 0x200, 4], ret: 0, mem: m, fds: FakeFDs(paths: [4: "/dev/null"]), y: true)
            == #"fsconfig(3, FSCONFIG_SET_FD, "source", 0x200, 4</dev/null>) = 0"#)
        #expect(line("fsconfig", [3, 2, 0x100, 0x300, 2], ret: 0, mem: m)
            == #"fsconfig(3, FSCONFIG_SET_BINARY, "source", "\xde\xad", 2) = 0"#)
        #expect(line("fsconfig", [3, 6, 0x100, 0x200, 0], ret: 0, mem: m) == "fsconfig(3, FSCONFIG_CMD_CREATE, 0x100, 0x200, 0) = 0")
    }

    /// `-e verbose=SET`: outside SET, structures, arrays and pointed-to values are shown by
    /// their address (strace's tfetch_mem); strings are still read.
    @Test func verboseSetLeavesOthersAsAddresses() {
        var m = FakeMemory()
        m.put(0x1000, Array(repeating: 0, count: 144))
        m.put(0x2000, Array("/bin/true\0".utf8))
        m.put(0x3000, words: [0x2000, 0])
        m.put(0x4000, le(3, 4) + le(1, 2) + le(1, 2))
        var options = DecodeOptions()
        options.verbose = TraceFilter(names: ["write"], classes: [], negated: true)   // all but write
        let d = SyscallDecoder(options: options)
        func text(_ name: String, _ args: [UInt64], ret: Int64) -> String {
            let e = d.decodeEntry(name: name, abi: .x86_64, args: args, memory: m, fds: nil)
            let x = d.decodeExit(e, abi: .x86_64, args: args, rval: ret, isError: false, memory: m, fds: nil)
            return name + "(" + x.args.joined(separator: ", ") + ") = " + x.ret
        }
        #expect(text("fstat", [3, 0x1000], ret: 0).hasPrefix("fstat(3, {st_mode="))
        #expect(text("poll", [0x4000, 1, 0], ret: 1) == "poll([{fd=3, events=POLLIN}], 1, 0) = 1 ([{fd=3, revents=POLLIN}])")
        options.verbose = TraceFilter(names: ["write"], classes: [], negated: false)  // write only
        let quiet = SyscallDecoder(options: options)
        let e = quiet.decodeEntry(name: "execve", abi: .x86_64, args: [0x2000, 0x3000, 0x3000], memory: m, fds: nil)
        #expect(e.args == [#""/bin/true""#, "0x3000", "0x3000"])
        let f = quiet.decodeEntry(name: "fstat", abi: .x86_64, args: [3, 0x1000], memory: m, fds: nil)
        let fx = quiet.decodeExit(f, abi: .x86_64, args: [3, 0x1000], rval: 0, isError: false, memory: m, fds: nil)
        #expect(fx.args == ["3", "0x1000"])
        let p = quiet.decodeEntry(name: "poll", abi: .x86_64, args: [0x4000, 1, 0], memory: m, fds: nil)
        #expect(p.args.first == "0x4000")
    }

    /// argv and envp are read a page at a time (not one pointer per read), and an array
    /// that runs into an unmapped page ends there as before.
    @Test func pointerArraysAreReadByPage() {
        let mem = PagedMemory()
        mem.map(0x1000, pages: 2)
        mem.write(0x1100, Array("ls\0-l\0".utf8))
        // Two pointers at the end of the first page, two and the NULL on the next.
        mem.write(0x1ff0, words: [0x1100, 0x1103, 0x1100, 0x1103, 0])
        let d = SyscallDecoder(options: DecodeOptions())
        let e = d.decodeEntry(name: "execve", abi: .x86_64, args: [0x1100, 0x1ff0, 0x1ff0], memory: mem, fds: nil)
        #expect(e.args == [#""ls""#, #"["ls", "-l", "ls", "-l"]"#, "0x1ff0 /* 4 vars */"])
        #expect(mem.reads == [16, 248, 16, 4096], "one read per page: argv up to -s + 1 pointers, envp up to 65536")
        // The array runs off the mapped pages: what was read, then where it could not read
        // (strace's printargv); envp is counted as "unterminated".
        mem.write(0x2fe8, words: [0x1100, 0x1103, 0x1100])
        mem.reads = []
        let cut = d.decodeEntry(name: "execve", abi: .x86_64, args: [0x1100, 0x2fe8, 0x2fe8], memory: mem, fds: nil)
        #expect(cut.args == [#""ls""#, #"["ls", "-l", "ls", ... /* 0x3000 */]"#, "0x2fe8 /* 3 vars, unterminated */"])
    }

    @Test func execveArgvAndEnvp() {
        var m = FakeMemory()
        m.put(0x10, cString: "/usr/bin/ls")
        m.put(0x20, cString: "ls"); m.put(0x30, cString: "-l"); m.put(0x40, cString: "a\nb")
        m.put(0x100, words: [0x20, 0x30, 0x40, 0])
        m.put(0x7ffe501ddd98, words: [0x20, 0x30, 0])
        let d = SyscallDecoder(options: DecodeOptions())
        let e = d.decodeEntry(name: "execve", abi: .x86_64, args: [0x10, 0x100, 0x7ffe501ddd98], memory: m, fds: nil)
        #expect(e.deferredFrom == 3)
        #expect(e.args == [#""/usr/bin/ls""#, #"["ls", "-l", "a\nb"]"#, "0x7ffe501ddd98 /* 2 vars */"])
        m.put(0x200, words: [0x20, 0])
        #expect(line("execve", [0x10, 0x100, 0x200], ret: 0, mem: m)
            == #"execve("/usr/bin/ls", ["ls", "-l", "a\nb"], 0x200 /* 1 var */) = 0"#)
        #expect(line("execve", [0x10, 0, 0], ret: -13, error: true, mem: m)
            == #"execve("/usr/bin/ls", NULL, NULL) = -1 EACCES (Permission denied)"#)
        m.put(0x300, words: Array(repeating: 0x20, count: 3) + [0])
        #expect(line("execve", [0x10, 0x300, 0], ret: 0, mem: m, s: 2) == #"execve("/usr/bin/ls", ["ls", "ls", ...], NULL) = 0"#)
    }

    @Test func mmapMemory() {
        #expect(line("mmap", [0, 8192, 3, 0x22, UInt64(bitPattern: -1), 0], ret: 0x7f07e131a000)
            == "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f07e131a000")
        #expect(line("mmap", [0x7f07e12ea000, 110592, 5, 0x812, 3, 0x7000], ret: 0x7f07e12ea000)
            == "mmap(0x7f07e12ea000, 110592, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x7000) = 0x7f07e12ea000")
        #expect(line("mmap", [0x10000, 4096, 0, 0x124122, UInt64(bitPattern: -1), 0], ret: 0x10000)
            == "mmap(0x10000, 4096, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE|MAP_GROWSDOWN|MAP_STACK|MAP_FIXED_NOREPLACE, -1, 0) = 0x10000")
        #expect(line("mmap", [0, 4096, 0x11, 0x20, UInt64(bitPattern: -1), 0], ret: -22, error: true)
            == "mmap(NULL, 4096, PROT_READ|0x10, MAP_FILE|MAP_ANONYMOUS, -1, 0) = -1 EINVAL (Invalid argument)")
        #expect(line("mmap", [0, 4096, 1, 0x22 | 0x40000 | (21 << 26), UInt64(bitPattern: -1), 0], ret: 0x1000)
            == "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT, -1, 0) = 0x1000")
        #expect(line("brk", [0], ret: 0x5567316e6000) == "brk(NULL) = 0x5567316e6000")
        #expect(line("mremap", [0x7f7b286c1000, 4096, 8192, 1, 0], ret: 0x7f7b286bf000)
            == "mremap(0x7f7b286c1000, 4096, 8192, MREMAP_MAYMOVE) = 0x7f7b286bf000")
        #expect(line("madvise", [0x1000, 4096, 14], ret: 0) == "madvise(0x1000, 4096, MADV_HUGEPAGE) = 0")
        #expect(line("mprotect", [0x5566f791d000, 4096, 1], ret: 0) == "mprotect(0x5566f791d000, 4096, PROT_READ) = 0")
        #expect(line("mmap2", [0, 8192, 3, 0x22, 0xffff_ffff, 1], ret: 0xf7f00000, abi: .i386)
            == "mmap2(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0x1000) = 0xf7f00000")
    }

    @Test func cloneFamily() {
        let flags: UInt64 = 0x1200000 | 17
        let d = SyscallDecoder(options: DecodeOptions())
        let e = d.decodeEntry(name: "clone", abi: .x86_64, args: [flags, 0, 0, 0x7f0721340a10, 0], memory: FakeMemory(), fds: nil)
        #expect(e.args == ["child_stack=NULL", "flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD"])
        #expect(line("clone", [flags, 0, 0, 0x7f0721340a10, 0], ret: 7409)
            == "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0721340a10) = 7409")
        #expect(line("clone", [0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x80000 | 0x100000 | 0x200000,
                               0x7f00, 0x7f10, 0x7f20, 0x7f30], ret: 12, mem: { var m = FakeMemory(); m.put(0x7f10, le(12, 4)); return m }())
            == "clone(child_stack=0x7f00, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=[12], tls=0x7f30, child_tidptr=0x7f20) = 12")
        var m = FakeMemory()
        m.put(0x9000, le(0x100 | 0x1000 | 0x4000, 8) + le(0x7ffccf8de5fc, 8) + le(0, 16) + le(17, 8)
              + le(0x7f072152d000, 8) + le(0x1000, 8) + le(0, 8))
        // What the kernel wrote is shown after the struct (strace's ` => {...}`): the pidfd
        // here, as its address when it cannot be read.
        #expect(line("clone3", [0x9000, 64], ret: 5, mem: m)
            == "clone3({flags=CLONE_VM|CLONE_PIDFD|CLONE_VFORK, pidfd=0x7ffccf8de5fc, exit_signal=SIGCHLD, stack=0x7f072152d000, stack_size=0x1000} => {pidfd=0x7ffccf8de5fc}, 64) = 5")
        m.put(0x7ffccf8de5fc, le(3, 4))
        #expect(line("clone3", [0x9000, 64], ret: 5, mem: m)
            == "clone3({flags=CLONE_VM|CLONE_PIDFD|CLONE_VFORK, pidfd=0x7ffccf8de5fc, exit_signal=SIGCHLD, stack=0x7f072152d000, stack_size=0x1000} => {pidfd=[3]}, 64) = 5")
        #expect(line("unshare", [0x400 | 0x20000 | 0x4000000 | 0x20000000], ret: 0)
            == "unshare(CLONE_FILES|CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWPID) = 0")
    }

    @Test func signals() {
        var m = FakeMemory()
        // handler, flags, restorer, mask (INT and glibc's SIGRTMIN+3 = 37)
        m.put(0x100, le(0x55fb0cb51789, 8) + le(0x04000000 | 0x10000000, 8) + le(0x7f7b28513050, 8) + le(1 << 1 | 1 << 36, 8))
        m.put(0x200, le(0, 32))
        #expect(line("rt_sigaction", [10, 0x100, 0x200, 8], ret: 0, mem: m)
            == "rt_sigaction(SIGUSR1, {sa_handler=0x55fb0cb51789, sa_mask=[INT RT_5], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f7b28513050}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0")
        m.put(0x300, le(1 << 1 | 1 << 14, 8))
        #expect(line("rt_sigprocmask", [0, 0x300, 0, 8], ret: 0, mem: m) == "rt_sigprocmask(SIG_BLOCK, [INT TERM], NULL, 8) = 0")
        m.put(0x400, le(~UInt64(0) & ~(1 << 31 | 1 << 32), 8))
        #expect(line("rt_sigprocmask", [2, 0x400, 0x300, 8], ret: 0, mem: m)
            == "rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], [INT TERM], 8) = 0")
        #expect(line("rt_sigprocmask", [7, 0x300, 0, 4], ret: -22, error: true, mem: m)
            == "rt_sigprocmask(0x7 /* SIG_??? */, 0x300, NULL, 4) = -1 EINVAL (Invalid argument)")
        #expect(line("kill", [99999, 34], ret: 0) == "kill(99999, SIGRT_2) = 0")
        #expect(line("tgkill", [3128, 3128, 0], ret: 0) == "tgkill(3128, 3128, 0) = 0")
        #expect(SignalNames.name(17) == "SIGCHLD" && SignalNames.name(32) == "SIGRTMIN" && SignalNames.name(99) == "99")
        #expect(SignalNames.number("KILL") == 9 && SignalNames.number("SIGTERM") == 15 && SignalNames.number("9") == 9)
        #expect(SignalNames.number("SIGRT_3") == 35 && SignalNames.number("bogus") == nil)
    }

    @Test func fdPathsWithY() {
        var m = FakeMemory()
        m.put(0x10, cString: "/etc/hostname")
        m.put(0x20, Array("vm\n".utf8))
        let fds = FakeFDs(paths: [3: "/etc/hostname", 1: "pipe:[4863]", -100: "/tmp/dec", 5: "/tmp/a>b\nc"])
        #expect(line("openat", [atFDCWD, 0x10, 0], ret: 3, mem: m, fds: fds, y: true)
            == #"openat(AT_FDCWD</tmp/dec>, "/etc/hostname", O_RDONLY) = 3</etc/hostname>"#)
        #expect(line("read", [3, 0x20, 131072], ret: 3, mem: m, fds: fds, y: true)
            == #"read(3</etc/hostname>, "vm\n", 131072) = 3"#)
        #expect(line("close", [5], ret: 0, fds: fds, y: true) == #"close(5</tmp/a\76b\nc>) = 0"#)
        #expect(line("dup2", [1, 7], ret: 7, fds: FakeFDs(paths: [1: "pipe:[1]", 7: "pipe:[1]"]), y: true)
            == "dup2(1<pipe:[1]>, 7<pipe:[1]>) = 7<pipe:[1]>")
        #expect(line("read", [3, 0x20, 3], ret: 3, mem: m, fds: fds, y: false) == #"read(3, "vm\n", 3) = 3"#)
        m.put(0x30, le(3, 4) + le(4, 4))
        #expect(line("pipe2", [0x30, 0x80000], ret: 0, mem: m, fds: FakeFDs(paths: [3: "pipe:[9]", 4: "pipe:[9]"]), y: true)
            == "pipe2([3<pipe:[9]>, 4<pipe:[9]>], O_CLOEXEC) = 0")
    }

    @Test func genericAndUnknown() {
        #expect(line("syscall_0x1f4", [1, 2, 3, 0x7ffccf8dec90, 0x7ffccf8dec90, 0x7ffccf8dec90], ret: -38, error: true)
            == "syscall_0x1f4(0x1, 0x2, 0x3, 0x7ffccf8dec90, 0x7ffccf8dec90, 0x7ffccf8dec90) = -1 ENOSYS (Function not implemented)")
        // A known call without a signature: its parameters in hex (shmget has three).
        #expect(line("shmget", [1, 2, 3, 4, 5, 6], ret: -38, error: true)
            == "shmget(0x1, 0x2, 0x3) = -1 ENOSYS (Function not implemented)")
        #expect(line("sched_yield", [], ret: 0) == "sched_yield() = 0")
        #expect(line("socketcall", [1, 0xffd0], ret: 3, abi: .i386) == "socketcall(0x1, 0xffd0) = 3")
        #expect(line("close", [0xffff_ffff_0000_0003], ret: 0, abi: .i386) == "close(3) = 0")
    }

    @Test func structsAndMisc() {
        var m = FakeMemory()
        m.put(0x10, cString: "")
        var st = [UInt8](repeating: 0, count: 144)
        st.replaceSubrange(24..<28, with: le(0o100644, 4)); st.replaceSubrange(48..<56, with: le(35215, 8))
        m.put(0x100, st)
        #expect(line("newfstatat", [3, 0x10, 0x100, 0x1000], ret: 0, mem: m)
            == #"newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=35215, ...}, AT_EMPTY_PATH) = 0"#)
        #expect(line("newfstatat", [3, 0x10, 0x100, 0x100], ret: -2, error: true, mem: m)
            == #"newfstatat(3, "", 0x100, AT_SYMLINK_NOFOLLOW) = -1 ENOENT (No such file or directory)"#)
        m.put(0x200, le(8 * 1024 * 1024, 8) + le(.max, 8))
        #expect(line("prlimit64", [0, 3, 0, 0x200], ret: 0, mem: m)
            == "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0")
        m.put(0x300, le(0, 8) + le(1000, 8))
        #expect(line("clock_nanosleep", [1, 1, 0x300, 0], ret: 0, mem: m)
            == "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=0, tv_nsec=1000}, NULL) = 0")
        #expect(line("futex", [0x7fff486b13ec, 0x189, 1, 0x300, 0, 0xffff_ffff], ret: -11, error: true, mem: m)
            == "futex(0x7fff486b13ec, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 1, {tv_sec=0, tv_nsec=1000}, FUTEX_BITSET_MATCH_ANY) = -1 EAGAIN (Resource temporarily unavailable)")
        #expect(line("futex", [0x7fff486b13ec, 0x81, 1, 0, 0, 0], ret: 0) == "futex(0x7fff486b13ec, FUTEX_WAKE_PRIVATE, 1) = 0")
        m.put(0x400, Array("Linux".utf8) + [UInt8](repeating: 0, count: 60) + Array("vm".utf8) + [UInt8](repeating: 0, count: 63))
        #expect(line("uname", [0x400], ret: 0, mem: m) == #"uname({sysname="Linux", nodename="vm", ...}) = 0"#)
        #expect(line("arch_prctl", [0x1002, 0x7f07e1064800], ret: 0) == "arch_prctl(ARCH_SET_FS, 0x7f07e1064800) = 0")
        #expect(line("arch_prctl", [0x3001, 0], ret: -22, error: true)
            == "arch_prctl(0x3001 /* ARCH_??? */, 0) = -1 EINVAL (Invalid argument)")
        m.put(0x500, cString: "hello")
        #expect(line("prctl", [15, 0x500, 0, 0, 0], ret: 0, mem: m) == #"prctl(PR_SET_NAME, "hello") = 0"#)
        #expect(line("prctl", [3, 0, 0, 0, 0], ret: 0) == "prctl(PR_GET_DUMPABLE) = 0 (SUID_DUMP_DISABLE)")
        #expect(line("prctl", [0x17, 21, 0, 0, 0], ret: 1) == "prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) = 1")
        #expect(line("fcntl", [3, 3], ret: 0x28000) == "fcntl(3, F_GETFL) = 0x28000 (flags O_RDONLY|O_LARGEFILE|O_NOFOLLOW)")
        #expect(line("fcntl", [3, 4, 0x800], ret: 0) == "fcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK) = 0")
        #expect(line("ioctl", [1, 0x12345678, 0x1234], ret: -25, error: true)
            == "ioctl(1, _IOC(_IOC_NONE, 0x56, 0x78, 0x1234), 0x1234) = -1 ENOTTY (Inappropriate ioctl for device)")
        #expect(line("ioctl", [0, 0x5401, 0x7ffdfbdf42f0], ret: -25, error: true)
            == "ioctl(0, TCGETS, 0x7ffdfbdf42f0) = -1 ENOTTY (Inappropriate ioctl for device)")
        #expect(line("umask", [0o22], ret: 0o22) == "umask(022) = 022")
        #expect(line("fchmod", [3, 0], ret: 0) == "fchmod(3, 000) = 0")
        #expect(line("chown", [0x10, 0, 0xffff_ffff], ret: 0, mem: m) == #"chown("", 0, -1) = 0"#)
        m.put(0x600, le(1 << 1, 8) + le(0, 8))
        #expect(line("getrandom", [0x600, 4, 3], ret: 4, mem: m) == #"getrandom("\x02\x00\x00\x00", 4, GRND_NONBLOCK|GRND_RANDOM) = 4"#)
        #expect(line("getrandom", [0, 0, 0x80], ret: -22, error: true)
            == "getrandom(NULL, 0, 0x80 /* GRND_??? */) = -1 EINVAL (Invalid argument)")
        m.put(0x700, le(2, 4))
        #expect(line("wait4", [UInt64(bitPattern: -1), 0x700, 0, 0], ret: 7409, mem: m)
            == "wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGINT}], 0, NULL) = 7409")
        m.put(0x710, le(3 << 8, 4))
        #expect(line("wait4", [7409, 0x710, 0x40000000, 0], ret: 7409, mem: m)
            == "wait4(7409, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], __WALL, NULL) = 7409")
        #expect(line("personality", [8], ret: 0) == "personality(PER_LINUX32) = 0 (PER_LINUX)")
    }

    @Test func network() {
        var m = FakeMemory()
        m.put(0x100, le(1, 2) + Array("/var/run/nscd/socket".utf8) + [UInt8](repeating: 0, count: 88))
        #expect(line("connect", [3, 0x100, 110], ret: -2, error: true, mem: m)
            == #"connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)"#)
        m.put(0x200, le(2, 2) + [0, 53, 127, 0, 0, 1] + [UInt8](repeating: 0, count: 8))
        #expect(line("bind", [4, 0x200, 16], ret: 0, mem: m)
            == #"bind(4, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.1")}, 16) = 0"#)
        m.put(0x300, le(10, 2) + [0, 80] + le(0, 4) + [UInt8](repeating: 0, count: 15) + [1] + le(0, 4))
        #expect(line("connect", [5, 0x300, 28], ret: -111, error: true, mem: m)
            == #"connect(5, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED (Connection refused)"#)
        #expect(line("socket", [1, 0x80001, 0], ret: 3) == "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3")
        #expect(line("socket", [2, 0x802, 17], ret: 4) == "socket(AF_INET, SOCK_DGRAM|SOCK_NONBLOCK, IPPROTO_UDP) = 4")
        #expect(line("socket", [16, 3, 0], ret: 6) == "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) = 6")
        m.put(0x400, le(1, 4)); m.put(0x410, le(4, 4))
        #expect(line("setsockopt", [4, 1, 2, 0x400, 4], ret: 0, mem: m) == "setsockopt(4, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0")
        #expect(line("setsockopt", [5, 6, 1, 0x400, 4], ret: 0, mem: m) == "setsockopt(5, SOL_TCP, TCP_NODELAY, [1], 4) = 0")
        let d = SyscallDecoder(options: DecodeOptions())
        var before = FakeMemory(); before.put(0x200, [UInt8](repeating: 0, count: 16)); before.put(0x500, le(128, 4))
        var after = m; after.put(0x500, le(16, 4))
        let e = d.decodeEntry(name: "getsockname", abi: .x86_64, args: [4, 0x200, 0x500], memory: before, fds: nil)
        let x = d.decodeExit(e, abi: .x86_64, args: [4, 0x200, 0x500], rval: 0, isError: false, memory: after, fds: nil)
        #expect(x.args == ["4", #"{sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.1")}"#, "[128 => 16]"])
        m.put(0x600, le(7, 4) + le(3, 2) + le(0, 2) + le(8, 4) + le(4, 2) + le(4, 2))
        #expect(line("poll", [0x600, 2, 0], ret: 1, mem: m)
            == "poll([{fd=7, events=POLLIN|POLLPRI}, {fd=8, events=POLLOUT}], 2, 0) = 1 ([{fd=8, revents=POLLOUT}])")
        #expect(line("poll", [0x600, 2, 10], ret: 0, mem: m)
            == "poll([{fd=7, events=POLLIN|POLLPRI}, {fd=8, events=POLLOUT}], 2, 10) = 0 (Timeout)")
        m.put(0x700, le(0x80000001, 4) + le(7, 8))
        #expect(line("epoll_ctl", [9, 1, 8, 0x700], ret: 0, mem: m)
            == "epoll_ctl(9, EPOLL_CTL_ADD, 8, {events=EPOLLIN|EPOLLET, data={u32=7, u64=7}}) = 0")
    }

    @Test func emptyResultsAndDirents() {
        var m = FakeMemory()
        m.put(0x800, [UInt8](repeating: 0, count: 48))
        #expect(line("epoll_wait", [9, 0x800, 4, 0], ret: 0, mem: m) == "epoll_wait(9, [], 4, 0) = 0")
        #expect(line("ioctl", [1, 0x400454ca, 0], ret: -25, error: true)
            == "ioctl(1, TUNSETIFF, 0) = -1 ENOTTY (Inappropriate ioctl for device)")
        var d = [UInt8](repeating: 0, count: 48)
        d.replaceSubrange(16..<18, with: le(24, 2)); d.replaceSubrange(40..<42, with: le(24, 2))
        m.put(0x900, d)
        #expect(line("getdents64", [13, 0x900, 256], ret: 48, mem: m) == "getdents64(13, 0x900 /* 2 entries */, 256) = 48")
        #expect(line("getgroups", [4, 0x800], ret: 0, mem: m) == "getgroups(4, []) = 0")
        #expect(line("sendfile", [1, 0, 0x800, 10], ret: -22, error: true, mem: m)
            == "sendfile(1, 0, [0], 10) = -1 EINVAL (Invalid argument)")
        #expect(line("fcntl", [3, 1], ret: 1) == "fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)")
        #expect(line("dup3", [3, 21, 0x80000], ret: 21) == "dup3(3, 21, O_CLOEXEC) = 21")
    }

    @Test func sigInfoLines() {
        var si = SigInfo()
        si.signo = 17; si.code = 1; si.pid = 1236
        #expect(SigInfoFormat.format(si)
            == "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1236, si_uid=0, si_status=0, si_utime=0, si_stime=0}")
        si.code = 2; si.status = 9
        #expect(SigInfoFormat.format(si)
            == "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=1236, si_uid=0, si_status=SIGKILL, si_utime=0, si_stime=0}")
        var i = SigInfo(); i.signo = 2; i.code = 0; i.pid = 1
        #expect(SigInfoFormat.format(i) == "{si_signo=SIGINT, si_code=SI_USER, si_pid=1, si_uid=0}")
        var s = SigInfo(); s.signo = 11; s.code = 1
        #expect(SigInfoFormat.format(s) == "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}")
        var t = SigInfo(); t.signo = 5; t.code = 0x80
        // Sent by the kernel (not SI_FROMUSER): the signal's fields, as strace 6.1 prints int3's.
        #expect(SigInfoFormat.format(t) == "{si_signo=SIGTRAP, si_code=SI_KERNEL, si_addr=NULL}")
        var k = SigInfo(); k.signo = 11; k.code = -6; k.pid = 11730
        #expect(SigInfoFormat.format(k) == "{si_signo=SIGSEGV, si_code=SI_TKILL, si_pid=11730, si_uid=0}")
    }

    @Test func classesMatchStrace() {
        typealias C = SyscallClasses
        let expected: [String: C] = [
            "read": .desc, "openat": [.desc, .file], "execve": [.file, .process, .namespace],
            "mmap": [.desc, .memory], "newfstatat": [.desc, .file], "close_range": [], "kill": [.signal, .process],
            "socket": .network, "sendfile": [.desc, .network], "getuid": .creds, "prctl": .creds, "shmat": [.ipc, .memory],
            "clone": [.process, .namespace], "mount": [.file, .namespace], "sethostname": .namespace,
            "inotify_add_watch": [.desc, .file], "pidfd_send_signal": [.desc, .signal, .process], "getcwd": .file,
            "fstatfs": .desc, "brk": .memory, "rt_sigreturn": .signal, "wait4": .process, "stat64": .file,
            "mseal": .memory, "nanosleep": [], "fsconfig": [.desc, .file, .namespace],
        ]
        for (name, c) in expected { #expect(SyscallDecoder.classes(of: name) == c, "\(name)") }
        #expect(SyscallDecoder.classes(of: "syscall_0x1c4") == [])
    }

    @Test func catalogCoverage() {
        #expect(SyscallDecoder.decodedNames.count >= 120)
        for n in ["openat", "read", "clone3", "rt_sigaction", "setns", "statx", "close_range"] {
            #expect(SyscallDecoder.decodedNames.contains(n))
        }
        for abi in [SyscallABI.x86_64, .i386] {
            for row in SyscallSpecs.rows(abi) { #expect((0...6).contains(row.argumentCount), "\(row.name)") }
        }
        #expect(SyscallSpecs.rows(.x86_64).count >= 370)
        #expect(SyscallSpecs.spec(named: "read", abi: .x86_64)?.number == 0)
        #expect(SyscallSpecs.spec(named: "mseal", abi: .x86_64)?.number == 462)
        #expect(SyscallSpecs.spec(462, abi: .x86_64)?.argumentCount == 3)
        #expect(SyscallSpecs.spec(202, abi: .x86_64)?.name == "futex" && SyscallSpecs.spec(202, abi: .x86_64)?.argumentCount == 6)
        #expect(SyscallSpecs.spec(335, abi: .x86_64) == nil && SyscallSpecs.spec(-1, abi: .i386) == nil)
        #expect(SyscallSpecs.spec(462, abi: .i386)?.name == "mseal" && SyscallSpecs.spec(0, abi: .i386)?.name == "restart_syscall")
    }
}
