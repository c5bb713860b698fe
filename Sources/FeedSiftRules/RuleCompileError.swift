public import FeedSiftCore

/// Why the rules of a configuration cannot be compiled: every syntax error,
/// unknown category and empty query, each located in the file, like
/// `feeds.conf:40:27: expected ')' to close '(' at 40:12`.
public struct RuleCompileError: Error, CustomStringConvertible {
    /// In configuration order.
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
