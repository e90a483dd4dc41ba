import Foundation
import Glibc

/// Files and directories a test makes, with the modes it states, whatever the umask of
/// whoever runs the tests (umask 077 turns a 0644 file into 0600 and a 0755 directory into
/// 0700; an expectation about modes, or a run as another user, must not depend on that).
public enum Fixture {
    /// Makes `url` and any missing parent, each with exactly `mode` (existing ones are
    /// left alone).
    public static func makeDirectory(_ url: URL, mode: mode_t = 0o755) throws {
        var missing: [URL] = []
        var u = url.standardizedFileURL
        while !FileManager.default.fileExists(atPath: u.path) && u.path != "/" {
            missing.append(u)
            u = u.deletingLastPathComponent()
        }
        for dir in missing.reversed() {
            if mkdir(dir.path, mode) != 0 && errno != EEXIST { throw Failure("mkdir \(dir.path): \(String(cString: strerror(errno)))") }
            if chmod(dir.path, mode) != 0 { throw Failure("chmod \(dir.path): \(String(cString: strerror(errno)))") }
        }
    }

    /// Writes `data` to `url` with exactly `mode`; missing parents are made 0755.
    public static func write(_ data: Data, to url: URL, mode: mode_t = 0o644) throws {
        try makeDirectory(url.deletingLastPathComponent())
        try data.write(to: url)
        if chmod(url.path, mode) != 0 { throw Failure("chmod \(url.path): \(String(cString: strerror(errno)))") }
    }

    public static func write(_ text: String, to url: URL, mode: mode_t = 0o644) throws {
        try write(Data(text.utf8), to: url, mode: mode)
    }

    /// The mode bits (07777) of `path`, not following a symlink; nil when absent.
    public static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }
}
