/// The answer to `explain`: which rules fired on one item and why.
public struct ExplainReport: Sendable {
    /// One term occurrence that made a query match.
    public struct Match: Sendable {
        /// `title`, `summary`, `content`, `author`, `feed`, `tag` or `domain`.
        public var field: String
        /// The query term after folding (`tariff*`, `"rare earth"`).
        public var term: String
        /// Word position in that field, from 0; nil for `feed`, `tag` and
        /// `domain`, which match whole values.
        public var position: Int?
        /// The item's own text that matched.
        public var text: String

        public init(field: String, term: String, position: Int?, text: String) {
            self.field = field
            self.term = term
            self.position = position
            self.text = text
        }

        var jsonValue: JSONValue {
            [
                "field": .string(field), "term": .string(term), "position": JSONValue(position),
                "text": .string(text),
            ]
        }
    }

    /// One rule's verdict.
    public struct Rule: Sendable {
        public var name: String
        public var category: String
        public var score: Int
        /// `match` matched and `exclude` did not.
        public var fired: Bool
        /// `exclude` matched (whatever `match` did).
        public var excluded: Bool
        public var matches: [Match]

        public init(name: String, category: String, score: Int, fired: Bool, excluded: Bool, matches: [Match]) {
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
    public var dropMatches: [Match]
    /// Rules that fired or were excluded; rules that did neither are left out.
    public var rules: [Rule]

    public init(
        itemID: Int64, entryID: String, title: String, feed: String, categories: [String], score: Int, dropped: Bool,
        dropMatches: [Match] = [], rules: [Rule]
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
