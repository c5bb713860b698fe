/// The answer to `refresh`: one line per feed polled.
public struct RefreshReport: Sendable {
    /// How one feed's poll ended.
    public struct Feed: Sendable {
        public var name: String
        /// `ok` (new document stored), `not-modified` (304), `failed`, or
        /// `disabled` (the feed is gone and was not polled).
        public var outcome: String
        public var status: Int?
        public var error: String?
        public var newItems: Int

        public init(name: String, outcome: String, status: Int? = nil, error: String? = nil, newItems: Int = 0) {
            self.name = name
            self.outcome = outcome
            self.status = status
            self.error = error
            self.newItems = newItems
        }
    }

    public var feeds: [Feed]

    public init(feeds: [Feed]) {
        self.feeds = feeds
    }

    /// `{"feeds": [{"name", "outcome", "status", "error", "new_items"}]}`
    public var jsonValue: JSONValue {
        [
            "feeds": .array(
                feeds.map {
                    [
                        "name": .string($0.name), "outcome": .string($0.outcome), "status": JSONValue($0.status),
                        "error": JSONValue($0.error), "new_items": JSONValue($0.newItems),
                    ]
                })
        ]
    }
}
