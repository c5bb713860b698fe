import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Synchronization

/// A request to the loopback server: private addresses allowed (the server
/// is on 127.0.0.1), short time-outs so failures stay quick.
func loopbackRequest(
    _ url: String, etag: String? = nil, lastModified: String? = nil, timeout: Duration = .seconds(10),
    maxSize: Int = 1024 * 1024, allowPrivate: Bool = true
) -> FetchRequest {
    FetchRequest(
        feedName: "loopback", url: url, etag: etag, lastModified: lastModified,
        userAgent: "feedsift-test/1.0 (+https://example.org/feedsift)", timeout: timeout,
        connectTimeout: .seconds(2), maxSize: maxSize, allowPrivate: allowPrivate)
}

/// Runs `body` and returns the `FetchError` it threw, or nil if it
/// succeeded (or, which no test expects, threw something else).
func fetchError(_ body: () async throws -> FetchResponse) async -> FetchError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? FetchError
    }
}

/// Waits (up to `limit`) until `condition` holds; returns whether it did.
/// For synchronising with the server, never for asserting on time. The
/// limit is generous because on a 2-core machine the whole suite's
/// CPU-bound tests can hold the cooperative threads for a while; a broken
/// fetcher still fails, only later.
func eventually(within limit: Duration = .seconds(120), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// Counts requests a handler is serving at once, per server host and in
/// total, and remembers the peaks.
final class ConcurrencyGauge: Sendable {
    private struct Counts {
        var current: [String: Int] = [:]
        var peak: [String: Int] = [:]
        var totalPeak = 0
    }

    private let counts = Mutex(Counts())

    /// Marks a request on `host` as being served, holds it until `target`
    /// requests are in flight together (or `patience` runs out) so overlap
    /// is certain, then releases it.
    func serve(host: String, waitingFor target: Int, patience: Duration = .seconds(3)) {
        counts.withLock { counts in
            counts.current[host, default: 0] += 1
            counts.peak[host] = max(counts.peak[host, default: 0], counts.current[host, default: 0])
            counts.totalPeak = max(counts.totalPeak, counts.current.values.reduce(0, +))
        }
        let deadline = ContinuousClock.now + patience
        while ContinuousClock.now < deadline, counts.withLock({ $0.current.values.reduce(0, +) }) < target {
            Thread.sleep(forTimeInterval: 0.005)
        }
        Thread.sleep(forTimeInterval: 0.05)
        counts.withLock { $0.current[host, default: 1] -= 1 }
    }

    func peak(host: String) -> Int { counts.withLock { $0.peak[host, default: 0] } }
    var totalPeak: Int { counts.withLock { $0.totalPeak } }
}
