/// What the store holds of a feed document's entries, read before the
/// document is analysed: each entry's stored content hash (nil when the
/// entry is new) and, when any entry is new, the feed's recent items to
/// learn its boilerplate from. Read in one snapshot, so the hashes and the
/// samples agree with each other.
public struct StoredEntries: Sendable, Equatable {
    /// One per entry key asked about, in that order.
    public var contentHashes: [String?]
    /// Empty when no entry is new.
    public var samples: [StoredSourceSample]

    public init(contentHashes: [String?], samples: [StoredSourceSample]) {
        self.contentHashes = contentHashes
        self.samples = samples
    }
}

/// The item lookups both the writer and the readers make. One copy of the
/// SQL: what the pipeline reads before a document's analysis must match
/// what it finds when storing it.
extension SQLiteConnection {
    /// The stored item with this identity in this feed, if any.
    func existingItem(feedID: Int64, entryKey: String) throws(StoreError) -> ExistingItem? {
        try queryOne(
            "SELECT id, story_id, content_hash FROM items WHERE feed_id = ? AND entry_key = ?", [feedID, entryKey]
        ) { ExistingItem(id: $0.int64(0), storyID: $0.int64(1), contentHash: $0.string(2)) }
    }

    /// Whether the feed has any stored item (none on its first poll).
    func hasItems(feedID: Int64) throws(StoreError) -> Bool {
        try queryOne("SELECT 1 FROM items WHERE feed_id = ? LIMIT 1", [feedID]) { _ in true } ?? false
    }

    /// The feed's most recent items, for learning its boilerplate. An
    /// item's text is read only when it has no stored evidence.
    func sourceSamples(feedID: Int64, limit: Int) throws(StoreError) -> [StoredSourceSample] {
        try query(
            """
            SELECT d.boilerplate,
                CASE WHEN d.boilerplate IS NULL THEN i.title END,
                CASE WHEN d.boilerplate IS NULL THEN COALESCE(i.summary_text, feedsift_text(i.summary_html)) END,
                CASE WHEN d.boilerplate IS NULL THEN COALESCE(i.content_text, feedsift_text(i.content_html)) END
            FROM items i LEFT JOIN item_dedupe d ON d.item_id = i.id
            WHERE i.feed_id = ?1 ORDER BY i.id DESC LIMIT ?2
            """,
            [feedID, limit]
        ) { row in
            if let evidence = row.optionalBlob(0) { return .evidence(evidence) }
            return .text(title: row.string(1), summaryText: row.optionalString(2), contentText: row.optionalString(3))
        }
    }

    /// What the store holds of the entries with `entryKeys` in the feed, and
    /// up to `sampleLimit` of its recent items when any entry is new. A
    /// feed's first document costs one lookup, not one per entry.
    func storedEntries(feedID: Int64, entryKeys: [String], sampleLimit: Int) throws(StoreError) -> StoredEntries {
        guard try hasItems(feedID: feedID) else {
            return StoredEntries(contentHashes: entryKeys.map { _ in nil }, samples: [])
        }
        let hashes = try entryKeys.map { (key) throws(StoreError) in
            try existingItem(feedID: feedID, entryKey: key)?.contentHash
        }
        guard hashes.contains(nil) else { return StoredEntries(contentHashes: hashes, samples: []) }
        return StoredEntries(contentHashes: hashes, samples: try sourceSamples(feedID: feedID, limit: sampleLimit))
    }
}
