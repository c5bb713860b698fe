public import FeedSiftStore
public import FoundationEssentials

/// The daemon's metrics, by what happened: the pipeline, scheduler and
/// control server call these methods, and `prometheusText()` renders them
/// for `feedsift metrics` and `/metrics`.
///
/// Counters count since the daemon started. Figures that describe the
/// store (items, stories, database size, feed health) are gauges refreshed
/// from a `StoreOverview` whenever the metrics are rendered.
public struct FeedSiftMetrics: Sendable {
    public let registry: MetricsRegistry

    public static let fetches = MetricDescriptor.counter(
        "feedsift_fetches_total", help: "Feed fetches by HTTP status (\"error\" when no response arrived).",
        labels: ["status"])
    public static let fetchedBytes = MetricDescriptor.counter(
        "feedsift_fetched_bytes_total", help: "Bytes of feed documents received (after decompression).")
    public static let parseWarnings = MetricDescriptor.counter(
        "feedsift_parse_warnings_total", help: "Problems the parser worked around in fetched documents.")
    public static let itemsNew = MetricDescriptor.counter(
        "feedsift_items_new_total", help: "Entries stored for the first time (copies included).")
    public static let itemsUpdated = MetricDescriptor.counter(
        "feedsift_items_updated_total", help: "Stored entries whose publisher changed them.")
    public static let itemsCopies = MetricDescriptor.counter(
        "feedsift_items_copies_total", help: "New entries folded into an existing story as copies.")
    public static let storiesCreated = MetricDescriptor.counter(
        "feedsift_stories_created_total", help: "Stories opened.")
    public static let ruleHits = MetricDescriptor.counter(
        "feedsift_rule_hits_total", help: "New or changed entries each rule fired on.", labels: ["rule"])
    public static let cycleDuration = MetricDescriptor.histogram(
        "feedsift_cycle_duration_seconds", help: "Duration of poll cycles.",
        buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300])
    public static let queueDepth = MetricDescriptor.gauge(
        "feedsift_queue_depth", help: "Feeds due and waiting for a transfer slot.")
    public static let controlRequests = MetricDescriptor.counter(
        "feedsift_control_requests_total", help: "Control socket requests by method and outcome.",
        labels: ["method", "outcome"])
    public static let controlConnections = MetricDescriptor.gauge(
        "feedsift_control_connections", help: "Open control socket connections.")
    public static let feeds = MetricDescriptor.gauge(
        "feedsift_feeds", help: "Configured feeds by health (ok, failing, disabled).", labels: ["state"])
    public static let items = MetricDescriptor.gauge("feedsift_items", help: "Items in the store.")
    public static let stories = MetricDescriptor.gauge("feedsift_stories", help: "Stories in the store.")
    public static let databaseBytes = MetricDescriptor.gauge(
        "feedsift_database_bytes", help: "Size of the SQLite database file.")
    public static let startTime = MetricDescriptor.gauge(
        "process_start_time_seconds", help: "Start time of the daemon since the Unix epoch.")

    /// Every metric feedsift exports, in output order.
    public static let all: [MetricDescriptor] = [
        fetches, fetchedBytes, parseWarnings, itemsNew, itemsUpdated, itemsCopies, storiesCreated, ruleHits,
        cycleDuration, queueDepth, controlRequests, controlConnections, feeds, items, stories, databaseBytes,
        startTime,
    ]

    /// Declares every feedsift metric in `registry` (at zero) and records
    /// when the daemon started.
    public init(registry: MetricsRegistry = MetricsRegistry(), startedAt: Date = Date()) {
        self.registry = registry
        for metric in Self.all { registry.declare(metric) }
        registry.set(Self.startTime, to: startedAt.timeIntervalSince1970)
    }

    /// One finished fetch: `status` nil when the transfer failed without an
    /// HTTP response (DNS, connect, time-out, size cap).
    public func fetchFinished(status: Int?, bytes: Int) {
        registry.increment(Self.fetches, labels: ["status": status.map(String.init) ?? "error"])
        registry.increment(Self.fetchedBytes, by: Double(bytes))
    }

    public func parsed(warnings: Int) {
        registry.increment(Self.parseWarnings, by: Double(warnings))
    }

    /// What one feed's transaction stored.
    public func stored(newItems: Int, updatedItems: Int, copies: Int, newStories: Int) {
        registry.increment(Self.itemsNew, by: Double(newItems))
        registry.increment(Self.itemsUpdated, by: Double(updatedItems))
        registry.increment(Self.itemsCopies, by: Double(copies))
        registry.increment(Self.storiesCreated, by: Double(newStories))
    }

    /// Rule firings, by rule name.
    public func ruleHits(_ hits: [String: Int]) {
        for (rule, count) in hits { registry.increment(Self.ruleHits, by: Double(count), labels: ["rule": rule]) }
    }

    public func cycleFinished(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        registry.observe(Self.cycleDuration, Double(seconds) + Double(attoseconds) / 1e18)
    }

    public func setQueueDepth(_ depth: Int) {
        registry.set(Self.queueDepth, to: Double(depth))
    }

    /// A control request was answered; `outcome` is `ok` or the JSON-RPC error code.
    func controlRequest(method: String, outcome: String) {
        registry.increment(Self.controlRequests, labels: ["method": method, "outcome": outcome])
    }

    func setControlConnections(_ count: Int) {
        registry.set(Self.controlConnections, to: Double(count))
    }

    /// Refreshes the gauges that describe the store.
    public func update(from overview: StoreOverview) {
        let healthy = overview.feeds - overview.failingFeeds - overview.disabledFeeds
        registry.set(Self.feeds, to: Double(healthy), labels: ["state": "ok"])
        registry.set(Self.feeds, to: Double(overview.failingFeeds), labels: ["state": "failing"])
        registry.set(Self.feeds, to: Double(overview.disabledFeeds), labels: ["state": "disabled"])
        registry.set(Self.items, to: Double(overview.items))
        registry.set(Self.stories, to: Double(overview.stories))
        registry.set(Self.databaseBytes, to: Double(overview.databaseBytes))
    }

    /// The store gauges refreshed from `reader`, then every metric as
    /// Prometheus text. A store that cannot be read leaves the store
    /// gauges at their last values rather than failing the scrape.
    public func scrape(_ reader: StoreReader, now: Date = Date()) async -> String {
        if let overview = try? await reader.overview(at: now) { update(from: overview) }
        return registry.prometheusText()
    }
}
