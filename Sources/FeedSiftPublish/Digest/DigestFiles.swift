/// Where a day's digest lives on disk and how it gets there: `<dir>/
/// YYYY-MM-DD.eml` and `.txt`, each replaced atomically, so a reader or a
/// crash sees the old or the new file, never half of one.
public struct DigestFiles: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func emlPath(_ day: DigestDay) -> String { "\(directory)/\(day).eml" }
    public func textPath(_ day: DigestDay) -> String { "\(directory)/\(day).txt" }

    /// Writes both files (the `.txt` first, so an `.eml` never exists
    /// without its text) and returns the `.eml` path.
    @discardableResult
    public func write(_ message: DigestMessage) throws(PublishError) -> String {
        try AtomicFile.write(Array(message.text.utf8), to: textPath(message.day))
        try AtomicFile.write(message.bytes, to: emlPath(message.day))
        return emlPath(message.day)
    }
}
