public import FoundationEssentials

/// A stored item as the rules see it, with the verdict stored for it:
/// what `rules test --stored` and `reclassify` run the rules on.
public struct ClassificationInput: Sendable {
    public var itemID: Int64
    /// The entry's own id (guid, atom:id), else its link.
    public var entryID: String
    public var feedName: String
    public var title: String
    public var summaryText: String?
    public var contentText: String?
    public var authors: [String]
    public var link: String?
    public var firstSeen: Date
    public var categories: [String]
    public var score: Int
    public var dropped: Bool
}

extension SQLiteConnection {
    /// Items first seen at or after `since`, in id order after `afterID`.
    func classificationInputs(since: Date, afterID: Int64, limit: Int) throws(StoreError) -> [ClassificationInput] {
        try query(
            """
            SELECT i.id, COALESCE(i.entry_id, i.link, i.entry_key), f.name, i.title,
                COALESCE(i.summary_text, feedsift_text(i.summary_html)),
                COALESCE(i.content_text, feedsift_text(i.content_html)), i.authors, i.link, i.first_seen,
                i.categories, i.score, i.dropped
            FROM items i JOIN feeds f ON f.id = i.feed_id
            WHERE i.first_seen >= ?1 AND i.id > ?2
            ORDER BY i.id LIMIT ?3
            """, [since.unixTime, afterID, limit]
        ) { row in
            ClassificationInput(
                itemID: row.int64(0), entryID: row.string(1), feedName: row.string(2), title: row.string(3),
                summaryText: row.optionalString(4), contentText: row.optionalString(5),
                authors: JSONColumns.decodeAuthors(row.string(6)).compactMap(\.name), link: row.optionalString(7),
                firstSeen: Date(unixTime: row.double(8)),
                categories: CommaSeparatedColumn.strings(row.string(9)), score: row.int(10),
                dropped: row.int(11) != 0)
        }
    }
}

extension StoreWriter {
    /// A batch of stored items to classify again (see `reclassify`).
    public func classificationInputs(since: Date, afterID: Int64, limit: Int) throws(StoreError)
        -> [ClassificationInput]
    {
        try connection.classificationInputs(since: since, afterID: afterID, limit: limit)
    }

    /// Stores a new verdict for items, then brings their stories' categories,
    /// scores and visibility up to date — in one transaction.
    public func updateClassifications(
        _ verdicts: [(itemID: Int64, categories: [String], score: Int, dropped: Bool)], categoryOrder: [String],
        at now: Date
    ) throws(StoreError) {
        guard !verdicts.isEmpty else { return }
        try transaction { () throws(StoreError) in
            var stories: Set<Int64> = []
            for verdict in verdicts {
                try connection.run(
                    "UPDATE items SET categories = ?2, score = ?3, dropped = ?4 WHERE id = ?1",
                    [verdict.itemID, verdict.categories.joined(separator: ","), verdict.score, verdict.dropped])
                if let story = try connection.queryOne(
                    "SELECT story_id FROM items WHERE id = ?", [verdict.itemID], row: { $0.int64(0) })
                {
                    stories.insert(story)
                }
            }
            for story in stories { try refreshStory(story, categoryOrder: categoryOrder, at: now) }
        }
    }
}

extension StoreReader {
    /// Items first seen since `since` (at most `limit`), newest last, with
    /// their stored verdicts: for trying new rules on real items.
    public func classificationInputs(since: Date, limit: Int) async throws(StoreError) -> [ClassificationInput] {
        try await withConnection { connection throws(StoreError) in
            try await connection.classificationInputs(since: since, limit: limit)
        }
    }
}

extension ReaderConnection {
    func classificationInputs(since: Date, limit: Int) throws(StoreError) -> [ClassificationInput] {
        try connection.classificationInputs(since: since, afterID: 0, limit: limit)
    }
}
