public import FeedSiftCore

/// Limits shared by every transfer of one `HTTPFetcher`.
///
/// `concurrency` and `perHost` are enforced by the fetcher's own admission
/// queue, before a transfer reaches curl, so a request's time-outs never run
/// while it only waits for a slot. Hosts are compared by name, ignoring port.
public struct FetcherLimits: Sendable, Hashable {
    /// Transfers at once, all hosts together (at least 1).
    public var concurrency: Int
    /// Transfers at once to one host name (at least 1).
    public var perHost: Int
    /// A transfer slower than `lowSpeedLimit` bytes per second for
    /// `lowSpeedTime` is abandoned as timed out.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Duration
    /// Redirects followed per fetch.
    public var maxRedirects: Int

    public init(
        concurrency: Int = 16, perHost: Int = 2, lowSpeedLimit: Int = 64, lowSpeedTime: Duration = .seconds(30),
        maxRedirects: Int = 5
    ) {
        self.concurrency = max(1, concurrency)
        self.perHost = max(1, perHost)
        self.lowSpeedLimit = max(0, lowSpeedLimit)
        self.lowSpeedTime = lowSpeedTime
        self.maxRedirects = max(0, maxRedirects)
    }

    /// The limits `[fetch] concurrency` and `per-host` ask for.
    public init(settings: FetchSettings) {
        self.init(concurrency: settings.concurrency, perHost: settings.perHost)
    }
}
