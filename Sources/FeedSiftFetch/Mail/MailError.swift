/// Why a digest could not be handed over for delivery, naming the server
/// (or program) and saying what happened in one sentence.
public struct MailError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: String, Sendable {
        /// The SMTP URL or the credentials file is unusable.
        case configuration
        case connectionFailed
        case tls
        case authentication
        /// The server answered a command with a 4xx or 5xx reply.
        case rejected
        case timedOut
        /// `sendmail` could not be started or exited with an error.
        case sendmail
        case other
    }

    public var code: Code
    /// The SMTP URL (without credentials) or the sendmail program.
    public var target: String
    public var message: String
    /// The last SMTP reply code, when the server answered.
    public var replyCode: Int?
    /// The libcurl `CURLcode`, when the failure came from curl.
    public var curlCode: Int?

    public init(_ code: Code, target: String, _ message: String, replyCode: Int? = nil, curlCode: Int? = nil) {
        self.code = code
        self.target = target
        self.message = message
        self.replyCode = replyCode
        self.curlCode = curlCode
    }

    public var description: String { "cannot deliver via \(target): \(message)" }
}
