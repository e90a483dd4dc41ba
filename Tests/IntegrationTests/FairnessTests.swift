import Foundation
import Testing
import TestSupport

/// The trace loop is fair: threads that never stop making syscalls all make progress, and
/// a program that ends by itself untraced ends under the tracer too (a loop that serves
/// whichever task waitpid(-1) reports first let a few busy threads take every turn).
/// Nothing here asserts wall time; `make bench` times the same program against strace.
@Suite(.serialized)
struct FairnessTests {
    static let spinners = Harness.sample("spinners")

    @Test(.requires("the samples (make samples)", FileManager.default.isExecutableFile(atPath: FairnessTests.spinners)))
    func everyBusyThreadMakesProgress() throws {
        for threads in [8, 32] {
            let r = try Harness.nstrace(["trace", "-f", "-o", "/dev/null", "--", Self.spinners, String(threads), "1000"],
                                        timeout: 180)
            #expect(!r.timedOut, "\(threads) threads: the traced program did not end")
            #expect(r.status == 0, "\(r.stderr)")
            // "counts C0 C1 ...": thread 0 ended the process after its 1,000th call.
            let counts = r.stdout.split(whereSeparator: \.isWhitespace).dropFirst().compactMap { Int($0) }
            #expect(counts.count == threads, "\(r.stdout)")
            #expect(counts.first.map { $0 >= 1000 } == true, "\(r.stdout)")
            // Served in rounds, every other thread made about as many calls meanwhile; a
            // starved one made a handful (2, 11, 29 of 1,000 with 8 threads before the fix).
            for (i, c) in counts.enumerated().dropFirst() {
                #expect(c >= 100, "\(threads) threads: thread \(i) made \(c) calls while thread 0 made 1000 (\(r.stdout))")
            }
        }
    }
}
