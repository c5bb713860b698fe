import ArgumentParser
import FeedSiftCore
import FeedSiftDaemon
import FeedSiftStore
import FoundationEssentials
import Glibc
import Logging

/// `feedsift-bench control`: latency of `search` and `stories` through the
/// control socket on a store of a million items (issue 8's target: median
/// under 10 ms, p99 under 50 ms).
struct ControlBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "control",
        abstract: "Latency of search and stories through the control socket on a large store.")

    @Option(help: "Items in the generated store.")
    var items = 1_000_000

    @Option(help: "Where the generated store is cached (a directory per size).")
    var data = ".build/bench"

    @Option(help: "Requests measured per query kind.")
    var requests = 200

    func run() async throws {
        let store = GeneratedStore(directory: "\(data)/control-\(items)", items: items)
        let end = try store.prepare { print("  \($0)") }
        // Ages count back from the store's newest item (see `prepare`).
        func age(days: Double) -> JSONValue { .string(RFC3339.format(end.addingTimeInterval(-days * 86400))) }
        let reader = try StoreReader(path: store.databasePath)
        let socketPath = "\(data)/control-\(getpid()).sock"
        let logger = Logger(label: "feedsift.bench")
        let server = try await ControlServer.start(
            settings: ControlServerSettings(socketPath: socketPath),
            dispatcher: ControlDispatcher(
                reader: reader, metrics: FeedSiftMetrics(), daemon: nil, socketPath: socketPath, logger: logger),
            logger: logger)
        let serving = Task { await server.run() }

        let kinds: [(name: String, method: String, params: JSONObject)] = [
            ("search common word", "search", ["query": "tariff"]),
            ("search two words", "search", ["query": "copper smelter"]),
            ("search prefix + category", "search", ["query": "sanction*", "category": "sanctions"]),
            ("search phrase, last 7d", "search", ["query": "\"rare earth\"", "since": age(days: 7)]),
            ("search rare words, relevance", "search", ["query": "antimony tribunal", "order": "relevance"]),
            ("search common word, relevance", "search", ["query": "tariff", "order": "relevance"]),
            ("stories", "stories", [:]),
            ("stories --all --limit 100", "stories", ["all": true, "limit": 100]),
            ("stories --category", "stories", ["category": "shipping"]),
            ("stories --since 1d", "stories", ["since": age(days: 1)]),
        ]
        print("control socket latency, \(items) items, \(requests) requests each (one client):")
        print("  query                            median      p99")
        for kind in kinds {
            let latencies = try await measure(socketPath: socketPath, method: kind.method, params: kind.params)
            print(
                "  \(padded(kind.name, to: 30))"
                    + "\(format(latencies[latencies.count / 2]))  \(format(latencies[latencies.count * 99 / 100]))")
        }
        serving.cancel()
        await serving.value
    }

    /// Sorted latencies of `requests` calls after a few warm-up calls, on a
    /// thread of its own so the blocking client never holds a task thread.
    private func measure(socketPath: String, method: String, params: JSONObject) async throws -> [Duration] {
        let requests = self.requests
        return try await withCheckedThrowingContinuation { continuation in
            let started = DetachedThread.start(name: "bench-client") {
                continuation.resume(
                    with: Result {
                        let client = try ControlClient(socketPath: socketPath)
                        for _ in 0..<5 { _ = try client.call(method, params) }
                        let clock = ContinuousClock()
                        var latencies: [Duration] = []
                        for _ in 0..<requests {
                            latencies.append(try clock.measure { _ = try client.call(method, params) })
                        }
                        return latencies.sorted()
                    })
            }
            precondition(started == nil, "cannot start the client thread")
        }
    }

    private func format(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return formatted("%7.2f ms", milliseconds)
    }
}
