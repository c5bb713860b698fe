import ServiceLifecycle

/// Pings the pipeline at a steady interval while it answers: each answer is
/// recorded for `/healthz` (`PipelineHeartbeat`) and, when systemd asked
/// for a watchdog (`WATCHDOG_USEC`), passed on to it. If the pipeline's
/// actor is stuck, the pings stop: `/healthz` turns to 503 after
/// `PipelineHeartbeat.tolerance`, and systemd restarts the service after
/// `WatchdogSec`.
struct HeartbeatService: Service {
    /// The ping interval without a systemd watchdog.
    static let interval: Duration = .seconds(10)

    let notifier: SystemdNotifier
    let pipeline: FeedPipeline
    let heartbeat: PipelineHeartbeat

    func run() async throws {
        let interval = min(notifier.watchdogInterval ?? Self.interval, Self.interval)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await pipeline.ping()
            heartbeat.record()
            if notifier.watchdogInterval != nil { notifier.watchdog() }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
