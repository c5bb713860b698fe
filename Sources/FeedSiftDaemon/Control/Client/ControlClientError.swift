/// Why a control request got no result: the daemon could not be reached,
/// the exchange broke, or the daemon answered with an error.
public struct ControlClientError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// Nothing listens on the socket (no file, or connection refused).
        case notRunning
        /// The socket exists but this user may not connect to it.
        case permissionDenied
        /// Connecting failed for another reason (path too long, not a socket…).
        case unreachable
        /// No answer within the time-out.
        case timedOut
        /// The connection broke, or the answer was not a JSON-RPC response.
        case protocolFailure
        /// The daemon answered with a JSON-RPC error (see `remote`).
        case requestFailed
    }

    public var code: Code
    public var message: String
    /// The daemon's error, for `.requestFailed`.
    public var remote: ControlError?

    public init(_ code: Code, _ message: String, remote: ControlError? = nil) {
        self.code = code
        self.message = message
        self.remote = remote
    }

    public var description: String { message }

    /// The daemon could not be reached at all (the CLI's exit status 3).
    public var isUnreachable: Bool {
        code == .notRunning || code == .permissionDenied || code == .unreachable
    }
}
