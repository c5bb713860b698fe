public import FoundationEssentials

/// Which stories a listing wants: the publishers' and the control
/// server's `stories` share it.
public struct StoryQuery: Sendable {
    /// Only stories in this category.
    public var category: String?
    /// Only stories first seen at or after this time.
    public var since: Date?
    public var limit: Int
    /// Include stories no rule selected.
    public var includeUncategorized: Bool
    /// Include stories whose every item was dropped by the filter.
    public var includeDropped: Bool

    public init(
        category: String? = nil, since: Date? = nil, limit: Int = 100, includeUncategorized: Bool = false,
        includeDropped: Bool = false
    ) {
        self.category = category
        self.since = since
        self.limit = limit
        self.includeUncategorized = includeUncategorized
        self.includeDropped = includeDropped
    }
}
