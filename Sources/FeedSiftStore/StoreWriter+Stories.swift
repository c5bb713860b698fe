import Foundation

extension StoreWriter {
    /// Opens a story whose one item will be `item`, with the summary
    /// `refreshStory` would compute for it (the caller sets the
    /// representative once the item has its id).
    func createStory(for item: NewItem, categoryOrder: [String], at now: Date) throws(StoreError) -> Int64 {
        var generator = SystemRandomNumberGenerator()
        let uid = String(generator.next() as UInt64, radix: 16)
        let categories = item.dropped ? [] : categoryOrder.filter(item.categories.contains)
        try connection.run(
            """
            INSERT INTO stories (uid, title, first_seen, updated, published, score, categories, item_count, visible)
            VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, 1, ?7)
            """,
            [
                uid, item.title, now.unixTime, item.published?.unixTime, item.dropped ? 0 : item.score,
                categories.joined(separator: ","), !item.dropped,
            ])
        let storyID = connection.lastInsertRowID
        for category in categories {
            try connection.run("INSERT INTO story_categories (story_id, category) VALUES (?, ?)", [storyID, category])
        }
        return storyID
    }

    /// Recomputes a story's summary columns from its items: representative
    /// (the earliest original that was not dropped, by publication date,
    /// else update date, else first-seen time, as deduplication orders
    /// items), title, score (the highest of its items'), categories (union,
    /// in configuration order), visibility, and `updated`.
    func refreshStory(_ storyID: Int64, categoryOrder: [String], at now: Date) throws(StoreError) {
        struct Member {
            var id: Int64
            var title: String
            var published: Double?
            var updated: Double?
            var firstSeen: Double
            var isCopy: Bool
            var categories: [Substring]
            var score: Int
            var dropped: Bool
        }
        let members = try connection.query(
            """
            SELECT id, title, published, updated, first_seen, copy_of IS NOT NULL, categories, score, dropped
            FROM items WHERE story_id = ?
            """, [storyID]
        ) {
            Member(
                id: $0.int64(0), title: $0.string(1), published: $0.optionalDouble(2), updated: $0.optionalDouble(3),
                firstSeen: $0.double(4), isCopy: $0.int(5) != 0, categories: $0.string(6).split(separator: ","),
                score: $0.int(7), dropped: $0.int(8) != 0)
        }
        guard !members.isEmpty else { return }
        let kept = members.filter { !$0.dropped }
        let candidates = kept.isEmpty ? members : kept
        let representative = candidates.min { lhs, rhs in
            if lhs.isCopy != rhs.isCopy { return !lhs.isCopy }
            let left = min(lhs.published ?? lhs.updated ?? lhs.firstSeen, lhs.firstSeen)
            let right = min(rhs.published ?? rhs.updated ?? rhs.firstSeen, rhs.firstSeen)
            return left != right ? left < right : lhs.id < rhs.id
        }
        guard let representative else { return }
        let present = Set(kept.flatMap { $0.categories.map(String.init) })
        let categories = categoryOrder.filter(present.contains)
        let score = kept.map(\.score).max() ?? 0
        let published = members.compactMap(\.published).min()
        try connection.run(
            """
            UPDATE stories SET title = ?2, representative_item_id = ?3, updated = ?4, published = ?5, score = ?6,
                categories = ?7, item_count = ?8, visible = ?9
            WHERE id = ?1
            """,
            [
                storyID, representative.title, representative.id, now.unixTime, published, score,
                categories.joined(separator: ","), members.count, !kept.isEmpty,
            ])
        try connection.run("DELETE FROM story_categories WHERE story_id = ?", [storyID])
        for category in categories {
            try connection.run(
                "INSERT INTO story_categories (story_id, category) VALUES (?, ?)", [storyID, category])
        }
    }
}
