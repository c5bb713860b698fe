import FoundationEssentials

/// One HTTP exchange (one redirect hop) as the transfer loop carries it out.
struct TransferSpec: Sendable {
    var feedName: String
    var url: String
    /// Per-host admission key; nil for local files, which no host limit covers.
    var hostKey: String?
    var isFile: Bool
    /// Complete header lines beyond what curl adds (`If-None-Match: …`).
    var extraHeaders: [String]
    var userAgent: String
    /// What is left of the fetch's time budget.
    var timeout: Duration
    var connectTimeout: Duration
    var maxSize: Int
    var allowPrivate: Bool
    var lowSpeedLimit: Int
    var lowSpeedTime: Duration
}

/// The outcome of one exchange that produced a response.
struct TransferResult: Sendable {
    /// HTTP status; 0 from curl for a `file:` read.
    var status: Int
    var headers: ResponseHeaders
    var body: [UInt8]
    /// The `Location` resolved against the request URL, when there was one.
    var redirectURL: String?
    var wireBytes: Int
    var elapsed: Duration
    var httpVersion: String?
    var receivedAt: Date
}
