/// The clone(2)/clone3(2) flag bits nstrace acts on, named once (linux/sched.h).
public enum CloneFlag {
    public static let vm: UInt64 = 0x0000_0100
    public static let pidfd: UInt64 = 0x0000_1000
    public static let vfork: UInt64 = 0x0000_4000
    public static let thread: UInt64 = 0x0001_0000
    public static let settls: UInt64 = 0x0008_0000
    public static let parentSettid: UInt64 = 0x0010_0000
    public static let childCleartid: UInt64 = 0x0020_0000
    public static let untraced: UInt64 = 0x0080_0000
    public static let childSettid: UInt64 = 0x0100_0000
    public static let intoCgroup: UInt64 = 0x2_0000_0000
}
