/// One problem found in a configuration file or a rule query, located at the
/// offending token so it reads like a compiler's message:
/// `feeds.conf:12:3: unknown key "intervall" in [feed "mofcom"] (did you mean "interval"?)`.
///
/// Diagnostics order by file name, then line and column; those without a
/// location (an unreadable main file) come first.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Where the offending token starts, or nil when the problem has no
    /// place in a file (the main file cannot be read at all).
    public var location: SourceLocation?
    /// One sentence, lower-case start, no trailing period.
    public var message: String

    public init(location: SourceLocation?, message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:col: message`, or just the message when unlocated.
    public var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case (nil, nil): return lhs.message < rhs.message
        case (nil, _): return true
        case (_, nil): return false
        case (let left?, let right?):
            if left.file != right.file { return left.file < right.file }
            if left.line != right.line { return left.line < right.line }
            if left.column != right.column { return left.column < right.column }
            return lhs.message < rhs.message
        }
    }
}
