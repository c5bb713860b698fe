import FeedSiftCore
import FeedSiftFetch
import FeedSiftRules
import FoundationEssentials
import Logging
import Synchronization

/// The started parts of a daemon — fetcher, pipeline, digests — and the
/// configuration they currently run with.
///
/// The configuration and the rules compiled from it are swapped as one
/// value on reload; a poll cycle reads them once at its start, so a reload
/// never changes the rules under a feed half-way through.
final class Runtime: Sendable {
    let fetcher: HTTPFetcher
    let pipeline: FeedPipeline
    let digests: DigestService
    let metrics: FeedSiftMetrics
    let logger: Logger
    private let current: Mutex<(configuration: Configuration, normalizer: EntryNormalizer)>
    private let lastRetention = Mutex<Date?>(nil)

    var configuration: Configuration { current.withLock { $0.configuration } }
    var normalizer: EntryNormalizer { current.withLock { $0.normalizer } }

    private init(
        configuration: Configuration, rules: RuleSet, fetcher: HTTPFetcher, pipeline: FeedPipeline,
        digests: DigestService, logger: Logger
    ) {
        self.fetcher = fetcher
        self.pipeline = pipeline
        self.digests = digests
        self.metrics = FeedSiftMetrics(startedAt: Date())
        self.logger = logger
        current = Mutex((configuration, EntryNormalizer(rules: rules)))
    }

    static func start(configuration: Configuration, logger: Logger) async throws(DaemonError) -> Runtime {
        let paths = StatePaths(configuration: configuration)
        try paths.prepare()
        let rules: RuleSet
        do {
            rules = try RuleSet.compile(configuration)
        } catch {
            throw DaemonError(.configuration, "\(error)")
        }
        if configuration.fetch.minInterval < Self.politeMinimumInterval {
            logger.warning(
                "min-interval is below 15 minutes: feeds may be polled more often than publishers expect",
                metadata: ["min-interval": "\(configuration.fetch.minInterval)"])
        }
        let pipeline = try FeedPipeline(configuration: configuration, databasePath: paths.database, logger: logger)
        _ = try await pipeline.synchronizeFeeds()
        let digests: DigestService
        let fetcher: HTTPFetcher
        do {
            digests = try DigestService(configuration: configuration, pipeline: pipeline, logger: logger)
            fetcher = try HTTPFetcher(
                limits: FetcherLimits(
                    concurrency: configuration.fetch.concurrency, perHost: configuration.fetch.perHost),
                logger: logger)
        } catch {
            await pipeline.close()
            throw DaemonError(.configuration, "\(error)")
        }
        return Runtime(
            configuration: configuration, rules: rules, fetcher: fetcher, pipeline: pipeline, digests: digests,
            logger: logger)
    }

    static let politeMinimumInterval: Duration = .seconds(15 * 60)

    /// Polls the feeds that are due now and publishes. `last`: no cycle
    /// follows in this process.
    func cycle(last: Bool = false) async throws(DaemonError) -> CycleSummary {
        let (configuration, normalizer) = current.withLock { ($0.configuration, $0.normalizer) }
        let due = try await pipeline.dueFeeds(at: Date())
        let cycle = PollCycle(
            configuration: configuration, fetcher: fetcher, pipeline: pipeline, normalizer: normalizer,
            metrics: metrics, logger: logger, isLast: last)
        let summary = await cycle.run(due)
        let changed = try await pipeline.publish()
        logger.info(
            "poll cycle finished",
            metadata: [
                "feeds": "\(summary.feeds)", "feeds.failed": "\(summary.failedFeeds)",
                "items.new": "\(summary.newItems)", "items.copies": "\(summary.copies)",
                "outputs.changed": "\(changed.count)", "duration": "\(summary.duration)",
            ])
        return summary
    }

    /// Runs with `configuration` and `rules` from now on: the stored feeds
    /// follow the new list, the digest its new settings, the next cycle the
    /// new rules.
    func apply(_ configuration: Configuration, rules: RuleSet) async throws(DaemonError) {
        try await pipeline.apply(configuration)
        try await digests.reconfigure(configuration)
        current.withLock { $0 = (configuration, EntryNormalizer(rules: rules)) }
    }

    /// Brings the search index up to date with the stored items, a batch at
    /// a time. Runs after publishing, so new stories reach the feeds first.
    func indexSearch() async {
        while await pipeline.indexSearchBatch() > 0 {}
    }

    /// A retention pass, at most once an hour (deleting is batched, and
    /// nothing expires faster than that matters).
    func retain(now: Date = Date()) async {
        let due = lastRetention.withLock { last -> Bool in
            guard last.map({ now.timeIntervalSince($0) >= 3600 }) ?? true else { return false }
            last = now
            return true
        }
        if due { _ = await pipeline.retain(now: now) }
    }

    func stop() async {
        fetcher.shutdown()
        await pipeline.close()
    }
}
