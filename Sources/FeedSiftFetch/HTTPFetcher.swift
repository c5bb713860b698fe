public import Logging

/// feedsift's HTTP client: conditional GETs of feeds over libcurl's multi
/// interface, within global and per-host limits, following redirects one hop
/// at a time so each hop is reported and checked.
///
/// Guarantees: validators are sent only when given and exactly as given; no
/// cookies, Referer or URL changes; at most `maxRedirects` redirects, to http
/// and https only; bodies never exceed the request's `maxSize`, before or
/// after decoding; no connection to an address `AddressPolicy` forbids,
/// checked on the address actually used, on every hop and every reused
/// connection. Any HTTP status is a `FetchResponse`; transport failures and
/// limits are `FetchError`s.
///
/// Call `HTTPFetcher.initializeLibrary()` at the start of `main`, before
/// other threads exist; `init` does it too if you did not.
public final class HTTPFetcher: Sendable {
    private let limits: FetcherLimits
    private let logger: Logger
    private let loop: TransferLoop

    /// Runs `curl_global_init` (once per process) and makes SIGPIPE harmless.
    public static func initializeLibrary() {
        _ = CurlLibrary.initialization
    }

    public init(limits: FetcherLimits = FetcherLimits(), logger: Logger = Logger(label: "feedsift.fetch"))
        throws(FetchError)
    {
        Self.initializeLibrary()
        guard CurlLibrary.initialization == 0 else {
            throw FetchError(
                code: .other, feedName: "", url: "",
                message: "libcurl failed to initialise (CURLcode \(CurlLibrary.initialization))",
                curlCode: CurlLibrary.initialization)
        }
        self.limits = limits
        self.logger = logger
        self.loop = try TransferLoop(limits: limits, logger: logger)
    }

    deinit {
        loop.stop()
    }

    /// Abandons transfers in flight and queued (their callers get a
    /// `cancelled` error), then joins the transfer thread. Later fetches fail
    /// with `cancelled` at once.
    public func shutdown() {
        loop.stop()
    }

    /// Fetches `request.url`, following up to `maxRedirects` redirects. A
    /// cancelled task gets `FetchError.Code.cancelled`.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let headers = try conditionalHeaders(for: request)
        var url = request.url
        var hops: [RedirectHop] = []
        var visited: Set<String> = [url]
        var spent = Duration.zero
        var wireBytes = 0
        while true {
            let target = try parse(url, for: request, isRedirectTarget: !hops.isEmpty)
            let remaining = request.timeout - spent
            guard remaining > .zero else {
                throw FetchError(
                    code: .timedOut, feedName: request.feedName, url: url,
                    message: "the redirects used up the time-out of \(request.timeout)")
            }
            let spec = TransferSpec(
                feedName: request.feedName, url: url, hostKey: target.isFile ? nil : target.host,
                isFile: target.isFile, extraHeaders: target.isFile ? [] : headers, userAgent: request.userAgent,
                timeout: remaining, connectTimeout: request.connectTimeout, maxSize: request.maxSize,
                allowPrivate: request.allowPrivate, lowSpeedLimit: limits.lowSpeedLimit,
                lowSpeedTime: limits.lowSpeedTime)
            let result = try await perform(spec).get()
            spent += result.elapsed
            wireBytes += result.wireBytes

            if Self.redirectStatuses.contains(result.status), result.headers["location"] != nil {
                guard let next = result.redirectURL else {
                    throw FetchError(
                        code: .forbiddenRedirect, feedName: request.feedName, url: url,
                        message: "the redirect's Location cannot be followed")
                }
                guard hops.count < limits.maxRedirects else {
                    throw FetchError(
                        code: .tooManyRedirects, feedName: request.feedName, url: url,
                        message: "more than \(limits.maxRedirects) redirects")
                }
                hops.append(RedirectHop(status: result.status, from: url, to: next))
                logger.debug(
                    "following redirect",
                    metadata: ["feed.name": "\(request.feedName)", "http.status": "\(result.status)", "url": "\(next)"])
                guard visited.insert(next).inserted else {
                    throw FetchError(
                        code: .redirectLoop, feedName: request.feedName, url: url,
                        message: "the redirects loop back to \(next)")
                }
                url = next
                continue
            }
            return response(
                to: request, result: result, url: url, hops: hops, conditional: !headers.isEmpty && !target.isFile,
                wireBytes: wireBytes, elapsed: spent)
        }
    }

    private static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    private func perform(_ spec: TransferSpec) async -> TransferJob.Outcome {
        let cancellation = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let job = TransferJob(spec: spec, cancellation: cancellation, continuation: continuation)
                if Task.isCancelled { cancellation.raise() }
                if !loop.submit(job) { job.finish(.failure(.cancelled(spec, shutDown: true))) }
            }
        } onCancel: {
            cancellation.raise()
            loop.noteCancellation()
        }
    }

    /// `If-None-Match` / `If-Modified-Since`, verbatim, only for what was given.
    private func conditionalHeaders(for request: FetchRequest) throws(FetchError) -> [String] {
        for (name, value) in [
            ("User-Agent", request.userAgent), ("ETag", request.etag), ("Last-Modified", request.lastModified),
        ] {
            // Scalars, not Characters: "\r\n" is a single Character.
            guard let value, value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" })
            else { continue }
            throw FetchError(
                code: .invalidRequest, feedName: request.feedName, url: request.url,
                message: "the \(name) value contains a line break and cannot be sent")
        }
        var headers: [String] = []
        if let etag = request.etag, !etag.isEmpty { headers.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified, !lastModified.isEmpty {
            headers.append("If-Modified-Since: \(lastModified)")
        }
        return headers
    }

    private struct Target {
        var host: String?
        var isFile: Bool
    }

    private func parse(_ url: String, for request: FetchRequest, isRedirectTarget: Bool) throws(FetchError) -> Target {
        guard let parsed = CurlURL(url), let scheme = parsed.scheme else {
            throw FetchError(
                code: isRedirectTarget ? .forbiddenRedirect : .invalidURL, feedName: request.feedName, url: url,
                message: "the URL cannot be parsed")
        }
        switch scheme {
        case "http", "https":
            return Target(host: parsed.host, isFile: false)
        case "file" where !isRedirectTarget:
            return Target(host: nil, isFile: true)
        default:
            throw FetchError(
                code: isRedirectTarget ? .forbiddenRedirect : .invalidURL, feedName: request.feedName, url: url,
                message: isRedirectTarget
                    ? "a redirect leads to a \(scheme): URL; only http and https are followed"
                    : "\(scheme): URLs are not fetched; use http, https or file")
        }
    }

    private func response(
        to request: FetchRequest, result: TransferResult, url: String, hops: [RedirectHop], conditional: Bool,
        wireBytes: Int, elapsed: Duration
    ) -> FetchResponse {
        let headers = result.headers
        let permanentHops = hops.prefix { $0.isPermanent }
        return FetchResponse(
            status: result.status == 0 ? 200 : result.status,
            body: result.body,
            contentType: headers.contentType,
            etag: headers.etag,
            lastModified: headers.lastModified,
            finalURL: url,
            redirects: hops,
            permanentURL: permanentHops.last?.to,
            retryAfter: headers.retryAfter(receivedAt: result.receivedAt),
            cacheMaxAge: headers.cacheMaxAge,
            expires: headers.expires,
            date: headers.date,
            wasConditional: conditional,
            bodyBytesOnWire: wireBytes,
            elapsed: elapsed,
            httpVersion: result.httpVersion)
    }
}
