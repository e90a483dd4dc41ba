import NSCore
import NSLinux

/// What the loop needs to know about a syscall number, worked out once per (ABI, number)
/// rather than by hashing the call's name at every stop: its name, its `-e trace=%class`
/// classes, its decoder signature, and its traits (from the spec table: whether the loop
/// has extra work at its exit).
/// A class: the loop takes one from the table per stop, a reference rather than a copy
/// of its Strings and plan.
final class CallInfo {
    let name: String
    let classes: SyscallClasses
    /// The spec table's traits of the call (none for a number the table lacks).
    let traits: SyscallTraits
    /// The loop uses its decoded text besides printing it (namespace records and notes,
    /// pid translation, restart_syscall, a child's creating call): decoded as Strings
    /// even when only printed.
    let argumentText: Bool
    /// The decoder's view of the call (its signature, looked up once).
    let decoding: SyscallDecoder.Call

    /// The traits for which the loop needs a call's decoded text.
    static let textTraits: SyscallTraits = [.changesNamespaces, .returnsPid, .takesPid, .takesCloneFlags,
                                            .createsTask, .resumesCall]

    init(nr: Int64, name: String, abi: SyscallABI) {
        self.name = name
        // By number: no index of names is built for a trace. libseccomp's name and the
        // table's agree (SyscallSpecTests); a number libseccomp does not know has a name of
        // its own ("syscall_0x1c4") and no row.
        let spec = SyscallSpecs.spec(Int(nr), abi: abi).flatMap { $0.name == name ? $0 : nil }
            ?? SyscallSpecs.spec(named: name, abi: abi)
        decoding = SyscallDecoder.Call(name: name, abi: abi, spec: spec)
        classes = spec?.classes ?? SyscallDecoder.classes(of: name)
        traits = spec?.traits ?? []
        argumentText = !traits.isDisjoint(with: Self.textTraits)
    }
}

/// `CallInfo` by number, one array per ABI, filled as numbers are first seen.
final class CallTable {
    private let names: SyscallNames
    private var x86_64: [CallInfo?] = Array(repeating: nil, count: size)
    private var i386: [CallInfo?] = Array(repeating: nil, count: size)
    private static let size = 1024

    init(names: SyscallNames) { self.names = names }

    func info(_ nr: Int64, abi: SyscallABI) -> CallInfo {
        guard nr >= 0 && nr < Self.size else { return CallInfo(nr: nr, name: names.name(nr, abi: abi), abi: abi) }
        let i = Int(nr)
        if let c = abi == .x86_64 ? x86_64[i] : i386[i] { return c }
        let c = CallInfo(nr: nr, name: names.name(nr, abi: abi), abi: abi)
        if abi == .x86_64 { x86_64[i] = c } else { i386[i] = c }
        return c
    }
}
