import Foundation
import Testing
import TestSupport
@testable import NSCore

/// trace --bpf reads a call's memory in the kernel, as the syscall table's capture plans say,
/// and decodes it later from what was read (`CapturedMemory`). These tests hold the plans to
/// the decoders: for every signature, at entry and at exit, with random arguments and random
/// memory, what the decoders print from the captured memory is what they print reading the
/// memory itself. `KernelCapture` below does what the BPF programs do with a plan
/// (Sources/CBPF/bpf/nstrace.bpf.c, `capture`); the integration tests run the real ones.
@Suite struct CapturePlanTests {
    /// Every argument of every signature, both ABIs, entry and exit, three -s values.
    @Test func decodingFromCapturedMemoryIsDecodingFromMemory() {
        var rng = SeededRandom(seed: UInt64(ProcessInfo.processInfo.environment["NSTRACE_CAPTURE_SEED"] ?? "") ?? 0xB9F_CA97)
        let base: UInt64 = 0x7000_0000
        var compared = 0
        let rounds = Int(ProcessInfo.processInfo.environment["NSTRACE_CAPTURE_ROUNDS"] ?? "") ?? 30
        for round in 0..<rounds {
            var memory = FakeMemory()
            // Random bytes with pointers back into the region (argv, iovecs, msghdr), NULs,
            // and a page of zeros after it (a string never runs off the mapping).
            var region = rng.bytes(8192)
            for k in stride(from: 0, to: 8192, by: 8) where rng.chance(0.25) {
                let p = base + UInt64(rng.int(8000))
                for j in 0..<8 { region[k + j] = UInt8(truncatingIfNeeded: p >> (8 * UInt64(j))) }
            }
            for k in 0..<8192 where rng.chance(0.05) { region[k] = 0 }
            memory.put(base, region + [UInt8](repeating: 0, count: 4096))
            for abi in [SyscallABI.x86_64, .i386] {
                let names = SyscallSpecs.rows(abi).filter { $0.signature != nil }.map(\.name)
                for name in names.sorted() {
                    var args = SyscallArgs((0, 0, 0, 0, 0, 0))
                    for i in 0..<6 {
                        switch rng.int(5) {
                        case 0: args[i] = base + UInt64(rng.int(8000))
                        case 1: args[i] = UInt64(rng.int(64))
                        case 2: args[i] = 0
                        default: args[i] = rng.interesting64()
                        }
                    }
                    var options = DecodeOptions(stringLimit: rng.pick([0, 4, 32]), resolveFDs: false)
                    // -v: structures and arrays in full, envp's strings.
                    if rng.chance(0.3) { options.abbreviate = TraceFilter(names: [], classes: [], negated: false) }
                    let decoder = SyscallDecoder(options: options)
                    let call = SyscallDecoder.Call(name: name, abi: abi)
                    let plan = call.capturePlan(options: options)
                    #expect(plan.entry.count <= CapturePlan.maxOps && plan.exit.count <= CapturePlan.maxOps)
                    let word = abi == .i386 ? 4 : 8
                    let a = args.normalized(for: abi)

                    let atEntry = KernelCapture(memory: memory, args: a, ret: 0, exiting: false, word: word)
                    atEntry.run(plan.entry)
                    let live = decoder.decodeEntry(call, args: args, memory: memory, fds: nil)
                    let captured = decoder.decodeEntry(call, args: args, memory: atEntry.captured, fds: nil)
                    // Past the kernel's own limits (64 argv strings or iovecs, 32 KiB a read:
                    // -v's whole arrays) a read is not made, and the text says so.
                    let overLimit = { (m: CapturedMemory) in m.misses.contains { $0.cut } }
                    #expect(captured.args == live.args || overLimit(atEntry.captured),
                            "\(abi) \(name) -s \(options.stringLimit) entry, round \(round)")

                    let failed = rng.chance(0.3)
                    let ret: Int64 = failed ? -Int64(rng.int(in: 1...133)) : Int64(rng.int(in: 0...300))
                    let atExit = KernelCapture(memory: memory, args: a, ret: ret, exiting: true, word: word)
                    atExit.run(plan.exit)
                    let liveExit = decoder.decodeExit(live, abi: abi, args: args, rval: ret, isError: failed,
                                                      memory: memory, fds: nil)
                    let capturedExit = decoder.decodeExit(captured, abi: abi, args: args, rval: ret, isError: failed,
                                                          memory: atExit.captured, fds: nil)
                    #expect((capturedExit.args == liveExit.args && capturedExit.ret == liveExit.ret)
                                || overLimit(atEntry.captured) || overLimit(atExit.captured),
                            "\(abi) \(name) -s \(options.stringLimit) exit ret \(ret), round \(round)")
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }

    /// A read that only some commands of fcntl, ioctl, prctl, futex, arch_prctl, ptrace, keyctl
    /// or kcmp need is made for exactly those (its `when`), so the kernel does not try to read
    /// at an argument that is a number: for every command value in a wide range, each read its
    /// own shape needs is in the plan with a condition that holds for it.
    @Test func readsOfSomeCommandsAreMadeForThoseCommands() {
        func domain(_ d: Dynamic) -> [UInt64] {
            let base = Array(UInt64(0)...0x1fff) + [CapturePlanner.unnamed, 0xffff_ffff, 0x1_0000_0005]
            switch d {
            case .ioctl:
                // The terminal and file ioctls with every direction and a few sizes.
                let low = Array(UInt64(0x5400)...0x54ff) + Array(UInt64(0x9400)...0x94ff)
                return base + low.flatMap { c in (0..<4).flatMap { dir in [4, 8].map { c | UInt64(dir) << 30 | $0 << 16 } } }
            case .prctl: return base + [0x5961_6d60, 0x5961_6d61, 0x5961_6d62]
            case .archPrctl: return base + Array(UInt64(0x2000)...0x2010) + Array(UInt64(0x5000)...0x5010)
            case .dbg(.ptrace): return base + Array(UInt64(0x4200)...0x4300)
            default: return base
            }
        }
        let options = DecodeOptions(stringLimit: 32, resolveFDs: true)
        var checked = 0
        var conditional: Set<String> = []
        for abi in [SyscallABI.x86_64, .i386] {
            for row in SyscallSpecs.rows(abi) {
                guard case .dynamic(let d)? = row.signature, let (index, _) = d.selector else { continue }
                let plan = SyscallDecoder.Call(name: row.name, abi: abi).capturePlan(options: options)
                if (plan.entry + plan.exit).contains(where: { $0.when != nil }) { conditional.insert(row.name) }
                let planner = CapturePlanner(options: options, abi: abi)
                for v in domain(d) {
                    let args = SyscallArgs.shapes(at: index, [v])[0]
                    var needs = CapturePlan()
                    planner.add(SyscallDecoder.resolve(d, abi: abi, args), to: &needs)
                    for (need, have, side) in [(needs.entry, plan.entry, "entry"), (needs.exit, plan.exit, "exit")] {
                        for op in need {
                            // The read itself, or a larger one of the same place.
                            #expect(have.contains {
                                var read = $0.unconditional
                                read.max = op.max
                                read.items = op.items
                                return read == op && $0.max >= op.max && $0.items >= op.items && $0.when?.holds(args) ?? true
                            },
                                    "\(abi) \(row.name) 0x\(String(v, radix: 16)) \(side): \(op)")
                        }
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 6 * 8192)
        #expect(conditional == ["fcntl", "fcntl64", "ioctl", "prctl", "futex", "arch_prctl", "ptrace", "keyctl", "kcmp"])
        // What it saves: F_SETFD's third argument (FD_CLOEXEC, 1) is not read; F_GETLK's is.
        let fcntl = SyscallDecoder.Call(name: "fcntl", abi: .x86_64).capturePlan(options: options)
        func reads(_ ops: [CaptureOp], _ cmd: UInt64) -> [CaptureOp] {
            ops.filter { $0.when?.holds(SyscallArgs([3, cmd, 1])) ?? true }
        }
        #expect(reads(fcntl.entry, 2) == [CaptureOp(.fd, a: 0)] && reads(fcntl.exit, 2).isEmpty)
        #expect(reads(fcntl.exit, 5).contains { $0.kind == .memory && $0.a == 2 })
        #expect(reads(fcntl.exit, 0x406).map(\.unconditional) == [CaptureOp(.fd, a: 0, b: Int(CaptureOp.resultIndex))])
    }

    /// -y: every descriptor argument, the descriptor a call returns and pipe's pair are read.
    @Test func descriptorsAreReadWithY() {
        let y = DecodeOptions(stringLimit: 32, resolveFDs: true)
        let openat = SyscallDecoder.Call(name: "openat", abi: .x86_64).capturePlan(options: y)
        #expect(openat.entry.contains(CaptureOp(.fd, a: 0)))
        #expect(openat.exit.contains(CaptureOp(.fd, a: 0, b: Int(CaptureOp.resultIndex))))
        let read = SyscallDecoder.Call(name: "read", abi: .x86_64).capturePlan(options: y)
        #expect(read.entry == [CaptureOp(.fd, a: 0)])
        #expect(read.exit == [CaptureOp(.memoryByResult, a: 1, max: 33)])   // -s + 1 (printstr_ex)
        let pipe = SyscallDecoder.Call(name: "pipe2", abi: .x86_64).capturePlan(options: y)
        #expect(pipe.exit.contains(CaptureOp(.fdPair, a: 0)))
        // Descriptors inside structures: landlock's parent_fd, mount_attr's userns_fd,
        // io_uring's wq_fd (never the structure's address as a descriptor).
        let landlock = SyscallDecoder.Call(name: "landlock_add_rule", abi: .x86_64).capturePlan(options: y)
        #expect(landlock.entry.contains(CaptureOp(.descriptors, a: 2, b: 6, items: 1, scale: 8))
            && !landlock.entry.contains(CaptureOp(.fd, a: 2)))
        let setattr = SyscallDecoder.Call(name: "mount_setattr", abi: .x86_64).capturePlan(options: y)
        #expect(setattr.entry.contains(CaptureOp(.descriptors, a: 3, b: 6, items: 1, scale: 24)))
        let setup = SyscallDecoder.Call(name: "io_uring_setup", abi: .x86_64).capturePlan(options: y)
        #expect(setup.exit.contains(CaptureOp(.descriptors, a: 1, b: 6, items: 1, scale: 24)))
        // Without -y no file is read.
        let plain = SyscallDecoder.Call(name: "openat", abi: .x86_64).capturePlan(options: DecodeOptions())
        #expect(!(plain.entry + plain.exit).contains { $0.kind == .fd })
        for name in ["landlock_add_rule", "mount_setattr", "io_uring_setup", "connect"] {
            let p = SyscallDecoder.Call(name: name, abi: .x86_64).capturePlan(options: DecodeOptions())
            #expect(!(p.entry + p.exit).contains { $0.kind == .descriptors }, "\(name)")
        }
    }

    /// Every call's reads fit in the six a side the kernel's table holds, with and without -y
    /// and -v (a read cut off the plan would show as not captured, silently).
    @Test func everyPlanFitsTheKernelTable() {
        for abi in [SyscallABI.x86_64, .i386] {
            for name in SyscallSpecs.rows(abi).filter({ $0.signature != nil }).map(\.name) {
                for (y, v) in [(false, false), (true, false), (false, true), (true, true)] {
                    var o = DecodeOptions(stringLimit: 32, resolveFDs: y)
                    if v { o.abbreviate = TraceFilter(names: [], classes: [], negated: false) }
                    let plan = SyscallDecoder.Call(name: name, abi: abi).capturePlan(options: o)
                    #expect(plan.entry.count <= CapturePlan.maxOps && plan.exit.count <= CapturePlan.maxOps,
                            "\(abi) \(name) -y \(y) -v \(v): \(plan.entry.count) at entry, \(plan.exit.count) at exit")
                }
            }
        }
    }

