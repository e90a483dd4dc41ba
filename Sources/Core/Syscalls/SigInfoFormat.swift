/// The body of a signal line, `{si_signo=SIGCHLD, si_code=CLD_EXITED, …}`, as strace prints it.
public enum SigInfoFormat {
    public static func format(_ si: SigInfo) -> String { value(si).text }

    /// `format(si)` in a decode style (`-X`).
    public static func format(_ si: SigInfo, style: DecodeStyle, pid: ((Int32) -> SyscallValue)? = nil) -> String {
        DecodeStyle.with(style) { value(si, pid: pid).text }
    }

    /// The siginfo as a typed structure (its text is `format`'s), as strace 6.1's
    /// printsiginfo: `{}` without a signal; the signal and code, the errno when set, then
    /// what the code (sent by a process: SI_USER, SI_QUEUE, ...) or the signal says.
    /// `-Y`'s si_pid: `1234<sh>` while process 1234 (as `resolver`'s task names it) lives.
    public static func pidWithComm(_ resolver: FDPathResolver) -> (Int32) -> SyscallValue {
        { pid in
            guard pid > 0, let comm = resolver.comm(ofProcess: pid) else { return .int(Int64(pid)) }
            return .int(Int64(pid), text: String(pid) + StringQuoting.associated(comm))
        }
    }

    /// `pid` shows si_pid (`-Y`: with its command name).
    public static func value(_ si: SigInfo, pid: ((Int32) -> SyscallValue)? = nil) -> SyscallValue {
        if si.signo == 0 { return .structure([]) }
        let signo = ArgContext.signalValue(UInt64(UInt32(bitPattern: si.signo)))
        var f = [F("si_signo", signo)]
        let code = si.code
        let codeText = codeName(signo: si.signo, code: code)
        let codeNamed = codeText.first?.isLetter == true
        f.append(F("si_code", .symbol(Int64(code), name: codeNamed ? codeText : nil,
                                      text: codeNamed ? DecodeStyle.constant(codeText, number: Fmt.hex(UInt64(UInt32(bitPattern: code)))) : codeText)))
        if si.errno != 0 {
            let name = ErrnoNames.name(si.errno)
            f.append(F("si_errno", .symbol(Int64(si.errno), name: name, text: name ?? String(UInt32(bitPattern: si.errno)))))
        }
        // si_uid as an id: -1 for (uid_t) -1 (PRINT_FIELD_ID).
        let uid: SyscallValue = si.uid == UInt32.max ? .int(-1) : .uint(UInt64(si.uid))
        let source = [F("si_pid", pid?(si.pid) ?? .int(Int64(si.pid))), F("si_uid", uid)]
        let sigval = [F("si_int", .int(Int64(Int32(truncatingIfNeeded: si.value)))),
                      F("si_ptr", .pointer(UInt64(bitPattern: si.value)))]
        if code <= 0 {
            // Sent by a process (SI_FROMUSER).
            switch code {
            case 0, -6: // SI_USER, SI_TKILL
                f += source
            case -2: // SI_TIMER
                let id = UInt64(UInt32(bitPattern: si.timerid))
                f += [F("si_timerid", .uint(id, text: Fmt.hex(id))), F("si_overrun", .int(Int64(si.overrun)))] + sigval
            case -5: // SI_SIGIO
                f += [F("si_band", .int(si.band)), F("si_fd", .int(Int64(si.fd)))]
            default: // SI_QUEUE, SI_MESGQ, SI_ASYNCIO, ...
                f += source
                if si.value != 0 { f += sigval }
            }
            return .structure(f)
        }
        switch si.signo {
        case 17: // SIGCHLD
            let status: SyscallValue = code == 1 ? .int(Int64(si.status))
                : ArgContext.signalValue(UInt64(UInt32(bitPattern: si.status)))
            f += source + [F("si_status", status),
                           F("si_utime", ArgContext.clockT(si.utime)), F("si_stime", ArgContext.clockT(si.stime))]
        case 4, 8, 11, 7, 5: // SIGILL SIGFPE SIGSEGV SIGBUS SIGTRAP
            f.append(F("si_addr", .pointer(si.addr)))
        case 29: // SIGIO/SIGPOLL: POLL_IN ... POLL_HUP
            if (1...6).contains(code) { f += [F("si_band", .int(si.band)), F("si_fd", .int(Int64(si.fd)))] }
        case 31: // SIGSYS
            let name = syscallName(si.syscall, arch: si.arch), arch = archName(si.arch)
            f += [F("si_call_addr", .pointer(si.callAddr)),
                  F("si_syscall", .symbol(Int64(si.syscall), name: ScalarText.hasPrefix(name, "__NR_") ? name : nil, text: name)),
                  F("si_arch", .symbol(Int64(si.arch), name: ScalarText.hasPrefix(arch, "AUDIT") ? arch : nil, text: arch))]
        default:
            if si.pid != 0 || si.uid != 0 { f += source }
            if si.value != 0 { f += sigval }
        }
        return .structure(f)
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
