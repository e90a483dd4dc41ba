import CShim
import Glibc

/// A thread of its own for work that must not hop threads or block the tracer's loop
/// (the output drain of `compare`, the `--timeout` watchdog, the network helper of `run`).
/// pthread directly: Foundation's `Thread` would bring all of Foundation into every start
/// of nstrace (see docs/performance.md, "Startup").
public enum OSThread {
    private final class Box {
        let name: String
        let body: () -> Void
        init(_ name: String, _ body: @escaping () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts `body` on a new detached thread called `name` (15 bytes at most are kept,
    /// as with `pthread_setname_np`).
    public static func detach(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemError) {
        let box = Unmanaged.passRetained(Box(String(decoding: name.utf8.prefix(15), as: UTF8.self), body)).toOpaque()
        var thread = pthread_t()
        let r = pthread_create(&thread, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            _ = ns_set_thread_name(box.name)
            box.body()
            return nil
        }, box)
        guard r == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw SystemError("pthread_create (\(name))", errno: r)
        }
        pthread_detach(thread)
    }
}

/// A mutex with one condition variable (what Foundation calls `NSCondition`), on the
/// monotonic clock so a change of the wall clock cannot stretch or cut a wait.
public final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        pthread_cond_init(cond, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        cond.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    public func signal() { pthread_cond_signal(cond) }

    /// Waits for a signal; the lock must be held.
    public func wait() { pthread_cond_wait(cond, mutex) }

    /// Waits for a signal or until `deadline` (a `Condition.now` value); the lock must be
    /// held. Returns false when the deadline passed.
    @discardableResult
    public func wait(until deadline: Double) -> Bool {
        var ts = Self.absoluteTime(deadline)
        return pthread_cond_timedwait(cond, mutex, &ts) != ETIMEDOUT
    }

    /// `deadline` as the `timespec` of `pthread_cond_timedwait`, for any Double: NaN and
    /// times before 0 are 0 (already passed), times beyond 1e15 s (31 million years, inf
    /// included) are 1e15 s. `Int(deadline)` trapped on inf, NaN and anything above
    /// Int.max (`compare --timeout 1e10` reached it through a sum; issue 17).
    public static func absoluteTime(_ deadline: Double) -> timespec {
        var ts = timespec()
        guard deadline > 0 else { return ts }
        let d = Swift.min(deadline, 1e15)
        let whole = d.rounded(.down)
        ts.tv_sec = Int(whole)
        ts.tv_nsec = Swift.min(999_999_999, Swift.max(0, Int((d - whole) * 1e9)))
        return ts
    }

    /// Seconds on the monotonic clock, the clock of `wait(until:)`.
    public static var now: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A count others wait on (what Dispatch calls a semaphore), on a `Condition`.
public final class Semaphore: @unchecked Sendable {
    private let condition = Condition()
    private var count: Int

    public init(_ count: Int = 0) { self.count = count }

    public func signal() {
        condition.lock()
        count += 1
        condition.signal()
        condition.unlock()
    }

    public func wait() {
        condition.lock()
        while count == 0 { condition.wait() }
        count -= 1
        condition.unlock()
    }
}
