/// One entry of a layer tarball, as the overlay rules and the unpacker see it.
public struct LayerEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case file, directory, symlink, hardlink, charDevice = "char-device", blockDevice = "block-device", fifo
        case whiteout, opaque
    }

    public var kind: Kind
    /// The entry's path; for a whiteout the path it deletes, for opaque the directory.
    public var path: RootPath
    /// The name as stored in the tar.
    public var name: String
    /// Permission bits with setuid/setgid/sticky (mode & 0o7777).
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    /// Bytes of content (0 for everything but files).
    public var size: Int64
    /// A symlink's target (verbatim) or a hardlink's target path.
    public var linkTarget: String?
    public var hardlinkTarget: RootPath?
    public var devMajor: UInt32 = 0
    public var devMinor: UInt32 = 0
    public var mtime: Int64 = 0
    public var mtimeNsec: Int64 = 0
    public var xattrs: [Xattr] = []

    public struct Xattr: Sendable, Equatable {
        public var name: String
        public var value: [UInt8]
        public init(name: String, value: [UInt8]) { self.name = name; self.value = value }
    }

    public init(kind: Kind, path: RootPath, name: String? = nil, mode: UInt32 = 0o644, uid: UInt32 = 0, gid: UInt32 = 0,
                size: Int64 = 0, linkTarget: String? = nil, hardlinkTarget: RootPath? = nil) {
        self.kind = kind
        self.path = path
        self.name = name ?? path.relative
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.linkTarget = linkTarget
        self.hardlinkTarget = hardlinkTarget
    }

    /// `ls -l`'s mode column: "-rwxr-xr-x", "drwxrwxrwt", "lrwxrwxrwx", "hrw-r--r--" (hardlink).
    public var modeString: String {
        let type: Character
        switch kind {
        case .file: type = "-"
        case .directory: type = "d"
        case .symlink: type = "l"
        case .hardlink: type = "h"
        case .charDevice: type = "c"
        case .blockDevice: type = "b"
        case .fifo: type = "p"
        case .whiteout, .opaque: type = "w"
        }
        return String(type) + LayerEntry.permissions(mode)
    }

    static func permissions(_ mode: UInt32) -> String {
        var s: [Character] = []
        let bits: [(UInt32, Character)] = [(0o400, "r"), (0o200, "w"), (0o100, "x"), (0o040, "r"), (0o020, "w"),
                                          (0o010, "x"), (0o004, "r"), (0o002, "w"), (0o001, "x")]
        for (bit, c) in bits { s.append(mode & bit != 0 ? c : "-") }
        if mode & 0o4000 != 0 { s[2] = s[2] == "x" ? "s" : "S" }
        if mode & 0o2000 != 0 { s[5] = s[5] == "x" ? "s" : "S" }
        if mode & 0o1000 != 0 { s[8] = s[8] == "x" ? "t" : "T" }
        return String(s)
    }
}
