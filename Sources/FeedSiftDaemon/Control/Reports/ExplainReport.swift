public import FeedSiftRules

/// The answer to `explain`: which rules fired on one item and why.
public struct ExplainReport: Sendable {
    /// One rule's verdict.
    public struct Rule: Sendable {
        public var name: String
        public var category: String
        public var score: Int
        /// `match` matched and `exclude` did not.
        public var fired: Bool
        /// `exclude` matched (whatever `match` did).
        public var excluded: Bool
        public var matches: [TermMatch]

        public init(name: String, category: String, score: Int, fired: Bool, excluded: Bool, matches: [TermMatch]) {
            self.name = name
            self.category = category
            self.score = score
            self.fired = fired
            self.excluded = excluded
            self.matches = matches
        }
    }

    /// Store id of the item, and its entry id.
    public var itemID: Int64
    public var entryID: String
    public var title: String
    public var feed: String
    public var categories: [String]
    public var score: Int
    /// The `[filter] drop` query matched.
    public var dropped: Bool
    /// What the drop query matched, when it did.
    public var dropMatches: [TermMatch]
    /// Rules that fired or were excluded; rules that did neither are left out.
    public var rules: [Rule]

    public init(
        itemID: Int64, entryID: String, title: String, feed: String, categories: [String], score: Int, dropped: Bool,
        dropMatches: [TermMatch] = [], rules: [Rule]
    ) {
        self.itemID = itemID
        self.entryID = entryID
        self.title = title
        self.feed = feed
        self.categories = categories
        self.score = score
        self.dropped = dropped
        self.dropMatches = dropMatches
        self.rules = rules
    }

    /// `{"ref", "id", "title", "feed", "categories", "score", "dropped",
    /// "drop_matches": [..], "rules": [{"rule", "category", "score", "fired",
    /// "excluded", "matches": [{"field", "term", "position", "text"}]}]}`
    public var jsonValue: JSONValue {
        [
            "ref": JSONValue(itemID), "id": .string(entryID), "title": .string(title), "feed": .string(feed),
            "categories": JSONValue(strings: categories), "score": JSONValue(score), "dropped": .bool(dropped),
            "drop_matches": .array(dropMatches.map(\.jsonValue)),
            "rules": .array(
                rules.map { rule in
                    [
                        "rule": .string(rule.name), "category": .string(rule.category), "score": JSONValue(rule.score),
                        "fired": .bool(rule.fired), "excluded": .bool(rule.excluded),
                        "matches": .array(rule.matches.map(\.jsonValue)),
                    ]
                }),
        ]
    }
}

extension TermMatch {
    /// `{"field", "term", "position", "text"}`
    var jsonValue: JSONValue {
        ["field": .string(field), "term": .string(term), "position": JSONValue(position), "text": .string(text)]
    }
}
