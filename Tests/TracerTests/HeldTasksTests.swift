import CShim
import Glibc
import NSLinux
import Testing
@testable import NSTracer

/// The stops of tasks seen before their parent's clone event, kept and given back in order.
@Suite struct HeldTasksTests {
    @Test func stopsAreGivenBackInTheOrderTheyCame() {
        var h = HeldTasks()
        #expect(h.isEmpty)
        let letGo = [h.hold(101, .event(NS_PTRACE_EVENT_STOP, signal: SIGTRAP)),
                     h.hold(101, .signalStop(SIGCHLD)),
                     h.hold(102, .syscallStop)]
        #expect(letGo == [false, false, false])
        #expect(h.count == 2 && h.contains(101) && h.contains(102))
        let first = h.release(101)
        #expect(first == [.event(NS_PTRACE_EVENT_STOP, signal: SIGTRAP), .signalStop(SIGCHLD)])
        #expect(!h.contains(101) && h.count == 1)
        // Released once: nothing more to give back.
        let again = h.release(101)
        #expect(again.isEmpty)
    }

    @Test func aDyingTaskIsLetGoButItsExitIsKept() {
        var h = HeldTasks()
        let exitStop = h.hold(101, .event(NS_PTRACE_EVENT_EXIT, signal: SIGTRAP))
        let death = h.hold(101, .exited(code: 0))
        #expect(exitStop && !death)
        let stops = h.release(101)
        #expect(stops == [.event(NS_PTRACE_EVENT_EXIT, signal: SIGTRAP), .exited(code: 0)])
    }

    @Test func aTaskGoneIsForgotten() {
        var h = HeldTasks()
        _ = h.hold(101, .syscallStop)
        h.forget(101)
        let stops = h.release(101)
        #expect(h.isEmpty && stops.isEmpty)
    }
}
