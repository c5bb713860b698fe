import FeedSiftCore
import FeedSiftFetch

/// How a written digest leaves the machine, from `[digest] deliver`.
enum DigestTransport: Sendable {
    case none
    case sendmail(SendmailMailer)
    /// The credentials file is read at each attempt, so fixing it needs
    /// no restart.
    case smtp(url: String, credentialsFile: String?)

    init(_ settings: DigestSettings) {
        switch settings.deliver {
        case .none: self = .none
        case .sendmail: self = .sendmail(SendmailMailer())
        case .smtp(let url): self = .smtp(url: url, credentialsFile: settings.credentialsFile)
        }
    }

    /// `none`, `sendmail` or the SMTP URL, for logs and the control answer.
    var name: String {
        switch self {
        case .none: "none"
        case .sendmail: "sendmail"
        case .smtp(let url, _): url
        }
    }

    /// Sends the exact bytes of the `.eml`.
    func send(_ message: [UInt8], settings: DigestSettings) async throws(MailError) {
        switch self {
        case .none:
            return
        case .sendmail(let mailer):
            try await mailer.send(message)
        case .smtp(let url, let credentialsFile):
            let credentials = try credentialsFile.map { path throws(MailError) in try SMTPCredentials.load(from: path) }
            let recipients = settings.to.isEmpty ? [settings.from] : settings.to
            try await SMTPMailer(url: url, credentials: credentials).send(
                message, from: settings.from, to: recipients)
        }
    }
}
