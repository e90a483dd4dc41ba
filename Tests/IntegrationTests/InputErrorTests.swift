import Foundation
import Glibc
import Testing
import TestSupport

/// Command lines and files that name nothing usable: one line with the real reason and a
/// non-zero exit, never a silent success or a block.
@Suite(.serialized)
struct InputErrorTests {
    enum Unreadable: String, CaseIterable, CustomTestStringConvertible {
        case directory, fifo, devZero, missing
        var testDescription: String { rawValue }
    }

    /// `graph` and `compare` give the real reason a RECORD cannot be read: a directory is
    /// EISDIR, a FIFO or /dev/zero "not a regular file" (read without blocking), a missing
    /// file ENOENT; never "Permission denied" as root, nor ENOENT for errno 0.
    @Test(.timeLimit(.minutes(1)), arguments: Unreadable.allCases)
    func unreadableRecordsAreRefusedWithTheirRealReason(_ kind: Unreadable) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path: String
        let reason: String
        switch kind {
        case .directory:
            path = dir.path
            reason = "Is a directory"
        case .fifo:
            path = dir.appendingPathComponent("fifo").path
            #expect(mkfifo(path, 0o600) == 0)
            reason = "not a regular file (a FIFO)"
        case .devZero:
            path = "/dev/zero"
            reason = "not a regular file (a character device)"
        case .missing:
            path = dir.appendingPathComponent("absent").path
            reason = "No such file or directory"
        }
        for args in [["graph", path], ["compare", path, path]] {
            let r = try Harness.nstrace(args, timeout: 20)
            #expect(!r.timedOut, "\(args.joined(separator: " ")) blocked")
            #expect(r.status == 1, "\(args.joined(separator: " ")): exit \(r.status)")
            #expect(r.stderrLines == ["nstrace: cannot read '\(path)': \(reason)"], "\(args.joined(separator: " ")): \(r.stderr)")
        }
    }

    /// `-p ''` and `-p ,` name no process: a usage error (64) with a message, not an exit 0
    /// having traced nothing.
    @Test(arguments: ["", ",", ",,"])
    func traceWithAnEmptyPidListIsAUsageError(_ list: String) throws {
        let r = try Harness.nstrace(["trace", "-p", list], timeout: 20)
        #expect(r.status == 64, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("no process id"), "\(r.stderr)")
    }
}
