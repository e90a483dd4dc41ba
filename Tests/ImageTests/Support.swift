import CImageShim
import Foundation
import Glibc
import Testing
import TestSupport

/// Every test of this target runs in this suite, one at a time: the integration tests share
/// the machine's podman storage and the sample images, and the machine has two cores.
@Suite("ImageTests", .serialized) struct ImageSuite {}

/// Running the built `nstrace` as a subprocess, temporary directories, and the sample images
/// that `make samples` builds (samples/images/build.sh into samples/bin/images/).
enum Harness {
    static let isRoot = getuid() == 0
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The nstrace binary next to this test bundle (or $NSTRACE_BIN).
    static let nstrace = Subprocess.nstrace(packageRoot: packageRoot)

    /// samples/bin/images (or $NSTRACE_IMAGES).
    static let imagesDir: URL = {
        if let env = ProcessInfo.processInfo.environment["NSTRACE_IMAGES"] { return URL(fileURLWithPath: env) }
        return packageRoot.appendingPathComponent("samples/bin/images")
    }()

    static func image(_ name: String, _ format: String) -> String {
        imagesDir.appendingPathComponent(name).appendingPathComponent(format).path
    }

    /// The sample images are there: the calling test goes on. Missing: under CI=true the
    /// test fails naming them, elsewhere it is skipped (Requirement).
    static func requireImages(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let needed = ["hello-world/oci", "hello-world/oci-archive.tar", "hello-world/docker-archive.tar",
                      "busybox/oci", "busybox/oci-archive.tar", "busybox/docker-archive.tar", "busybox/oci-zstd",
                      "busybox/oci-plain", "busybox/expected-layers.txt"]
        let missing = needed.filter { !FileManager.default.fileExists(atPath: imagesDir.appendingPathComponent($0).path) }
        if !missing.isEmpty {
            try Requirement.unavailable("the sample images", """
                missing in \(imagesDir.path): \(missing.joined(separator: ", ")). \
                Build them with `make samples` (runs samples/images/build.sh; needs umoci, skopeo and root).
                """, sourceLocation: sourceLocation)
        }
    }

    static func which(_ tool: String) -> String? {
        for dir in ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"] {
            let p = dir + "/" + tool
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    typealias Result = Subprocess.Result

    /// A fresh temporary directory for one test.
    static func tempDir() -> URL { Subprocess.tempDir(prefix: "nstrace-imgtest") }

    /// Runs a program to completion (killed after `timeout` seconds).
    @discardableResult
    static func run(_ path: String, _ args: [String], timeout: Double = 120) throws -> Result {
        try Subprocess.run(path, args, timeout: timeout)
    }

    @discardableResult
    static func nstrace(_ args: [String]) throws -> Result { try run(nstrace, args) }

    /// `nstrace image ... --format json` decoded.
    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try nstrace(args)
        try #require(r.status == 0, "nstrace \(args.joined(separator: " ")) failed: \(r.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }
}

/// A file tree as comparable facts: path → "type mode uid:gid detail" (detail: sha256 of a
/// file's contents, a symlink's target, a device's numbers), plus which paths share an inode.
struct TreeSnapshot: Equatable, CustomStringConvertible {
    var entries: [String: String] = [:]
    var hardlinkGroups: Set<[String]> = []

    init(_ root: String, xattrs: Bool = true) {
        var inodes: [UInt64: [String]] = [:]
        func walk(_ rel: String) {
            let full = rel.isEmpty ? root : root + "/" + rel
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
            for name in names.sorted() {
                let r = rel.isEmpty ? name : rel + "/" + name
                let p = root + "/" + r
                var st = stat()
                guard lstat(p, &st) == 0 else { continue }
                let type = st.st_mode & S_IFMT
                var line = String(format: "%06o %d:%d", st.st_mode, st.st_uid, st.st_gid)
                switch type {
                case S_IFREG:
                    let data = (try? Data(contentsOf: URL(fileURLWithPath: p))) ?? Data()
                    line += " " + Self.sha256(data)
                    if st.st_nlink > 1 { inodes[UInt64(st.st_ino), default: []].append("/" + r) }
                case S_IFLNK:
                    line += " -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: p)) ?? "?")
                case S_IFCHR, S_IFBLK:
                    line += " dev \(st.st_rdev)"
                default: break
                }
                if xattrs {
                    var buf = [CChar](repeating: 0, count: 4096)
                    let n = img_llistxattr(p, &buf, buf.count)
                    if n > 0 {
                        let names = buf[0..<n].split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
                        line += " xattrs " + names.sorted().joined(separator: ",")
                    }
                }
                entries["/" + r] = line
                if type == S_IFDIR { walk(r) }
            }
        }
        walk("")
        hardlinkGroups = Set(inodes.values.map { $0.sorted() })
    }

    static func sha256(_ data: Data) -> String {
        // Shell out to nothing: a tiny FNV is not enough for "contents equal"; use NSImage's.
        ImageTestDigest.hex(data)
    }

    var description: String {
        entries.keys.sorted().map { "\($0) \(entries[$0]!)" }.joined(separator: "\n")
    }

    /// The lines that differ, for a readable failure.
    func difference(_ other: TreeSnapshot) -> String {
        var out: [String] = []
        for k in Set(entries.keys).union(other.entries.keys).sorted() where entries[k] != other.entries[k] {
            out.append("\(k): \(entries[k] ?? "absent") vs \(other.entries[k] ?? "absent")")
        }
        if hardlinkGroups != other.hardlinkGroups { out.append("hardlinks: \(hardlinkGroups) vs \(other.hardlinkGroups)") }
        return out.joined(separator: "\n")
    }
}
