public import FoundationEssentials

/// Which rule set a feed's next poll time; shown to users as the "why" of
/// the effective interval.
public enum PollReason: String, Sendable, CaseIterable {
    /// The feed's `interval`, or `[fetch] interval` when nothing better is known.
    case configured
    /// Derived from how often the feed really publishes.
    case adaptive
    /// RSS `<ttl>`.
    case ttl
    /// `sy:updatePeriod` / `sy:updateFrequency`.
    case syndication
    /// `Cache-Control: max-age`.
    case maxAge
    /// `Expires`.
    case expires
    /// Raised to `[fetch] min-interval`.
    case minInterval
    /// Raised to an hour: the server sends neither ETag nor Last-Modified.
    case noValidators
    /// Exponential back-off after consecutive failures.
    case backoff
    /// A 429 or 503 `Retry-After`.
    case retryAfter
    /// Moved out of the document's `skipHours`.
    case skipHours
    /// Moved out of the document's `skipDays`.
    case skipDays
    /// 410 Gone: the feed is not to be polled again.
    case disabled
}

/// When to poll a feed next, and why.
public struct PollDecision: Sendable, Hashable {
    /// The next poll time (jitter and skip rules applied); `Date.distantFuture`
    /// for a disabled feed.
    public var at: Date
    /// The interval the rules chose, before jitter and skipHours/skipDays
    /// moved `at`; zero for a disabled feed.
    public var interval: Duration
    public var reason: PollReason
    /// The failure count to store with the feed: 0 after a success.
    public var consecutiveFailures: Int

    public init(at: Date, interval: Duration, reason: PollReason, consecutiveFailures: Int) {
        self.at = at
        self.interval = interval
        self.reason = reason
        self.consecutiveFailures = consecutiveFailures
    }

    /// A 410 Gone: the caller should mark the feed disabled.
    public var disablesFeed: Bool { reason == .disabled }
}
