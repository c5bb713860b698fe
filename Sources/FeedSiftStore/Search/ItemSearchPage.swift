public import FoundationEssentials

/// One page of search hits, and where the next page starts.
public struct ItemSearchPage: Sendable {
    public var hits: [ItemSearchHit]
    /// The `offset` of the next page, or nil when this page is the last.
    public var nextOffset: Int?

    public init(hits: [ItemSearchHit], nextOffset: Int?) {
        self.hits = hits
        self.nextOffset = nextOffset
    }
}

/// A stored item that matched a search.
public struct ItemSearchHit: Sendable {
    /// The store's id of the item (what `explain` takes).
    public var id: Int64
    public var storyID: Int64
    /// The entry's own id (guid, atom:id), else its link.
    public var entryID: String
    public var feedName: String
    public var title: String
    public var link: String?
    public var published: Date?
    public var firstSeen: Date
    public var categories: [String]
    /// A few words of the text around the first match.
    public var snippet: String
}
