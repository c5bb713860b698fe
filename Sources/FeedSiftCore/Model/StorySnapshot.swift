public import FoundationEssentials

/// A story as it stands in the store: every stored copy of one event, with
/// the representative item first. The read model that the publishers and
/// the control server share.
public struct StorySnapshot: Sendable {
    public var id: Int64
    /// Random, never reused; the Atom entry id is built from it so it
    /// never changes when the story gains copies.
    public var uid: String
    public var title: String
    public var firstSeen: Date
    /// Last time the story changed (gained a copy, an item was edited).
    public var updated: Date
    /// Earliest publication date among its items.
    public var published: Date?
    public var score: Int
    /// Category slugs, in configuration order.
    public var categories: [String]
    /// The representative (earliest original) first, then the others by
    /// arrival.
    public var items: [ItemSnapshot]

    public init(
        id: Int64, uid: String, title: String, firstSeen: Date, updated: Date, published: Date?, score: Int,
        categories: [String], items: [ItemSnapshot]
    ) {
        self.id = id
        self.uid = uid
        self.title = title
        self.firstSeen = firstSeen
        self.updated = updated
        self.published = published
        self.score = score
        self.categories = categories
        self.items = items
    }

    public var representative: ItemSnapshot? { items.first }
}

/// One stored item, with the feed it came from and how it joined its story.
public struct ItemSnapshot: Sendable {
    public var id: Int64
    public var feedName: String
    /// The feed's display title (configured, else the document's).
    public var feedTitle: String?
    public var feedLink: String?
    public var feedURL: String
    /// The entry's own id (guid, atom:id), else its link.
    public var entryID: String
    public var link: String?
    public var title: String
    /// Sanitized HTML.
    public var summaryHTML: String?
    public var contentHTML: String?
    /// The text stored with the item, which only items stored before the
    /// store kept HTML alone have; else nil.
    private var storedSummaryText: String?
    private var storedContentText: String?
    public var authors: [ParsedAuthor]
    public var published: Date?
    public var updated: Date?
    public var firstSeen: Date
    /// The store id of the item this one copies, if it is a copy.
    public var copyOf: Int64?
    /// Why the item joined its story (nil for the story's first item).
    public var joinReason: String?
    public var categories: [String]
    public var score: Int
    public var dropped: Bool

    /// `summaryText` and `contentText`: the text stored with the item, nil
    /// to recover it from the HTML when read.
    public init(
        id: Int64, feedName: String, feedTitle: String?, feedLink: String?, feedURL: String, entryID: String,
        link: String?, title: String, summaryHTML: String?, contentHTML: String?, summaryText: String?,
        contentText: String?, authors: [ParsedAuthor], published: Date?, updated: Date?, firstSeen: Date,
        copyOf: Int64?, joinReason: String?, categories: [String], score: Int, dropped: Bool
    ) {
        self.id = id
        self.feedName = feedName
        self.feedTitle = feedTitle
        self.feedLink = feedLink
        self.feedURL = feedURL
        self.entryID = entryID
        self.link = link
        self.title = title
        self.summaryHTML = summaryHTML
        self.contentHTML = contentHTML
        storedSummaryText = summaryText
        storedContentText = contentText
        self.authors = authors
        self.published = published
        self.updated = updated
        self.firstSeen = firstSeen
        self.copyOf = copyOf
        self.joinReason = joinReason
        self.categories = categories
        self.score = score
        self.dropped = dropped
    }

    /// The summary's plain text, recovered from its HTML when it was not
    /// stored; nil when it has none. Recovered when read, since most
    /// readers of a snapshot (the Atom feed) never read it.
    public var summaryText: String? { storedSummaryText ?? Self.plainText(of: summaryHTML) }
    /// The content's plain text, as `summaryText`.
    public var contentText: String? { storedContentText ?? Self.plainText(of: contentHTML) }

    private static func plainText(of html: String?) -> String? {
        guard let html else { return nil }
        let text = SanitizedHTMLText.plainText(of: html)
        return text.isEmpty ? nil : text
    }

    /// The name readers know the source by.
    public var sourceName: String { feedTitle ?? feedName }
}