    /// Netlink buffers (sendto, recvfrom, sendmsg, recvmsg) come with what socket the call's
    /// descriptor is, where they are decoded, and are read whole on a netlink socket; with
    /// -y pidfd_getfd's descriptor is read in the other process's table.
    @Test func socketsAndOtherProcessesDescriptors() {
        let o = DecodeOptions(stringLimit: 32, resolveFDs: true)
        for (name, i, exiting) in [("sendto", 1, false), ("recvfrom", 1, true), ("sendmsg", 1, false), ("recvmsg", 1, true)] {
            let plan = SyscallDecoder.Call(name: name, abi: .x86_64).capturePlan(options: o)
            let side = exiting ? plan.exit : plan.entry
            #expect(side.contains(CaptureOp(.socket, a: 0)), "\(name): \(side)")
            #expect(side.contains { $0.a == i && $0.flags & CaptureOp.netlinkWhole != 0 }, "\(name): \(side)")
        }
        let getfd = SyscallDecoder.Call(name: "pidfd_getfd", abi: .x86_64).capturePlan(options: o)
        #expect(getfd.entry.contains(CaptureOp(.pidfdDescriptor, a: 1, b: 0)), "\(getfd.entry)")
        let plain = SyscallDecoder.Call(name: "pidfd_getfd", abi: .x86_64).capturePlan(options: DecodeOptions())
        #expect(!plain.entry.contains { $0.kind == .pidfdDescriptor })
        // poll's and select's descriptors: the pollfds' fd fields (8 bytes apart), the sets'
        // bits, at entry and for the result.
        for name in ["poll", "ppoll"] {
            let plan = SyscallDecoder.Call(name: name, abi: .x86_64).capturePlan(options: o)
            let op = CaptureOp(.descriptors, a: 0, b: 1, flags: CaptureOp.unsigned32, items: 16, scale: 0, max: 8)
            #expect(plan.entry.contains(op) && plan.exit.contains(op), "\(name): \(plan)")
        }
        for name in ["select", "pselect6"] {
            let plan = SyscallDecoder.Call(name: name, abi: .x86_64).capturePlan(options: o)
            let op = CaptureOp(.fdsetFiles, a: 1, b: 0, items: 3)
            #expect(plan.entry.filter { $0 == op }.count == 1 && plan.exit.contains(op), "\(name): \(plan)")
        }
        // io_submit: the iocbs and what they point at, in one read.
        let submit = SyscallDecoder.Call(name: "io_submit", abi: .x86_64).capturePlan(options: o)
        #expect(submit.entry.contains { $0.kind == .iocbs && $0.a == 2 && $0.b == 1 && $0.max == 33 }, "\(submit.entry)")
        // bpf(2): its attributes' descriptors with -y, a program's instructions and the info
        // structures with -v (flags on the one read of the attributes).
        var v = DecodeOptions(stringLimit: 32)
        v.abbreviate = TraceFilter(names: [], classes: [], negated: false)
        for (options, flags) in [(DecodeOptions(stringLimit: 32), CaptureOp.unsigned32), (o, CaptureOp.unsigned32 | CaptureOp.bpfDescriptors),
                                 (v, CaptureOp.unsigned32 | CaptureOp.verbose)] {
            let plan = SyscallDecoder.Call(name: "bpf", abi: .x86_64).capturePlan(options: options)
            #expect(plan.entry.filter { $0.kind == .bpfAttr }.map(\.flags) == [flags] && plan.exit.filter { $0.kind == .bpfAttr }.map(\.flags) == [flags], "\(plan)")
        }
    }

