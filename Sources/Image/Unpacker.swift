import NSCore
import CImageShim
import FoundationEssentials
import Glibc

/// Applies an image's layers into a directory with the overlay rules (see `LayerDiff`),
/// keeping modes, ownership (when root), symlinks, hardlinks, device nodes (when root),
/// FIFOs, xattrs and modification times. No entry can write, link or delete outside the
/// directory (see `RootDir`); an entry that tries is refused and the whole unpack undone.
public struct Unpacker {
    public struct Options: Sendable {
        /// The most bytes one layer may decompress to, and the most its files may hold.
        public var maxLayerSize: Int64 = defaultMaxLayerSize
        /// chown entries to their uid/gid and make device nodes (default: when running as root).
        public var privileged: Bool = geteuid() == 0
        /// Keep whiteouts as overlayfs expects them in a lower directory instead of applying
        /// them: `.wh.NAME` becomes a 0:0 character device NAME, `.wh..wh..opq` the xattr
        /// `trusted.overlay.opaque=y` on its directory (needs root). For `unpackLayer`.
        public var overlayWhiteouts = false
        /// Asked before every entry and after every layer: a non-zero signal number stops
        /// the unpack as an error (`ImageError.interrupted`), and what was unpacked is
        /// removed as for any other error.
        public var interrupted: (@Sendable () -> Int32)?
        public init() {}
    }

    public struct Report: Sendable, Codable, Equatable {
        public var layers = 0
        public var files = 0
        public var directories = 0
        public var symlinks = 0
        public var hardlinks = 0
        public var devices = 0
        public var fifos = 0
        public var whiteouts = 0
        public var removed = 0
        public var bytes: Int64 = 0
        public var skipped = 0
        public var warnings: [String] = []
    }

    public let image: Image
    public let options: Options

    public init(image: Image, options: Options = Options()) {
        self.image = image
        self.options = options
    }

    /// Unpacks into `dir`, which must be absent (it is made) or an empty directory. On any
    /// error, what was unpacked is removed again (and `dir` too when it was made here).
    public func unpack(into dir: String, warn: @escaping (String) -> Void = { _ in }) throws -> Report {
        try unpack(layers: image.layers.indices, into: dir, warn: warn)
    }

    /// Unpacks the single layer `index` alone (for a layer cache of overlayfs lower
    /// directories: set `overlayWhiteouts`), with the same guarantees as `unpack`.
    public func unpackLayer(_ index: Int, into dir: String, warn: @escaping (String) -> Void = { _ in }) throws -> Report {
        try unpack(layers: index..<(index + 1), into: dir, warn: warn)
    }

    func unpack(layers: Range<Int>, into dir: String, warn: @escaping (String) -> Void) throws -> Report {
        var created = false
        var st = stat()
        if Glibc.lstat(dir, &st) != 0 {
            guard errno == ENOENT else { throw ImageError.io(dir, ErrnoNames.text(errno)) }
            // 0755 like every directory the tar does not list, whatever the umask; an entry
            // for "./" sets its own mode at the end.
            let r = ExactMode.mkdir(dir, 0o755)
            if r != 0 {
                if r != EEXIST { rmdir(dir) }
                throw ImageError.io(dir, ErrnoNames.text(r))
            }
            created = true
        }
        let root: RootDir
        do {
            root = try RootDir(path: dir)
            if !created {
                let d = openat(root.fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                let names = d >= 0 ? ((try? RootDir.list(d)) ?? []) : []
                if d >= 0 { close(d) }
                if d < 0 { throw ImageError.io(dir, "not a directory") }
                if !names.isEmpty { throw ImageError.io(dir, "not empty (unpack wants an empty or new directory)") }
            }
        } catch {
            if created { rmdir(dir) }
            throw error
        }
        var session = Session(root: root, options: options, warn: warn)
        do {
            for i in layers {
                session.beginLayer(image.layers[i].label)
                let interrupted = options.interrupted
                try image.readLayer(i, limit: options.maxLayerSize, warn: { session.warning($0) }) { entry, content in
                    if let sig = interrupted?(), sig != 0 { throw ImageError.interrupted(sig) }
                    try session.apply(entry, content)
                }
                if let sig = interrupted?(), sig != 0 { throw ImageError.interrupted(sig) }
                session.report.layers += 1
            }
            session.finishDirectories()
        } catch {
            try? root.removeContents()
            if created { rmdir(dir) }
            throw error
        }
        return session.report
    }
}

/// The state of one unpack.
struct Session {
    let root: RootDir
    let options: Options
    let warnHandler: (String) -> Void
    var report = Unpacker.Report()
    var layer = ""
    /// Paths this layer wrote and every ancestor of them: markers leave these alone.
    var touched: Set<RootPath> = []
    /// Bytes of file contents this layer wrote (sparse files count their full size).
    var layerBytes: Int64 = 0
    /// Directory modes and times, applied when everything is in (a read-only directory
    /// must still take its children; adding children changes a directory's mtime).
    var directoryMeta: [RootPath: (mode: UInt32, mtime: Int64, nsec: Int64)] = [:]

