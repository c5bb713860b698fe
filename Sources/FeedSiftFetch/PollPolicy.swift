public import FeedSiftCore
public import FoundationEssentials

/// Decides when to poll a feed next: pure, no I/O, deterministic for a given
/// random source.
///
/// On success (2xx, 304) the interval is the feed's configured `interval`,
/// else the adaptive interval from its publication history (between
/// `minInterval` and `maxInterval`), else `defaultInterval`. Publisher hints
/// (RSS `ttl`, `sy:update*`, `Cache-Control: max-age`, `Expires`) may only
/// lengthen it, up to `maxInterval`; a server without validators is polled
/// at most hourly; nothing is ever polled more often than `minInterval`.
/// Jitter of ±`jitterFraction` spreads polls without breaking any of those
/// bounds, then `skipHours`/`skipDays` move the time out of skipped slots.
///
/// On failure the interval doubles per consecutive failure, from twice the
/// success interval up to `backoffCap` (jittered, never above the cap); a
/// 429/503 `Retry-After` is honoured when it asks for longer, up to the
/// larger of `backoffCap` and `maxInterval`. 410 Gone disables the feed.
/// A 404 is a failure like any other, so repeated 404s back off.
public struct PollPolicy: Sendable, Hashable {
    /// `[fetch] interval`: for feeds without their own interval or history.
    public var defaultInterval: Duration
    public var minInterval: Duration
    public var maxInterval: Duration
    public var backoffCap: Duration
    /// Whether publication history may set the interval of feeds that do
    /// not configure one.
    public var adaptive: Bool = true
    /// The floor for servers that send neither ETag nor Last-Modified.
    public var withoutValidatorsMinimum: Duration = .seconds(3600)
    /// Jitter as a fraction of the interval, each way.
    public var jitterFraction: Double = 0.1
    /// How far back publications count for the adaptive interval.
    public var frequencyWindow: Duration = .seconds(7 * 86400)

    public init(
        defaultInterval: Duration = .seconds(30 * 60), minInterval: Duration = .seconds(15 * 60),
        maxInterval: Duration = .seconds(24 * 3600), backoffCap: Duration = .seconds(24 * 3600)
    ) {
        self.defaultInterval = defaultInterval
        self.minInterval = minInterval
        self.maxInterval = max(maxInterval, minInterval)
        self.backoffCap = backoffCap
    }

    /// The policy `[fetch]` describes.
    public init(settings: FetchSettings) {
        self.init(
            defaultInterval: settings.interval, minInterval: settings.minInterval, maxInterval: settings.maxInterval,
            backoffCap: settings.backoffCap)
    }

    /// The next poll of a feed in `state` that just had `outcome`, with the
    /// `hints` of its latest parsed document. `random` supplies the jitter.
    public func nextPoll(
        state: PollState, outcome: PollOutcome, hints: PollingHints = PollingHints(), now: Date,
        using random: inout some RandomNumberGenerator
    ) -> PollDecision {
        if outcome.status == 410 {
            return PollDecision(
                at: .distantFuture, interval: .zero, reason: .disabled,
                consecutiveFailures: state.consecutiveFailures + 1)
        }
        if outcome.isSuccess {
            return afterSuccess(state: state, outcome: outcome, hints: hints, now: now, random: &random)
        }
        return afterFailure(state: state, outcome: outcome, now: now, random: &random)
    }

    /// `nextPoll` with the system's random source.
    public func nextPoll(
        state: PollState, outcome: PollOutcome, hints: PollingHints = PollingHints(), now: Date
    ) -> PollDecision {
        var random = SystemRandomNumberGenerator()
        return nextPoll(state: state, outcome: outcome, hints: hints, now: now, using: &random)
    }

    /// The interval the feed would have after a success, before hints:
    /// configured, adaptive or default, never below `minInterval`.
    private func regularInterval(for state: PollState, now: Date) -> (Duration, PollReason) {
        let (interval, reason) = baseInterval(for: state, now: now)
        return interval < minInterval ? (minInterval, .minInterval) : (interval, reason)
    }

