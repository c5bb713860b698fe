import Synchronization

/// When the pipeline last answered, for `/healthz`. The HTTP server runs on
/// its own event loops and keeps serving files even when the pipeline's
/// actor is stuck (a wedged transaction, a deadlock), so its health check
/// reads this instead of asking the actor, and answers at once either way.
final class PipelineHeartbeat: Sendable {
    /// How long the pipeline may go without answering before it counts as
    /// stuck: one feed's transaction takes milliseconds, a reclassify batch
    /// or a retention pass seconds.
    static let tolerance: Duration = .seconds(60)

    private let lastAnswer: Mutex<ContinuousClock.Instant>

    init(startedAt start: ContinuousClock.Instant = .now) {
        lastAnswer = Mutex(start)
    }

    /// The pipeline answered at `instant`.
    func record(at instant: ContinuousClock.Instant = .now) {
        lastAnswer.withLock { $0 = instant }
    }

    /// Healthy while the pipeline answered within `tolerance`; the text
    /// says when it last did.
    func status(at now: ContinuousClock.Instant = .now) -> (healthy: Bool, text: String) {
        let silence = now - lastAnswer.withLock { $0 }
        let seconds = max(0, silence.components.seconds)
        guard silence <= Self.tolerance else {
            return (false, "stuck: the pipeline has not answered for \(seconds) s\n")
        }
        return (true, "ok: the pipeline answered \(seconds) s ago\n")
    }
}
