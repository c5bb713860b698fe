import FeedSiftCore

/// A few threads of the control server's own that its connection tasks
/// prefer over the shared cooperative pool (a task executor preference).
///
/// The cooperative pool has one thread per core; when the pipeline keeps
/// them busy parsing, or something blocks them, requests would wait. On
/// these threads the control socket keeps answering, which is what an
/// operator needs most when the daemon is busy. Threads end after
/// `shutdown()` once the queue is empty.
final class ControlTaskExecutor: TaskExecutor, Sendable {
    private let threads: JobThreads

    init(threads count: Int, name: String) {
        threads = JobThreads(count: count, name: name)
        threads.start { [self] job in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        threads.enqueue(UnownedJob(job))
    }

    /// Lets the threads end once nothing is queued; call it only when no
    /// task can prefer this executor any more.
    func shutdown() {
        threads.shutdown()
    }
}