    /// What is read is sized by -s: a write's buffer, argv's strings and how many of them.
    @Test func sizesFollowTheStringLimit() {
        let s8 = DecodeOptions(stringLimit: 8)
        #expect(SyscallDecoder.Call(name: "write", abi: .x86_64).capturePlan(options: s8).entry
            == [CaptureOp(.memoryByArgument, a: 1, b: 2, max: 9)])   // one more than -s (printstr_ex)
        let execve = SyscallDecoder.Call(name: "execve", abi: .x86_64).capturePlan(options: s8)
        #expect(execve.entry == [CaptureOp(.string, a: 0, max: 4098), CaptureOp(.stringArray, a: 1, items: 9, max: 10),
                                 CaptureOp(.countedArray, a: 2)])
        // More argv than the kernel reads: said so (clamped), not captured in part.
        let wide = SyscallDecoder.Call(name: "execve", abi: .x86_64).capturePlan(options: DecodeOptions(stringLimit: 200))
        #expect(wide.entry[1].flags == CaptureOp.clamped && wide.entry[1].items == UInt16(CapturePlan.maxItems))
        // A call without a decoder reads nothing; one without pointers neither.
        #expect(SyscallDecoder.Call(name: "getpid", abi: .x86_64).capturePlan(options: s8).isEmpty)
    }

    /// What the kernel could not read is marked where the text shows its address, or after
    /// the text when it does not show it.
    @Test func missesAreMarked() {
        let memory = CapturedMemory()
        let missing: UInt64 = 0x7ffd_1000
        [UInt8](repeating: 0, count: 0).withUnsafeBytes { empty in
            memory.add(CapturedRegion(address: missing, kind: .memory, status: .fault, bytes: empty))
        }
        let decoder = SyscallDecoder(options: DecodeOptions())
        let entry = decoder.decodeEntry(name: "write", abi: .x86_64, args: [1, missing, 5], memory: memory, fds: nil)
        #expect(entry.args[1] == "0x7ffd1000")
        #expect(memory.misses.count == 1 && memory.misses[0].address == missing && !memory.misses[0].cut)
        var texts = entry.args
        let unshown = CapturedMemory.mark(&texts, misses: memory.misses)
        #expect(texts == ["1", "0x7ffd1000 /* not captured */", "5"] && unshown.isEmpty)
        // A longer address with the same prefix is not marked; a miss no text shows is said at the end.
        #expect(CapturedMemory.markUncaptured("0x7ffd10001", misses: [(missing, false)]) == "0x7ffd10001 /* not captured */")
        #expect(CapturedMemory.markUncaptured("[0x7ffd1000]", misses: [(missing, true)])
            == "[0x7ffd1000 /* not captured: over the capture limit */]")
    }

    /// -e write= / -e read=: the data is read at exit, for the descriptors dumped only, and
    /// dumps as the memory itself does.
    @Test func dumpedDataIsReadAtExit() {
        var memory = FakeMemory()
        let buf: UInt64 = 0x7000_0000, iov: UInt64 = 0x7100_0000
        memory.put(buf, Array(0..<200).map { UInt8($0) })
        memory.put(iov, words: [buf, 20, buf + 100, 30])
        let dump = IODump(read: .init(numbers: [0], inverted: false), write: .init(numbers: [1, 4], inverted: false))
        for (name, args, ret) in [("write", [1, buf, 200], 200), ("writev", [4, iov, 2], 50), ("read", [0, buf, 150], 90),
                                  ("readv", [0, iov, 2], 25), ("write", [2, buf, 200], 200)] as [(String, [UInt64], Int64)] {
            let a = SyscallArgs(args)
            let k = KernelCapture(memory: memory, args: a, ret: ret, exiting: true, word: 8)
            k.run(dump.capturePlan(name: name, abi: .x86_64))
            let live = dump.text(name: name, pid: 1, abi: .x86_64, args: a, ret: ret, failed: false, memory: memory)
            let captured = dump.text(name: name, pid: 1, abi: .x86_64, args: a, ret: ret, failed: false, memory: k.captured)
            #expect(captured == live && k.captured.misses.isEmpty, "\(name)")
            // Not read for a descriptor not dumped (the condition on argument 0).
            #expect((args[0] == 2) == k.captured.regions.isEmpty && (args[0] == 2) == live.isEmpty, "\(name) \(args[0])")
        }
        // `all`, or every descriptor but some: no condition.
        #expect(IODump(write: .init(numbers: [], inverted: true)).capturePlan(name: "write", abi: .x86_64).allSatisfy { $0.when == nil })
    }

    /// Memory the tracee does not have (a bad pointer; a string or an array that runs into
    /// an unmapped page) fails as strace's read fails: the address, or the elements before
    /// it, and no note. strace's own tests put their data at the end of a page.
    @Test func memoryTheTraceeLacksIsShownAsStraceShowsIt() {
        var memory = FakeMemory()
        let page: UInt64 = 0x7000_0000, end = page + 4096
        memory.put(page, [UInt8](repeating: UInt8(ascii: "a"), count: 4096))
        let options = DecodeOptions(stringLimit: 32)
        let decoder = SyscallDecoder(options: options)
        func entry(_ name: String, _ args: [UInt64]) -> (text: [String], misses: Int) {
            let call = SyscallDecoder.Call(name: name, abi: .x86_64)
            let k = KernelCapture(memory: memory, args: SyscallArgs(args), ret: 0, exiting: false, word: 8)
            k.run(call.capturePlan(options: options).entry)
            return (decoder.decodeEntry(call, args: SyscallArgs(args), memory: k.captured, fds: nil).args, k.captured.misses.count)
        }
        let hex = { (v: UInt64) in "0x" + String(v, radix: 16) }
        // 33 bytes before the gap: all strace reads of a name (-s 32 and one more), shown cut.
        #expect(entry("delete_module", [end - 33, 0]) == (["\"" + String(repeating: "a", count: 32) + "\"...", "0"], 0))
        // 20: the string runs into the gap before strace has read enough; a path is read
        // up to PATH_MAX.
        #expect(entry("delete_module", [end - 20, 0]) == ([hex(end - 20), "0"], 0))
        #expect(entry("chdir", [end - 33]) == ([hex(end - 33)], 0))
        #expect(entry("write", [1, 0xdead_0000, 5]) == (["1", "0xdead0000", "5"], 0))
        // Two iovecs, the second in the gap: the first, then where the rest is.
        let two = entry("writev", [1, end - 16, 2])
        #expect(two.misses == 0 && two.text[1].hasPrefix("[{iov_base=0x6161616161616161, iov_len=")
            && two.text[1].hasSuffix("}, ... /* \(hex(end)) */]"), "\(two)")
        // Two mmsghdrs, the second in the gap: the first (no name, one iovec of "4" at the
        // page's start), then where the rest is.
        var bytes = [UInt8](repeating: 0, count: 4096)
        func put(_ o: Int, _ v: UInt64) { for j in 0..<8 { bytes[o + j] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(j))) } }
        put(0, page + 200); put(8, 1); bytes[200] = UInt8(ascii: "4")
        put(4096 - 64 + 16, page); put(4096 - 64 + 24, 1)
        var zeros = FakeMemory()
        zeros.put(page, bytes)
        let mmsg = SyscallDecoder.Call(name: "sendmmsg", abi: .x86_64)
        let k = KernelCapture(memory: zeros, args: SyscallArgs([3, end - 64, 2, 0]), ret: 0, exiting: true, word: 8)
        k.run(mmsg.capturePlan(options: options).exit)
        let sent = decoder.decodeEntry(mmsg, args: SyscallArgs([3, end - 64, 2, 0]), memory: k.captured, fds: nil)
        let x = decoder.decodeExit(sent, abi: .x86_64, args: SyscallArgs([3, end - 64, 2, 0]), rval: -1, isError: true,
                                   memory: k.captured, fds: nil)
        #expect(k.captured.misses.isEmpty && x.args[1].hasPrefix("[{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"4\", iov_len=1}]")
            && x.args[1].hasSuffix("}, ... /* \(hex(end)) */]"), "\(x.args)")
        // Memory that is there but was not read is still said to be not captured.
        let gone = CapturedMemory()
        [UInt8]().withUnsafeBytes { gone.add(CapturedRegion(address: page, kind: .string, status: .fault, bytes: $0)) }
        #expect(decoder.decodeEntry(name: "chdir", abi: .x86_64, args: [page], memory: gone, fds: nil).args == [hex(page)]
            && gone.misses.count == 1)
    }
}

