/// Why a digest could not be written or delivered, in one sentence that
/// names the day and the file, server or program involved.
public struct DigestError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// `[digest]` is unusable (unknown time zone, no recipients).
        case configuration
        /// The digest bookkeeping or the stories could not be read or written.
        case database
        /// The `.eml` or `.txt` file could not be written.
        case output
        /// The day asked for is not a `YYYY-MM-DD` date.
        case invalidDate
        /// The day asked for has not reached its cut-off yet.
        case notDue
        /// The digest was written but could not be delivered (it stays
        /// queued and is retried).
        case delivery
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
