/// The answer to `digest`: the file written and whether it was sent.
public struct DigestReport: Sendable {
    /// `YYYY-MM-DD` in the digest's time zone.
    public var date: String
    /// The `.eml` file written.
    public var path: String
    public var stories: Int
    /// Whether it was handed to the configured delivery.
    public var sent: Bool
    /// `none`, `sendmail` or the SMTP URL.
    public var delivery: String

    public init(date: String, path: String, stories: Int, sent: Bool, delivery: String) {
        self.date = date
        self.path = path
        self.stories = stories
        self.sent = sent
        self.delivery = delivery
    }

    /// `{"date", "path", "stories", "sent", "delivery"}`
    public var jsonValue: JSONValue {
        [
            "date": .string(date), "path": .string(path), "stories": JSONValue(stories), "sent": .bool(sent),
            "delivery": .string(delivery),
        ]
    }
}
