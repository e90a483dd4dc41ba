/// Who a process is, as a comparison shows it: what `nstrace compare` reads from /proc while
/// the command is stopped at its exec (NSRun) and keeps in a side's facts (NSCompare).
public struct ProcessIdentity: Codable, Equatable, Sendable {
    /// Its pid in its own pid namespace, and its parent's there (0: outside of it).
    public var pid: Int32?
    public var ppid: Int32?
    public var hostname: String?
    public var uid: UInt32?
    public var gid: UInt32?
    /// /proc/PID/root and /proc/PID/cwd as nstrace reads them.
    public var root: String?
    public var cwd: String?
    /// The file system mounted on its root: "ext4 /dev/vda", "overlay overlay".
    public var rootMount: String?
    public init() {}
}