/// The BPF programs' captures, in Swift, over a test's memory.
final class KernelCapture {
    let memory: FakeMemory
    let args: SyscallArgs
    let ret: Int64
    let exiting: Bool
    let word: Int
    let captured = CapturedMemory()
    /// The bytes of the regions (CapturedRegion points into them).
    private var storage: [UnsafeMutableRawBufferPointer] = []
    static let chunkMax = CapturePlan.chunkLimit

    init(memory: FakeMemory, args: SyscallArgs, ret: Int64, exiting: Bool, word: Int) {
        self.memory = memory
        self.args = args
        self.ret = ret
        self.exiting = exiting
        self.word = word
        captured.wordSize = word
    }

    deinit { for s in storage { s.deallocate() } }

    func run(_ ops: [CaptureOp]) { for op in ops { capture(op) } }

    private func add(_ address: UInt64, _ kind: CapturedRegion.Kind, _ status: CapturedRegion.Status, _ bytes: [UInt8]) {
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        b.copyBytes(from: bytes)
        storage.append(b)
        captured.add(CapturedRegion(address: address, kind: kind, status: status,
                                    bytes: UnsafeRawBufferPointer(rebasing: b[0..<bytes.count])))
    }

    /// How many bytes from `addr` on the memory has (readable_end: the programs ask the
    /// tracee's mappings when a read fails); 0 when none.
    private func readable(_ addr: UInt64) -> Int {
        for (base, b) in memory.regions where addr >= base && addr - base < UInt64(b.count) {
            return b.count - Int(addr - base)
        }
        return 0
    }

