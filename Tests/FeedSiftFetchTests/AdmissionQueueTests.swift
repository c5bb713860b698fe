import Testing

@testable import FeedSiftFetch

/// The bookkeeping behind the concurrency and per-host limits.
@Suite struct AdmissionQueueTests {
    @Test func admitsInOrderWithinBothLimits() {
        var queue = AdmissionQueue<String>(concurrency: 3, perHost: 2)
        for (item, host) in [("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b"), ("f1", nil)] as [(String, String?)] {
            queue.enqueue(item, host: host)
        }
        #expect(queue.admitNext()?.item == "a1")
        #expect(queue.admitNext()?.item == "a2")
        #expect(queue.admitNext()?.item == "b1", "a3 waits for its host; b1 passes it")
        #expect(queue.admitNext() == nil, "three running: the global limit")
        queue.finished(host: "b")
        #expect(queue.admitNext()?.item == "f1", "a is still saturated; files have no host limit")
        queue.finished(host: "a")
        #expect(queue.admitNext()?.item == "a3")
        #expect(queue.waitingCount == 0)
    }

    @Test func cancelledItemsLeaveTheQueue() {
        var queue = AdmissionQueue<Int>(concurrency: 1, perHost: 1)
        for index in 0..<5 { queue.enqueue(index, host: "h") }
        #expect(queue.removeWaiting { $0.isMultiple(of: 2) } == [0, 2, 4])
        #expect(queue.admitNext()?.item == 1)
        #expect(queue.running == 1)
    }
}
