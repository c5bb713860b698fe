import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Testing

/// Global and per-host limits, queueing without time-outs, connection
/// reuse, cancellation and shutdown.
@Suite struct ConcurrencyTests {
    @Test func noMoreTransfersThanTheGlobalLimit() async throws {
        let gauge = ConcurrencyGauge()
        let server = try LoopbackHTTPServer { _ in
            gauge.serve(host: "a", waitingFor: 3)
            return .ok("<rss/>")
        }
        let fetcher = try HTTPFetcher(limits: FetcherLimits(concurrency: 3, perHost: 10))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<9 {
                group.addTask { try await fetcher.fetch(loopbackRequest(server.baseURL + "/\(index)")).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(gauge.peak(host: "a") == 3)
    }

    @Test func noMoreTransfersToOneHostThanThePerHostLimit() async throws {
        let gauge = ConcurrencyGauge()
        let first = try LoopbackHTTPServer(host: "127.0.0.1") { _ in
            gauge.serve(host: "first", waitingFor: 4)
            return .ok("<rss/>")
        }
        let second = try LoopbackHTTPServer(host: "127.0.0.2") { _ in
            gauge.serve(host: "second", waitingFor: 4)
            return .ok("<rss/>")
        }
        let fetcher = try HTTPFetcher(limits: FetcherLimits(concurrency: 10, perHost: 2))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<6 {
                for server in [first, second] {
                    group.addTask { try await fetcher.fetch(loopbackRequest(server.baseURL + "/\(index)")).status }
                }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(gauge.peak(host: "first") == 2)
        #expect(gauge.peak(host: "second") == 2)
        #expect(gauge.totalPeak == 4, "a saturated host does not hold up another")
    }

    @Test func theTimeOutDoesNotRunWhileARequestWaitsForASlot() async throws {
        let server = try LoopbackHTTPServer { _ in
            Thread.sleep(forTimeInterval: 0.4)
            return .ok("<rss/>")
        }
        let fetcher = try HTTPFetcher(limits: FetcherLimits(concurrency: 1, perHost: 1))
        // Four 0.4 s exchanges one after another: the last waits about 1.2 s
        // for its slot, longer than the 1 s budget each request has.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<4 {
                group.addTask {
                    try await fetcher.fetch(loopbackRequest(server.baseURL + "/\(index)", timeout: .seconds(1))).status
                }
            }
            for try await status in group { #expect(status == 200) }
        }
    }

    @Test func consecutiveFetchesReuseTheConnection() async throws {
        let server = try LoopbackHTTPServer { _ in .ok("<rss/>") }
        let fetcher = try HTTPFetcher()
        for index in 0..<3 { _ = try await fetcher.fetch(loopbackRequest(server.baseURL + "/\(index)")) }
        #expect(Set(server.requests.map(\.connection)).count == 1)
    }

    @Test func cancellingTheTaskAbandonsItsTransfer() async throws {
        let server = try LoopbackHTTPServer { _ in .silence(.seconds(30)) }
        let fetcher = try HTTPFetcher()
        let task = Task { await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL)) } }
        #expect(await eventually { server.requests.count == 1 })
        task.cancel()
        #expect(await task.value?.code == .cancelled)
    }

    @Test func shutdownAbandonsTransfersInFlightAndQueued() async throws {
        let server = try LoopbackHTTPServer { _ in .silence(.seconds(30)) }
        let fetcher = try HTTPFetcher(limits: FetcherLimits(concurrency: 2, perHost: 2))
        let tasks = (0..<3).map { index in
            Task { await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL + "/\(index)")) } }
        }
        #expect(await eventually { server.requests.count == 2 })
        fetcher.shutdown()
        for task in tasks {
            let error = await task.value
            #expect(error?.code == .cancelled)
            #expect(error?.message == "the fetcher was shut down")
        }
        let late = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL)) }
        #expect(late?.code == .cancelled)
        fetcher.shutdown()  // a second call is harmless
    }
}
