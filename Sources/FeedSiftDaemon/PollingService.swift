import FeedSiftStore
import FoundationEssentials
import Logging
import ServiceLifecycle

/// Runs poll cycles as feeds fall due, until graceful shutdown, and tells
/// systemd and the metrics how each went.
struct PollingService: Service {
    let runtime: Runtime
    let reader: StoreReader
    let activity: DaemonActivity
    let metrics: FeedSiftMetrics
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await activity.cycleStarted()
            let summary = try await runtime.cycle()
            await runtime.indexSearch()
            await activity.cycleFinished(summary)
            metrics.cycleFinished(duration: summary.duration)
            metrics.stored(
                newItems: summary.newItems, updatedItems: summary.updatedItems, copies: summary.copies,
                newStories: summary.newItems - summary.copies)
            if let overview = try? await reader.overview(at: Date()) { metrics.update(from: overview) }
            await runtime.retain()
            // What the cycle left free in the allocator goes back before the
            // daemon sleeps (after a first cycle's backlog, tens of MiB).
            AllocatorTrim.trimIfWorthwhile()
            let next = await runtime.pipeline.nextDueDate() ?? Date().addingTimeInterval(60)
            let wait = max(next.timeIntervalSinceNow, 1)
            let status =
                "polled \(summary.feeds) feeds (\(summary.failedFeeds) failed), \(summary.newItems) new items; "
                + "next poll in \(Int(wait)) s"
            notifier.status(status)
            logger.debug("sleeping until next feed is due", metadata: ["seconds": "\(Int(wait))"])
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
        }
    }
}
