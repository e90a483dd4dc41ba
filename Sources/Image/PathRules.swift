/// How names inside archives and layers become paths: pure functions, no filesystem.

/// A path inside an image's root filesystem, as components ("etc", "motd"); the root is [].
public struct RootPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let components: [String]

    public init(_ components: [String]) { self.components = components }

    /// "/etc/motd" (the root is "/").
    public var description: String { "/" + components.joined(separator: "/") }
    /// "etc/motd" (the root is "."), for *at() calls relative to the root directory.
    public var relative: String { components.isEmpty ? "." : components.joined(separator: "/") }
    public var isRoot: Bool { components.isEmpty }
    public var name: String { components.last ?? "" }
    public var parent: RootPath { RootPath(Array(components.dropLast())) }
    public func appending(_ name: String) -> RootPath { RootPath(components + [name]) }

    /// True when `self` is `other` or beneath it.
    public func isWithin(_ other: RootPath) -> Bool {
        components.count >= other.components.count && Array(components.prefix(other.components.count)) == other.components
    }

    public static func < (a: RootPath, b: RootPath) -> Bool {
        a.components.lexicographicallyPrecedes(b.components)
    }
}

/// Why a name was refused.
public enum PathRefusal: Error, Equatable, CustomStringConvertible {
    case empty
    case absolute
    case escapes
    case nul
    case badWhiteout(String)
    case tooLong(Int)

    public var description: String {
        switch self {
        case .empty: return "empty name"
        case .absolute: return "absolute path"
        case .escapes: return "path leads outside the target directory ('..')"
        case .nul: return "NUL byte in name"
        case .badWhiteout(let name): return "whiteout names '\(name)'"
        case .tooLong(let n): return "name of \(n) bytes (at most \(PathRules.maxNameBytes): PATH_MAX)"
        }
    }
}

public enum PathRules {
    /// A layer entry's name as a path beneath the root. Leading "./" and repeated or trailing
    /// slashes are dropped and "a/../b" is cleaned lexically (as Go's filepath.Clean, which
    /// docker and umoci use); a name that starts with "/" or whose ".." climbs above the root
    /// is refused. "." and "./" are the root itself.
    ///
    /// The name is split at its "/" bytes, as the kernel splits it: never by Swift
    /// Character, which would take "/" followed by a combining mark for one character and
    /// so see other components than the kernel does. A name longer than PATH_MAX (which no
    /// file system call takes whole, and which bounds the depth of a tree at 2,048 levels)
    /// is refused: the work per entry grows with its depth.
    public static func entryPath(_ name: String) throws(PathRefusal) -> RootPath {
        let bytes = Array(name.utf8)
        if bytes.isEmpty { throw .empty }
        if bytes.contains(0) { throw .nul }
        if bytes.count > maxNameBytes { throw .tooLong(bytes.count) }
        if bytes[0] == slash { throw .absolute }
        var out: [String] = []
        for part in bytes.split(separator: slash, omittingEmptySubsequences: true) {
            if part.count == 1 && part.first == dot { continue }
            if part.count == 2 && part.allSatisfy({ $0 == dot }) {
                if out.isEmpty { throw .escapes }
                out.removeLast()
                continue
            }
            out.append(String(decoding: part, as: UTF8.self))
        }
        return RootPath(out)
    }

    /// The non-empty parts of `text` between `separator` bytes ("/" in a symlink's target,
    /// ":" in PATH): split as the kernel and libc split them, not by Swift Character.
    public static func parts(_ text: String, separator: UInt8 = UInt8(ascii: "/")) -> [String] {
        Array(text.utf8).split(separator: separator, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The longest entry name taken: PATH_MAX less its NUL.
    public static let maxNameBytes = 4095
    private static let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")

    /// A path inside an archive or layout directory (manifest.json's "Layers", a symlink's
    /// target resolved against its directory): the same rules, relative to `base`.
    public static func archivePath(_ name: String, relativeTo base: [String] = []) throws(PathRefusal) -> RootPath {
        if name.hasPrefix("/") { throw .absolute }
        let joined = (base + [name]).joined(separator: "/")
        return try entryPath(joined.isEmpty ? "." : joined)
    }

    public static let whiteoutPrefix = ".wh."
    public static let opaqueName = ".wh..wh..opq"

    /// What a layer entry name means for the overlay rules.
    public enum Meaning: Equatable, Sendable {
        /// An ordinary entry at this path.
        case plain(RootPath)
        /// `.wh.NAME`: NAME (in the same directory) is deleted from lower layers.
        case whiteout(RootPath)
        /// `.wh..wh..opq`: every lower child of this directory is hidden.
        case opaque(RootPath)
        /// Other `.wh..wh.*` names (aufs's own bookkeeping, e.g. `.wh..wh.plnk`): ignored.
        case internalMarker(RootPath)
    }

    public static func meaning(of name: String) throws(PathRefusal) -> Meaning {
        let path = try entryPath(name)
        let base = path.name
        guard base.hasPrefix(whiteoutPrefix) else { return .plain(path) }
        if base == opaqueName { return .opaque(path.parent) }
        if base.hasPrefix(whiteoutPrefix + whiteoutPrefix) { return .internalMarker(path) }
        let target = String(base.dropFirst(whiteoutPrefix.count))
        if target.isEmpty || target == "." || target == ".." { throw .badWhiteout(target) }
        return .whiteout(path.parent.appending(target))
    }
}
