import Foundation

/// A few threads of the control server's own that its connection tasks
/// prefer over the shared cooperative pool (a task executor preference).
///
/// The cooperative pool has one thread per core; when the pipeline keeps
/// them busy parsing, or something blocks them, requests would wait. On
/// these threads the control socket keeps answering, which is what an
/// operator needs most when the daemon is busy. Threads end after
/// `shutdown()` once the queue is empty.
final class ControlTaskExecutor: TaskExecutor, @unchecked Sendable {
    // `@unchecked`: `jobs` and `stopping` are only touched under `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false

    init(threads: Int, name: String) {
        for index in 0..<max(threads, 1) {
            // Each thread holds the executor until its loop returns.
            let thread = Thread { [self] in runLoop() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once nothing is queued; call it only when no
    /// task can prefer this executor any more.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            guard head < jobs.count else {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
