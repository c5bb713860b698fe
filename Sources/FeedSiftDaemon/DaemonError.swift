/// Why the daemon could not start or had to stop: the configuration is
/// unusable, or its state directory or database cannot be used. Feed
/// failures are never daemon errors; they are logged and stored per feed.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case configuration
        case stateDirectory
        case database
        case output
        case alreadyRunning
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
