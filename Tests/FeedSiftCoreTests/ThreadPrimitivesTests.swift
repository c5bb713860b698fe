import Foundation
import Testing

@testable import FeedSiftCore

/// The pthread-based pieces that replaced Foundation's `Thread` and
/// `NSCondition`.
@Suite struct ThreadPrimitivesTests {
    /// The name a thread of this process shows in `/proc`.
    static func threadName() -> String {
        let text = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .newlines)
    }

    @Test func threadsRunTheirBodyUnderTheirNameCutTo15Bytes() {
        let lock = ConditionLock()
        nonisolated(unsafe) var names: [String] = []
        for name in ["feedsift-store-reader", "short"] {
            let failure = DetachedThread.start(name: name) {
                let seen = Self.threadName()
                lock.withLock {
                    names.append(seen)
                    lock.broadcast()
                }
            }
            #expect(failure == nil)
        }
        lock.lock()
        while names.count < 2 { lock.wait() }
        lock.unlock()
        #expect(Set(names) == ["feedsift-store-", "short"])
    }

    @Test func jobThreadsRunEveryJobOnce() async {
        let executor = CountingExecutor()
        let total = await withTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask(executorPreference: executor) { index }
            }
            return await group.reduce(0, +)
        }
        #expect(total == (0..<200).reduce(0, +))
        executor.threads.shutdown()
    }
}

/// A task executor on `JobThreads`, as the store and the control server use them.
private final class CountingExecutor: TaskExecutor, @unchecked Sendable {
    let threads = JobThreads(count: 2, name: "test-jobs")

    init() {
        threads.start { [self] job in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }

    func enqueue(_ job: UnownedJob) {
        threads.enqueue(job)
    }
}
