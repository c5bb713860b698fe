/// Why the rules decided what they did for one item (`feedsift explain`):
/// every rule that fired, every rule that matched but was excluded, the
/// drop filter's verdict, and for each the terms that matched.
///
/// Encodes to JSON with the property names below (`fired`, `excluded`,
/// `drop`, and per match `field`, `term`, `position`, `text`).
public struct RuleExplanation: Sendable, Hashable, Codable {
    public var classification: Classification
    /// In configuration order.
    public var fired: [RuleVerdict]
    /// Rules whose `match` matched but whose `exclude` matched too.
    public var excluded: [RuleVerdict]
    /// Nil when no `[filter] drop` is configured.
    public var drop: FilterVerdict?

    public init(classification: Classification, fired: [RuleVerdict], excluded: [RuleVerdict], drop: FilterVerdict?) {
        self.classification = classification
        self.fired = fired
        self.excluded = excluded
        self.drop = drop
    }
}

/// One rule's verdict on an item.
public struct RuleVerdict: Sendable, Hashable, Codable {
    public var rule: String
    public var category: String
    public var score: Int
    /// The terms of `match` that matched (those not under NOT); empty for a
    /// rule that fired only through NOT.
    public var matches: [TermMatch]
    /// The terms of `exclude` that matched; empty unless the rule was excluded.
    public var exclusions: [TermMatch]

    public init(rule: String, category: String, score: Int, matches: [TermMatch], exclusions: [TermMatch]) {
        self.rule = rule
        self.category = category
        self.score = score
        self.matches = matches
        self.exclusions = exclusions
    }
}

/// The drop filter's verdict on an item.
public struct FilterVerdict: Sendable, Hashable, Codable {
    public var dropped: Bool
    public var matches: [TermMatch]

    public init(dropped: Bool, matches: [TermMatch]) {
        self.dropped = dropped
        self.matches = matches
    }
}

/// One occurrence of a query term in an item.
public struct TermMatch: Sendable, Hashable, Codable {
    /// `title`, `summary`, `content`, `author`, `feed`, `tag` or `domain`.
    public var field: String
    /// The term as the query has it after folding: `tariff*`, `"rare earth"`,
    /// `export NEAR/5 licen*`, `example.com`.
    public var term: String
    /// Word position (from 0) of the occurrence's first word in the field;
    /// nil for `feed`, `tag` and `domain`, which match whole values.
    public var position: Int?
    /// The item's own text that matched (for NEAR, from the first word to the last).
    public var text: String

    public init(field: String, term: String, position: Int?, text: String) {
        self.field = field
        self.term = term
        self.position = position
        self.text = text
    }
}
