import Foundation
import FuzzSupport
import NSCore

// libFuzzer target: the argument decoders, for every syscall of the catalog.
// Input layout: [0..1] syscall (index into the sorted catalog, mod its size), [2] flags
// (bit 0 i386, bit 1 -y, bit 2 failed, bit 3 memory changes at exit), [3] -s (one of a
// table), [4..51] six registers (a register whose low nibble is 0xA points into the
// input's memory), [52..59] return value, the rest: the tracee's readable memory at
// 0x10000 (everything else is unreadable).
// Properties: argument counts are consistent, no control character or newline in any
// text, a length bound for -s, and decoding is a function of its inputs.

let names = SyscallDecoder.allNames.sorted()
let limits = [0, 1, 2, 5, 32, 64, 200, 4096, Int(Int32.max), Int.max]
let arena: UInt64 = 0x10000

struct InputMemory: TraceeMemory {
    let bytes: [UInt8]
    let flip: Bool
    func byte(_ i: Int) -> UInt8 { flip ? bytes[i] ^ 0x5A : bytes[i] }
    func read(at address: UInt64, count: Int) -> [UInt8]? {
        if count == 0 { return [] }
        guard count > 0, address >= arena, address - arena <= UInt64(bytes.count), UInt64(count) <= UInt64(bytes.count) - (address - arena) else { return nil }
        let o = Int(address - arena)
        return (o..<(o + count)).map(byte)
    }
    func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
        guard address >= arena, address - arena < UInt64(bytes.count) else { return nil }
        var out: [UInt8] = []
        var i = Int(address - arena)
        while out.count < limit && i < bytes.count {
            let b = byte(i)
            if b == 0 { return (out, true) }
            out.append(b)
            i += 1
        }
        return (out, false)
    }
}

struct Paths: FDPathResolver {
    func path(ofFD fd: Int64) -> String? { fd % 3 == 0 ? nil : (fd % 3 == 1 ? "/tmp/\u{1B}]0;x\u{07}<y>" : "/a\nb\u{9B}c") }
}

func bound(_ s: Int) -> Int {
    let n = min(s, 1 << 16)
    return 4 * 4096 + 4096 + (n + 1) * (4 * n + 200) + 3 * 65_536 * 8 * 8
}

func checkText(_ t: String, _ s: Int, _ what: String) {
    require(terminalSafe(t) && !t.contains("\n"), "\(what) holds a control character: \(t.prefix(200))")
    require(t.utf8.count <= bound(s), "\(what) is \(t.utf8.count) bytes for -s \(s)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoder(_ p: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count >= 60 else { return 0 }
    let b = Array(UnsafeBufferPointer(start: p, count: count))
    func u64(_ o: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[o + $1]) << (8 * UInt64($1)) } }
    let name = names[(Int(b[0]) | Int(b[1]) << 8) % names.count]
    let flags = b[2]
    let abi: SyscallABI = flags & 1 != 0 ? .i386 : .x86_64
    let s = limits[Int(b[3]) % limits.count]
    let memBytes = Array(b[60...])
    let args: [UInt64] = (0..<6).map { i in
        let v = u64(4 + 8 * i)
        return v & 0xF == 0xA ? arena + (v >> 4) % UInt64(memBytes.count + 16) : v
    }
    let failed = flags & 4 != 0
    let rval: Int64 = failed ? -Int64(u64(52) % 4095 + 1) : Int64(bitPattern: u64(52))
    let memory = InputMemory(bytes: memBytes, flip: false)
    let exitMemory = InputMemory(bytes: memBytes, flip: flags & 8 != 0)
    let d = SyscallDecoder(options: DecodeOptions(stringLimit: s, resolveFDs: flags & 2 != 0))
    let e = d.decodeEntry(name: name, abi: abi, args: args, memory: memory, fds: Paths())
    require(e.args.count == min(e.deferredFrom, e.argCount) && e.argCount <= 6, "\(name): entry arguments")
    for a in e.args { checkText(a, s, "\(name) entry argument") }
    let x = d.decodeExit(e, abi: abi, args: args, rval: rval, isError: failed, memory: exitMemory, fds: Paths())
    require(x.args.count == e.argCount && Array(x.args.prefix(e.args.count)) == e.args, "\(name): exit arguments")
    for a in x.args { checkText(a, s, "\(name) argument") }
    checkText(x.ret, s, "\(name) result")
    require(!failed || x.errnoName != nil, "\(name): failed without an errno name")
    require(d.decodeEntry(name: name, abi: abi, args: args, memory: memory, fds: Paths()).args == e.args, "\(name): not a function of its inputs")
    return 0
}
