import Glibc

/// A pthread mutex and the condition variable that goes with it: what
/// feedsift's own threads (`JobThreads`, the store's WAL checkpointer) use
/// to sleep until there is work and to guard the state that says so.
///
/// The class owns both C objects: `init` initializes them, `deinit`
/// destroys them, and they live in memory of their own so their addresses
/// never change (pthreads forbids moving them). `wait()` must be called with
/// the lock held; it releases the lock while asleep and holds it again when
/// it returns, possibly without a signal (spurious wake-up), so callers
/// wait in a loop that tests their condition.
public final class ConditionLock: @unchecked Sendable {
    // `@unchecked`: pthread mutexes and condition variables are made to be
    // used from any thread; the pointers themselves never change.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        let mutexResult = pthread_mutex_init(mutex, nil)
        precondition(mutexResult == 0, "pthread_mutex_init failed: \(mutexResult)")
        let conditionResult = pthread_cond_init(condition, nil)
        precondition(conditionResult == 0, "pthread_cond_init failed: \(conditionResult)")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func lock() {
        pthread_mutex_lock(mutex)
    }

    public func unlock() {
        pthread_mutex_unlock(mutex)
    }

    /// Runs `body` holding the lock (without waiting on the condition).
    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Releases the lock, sleeps until signalled, and takes the lock again.
    public func wait() {
        pthread_cond_wait(condition, mutex)
    }

    /// Wakes one waiting thread, if any.
    public func signal() {
        pthread_cond_signal(condition)
    }

    /// Wakes every waiting thread.
    public func broadcast() {
        pthread_cond_broadcast(condition)
    }
}
