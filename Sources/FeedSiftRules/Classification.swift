/// What the rules decided for one item.
public struct Classification: Sendable, Hashable, Codable {
    /// Slugs of the categories of every rule that fired, each once, in the
    /// order the categories are configured.
    public var categories: [String]
    /// Sum of the scores of the rules that fired.
    public var score: Int
    /// Whether `[filter] drop` matched: the item is stored but never published.
    public var dropped: Bool
    /// Names of the rules that fired, in configuration order.
    public var firedRules: [String]

    public init(categories: [String] = [], score: Int = 0, dropped: Bool = false, firedRules: [String] = []) {
        self.categories = categories
        self.score = score
        self.dropped = dropped
        self.firedRules = firedRules
    }
}
