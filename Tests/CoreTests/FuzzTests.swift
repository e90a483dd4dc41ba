import Foundation
import Testing
import TestOracles
import TestSupport
@testable import NSCore

// Seeded fuzzing of the parts of NSCore that read input nstrace does not control:
// the record reader (`nstrace graph`/`compare` read any file they are given) with the
// graph built from it, and the argument decoders (registers and memory of the tracee).
// Each target runs for NSTRACE_FUZZ_SECONDS (default: a few seconds) and asserts
// properties, not only "does not crash". See Fuzz/README.md for the libFuzzer harnesses
// of the same targets, and docs/security.md.

/// Property: a rendered text has no character a terminal would act on, except the newlines
/// that end its lines.
func expectTerminalSafe(_ text: String, _ what: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let bad = text.unicodeScalars.first { $0 != "\n" && TerminalText.needsEscape($0) }
    #expect(bad == nil, "\(label): \(what) holds U+\(String(bad?.value ?? 0, radix: 16))", sourceLocation: sourceLocation)
}

@Suite("Fuzz: record reader and graph") struct RecordFuzzTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The seed corpus: Fuzz/corpus/record, the golden record, and records `make demo` left.
    static let seeds: [[UInt8]] = {
        var urls: [URL] = [Golden.directory().appendingPathComponent("record.jsonl")]
        for dir in ["Fuzz/corpus/record", "samples/bin"] {
            let d = packageRoot.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []
            urls += names.sorted().filter { dir != "samples/bin" || $0.hasSuffix(".jsonl") }.map { d.appendingPathComponent($0) }
        }
        return urls.compactMap { try? Data(contentsOf: $0) }.map { Array($0.prefix(1 << 20)) }
    }()

    static let dictionary: [[UInt8]] = [
        #"{"type":"header","format":"nstrace-record","version":2,"command":[],"attached":[],"start":"","startEpoch":0,"kernel":"","machine":"","hostname":"","tool":""}"#,
        #""type":"task""#, #""type":"ns""#, #""type":"exec""#, #""type":"exit""#, #""type":"idmap""#, #""type":"end""#,
        #""pid":"#, #""ppid":"#, #""formerPid":"#, #""t":1e300"#, #""t":-1"#, "2147483648", "-2147483649",
        "18446744073709551615", "9223372036854775808", "1e400", "null", "true", "[]", "{}", #""\u001b""#, #""\ud800""#,
        #""kind":"pid""#, #""from":"#, "\n", #""nspid":[1,2,3]"#, #""version":3"#,
    ].map { Array($0.utf8) }

    /// Runs the reader on `bytes` and checks every property; returns the lines when it read any.
    @discardableResult
    static func check(_ bytes: [UInt8], _ label: String, rng: inout SeededRandom) -> [RecordLine]? {
        let data = Data(bytes)
        let lineCount = bytes.split(separator: 10, omittingEmptySubsequences: false).count
        let lines: [RecordLine]
        do {
            lines = try RecordReader.parse(data)
        } catch let e as RecordReader.ReadError {
            // A typed error, naming a line of the input.
            #expect(e.line >= 1 && e.line <= max(lineCount, 1), "\(label): error names line \(e.line) of \(lineCount)")
            #expect(!e.reason.isEmpty, "\(label): error without a reason")
            // With allowCutTail the reader may read more, never fail differently on earlier lines.
            if let more = try? RecordReader.parse(data, allowCutTail: true) { return checkRead(more, label, rng: &rng) }
            return nil
        } catch {
            Issue.record("\(label): untyped error \(type(of: error)): \(error)")
            return nil
        }
        // What reads strictly reads the same with allowCutTail.
        #expect((try? RecordReader.parse(data, allowCutTail: true)) == lines, "\(label): allowCutTail changed a whole record")
        return checkRead(lines, label, rng: &rng)
    }

    static func checkRead(_ lines: [RecordLine], _ label: String, rng: inout SeededRandom) -> [RecordLine] {
        guard case .header(let h)? = lines.first else {
            Issue.record("\(label): read a record whose first line is not a header")
            return lines
        }
        #expect((RecordFormat.oldestReadable...RecordFormat.version).contains(h.version), "\(label): version \(h.version) accepted")
        #expect(h.format == RecordFormat.name)
        // The writer's text of what was read is read back as the same text (a fixed point):
        // nothing the reader accepts makes the writer write a record the reader refuses.
        let text = lines.map(RecordWriter.encodeLine).joined(separator: "\n") + "\n"
        do {
            let again = try RecordReader.parse(Data(text.utf8))
            let text2 = again.map(RecordWriter.encodeLine).joined(separator: "\n") + "\n"
            #expect(text2 == text, "\(label): writing what was read is not a fixed point")
        } catch {
            Issue.record("\(label): the writer's own text of an accepted record is refused: \(error)\n\(text.prefix(2000))")
        }
        #expect(!text.unicodeScalars.contains { $0 != "\n" && TerminalText.needsEscape($0) },
                "\(label): the record writer let a control character through")
        checkGraph(GraphFromRecord.build(lines), label, rng: &rng)
        return lines
    }

    /// Every view of the graph of a record: no crash, no hang, no control character, every
    /// task shown in the tree, JSON that parses.
    static func checkGraph(_ g: NamespaceGraph, _ label: String, rng: inout SeededRandom) {
        let views = [g, g.filtered(types: Set(NamespaceID.types.filter { _ in rng.chance(0.5) }))]
            + [g.processes.isEmpty ? nil : g.neighbourhood(of: rng.pick(g.processes).pid), g.neighbourhood(of: Int32(truncatingIfNeeded: rng.next()))]
                .compactMap { $0 }
        for v in views {
            let tree = TreeRenderer.render(v)
            expectTerminalSafe(tree, "tree", label)
            expectTerminalSafe(TableRenderer.render(v), "table", label)
            expectTerminalSafe(DotRenderer.render(v, title: "t"), "dot", label)
            let json = JSONRenderer.render(v)
            expectTerminalSafe(json, "json", label)
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(label): json view does not parse")
            // Every task appears in the tree, cycles and strange parents or not.
            let shown = Set(tree.split(separator: "\n").compactMap { line -> Int32? in
                let s = line.drop { "├└│─ ".contains($0) }
                return Int32(s.prefix { $0 != " " })
            })
            for p in v.processes where !shown.contains(p.pid) {
                Issue.record("\(label): task \(p.pid) (ppid \(p.ppid.map(String.init) ?? "nil")) missing from the tree:\n\(tree.prefix(1500))")
                break
            }
        }
    }

    // MARK: generated records

    static func randomDouble(_ rng: inout SeededRandom) -> Double {
        switch rng.int(6) {
        case 0: return Double(rng.int(1000)) / 1000
        case 1: return -Double(rng.int(1000))
        case 2: return rng.pick([1e20, -1e20, 1e300, Double(UInt64.max), 9.2e18, 4e15, 1e-9, 0.0000005])
        case 3: return 0
        default: return Double(rng.int(10_000_000)) / 1_000_000
        }
    }

    static func randomInode(_ rng: inout SeededRandom) -> UInt64 {
        let r = rng.next()
        return r % 3 == 0 ? 4026531835 + r % 8 : (r % 3 == 1 ? UInt64.max - r % 2 : r)
    }

    static func randomPid(_ rng: inout SeededRandom, _ pids: [Int32]) -> Int32 {
        if !pids.isEmpty && rng.chance(0.8) { return rng.pick(pids) }
        return rng.pick([0, 1, -1, Int32.max, Int32.min, Int32(rng.int(100) + 100)])
    }

    static func generatedRecord(_ rng: inout SeededRandom) -> [RecordLine] {
        var lines: [RecordLine] = []
        var header = RecordHeader(command: (0..<rng.int(4)).map { _ in hostileString(&rng) }, attached: [],
                                  start: hostileString(&rng), startEpoch: randomDouble(&rng), kernel: hostileString(&rng),
                                  machine: "x86_64", hostname: hostileString(&rng), tool: "nstrace fuzz")
        header.version = rng.chance(0.9) ? rng.int(in: 1...2) : rng.pick([0, 3, -1, Int.max])
        if rng.chance(0.05) { header.format = hostileString(&rng) }
        lines.append(.header(header))
        var pids: [Int32] = []
        for _ in 0..<rng.int(in: 0...40) {
            let pid = randomPid(&rng, pids)
            let t = randomDouble(&rng)
            let kind = rng.pick(NamespaceKind.allCases)
            switch rng.int(8) {
            case 0, 1:
                let p = rng.chance(0.7) ? Int32(rng.int(50) + 100) : randomPid(&rng, pids)
                pids.append(p)
                var ns = NamespaceSet()
                for k in NamespaceKind.allCases where rng.chance(0.8) { ns[k] = rng.chance(0.7) ? 4026531835 + UInt64(rng.int(12)) : rng.interesting64() }
                lines.append(.event(.task(TaskEvent(pid: p, tgid: randomPid(&rng, pids), ppid: rng.chance(0.8) ? randomPid(&rng, pids) : nil,
                                                    via: rng.pick([.spawned, .attached, .fork, .vfork, .clone, .clone3, .unknown]), t: t,
                                                    ns: header.version >= 2 ? ns : nil,
                                                    nspid: header.version >= 2 ? (0..<rng.int(4)).map { _ in randomPid(&rng, pids) } : nil))))
            case 2:
                let name = rng.pick(["execve", "sethostname", "unshare", "clone", "openat", hostileString(&rng)])
                let args = (0..<rng.int(4)).map { _ in rng.chance(0.5) ? "[\"" + hostileString(&rng) + "\", \"x\"]" : "\"" + hostileString(&rng) + "\"" }
                lines.append(.event(.syscall(SyscallEvent(pid: pid, t: t, name: name, nr: Int64(bitPattern: rng.interesting64()), abi: rng.chance(0.5) ? .x86_64 : .i386,
                                                          args: args, ret: rng.chance(0.8) ? Int64(rng.int(3)) - 1 : nil, errno: nil,
                                                          retText: hostileString(&rng), duration: rng.chance(0.5) ? randomDouble(&rng) : nil))))
            case 3:
                lines.append(.event(.exec(ExecEvent(pid: pid, formerPid: randomPid(&rng, pids), t: t,
                                                    filename: rng.chance(0.9) ? "/bin/" + hostileString(&rng) : nil))))
            case 4:
                lines.append(.event(.exit(ExitEvent(pid: pid, t: t, code: rng.chance(0.5) ? Int32(rng.int(256)) : nil,
                                                    signal: rng.chance(0.3) ? hostileString(&rng) : nil, coreDumped: rng.chance(0.1),
                                                    supersededBy: rng.chance(0.2) ? randomPid(&rng, pids) : nil, detached: rng.chance(0.1)))))
            case 5 where header.version >= 2:
                lines.append(.event(.namespace(NamespaceEvent(pid: pid, t: t, kind: kind, from: randomInode(&rng), to: randomInode(&rng),
                                                              cause: hostileString(&rng), call: rng.chance(0.5) ? hostileString(&rng) : nil))))
            case 6 where header.version >= 2:
                lines.append(.event(.idmap(IDMapEvent(pid: pid, t: t, target: randomPid(&rng, pids), file: "uid_map", data: hostileString(&rng)))))
            default:
                lines.append(.event(.signal(SignalEvent(pid: pid, t: t, signal: hostileString(&rng), info: rng.chance(0.5) ? hostileString(&rng) : nil,
                                                        stopped: rng.chance(0.2)))))
            }
        }
        if rng.chance(0.7) { lines.append(.end(RecordEnd(t: randomDouble(&rng), status: Int32(rng.int(256)), reason: hostileString(&rng)))) }
        return lines
    }

    /// Line-level damage: a value of the wrong type, a key removed, lines swapped, cut short.
    static func damage(_ text: String, _ rng: inout SeededRandom) -> [UInt8] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for _ in 0..<rng.int(in: 0...3) where !lines.isEmpty {
            let i = rng.int(lines.count)
            switch rng.int(6) {
            case 0:
                if var obj = (try? JSONSerialization.jsonObject(with: Data(lines[i].utf8))) as? [String: Any], let key = obj.keys.sorted().randomElement(using: &rng) {
                    let values: [Any] = ["x", -1, 4294967296, 1e300, true, NSNull(), [1, 2], ["a": 1], Int64.min, UInt64.max, ""]
                    if rng.chance(0.3) { obj[key] = nil } else { obj[key] = rng.pick(values) }
                    if let d = try? JSONSerialization.data(withJSONObject: obj) { lines[i] = String(decoding: d, as: UTF8.self) }
                }
            case 1: lines.swapAt(i, rng.int(lines.count))
            case 2: lines.insert(lines[i], at: rng.int(lines.count + 1))
            case 3: lines.remove(at: i)
            case 4: lines.insert("", at: rng.int(lines.count + 1))
            default: lines[i] = String(lines[i].prefix(rng.int(lines[i].count + 1)))
            }
        }
        var out = lines.joined(separator: "\n")
        if rng.chance(0.8) { out += "\n" }
        return Array(out.utf8)
    }

    @Test func generatedRecords() {
        Fuzz.run("record-generated") { c in
            let lines = Self.generatedRecord(&c.rng)
            let text = lines.map(RecordWriter.encodeLine).joined(separator: "\n") + "\n"
            let read = Self.check(Array(text.utf8), c.label, rng: &c.rng)
            // What the writer writes, the reader reads (when the header is one it knows): the
            // same number of lines, each written again the same.
            if case .header(let h) = lines[0], h.format == RecordFormat.name, (1...2).contains(h.version) {
                if let read {
                    #expect(read.count == lines.count, "\(c.label): \(read.count) of \(lines.count) lines read")
                } else {
                    let error = Result { try RecordReader.parse(Data(text.utf8)) }
                    var line = ""
                    if case .failure(let e as RecordReader.ReadError) = error {
                        line = String(text.split(separator: "\n", omittingEmptySubsequences: false)[e.line - 1].prefix(400))
                    }
                    Issue.record("\(c.label): the reader refuses what the writer wrote: \(error)\n\(line)")
                }
            }
            Self.check(Self.damage(text, &c.rng), c.label + " (damaged)", rng: &c.rng)
        }
    }

    @Test func mutatedRecords() {
        let seeds = Self.seeds
        #expect(!seeds.isEmpty)
        Fuzz.run("record-mutated") { c in
            let seed = c.rng.pick(seeds)
            // Mutating a whole large record is slow; mostly take its first lines.
            let cut = seed.count > 8192 && c.rng.chance(0.8) ? Array(seed.prefix(c.rng.int(in: 200...8192))) : seed
            let input = Fuzz.mutate(cut, &c.rng, dictionary: Self.dictionary, maxSize: 1 << 20)
            Self.check(input, c.label, rng: &c.rng)
        }
    }

    @Test func arbitraryBytes() {
        Fuzz.run("record-bytes", defaultSeconds: 1) { c in
            var b = c.rng.bytes(c.rng.int(in: 0...512))
            if c.rng.chance(0.5) { b = Array(#"{"type":"header","format":"nstrace-record","version":2"#.utf8) + b }
            Self.check(b, c.label, rng: &c.rng)
        }
    }
}

// MARK: - Argument decoders

/// Tracee memory made up from a seed: each 4 KiB page is readable or not, its bytes are a
/// hash of the address. Modes make strings without NUL, all-zero memory, or memory where
/// nothing can be read. Reads larger than 64 KiB fail (as if they crossed an unmapped page),
/// which keeps the fuzzer fast.
struct FuzzMemory: TraceeMemory {
    enum Mode: CaseIterable { case random, noNUL, zeros, unreadable, pointers, text }
    let seed: UInt64
    let mode: Mode
    /// Chance that a page is readable (random and noNUL modes).
    let readable: Double
    /// Addresses that `pointers` mode hands out, so pointer chains lead somewhere.
    static let arena: UInt64 = 0x7f00_0000_0000

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func pageReadable(_ page: UInt64) -> Bool {
        switch mode {
        case .unreadable: return false
        case .zeros, .text: return page != 0
        case .pointers: return page >= Self.arena >> 12 && page < (Self.arena >> 12) + 16
        default: return page != 0 && Double(Self.mix(seed ^ page) >> 11) / Double(1 << 53) < readable
        }
    }

    func byte(_ a: UInt64) -> UInt8 {
        let w = Self.mix(seed ^ (a >> 3))
        var b = UInt8(truncatingIfNeeded: w >> ((a & 7) * 8))
        switch mode {
        case .zeros: return 0
        case .noNUL: if b == 0 { b = 0x1B }
        case .text: b = w % 97 == 0 ? 0 : [0x41, 0x1B, 0x07, 0x0A, 0x22, 0x5C, 0x80, 0xFF, 0x30][Int(b % 9)]
        case .pointers:
            // Words that point back into the arena, or end a list.
            let word = Self.mix(seed ^ (a >> 3) ^ 0x55)
            let v: UInt64 = word % 5 == 0 ? 0 : Self.arena + word % 0x10000
            return UInt8(truncatingIfNeeded: v >> ((a & 7) * 8))
        default: break
        }
        return b
    }

    func read(at address: UInt64, count: Int) -> [UInt8]? {
        if count == 0 { return [] }
        guard address != 0, count > 0, count <= 1 << 16 else { return nil }
        let (end, overflow) = address.addingReportingOverflow(UInt64(count))
        if overflow { return nil }
        var page = address >> 12
        while page <= (end - 1) >> 12 {
            if !pageReadable(page) { return nil }
            page += 1
        }
        return (0..<UInt64(count)).map { byte(address + $0) }
    }

    func readCString(at address: UInt64, limit: Int) -> (bytes: [UInt8], terminated: Bool)? {
        guard address != 0, pageReadable(address >> 12) else { return nil }
        var out: [UInt8] = []
        var a = address
        while out.count < limit && out.count < 1 << 16 {
            if a & 0xfff == 0 && !pageReadable(a >> 12) { return (out, false) }
            let b = byte(a)
            if b == 0 { return (out, true) }
            out.append(b)
            let (next, overflow) = a.addingReportingOverflow(1)
            if overflow { return (out, false) }
            a = next
        }
        return (out, false)
    }
}

/// fd paths chosen by the tracee (they are file names): hostile on purpose.
struct FuzzFDs: FDPathResolver {
    let seed: UInt64
    func path(ofFD fd: Int64) -> String? {
        switch FuzzMemory.mix(seed ^ UInt64(bitPattern: fd)) % 4 {
        case 0: return nil
        case 1: return "/tmp/\u{1B}]0;pwned\u{07}<x>"
        case 2: return "pipe:[\(fd)]"
        default: return "/a\nb\u{9B}c\u{202E}"
        }
    }
}

@Suite("Fuzz: argument decoders") struct DecoderFuzzTests {
    static let names: [String] = SyscallDecoder.allNames.sorted()

    /// The most an argument's text may hold for `-s s`: paths are cut at PATH_MAX (at most
    /// 4 characters per escaped byte), strings and buffers at s bytes, arrays at s elements
    /// of strings or structs of at most 4s + 200 characters, plus constant fields.
    static func bound(_ s: Int) -> Int {
        let n = min(s, 1 << 16)
        return 20_480 + (n + 1) * (4 * n + 200)
    }

    /// Bitmaps (fd_set, cpu sets) list every set bit of at most 64 KiB, as strace's do:
    /// up to 524288 numbers of up to 7 characters.
    static let bitmapBound = 65_536 * 8 * 8

    static func isBitmap(_ a: Arg) -> Bool {
        switch a {
        case .named(_, let inner), .out(let inner): return isBitmap(inner)
        case .cpuset, .cpusetIn, .fdset: return true
        default: return false
        }
    }

    /// Arrays of structures that hold arrays (sendmmsg's and recvmmsg's messages with their
    /// iovecs): s of them, each within the bound.
    static func isNested(_ a: Arg) -> Bool {
        switch a {
        case .named(_, let inner), .out(let inner): return isNested(inner)
        case .fsnet(.mmsgvec): return true
        default: return false
        }
    }

    static func check(_ text: String, _ what: String, _ s: Int, _ label: String, bitmap: Bool = false,
                      nested: Bool = false) {
        expectTerminalSafe(text, what, label)
        #expect(!text.contains("\n"), "\(label): \(what) holds a newline")
        let limit = bitmap ? bitmapBound : nested ? (min(s, 1 << 16) + 1) * bound(s) : bound(s)
        #expect(text.utf8.count <= limit, "\(label): \(what) is \(text.utf8.count) bytes for -s \(s) (at most \(limit))")
    }

    static func randomArgs(_ rng: inout SeededRandom, _ memory: FuzzMemory) -> [UInt64] {
        (0..<rng.int(in: 0...8)).map { _ in
            switch rng.int(4) {
            case 0: return FuzzMemory.arena + UInt64(rng.int(0x10000))
            case 1: return UInt64(rng.int(64))
            default: return rng.interesting64()
            }
        }
    }

    static func decodeOne(name: String, abi: SyscallABI, args: [UInt64], s: Int, y: Bool, memory: FuzzMemory,
                          exitMemory: FuzzMemory, rval: Int64, isError: Bool, label: String) {
        let d = SyscallDecoder(options: DecodeOptions(stringLimit: s, resolveFDs: y))
        let fds = FuzzFDs(seed: memory.seed)
        // Which arguments are bitmaps, and whether the result lists fd sets (select).
        let plan: Plan? = SyscallDecoder.Call(name: name, abi: abi).plan(SyscallArgs(args).normalized(for: abi))
        func bitmap(_ i: Int) -> Bool { plan.map { i < $0.slots.count && Self.isBitmap($0.slots[i].arg) } ?? false }
        func nested(_ i: Int) -> Bool { plan.map { i < $0.slots.count && Self.isNested($0.slots[i].arg) } ?? false }
        let selectResult: Bool = { if case .select? = plan?.ret { return true } else { return false } }()
        let e = d.decodeEntry(name: name, abi: abi, args: args, memory: memory, fds: fds)
        #expect(e.args.count == min(e.deferredFrom, e.argCount), "\(label): \(name) entry gives \(e.args.count) args, deferred from \(e.deferredFrom)")
        #expect(e.argCount <= 6, "\(label): \(name) has \(e.argCount) arguments")
        for (i, a) in e.args.enumerated() { check(a, "\(name) entry arg \(i)", s, label, bitmap: bitmap(i)) }
        let x = d.decodeExit(e, abi: abi, args: args, rval: rval, isError: isError, memory: exitMemory, fds: fds)
        #expect(x.args.count == e.argCount, "\(label): \(name) exit gives \(x.args.count) of \(e.argCount) args")
        // A continuation (clone3's ` => {...}`) only goes on from what the entry showed.
        #expect(Array((x.completion?.split(x.args) ?? x.args).prefix(e.args.count)) == e.args,
                "\(label): \(name) exit changed the entry's arguments")
        #expect(x.completion == nil || e.gluedAtExit, "\(label): \(name) continued an argument the entry did not leave open")
        for (i, a) in x.args.enumerated() { check(a, "\(name) arg \(i)", s, label, bitmap: bitmap(i), nested: nested(i)) }
        check(x.ret, "\(name) result", s, label, bitmap: selectResult)
        #expect(x.retValue == rval)
        if isError { #expect(x.errnoName != nil, "\(label): \(name) failed without an errno name") }
        // The printer's path gives the same text.
        let written = writtenLine(d, name, abi, args, ret: rval, error: isError, mem: memory, exitMem: exitMemory, fds: fds)
        #expect(written == stringLine(e, x), "\(label): \(name) written straight differs from its Strings")
        // Decoding is a function of its inputs.
        let again = d.decodeEntry(name: name, abi: abi, args: args, memory: memory, fds: fds)
        #expect(again.args == e.args, "\(label): \(name) decodes differently twice")
    }

    /// Every syscall of the catalog, in both ABIs, with registers and memory from the seed.
    @Test func everySyscall() {
        let names = Self.names
        #expect(names.count > 300)
        Fuzz.run("decoders", minIterations: names.count * 2) { c in
            // The first cases visit every name in both ABIs; then names at random.
            let i = c.iteration
            let name = i < names.count * 2 ? names[i % names.count]
                : (c.rng.chance(0.02) ? hostileString(&c.rng) : c.rng.pick(names))
            let abi: SyscallABI = i < names.count * 2 ? (i < names.count ? .x86_64 : .i386) : (c.rng.chance(0.5) ? .x86_64 : .i386)
            let mode = c.rng.pick(FuzzMemory.Mode.allCases)
            let memory = FuzzMemory(seed: c.rng.next(), mode: mode, readable: c.rng.pick([0.1, 0.5, 0.95, 1]))
            // Memory may change between entry and exit (another thread of the tracee).
            let exitMemory = c.rng.chance(0.2) ? FuzzMemory(seed: c.rng.next(), mode: c.rng.pick(FuzzMemory.Mode.allCases), readable: 0.5) : memory
            var s = c.rng.pick([0, 1, 2, 5, 32, 32, 32, 64, 200])
            // Very large -s only where memory cannot feed it for long.
            if mode == .unreadable || mode == .zeros, c.rng.chance(0.3) { s = c.rng.pick([4096, 1 << 20, Int(Int32.max), Int.max]) }
            let args = Self.randomArgs(&c.rng, memory)
            let isError = c.rng.chance(0.3)
            let rval: Int64 = isError ? -Int64(c.rng.int(in: 1...4095)) : Int64(bitPattern: c.rng.chance(0.5) ? UInt64(c.rng.int(300)) : c.rng.interesting64())
            Self.decodeOne(name: name, abi: abi, args: args, s: s, y: c.rng.chance(0.3), memory: memory, exitMemory: exitMemory,
                           rval: rval, isError: isError, label: "\(c.label) \(name)/\(abi) -s \(s) \(mode) args \(args.map { "0x" + String($0, radix: 16) })")
        }
    }

    /// strace's quoting: printable ASCII out, and the escapes read back to the same bytes.
    @Test func stringQuotingRoundTrips() {
        Fuzz.run("string-quoting", defaultSeconds: 1) { c in
            let bytes = c.rng.bytes(c.rng.int(in: 0...64))
            let hex = c.rng.chance(0.2)
            let text = StringQuoting.escape(bytes[...], hex: hex)
            #expect(text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(c.label): \(text)")
            #expect(Self.unescape(text) == bytes, "\(c.label): \(text) does not read back as \(bytes)")
        }
    }

    /// The inverse of StringQuoting.escape: the reader the graph and compare use for
    /// strace's quoted strings (QuotedText), so the round trip checks both.
    static func unescape(_ text: String) -> [UInt8]? {
        QuotedText.parse(Array(("\"" + text + "\"").utf8), at: 0)?.bytes
    }
}

// MARK: - Escaping (DOT, terminal)

/// The renderers' escaping on text made of what breaks escapers: quotes, backslashes,
/// combining marks (a `"` + U+0301 is one Character), control characters C0 and C1, `\r\n`,
/// bidi marks, DOT's own `<` `>` `&` `\N` `\l`, and ordinary letters. Checks the output, not
/// only that it does not crash: the DOT literal is one token whose label, as Graphviz reads
/// it (DotSyntax), is exactly the escaped text; the terminal text holds no control and
/// loses no scalar. Same targets as `fuzz-dot` and `fuzz-terminal` (Fuzz/).
@Suite("Fuzz: DOT and terminal escaping") struct EscapingFuzzTests {
    static let pieces: [String] = [
        "\"", "\\", "\u{301}", "\u{20DD}", "\u{200D}", "\r", "\n", "\r\n", "\t", "\u{0}", "\u{1B}", "\u{7}", "\u{7F}", "\u{85}",
        "\u{9B}", "\u{202E}", "\u{2066}", "\u{2028}", "<", ">", "&", "&amp;", "&#92;", ";", "#", "N", "G", "L", "n", "l", "r",
        "[", "]", "=", ",", " ", "-", "->", "'", "/", "a", "é", "🙂", "中", "\u{600}", "URL=", "label=", "\\N", "\\l", "\\\"",
    ]

    static func text(_ rng: inout SeededRandom) -> String {
        var s = ""
        for _ in 0..<rng.int(in: 0...24) {
            if rng.chance(0.1) {
                s.unicodeScalars.append(Unicode.Scalar(UInt32(rng.int(0xD800))) ?? "x")
            } else {
                s += rng.pick(pieces)
            }
        }
        return s
    }

    /// The DOT literal of `lines` is one token and shows exactly the escaped lines.
    static func checkDot(_ lines: [String], _ label: String) {
        for end in [DotText.LineEnd.center, .left] {
            let literal = DotText.label(lines, lineEnd: end)
            expectTerminalSafe(literal, "a DOT literal", label)
            let shown = DotSyntax.shown(literal)
            let want = lines.map(TerminalText.escape) + (end == .left && !lines.isEmpty ? [""] : [])
            #expect(shown == (lines.isEmpty ? [""] : want), "\(label): \(lines) → \(literal) shows \(shown as Any)")
        }
    }

    @Test func dotLiterals() {
        Fuzz.run("escape-dot", defaultSeconds: 1) { c in
            let lines = (0..<c.rng.int(in: 1...4)).map { _ in Self.text(&c.rng) }
            Self.checkDot(lines, c.label)
            #expect(DotSyntax.shown(DotText.quote(lines[0])) == [TerminalText.escape(lines[0])], "\(c.label)")
        }
    }

    /// Through the renderer: a process named with the text is one node statement whose
    /// label is its pid and its escaped name; the hostname is a line of its namespace.
    @Test func dotRendererNodes() {
        Fuzz.run("escape-dot-graph", defaultSeconds: 1) { c in
            let comm = Self.text(&c.rng), host = Self.text(&c.rng)
            let procs = [ProcessNode(pid: 10, ppid: nil, comm: comm, argv: [comm], nspid: [10], uid: 0, ns: ["uts": 2])]
            var uts = NamespaceNode(id: NamespaceID(type: .uts, inode: 2), processes: [10], holders: [.process(10)], isInitial: false)
            uts.facts.hostname = host
            let g = NamespaceGraph(source: "live", processes: procs, namespaces: [uts], veths: [], transitions: [])
            let dot = DotRenderer.render(g, title: comm)
            expectTerminalSafe(dot, "dot", c.label)
            let lines = dot.utf8.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
            let nodes = lines.filter { $0.utf8.starts(with: "  \"p10\" [".utf8) }
            #expect(nodes.count == 1, "\(c.label): \(nodes)")
            if let node = nodes.first {
                let shown = DotSyntax.labelLiteral(ofStatement: node).flatMap(DotSyntax.shown)
                #expect(shown == ["10 " + TerminalText.escape(comm)], "\(c.label): \(node)")
            }
            let ns = lines.first { $0.utf8.starts(with: "  \"uts:[2]\" [".utf8) }
            let nsShown = ns.flatMap(DotSyntax.labelLiteral(ofStatement:)).flatMap(DotSyntax.shown) ?? []
            #expect(nsShown.contains("hostname " + TerminalText.escape(host)), "\(c.label): \(ns ?? "no uts node")")
        }
    }

    @Test func terminalText() {
        Fuzz.run("escape-terminal", defaultSeconds: 1) { c in
            let a = Self.text(&c.rng), b = Self.text(&c.rng)
            let s = a + b
            let e = TerminalText.escape(s)
            #expect(!e.unicodeScalars.contains(where: TerminalText.needsEscape), "\(c.label): \(s.debugDescription) → \(e)")
            // Scalar by scalar: escaping two texts joined is joining them escaped, wherever
            // the join falls (a Character-level escaper would see "\"" + U+0301 as one).
            #expect(e == TerminalText.escape(a) + TerminalText.escape(b), "\(c.label)")
            if !s.unicodeScalars.contains("\\") {
                #expect(unescapeTerminal(e) == s, "\(c.label): \(s.debugDescription) → \(e)")
            }
            // Newlines kept: exactly one line per "\n" scalar, nothing else a terminal acts on.
            let k = TerminalText.escapeKeepingNewlines(s)
            expectTerminalSafe(k, "escapeKeepingNewlines", c.label)
            #expect(k.unicodeScalars.filter { $0 == "\n" }.count == s.unicodeScalars.filter { $0 == "\n" }.count, "\(c.label)")
            // JSON: the same value, with no C1, DEL or bidi scalar left.
            if let data = try? JSONEncoder().encode([s]), let json = String(data: data, encoding: .utf8) {
                let j = TerminalText.escapeJSON(json)
                expectTerminalSafe(j, "escapeJSON", c.label)
                #expect((try? JSONDecoder().decode([String].self, from: Data(j.utf8))) == [s], "\(c.label)")
            }
        }
    }
}
