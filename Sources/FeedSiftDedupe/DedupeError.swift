/// A failure in deduplication: stored features that cannot be read back
/// (written by a newer feedsift, or damaged).
public struct DedupeError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The stored features are shorter than their layout says.
        case truncated
        /// The stored features use a layout this feedsift does not know.
        case unknownVersion
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
