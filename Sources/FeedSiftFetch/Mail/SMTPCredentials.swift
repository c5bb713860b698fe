import FoundationEssentials

/// The user name and password for SMTP authentication, read from the file
/// `[digest] credentials` names: one line `user:password` (the password
/// may itself contain colons).
public struct SMTPCredentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// Reads the file at `path`; the message never includes its content.
    public static func load(from path: String) throws(MailError) -> SMTPCredentials {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MailError(.configuration, target: path, "cannot read the credentials file")
        }
        let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
            throw MailError(.configuration, target: path, "the credentials file must hold one line user:password")
        }
        return SMTPCredentials(user: String(line[..<colon]), password: String(line[line.index(after: colon)...]))
    }
}
