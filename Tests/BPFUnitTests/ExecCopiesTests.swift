import Testing
@testable import NSBPF
@testable import NSCore

/// An execve's strings its entry could not read, lent from the new image's copies
/// (CapturedMemory.lendExecCopies) only when the copies are the argv the call passed.
@Suite struct ExecCopiesTests {
    /// Bytes kept alive for the regions that point into them.
    final class Arena {
        var blocks: [UnsafeMutableRawBufferPointer] = []
        func bytes(_ b: [UInt8]) -> UnsafeRawBufferPointer {
            let m = UnsafeMutableRawBufferPointer.allocate(byteCount: max(b.count, 1), alignment: 8)
            m.copyBytes(from: b)
            blocks.append(m)
            return UnsafeRawBufferPointer(rebasing: m[0..<b.count])
        }
        deinit { for b in blocks { b.deallocate() } }
    }

    static func le(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// argv at 0x1000 with strings at 0x2000, 0x3000, ...; `read` says what the entry read of
    /// each: nil (not present), or its bytes and whether it ended there.
    static func memory(_ arena: Arena, argv: [String], read: [(String, Bool)?], whole: Bool) -> CapturedMemory {
        let m = CapturedMemory()
        var words: [UInt8] = []
        for i in argv.indices { words += le(0x2000 + UInt64(i) * 0x1000) }
        if whole { words += le(0) }
        m.add(CapturedRegion(address: 0x1000, kind: .pointers, status: whole ? .ok : .unterminated, bytes: arena.bytes(words)))
        for (i, r) in read.enumerated() {
            guard let (text, ended) = r else { continue }
            m.add(CapturedRegion(address: 0x2000 + UInt64(i) * 0x1000, kind: .string, status: ended ? .ok : .unterminated,
                                 bytes: arena.bytes(Array(text.utf8))))
        }
        return m
    }

    static func area(_ arena: Arena, _ strings: [String]) -> UnsafeRawBufferPointer {
        arena.bytes(strings.flatMap { Array($0.utf8) + [0] })
    }

    static func shown(_ m: CapturedMemory, _ i: Int) -> String? {
        m.readCString(at: 0x2000 + UInt64(i) * 0x1000, limit: 4096).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// What failed in CI: a checkout at a longer path made argv[0] longer than -s, so every
    /// string the entry read was cut (none read whole), the pointer array was read in part
    /// (1026 pointers), and "child", never read, stayed `/* not captured */`. A cut read
    /// that is a prefix of its copy matches too.
    @Test func stringsCutAtTheLimitStillMatchTheirCopies() {
        let arena = Arena()
        let argv = ["/check/work/main/samples/bin/bigargv", "child", String(repeating: "a", count: 40)]
        let m = Self.memory(arena, argv: argv, read: [(String(argv[0].prefix(33)), false), nil, (String(repeating: "a", count: 33), false)], whole: false)
        m.lendExecCopies(call: "execve", filename: 0x9000, argv: 0x1000, word: 8, area: Self.area(arena, argv), execfn: nil, areaLimit: 1 << 20)
        #expect(Self.shown(m, 1) == "child")
        #expect(m.misses.isEmpty)
    }

    /// A `#!` script: the image's argv starts with the interpreter; nothing is lent.
    @Test func aScriptsImageLendsNothing() {
        let arena = Arena()
        let argv = ["./script", "child"]
        let m = Self.memory(arena, argv: argv, read: [("./script", true), nil], whole: true)
        m.lendExecCopies(call: "execve", filename: 0x9000, argv: 0x1000, word: 8,
                         area: Self.area(arena, ["/bin/sh", "./script", "child"]), execfn: nil, areaLimit: 1 << 20)
        #expect(Self.shown(m, 1) == nil)
        // Same count, different first string (an interpreter in its place): nothing either.
        let m2 = Self.memory(arena, argv: argv, read: [(String(repeating: "x", count: 33), false), nil], whole: true)
        m2.lendExecCopies(call: "execve", filename: 0x9000, argv: 0x1000, word: 8,
                          area: Self.area(arena, ["/bin/sh", "child"]), execfn: nil, areaLimit: 1 << 20)
        #expect(Self.shown(m2, 1) == nil)
    }

    /// The filename is lent when it is the name the call gave (execve; execveat with AT_FDCWD
    /// or an absolute name), and the area's last string when cut is not.
    @Test func filenameForExecveAndACutLastStringNotLent() {
        let arena = Arena()
        let argv = ["prog", "one", "two"]
        let m = Self.memory(arena, argv: argv, read: [("prog", true), nil, nil], whole: true)
        let cut = Array("prog\0one\0tw".utf8)
        let area = arena.bytes(cut)
        m.lendExecCopies(call: "execve", filename: 0x9000, argv: 0x1000, word: 8, area: area,
                         execfn: arena.bytes(Array("/bin/prog".utf8)), areaLimit: cut.count)
        #expect(m.readCString(at: 0x9000, limit: 64).map { String(decoding: $0.bytes, as: UTF8.self) } == "/bin/prog")
        #expect(Self.shown(m, 1) == "one" && Self.shown(m, 2) == nil)
        let at = Self.memory(arena, argv: argv, read: [("prog", true), nil, nil], whole: true)
        at.lendExecCopies(call: "execveat", dirfd: 3, filename: 0x9000, argv: 0x1000, word: 8, area: nil,
                          execfn: arena.bytes(Array("/dev/fd/3".utf8)), areaLimit: 1 << 20)
        #expect(at.readCString(at: 0x9000, limit: 64) == nil)
        for (dirfd, execfn, lent) in [(Int64(-100), "/bin/prog", true), (3, "/bin/prog", true), (3, "/dev/fd/3/prog", false),
                                      (-100, "prog", true)] {
            let m = Self.memory(arena, argv: argv, read: [("prog", true), nil, nil], whole: true)
            m.lendExecCopies(call: "execveat", dirfd: dirfd, filename: 0x9000, argv: 0x1000, word: 8, area: nil,
                             execfn: arena.bytes(Array(execfn.utf8)), areaLimit: 1 << 20)
            let shown = m.readCString(at: 0x9000, limit: 64).map { String(decoding: $0.bytes, as: UTF8.self) }
            #expect(shown == (lent ? execfn : nil), "execveat(\(dirfd), …) gave \(execfn)")
        }
    }
}
