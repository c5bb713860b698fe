public import FeedSiftCore
import FoundationEssentials

/// The story listings, on whichever connection asks (the writer for the
/// publishers, a reader for the control server).
extension SQLiteConnection {
    func stories(matching query: StoryQuery) throws(StoreError) -> [StorySnapshot] {
        try attachItems(to: storyRows(matching: query))
    }

    /// The rows of a listing, newest change first. A category's listing
    /// has its own paths (`CategoryStoryListing.swift`). Without one, the
    /// categorized stories are read through their own index unless
    /// uncategorized ones are wanted too: the condition is spelled out in
    /// the SQL, since a bound parameter would keep SQLite from the partial
    /// index.
    ///
    /// A story is never updated before it was first seen (the writer keeps
    /// `updated` at or after `first_seen`), so the stories first seen since
    /// `since` are among those updated since then: the scan in update order
    /// stops at `since` instead of reading every older story when few or
    /// none qualify, as after a few days without polling. Without `since`,
    /// -∞ stands in, which every story passes.
    func storyRows(matching query: StoryQuery) throws(StoreError) -> [StoryRow] {
        if let category = query.category { return try storyRows(inCategory: category, matching: query) }
        let categorized = query.includeUncategorized ? "" : "AND s.categories != ''"
        return try self.query(
            """
            SELECT \(StoryRow.columns)
            FROM stories s
            WHERE s.updated >= ?1 AND s.first_seen >= ?1 \(categorized)
              AND (?2 OR s.visible)
              AND s.item_count > 0
            ORDER BY s.updated DESC, s.id DESC
            LIMIT ?3
            """,
            [query.since?.unixTime ?? -Double.infinity, query.includeDropped, query.limit], row: StoryRow.decode)
    }

    /// The stories with these ids that still have items, each with its
    /// items, in no particular order.
    func stories(ids: [Int64]) throws(StoreError) -> [StorySnapshot] {
        guard !ids.isEmpty else { return [] }
        let list = "[" + ids.map { String($0) }.joined(separator: ",") + "]"
        let rows = try query(
            """
            SELECT \(StoryRow.columns)
            FROM stories s WHERE s.id IN (SELECT value FROM json_each(?1)) AND s.item_count > 0
            """, [list], row: StoryRow.decode)
        return try attachItems(to: rows)
    }

    func story(id: Int64) throws(StoreError) -> StorySnapshot? {
        try stories(ids: [id]).first
    }

    func attachItems(to rows: [StoryRow]) throws(StoreError) -> [StorySnapshot] {
        guard !rows.isEmpty else { return [] }
        let ids = "[" + rows.map { String($0.id) }.joined(separator: ",") + "]"
        let items = try query(
            """
            SELECT i.id, f.name, f.title, f.site_link, f.url, COALESCE(i.entry_id, i.link, i.entry_key), i.link,
                i.title, i.summary_html, i.content_html, i.summary_text, i.content_text, i.authors, i.published,
                i.updated, i.first_seen, i.copy_of, i.join_reason, i.categories, i.score, i.dropped, i.story_id
            FROM items i JOIN feeds f ON f.id = i.feed_id
            WHERE i.story_id IN (SELECT value FROM json_each(?1))
            ORDER BY i.first_seen, i.id
            """, [ids]
        ) { row in
            (
                storyID: row.int64(21),
                item: ItemSnapshot(
                    id: row.int64(0), feedName: row.string(1), feedTitle: row.optionalString(2),
                    feedLink: row.optionalString(3), feedURL: row.string(4), entryID: row.string(5),
                    link: row.optionalString(6), title: row.string(7), summaryHTML: row.optionalString(8),
                    contentHTML: row.optionalString(9), summaryText: row.optionalString(10),
                    contentText: row.optionalString(11), authors: JSONColumns.decodeAuthors(row.string(12)),
                    published: row.optionalDouble(13).map(Date.init(unixTime:)),
                    updated: row.optionalDouble(14).map(Date.init(unixTime:)),
                    firstSeen: Date(unixTime: row.double(15)), copyOf: row.optionalInt64(16),
                    joinReason: row.optionalString(17),
                    categories: CommaSeparatedColumn.strings(row.string(18)), score: row.int(19),
                    dropped: row.int(20) != 0)
            )
        }
        let byStory = Dictionary(grouping: items, by: \.storyID)
        return rows.map { row in
            var members = byStory[row.id, default: []].map(\.item)
            if let index = members.firstIndex(where: { $0.id == row.representativeID }), index > 0 {
                members.insert(members.remove(at: index), at: 0)
            }
            return StorySnapshot(
                id: row.id, uid: row.uid, title: row.title, firstSeen: row.firstSeen, updated: row.updated,
                published: row.published, score: row.score, categories: row.categories, items: members)
        }
    }
}

/// One row of the stories table.
struct StoryRow {
    var id: Int64
    var uid: String
    var title: String
    var firstSeen: Date
    var updated: Date
    var published: Date?
    var score: Int
    var categories: [String]
    var representativeID: Int64?

    /// The columns `decode` reads, in its order, of `stories` as `s`.
    static let columns =
        "s.id, s.uid, s.title, s.first_seen, s.updated, s.published, s.score, s.categories, s.representative_item_id"

    static func decode(_ row: SQLiteStatement) -> StoryRow {
        StoryRow(
            id: row.int64(0), uid: row.string(1), title: row.string(2), firstSeen: Date(unixTime: row.double(3)),
            updated: Date(unixTime: row.double(4)), published: row.optionalDouble(5).map(Date.init(unixTime:)),
            score: row.int(6), categories: CommaSeparatedColumn.strings(row.string(7)),
            representativeID: row.optionalInt64(8))
    }
}

extension StoreWriter {
    /// The ids of the stories a listing would show, without their items.
    public func storyIDs(matching query: StoryQuery) throws(StoreError) -> [Int64] {
        try connection.storyRows(matching: query).map(\.id)
    }

    /// Stories for a listing, newest change first, each with its items.
    public func stories(matching query: StoryQuery) throws(StoreError) -> [StorySnapshot] {
        try connection.stories(matching: query)
    }

    public func story(id: Int64) throws(StoreError) -> StorySnapshot? {
        try connection.story(id: id)
    }

    /// The stories with these ids that still have items, each with its
    /// items, in no particular order (for a caller that has the listing's
    /// order from `storyIDs(matching:)`).
    public func stories(ids: [Int64]) throws(StoreError) -> [StorySnapshot] {
        try connection.stories(ids: ids)
    }
}
