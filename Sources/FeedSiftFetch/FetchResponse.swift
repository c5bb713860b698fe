public import FoundationEssentials

/// What a server (or a local file) answered to a `FetchRequest`, after
/// following redirects. Any status is a response: 304, 404, 410, 429 and 503
/// reach the caller here, for the poll policy to judge.
///
/// Header-derived values are exactly what the final response carried:
/// `etag` and `lastModified` keep their quotes and `W/` prefix so they can be
/// stored and sent back unchanged.
public struct FetchResponse: Sendable {
    /// The HTTP status of the final response; 200 for a `file:` URL that was read.
    public var status: Int
    /// The decoded body (curl undoes `Content-Encoding`), never more than the request's `maxSize`.
    public var body: [UInt8]
    public var contentType: String?
    public var etag: String?
    public var lastModified: String?
    /// The URL that produced this response.
    public var finalURL: String
    /// Every redirect followed, in order.
    public var redirects: [RedirectHop]
    /// Where the feed now lives for good: the target of the leading run of
    /// 301/308 hops, or nil when the first hop was temporary or there was none.
    public var permanentURL: String?
    /// From `Retry-After`, either form, as an absolute time.
    public var retryAfter: Date?
    /// From `Cache-Control: max-age`; nil when absent or with `no-cache`/`no-store`.
    public var cacheMaxAge: Duration?
    /// From `Expires`; nil when absent or unparseable.
    public var expires: Date?
    /// The server's `Date`, to judge `Expires` against the server's clock.
    public var date: Date?
    /// Whether the final request carried `If-None-Match` or `If-Modified-Since`.
    public var wasConditional: Bool
    /// Body bytes received before decoding, all hops together.
    public var bodyBytesOnWire: Int
    /// Time spent transferring, all hops together (waiting for a slot excluded).
    public var elapsed: Duration
    /// `1.0`, `1.1`, `2` or `3`; nil for `file:` URLs.
    public var httpVersion: String?

    public init(
        status: Int, body: [UInt8] = [], contentType: String? = nil, etag: String? = nil,
        lastModified: String? = nil, finalURL: String, redirects: [RedirectHop] = [], permanentURL: String? = nil,
        retryAfter: Date? = nil, cacheMaxAge: Duration? = nil, expires: Date? = nil, date: Date? = nil,
        wasConditional: Bool = false, bodyBytesOnWire: Int = 0, elapsed: Duration = .zero, httpVersion: String? = nil
    ) {
        self.status = status
        self.body = body
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.finalURL = finalURL
        self.redirects = redirects
        self.permanentURL = permanentURL
        self.retryAfter = retryAfter
        self.cacheMaxAge = cacheMaxAge
        self.expires = expires
        self.date = date
        self.wasConditional = wasConditional
        self.bodyBytesOnWire = bodyBytesOnWire
        self.elapsed = elapsed
        self.httpVersion = httpVersion
    }

    /// Whether the final URL was a local file rather than an HTTP resource.
    public var isLocalFile: Bool { finalURL.lowercased().hasPrefix("file:") }
}
