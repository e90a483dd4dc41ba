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

    /// si_pid as the tracers show it: with -Y (`resolver`) its command name, and a pid of the
    /// receiver's nested pid namespace followed by the task it is in nstrace's (`outer`),
    /// `1<sh> /* 1234 in nstrace's PID NS */`, as a pid argument is shown.
    public static func pidShown(comm resolver: FDPathResolver?, outer: @escaping (Int32) -> Int32?) -> (Int32) -> SyscallValue {
        let named = resolver.map(pidWithComm)
        return { pid in
            let v = named?(pid) ?? .int(Int64(pid))
            guard pid > 0, let o = outer(pid) else { return v }
            return .int(Int64(pid), text: v.text + PidNamespaceIndex.comment(o))
        }
    }

    /// `pid` shows si_pid (`-Y`: with its command name), `fd` si_fd (a descriptor's file with -y).
    public static func value(_ si: SigInfo, pid: ((Int32) -> SyscallValue)? = nil,
                             fd: ((Int64) -> SyscallValue)? = nil) -> SyscallValue {
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
            // PRINT_FIELD_ERR_U: the name, `2 /* ENOENT */` with -X verbose, unsigned when unknown.
            let number = String(UInt32(bitPattern: si.errno))
            f.append(F("si_errno", .symbol(Int64(si.errno), name: name,
                                           text: name.map { DecodeStyle.constant($0, number: number) } ?? number)))
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
                f += [F("si_band", .int(si.band)), F("si_fd", fd?(Int64(si.fd)) ?? .int(Int64(si.fd)))]
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
            // The union after si_addr: si_addr_lsb at offset 24 (`value`'s), si_lower and
            // si_pkey at 32 (`utime`'s), si_upper at 40 (`stime`'s).
            let at24 = UInt64(bitPattern: si.value), at32 = UInt64(bitPattern: si.utime)
            if si.signo == 7, code == 4 || code == 5 {           // BUS_MCEERR_AR, BUS_MCEERR_AO
                f.append(F("si_addr_lsb", .uint(at24 & 0xffff, text: Fmt.hex(at24 & 0xffff))))
            } else if si.signo == 11, code == 3 {                // SEGV_BNDERR
                f += [F("si_lower", .pointer(at32)), F("si_upper", .pointer(UInt64(bitPattern: si.stime)))]
            } else if si.signo == 11, code == 4 {                // SEGV_PKUERR
                f.append(F("si_pkey", .uint(at32 & 0xffff_ffff)))
            }
        case 29: // SIGIO/SIGPOLL: POLL_IN ... POLL_HUP
            if (1...6).contains(code) { f += [F("si_band", .int(si.band)), F("si_fd", fd?(Int64(si.fd)) ?? .int(Int64(si.fd)))] }
        case 31: // SIGSYS
            let nr = UInt64(UInt32(bitPattern: si.syscall))
            f += [F("si_call_addr", .pointer(si.callAddr)),
                  F("si_syscall", ArgContext.syscallNumber(UInt64(bitPattern: Int64(si.syscall)), shown: nr, arch: si.arch,
                                                           current: nil)),
                  F("si_arch", X.auditArchs.symbolValue(UInt64(si.arch)))]
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
        return Fmt.hex(u)
    }
}
