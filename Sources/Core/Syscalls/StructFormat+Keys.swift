// keyctl (strace 6.1's keyctl.c): the command, then the arguments each command takes.

/// How one argument of keyctl is shown (`DbgArg.key`).
enum KeyArg: Sendable {
    /// A key serial number: `KEY_SPEC_THREAD_KEYRING`, else decimal.
    case serial
}

extension DbgPlans {
    static func keyctl(_ a: SyscallArgs) -> Plan {
        Plan([.xval(X.ptraceCmds), .hex, .hex, .hex, .hex])
    }

    static func keyctlShapes(_ at: (Int, [UInt64]) -> [SyscallArgs]) -> [SyscallArgs] {
        at(0, [0])
    }
}

extension ArgContext {
    mutating func keyValue(_ k: KeyArg, _ i: Int) -> SyscallValue {
        .int(sint(args[i]))
    }

    mutating func keyValueOut(_ k: KeyArg, _ i: Int) -> SyscallValue {
        isError ? .pointer(args[i]) : keyValue(k, i)
    }

    func keySave(_ k: KeyArg, _ i: Int, into saved: inout [Int: UInt64]) {}
}

extension CapturePlanner {
    func addKeySaved(_ k: KeyArg, _ i: Int, to plan: inout CapturePlan) {}
    func addKey(_ k: KeyArg, _ i: Int, exiting: Bool, to plan: inout CapturePlan) {}
}
