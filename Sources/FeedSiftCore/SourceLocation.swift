/// A position in a configuration file, for error messages of the form
/// `feeds.conf:12:3: …`.
///
/// Lines and columns count from 1; columns count Unicode scalars, so a
/// caret under an accented word lands where the user sees it.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (relative names stay relative), so
    /// messages read like a compiler's.
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The same line, `offset` scalars further right.
    public func advanced(by offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }

    public var description: String { "\(file):\(line):\(column)" }
}
