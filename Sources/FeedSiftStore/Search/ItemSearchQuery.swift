public import FoundationEssentials

/// A full-text search over stored items, with the filters `feedsift search`
/// offers. Items the filter dropped are never returned.
public struct ItemSearchQuery: Sendable, Hashable {
    /// How hits are ordered.
    public enum Order: String, Sendable, Hashable, CaseIterable {
        /// Most recently seen first (cheap at any size: the index is read
        /// backwards and stops at `limit`).
        case newest
        /// Best BM25 match first, title hits weighing more than text hits,
        /// among the newest `StoreReader.relevanceWindow` matches.
        case relevance
    }

    /// What the user typed; see `FullTextExpression` for what it may say.
    public var text: String
    /// Only items that carry this category slug.
    public var category: String?
    /// Only items from the feed with this name.
    public var feed: String?
    /// Only items first seen at or after this instant.
    public var since: Date?
    /// Only items first seen at or before this instant.
    public var until: Date?
    /// Only items of this story.
    public var storyID: Int64?
    public var limit: Int
    /// Hits to skip, for the following pages.
    public var offset: Int
    public var order: Order

    public init(
        text: String, category: String? = nil, feed: String? = nil, since: Date? = nil, until: Date? = nil,
        storyID: Int64? = nil, limit: Int = 20, offset: Int = 0, order: Order = .newest
    ) {
        self.text = text
        self.category = category
        self.feed = feed
        self.since = since
        self.until = until
        self.storyID = storyID
        self.limit = limit
        self.offset = offset
        self.order = order
    }
}
