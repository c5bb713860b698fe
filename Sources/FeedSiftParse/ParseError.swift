/// Why a document yielded nothing usable. Thrown only when the bytes are
/// not a feed at all (or exceed a hard limit); every lesser problem is a
/// `ParseWarning` on an otherwise usable `ParsedFeed`.
public struct ParseError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// Empty input.
        case empty
        /// Larger than `ParseLimits.maxDocumentBytes`.
        case tooLarge
        /// Neither XML with a feed root element nor a JSON Feed.
        case notAFeed
        /// libxml2 could not set up a parser (out of memory).
        case parserUnavailable
    }

    public var code: Code
    /// One sentence naming the document (when known) and the problem.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
