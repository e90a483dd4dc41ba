import Foundation
import Glibc
import Testing

/// The modes nstrace creates its outputs with (docs/security.md): a device or FIFO given
/// as the output is written to, never chmod-ed.
@Suite(.serialized) struct FileModeTests {
    static func mode(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    /// `--record /dev/null` as root must not chmod /dev/null (it did: every user lost it).
    /// Tried on a node of the same device made in a temporary directory.
    @Test(.enabled(if: Harness.isRoot, "mknod needs root")) func aDeviceKeepsItsMode() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let null = dir.appendingPathComponent("null").path
        #expect(mknod(null, S_IFCHR | 0o666, dev_t(0x103)) == 0)  // makedev(1, 3), as /dev/null
        #expect(chmod(null, 0o666) == 0)
        let r = try Harness.nstrace(["trace", "-o", null, "--record", null, "--", "/bin/true"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.mode(null) == 0o666, "mode now \(String(Self.mode(null), radix: 8))")
    }
}
