public import FeedSiftCore

/// Renders a digest's content as a MIME message: `multipart/alternative`
/// with a `text/plain` and a `text/html` part, UTF-8, each part
/// quoted-printable or base64, whichever is smaller.
///
/// The output depends only on the content and the settings (the `Date`
/// header is the cut-off, not the clock), so rebuilding a day gives the
/// same bytes.
public struct DigestComposer: Sendable {
    public var settings: DigestSettings
    public var calendar: DigestCalendar

    public init(settings: DigestSettings, calendar: DigestCalendar) {
        self.settings = settings
        self.calendar = calendar
    }

    public func compose(_ content: DigestContent) -> DigestMessage {
        let heading = DigestHeading(content, title: settings.title, calendar: calendar)
        let text = DigestTextRenderer.render(content, heading: heading)
        let html = DigestHTMLRenderer.render(content, heading: heading)
        let identity = fingerprint(content.day)
        let messageID = "<digest.\(content.day).\(identity)@\(domain)>"
        // "=_" never occurs in quoted-printable or base64 output, so this
        // boundary cannot collide with a part's body.
        let boundary = "=_feedsift_\(identity)"

        var head = MailHeader.field("Date", MailHeader.date(content.cutoff, calendar: calendar))
        head += MailHeader.addressList("From", [settings.from])
        head += MailHeader.addressList("To", settings.to.isEmpty ? [settings.from] : settings.to)
        head += MailHeader.unstructured("Subject", heading.subject)
        head += MailHeader.field("Message-ID", messageID)
        head += MailHeader.field("MIME-Version", "1.0")
        // RFC 3834: keeps vacation responders from answering a robot.
        head += MailHeader.field("Auto-Submitted", "auto-generated")
        head += MailHeader.field("Content-Type", "multipart/alternative;\r\n boundary=\"\(boundary)\"")
        head += "\r\nThis is a MIME message: a plain-text and an HTML version of the same digest.\r\n"

        var bytes = Array(head.utf8)
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            let raw = Array(body.utf8)
            let encoding = TransferEncoding.choose(for: raw)
            bytes += Array("\r\n--\(boundary)\r\n".utf8)
            bytes += Array(MailHeader.field("Content-Type", "\(type); charset=utf-8").utf8)
            bytes += Array(MailHeader.field("Content-Transfer-Encoding", encoding.rawValue).utf8)
            bytes += Array("\r\n".utf8)
            bytes += encoding.encode(raw)
        }
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return DigestMessage(
            day: content.day, subject: heading.subject, messageID: messageID, storyCount: content.storyCount,
            bytes: bytes, text: text)
    }

    /// The host part of `from`, for the Message-ID.
    private var domain: String {
        let host = settings.from.split(separator: "@").last.map(String.init) ?? "localhost"
        let safe = host.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        return safe.isEmpty ? "localhost" : safe
    }

    /// 64-bit FNV-1a of the day and the addressing, in hex: stable for a
    /// day, distinct between installations that write to different people.
    private func fingerprint(_ day: DigestDay) -> String {
        var hash = FNV1a()
        hash.add("\(day)|\(settings.from)|\(settings.to.joined(separator: ","))|\(settings.title)")
        return String(hash.value, radix: 16)
    }
}
