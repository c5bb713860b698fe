/// Why a fetch produced no HTTP response: a transport failure, a safety
/// limit, or cancellation. Non-2xx statuses are not errors; they arrive as a
/// `FetchResponse`.
///
/// Every error names the feed and the URL it was fetching when it failed
/// (after redirects, the hop that failed) and says what happened in one
/// sentence, suitable for `feedsift feeds` and the log.
public struct FetchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure, stable enough to count and to branch on.
    public enum Code: String, Sendable, CaseIterable {
        /// The URL could not be parsed, or its scheme is not http, https or file.
        case invalidURL
        /// The request itself is unusable (a header value with a line break).
        case invalidRequest
        case resolveFailed
        case connectionFailed
        case tls
        case timedOut
        /// The body (on the wire or decoded) exceeded the request's `maxSize`.
        case tooLarge
        /// The body ended before the announced length.
        case truncated
        /// The connection would go to an address SSRF rules forbid.
        case blockedAddress
        case tooManyRedirects
        case redirectLoop
        /// A redirect to something other than http or https.
        case forbiddenRedirect
        /// A malformed response, an unknown content encoding, or similar.
        case protocolError
        /// A `file:` URL that cannot be read.
        case fileUnreadable
        /// The caller's task was cancelled or the fetcher was shut down.
        case cancelled
        /// Anything curl reports that fits none of the above.
        case other
    }

    public var code: Code
    public var feedName: String
    /// The URL being fetched when the failure happened.
    public var url: String
    /// One sentence saying what went wrong, without the feed name.
    public var message: String
    /// The libcurl `CURLcode` behind the failure, when there was one.
    public var curlCode: Int?
    /// For `blockedAddress`: the address that was refused.
    public var address: String?

    public init(
        code: Code, feedName: String, url: String, message: String, curlCode: Int? = nil, address: String? = nil
    ) {
        self.code = code
        self.feedName = feedName
        self.url = url
        self.message = message
        self.curlCode = curlCode
        self.address = address
    }

    public var description: String {
        "feed \"\(feedName)\": \(message) (\(url))"
    }
}
