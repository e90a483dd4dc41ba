import FoundationEssentials
import Glibc
import NSCore
import NSImage

/// Image layers unpacked once, each into its own directory keyed by its diff ID (the
/// digest of the uncompressed layer, the same whatever the compression), ready to be
/// overlayfs lower directories. Whiteouts stay as overlayfs expects them (0:0 character
/// devices, the trusted.overlay.opaque xattr), which needs root; an unprivileged run
/// unpacks the whole image, whiteouts applied, into one directory keyed by its config.
public struct LayerCache {
    public let base: String

    public static var defaultBase: String {
        if let dir = getenv("NSTRACE_CACHE_DIR"), dir.pointee != 0 { return String(cString: dir) }
        if geteuid() == 0 { return "/var/cache/nstrace" }
        if let xdg = getenv("XDG_CACHE_HOME"), xdg.pointee != 0 { return String(cString: xdg) + "/nstrace" }
        if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) + "/.cache/nstrace" }
        return "/tmp/nstrace-cache-\(geteuid())"
    }

    public init(base: String = LayerCache.defaultBase) { self.base = base }

    /// The lower directories of `image`, top-most layer first (the order of overlayfs'
    /// lowerdir option), unpacking what is not cached yet. `note` tells what is unpacked.
    public func lowerDirectories(of image: Image, note: (String) -> Void) throws(RunError) -> [String] {
        try makeDirectories(base + "/layers")
        // Held shared while this run unpacks: a temporary directory left by a run that was
        // killed is reclaimed only by whoever holds it exclusively, when nobody unpacks.
        let lock = try openLock()
        defer { close(lock) }
        if flock(lock, LOCK_EX | LOCK_NB) == 0 { _ = reclaimLocked() }
        while flock(lock, LOCK_SH) != 0 {
            if errno != EINTR { throw RunError("locking \(base)/\(Self.lockName): \(ErrnoNames.text(errno))") }
        }
        if geteuid() != 0 {
            let dir = base + "/images/" + image.configDigest.hex
            try makeDirectories(base + "/images")
            try ensure(dir, note: "unpacking \(image.layers.count) layers of \(image.names.first ?? image.configDigest.short)", note) { tmp in
                _ = try Unpacker(image: image).unpack(into: tmp)
            }
            return [dir]
        }
        var dirs: [String] = []
        var options = Unpacker.Options()
        options.overlayWhiteouts = true
        let unpacker = Unpacker(image: image, options: options)
        for layer in image.layers {
            let dir = base + "/layers/" + layer.diffID.hex
            try ensure(dir, note: "unpacking \(layer.label)", note) { tmp in
                _ = try unpacker.unpackLayer(layer.index, into: tmp)
            }
            dirs.append(dir)
        }
        if dirs.isEmpty {
            // overlayfs needs one lower directory: an empty one.
            let empty = base + "/layers/empty"
            let r = ExactMode.mkdir(empty, 0o755)
            if r != 0 && r != EEXIST { throw RunError("creating \(empty): \(ErrnoNames.text(r))") }
            dirs.append(empty)
        }
        return dirs.reversed()
    }

    /// The lock file of the cache (`.lock` in its base): unpacking runs hold it shared.
    static let lockName = ".lock"
    /// The infix of a temporary directory beside its layer (or image) directory.
    static let tmpInfix = ".tmp-"

    private func openLock() throws(RunError) -> Int32 {
        let fd = open(base + "/" + Self.lockName, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd < 0 { throw RunError("opening \(base)/\(Self.lockName): \(ErrnoNames.text(errno))") }
        return fd
    }

    /// Removes the temporary directories that runs killed while unpacking left behind
    /// (`<diff_id>.tmp-*`), when no run is unpacking; returns their paths. For `--cleanup`.
    public func reclaim() -> [String] {
        var st = stat()
        guard lstat(base, &st) == 0 else { return [] }
        guard let lock = try? openLock() else { return [] }
        defer { close(lock) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { return [] }
        return reclaimLocked()
    }

    /// The same, with the lock held exclusively.
    private func reclaimLocked() -> [String] {
        var removed: [String] = []
        for sub in ["layers", "images"] {
            let dir = base + "/" + sub
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted() where name.contains(Self.tmpInfix) {
                let path = dir + "/" + name
                if (try? SafeRemove.tree(path)) != nil { removed.append(path) }
            }
        }
        return removed
    }

    /// Makes `dir` by unpacking into a temporary directory beside it and renaming it into
    /// place: a crash leaves no half layer under the final name, and two runs may race.
    private func ensure(_ dir: String, note text: String, _ note: (String) -> Void,
                        _ fill: (String) throws -> Void) throws(RunError) {
        var st = stat()
        if lstat(dir, &st) == 0 { return }
        note(text)
        let tmp = dir + Self.tmpInfix + String(UInt64.random(in: 0...0xffff_ffff_ffff), radix: 16)
        do {
            try fill(tmp)
        } catch {
            try? SafeRemove.tree(tmp)
            throw RunError("unpacking into \(dir): \(error)")
        }
        if rename(tmp, dir) != 0 {
            let e = errno
            try? SafeRemove.tree(tmp)
            if e != EEXIST && e != ENOTEMPTY { throw RunError("renaming \(tmp): \(ErrnoNames.text(e))") }
        }
    }

    /// The cache's own directories: 0700 whatever the umask (what is in a layer comes from
    /// its tar; the unpacker sets those modes). Existing ones are left as they are.
    private func makeDirectories(_ path: String) throws(RunError) {
        var p = ""
        for part in ScalarText.split(path, "/") {
            p += "/" + part
            let r = ExactMode.mkdir(p, 0o700)
            if r != 0 && r != EEXIST { throw RunError("creating \(p): \(ErrnoNames.text(r))") }
        }
    }
}

