public import FoundationEssentials

/// What the store knows about a feed, as far as scheduling cares.
public struct PollState: Sendable, Hashable {
    /// The feed's own `interval` from feeds.conf, if it set one; it takes
    /// precedence over the adaptive interval.
    public var configuredInterval: Duration?
    /// Failures in a row before the outcome being judged.
    public var consecutiveFailures: Int
    /// Publication (or, lacking that, first-seen) times of the feed's recent
    /// entries, any order; the adaptive interval is derived from them.
    public var recentPublications: [Date]

    public init(configuredInterval: Duration? = nil, consecutiveFailures: Int = 0, recentPublications: [Date] = []) {
        self.configuredInterval = configuredInterval
        self.consecutiveFailures = consecutiveFailures
        self.recentPublications = recentPublications
    }
}

/// The result of the poll being judged, reduced to what scheduling needs.
public struct PollOutcome: Sendable, Hashable {
    /// The HTTP status; nil when no response arrived (a `FetchError`).
    public var status: Int?
    public var retryAfter: Date?
    public var cacheMaxAge: Duration?
    public var expires: Date?
    /// The server's `Date`, so `Expires` is read against the server's clock.
    public var serverDate: Date?
    /// True for an HTTP server that sent neither ETag nor Last-Modified, so
    /// every poll downloads the whole feed.
    public var lacksValidators: Bool

    public init(
        status: Int?, retryAfter: Date? = nil, cacheMaxAge: Duration? = nil, expires: Date? = nil,
        serverDate: Date? = nil, lacksValidators: Bool = false
    ) {
        self.status = status
        self.retryAfter = retryAfter
        self.cacheMaxAge = cacheMaxAge
        self.expires = expires
        self.serverDate = serverDate
        self.lacksValidators = lacksValidators
    }

    /// The outcome of a fetch that produced a response.
    public init(_ response: FetchResponse) {
        self.init(
            status: response.status, retryAfter: response.retryAfter, cacheMaxAge: response.cacheMaxAge,
            expires: response.expires, serverDate: response.date,
            lacksValidators: !response.isLocalFile && response.status != 304 && response.etag == nil
                && response.lastModified == nil)
    }

    /// A fetch that failed before any response (time-out, reset, DNS, SSRF refusal...).
    public static let transportFailure = PollOutcome(status: nil)

    /// 2xx and 304.
    public var isSuccess: Bool {
        guard let status else { return false }
        return (200..<300).contains(status) || status == 304
    }
}
