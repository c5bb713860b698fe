import Foundation

/// A serial executor that runs its jobs on one thread of its own.
///
/// SQLite calls block. Running them on the cooperative pool (two threads on
/// a two-core machine) would stall every other task while a query runs, so
/// each reader connection's actor gets a thread that does nothing else.
/// The thread exits after `shutdown()` once the queued jobs have run.
final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    // `@unchecked`: `jobs` and `stopping` are only touched under `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    init(name: String) {
        // The thread holds the executor until its loop returns.
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread finish once nothing is queued; jobs enqueued later
    /// never run, so call it only when no one can use the executor again.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
