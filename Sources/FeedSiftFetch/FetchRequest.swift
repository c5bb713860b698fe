public import FeedSiftCore

/// One conditional GET of a feed, with the limits it must stay within.
///
/// Validators are sent exactly as given and only when given: pass the
/// `etag` and `lastModified` a previous `FetchResponse` returned, unchanged,
/// or nil on a feed's first fetch. Nothing else is added to the request: no
/// cookies, no Referer, no query parameters.
public struct FetchRequest: Sendable {
    /// The feed's name, carried into errors and log metadata.
    public var feedName: String
    /// An `http`, `https` or `file` URL. Redirects may lead to http and https only.
    public var url: String
    /// Sent as `If-None-Match`, verbatim.
    public var etag: String?
    /// Sent as `If-Modified-Since`, verbatim.
    public var lastModified: String?
    public var userAgent: String
    /// Budget for the whole fetch, all redirect hops together. It runs only
    /// while a transfer is active, never while the request waits for a slot.
    public var timeout: Duration
    /// Budget for establishing each connection.
    public var connectTimeout: Duration
    /// Largest body accepted, in bytes, both as received and after decoding.
    public var maxSize: Int
    /// Whether loopback and private-network addresses may be connected to.
    /// Link-local, cloud-metadata, multicast and unspecified addresses stay
    /// forbidden regardless.
    public var allowPrivate: Bool

    public init(
        feedName: String,
        url: String,
        etag: String? = nil,
        lastModified: String? = nil,
        userAgent: String = DaemonSettings.defaultUserAgent,
        timeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10),
        maxSize: Int = 10 * 1024 * 1024,
        allowPrivate: Bool = false
    ) {
        self.feedName = feedName
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.userAgent = userAgent
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxSize = maxSize
        self.allowPrivate = allowPrivate
    }

    /// The request for `feed` under the `[fetch]` settings: its URL, the
    /// global limits and `allow-private` (the feed's own setting wins).
    public init(
        feed: FeedDefinition, settings: FetchSettings, userAgent: String, etag: String? = nil,
        lastModified: String? = nil
    ) {
        self.init(
            feedName: feed.name, url: feed.url, etag: etag, lastModified: lastModified, userAgent: userAgent,
            timeout: settings.timeout, connectTimeout: settings.connectTimeout, maxSize: settings.maxSize,
            allowPrivate: feed.allowPrivate ?? settings.allowPrivate)
    }
}
