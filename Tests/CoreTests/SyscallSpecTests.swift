import Foundation
@testable import NSCore
import NSLinux
import Testing

/// Issue 18, must show: the spec table walked row by row. Every row names the syscall
/// libseccomp (the tracer's source of names) knows at that number on that ABI; every
/// parameter has a name, one per argument, unique in its row; every trait is set on some
/// row and asked about by some code; and no other set of syscall names is left in
/// Sources/ (a scan like SourcePatternTests').
@Suite struct SyscallSpecTests {
    static let abis: [SyscallABI] = [.x86_64, .i386]

    /// libseccomp's name of every number below 1024 that it knows, per ABI.
    static let seccomp: [SyscallABI: [Int: String]] = {
        let names = SyscallNames()
        var out: [SyscallABI: [Int: String]] = [:]
        for abi in abis {
            for nr in 0..<1024 {
                let n = names.name(Int64(nr), abi: abi)
                if !n.hasPrefix("syscall_0x") { out[abi, default: [:]][nr] = n }
            }
        }
        return out
    }()

    @Test(arguments: abis) func everyRowIsASyscallLibseccompKnows(abi: SyscallABI) throws {
        let rows = SyscallSpecs.rows(abi)
        let known = try #require(Self.seccomp[abi])
        let newest = try #require(known.keys.max())
        #expect(rows.count >= 370)
        #expect(rows.map(\.number) == rows.map(\.number).sorted(), "rows in number order (binary search)")
        #expect(Set(rows.map(\.number)).count == rows.count, "one row per number")
        #expect(Set(rows.map(\.name)).count == rows.count, "one row per name")
        var newer: [String] = []
        for row in rows {
            if let name = known[row.number] {
                #expect(name == row.name, "\(abi) \(row.number): the table says \(row.name), libseccomp \(name)")
            } else {
                // A call newer than this libseccomp's tables (Debian 12's 2.5.4 stops at
                // 456): allowed above the last number it knows, never in a gap.
                #expect(row.number > newest, "\(abi) \(row.number) \(row.name): unknown to libseccomp")
                newer.append(row.name)
            }
            #expect(SyscallSpecs.spec(row.number, abi: abi)?.name == row.name)
            #expect(SyscallSpecs.spec(named: row.name, abi: abi)?.number == row.number)
        }
        // And the other way: every call libseccomp knows has its row.
        for (nr, name) in known {
            #expect(SyscallSpecs.spec(nr, abi: abi)?.name == name, "\(abi) \(nr) \(name) has no row")
        }
        #expect(newer.count <= 12, "rows newer than libseccomp: \(newer)")
    }

