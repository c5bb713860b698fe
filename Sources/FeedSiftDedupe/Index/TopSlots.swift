/// The best-scoring slots seen, at most `limit` (a small min-heap).
struct TopSlots {
    let limit: Int
    private var heap: [(slot: Int32, score: Float)] = []

    init(limit: Int) { self.limit = limit }

    mutating func offer(_ slot: Int32, score: Float) {
        if heap.count < limit {
            heap.append((slot, score))
            siftUp(heap.count - 1)
        } else if let lowest = heap.first, score > lowest.score {
            heap[0] = (slot, score)
            siftDown(0)
        }
    }

    /// Best first.
    var slots: [Int32] { heap.sorted { $0.score > $1.score }.map(\.slot) }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].score < heap[parent].score else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].score < heap[smallest].score { smallest = left }
            if right < heap.count && heap[right].score < heap[smallest].score { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
