import FoundationEssentials
import Logging
import ServiceLifecycle

/// Runs the digest schedule until graceful shutdown: catches up at
/// start-up (a digest missed while the daemon was down), then sleeps until
/// the next cut-off or delivery retry. Sleeps are capped so that a changed
/// wall clock (or a suspended machine) is noticed within minutes.
struct DigestScheduler: Service {
    let digests: DigestService
    let logger: Logger

    static let longestSleep: TimeInterval = 300

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await digests.catchUp()
            let wake = await digests.nextWake()
            let wait = min(max(wake.timeIntervalSinceNow, 1), Self.longestSleep)
            logger.trace("digest scheduler sleeping", metadata: ["seconds": "\(Int(wait))"])
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
        }
    }
}
