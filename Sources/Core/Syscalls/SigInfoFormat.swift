/// The body of a signal line, `{si_signo=SIGCHLD, si_code=CLD_EXITED, …}`, as strace prints it.
public enum SigInfoFormat {
    public static func format(_ si: SigInfo) -> String {
        var f: [String] = ["si_signo=" + SignalNames.name(si.signo)]
        if si.errno != 0 { f.append("si_errno=" + (ErrnoNames.name(si.errno) ?? String(si.errno))) }
        let code = si.code
        f.append("si_code=" + codeName(signo: si.signo, code: code))
        if code <= 0 || code == 0x80 {
            // Sent by a process (SI_USER, SI_QUEUE, SI_TKILL …) or by the kernel (SI_KERNEL).
            switch code {
            case 0, -6: // SI_USER, SI_TKILL
                f += ["si_pid=\(si.pid)", "si_uid=\(si.uid)"]
            case -1, -3: // SI_QUEUE, SI_MESGQ
                f += ["si_pid=\(si.pid)", "si_uid=\(si.uid)", valueField(si.value)]
            case -2: // SI_TIMER
                f += ["si_timerid=" + Fmt.hex(UInt64(UInt32(bitPattern: si.timerid))),
                      "si_overrun=\(si.overrun)", valueField(si.value)]
            case -5: // SI_SIGIO
                f += ["si_band=\(si.band)", "si_fd=\(si.fd)"]
            default:
                break
            }
            return "{" + f.joined(separator: ", ") + "}"
        }
        switch si.signo {
        case 17: // SIGCHLD
            let status = code == 1 ? String(si.status) : SignalNames.name(si.status)
            f += ["si_pid=\(si.pid)", "si_uid=\(si.uid)", "si_status=" + status,
                  "si_utime=" + clockT(si.utime), "si_stime=" + clockT(si.stime)]
        case 4, 8, 11, 7: // SIGILL SIGFPE SIGSEGV SIGBUS
            f.append("si_addr=" + Fmt.addr(si.addr))
        case 29: // SIGIO/SIGPOLL
            f += ["si_band=\(si.band)", "si_fd=\(si.fd)"]
        case 31: // SIGSYS
            f += ["si_call_addr=" + Fmt.addr(si.callAddr),
                  "si_syscall=" + syscallName(si.syscall, arch: si.arch),
                  "si_arch=" + archName(si.arch)]
        case 5: // SIGTRAP
            f.append("si_addr=" + Fmt.addr(si.addr))
        default:
            f += ["si_pid=\(si.pid)", "si_uid=\(si.uid)"]
        }
        return "{" + f.joined(separator: ", ") + "}"
    }

    static func codeName(signo: Int32, code: Int32) -> String {
        let u = UInt64(UInt32(bitPattern: code))
        if let n = X.siCodes.name(u) { return n }
        if code > 0 {
            let table: Xlat?
            switch signo {
            case 4: table = X.illCodes
            case 8: table = X.fpeCodes
            case 11: table = X.segvCodes
            case 7: table = X.busCodes
            case 5: table = X.trapCodes
            case 17: table = X.cldCodes
            case 29: table = X.pollCodes
            case 31: table = X.sysCodes
            default: table = nil
            }
            if let t = table, let n = t.name(u) { return n }
        }
        return code < 0 ? String(code) : Fmt.hex(u)
    }

    private static func valueField(_ v: Int64) -> String {
        "si_value={int=\(Int32(truncatingIfNeeded: v)), ptr=" + Fmt.addr(UInt64(bitPattern: v)) + "}"
    }

    /// clock_t fields: "13 /* 0.13 s */" (strace shows seconds when nonzero, at 100 Hz).
    static func clockT(_ v: Int64) -> String {
        if v == 0 { return "0" }
        let u = UInt64(bitPattern: v)
        let frac = u % 100
        return "\(v) /* \(u / 100).\(frac < 10 ? "0" : "")\(frac) s */"
    }

    private static func archName(_ a: UInt32) -> String {
        switch a {
        case 0xC000003E: return "AUDIT_ARCH_X86_64"
        case 0x40000003: return "AUDIT_ARCH_I386"
        default: return Fmt.hex(UInt64(a))
        }
    }

    private static func syscallName(_ nr: Int32, arch: UInt32) -> String {
        if let n = SyscallSpecs.name(Int(nr), abi: arch == 0x40000003 ? .i386 : .x86_64) { return "__NR_" + n }
        return String(nr)
    }
}
