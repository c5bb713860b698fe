public import FeedSiftCore
public import FoundationEssentials

/// A feed's polling state as stored: what to send on the next request,
/// when that request is due, and the health figures `feedsift feeds` shows.
public struct FeedState: Sendable {
    public var id: Int64
    public var name: String
    /// The URL in the configuration.
    public var configuredURL: String
    /// The URL to fetch: the configured one, or where a permanent redirect
    /// moved it.
    public var url: String
    public var title: String?
    public var siteLink: String?
    /// Validators exactly as the server sent them.
    public var etag: String?
    public var lastModified: String?
    public var pollingHints: PollingHints
    public var lastFetchAt: Date?
    public var lastSuccessAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var fetchCount: Int
    public var notModifiedCount: Int
    public var unconditionalCount: Int
    public var nextPollAt: Date?
    public var interval: Duration?
    public var intervalReason: String?
    /// Set when the feed must not be polled again (HTTP 410).
    public var disabledReason: String?
    /// Publication times of its recent items, as last stored; nil when not
    /// recorded yet.
    public var publicationHistory: [Date]?

    /// Whether the feed has been fetched before (only the first fetch may
    /// be unconditional).
    public var hasBeenFetched: Bool { lastFetchAt != nil }

    /// Whether the feed is due at `now`.
    public func isDue(at now: Date) -> Bool {
        guard disabledReason == nil else { return false }
        guard let nextPollAt else { return true }
        return nextPollAt <= now
    }
}

/// The outcome of one fetch, to be stored with the feed's state.
public struct FetchRecord: Sendable {
    /// What to do with the stored validators.
    public enum Validators: Sendable {
        /// Keep what is stored (failures, and 304s without new validators).
        case keep
        /// Store these exactly (a 200, or a 304 that carried new ones).
        case replace(etag: String?, lastModified: String?)
    }

    public var at: Date
    public var status: Int?
    /// One sentence, for `feedsift feeds`; nil on success.
    public var error: String?
    public var succeeded: Bool
    public var notModified: Bool
    /// Whether the request carried validators.
    public var conditional: Bool
    public var validators: Validators
    /// A new URL to poll from now on (301/308).
    public var permanentURL: String?
    public var nextPollAt: Date
    public var interval: Duration?
    public var intervalReason: String?
    public var disabledReason: String?
    public var title: String?
    public var siteLink: String?
    public var pollingHints: PollingHints?

    public init(
        at: Date, status: Int?, error: String? = nil, succeeded: Bool, notModified: Bool = false,
        conditional: Bool, validators: Validators = .keep, permanentURL: String? = nil, nextPollAt: Date,
        interval: Duration? = nil, intervalReason: String? = nil, disabledReason: String? = nil,
        title: String? = nil, siteLink: String? = nil, pollingHints: PollingHints? = nil
    ) {
        self.at = at
        self.status = status
        self.error = error
        self.succeeded = succeeded
        self.notModified = notModified
        self.conditional = conditional
        self.validators = validators
        self.permanentURL = permanentURL
        self.nextPollAt = nextPollAt
        self.interval = interval
        self.intervalReason = intervalReason
        self.disabledReason = disabledReason
        self.title = title
        self.siteLink = siteLink
        self.pollingHints = pollingHints
    }
}