    @Test(arguments: abis) func parameterNamesByRawIndex(abi: SyscallABI) {
        let identifier = try! NSRegularExpression(pattern: "^[a-z_][a-z0-9_]*$")
        for row in SyscallSpecs.rows(abi) {
            let p = row.parameters
            #expect((0...6).contains(p.count), "\(abi) \(row.name): \(p.count) arguments")
            #expect(Set(p).count == p.count, "\(abi) \(row.name): names not unique: \(p)")
            for n in p {
                // A JSON key that needs no escaping, and a plain identifier to the reader.
                let ok = identifier.firstMatch(in: n, range: NSRange(n.startIndex..., in: n)) != nil
                #expect(ok, "\(abi) \(row.name): parameter name \"\(n)\"")
            }
            // The decoder's slots are raw indices into these parameters.
            if let plan = row.typicalPlan {
                for slot in plan.slots {
                    #expect(slot.index < p.count, "\(abi) \(row.name): slot \(slot.index) of \(p.count) arguments")
                }
            }
            let call = SyscallDecoder.Call(name: row.name, abi: abi)
            #expect(call.parameterNames == p)
        }
        // Names from the man pages, in the raw call's order where the C library's differs.
        func names(_ n: String) -> [String]? { SyscallSpecs.spec(named: n, abi: abi)?.parameters }
        #expect(names("openat") == ["dirfd", "pathname", "flags", "mode"])
        #expect(names("read") == ["fd", "buf", "count"])
        #expect(names("getpid") == [])
        #expect(names("clone") == (abi == .x86_64 ? ["flags", "stack", "parent_tid", "child_tid", "tls"]
                                                 : ["flags", "stack", "parent_tid", "tls", "child_tid"]))
        if abi == .i386 {
            #expect(names("_llseek") == ["fd", "offset_high", "offset_low", "result", "whence"])
            #expect(names("socketcall") == ["call", "args"])
            #expect(names("mmap2") == ["addr", "length", "prot", "flags", "fd", "pgoffset"])
            #expect(names("pread64") == ["fd", "buf", "count", "offset", "offset_hi"])
        }
        // A call without a row: arg0...arg5, as strace's generic decoder prints six.
        #expect(SyscallDecoder.Call(name: "syscall_0x3ff", abi: abi).parameterNames == (0..<6).map { "arg\($0)" })
    }

    /// Traits that belong together with types.
    @Test(arguments: abis) func traitsAgreeWithTypes(abi: SyscallABI) {
        for row in SyscallSpecs.rows(abi) where row.signature != nil {
            let t = row.traits
            if t.contains(.looksUpPath) { #expect(row.pathArgument != nil, "\(abi) \(row.name) looks up no path") }
            if t.contains(.createsTask) { #expect(t.contains(.returnsPid), "\(abi) \(row.name)") }
        }
        let x = SyscallSpecs.spec(named:abi:)
        #expect(x("kill", abi)?.traits.contains(.takesPid) == true)
        #expect(x("getpid", abi)?.traits.contains(.returnsPid) == true)
        #expect(x("wait4", abi)?.traits.isSuperset(of: abi == .x86_64 ? [.takesPid, .returnsPid] : .returnsPid) == true)
        #expect(x("clone", abi)?.traits.isSuperset(of: [.createsTask, .returnsPid, .takesCloneFlags]) == true)
        #expect(x("openat", abi)?.pathArgument.map { [$0.path, $0.dirfd ?? -1] } == [1, 0])
        #expect(x("openat", abi)?.returnsFD == true)
        #expect(x("mmap2", .i386)?.mmapFlagsArgument == 3)
        #expect(x("write", abi)?.traits.contains(.takesPid) == false)
    }

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The files that define the table (where trait names and syscall names belong).
    static func isTable(_ file: String) -> Bool {
        file.hasPrefix("Core/Syscalls/SyscallSpec")
    }

    @Test func everyTraitIsSetOnSomeRowAndAskedBySomeCode() throws {
        let files = SourcePatternTests.files().filter { !Self.isTable($0.0) }
        try #require(files.count > 50)
        let rows = Self.abis.flatMap { SyscallSpecs.rows($0) }
        var all: SyscallTraits = []
        for (name, trait) in SyscallTraits.all {
            all.formUnion(trait)
            #expect(rows.contains { $0.traits.contains(trait) }, "trait \(name) is on no row")
            let re = try NSRegularExpression(pattern: #"\.\#(name)\b"#)
            let users = files.filter { re.firstMatch(in: $0.1, range: NSRange($0.1.startIndex..., in: $0.1)) != nil }
            #expect(!users.isEmpty, "trait \(name) is asked about nowhere in Sources/")
        }
        // `all` lists every trait the type declares.
        let declared = try String(contentsOf: Self.sources.appendingPathComponent("Core/Syscalls/SyscallSpec.swift"),
                                  encoding: .utf8)
        #expect(declared.components(separatedBy: "= SyscallTraits(rawValue:").count - 1 == SyscallTraits.all.count)
        #expect(rows.allSatisfy { all.isSuperset(of: $0.traits) })
    }

    // MARK: no other set of syscall names

    /// Every syscall name of both ABIs.
    static let syscallNames: Set<String> = Set(abis.flatMap { SyscallSpecs.rows($0).map(\.name) })

    /// Collection literals (`[...]`: arrays, sets, dictionary keys) whose string literals,
    /// two or more, are all syscall names: a set of syscall names kept outside the table.
    /// Comments and multi-line strings are skipped.
    static func nameSets(in text: String) -> [String] {
        let chars = Array(text.unicodeScalars)
        var out: [String] = []
        var stack: [(start: Int, literals: [String], other: Bool)] = []
        var i = 0
        func addLiteral(_ s: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].literals.append(s)
            if !syscallNames.contains(s) { stack[stack.count - 1].other = true }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "/", i + 1 < chars.count, chars[i + 1] == "/" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                i += 2
                while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i += 2
                continue
            }
            if c == "\"" {
                if i + 2 < chars.count, chars[i + 1] == "\"", chars[i + 2] == "\"" {
                    i += 3
                    while i + 2 < chars.count && !(chars[i] == "\"" && chars[i + 1] == "\"" && chars[i + 2] == "\"") { i += 1 }
                    i += 3
                    continue
                }
                var j = i + 1
                var s = String.UnicodeScalarView()
                while j < chars.count && chars[j] != "\"" && chars[j] != "\n" {
                    if chars[j] == "\\" { j += 1 }
                    if j < chars.count { s.append(chars[j]) }
                    j += 1
                }
                addLiteral(String(s))
                i = j + 1
                continue
            }
            if c == "[" { stack.append((i, [], false)) }
            if c == "]", let top = stack.popLast() {
                if top.literals.count >= 2 && !top.other {
                    let line = chars[..<top.start].filter { $0 == "\n" }.count + 1
                    out.append("line \(line): [\(top.literals.joined(separator: ", "))]")
                }
            }
            i += 1
        }
        return out
    }

    @Test func noOtherSetOfSyscallNamesInSources() throws {
        let files = SourcePatternTests.files()
        try #require(files.count > 50)
        for (file, text) in files where !Self.isTable(file) {
            for hit in Self.nameSets(in: text) { Issue.record("\(file): \(hit): use the spec table's traits") }
        }
    }

    /// The scan finds what it is for, and leaves lists that only contain a syscall name.
    @Test func theScanFindsNameSets() {
        let bad = """
            static let changers: Set<String> = ["unshare", "setns", "execve", "execveat"]
            for n in ["open", "creat"] { m[n] = (0, nil) }
            let pidArgs: [String: [Int]] = ["kill": [0], "tkill": [0]]
            if ["munmap", "mremap"].contains(name) {}
            """
        #expect(Self.nameSets(in: bad).count == 4, "\(Self.nameSets(in: bad))")
        let good = """
            // ["read", "write"] in a comment
            let types = ["mnt", "uts", "ipc", "pid"]
            let one = values["getpid"]
            let rows = ["getpid", "uname nodename"]
            let s = "[\\"read\\", \\"write\\"]"
            """
        #expect(Self.nameSets(in: good).isEmpty, "\(Self.nameSets(in: good))")
    }
}
