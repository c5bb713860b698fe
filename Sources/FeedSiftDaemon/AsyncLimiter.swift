/// At most `limit` holders at once; the others wait in arrival order.
/// Bounds how many fetched documents are parsed and held in memory at the
/// same time, while more transfers stay in flight.
actor AsyncLimiter {
    private let limit: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    /// Runs `body` once a place is free.
    nonisolated func withPlace<T: Sendable>(_ body: () async -> T) async -> T {
        await acquire()
        let result = await body()
        await release()
        return result
    }

    private func acquire() async {
        if holders < limit {
            holders += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            // The place passes straight to the next in line.
            waiting.removeFirst().resume()
        }
    }
}
