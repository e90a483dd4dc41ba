import NSCore
/// What `nstrace compare` knows about one side of a comparison that a record does not
/// hold: where the side ran, the command's stdout and stderr, and the identity facts
/// read from /proc at the command's exec (hostname, ids, root, cwd, pid and ppid as the
/// command sees them). Written next to the side's record as `NAME.side.json`
/// (`nstrace compare --keep DIR`), so that `nstrace compare A.jsonl B.jsonl` gives the
/// same report as the live run that made them. The record format itself is unchanged.
public struct SideFacts: Codable, Equatable, Sendable {
    public static let formatName = "nstrace-compare-side"
    public static let currentVersion = 1

    public var format: String = SideFacts.formatName
    public var version: Int = SideFacts.currentVersion
    /// "outside" or "inside".
    public var side: String
    /// Where this side ran, for people: "the caller's namespaces", "--unshare pid,mnt", ...
    public var place: String
    /// The command's identity at its exec; nil when it never ran.
    public var identity: Identity?
    public var stdout: Captured?
    public var stderr: Captured?
    /// Why the command did not run on this side ("cannot execute 'x': No such file or directory").
    public var launchError: String?
    /// The timeout in seconds when the side was killed because it did not end.
    public var timedOut: Double?
    /// Remarks about how this side was set up (e.g. pid without mnt).
    public var notes: [String] = []

    public init(side: String, place: String) {
        self.side = side
        self.place = place
    }

    /// The command as it saw itself.
    /// The command's identity (NSCore's `ProcessIdentity`: NSRun reads it from /proc).
    public typealias Identity = ProcessIdentity

    /// Captured output, as UTF-8 text (invalid bytes replaced).
    public struct Captured: Codable, Equatable, Sendable {
        public var text: String
        /// Bytes the command wrote in all.
        public var bytes: Int
        /// Only the first bytes were kept.
        public var truncated: Bool
        public init(text: String, bytes: Int, truncated: Bool) {
            self.text = text
            self.bytes = bytes
            self.truncated = truncated
        }
    }

    /// The side file of a record: `run.jsonl` → `run.side.json`.
    public static func path(forRecord record: String) -> String {
        (record.hasSuffix(".jsonl") ? String(record.dropLast(6)) : record) + ".side.json"
    }
}
