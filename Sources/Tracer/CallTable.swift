import NSCore
import NSLinux

/// What the loop needs to know about a syscall number, worked out once per (ABI, number)
/// rather than by hashing the call's name at every stop: its name, its `-e trace=%class`
/// classes, its decoder signature, and whether the loop has extra work at its exit.
/// A class: the loop takes one from the table per stop, a reference rather than a copy
/// of its Strings and plan.
final class CallInfo {
    struct Traits: OptionSet {
        let rawValue: UInt16
        /// unshare, setns, execve, execveat: namespaces are read again after success.
        static let changesNamespaces = Traits(rawValue: 1 << 0)
        /// Returns a pid (getpid, clone, wait4...): translated for nested pid namespaces.
        static let returnsPid = Traits(rawValue: 1 << 1)
        /// May take code away (-k: StackUnwinder.remapped).
        static let remaps = Traits(rawValue: 1 << 2)
        /// clone or clone3 (CLONE_UNTRACED is cleared when following).
        static let clone = Traits(rawValue: 1 << 3)
        /// write or pwrite64 (id map writes are watched).
        static let write = Traits(rawValue: 1 << 4)
        /// Has pid arguments (translated for nested pid namespaces).
        static let pidArguments = Traits(rawValue: 1 << 5)
        /// The loop uses its decoded text besides printing it (namespace records and notes,
        /// pid translation, restart_syscall, a child's creating call): decoded as Strings
        /// even when only printed.
        static let argumentText = Traits(rawValue: 1 << 6)
        /// restart_syscall (shown as the call it resumes; not a task's last call).
        static let restart = Traits(rawValue: 1 << 7)
    }

    let name: String
    let classes: SyscallClasses
    let traits: Traits
    /// The decoder's view of the call (its signature, looked up once).
    let decoding: SyscallDecoder.Call

    init(nr: Int64, name: String, abi: SyscallABI) {
        self.name = name
        // By number: no index of names is built for a trace. libseccomp's name and the
        // table's agree (SyscallSpecTests); a number libseccomp does not know has a name of
        // its own ("syscall_0x1c4") and no row.
        let spec = SyscallSpecs.spec(Int(nr), abi: abi).flatMap { $0.name == name ? $0 : nil }
            ?? SyscallSpecs.spec(named: name, abi: abi)
        decoding = SyscallDecoder.Call(name: name, abi: abi, spec: spec)
        classes = spec?.classes ?? SyscallDecoder.classes(of: name)
        var t: Traits = []
        if NamespaceEffects.changers.contains(name) { t.insert(.changesNamespaces) }
        if Tracer.pidResults.contains(name) { t.insert(.returnsPid) }
        if StackUnwinder.remappingCalls.contains(name) { t.insert(.remaps) }
        if name == "clone" || name == "clone3" { t.insert(.clone) }
        if name == "write" || name == "pwrite64" { t.insert(.write) }
        if name == "restart_syscall" { t.insert(.restart) }
        if NamespaceEffects.pidArguments[name] != nil { t.insert(.pidArguments) }
        if !t.isDisjoint(with: [.changesNamespaces, .returnsPid, .pidArguments, .clone])
            || PendingSyscall.creatingCalls.contains(name) || name == "setns" || t.contains(.restart) {
            t.insert(.argumentText)
        }
        traits = t
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
