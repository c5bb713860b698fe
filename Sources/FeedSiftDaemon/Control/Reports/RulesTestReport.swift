public import FoundationEssentials

/// The answer to `rules_test`: the rules of a configuration file run over
/// stored items, next to the verdicts those items have now. Nothing changes.
public struct RulesTestReport: Sendable {
    public struct Entry: Sendable {
        public var itemID: Int64
        public var entryID: String
        public var feed: String
        public var title: String
        public var categories: [String]
        public var score: Int
        public var dropped: Bool
        /// The verdict stored for the item (the live rules').
        public var storedCategories: [String]
        public var storedDropped: Bool
        public var matches: [Match]

        public init(
            itemID: Int64, entryID: String, feed: String, title: String, categories: [String], score: Int,
            dropped: Bool, storedCategories: [String], storedDropped: Bool, matches: [Match]
        ) {
            self.itemID = itemID
            self.entryID = entryID
            self.feed = feed
            self.title = title
            self.categories = categories
            self.score = score
            self.dropped = dropped
            self.storedCategories = storedCategories
            self.storedDropped = storedDropped
            self.matches = matches
        }

        public var changed: Bool { categories != storedCategories || dropped != storedDropped }
    }

    public struct Match: Sendable {
        public var rule: String
        public var field: String
        public var term: String
        public var position: Int?

        public init(rule: String, field: String, term: String, position: Int?) {
            self.rule = rule
            self.field = field
            self.term = term
            self.position = position
        }
    }

    public var configurationPath: String
    public var since: Date
    public var entries: [Entry]
    /// Whether more items were stored than `entries` holds.
    public var truncated: Bool

    public init(configurationPath: String, since: Date, entries: [Entry], truncated: Bool) {
        self.configurationPath = configurationPath
        self.since = since
        self.entries = entries
        self.truncated = truncated
    }

    /// `{"config", "since", "truncated", "entries": [{"id", "ref", "feed", "title", "categories", "score",
    /// "dropped", "stored_categories", "stored_dropped", "changed", "matches": [{"rule","field","term","position"}]}]}`
    public var jsonValue: JSONValue {
        [
            "config": .string(configurationPath), "since": JSONValue(date: since), "truncated": .bool(truncated),
            "entries": .array(
                entries.map { entry in
                    [
                        "id": .string(entry.entryID), "ref": JSONValue(entry.itemID), "feed": .string(entry.feed),
                        "title": .string(entry.title), "categories": JSONValue(strings: entry.categories),
                        "score": JSONValue(entry.score), "dropped": .bool(entry.dropped),
                        "stored_categories": JSONValue(strings: entry.storedCategories),
                        "stored_dropped": .bool(entry.storedDropped), "changed": .bool(entry.changed),
                        "matches": .array(
                            entry.matches.map {
                                [
                                    "rule": .string($0.rule), "field": .string($0.field), "term": .string($0.term),
                                    "position": JSONValue($0.position),
                                ]
                            }),
                    ]
                }),
        ]
    }
}

/// The answer to `reclassify`.
public struct ReclassifyReport: Sendable {
    public var since: Date
    public var examined: Int
    public var changed: Int

    public init(since: Date, examined: Int, changed: Int) {
        self.since = since
        self.examined = examined
        self.changed = changed
    }

    /// `{"since", "examined", "changed"}`
    public var jsonValue: JSONValue {
        ["since": JSONValue(date: since), "examined": JSONValue(examined), "changed": JSONValue(changed)]
    }
}
