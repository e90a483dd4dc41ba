/// The clone(2), clone3(2), unshare(2) and setns(2) flag bits nstrace acts on, named once
/// (linux/sched.h). The tables that print them are `X.cloneFlags`, `X.clone3Flags`,
/// `X.unshareFlags` and `X.setnsTypes`; `NamespaceKind.cloneFlag` maps a namespace link to
/// its CLONE_NEW* bit.
public enum CloneFlag {
    /// CLONE_NEWTIME
    public static let newTime: UInt64 = 0x0000_0080
    public static let vm: UInt64 = 0x0000_0100
    public static let pidfd: UInt64 = 0x0000_1000
    public static let vfork: UInt64 = 0x0000_4000
    public static let thread: UInt64 = 0x0001_0000
    /// CLONE_NEWNS (the mount namespace)
    public static let newNS: UInt64 = 0x0002_0000
    public static let settls: UInt64 = 0x0008_0000
    public static let parentSettid: UInt64 = 0x0010_0000
    public static let childCleartid: UInt64 = 0x0020_0000
    public static let untraced: UInt64 = 0x0080_0000
    public static let childSettid: UInt64 = 0x0100_0000
    public static let newCgroup: UInt64 = 0x0200_0000
    public static let newUTS: UInt64 = 0x0400_0000
    public static let newIPC: UInt64 = 0x0800_0000
    public static let newUser: UInt64 = 0x1000_0000
    public static let newPID: UInt64 = 0x2000_0000
    public static let newNet: UInt64 = 0x4000_0000
    public static let intoCgroup: UInt64 = 0x2_0000_0000
}