    /// The bytes before unmapped memory of the read just made at `addr`, if it ran into it.
    private func invalidPrefix(_ addr: UInt64) -> [UInt8]? {
        guard let r = captured.regions.last, r.address == addr, r.status == .invalid else { return nil }
        return Array(r.bytes)
    }

    @discardableResult
    private func mem(_ addr: UInt64, _ n: UInt64) -> [UInt8]? {
        if addr == 0 { return nil }
        if n > UInt64(Self.chunkMax) {
            add(addr, .memory, .cut, [])
            return nil
        }
        guard let b = memory.read(at: addr, count: Int(n)) else {
            // What there is before the end of the mapping, and nothing after it.
            let k = readable(addr)
            add(addr, .memory, .invalid, k > 0 ? memory.read(at: addr, count: k) ?? [] : [])
            return nil
        }
        add(addr, .memory, .ok, b)
        return b
    }

    private func str(_ addr: UInt64, _ max: UInt32) {
        if addr == 0 { return }
        let fit = Int(min(max, UInt32(Self.chunkMax)))
        guard fit > 0 else { return }
        let k = readable(addr)
        guard k > 0, let (bytes, terminated) = memory.readCString(at: addr, limit: min(fit - 1, k)) else {
            add(addr, .string, .invalid, [])
            return
        }
        if !terminated && k < fit {
            // No NUL before the end of the mapping.
            add(addr, .string, .invalid, bytes)
            return
        }
        add(addr, .string, terminated ? .ok : (fit < Int(max) ? .cut : .unterminated), bytes)
    }

