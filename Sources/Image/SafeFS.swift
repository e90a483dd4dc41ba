import NSCore
import CImageShim
import FoundationEssentials
import Glibc

/// A directory that every operation stays beneath. Parents are opened with
/// openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS): a symlink may lead elsewhere inside the
/// directory, never out of it (absolute symlinks and ".." above the top are refused by the
/// kernel with EXDEV). The last component of a path is never followed: every call works on
/// (parent fd, name) with *at() functions and AT_SYMLINK_NOFOLLOW / O_NOFOLLOW.
final class RootDir {
    let fd: Int32
    let path: String

    /// Why a path could not be resolved.
    enum ResolveError: Error {
        case escapes, loop, notDirectory, missing, other(Int32)
        var text: String {
            switch self {
            case .escapes: return "a symlink on its path leads outside the target directory"
            case .loop: return "too many levels of symlinks on its path"
            case .notDirectory: return "a parent on its path is not a directory"
            case .missing: return "a parent directory does not exist"
            case .other(let e): return ErrnoNames.text(e)
            }
        }
    }

    init(path: String) throws {
        self.path = path
        fd = Glibc.open(path, O_PATH_VALUE | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw ImageError.io(path, ErrnoNames.text(errno)) }
    }

    deinit { close(fd) }

    /// openat2 beneath the root, retrying the EAGAIN the kernel returns on a concurrent rename.
    func open(_ p: RootPath, flags: Int32, mode: UInt32 = 0) -> Result<Int32, ResolveError> {
        for _ in 0..<8 {
            let f = img_openat2(fd, p.relative, UInt64(UInt32(bitPattern: flags | O_CLOEXEC)), UInt64(mode),
                                IMG_RESOLVE_BENEATH | IMG_RESOLVE_NO_MAGICLINKS)
            if f >= 0 { return .success(f) }
            switch errno {
            case EAGAIN: continue
            case EXDEV: return .failure(.escapes)
            case ELOOP: return .failure(.loop)
            case ENOTDIR: return .failure(.notDirectory)
            case ENOENT: return .failure(.missing)
            default: return .failure(.other(errno))
            }
        }
        return .failure(.other(EAGAIN))
    }

    /// An O_PATH fd of the directory `p` (following symlinks only beneath the root).
    func openDirectory(_ p: RootPath) -> Result<Int32, ResolveError> {
        open(p, flags: O_PATH_VALUE | O_DIRECTORY)
    }

    /// lstat of `name` in `dir`; nil when absent.
    static func lstat(_ dir: Int32, _ name: String) -> stat? {
        var st = stat()
        return fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st : nil
    }

    static func isDirectory(_ st: stat) -> Bool { st.st_mode & S_IFMT == S_IFDIR }

    /// mkdirat(dir, name) with exactly `mode`, whatever the caller's umask (see `ExactMode`).
    /// Returns false when `name` existed already (it is left as it is).
    static func makeDirectory(_ dir: Int32, _ name: String, mode: mode_t) throws(ResolveError) -> Bool {
        let r = ExactMode.mkdirat(dir, name, mode)
        if r == EEXIST { return false }
        if r != 0 { throw .other(r) }
        return true
    }

    /// The names in the directory `dir` (an O_PATH or real directory fd).
    static func list(_ dir: Int32) throws(ResolveError) -> [String] {
        final class Box { var names: [String] = [] }
        let box = Box()
        let r = withExtendedLifetime(box) {
            img_list_dir(dir, Unmanaged.passUnretained(box).toOpaque()) { ctx, name, _ in
                Unmanaged<Box>.fromOpaque(ctx!).takeUnretainedValue().names.append(String(cString: name!))
            }
        }
        if r != 0 { throw .other(errno) }
        return box.names
    }

    /// Removes `name` in `dir` and, for a directory, everything beneath it, never following
    /// a symlink (each level is opened with O_NOFOLLOW | O_DIRECTORY relative to its parent).
    static func removeAll(_ dir: Int32, _ name: String) throws(ResolveError) {
        guard let st = lstat(dir, name) else { return }
        if isDirectory(st) {
            var sub = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if sub < 0 && errno == EACCES {
                // A directory of ours without permissions (overlayfs leaves work/work at
                // mode 000): give it back to its owner and try once more.
                _ = fchmodat(dir, name, 0o700, 0)
                sub = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            if sub < 0 { throw .other(errno) }
            defer { close(sub) }
            for child in try list(sub) { try removeAll(sub, child) }
            if unlinkat(dir, name, AT_REMOVEDIR) != 0 && errno != ENOENT { throw .other(errno) }
        } else if unlinkat(dir, name, 0) != 0 && errno != ENOENT {
            throw .other(errno)
        }
    }

    /// Removes everything inside the root (the root itself stays).
    func removeContents() throws(ResolveError) {
        let d = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if d < 0 { throw .other(errno) }
        defer { close(d) }
        for child in try RootDir.list(d) { try RootDir.removeAll(d, child) }
    }
}

/// Directories made with exactly the mode asked for. mkdir(2) takes the caller's umask away
/// from its mode (umask 077 makes 0755 into 0700), so what an unpack, a layer cache or a run
/// directory looks like would depend on who ran nstrace; umoci and runc set modes
/// explicitly, and so does nstrace: make the directory, then fchmod it.
public enum ExactMode {
    /// mkdirat(dir, name, mode), then fchmod to `mode` (the new directory is opened with
    /// O_NOFOLLOW: nothing put in its place is followed). 0 when made, EEXIST when it was
    /// there already (untouched), else the errno of what failed.
    public static func mkdirat(_ dir: Int32, _ name: String, _ mode: mode_t) -> Int32 {
        if Glibc.mkdirat(dir, name, mode) != 0 { return errno }
        let fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 { return errno }
        defer { close(fd) }
        return fchmod(fd, mode) == 0 ? 0 : errno
    }

    /// `mkdirat` for a path (relative to the working directory when not absolute).
    public static func mkdir(_ path: String, _ mode: mode_t) -> Int32 {
        mkdirat(AT_FDCWD, path, mode)
    }
}

/// O_PATH (a GNU extension the Glibc module does not export).
let O_PATH_VALUE: Int32 = img_o_path()

/// Removing a tree that a container or a layer wrote: nothing in it is followed.
public enum SafeRemove {
    /// Removes `path` and everything beneath it without following any symlink inside (the
    /// last component of `path` itself is not followed either). Absent is success.
    public static func tree(_ path: String) throws {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { throw ImageError.io(path, "not an absolute path") }
        let parentPath = slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
        let name = String(trimmed[trimmed.index(after: slash)...])
        let parent = Glibc.open(parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if parent < 0 {
            if errno == ENOENT { return }
            throw ImageError.io(parentPath, ErrnoNames.text(errno))
        }
        defer { close(parent) }
        do { try RootDir.removeAll(parent, name) } catch { throw ImageError.io(path, error.text) }
    }
}
