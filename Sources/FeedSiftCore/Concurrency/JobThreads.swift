import Glibc

/// Threads of their own that run queued jobs in the order they came: the
/// machinery behind feedsift's executors that must not share the
/// cooperative pool (SQLite readers, whose calls block; the control
/// server, which must answer while the pipeline keeps the pool busy).
///
/// `start` hands the threads what running a job means (on which executor);
/// after `shutdown` each thread ends once the queue is empty, and the last
/// one to end lets go of the closure (and so of the executor it holds).
public final class JobThreads: @unchecked Sendable {
    // `@unchecked`: everything below is only touched under `condition`.
    private let condition = ConditionLock()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false
    private var running = 0
    private var run: (@Sendable (UnownedJob) -> Void)?
    private let count: Int
    private let name: String

    public init(count: Int, name: String) {
        self.count = max(count, 1)
        self.name = name
    }

    /// Starts the threads; each runs queued jobs with `run`.
    public func start(_ run: @escaping @Sendable (UnownedJob) -> Void) {
        condition.lock()
        self.run = run
        running = count
        condition.unlock()
        for index in 0..<count {
            // Each thread holds the queue until its loop returns.
            let threadName = count == 1 ? name : "\(name)-\(index)"
            if let error = DetachedThread.start(name: threadName, { [self] in loop() }) {
                // Without its threads the executor would never run a job.
                fatalError("cannot start thread \(threadName): \(String(cString: strerror(error)))")
            }
        }
    }

    public func enqueue(_ job: UnownedJob) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once nothing is queued; jobs enqueued later
    /// never run, so call it only when no one can use the executor again.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            guard head < jobs.count, let run else {
                running -= 1
                if running == 0 { run = nil }
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
            run(job)
        }
    }
}
