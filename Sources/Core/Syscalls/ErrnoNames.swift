import CShim

/// errno names and texts as strace prints them after "= -1 ".
public enum ErrnoNames {
    /// Kernel-internal codes that never reach user space but do reach a tracer.
    private static let kernelInternal: [Int32: String] = [
        512: "ERESTARTSYS", 513: "ERESTARTNOINTR", 514: "ERESTARTNOHAND", 515: "ENOIOCTLCMD",
        516: "ERESTART_RESTARTBLOCK", 517: "EPROBE_DEFER", 518: "EOPENSTALE", 519: "ENOPARAM",
        521: "EBADHANDLE", 522: "ENOTSYNC", 523: "EBADCOOKIE", 524: "ENOTSUPP", 525: "ETOOSMALL",
        526: "ESERVERFAULT", 527: "EBADTYPE", 528: "EJUKEBOX", 529: "EIOCBQUEUED", 530: "ERECALLCONFLICT",
    ]
    private static let restartText: [Int32: String] = [
        512: "To be restarted if SA_RESTART is set", 513: "To be restarted",
        514: "To be restarted if no handler", 516: "Interrupted by signal",
    ]

    /// "ENOENT" for 2; nil when unknown.
    public static func name(_ e: Int32) -> String? {
        if let n = kernelInternal[e] { return n }
        guard e > 0, let p = ns_errno_name(e) else { return nil }
        return String(cString: p)
    }

    /// 2 for "ENOENT" (any errno name, the kernel's internal ones too); nil when unknown.
    public static func number(_ name: String) -> Int32? {
        guard name.hasPrefix("E") else { return nil }
        for e in Int32(1)...Int32(4095) where self.name(e) == name { return e }
        return nil
    }

    /// "No such file or directory" (strerror), strace's texts for the restart codes.
    public static func text(_ e: Int32) -> String {
        if let t = restartText[e] { return t }
        guard let p = ns_errno_text(e) else { return "Unknown error \(e)" }
        return String(cString: p)
    }

    /// The restart codes strace shows as "? ERESTARTSYS (...)" instead of "-1 ...".
    static func isRestart(_ e: Int32) -> Bool { restartText[e] != nil }

    /// The result text of a failed call: "-1 ENOENT (No such file or directory)".
    static func resultText(_ e: Int32) -> String {
        let n = name(e) ?? "ERRNO_\(e)"
        return (isRestart(e) ? "? " : "-1 ") + n + " (" + text(e) + ")"
    }
}
