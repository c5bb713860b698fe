import FeedSiftDaemon
import FeedSiftStore
import Testing

@Suite struct MetricsRegistryTests {
    static let requests = MetricDescriptor.counter("test_requests_total", help: "Requests.\nSecond line \\ here.")
    static let labelled = MetricDescriptor.counter("test_labelled_total", help: "By code.", labels: ["code"])
    static let temperature = MetricDescriptor.gauge("test_temperature", help: "Degrees.")
    static let latency = MetricDescriptor.histogram("test_latency_seconds", help: "Latency.", buckets: [1, 0.1, 0.5])

    @Test func rendersThePrometheusTextFormat() {
        let registry = MetricsRegistry()
        registry.declare(Self.requests)
        registry.declare(Self.labelled)
        registry.increment(Self.requests, labels: ["path": "/a\"b\\c\nd", "code": "200"])
        registry.increment(Self.requests, by: 2, labels: ["code": "200", "path": "/a\"b\\c\nd"])
        registry.set(Self.temperature, to: -3.25)
        for value in [0.05, 0.3, 0.3, 2] { registry.observe(Self.latency, value) }
        #expect(
            registry.prometheusText() == """
                # HELP test_requests_total Requests.\\nSecond line \\\\ here.
                # TYPE test_requests_total counter
                test_requests_total 0
                test_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 3
                # HELP test_labelled_total By code.
                # TYPE test_labelled_total counter
                # HELP test_temperature Degrees.
                # TYPE test_temperature gauge
                test_temperature -3.25
                # HELP test_latency_seconds Latency.
                # TYPE test_latency_seconds histogram
                test_latency_seconds_bucket{le="0.1"} 1
                test_latency_seconds_bucket{le="0.5"} 3
                test_latency_seconds_bucket{le="1"} 3
                test_latency_seconds_bucket{le="+Inf"} 4
                test_latency_seconds_sum 2.65
                test_latency_seconds_count 4

                """)
    }

    @Test func countsUpdatesFromManyTasksWithoutLosingAny() async {
        let registry = MetricsRegistry()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for _ in 0..<1000 { registry.increment(Self.requests, labels: ["task": String(task % 2)]) }
                }
            }
        }
        #expect(registry.value(of: Self.requests, labels: ["task": "0"]) == 4000)
        #expect(registry.value(of: Self.requests, labels: ["task": "1"]) == 4000)
    }

    @Test func feedsiftMetricsStartAtZeroAndFollowThePipeline() {
        let metrics = FeedSiftMetrics()
        metrics.fetchFinished(status: 304, bytes: 0)
        metrics.fetchFinished(status: nil, bytes: 0)
        metrics.fetchFinished(status: 200, bytes: 5000)
        metrics.stored(newItems: 4, updatedItems: 1, copies: 2, newStories: 2)
        metrics.ruleHits(["rare-earths": 3])
        metrics.cycleFinished(duration: .milliseconds(1500))
        let text = metrics.registry.prometheusText()
        for line in [
            "feedsift_fetches_total{status=\"304\"} 1", "feedsift_fetches_total{status=\"error\"} 1",
            "feedsift_fetched_bytes_total 5000", "feedsift_items_new_total 4", "feedsift_items_copies_total 2",
            "feedsift_rule_hits_total{rule=\"rare-earths\"} 3", "feedsift_cycle_duration_seconds_bucket{le=\"2.5\"} 1",
            "feedsift_parse_warnings_total 0", "feedsift_queue_depth 0",
        ] {
            #expect(text.contains("\n" + line + "\n"), "\(line)")
        }
        #expect(!text.contains("\nfeedsift_fetches_total 0\n"), "a labelled counter has no unlabelled series")
    }

    @Test func helpTextEscapesEveryLineFeedAndBackslash() {
        // Also those before a combining mark, which Foundation's
        // `replacingOccurrences(of:with:)` left as they were.
        let registry = MetricsRegistry()
        registry.declare(.gauge("test_marks", help: "a\n\u{301}b\\\u{301}c"))
        #expect(registry.prometheusText().hasPrefix("# HELP test_marks a\\n\u{301}b\\\\\u{301}c\n"))
    }
}
