public import FeedSiftCore
import FeedSiftStore
import FoundationEssentials
public import Logging
import NIOPosix
import ServiceLifecycle

/// The feedsift daemon: polls the configured feeds, stores and publishes
/// what they bring, and repeats until it is told to stop.
///
/// `runOnce` is `feedsift run --once`; `run` is the long-running service:
/// control socket, HTTP server, digest schedule, SIGHUP reload, systemd
/// notifications, and a clean exit on SIGTERM or SIGINT.
public struct Daemon: Sendable {
    public let configuration: Configuration
    /// `run --state-dir`, re-applied when the configuration is reloaded.
    private let stateDirectoryOverride: String?
    private let logger: Logger

    public init(configuration: Configuration, stateDirectoryOverride: String? = nil, logger: Logger) {
        self.configuration = configuration
        self.stateDirectoryOverride = stateDirectoryOverride
        self.logger = logger
    }

    /// Polls every due feed once (all of them on a new state directory),
    /// publishes, writes a digest that is due, and returns. Feed failures
    /// are logged, not thrown.
    public func runOnce() async throws(DaemonError) -> CycleSummary {
        let runtime = try await Runtime.start(configuration: configuration, logger: logger)
        let summary: CycleSummary
        do {
            summary = try await runtime.cycle(last: true)
        } catch {
            await runtime.stop()
            throw error
        }
        await runtime.digests.catchUp()
        await runtime.retain()
        await runtime.stop()
        return summary
    }

    /// Polls feeds as they fall due until SIGTERM or SIGINT.
    public func run() async throws(DaemonError) {
        let notifier = SystemdNotifier()
        try ControlServer.claimSocket(configuration.daemon.socketPath)
        let runtime = try await Runtime.start(configuration: configuration, logger: logger)
        let reloader = ConfigurationReloader(
            runtime: runtime, stateDirectoryOverride: stateDirectoryOverride, notifier: notifier, logger: logger)
        let activity = DaemonActivity(configurationPath: configuration.file)
        let metrics = runtime.metrics
        let control: (server: ControlServer, reader: StoreReader)
        do {
            control = try await RuntimeControl.startServer(
                runtime: runtime, reloader: reloader, activity: activity, metrics: metrics, logger: logger)
        } catch {
            await runtime.stop()
            throw error
        }
        let heartbeat = PipelineHeartbeat()
        var httpServer: FeedHTTPServer?
        if let listen = configuration.output.listen {
            do {
                httpServer = try await FeedHTTPServer.start(
                    listen: listen, atomPath: configuration.output.atomPath, health: { heartbeat.status() },
                    metrics: { metrics.registry.prometheusText() }, group: MultiThreadedEventLoopGroup.singleton,
                    logger: logger)
            } catch {
                await control.reader.close()
                await runtime.stop()
                throw error
            }
        }
        let services: [any Service] = [
            PollingService(
                runtime: runtime, reader: control.reader, activity: activity, metrics: metrics, notifier: notifier,
                logger: logger),
            control.server,
            DigestScheduler(digests: runtime.digests, logger: logger),
            ReloadSignalService(reloader: reloader, logger: logger),
            HeartbeatService(notifier: notifier, pipeline: runtime.pipeline, heartbeat: heartbeat),
        ]
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        notifier.ready(status: "started; polling \(configuration.feeds.count) feeds")
        var failure: DaemonError?
        do {
            try await group.run()
        } catch let error as DaemonError {
            failure = error
        } catch {
            failure = DaemonError(.output, "\(error)")
        }
        notifier.stopping()
        await httpServer?.stop()
        // The readers close before the pipeline's writer, the last
        // connection, which folds the log into the file.
        await control.reader.close()
        await runtime.stop()
        if let failure { throw failure }
        logger.info("stopped")
    }
}
