import ServiceLifecycle

/// Pings systemd's watchdog while the pipeline answers. If the pipeline's
/// actor is stuck (a wedged transaction, a deadlock), the pings stop and
/// systemd restarts the service after `WatchdogSec`. The daemon runs it
/// only when systemd asked for a watchdog (`WATCHDOG_USEC`).
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let pipeline: FeedPipeline

    func run() async throws {
        let interval = notifier.watchdogInterval ?? .seconds(30)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await pipeline.ping()
            notifier.watchdog()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
