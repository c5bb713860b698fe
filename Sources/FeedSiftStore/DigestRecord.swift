public import FoundationEssentials

/// What the store remembers of one day's digest: the window it covered
/// (so a rebuild selects the same stories) and where its delivery stands.
public struct DigestRecord: Sendable, Equatable {
    /// Where a digest's delivery stands.
    public enum DeliveryState: String, Sendable {
        /// Delivery was not asked for (`deliver = none`, or skipped).
        case none
        /// Waiting for its first or next attempt.
        case pending
        /// An attempt started and its outcome was not recorded: the daemon
        /// stopped mid-send. Retried (with the same Message-ID).
        case sending
        /// Handed over to sendmail or accepted by the SMTP server. Never
        /// sent again.
        case sent
    }

    /// `YYYY-MM-DD` in the digest's time zone.
    public var day: String
    /// Stories first seen at or after this instant...
    public var windowStart: Date
    /// ...and before this one, the day's `at`.
    public var cutoff: Date
    public var writtenAt: Date
    public var stories: Int
    /// The `.eml` written, or nil when an empty day was skipped.
    public var path: String?
    public var messageID: String?
    public var deliveryState: DeliveryState
    public var deliveryAttempts: Int
    public var nextAttemptAt: Date?
    public var lastAttemptAt: Date?
    public var lastError: String?
    public var sentAt: Date?

    public init(
        day: String, windowStart: Date, cutoff: Date, writtenAt: Date, stories: Int, path: String?,
        messageID: String?, deliveryState: DeliveryState = .none, deliveryAttempts: Int = 0,
        nextAttemptAt: Date? = nil, lastAttemptAt: Date? = nil, lastError: String? = nil, sentAt: Date? = nil
    ) {
        self.day = day
        self.windowStart = windowStart
        self.cutoff = cutoff
        self.writtenAt = writtenAt
        self.stories = stories
        self.path = path
        self.messageID = messageID
        self.deliveryState = deliveryState
        self.deliveryAttempts = deliveryAttempts
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.sentAt = sentAt
    }
}
