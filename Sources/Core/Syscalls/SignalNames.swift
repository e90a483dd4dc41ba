import CShim

/// Signal names as strace 6.1 prints them (kernel numbering: 32 is SIGRTMIN, 33 SIGRT_1 …
/// 64 SIGRT_32; glibc reserves 32 and 33, so its SIGRTMIN+3 is SIGRT_5).
public enum SignalNames {
    private static let classic: [String] = [
        "SIG_0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS", "SIGRTMIN",
    ]
    private static let byName: [String: Int32] = {
        var m: [String: Int32] = [:]
        for (i, n) in classic.enumerated() where i > 0 { m[n] = Int32(i) }
        m["SIGIOT"] = 6; m["SIGPOLL"] = 29; m["SIGCLD"] = 17; m["SIGUNUSED"] = 31
        return m
    }()

    /// "SIGCHLD", "SIGRTMIN", "SIGRT_3"; unknown numbers (0, > 64, negative) as strace: "0", "99".
    public static func name(_ sig: Int32) -> String {
        if sig > 0 && sig <= 32 { return classic[Int(sig)] }
        if sig > 32 && sig <= 64 { return "SIGRT_\(sig - 32)" }
        return String(sig)
    }

    /// The name inside a signal set: without "SIG" ("INT", "RTMIN", "RT_1").
    static func shortName(_ sig: Int) -> String {
        if sig > 0 && sig <= 32 { return String(classic[sig].dropFirst(3)) }
        if sig > 32 && sig <= 64 { return "RT_\(sig - 32)" }
        return String(sig)
    }

    /// Accepts "SIGKILL", "KILL", "kill", "9", "SIGRTMIN+3", "RTMIN", "SIGRT_3", "RTMAX-1".
    public static func number(_ name: String) -> Int32? {
        if let n = Int32(name) { return n >= 0 && n <= 64 ? n : nil }
        var s = name.uppercased()
        if !s.hasPrefix("SIG") { s = "SIG" + s }
        if let n = byName[s] { return n }
        let rtmin = Int32(ns_sigrtmin()), rtmax = Int32(ns_sigrtmax())
        func offset(_ rest: Substring) -> Int32? {
            if rest.isEmpty { return 0 }
            guard let d = Int32(rest.dropFirst()) else { return nil }
            return rest.first == "+" ? d : (rest.first == "-" ? -d : nil)
        }
        if s.hasPrefix("SIGRT_"), let n = Int32(s.dropFirst(6)), n >= 0, n <= 32 { return 32 + n }
        if s.hasPrefix("SIGRTMIN"), let o = offset(s.dropFirst(8)) {
            let v = rtmin + o
            return v >= rtmin && v <= rtmax ? v : nil
        }
        if s.hasPrefix("SIGRTMAX"), let o = offset(s.dropFirst(8)) {
            let v = rtmax + o
            return v >= rtmin && v <= rtmax ? v : nil
        }
        return nil
    }
}

/// Where rt_sigreturn finds the signal mask it restores: in the signal frame the kernel
/// built on the stack, which the handler's `ret` to the restorer has left just above the
/// stack pointer (strace's get_rt_sigframe_addr: sp minus one word). The tracers give
/// rt_sigreturn this address as its argument (it takes none), so that it is decoded, and
/// captured by --bpf, like any pointer: `rt_sigreturn({mask=[INT CHLD]})`.
public enum SignalFrame {
    /// rt_sigreturn's number on each ABI.
    public static func isSigreturn(_ nr: Int64, abi: SyscallABI) -> Bool {
        abi == .i386 ? nr == 173 : nr == 15
    }

    /// The address of the saved mask, from the stack pointer at the call.
    /// x86_64: frame = sp - 8; {pretcode 8, ucontext: flags 8, link 8, stack 24,
    /// mcontext 256, sigmask}: + 8 + 296. i386 (and compat): frame = sp - 4; {pretcode,
    /// sig, pinfo, puc: 16, siginfo 128, ucontext: flags 4, link 4, stack 12, mcontext 88,
    /// sigmask}: + 16 + 128 + 108. (nstrace.bpf.c does the same in the kernel.)
    public static func maskAddress(stackPointer sp: UInt64, abi: SyscallABI) -> UInt64 {
        abi == .i386 ? UInt64(UInt32(truncatingIfNeeded: sp &+ 248)) : sp &+ 296
    }
}
