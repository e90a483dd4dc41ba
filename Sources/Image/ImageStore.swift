import NSCore
import CImageShim
import FoundationEssentials
import Glibc

/// Where an image's files are: a tarball (docker save, oci-archive) or a directory (OCI image
/// layout). Paths are inside the store; none can leave it.
protocol ImageStore: AnyObject {
    /// The tarball or directory, for messages.
    var location: String { get }
    var isDirectory: Bool { get }
    func exists(_ path: RootPath) -> Bool
    /// Opens a file of the store for streaming. `what` names it in errors.
    func open(_ path: RootPath, what: String) throws -> ByteSource
}

/// The largest metadata document read (index, manifest, config, manifest.json): 4 MiB, the
/// registries' own limit for a manifest. Decoding JSON costs some 70 times its size in
/// memory (a 42 MB config with a million history entries took 3 GB); real configs are
/// kilobytes (docs/security.md, "Bounds").
public let maxMetadataBytes = 4 << 20

extension ImageStore {
    /// Reads a small file whole (metadata: at most `maxMetadataBytes`).
    func read(_ path: RootPath, what: String, max: Int = maxMetadataBytes) throws -> Data {
        try open(path, what: what).readAll(max: max, what: what)
    }
}

/// A tarball read with libarchive: one pass lists its entries, each open reads it again up to
/// the entry (libarchive seeks over the contents it skips in a plain tar).
final class TarStore: ImageStore {
    let location: String
    var isDirectory: Bool { false }

    struct Item {
        var ordinal: Int
        var type: TarHeader.FileType
        var size: Int64
        var symlink: String?
        var hardlink: String?
    }
    /// Normalized path → the last entry with that name (tar's "last one wins").
    private(set) var items: [RootPath: Item] = [:]

    init(path: String) throws {
        location = path
        var ordinal = 0
        let reader: TarReader
        do {
            reader = try TarReader(path: path, what: path)
            guard let first = try reader.next() else { throw ImageError.unknownFormat(path, "an empty tar archive") }
            if let p = try? PathRules.entryPath(first.name), !p.isRoot {
                items[p] = Item(ordinal: 0, type: first.type, size: first.size, symlink: first.symlink, hardlink: first.hardlink)
            }
            ordinal = 1
        } catch ImageError.corrupt(_, let why) {
            throw ImageError.unknownFormat(path, "not a tar archive (\(why))")
        }
        while let h = try reader.next() {
            defer { ordinal += 1 }
            // Names that would leave the archive cannot be asked for: ignore them here.
            guard let p = try? PathRules.entryPath(h.name), !p.isRoot else { continue }
            items[p] = Item(ordinal: ordinal, type: h.type, size: h.size, symlink: h.symlink, hardlink: h.hardlink)
        }
        if items.isEmpty { throw ImageError.unknownFormat(path, "an empty tar archive") }
    }

    /// Follows the archive's own symlinks and hardlinks (docker save links duplicate layers:
    /// `<id>/layer.tar -> ../<other>/layer.tar`), never outside the archive.
    func resolve(_ path: RootPath, what: String) throws -> (RootPath, Item) {
        var p = path
        for _ in 0..<32 {
            guard let item = items[p] else { throw ImageError.missingBlob(what, path.relative) }
            if item.type == .symlink, let target = item.symlink {
                do { p = try PathRules.archivePath(target, relativeTo: p.parent.components) } catch {
                    throw ImageError.outsideImage(what, path.relative + " -> " + target)
                }
                continue
            }
            if item.type == .hardlink, let target = item.hardlink {
                do { p = try PathRules.entryPath(target) } catch {
                    throw ImageError.outsideImage(what, path.relative + " => " + target)
                }
                continue
            }
            guard item.type == .file else { throw ImageError.badMetadata(what, "'\(path.relative)' is not a regular file") }
            return (p, item)
        }
        throw ImageError.badMetadata(what, "'\(path.relative)': too many levels of links")
    }

    func exists(_ path: RootPath) -> Bool { (try? resolve(path, what: "")) != nil }

    func open(_ path: RootPath, what: String) throws -> ByteSource {
        let (_, item) = try resolve(path, what: what)
        let reader = try TarReader(path: location, what: location)
        var ordinal = 0
        while try reader.next() != nil {
            if ordinal == item.ordinal { return TarEntrySource(reader) }
            ordinal += 1
        }
        throw ImageError.missingBlob(what, path.relative)
    }
}

/// An OCI image layout (or an unpacked docker save) in a directory. Every open goes through
/// openat2(RESOLVE_BENEATH), so a blob that is a symlink to elsewhere is refused.
final class DirectoryStore: ImageStore {
    let location: String
    var isDirectory: Bool { true }
    private let fd: Int32

    init(path: String) throws {
        location = path
        fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw ImageError.io(path, ErrnoNames.text(errno)) }
    }

    deinit { close(fd) }

    private func openFD(_ path: RootPath, flags: Int32) -> Int32 {
        img_openat2(fd, path.relative, UInt64(UInt32(bitPattern: flags | O_CLOEXEC)), 0,
                    IMG_RESOLVE_BENEATH | IMG_RESOLVE_NO_MAGICLINKS)
    }

    func exists(_ path: RootPath) -> Bool {
        let f = openFD(path, flags: img_o_path())
        if f >= 0 { close(f); return true }
        return false
    }

    func open(_ path: RootPath, what: String) throws -> ByteSource {
        // O_NONBLOCK: a FIFO planted as a blob must not block the open.
        let f = openFD(path, flags: O_RDONLY | O_NONBLOCK | O_NOCTTY)
        if f < 0 {
            switch errno {
            case ENOENT: throw ImageError.missingBlob(what, path.relative)
            case EXDEV, ELOOP: throw ImageError.outsideImage(what, path.relative)
            default: throw ImageError.io("\(location)/\(path.relative)", ErrnoNames.text(errno))
            }
        }
        var st = stat()
        if fstat(f, &st) != 0 || (st.st_mode & S_IFMT) != S_IFREG {
            close(f)
            throw ImageError.badMetadata(what, "'\(path.relative)' is not a regular file")
        }
        _ = fcntl(f, F_SETFL, fcntl(f, F_GETFL) & ~O_NONBLOCK)
        return FDSource(fd: f, what: "\(location)/\(path.relative)")
    }
}