    private func lenval(_ v: UInt64, _ scale: UInt16, _ max: UInt32) -> UInt64 {
        var v = v
        if scale > 1 {
            if v > UInt64(Self.chunkMax) { v = UInt64(Self.chunkMax) + 1 }
            v *= UInt64(scale)
        }
        return min(v, UInt64(max))
    }

    private func wordAt(_ b: [UInt8], _ o: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<word where o + k < b.count { v |= UInt64(b[o + k]) << (8 * UInt64(k)) }
        return v
    }

    private func iov(_ addr: UInt64, _ count: UInt64, _ items: UInt16, _ max: UInt32, _ budget: UInt64, word: Int,
                     clamped: Bool = false) {
        if addr == 0 { return }
        // More than the kernel reads: the next one is marked over the limit.
        if clamped && count > UInt64(items) { add(addr &+ UInt64(Int(items) * 2 * word), .memory, .cut, []) }
        var n = Int(min(count, UInt64(items), UInt64(CapturePlan.maxItems)))
        // iovecs that run into unmapped memory: those before it.
        guard let arr = mem(addr, UInt64(n * 2 * word)) ?? invalidPrefix(addr) else { return }
        n = min(n, arr.count / (2 * word))
        var budget = budget
        for i in 0..<n {
            let b = wordAt(arr, i * 2 * word)
            var l = wordAt(arr, i * 2 * word + word)
            l = min(l, UInt64(max), budget)
            budget -= l
            if l > 0 { mem(b, l) }
        }
    }

