// A call's result as strace 6.1 prints it after ` = `: the number, its errno name and text,
// or what the call's return type makes of it (a pid, a descriptor, flags), and as a typed
// value for the record.

extension ArgContext {
    mutating func formatReturn(_ r: Ret) -> String {
        var out = ByteBuffer(capacity: 32)
        writeReturn(r, to: &out)
        return out.string
    }

    /// The result as shown after `= `, appended to `out`.
    mutating func writeReturn(_ r: Ret, to out: inout ByteBuffer) {
        let u = abi == .i386 ? UInt64(UInt32(truncatingIfNeeded: ret)) : UInt64(bitPattern: ret)
        switch r {
        case .dec: out.append(decimal: ret)
        case .pid:
            if options.pidComm { return pidValue(ret).write(to: &out) }
            out.append(decimal: ret)
        case .udec: out.append(decimal: u)
        case .hex: out.append(hex: u)
        case .octal: out.append(Fmt.octal(u))
        case .umode: out.append(mode: u)
        case .fd: writeFD(ret, to: &out)
        default: returnValue(r).write(to: &out)
        }
    }

    /// The result as a typed value (its text is `formatReturn`'s).
    mutating func returnValue(_ r: Ret) -> SyscallValue {
        switch r {
        case .fcntlGetFL, .fcntlGetFD, .xvalNote, .personality:
            // strace's auxstr, `(flags O_RDONLY|O_NONBLOCK)`, is never styled by -X.
            let style = DecodeStyle.current
            if style.xlat != .abbrev {
                return DecodeStyle.with(DecodeStyle(xlat: .abbrev, hexStrings: style.hexStrings)) { returnValueStyled(r) }
            }
        default: break
        }
        return returnValueStyled(r)
    }

    private mutating func returnValueStyled(_ r: Ret) -> SyscallValue {
        let u = abi == .i386 ? UInt64(UInt32(truncatingIfNeeded: ret)) : UInt64(bitPattern: ret)
        switch r {
        case .dec: return .int(ret)
        case .pid: return pidValue(ret)
        case .udec: return .uint(u)
        case .hex: return .uint(u, text: Fmt.hex(u))
        case .octal: return .uint(u, text: Fmt.octal(u))
        case .umode: return .uint(u, text: Fmt.mode(u))
        case .fd: return fdValue(ret)
        case .fcntlGetFL:
            let flags = openFlagsValue(u)
            return .expr(Fmt.hex(u) + " (flags " + flags.text + ")", json: flags)
        case .fcntlGetFD:
            if ret == 0 { return .flags(0, names: [], unknown: 0, text: "0") }
            let flags = X.fdFlags.flagsValue(u, plain: true)
            return .expr(Fmt.hex(u) + " (flags " + flags.text + ")", json: flags)
        case .fcntlGetLease:
            guard let name = X.lockTypes.name(u) else { return .uint(u, text: Fmt.hex(u)) }
            return .expr(Fmt.hex(u) + " (" + name + ")", json: X.lockTypes.symbolValue(u))
        case .fcntlGetSig:
            if ret == 0 { return .int(0) }
            let s = Self.signalValue(u)
            return .expr(String(ret) + " (" + s.text + ")", json: s)
        case .xvalNote(let x):
            let s = x.symbolValue(u)
            return .expr(String(ret) + " (" + s.text + ")", json: s)
        case .personality:
            let p = SyscallValue.flagSet(u & 0xffff_ffff, text: personality(u))
            return .expr(Fmt.hex(u) + " (" + p.text + ")", json: p)
        case .timeout: return ret == 0 ? .expr("0 (Timeout)", json: .int(0)) : .int(ret)
        case .poll(let fdsArg, let countArg, let timeoutArg):
            if ret == 0 { return .expr("0 (Timeout)", json: .int(0)) }
            // strace's decode_poll_exiting: the entries with events, at most -s of them
            // unless -v, their descriptors as plain numbers. Read as one block of at most
            // what trace --bpf captures (CapturePlan.pollResultEntries), so that both tracers
            // show the same: the kernel has just written the whole array, so it is readable.
            let count = min(Int(UInt32(truncatingIfNeeded: args[countArg])), CapturePlan.pollResultEntries)
            var notes: [String] = []
            if count > 0, let b = read(args[fdsArg], count * 8) {
                var items: [String] = []
                let most = abbreviated ? limit : Int.max
                for k in 0..<count where b.u16(k * 8 + 6) != 0 {
                    if items.count >= most { items.append("..."); break }
                    items.append("{fd=\(b.i32(k * 8)), revents=" + X.pollEvents.flagsValue(b.u16(k * 8 + 6), plain: true).text + "}")
                }
                if !items.isEmpty { notes.append("[" + items.joined(separator: ", ") + "]") }
            }
            if let t = timeoutArg, args[t] != 0, let b = read(args[t], 16) { notes.append("left " + timespec(b, 0).text) }
            return notes.isEmpty ? .int(ret) : .expr(String(ret) + " (" + notes.joined(separator: ", ") + ")", json: .int(ret))
        case .select(let nfdsArg, let timeoutArg, let usec):
            return selectResult(nfdsArg: nfdsArg, timeoutArg: timeoutArg, usec: usec)
        case .proc(let p): return procReturn(p)
        case .fsnet(let f): return fsnetReturn(f)
        }
    }

    /// Whether a record's `retValue` carries the result typed (a pid, an fd, flags, a named
    /// value); nil otherwise, where `ret` says it all.
    static func typesReturn(_ r: Ret) -> Bool {
        switch r {
        case .pid, .fd, .fcntlGetFL, .fcntlGetFD, .fcntlGetLease, .fcntlGetSig, .xvalNote, .personality: return true
        default: return false
        }
    }
}
