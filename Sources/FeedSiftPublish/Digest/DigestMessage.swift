/// One day's digest, rendered: the `.eml` bytes (RFC 5322 + MIME, CRLF
/// line ends, every line at most 78 characters) and the text part alone
/// for the `.txt` file.
public struct DigestMessage: Sendable {
    public var day: DigestDay
    /// Decoded, as the reader sees it.
    public var subject: String
    /// `<digest.2026-11-29.…@host>`: the same for every build of the day,
    /// so a delivery retried after a crash is recognisably the same mail.
    public var messageID: String
    public var storyCount: Int
    /// What is written to `YYYY-MM-DD.eml` and delivered, byte for byte.
    public var bytes: [UInt8]
    /// The text part with LF line ends, written to `YYYY-MM-DD.txt`.
    public var text: String
}
