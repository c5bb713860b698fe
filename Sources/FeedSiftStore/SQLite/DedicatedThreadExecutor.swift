import FeedSiftCore

/// A serial executor that runs its jobs on one thread of its own.
///
/// SQLite calls block. Running them on the cooperative pool (two threads on
/// a two-core machine) would stall every other task while a query runs, so
/// each reader connection's actor gets a thread that does nothing else.
/// The thread exits after `shutdown()` once the queued jobs have run.
final class DedicatedThreadExecutor: SerialExecutor, Sendable {
    private let thread: JobThreads

    init(name: String) {
        thread = JobThreads(count: 1, name: name)
        thread.start { [self] job in job.runSynchronously(on: asUnownedSerialExecutor()) }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        thread.enqueue(UnownedJob(job))
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread finish once nothing is queued; jobs enqueued later
    /// never run, so call it only when no one can use the executor again.
    func shutdown() {
        thread.shutdown()
    }
}
