public import FeedSiftCore
public import FoundationEssentials

/// An entry ready to be written: normalized, classified, and with its
/// identity within the feed (`entryKey`) settled.
public struct NewItem: Sendable {
    public var feedID: Int64
    /// Identity within the feed, in the form `EntryKey` describes: guid or
    /// atom:id, else link, else a hash of title and date. An entry seen
    /// again with the same key is the same item.
    public var entryKey: String
    /// The document's own id, if it had one.
    public var entryID: String?
    public var link: String?
    public var canonicalURL: String?
    public var title: String
    public var summaryHTML: String?
    public var contentHTML: String?
    /// The plain text of `summaryHTML` and `contentHTML`, for rules and
    /// deduplication before the item is written. Not stored: what reads an
    /// item later recovers the text from its HTML (`PlainTextFunction`).
    public var summaryText: String?
    public var contentText: String?
    public var authors: [ParsedAuthor]
    public var entryCategories: [String]
    public var enclosures: [ParsedEnclosure]
    public var published: Date?
    public var updated: Date?
    /// Hash of what the reader sees; an entry seen again with a different
    /// hash is an edit.
    public var contentHash: String
    public var categories: [String]
    public var score: Int
    public var dropped: Bool

    public init(
        feedID: Int64, entryKey: String, entryID: String?, link: String?, canonicalURL: String?, title: String,
        summaryHTML: String?, contentHTML: String?, summaryText: String?, contentText: String?,
        authors: [ParsedAuthor], entryCategories: [String], enclosures: [ParsedEnclosure], published: Date?,
        updated: Date?, contentHash: String, categories: [String], score: Int,
        dropped: Bool
    ) {
        self.feedID = feedID
        self.entryKey = entryKey
        self.entryID = entryID
        self.link = link
        self.canonicalURL = canonicalURL
        self.title = title
        self.summaryHTML = summaryHTML
        self.contentHTML = contentHTML
        self.summaryText = summaryText
        self.contentText = contentText
        self.authors = authors
        self.entryCategories = entryCategories
        self.enclosures = enclosures
        self.published = published
        self.updated = updated
        self.contentHash = contentHash
        self.categories = categories
        self.score = score
        self.dropped = dropped
    }
}

extension NewItem {
    /// When the item's story happened, the one rule by which deduplication
    /// orders items and a story picks its representative: the publication
    /// date, else the update date, else `firstSeen`, never later than
    /// `firstSeen` (a date in the future counts as first seen). Seconds
    /// since 1970.
    public func eventTime(firstSeen: Date) -> Double {
        RepresentativeKey.eventTime(
            published: published?.unixTime, updated: updated?.unixTime, firstSeen: firstSeen.unixTime)
    }
}

/// What the store already knows about an entry seen again.
public struct ExistingItem: Sendable, Hashable {
    public var id: Int64
    public var storyID: Int64
    public var contentHash: String
}

/// Where a new item goes: into an existing story (possibly as a copy of
/// one of its items) or into a story of its own.
public struct StoryPlacement: Sendable, Hashable {
    /// The story to join; nil opens a new story.
    public var storyID: Int64?
    /// The item this one copies.
    public var copyOf: Int64?
    /// Why it joined, in words (`same canonical URL as item 12`).
    public var reason: String?
    public init(storyID: Int64?, copyOf: Int64? = nil, reason: String? = nil) {
        self.storyID = storyID
        self.copyOf = copyOf
        self.reason = reason
    }

    public static let newStory = StoryPlacement(storyID: nil)
}
