public import FoundationEssentials

extension StoreWriter {
    /// The stored item with this identity in this feed, if any.
    public func existingItem(feedID: Int64, entryKey: String) throws(StoreError) -> ExistingItem? {
        try connection.existingItem(feedID: feedID, entryKey: entryKey)
    }

    /// Writes a new item where `placement` says, opening a story when it
    /// names none. Returns the item's and its story's ids.
    @discardableResult
    public func insertItem(
        _ item: NewItem, placement: StoryPlacement, categoryOrder: [String], at now: Date
    ) throws(StoreError) -> (itemID: Int64, storyID: Int64) {
        // The writer is the database's only writer: the next rowid is known
        // before the insert, so a new story names its representative (the
        // item) when it is created instead of being updated after.
        let itemID = try connection.queryOne("SELECT COALESCE(max(id), 0) + 1 FROM items") { $0.int64(0) } ?? 1
        let storyID: Int64
        if let existing = placement.storyID {
            storyID = existing
        } else {
            storyID = try createStory(for: item, representative: itemID, categoryOrder: categoryOrder, at: now)
        }
        try connection.run(
            """
            INSERT INTO items (feed_id, entry_key, entry_id, link, canonical_url, title, summary_html,
                content_html, authors, entry_categories, enclosures, published, updated, first_seen, last_seen,
                content_hash, story_id, copy_of, join_reason, categories, score, dropped, id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                ?21, ?22)
            """,
            [
                item.feedID, item.entryKey, item.entryID, item.link, item.canonicalURL, item.title,
                item.summaryHTML, item.contentHTML, JSONColumns.encode(authors: item.authors),
                JSONColumns.encode(strings: item.entryCategories),
                JSONColumns.encode(enclosures: item.enclosures), item.published?.unixTime,
                item.updated?.unixTime, now.unixTime, item.contentHash, storyID, placement.copyOf,
                placement.reason, item.categories.joined(separator: ","), item.score, item.dropped, itemID,
            ])
        // A story of one item has that item's summary, set at creation.
        if placement.storyID != nil {
            try addToStorySummary(
                storyID, itemID: itemID, item: item, isCopy: placement.copyOf != nil, categoryOrder: categoryOrder,
                at: now)
        }
        return (itemID, storyID)
    }

    /// Replaces an item's content after its publisher edited it; its story
    /// placement stays. `boilerplate` is what the edited text tells about
    /// its source's boilerplate (opaque bytes, owned by FeedSiftDedupe); nil
    /// leaves none, and learning then reads the item's text.
    public func updateItem(
        _ existing: ExistingItem, with item: NewItem, categoryOrder: [String], at now: Date,
        boilerplate: [UInt8]? = nil
    ) throws(StoreError) {
        try connection.run(
            """
            UPDATE items SET entry_id = ?2, link = ?3, canonical_url = ?4, title = ?5, summary_html = ?6,
                content_html = ?7, summary_text = NULL, content_text = NULL, authors = ?8, entry_categories = ?9,
                enclosures = ?10, published = ?11, updated = ?12, last_seen = ?13, content_hash = ?14,
                categories = ?15, score = ?16, dropped = ?17
            WHERE id = ?1
            """,
            [
                existing.id, item.entryID, item.link, item.canonicalURL, item.title, item.summaryHTML,
                item.contentHTML, JSONColumns.encode(authors: item.authors),
                JSONColumns.encode(strings: item.entryCategories), JSONColumns.encode(enclosures: item.enclosures),
                item.published?.unixTime, item.updated?.unixTime, now.unixTime, item.contentHash,
                item.categories.joined(separator: ","), item.score, item.dropped,
            ])
        try connection.run(
            "UPDATE item_dedupe SET boilerplate = ?2 WHERE item_id = ?1",
            [existing.id, boilerplate.map { SQLiteValue.blob($0) } ?? .null])
        try refreshStory(existing.storyID, categoryOrder: categoryOrder, at: now)
    }
}
