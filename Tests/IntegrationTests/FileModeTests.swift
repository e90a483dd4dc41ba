import Foundation
import Glibc
import Testing
import TestSupport

/// The modes nstrace creates its outputs with (docs/security.md): a trace (-o) and a record
/// (--record) hold argv, file names and the data the command read and wrote, so both are
/// 0600, and an existing file is set to 0600; a device or FIFO given as the output is
/// written to, never chmod-ed.
@Suite(.serialized) struct FileModeTests {
    static func mode(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    @Test func traceAndRecordAre0600EvenWhenTheyExisted() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("trace.txt").path, rec = dir.appendingPathComponent("r.jsonl").path
        // An existing, world-readable file is made private too.
        #expect(FileManager.default.createFile(atPath: out, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        let r = try Harness.nstrace(["trace", "-o", out, "--record", rec, "--", "/bin/true"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.mode(out) == 0o600 && Self.mode(rec) == 0o600, "\(String(Self.mode(out), radix: 8)) \(String(Self.mode(rec), radix: 8))")
    }

    /// `--record /dev/null` as root must not chmod /dev/null (it did: every user lost it).
    /// Tried on a node of the same device made in a temporary directory.
    @Test(.requires("root (for mknod)", Harness.isRoot)) func aDeviceKeepsItsMode() throws {
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
