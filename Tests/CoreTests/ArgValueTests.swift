import Foundation
import Testing
import TestSupport
@testable import NSCore

/// The two ways out of a decoder: the text the printer writes straight into its buffer,
/// and the typed value a record's `params` holds (whose text the record's `args` are).
@Suite struct ArgValueTests {
    /// Every argument of every signature (the dynamic ones resolved by their arguments),
    /// at entry and at exit, with memory of random bytes behind every pointer: the value's
    /// text is the printer's text, byte for byte.
    @Test func valueTextIsThePrintersText() {
        var rng = SeededRandom(seed: 0x7E57_5A1E)
        let base: UInt64 = 0x7000_0000
        var memory = FakeMemory()
        var compared = 0
        for round in 0..<40 {
            // A fresh region each round: structures, strings (with and without NULs), pointers
            // back into the region (argv, iovecs, msghdr).
            var region = rng.bytes(8192)
            for k in stride(from: 0, to: 8192, by: 8) where rng.chance(0.25) {
                let p = base + UInt64(rng.int(8000))
                for j in 0..<8 { region[k + j] = UInt8(truncatingIfNeeded: p >> (8 * UInt64(j))) }
            }
            for k in 0..<8192 where rng.chance(0.05) { region[k] = 0 }
            memory.put(base, region)
            let fds = FakeFDs(paths: [3: "/etc/host<name>", -100: "/ro\u{1}ot"])
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
                    let call = SyscallDecoder.Call(name: name, abi: abi)
                    let plan = call.plan(args.normalized(for: abi))
                    let options = DecodeOptions(stringLimit: rng.pick([0, 4, 32]), resolveFDs: round % 2 == 0)
                    var ctx = ArgContext(options: options, abi: abi, args: args.normalized(for: abi), memory: memory, fds: fds)
                    ctx.exiting = rng.chance(0.5)
                    ctx.isError = ctx.exiting && rng.chance(0.3)
                    ctx.ret = ctx.isError ? -Int64(rng.int(in: 1...520)) : Int64(rng.int(in: -2...300))
                    for slot in plan.slots {
                        ctx.save(slot.arg, slot.index, into: &ctx.saved)
                        let printed = ctx.format(slot.arg, slot.index)
                        let value = ctx.value(slot.arg, slot.index)
                        #expect(value.text == printed, "\(abi) \(name) argument \(slot.index): \(slot.arg)")
                        compared += 1
                    }
                    let printed = ctx.formatReturn(plan.ret)
                    #expect(ctx.returnValue(plan.ret).text == printed, "\(abi) \(name) result")
                }
            }
        }
        #expect(compared > 10_000)
    }

    private func entry(_ name: String, _ args: [UInt64], _ memory: FakeMemory, y: Bool = false) -> DecodedEntry {
        SyscallDecoder(options: DecodeOptions(resolveFDs: y)).decodeEntry(
            name: name, abi: .x86_64, args: args, memory: memory, fds: y ? FakeFDs(paths: [3: "/etc/hostname", -100: "/root"]) : nil)
    }

    private func json(_ fields: [ParamField]) -> String {
        var b = ByteBuffer(capacity: 64)
        var fds: [(String, String)] = []
        SyscallValue.writeObject(fields, into: &b, fds: &fds)
        return b.string
    }

    /// The forms of docs/record-format.md, "Typed values".
    @Test func paramsAreTypedJSON() {
        var m = FakeMemory()
        m.put(0x1000, cString: "/etc/hostname")
        m.put(0x2000, words: [0x3000, 0x3010, 0])
        m.put(0x3000, cString: "ls")
        m.put(0x3010, cString: "-l")
        m.put(0x4000, [0x66, 0x6f, 0xff, 0x00])

        let open = entry("openat", [UInt64(bitPattern: -100), 0x1000, 0o2000000, 0, 0, 0], m)
        #expect(open.params.map(\.value.json) == ["-100", #""/etc/hostname""#, #"{"value":524288,"names":["O_RDONLY","O_CLOEXEC"]}"#])
        #expect(open.params[2].value.names == ["O_RDONLY", "O_CLOEXEC"])

        let exec = entry("execve", [0x1000, 0x2000, 0, 0, 0, 0], m)
        #expect(exec.params[1].value.json == #"["ls","-l"]"#)
        #expect(exec.params[1].value.items?.compactMap(\.stringValue) == ["ls", "-l"])

        // Unknown flag bits are kept; a value that is not UTF-8 is hex; a cut string says so.
        let unshare = entry("unshare", [0x0400_0000 | 0x4000_0000_0000, 0, 0, 0, 0, 0], m)
        #expect(unshare.params[0].value.json == #"{"value":70368811286528,"names":["CLONE_NEWUTS"],"unknown":70368744177664}"#)
        #expect(unshare.args[0] == "CLONE_NEWUTS|0x400000000000")
        let bytes = SyscallDecoder(options: DecodeOptions(stringLimit: 3)).decodeEntry(
            name: "write", abi: .x86_64, args: [1, 0x4000, 4, 0, 0, 0], memory: m, fds: nil)
        #expect(bytes.params[1].value.json == #"{"hex":"666fff","truncated":true}"#)
        #expect(bytes.params[0].value.json == "1" && bytes.params[2].value.json == "4")
        let cut = SyscallDecoder(options: DecodeOptions(stringLimit: 4)).decodeEntry(
            name: "openat", abi: .x86_64, args: [3, 0x1000, 0, 0, 0, 0], memory: m, fds: nil)
        #expect(cut.params[1].value.json == #""/etc/hostname""#, "paths are not cut at -s")
        let str = SyscallDecoder(options: DecodeOptions(stringLimit: 4)).decodeEntry(
            name: "sethostname", abi: .x86_64, args: [0x1000, 13, 0, 0, 0, 0], memory: m, fds: nil)
        #expect(str.params[0].value.json == #"{"string":"/etc","truncated":true}"#)

        // -y: an fd stays an integer; its file goes to the line's fds.
        let withY = entry("openat", [3, 0x1000, 0, 0, 0, 0], m, y: true)
        var b = ByteBuffer(capacity: 64)
        var fds: [(String, String)] = []
        SyscallValue.writeObject(withY.params, into: &b, fds: &fds)
        #expect(withY.params[0].value.json == "3")
        #expect(fds.map { "\($0.0)=\($0.1)" } == ["3=/etc/hostname"])
        #expect(withY.args[0] == "3</etc/hostname>")

        // NULL is null; an address strace shows as such is {"ptr":N}.
        let mmap = entry("mmap", [0, 4096, 3, 0x22, UInt64(bitPattern: -1), 0], m)
        #expect(mmap.params[0].value.json == "null")
        let futex = entry("futex", [0x1234, 128, 1, 0, 0, 0], m)
        #expect(futex.params[0].value.json == #"{"ptr":4660}"#)
    }

    /// A result that is a descriptor, a pid or flags is typed; others are only `ret`.
    @Test func typedResults() {
        let m = FakeMemory()
        let d = SyscallDecoder(options: DecodeOptions())
        let fcntl = d.decodeEntry(name: "fcntl", abi: .x86_64, args: [3, 3, 0, 0, 0, 0], memory: m, fds: nil)
        let x = d.decodeExit(fcntl, abi: .x86_64, args: [3, 3, 0, 0, 0, 0], rval: 0x8002, isError: false, memory: m, fds: nil)
        #expect(x.ret == "0x8002 (flags O_RDWR|O_LARGEFILE)")
        #expect(x.typedReturn?.names == ["O_RDWR", "O_LARGEFILE"])
        let read = d.decodeEntry(name: "read", abi: .x86_64, args: [3, 0, 10, 0, 0, 0], memory: m, fds: nil)
        let r = d.decodeExit(read, abi: .x86_64, args: [3, 0, 10, 0, 0, 0], rval: 5, isError: false, memory: m, fds: nil)
        #expect(r.typedReturn == nil)
        let failed = d.decodeExit(fcntl, abi: .x86_64, args: [3, 3, 0, 0, 0, 0], rval: -9, isError: true, memory: m, fds: nil)
        #expect(failed.typedReturn == nil)
    }

    /// A record's values read back: each accessor knows both the written and the read form.
    @Test func valuesReadBack() throws {
        let text = #"{"a":1,"b":"x","c":{"value":3,"names":["A","B"]},"d":{"string":"ab","truncated":true},"e":{"items":["x"],"truncated":true},"f":null,"g":{"ptr":16}}"#
        let v = try JSONDecoder().decode(SyscallValue.self, from: Data(text.utf8))
        #expect(v["a"]?.integer == 1)
        #expect(v["b"]?.stringValue == "x")
        #expect(v["c"]?.names == ["A", "B"] && v["c"]?.integer == 3)
        #expect(v["d"]?.stringValue == "ab")
        #expect(v["e"]?.items?.count == 1)
        #expect(v["f"] == .null)
        // JSONEncoder writes what the record writer writes.
        let again = try JSONDecoder().decode(SyscallValue.self, from: JSONEncoder().encode(v))
        #expect(again == v)
    }
}
