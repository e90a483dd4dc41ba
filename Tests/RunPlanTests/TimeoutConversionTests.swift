import NSLinux
import NSRun
import Testing

/// `compare --timeout` reaches `pthread_cond_timedwait` through a Double deadline; inf,
/// NaN and huge values trapped in `Int(deadline)` (issue 17). The command refuses them
/// (`HostileInputTests`), and the conversion itself takes any Double.
@Suite struct TimeoutConversionTests {
    @Test func anyDeadlineBecomesAValidTimespec() {
        let cases: [(Double, Int, Int)] = [
            (1.25, 1, 250_000_000), (0, 0, 0), (-1, 0, 0), (-1e19, 0, 0), (.nan, 0, 0), (-.infinity, 0, 0),
            (1e10, 10_000_000_000, 0), (1e19, 1_000_000_000_000_000, 0), (1e300, 1_000_000_000_000_000, 0),
            (.infinity, 1_000_000_000_000_000, 0), (Double(Int.max), 1_000_000_000_000_000, 0),
        ]
        for (deadline, sec, nsec) in cases {
            let ts = Condition.absoluteTime(deadline)
            #expect(ts.tv_sec == sec && ts.tv_nsec == nsec, "\(deadline)")
            #expect(ts.tv_nsec >= 0 && ts.tv_nsec < 1_000_000_000)
        }
    }

    @Test func waitingUntilAPastOrNaNDeadlineReturnsAtOnce() {
        let c = Condition()
        c.lock()
        #expect(c.wait(until: .nan) == false)
        #expect(c.wait(until: -1e300) == false)
        #expect(c.wait(until: Condition.now + 0.01) == false)
        c.unlock()
    }

    @Test func watchdogBoundsItsSeconds() throws {
        for (given, kept) in [(30.0, 30.0), (1e10, Watchdog.maxSeconds), (.infinity, Watchdog.maxSeconds),
                              (.nan, Watchdog.maxSeconds), (-5, 0)] {
            let w = try Watchdog(seconds: given)
            #expect(w.seconds == kept, "\(given)")
            w.stop()
        }
    }
}
