import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP (what `systemctl reload` sends),
/// until graceful shutdown.
struct ReloadSignalService: Service {
    let reloader: ConfigurationReloader
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            logger.info("SIGHUP received: reloading the configuration")
            _ = try? await reloader.reload()
        }
    }
}
