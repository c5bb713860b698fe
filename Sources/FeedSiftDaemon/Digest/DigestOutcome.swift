/// What writing (and perhaps delivering) one day's digest did: the answer
/// to `feedsift digest` (the control server's `DigestReport`).
public struct DigestOutcome: Sendable, Equatable {
    /// `YYYY-MM-DD` in the digest's time zone.
    public var day: String
    /// The `.eml` written; nil when an empty day was skipped (`skip-empty`).
    public var path: String?
    public var stories: Int
    /// Whether the digest has been handed to the configured delivery (now
    /// or earlier: a digest is never sent twice).
    public var sent: Bool
    /// `none`, `sendmail` or the SMTP URL.
    public var delivery: String
}
