public import FeedSiftCore
import FeedSiftFetch
import FeedSiftRules
import FeedSiftStore
import Foundation
public import Logging
import NIOPosix
import ServiceLifecycle

/// The feedsift daemon: polls the configured feeds, stores and publishes
/// what they bring, and repeats until it is told to stop.
///
/// `runOnce` is `feedsift run --once`; `run` is the long-running service,
/// which exits cleanly on SIGTERM or SIGINT.
public struct Daemon: Sendable {
    public let configuration: Configuration
    private let logger: Logger

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Polls every due feed once (all of them on a new state directory),
    /// publishes and returns. Feed failures are logged, not thrown.
    public func runOnce() async throws(DaemonError) -> CycleSummary {
        let runtime = try await Runtime.start(configuration: configuration, logger: logger)
        let summary: CycleSummary
        do {
            summary = try await runtime.cycle()
        } catch {
            await runtime.stop()
            throw error
        }
        await runtime.digests.catchUp()
        await runtime.stop()
        return summary
    }

    /// Polls feeds as they fall due until SIGTERM or SIGINT.
    public func run() async throws(DaemonError) {
        try ControlServer.claimSocket(configuration.daemon.socketPath)
        let runtime = try await Runtime.start(configuration: configuration, logger: logger)
        let activity = DaemonActivity(configurationPath: configuration.file)
        let metrics = FeedSiftMetrics(startedAt: activity.startedAt)
        let control: (server: ControlServer, reader: StoreReader)
        do {
            control = try await RuntimeControl.startServer(
                runtime: runtime, activity: activity, metrics: metrics, logger: logger)
        } catch {
            await runtime.stop()
            throw error
        }
        var httpServer: FeedHTTPServer?
        if let listen = configuration.output.listen {
            do {
                httpServer = try await FeedHTTPServer.start(
                    listen: listen, atomPath: configuration.output.atomPath, health: { (true, "ok\n") },
                    metrics: { metrics.registry.prometheusText() }, group: MultiThreadedEventLoopGroup.singleton,
                    logger: logger)
            } catch {
                await runtime.stop()
                throw error
            }
        }
        defer { if let httpServer { Task { await httpServer.stop() } } }
        let service = PollingService(
            runtime: runtime, reader: control.reader, activity: activity, metrics: metrics, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: service), .init(service: control.server),
                    .init(service: DigestScheduler(digests: runtime.digests, logger: logger)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch let error as DaemonError {
            await runtime.stop()
            throw error
        } catch {
            await runtime.stop()
            throw DaemonError(.output, "\(error)")
        }
        await runtime.stop()
    }
}

/// The started parts of a daemon: fetcher, pipeline and digests.
struct Runtime: Sendable {
    let configuration: Configuration
    let fetcher: HTTPFetcher
    let pipeline: FeedPipeline
    let normalizer: EntryNormalizer
    let digests: DigestService
    let logger: Logger

    static func start(configuration: Configuration, logger: Logger) async throws(DaemonError) -> Runtime {
        let paths = StatePaths(configuration: configuration)
        try paths.prepare()
        let rules: RuleSet
        do {
            rules = try RuleSet.compile(configuration)
        } catch {
            throw DaemonError(.configuration, "\(error)")
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
            configuration: configuration, fetcher: fetcher, pipeline: pipeline,
            normalizer: EntryNormalizer(rules: rules), digests: digests, logger: logger)
    }

    /// Polls the feeds that are due now and publishes.
    func cycle() async throws(DaemonError) -> CycleSummary {
        let due = try await pipeline.dueFeeds(at: Date())
        let cycle = PollCycle(
            configuration: configuration, fetcher: fetcher, pipeline: pipeline, normalizer: normalizer, logger: logger)
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

    func stop() async {
        fetcher.shutdown()
        await pipeline.close()
    }
}

/// Runs poll cycles as feeds fall due, until graceful shutdown.
struct PollingService: Service {
    let runtime: Runtime
    let reader: StoreReader
    let activity: DaemonActivity
    let metrics: FeedSiftMetrics
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await activity.cycleStarted()
            let summary = try await runtime.cycle()
            await activity.cycleFinished(summary)
            metrics.cycleFinished(duration: summary.duration)
            metrics.stored(
                newItems: summary.newItems, updatedItems: summary.updatedItems, copies: summary.copies,
                newStories: summary.newItems - summary.copies)
            if let overview = try? await reader.overview(at: Date()) { metrics.update(from: overview) }
            let next = await runtime.pipeline.nextDueDate() ?? Date().addingTimeInterval(60)
            let wait = max(next.timeIntervalSinceNow, 1)
            logger.debug("sleeping until next feed is due", metadata: ["seconds": "\(Int(wait))"])
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
        }
    }
}