    typealias Options = Unpacker.Options

    init(root: RootDir, options: Options, warn: @escaping (String) -> Void) {
        self.root = root
        self.options = options
        self.warnHandler = warn
    }

    mutating func warning(_ message: String) {
        report.warnings.append(message)
        warnHandler(message)
    }

    mutating func beginLayer(_ label: String) {
        layer = label
        touched = []
        layerBytes = 0
    }

    mutating func markWritten(_ p: RootPath) {
        var q = p
        while true {
            if !touched.insert(q).inserted && q != p { break }
            if q.isRoot { break }
            q = q.parent
        }
    }

    // MARK: errors

    func refuse(_ e: LayerEntry, _ why: String) -> ImageError { .unsafeEntry(layer, e.name, why) }

    func failed(_ e: LayerEntry, _ what: String, _ err: Int32 = errno) -> ImageError {
        .unpack(layer, e.name, what, ErrnoNames.text(err))
    }

    func resolveFailure(_ e: LayerEntry, _ r: RootDir.ResolveError) -> ImageError {
        switch r {
        case .other(let err): return .unpack(layer, e.name, "resolving its path", ErrnoNames.text(err))
        default: return refuse(e, r.text)
        }
    }

    // MARK: entries

    /// The parent directory of `p` as an O_PATH fd, made when missing: 0755 whatever the
    /// umask, as umoci makes the directories a tar does not list.
    mutating func parent(of p: RootPath, for e: LayerEntry) throws -> Int32 {
        try directory(p.parent, for: e)
    }

    mutating func directory(_ d: RootPath, for e: LayerEntry) throws -> Int32 {
        switch root.openDirectory(d) {
        case .success(let fd): return fd
        case .failure(.missing):
            let up = try directory(d.parent, for: e)
            defer { close(up) }
            if let st = RootDir.lstat(up, d.name) {
                // Present but not reachable as a directory: a dangling or outside symlink, or
                // a file in the way.
                throw refuse(e, (st.st_mode & S_IFMT) == S_IFLNK ? "parent '\(d)' is a symlink leading nowhere beneath the target"
                                                     : "parent '\(d)' is not a directory")
            }
            do { _ = try RootDir.makeDirectory(up, d.name, mode: 0o755) } catch {
                if case .other(let err) = error { throw failed(e, "making parent directory '\(d)'", err) }
                throw refuse(e, error.text)
            }
            markWritten(d)
            report.directories += 1
            switch root.openDirectory(d) {
            case .success(let fd): return fd
            case .failure(let r): throw resolveFailure(e, r)
            }
        case .failure(let r):
            throw resolveFailure(e, r)
        }
    }

    /// Clears the way for a new non-directory entry at `name`.
    func clear(_ dir: Int32, _ name: String, for e: LayerEntry) throws {
        do { try RootDir.removeAll(dir, name) } catch {
            if case .other(let err) = error { throw failed(e, "replacing what was there", err) }
            throw refuse(e, error.text)
        }
    }

    mutating func apply(_ e: LayerEntry, _ content: EntryContent) throws {
        switch e.kind {
        case .whiteout: try whiteout(e)
        case .opaque: try opaque(e)
        case .directory: try makeDirectory(e)
        case .file: try writeFile(e, content)
        case .symlink: try makeSymlink(e)
        case .hardlink: try makeHardlink(e)
        case .charDevice, .blockDevice, .fifo: try makeNode(e)
        }
    }

