import NSCore

/// One line per namespace type: what being in a different namespace of that type
/// changed for this command, from the differences the report found.
enum Verdicts {
    static func make(_ r: CompareReport, outside o: SideTrace, inside i: SideTrace) -> [CompareReport.Verdict] {
        let cmd = commandName(r, o, i)
        return NamespaceID.types.map { t in
            let a = o.namespaces[t], b = i.namespaces[t]
            guard let a, let b else {
                let why = !r.inside.ran || !r.outside.ran ? "the command did not run on both sides" : "the record does not say"
                return .init(type: t, different: false, text: "not known (\(why))")
            }
            if a == b { return .init(type: t, different: false, text: "same namespace on both sides: no effect") }
            if !r.inside.ran || !r.outside.ran {
                let side = !r.inside.ran ? "inside" : "outside"
                return .init(type: t, different: true, text: "a different namespace; the command did not run \(side)")
            }
            let text: String
            switch t {
            case .pid: text = pid(r, o, i, cmd)
            case .uts: text = uts(r)
            case .mnt: text = mnt(r)
            case .user: text = user(r, o, i)
            case .net: text = failures(o, i, cls: .network, what: "network calls")
            case .ipc: text = failures(o, i, cls: .ipc, what: "System V/POSIX IPC calls")
            default: text = "nothing this command did shows a difference"
            }
            return .init(type: t, different: true, text: text)
        }
    }

    static func commandName(_ r: CompareReport, _ o: SideTrace, _ i: SideTrace) -> String {
        let path = r.command.first ?? o.program ?? i.program ?? "the command"
        return ScalarText.baseName(path)
    }

    static func plural(_ n: Int, _ word: String) -> String {
        if n == 1 { return "1 \(word)" }
        if word.hasSuffix("y") { return "\(n) \(word.dropLast())ies" }
        return "\(n) \(word)\(word.hasSuffix("s") ? "es" : "s")"
    }

    static func value(_ r: CompareReport, _ name: String) -> (String?, String?) {
        let row = r.identity.first { $0.name == name && $0.kind == "process" }
        return (row?.outside?.description, row?.inside?.description)
    }

    static func pid(_ r: CompareReport, _ o: SideTrace, _ i: SideTrace, _ cmd: String) -> String {
        var parts: [String] = []
        if o.procPids.count > 0 || i.procPids.count > 0 {
            // Named after the program that looked (ps, not the shell that ran it).
            let reader = i.procReaders.first ?? o.procReaders.first ?? cmd
            parts.append("\(reader) saw \(plural(i.procPids.count, "process")) inside, \(o.procPids.count) outside")
        } else if let l = r.listings.first(where: { $0.path == "/proc" }) {
            parts.append("/proc listed \(l.inside.map(String.init) ?? "-") entries inside, \(l.outside.map(String.init) ?? "-") outside")
        }
        let (op, ip) = value(r, "PID")
        if let op, let ip { parts.append("\(cmd) is PID \(ip) inside (\(op) outside)") }
        let mntSame = o.namespaces[.mnt] != nil && o.namespaces[.mnt] == i.namespaces[.mnt]
        if mntSame {
            parts.append("/proc is still the host's (the mount namespace is shared), so it shows the host's processes")
        }
        if parts.isEmpty { parts.append("a different pid namespace; the command did not look at pids") }
        return parts.joined(separator: "; ")
    }

    static func uts(_ r: CompareReport) -> String {
        let (oh, ih) = value(r, "hostname")
        switch (oh, ih) {
        case (let a?, let b?) where a != b: return "hostname '\(b)' inside, '\(a)' outside"
        case (let a?, _?): return "same hostname '\(a)' (a new uts namespace starts as a copy of its parent's)"
        default: return "a different namespace; the hostname is not known"
        }
    }

    static func mnt(_ r: CompareReport) -> String {
        var parts: [String] = []
        let (orr, ir) = value(r, "root")
        if let orr, let ir, orr != ir { parts.append("root \(ir) inside, \(orr) outside") }
        let f = r.files
        if !f.missingInside.isEmpty {
            parts.append("\(plural(f.missingInside.count, "path")) found outside \(f.missingInside.count == 1 ? "is" : "are") missing inside (\(f.missingInside[0].path)\(f.missingInside.count > 1 ? ", ..." : ""))")
        }
        if !f.missingOutside.isEmpty {
            parts.append("\(plural(f.missingOutside.count, "path")) found inside \(f.missingOutside.count == 1 ? "is" : "are") missing outside")
        }
        if !f.differ.isEmpty { parts.append("\(plural(f.differ.count, "path")) fail differently") }
        let one = f.onlyOutside.count + f.onlyInside.count
        if one > 0 {
            parts.append("\(plural(one, "path")) looked up on one side only (\(f.onlyOutside.count) outside, \(f.onlyInside.count) inside)")
        }
        if !r.listings.isEmpty {
            let l = r.listings[0]
            parts.append("\(plural(r.listings.count, "directory")) \(r.listings.count == 1 ? "lists" : "list") differently (\(l.path): \(l.inside.map(String.init) ?? "-") entries inside, \(l.outside.map(String.init) ?? "-") outside)")
        }
        if parts.isEmpty { return "a different namespace; the files this command looked at are the same" }
        return parts.joined(separator: "; ")
    }

    static func user(_ r: CompareReport, _ o: SideTrace, _ i: SideTrace) -> String {
        var parts: [String] = []
        for id in ["uid", "gid"] {
            let (a, b) = value(r, id)
            if let a, let b, a != b { parts.append("\(id) \(b) inside, \(a) outside") }
        }
        func denied(_ t: SideTrace) -> Int {
            t.failures.values.reduce(0) { $0 + ($1["EPERM"] ?? 0) + ($1["EACCES"] ?? 0) }
        }
        let dO = denied(o), dI = denied(i)
        if dO != dI { parts.append("permission errors (EPERM, EACCES): \(dI) inside, \(dO) outside") }
        if parts.isEmpty { return "a different namespace; same ids and no difference in permission errors" }
        return parts.joined(separator: "; ")
    }

    /// Calls of a class that failed differently on the two sides.
    static func failures(_ o: SideTrace, _ i: SideTrace, cls: SyscallClasses, what: String) -> String {
        func of(_ t: SideTrace) -> [String: Int] {
            var out: [String: Int] = [:]
            for (name, errs) in t.failures where SyscallDecoder.classes(of: name).contains(cls) {
                for (e, n) in errs { out["\(name) \(e)", default: 0] += n }
            }
            return out
        }
        func calls(_ t: SideTrace) -> Int {
            t.counts.filter { SyscallDecoder.classes(of: $0.key).contains(cls) }.values.reduce(0, +)
        }
        let fo = of(o), fi = of(i)
        var parts: [String] = []
        for key in Set(fo.keys).union(fi.keys).sorted() where fo[key] != fi[key] {
            parts.append("\(key) ×\(fi[key] ?? 0) inside, ×\(fo[key] ?? 0) outside")
        }
        if !parts.isEmpty { return "failed calls differ: " + parts.prefix(4).joined(separator: "; ") }
        let co = calls(o), ci = calls(i)
        if co == 0 && ci == 0 { return "a different namespace; the command made no \(what)" }
        if co != ci { return "a different namespace; \(what): \(ci) inside, \(co) outside, none failed differently" }
        return "a different namespace; no difference in this command's \(what)"
    }
}
