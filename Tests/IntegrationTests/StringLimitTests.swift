import Foundation
import Testing

/// `-s` is bounded (docs/security.md, "Bounds"): a larger one is a usage error, as strace's
/// users would expect from any option given a value it cannot take.
@Suite struct StringLimitTests {
    @Test func sLargerThanOneMiBIsAUsageError() throws {
        for command in [["trace"], ["run", "--rootfs", "/nonexistent"]] {
            let r = try Harness.nstrace(command + ["-s", "1048577", "--", "/bin/true"])
            #expect(r.status == 64, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("-s takes a number of bytes from 0 to 1048576."), "\(r.stderr)")
        }
        let ok = try Harness.nstrace(["trace", "-s", "1048576", "-e", "trace=exit_group", "--", "/bin/true"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}
