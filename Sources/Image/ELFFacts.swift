import CElf
import FoundationEssentials

/// What the ELF header of an image's entrypoint says about what it needs at run time
/// (read with libelf): static or dynamic, its interpreter, its needed libraries.
public struct ELFFacts: Sendable, Codable, Equatable {
    /// 32 or 64.
    public var bits: Int
    /// "x86-64", "aarch64", ...
    public var machine: String
    /// "executable", "pie executable", "shared object", "relocatable", "core".
    public var type: String
    /// true when nothing is loaded at run time: no interpreter, no needed libraries.
    public var isStatic: Bool
    /// PT_INTERP (the dynamic loader), nil for static binaries.
    public var interpreter: String?
    /// DT_NEEDED, in order.
    public var needed: [String]

    /// "ELF 64-bit x86-64 executable, static, no interpreter".
    public var summary: String {
        var s = "ELF \(bits)-bit \(machine) \(type), "
        if isStatic {
            s += type == "pie executable" ? "static-pie, no interpreter" : "static, no interpreter"
        } else {
            s += "dynamic, interpreter " + (interpreter ?? "(none)")
        }
        s += needed.isEmpty ? "" : ", needs " + needed.joined(separator: " ")
        return s
    }

    static let elfInit: Bool = { elf_version(UInt32(EV_CURRENT)) != UInt32(EV_NONE) }()

    /// Reads the facts from the bytes of a file; nil when it is not ELF.
    public static func read(_ bytes: Data) -> ELFFacts? {
        guard bytes.count >= 16, bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]), elfInit else { return nil }
        var copy = [CChar](repeating: 0, count: bytes.count)
        copy.withUnsafeMutableBytes { _ = bytes.copyBytes(to: $0) }
        return copy.withUnsafeMutableBufferPointer { buf -> ELFFacts? in
            guard let elf = elf_memory(buf.baseAddress, buf.count) else { return nil }
            defer { elf_end(elf) }
            var ehdr = GElf_Ehdr()
            guard gelf_getehdr(elf, &ehdr) != nil else { return nil }
            let bits = gelf_getclass(elf) == ELFCLASS32 ? 32 : 64
            var interpreter: String?
            var hasDynamic = false
            var phnum = 0
            if elf_getphdrnum(elf, &phnum) == 0 {
                for i in 0..<phnum {
                    var ph = GElf_Phdr()
                    guard gelf_getphdr(elf, Int32(i), &ph) != nil else { continue }
                    if ph.p_type == UInt32(PT_INTERP) {
                        let start = Int(ph.p_offset), end = start + Int(ph.p_filesz)
                        if start >= 0, end <= buf.count, start < end {
                            let raw = buf[start..<end].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
                            interpreter = String(decoding: raw, as: UTF8.self)
                        }
                    }
                    if ph.p_type == UInt32(PT_DYNAMIC) { hasDynamic = true }
                }
            }
            var needed: [String] = []
            var scn: OpaquePointer? = elf_nextscn(elf, nil)
            while let s = scn {
                var sh = GElf_Shdr()
                if gelf_getshdr(s, &sh) != nil, sh.sh_type == UInt32(SHT_DYNAMIC), let data = elf_getdata(s, nil) {
                    let count = sh.sh_entsize > 0 ? Int(sh.sh_size / sh.sh_entsize) : 0
                    for i in 0..<count {
                        var dyn = GElf_Dyn()
                        guard gelf_getdyn(data, Int32(i), &dyn) != nil else { break }
                        if dyn.d_tag == Int64(DT_NULL) { break }
                        if dyn.d_tag == Int64(DT_NEEDED), let name = elf_strptr(elf, Int(sh.sh_link), Int(dyn.d_un.d_val)) {
                            needed.append(String(cString: name))
                        }
                    }
                }
                scn = elf_nextscn(elf, s)
            }
            let type: String
            switch Int32(ehdr.e_type) {
            case ET_EXEC: type = "executable"
            case ET_DYN:
                // As file(1): DF_1_PIE marks a PIE (libc.so.6 has an interpreter too, yet is a library).
                type = hasPIEFlag(elf) || (!hasDynamic && ehdr.e_entry != 0) ? "pie executable" : "shared object"
            case ET_REL: type = "relocatable"
            case ET_CORE: type = "core"
            default: type = "type \(ehdr.e_type)"
            }
            return ELFFacts(bits: bits, machine: machineName(Int32(ehdr.e_machine)), type: type,
                            isStatic: interpreter == nil && needed.isEmpty, interpreter: interpreter, needed: needed)
        }
    }

    /// DT_FLAGS_1 has DF_1_PIE (a static-pie has no interpreter but is an executable).
    static func hasPIEFlag(_ elf: OpaquePointer) -> Bool {
        var scn: OpaquePointer? = elf_nextscn(elf, nil)
        while let s = scn {
            var sh = GElf_Shdr()
            if gelf_getshdr(s, &sh) != nil, sh.sh_type == UInt32(SHT_DYNAMIC), let data = elf_getdata(s, nil), sh.sh_entsize > 0 {
                for i in 0..<Int(sh.sh_size / sh.sh_entsize) {
                    var dyn = GElf_Dyn()
                    guard gelf_getdyn(data, Int32(i), &dyn) != nil else { break }
                    if dyn.d_tag == Int64(DT_FLAGS_1) { return dyn.d_un.d_val & UInt64(DF_1_PIE) != 0 }
                }
            }
            scn = elf_nextscn(elf, s)
        }
        return false
    }

    static func machineName(_ m: Int32) -> String {
        switch m {
        case EM_X86_64: return "x86-64"
        case EM_386: return "i386"
        case EM_AARCH64: return "aarch64"
        case EM_ARM: return "arm"
        case EM_RISCV: return "riscv"
        case EM_PPC64: return "ppc64"
        case EM_S390: return "s390"
        case EM_MIPS: return "mips"
        default: return "machine \(m)"
        }
    }
}