    mutating func makeDirectory(_ e: LayerEntry) throws {
        let dirFD: Int32
        if e.path.isRoot {
            dirFD = openat(root.fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dirFD < 0 { throw failed(e, "opening the target directory") }
        } else {
            let p = try parent(of: e.path, for: e)
            defer { close(p) }
            if let st = RootDir.lstat(p, e.path.name), !RootDir.isDirectory(st) {
                try clear(p, e.path.name, for: e)
            }
            // 0700 (whatever the umask) until its children are in; finishDirectories gives it
            // the tar's mode.
            do { _ = try RootDir.makeDirectory(p, e.path.name, mode: 0o700) } catch {
                if case .other(let err) = error { throw failed(e, "mkdir", err) }
                throw refuse(e, error.text)
            }
            dirFD = openat(p, e.path.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if dirFD < 0 { throw failed(e, "opening the new directory") }
            report.directories += 1
        }
        defer { close(dirFD) }
        if options.privileged && fchown(dirFD, e.uid, e.gid) != 0 { throw failed(e, "chown") }
        setXattrs(e, fd: dirFD)
        directoryMeta[e.path] = (e.mode, e.mtime, e.mtimeNsec)
        markWritten(e.path)
    }

    mutating func writeFile(_ e: LayerEntry, _ content: EntryContent) throws {
        if e.size > options.maxLayerSize - layerBytes {
            throw ImageError.tooLarge("\(layer): entry '\(e.name)' (\(e.size) bytes)", options.maxLayerSize)
        }
        let p = try parent(of: e.path, for: e)
        defer { close(p) }
        try clear(p, e.path.name, for: e)
        let fd = openat(p, e.path.name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 { throw failed(e, "create") }
        defer { close(fd) }
        markWritten(e.path)
        var end: Int64 = 0
        try content.forEachBlock { bytes, offset in
            guard offset >= 0, offset + Int64(bytes.count) <= e.size else {
                throw ImageError.corrupt("\(layer): entry '\(e.name)'", "contents beyond its size")
            }
            var done = 0
            while done < bytes.count {
                let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failed(e, "write")
                }
                done += n
            }
            end = max(end, offset + Int64(bytes.count))
        }
        if end < e.size && ftruncate(fd, off_t(e.size)) != 0 { throw failed(e, "truncate") }
        layerBytes += e.size
        report.bytes += e.size
        if options.privileged && fchown(fd, e.uid, e.gid) != 0 { throw failed(e, "chown") }
        if fchmod(fd, mode_t(e.mode)) != 0 { throw failed(e, "chmod") }
        setXattrs(e, fd: fd)
        _ = img_futimens(fd, e.mtime, e.mtimeNsec)
        report.files += 1
    }

    mutating func makeSymlink(_ e: LayerEntry) throws {
        let p = try parent(of: e.path, for: e)
        defer { close(p) }
        try clear(p, e.path.name, for: e)
        if symlinkat(e.linkTarget ?? "", p, e.path.name) != 0 { throw failed(e, "symlink") }
        markWritten(e.path)
        if options.privileged && img_lchownat(p, e.path.name, e.uid, e.gid) != 0 { throw failed(e, "chown") }
        for x in e.xattrs {
            let r = x.value.withUnsafeBytes { img_lsetxattrat(p, e.path.name, x.name, $0.baseAddress, $0.count) }
            if r != 0 { warning("\(layer): entry '\(e.name)': xattr \(x.name) not set: \(ErrnoNames.text(errno))") }
        }
        _ = img_lutimensat(p, e.path.name, e.mtime, e.mtimeNsec)
        report.symlinks += 1
    }

    mutating func makeHardlink(_ e: LayerEntry) throws {
        guard let target = e.hardlinkTarget else { throw refuse(e, "hardlink without a target") }
        let tp: Int32
        switch root.openDirectory(target.parent) {
        case .success(let fd): tp = fd
        case .failure(.missing): throw refuse(e, "hardlink target '\(target)' does not exist")
        case .failure(let r): throw refuse(e, "hardlink target '\(target)': \(r.text)")
        }
        defer { close(tp) }
        guard let tst = RootDir.lstat(tp, target.name) else { throw refuse(e, "hardlink target '\(target)' does not exist") }
        if RootDir.isDirectory(tst) { throw refuse(e, "hardlink to the directory '\(target)'") }
        let p = try parent(of: e.path, for: e)
        defer { close(p) }
        if let st = RootDir.lstat(p, e.path.name), st.st_ino == tst.st_ino, st.st_dev == tst.st_dev {
            markWritten(e.path)
            return
        }
        try clear(p, e.path.name, for: e)
        if linkat(tp, target.name, p, e.path.name, 0) != 0 { throw failed(e, "link to '\(target)'") }
        markWritten(e.path)
        report.hardlinks += 1
    }

    mutating func makeNode(_ e: LayerEntry) throws {
        let type: UInt32
        switch e.kind {
        case .charDevice: type = UInt32(S_IFCHR)
        case .blockDevice: type = UInt32(S_IFBLK)
        default: type = UInt32(S_IFIFO)
        }
        if e.kind != .fifo && !options.privileged {
            warning("\(layer): entry '\(e.name)': device node \(e.devMajor):\(e.devMinor) skipped (not root)")
            report.skipped += 1
            return
        }
        let p = try parent(of: e.path, for: e)
        defer { close(p) }
        try clear(p, e.path.name, for: e)
        if img_mknodat(p, e.path.name, type | 0o600, e.devMajor, e.devMinor) != 0 { throw failed(e, "mknod") }
        markWritten(e.path)
        if options.privileged && img_lchownat(p, e.path.name, e.uid, e.gid) != 0 { throw failed(e, "chown") }
        // The node was just made here and is not a symlink: fchmodat may follow nothing.
        if fchmodat(p, e.path.name, mode_t(e.mode), 0) != 0 { throw failed(e, "chmod") }
        _ = img_lutimensat(p, e.path.name, e.mtime, e.mtimeNsec)
        if e.kind == .fifo { report.fifos += 1 } else { report.devices += 1 }
    }

    mutating func setXattrs(_ e: LayerEntry, fd: Int32) {
        for x in e.xattrs {
            let r = x.value.withUnsafeBytes { img_fsetxattr(fd, x.name, $0.baseAddress, $0.count) }
            if r != 0 {
                // Not fatal: trusted.* needs root, some filesystems have no xattrs at all.
                warning("\(layer): entry '\(e.name)': xattr \(x.name) not set: \(ErrnoNames.text(errno))")
            }
        }
    }

    // MARK: whiteouts

    /// `.wh.NAME`: deletes NAME of the lower layers (what this layer wrote there stays).
    mutating func whiteout(_ e: LayerEntry) throws {
        report.whiteouts += 1
        if options.overlayWhiteouts {
            let p = try parent(of: e.path, for: e)
            defer { close(p) }
            try clear(p, e.path.name, for: e)
            if img_mknodat(p, e.path.name, UInt32(S_IFCHR) | 0o600, 0, 0) != 0 { throw failed(e, "mknod (overlay whiteout)") }
            markWritten(e.path)
            return
        }
        let p: Int32
        switch root.openDirectory(e.path.parent) {
        case .success(let fd): p = fd
        case .failure(.missing), .failure(.notDirectory): return  // nothing there to delete
        case .failure(let r): throw resolveFailure(e, r)
        }
        defer { close(p) }
        guard let st = RootDir.lstat(p, e.path.name) else { return }
        if !touched.contains(e.path) {
            try clear(p, e.path.name, for: e)
            dropDirectoryMeta(under: e.path)
            report.removed += 1
        } else if RootDir.isDirectory(st) {
            try removeLower(in: e.path, for: e)
        }
    }

    /// `.wh..wh..opq`: hides every lower child of the directory.
    mutating func opaque(_ e: LayerEntry) throws {
        report.whiteouts += 1
        if options.overlayWhiteouts {
            let d = try directory(e.path, for: e)
            close(d)
            guard case .success(let fd) = root.open(e.path, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW) else {
                throw failed(e, "opening its directory")
            }
            defer { close(fd) }
            let r = "y".withCString { img_fsetxattr(fd, "trusted.overlay.opaque", $0, 1) }
            if r != 0 { throw failed(e, "setting trusted.overlay.opaque") }
            return
        }
        switch root.openDirectory(e.path) {
        case .success(let fd): close(fd)
        case .failure(.missing): return
        case .failure(let r): throw resolveFailure(e, r)
        }
        try removeLower(in: e.path, for: e)
    }

    /// Removes what is inside the directory `d` except what this layer wrote.
    mutating func removeLower(in d: RootPath, for e: LayerEntry) throws {
        let dfd = root.open(d, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
        let fd: Int32
        switch dfd {
        case .success(let f): fd = f
        case .failure(.missing): return
        case .failure(let r): throw resolveFailure(e, r)
        }
        defer { close(fd) }
        let names: [String]
        do { names = try RootDir.list(fd) } catch { throw failed(e, "listing '\(d)'") }
        for name in names {
            let child = d.appending(name)
            if !touched.contains(child) {
                try clear(fd, name, for: e)
                dropDirectoryMeta(under: child)
                report.removed += 1
            } else if let st = RootDir.lstat(fd, name), RootDir.isDirectory(st) {
                try removeLower(in: child, for: e)
            }
        }
    }

    mutating func dropDirectoryMeta(under p: RootPath) {
        for key in directoryMeta.keys where key.isWithin(p) { directoryMeta[key] = nil }
    }

    /// Sets directory modes and times, deepest first.
    mutating func finishDirectories() {
        let order = directoryMeta.keys.sorted { $0.components.count > $1.components.count }
        for p in order {
            let meta = directoryMeta[p]!
            guard case .success(let fd) = root.open(p, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW) else { continue }
            if fchmod(fd, mode_t(meta.mode)) != 0 { warning("\(p): chmod: \(ErrnoNames.text(errno))") }
            _ = img_futimens(fd, meta.mtime, meta.nsec)
            close(fd)
        }
    }
}
