import CBPF
import Testing
@testable import NSBPF
@testable import NSCore

/// The events' bytes read back (Sources/BPF/BPFEvents.swift) without a kernel: made-up events
/// in the layouts of nsbpf_events.h, and the capture table made from the plans.
@Suite struct EventTests {
    /// Little-endian bytes of a value.
    static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// A chunk: header, bytes, padding to 8.
    static func chunk(addr: UInt64, kind: Int, status: Int = Int(NSB_ST_OK), _ bytes: [UInt8]) -> [UInt8] {
        var out = le(addr) + le(UInt32(bytes.count)) + le(UInt16(kind)) + le(UInt16(status)) + bytes
        while out.count % 8 != 0 { out.append(0) }
        return out
    }

    /// A PATH chunk's bytes: the file's components, innermost first.
    static func path(_ components: [String], ino: UInt64 = 0, magic: UInt32 = 0xEF53, flags: UInt16 = 0) -> [UInt8] {
        var out = le(ino) + le(magic) + le(UInt16(components.count)) + le(flags)
        for c in components { out += le(UInt16(c.utf8.count)) + Array(c.utf8) }
        return out
    }

    @Test func layoutsAreTheHeadersOnes() {
        #expect(EventBytes.headerSize == 24)
        #expect(EventBytes.enterSize == 80)
        #expect(EventBytes.exitSize == 48)
        #expect(EventBytes.nsSize == 184)
        #expect(EventBytes.chunkHeader == 16)
        #expect(MemoryLayout<nsb_call>.size == 8 + 2 * 6 * 40)
        // The plan's kinds are the C header's.
        #expect(CaptureOp.Kind.string.rawValue == UInt8(NSB_CAP_STR) && CaptureOp.Kind.cloneArgs.rawValue == UInt8(NSB_CAP_CLONE_ARGS))
        #expect(CaptureOp.Kind.iovec.rawValue == UInt8(NSB_CAP_IOV) && CaptureOp.Kind.fd.rawValue == UInt8(NSB_CAP_FD))
        #expect(CaptureOp.resultIndex == UInt8(NSB_ARG_RET))
        #expect(CaptureOp.clamped == UInt8(NSB_CAPF_CLAMPED) && CaptureOp.unsigned32 == UInt8(NSB_CAPF_U32)
                && CaptureOp.signed32 == UInt8(NSB_CAPF_S32))
        #expect(CapturePlan.chunkLimit == Int(NSB_CHUNK_MAX) && CapturePlan.maxOps == Int(NSB_CAPS))
    }

    /// Files as readlink(/proc/PID/fd/N) names them.
    @Test func pathsAsProcNamesThem() {
        func text(_ b: [UInt8]) -> String? { b.withUnsafeBytes { EventBytes.path($0) } }
        #expect(text(Self.path(["hostname", "etc"])) == "/etc/hostname")
        #expect(text(Self.path([])) == "/")
        #expect(text(Self.path(["x", "tmp"], flags: UInt16(NSB_PATH_DELETED))) == "/tmp/x (deleted)")
        #expect(text(Self.path(["pipe:"], ino: 1234, magic: 0x5049_5045)) == "pipe:[1234]")
        #expect(text(Self.path([""], ino: 99, magic: 0x534F_434B)) == "socket:[99]")
        #expect(text(Self.path(["[eventfd]"], magic: 0x0904_1934)) == "anon_inode:[eventfd]")
        #expect(text(Self.path(["net"], ino: 4026531840, magic: 0x6e73_6673)) == "net:[4026531840]")
        // A component that claims more bytes than there are is not read past the chunk.
        var bad = Self.path(["hostname"])
        bad[16] = 200
        #expect(text(bad) == "/")
    }

    /// An entry event: its arguments, and its chunks as the decoders' memory and files.
    @Test func chunksBecomeMemoryAndFiles() {
        var e = Self.le(UInt16(NSB_EV_ENTER)) + Self.le(UInt16(0)) + Self.le(UInt32(0)) + Self.le(Int32(7)) + Self.le(Int32(7))
            + Self.le(UInt64(5_000))
        e += Self.le(UInt32(257)) + Self.le(UInt16(0)) + Self.le(UInt16(3))
        for a in [UInt64(bitPattern: -100), 0x1000, 0, 0, 0, 0] { e += Self.le(a) }
        e += Self.chunk(addr: 0x1000, kind: Int(NSB_CHUNK_STR), Array("/etc/hostname".utf8))
        e += Self.chunk(addr: 0x2000, kind: Int(NSB_CHUNK_MEM), status: Int(NSB_ST_FAULT), [])
        e += Self.chunk(addr: UInt64(bitPattern: -100), kind: Int(NSB_CHUNK_PATH), Self.path(["root"]))
        // A chunk header past the end of the event is not read.
        e += Self.le(UInt64(0x3000)) + Self.le(UInt32(4096))
        let memory = CapturedMemory(), files = CapturedFiles()
        e.withUnsafeBytes { raw in
            let ev = EventBytes(raw: raw)
            #expect(ev.type == Int(NSB_EV_ENTER) && ev.tid == 7 && ev.ts == 5_000)
            ev.chunks(from: EventBytes.enterSize, count: 4) { c, bytes in EventBytes.load(c, bytes, into: memory, files: files) }
            #expect(memory.regions.count == 2)
            #expect(files.path(ofFD: -100) == "/root")
            let decoded = SyscallDecoder(options: DecodeOptions(resolveFDs: true)).decodeEntry(
                name: "openat", abi: .x86_64, args: [UInt64(bitPattern: -100), 0x1000, 0], memory: memory, fds: files)
            #expect(decoded.args == ["AT_FDCWD</root>", "\"/etc/hostname\"", "O_RDONLY"])
            #expect(memory.misses.isEmpty)
            // The faulted region: a read of it is a miss, its address marked.
            #expect(memory.read(at: 0x2000, count: 8) == nil && memory.misses.first?.address == 0x2000)
        }
    }

    /// A namespace snapshot: the ten links (0: none) and the pids at each level.
    @Test func namespaceSnapshots() {
        var b: [UInt8] = []
        for i in 0..<10 { b += Self.le(UInt64(i == 4 ? 0 : 4026531830 + UInt64(i))) }
        b += Self.le(UInt32(2)) + Self.le(UInt32(0))
        b += Self.le(Int32(524)) + Self.le(Int32(1)) + [UInt8](repeating: 0, count: 4 * 6)
        b += Self.le(UInt64(4026531836)) + Self.le(UInt64(4026532178)) + [UInt8](repeating: 0, count: 8 * 6)
        #expect(b.count == EventBytes.nsSize)
        b.withUnsafeBytes { raw in
            let s = EventBytes(raw: raw).namespaces(at: 0)
            #expect(s.set[.cgroup] == 4026531830 && s.set[.uts] == 4026531839 && s.set[.pid] == nil)
            #expect(s.nspid == [524, 1] && s.chain == [4026531836, 4026532178])
        }
    }

    /// The programs' entry for a call: selected or only followed, its reads.
    @Test func captureTableEntries() {
        let call = SyscallDecoder.Call(name: "write", abi: .x86_64)
        let plan = CaptureTable.plan(call, options: DecodeOptions())
        let selected = CaptureTable.call(selected: true, traits: [.writesBuffer], plan: plan)
        #expect(selected.flags == UInt8(NSB_CALL_SELECTED | NSB_CALL_IDMAP) && selected.nenter == 1 && selected.nexit == 0)
        #expect(selected.enter.0.kind == UInt8(NSB_CAP_MEM_ARG) && selected.enter.0.a == 1 && selected.enter.0.b == 2
                && selected.enter.0.max == 33)   // -s + 1 (printstr_ex)
        // Not selected: no reads; task creation and namespace changes still followed.
        let clone = CaptureTable.call(selected: false, traits: [.createsTask], plan: plan)
        #expect(clone.flags == UInt8(NSB_CALL_TRACK) && clone.nenter == 0)
        let unshare = CaptureTable.call(selected: false, traits: [.changesNamespaces], plan: CapturePlan())
        #expect(unshare.flags == UInt8(NSB_CALL_TRACK | NSB_CALL_NS))
        // setns's descriptor is always read: the namespace it refers to is shown.
        let setns = CaptureTable.plan(SyscallDecoder.Call(name: "setns", abi: .x86_64), options: DecodeOptions())
        #expect(setns.entry.first == CaptureOp(.fd, a: 0))
        // A read for some commands only: its condition goes to the programs (args[when - 1]).
        let futex = CaptureTable.plan(SyscallDecoder.Call(name: "futex", abi: .x86_64), options: DecodeOptions())
        let wait = CaptureTable.call(selected: true, traits: [], plan: futex)
        #expect(wait.nenter == 1 && wait.enter.0.kind == UInt8(NSB_CAP_MEM) && wait.enter.0.a == 3
                && wait.enter.0.when == 2 && wait.enter.0.when_mask == 0x7f && wait.enter.0.when_base == 0
                // FUTEX_WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2: their timeouts
                && wait.enter.0.when_bits == 1 << 0 | 1 << 6 | 1 << 9 | 1 << 11 | 1 << 13)
    }

    @Test func ringBufferSizes() throws {
        #expect(BPFSession.parseSize("16M") == 16 << 20)
        #expect(BPFSession.parseSize("4k") == 4096 && BPFSession.parseSize("1GiB") == 1 << 30)
        #expect(BPFSession.parseSize("x") == nil && BPFSession.parseSize("0") == nil)
        // The programs wake nstrace at a quarter of the buffer, however small it is.
        #expect(BPFSession.wakeupBytes(ring: 4096) == 1024 && BPFSession.wakeupBytes(ring: 16 << 20) == 4 << 20)
    }
}