    private func capture(_ op: CaptureOp) {
        if let w = op.when, !w.holds(args) { return }
        let a = Int(op.a), b = Int(op.b)
        let addr = a < 6 ? args[a] : 0
        var bval = b == Int(CaptureOp.resultIndex) ? UInt64(bitPattern: ret) : (b < 6 ? args[b] : 0)
        if op.flags & CaptureOp.unsigned32 != 0 { bval &= 0xffff_ffff }
        if op.flags & CaptureOp.signed32 != 0 {
            if Int32(truncatingIfNeeded: bval) < 0 { return }
            bval &= 0xffff_ffff
        }
        let budget = exiting && ret >= 0 ? UInt64(ret) : UInt64.max
        switch op.kind {
        case .string: str(addr, op.max)
        case .memory: mem(addr, UInt64(op.max))
        case .memoryByArgument: mem(addr, lenval(bval, op.scale, op.max))
        case .memoryByResult: if ret > 0 { mem(addr, lenval(UInt64(ret), op.scale, op.max)) }
        case .memoryByLengthPointer:
            guard b < 6, bval != 0, let l = mem(bval, 4) else { return }
            let len = UInt64(l[0]) | UInt64(l[1]) << 8 | UInt64(l[2]) << 16 | UInt64(l[3]) << 24
            mem(addr, min(len, UInt64(op.max)))
        case .fdSet:
            let nfds = Int64(Int32(truncatingIfNeeded: bval))
            if nfds > 0 { mem(addr, min(UInt64(nfds + 63) / 64 * 8, UInt64(op.max))) }
        case .stringArray:
            guard addr != 0 else { return }
            let items = min(Int(op.items), CapturePlan.maxItems)
            var words: [UInt64] = []
            var status = CapturedRegion.Status.ok
            while true {
                if words.count >= items {
                    if op.flags & CaptureOp.clamped != 0 { status = .cut }
                    break
                }
                guard let w = memory.read(at: addr + UInt64(words.count * word), count: word) else {
                    // Unmapped memory (a fake memory has no other): the words before it.
                    status = .invalid
                    break
                }
                let p = wordAt(w, 0)
                words.append(p)
                if p == 0 { break }
            }
            if status == .cut || status == .fault { words = [] }
            add(addr, .pointers, status, words.flatMap { le($0, word) })
            for p in words where p != 0 { str(p, op.max) }
        case .countedArray:
            guard addr != 0 else { return }
            // The kernel counts them: the decoders read no pointer of it (pointerCount).
            var n: UInt64 = 0
            var done = false
            while n < 1 << 16, let w = memory.read(at: addr + n * UInt64(word), count: word) {
                if wordAt(w, 0) == 0 { done = true; break }
                n += 1
            }
            add(addr, .count, done ? .ok : n < 1 << 16 ? .invalid : .cut, le(n, 8))
        case .iovec: iov(addr, bval, op.items, op.max, budget, word: word, clamped: op.flags & CaptureOp.clamped != 0)
        case .msghdr:
            guard let m = mem(addr, 56) else { return }
            let w8 = { (o: Int) -> UInt64 in (0..<8).reduce(0) { $0 | UInt64(m[o + $1]) << (8 * UInt64($1)) } }
            let name = w8(0), namelen = min(w8(8) & 0xffff_ffff, 128), iovAddr = w8(16), iovlen = w8(24)
            let control = w8(32), controllen = w8(40)
            if name != 0 && namelen != 0 { mem(name, namelen) }
            if control != 0 && controllen >= 16 { mem(control, min(controllen, UInt64(ArgContext.optmemMax))) }
            iov(iovAddr, iovlen, op.items, op.max, budget, word: 8)
        case .mmsghdr:
            if b == Int(CaptureOp.resultIndex) && ret <= 0 { return }
            var count = bval
            if count > UInt64(op.items) {
                if op.flags & CaptureOp.clamped != 0 {
                    add(addr, .memory, .cut, [])
                    return
                }
                count = UInt64(op.items)
            }
            count = min(count, UInt64(CapturePlan.maxItems))
            let size = 8 * word
            guard addr != 0, let arr = mem(addr, count * UInt64(size)) ?? invalidPrefix(addr) else { return }
            count = min(count, UInt64(arr.count / size))
            func u32(_ o: Int) -> UInt64 { (0..<4).reduce(0) { $0 | UInt64(arr[o + $1]) << (8 * UInt64($1)) } }
            for k in 0..<Int(count) {
                let o = k * size
                let name = wordAt(arr, o), namelen = min(u32(o + word), 128)
                if name != 0 && namelen != 0 { mem(name, namelen) }
                let budget = op.flags & CaptureOp.messageLength != 0 ? u32(o + 7 * word) : .max
                iov(wordAt(arr, o + 2 * word), wordAt(arr, o + 3 * word), op.items, op.max, budget, word: word)
            }
        case .dereferenceAt:
            let size = Int(op.items), at = Int(op.scale)
            guard size <= 64, at + 8 <= size, let m = mem(addr, UInt64(size)) else { return }
            for o in [at, at + 8] where o + 8 <= size {
                let p = (0..<8).reduce(UInt64(0)) { $0 | UInt64(m[o + $1]) << (8 * UInt64($1)) }
                if p != 0 { mem(p, UInt64(op.max)) }
            }
        case .dereference:
            guard let m = mem(addr, 16) else { return }
            mem((0..<8).reduce(0) { $0 | UInt64(m[$1]) << (8 * UInt64($1)) }, UInt64(op.max))
        case .cloneArgs:
            let size = min(bval, UInt64(op.max))
            guard size >= 64, let m = mem(addr, size) else { return }
            let w8 = { (o: Int) -> UInt64 in (0..<8).reduce(0) { $0 | UInt64(m[o + $1]) << (8 * UInt64($1)) } }
            if op.flags & CaptureOp.cloneResults != 0 {
                // What the kernel wrote: the pidfd (CLONE_PIDFD), the child's tid (CLONE_PARENT_SETTID).
                if w8(0) & 0x1000 != 0 { mem(w8(8), 4) }
                if w8(0) & 0x100000 != 0 { mem(w8(24), 4) }
                return
            }
            guard size >= 80 else { return }
            let tids = w8(64), n = w8(72)
            if tids != 0 && n != 0 { mem(tids, min(n, 32) * 4) }
        case .pointedStructs:
            for p in pointerArray(addr, bval, op) where p != 0 { mem(p, UInt64(op.max)) }
        case .iocbs:
            for p in pointerArray(addr, bval, op) where p != 0 {
                guard let cb = mem(p, 64) else { continue }
                func u64(_ o: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(cb[o + $1]) << (8 * UInt64($1)) } }
                let code = UInt64(cb[16]) | UInt64(cb[17]) << 8
                let buf = u64(24), count = u64(32)
                guard Int64(bitPattern: count) > 0, buf != 0 else { continue }
                if code == 1 { mem(buf, min(count, UInt64(op.max))) }
                if code == 7 || code == 8 { mem(buf, min(count, UInt64(op.items)) * UInt64(2 * word)) }
            }
        case .bpfAttr:
            let size = min(bval, 4096)
            guard size > 0, let m = mem(addr, size) else { return }
            bpfAttr(m, op.max, verbose: op.flags & CaptureOp.verbose != 0)
        case .fd, .fdPair, .descriptors, .pidfdDescriptor, .socket, .fdsetFiles: break
        }
    }

    /// ptr_array's reads (cap_ptrv, cap_iocbs): min(count, items) pointers at `addr`, those
    /// before unmapped memory, the one past `items` marked over the limit when clamped.
    private func pointerArray(_ addr: UInt64, _ count: UInt64, _ op: CaptureOp) -> [UInt64] {
        guard addr != 0 else { return [] }
        if op.flags & CaptureOp.clamped != 0 && count > UInt64(op.items) {
            add(addr &+ UInt64(Int(op.items) * word), .memory, .cut, [])
        }
        let n = Int(min(count, UInt64(op.items), UInt64(CapturePlan.maxItems)))
        guard let arr = mem(addr, UInt64(n * word)) ?? invalidPrefix(addr) else { return [] }
        return (0..<min(n, arr.count / word)).map { wordAt(arr, $0 * word) }
    }

    /// cap_bpf_attr's reads past the attributes `m`.
    private func bpfAttr(_ m: [UInt8], _ smax: UInt32, verbose: Bool) {
        func w(_ o: Int, _ n: Int) -> UInt64 { (0..<n).reduce(0) { o + $1 < m.count ? $0 | UInt64(m[o + $1]) << (8 * UInt64($1)) : $0 } }
        let limit = UInt64(smax > 2 ? smax - 2 : 0)
        func array(_ addr: UInt64, _ count: UInt64, _ size: UInt64) {
            let n = min(count, limit + 1, UInt64(Self.chunkMax))
            if addr != 0 && n != 0 { mem(addr, n * size) }
        }
        let cmd = args[0] & 0xffff_ffff
        if exiting {
            if cmd == 15, verbose, w(4, 4) != 0 { mem(w(8, 8), min(w(4, 4), 4096)) }
            if cmd == 16 { array(w(16, 8), w(24, 4), 4) }
            if cmd == 20, w(12, 4) != 0 { str(w(16, 8), UInt32(min(w(12, 4) + 1, UInt64(smax)))) }
            return
        }
        switch cmd {
        case 5:
            str(w(16, 8), smax)
            if m.count > 24, w(28, 4) != 0 { str(w(32, 8), UInt32(min(w(28, 4) + 1, UInt64(smax)))) }
            if verbose, w(4, 4) != 0 { mem(w(8, 8), min(w(4, 4), 4096) * 8) }
        case 6, 7: str(w(0, 8), 4098)
        case 17: str(w(0, 8), min(smax, 129))
        case 18: if min(w(16, 4), limit + 1) != 0 { mem(w(0, 8), min(w(16, 4), limit + 1)) }
        case 28 where m.count > 16:
            if w(8, 4) == 28 { array(w(16, 8), w(24, 4), 4) }
            if w(8, 4) == 42 {
                // syms: the pointers (as print_array reads them), then each name.
                let syms = w(24, 8)
                var n = Int(min(w(20, 4), limit + 1, UInt64(CapturePlan.maxItems)))
                if syms != 0, n > 0, let arr = mem(syms, UInt64(n * 8)) ?? invalidPrefix(syms) {
                    n = min(n, arr.count / 8)
                    for k in 0..<n where wordAt(arr, k * 8) != 0 { mem(wordAt(arr, k * 8), UInt64(smax)) }
                }
                array(w(32, 8), w(20, 4), 8); array(w(40, 8), w(20, 4), 8)
            }
        default: break
        }
    }
}