    private func baseInterval(for state: PollState, now: Date) -> (Duration, PollReason) {
        if let configured = state.configuredInterval { return (configured, .configured) }
        if adaptive {
            let estimator = PublicationFrequency(window: frequencyWindow, burstGap: minInterval)
            if let estimate = estimator.interval(publications: state.recentPublications, now: now) {
                return (min(max(estimate, minInterval), maxInterval), .adaptive)
            }
        }
        return (defaultInterval, .configured)
    }

    private func afterSuccess(
        state: PollState, outcome: PollOutcome, hints: PollingHints, now: Date,
        random: inout some RandomNumberGenerator
    ) -> PollDecision {
        var (interval, reason) = baseInterval(for: state, now: now)
        let ceiling = max(maxInterval, interval)
        var floor = minInterval
        // "Do not come back before": each hint may lengthen, none past the ceiling.
        for (requested, why) in publisherHints(outcome: outcome, hints: hints, now: now) {
            let honoured = min(requested, ceiling)
            floor = max(floor, honoured)
            if honoured > interval { (interval, reason) = (honoured, why) }
        }
        if outcome.lacksValidators {
            floor = max(floor, withoutValidatorsMinimum)
            if interval < withoutValidatorsMinimum { (interval, reason) = (withoutValidatorsMinimum, .noValidators) }
        }
        if interval < minInterval { (interval, reason) = (minInterval, .minInterval) }
        let delay = jittered(interval, within: floor...max(ceiling, interval), random: &random)
        var at = now.addingTimeInterval(delay.timeInterval)
        if let (moved, why) = SkipSchedule(hours: hints.skipHours, days: hints.skipDays).firstAllowed(from: at) {
            at = moved
            reason = why
        }
        return PollDecision(at: at, interval: interval, reason: reason, consecutiveFailures: 0)
    }

    private func publisherHints(outcome: PollOutcome, hints: PollingHints, now: Date) -> [(Duration, PollReason)] {
        var requests: [(Duration, PollReason)] = []
        if let minutes = hints.ttlMinutes, minutes > 0 { requests.append((.seconds(minutes) * 60, .ttl)) }
        if let period = hints.syndicationInterval, period > .zero { requests.append((period, .syndication)) }
        if let maxAge = outcome.cacheMaxAge, maxAge > .zero {
            requests.append((maxAge, .maxAge))
        } else if let expires = outcome.expires {
            // HTTP: max-age wins over Expires; Expires is read on the server's clock.
            let lifetime = expires.timeIntervalSince(outcome.serverDate ?? now)
            if lifetime > 0 { requests.append((Duration(timeInterval: lifetime), .expires)) }
        }
        return requests
    }

    private func afterFailure(
        state: PollState, outcome: PollOutcome, now: Date, random: inout some RandomNumberGenerator
    ) -> PollDecision {
        let failures = state.consecutiveFailures + 1
        let (regular, _) = regularInterval(for: state, now: now)
        let cap = max(backoffCap, regular)
        var interval = min(cap, regular * (1 << min(failures, 20)))
        var reason = PollReason.backoff
        var floor = minInterval
        if outcome.status == 429 || outcome.status == 503, let retryAfter = outcome.retryAfter {
            let requested = Duration(timeInterval: retryAfter.timeIntervalSince(now))
            let honoured = min(requested, max(backoffCap, maxInterval))
            floor = max(floor, honoured)
            if honoured >= interval { (interval, reason) = (honoured, .retryAfter) }
        }
        interval = max(interval, minInterval)
        let delay = jittered(interval, within: floor...max(cap, interval), random: &random)
        return PollDecision(
            at: now.addingTimeInterval(delay.timeInterval), interval: interval, reason: reason,
            consecutiveFailures: failures)
    }

    private func jittered(
        _ interval: Duration, within bounds: ClosedRange<Duration>, random: inout some RandomNumberGenerator
    ) -> Duration {
        guard jitterFraction > 0 else { return min(max(interval, bounds.lowerBound), bounds.upperBound) }
        let factor = 1 + Double.random(in: -jitterFraction...jitterFraction, using: &random)
        let candidate = Duration(timeInterval: interval.timeInterval * factor)
        return min(max(candidate, bounds.lowerBound), bounds.upperBound)
    }
}
