/// First-come, first-served admission of transfers under a global limit and
/// a per-host limit. Pure bookkeeping: the transfer loop asks it what may
/// start and tells it what finished.
///
/// A waiting item whose host is saturated lets later items for other hosts
/// pass; items of one host start in the order they came.
struct AdmissionQueue<Item> {
    let concurrency: Int
    let perHost: Int
    private var waiting: [(host: String?, item: Item)] = []
    private(set) var running = 0
    private var runningPerHost: [String: Int] = [:]

    init(concurrency: Int, perHost: Int) {
        self.concurrency = max(1, concurrency)
        self.perHost = max(1, perHost)
    }

    var waitingCount: Int { waiting.count }

    /// `host` nil: not subject to the per-host limit (local files).
    mutating func enqueue(_ item: Item, host: String?) {
        waiting.append((host, item))
    }

    /// Takes the oldest item that may start now and counts it as running.
    mutating func admitNext() -> (host: String?, item: Item)? {
        guard running < concurrency else { return nil }
        guard
            let index = waiting.firstIndex(where: { entry in
                guard let host = entry.host else { return true }
                return runningPerHost[host, default: 0] < perHost
            })
        else { return nil }
        let entry = waiting.remove(at: index)
        running += 1
        if let host = entry.host { runningPerHost[host, default: 0] += 1 }
        return entry
    }

    /// Frees the slot of an admitted item.
    mutating func finished(host: String?) {
        running -= 1
        guard let host else { return }
        let remaining = runningPerHost[host, default: 1] - 1
        runningPerHost[host] = remaining > 0 ? remaining : nil
    }

    /// Removes and returns the waiting items matching `predicate`.
    mutating func removeWaiting(where predicate: (Item) -> Bool) -> [Item] {
        var removed: [Item] = []
        waiting.removeAll { entry in
            guard predicate(entry.item) else { return false }
            removed.append(entry.item)
            return true
        }
        return removed
    }
}
