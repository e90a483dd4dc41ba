/// The clone(2), clone3(2), unshare(2) and setns(2) flags that nstrace's code looks at,
/// named once (<linux/sched.h>). The tables that print them are `X.cloneFlags`,
/// `X.clone3Flags`, `X.unshareFlags` and `X.setnsTypes`.
public struct CloneFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// CLONE_NEWTIME
    public static let newTime = CloneFlags(rawValue: 0x0000_0080)
    /// CLONE_VM
    public static let vm = CloneFlags(rawValue: 0x0000_0100)
    /// CLONE_PIDFD
    public static let pidfd = CloneFlags(rawValue: 0x0000_1000)
    /// CLONE_VFORK
    public static let vfork = CloneFlags(rawValue: 0x0000_4000)
    /// CLONE_THREAD
    public static let thread = CloneFlags(rawValue: 0x0001_0000)
    /// CLONE_NEWNS
    public static let newNS = CloneFlags(rawValue: 0x0002_0000)
    /// CLONE_SETTLS
    public static let setTLS = CloneFlags(rawValue: 0x0008_0000)
    /// CLONE_PARENT_SETTID
    public static let parentSetTID = CloneFlags(rawValue: 0x0010_0000)
    /// CLONE_CHILD_CLEARTID
    public static let childClearTID = CloneFlags(rawValue: 0x0020_0000)
    /// CLONE_UNTRACED
    public static let untraced = CloneFlags(rawValue: 0x0080_0000)
    /// CLONE_CHILD_SETTID
    public static let childSetTID = CloneFlags(rawValue: 0x0100_0000)
    /// CLONE_NEWCGROUP
    public static let newCgroup = CloneFlags(rawValue: 0x0200_0000)
    /// CLONE_NEWUTS
    public static let newUTS = CloneFlags(rawValue: 0x0400_0000)
    /// CLONE_NEWIPC
    public static let newIPC = CloneFlags(rawValue: 0x0800_0000)
    /// CLONE_NEWUSER
    public static let newUser = CloneFlags(rawValue: 0x1000_0000)
    /// CLONE_NEWPID
    public static let newPID = CloneFlags(rawValue: 0x2000_0000)
    /// CLONE_NEWNET
    public static let newNet = CloneFlags(rawValue: 0x4000_0000)

    /// vfork(2) is clone(CLONE_VM|CLONE_VFORK|SIGCHLD).
    public static let vforkCall: CloneFlags = [.vm, .vfork]

    /// Whether any of `flags` is set in `value` (a raw argument word).
    @inlinable public static func any(_ flags: CloneFlags, in value: UInt64) -> Bool {
        value & flags.rawValue != 0
    }
}
