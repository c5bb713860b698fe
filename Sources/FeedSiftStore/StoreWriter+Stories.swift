import FoundationEssentials

extension StoreWriter {
    /// Opens a story whose one item will be `item`, stored next with id
    /// `itemID`, with the summary `refreshStory` would compute for it.
    func createStory(for item: NewItem, representative itemID: Int64, categoryOrder: [String], at now: Date)
        throws(StoreError) -> Int64
    {
        let uid = storyUIDs.next(at: now)
        let categories = item.dropped ? [] : categoryOrder.filter(item.categories.contains)
        try connection.run(
            """
            INSERT INTO stories (uid, title, representative_item_id, first_seen, updated, published, score,
                categories, item_count, visible)
            VALUES (?1, ?2, ?8, ?3, ?3, ?4, ?5, ?6, 1, ?7)
            """,
            [
                uid, item.title, now.unixTime, item.published?.unixTime, item.dropped ? 0 : item.score,
                categories.joined(separator: ","), !item.dropped, itemID,
            ])
        let storyID = connection.lastInsertRowID
        for category in categories {
            try connection.run("INSERT INTO story_categories (story_id, category) VALUES (?, ?)", [storyID, category])
        }
        return storyID
    }

    /// Adds a new item to its story's summary without reading the story's
    /// other items, so that joining a story costs the same whatever its
    /// size. The result equals `refreshStory`'s: the count, score,
    /// categories, visibility and earliest publication only grow, and the
    /// representative changes only to the new item.
    func addToStorySummary(
        _ storyID: Int64, itemID: Int64, item: NewItem, isCopy: Bool, categoryOrder: [String], at now: Date
    ) throws(StoreError) {
        guard let story = try storySummary(storyID) else { return }
        let newcomer = RepresentativeKey(
            itemID: itemID, isCopy: isCopy, kept: !item.dropped, eventTime: item.eventTime(firstSeen: now))
        var combined = story
        combined.itemCount += 1
        if let published = item.published?.unixTime {
            combined.published = min(story.published ?? published, published)
        }
        if !item.dropped {
            combined.score = story.visible ? max(story.score, item.score) : item.score
            let present = Set(story.categories).union(item.categories)
            combined.categories = categoryOrder.filter(present.contains)
            combined.visible = true
        }
        if story.representative.map({ newcomer.precedes($0) }) ?? true {
            combined.representative = newcomer
            combined.title = item.title
        }
        try writeSummary(combined, of: storyID, replacing: story.categories, at: now)
    }

    /// Folds story `absorbed`'s summary into `survivor`'s after its items
    /// moved there, without reading the items.
    func combineStorySummaries(_ absorbed: StorySummary, into survivorID: Int64, categoryOrder: [String], at now: Date)
        throws(StoreError)
    {
        guard let survivor = try storySummary(survivorID) else { return }
        var combined = survivor
        combined.itemCount += absorbed.itemCount
        combined.published = [survivor.published, absorbed.published].compactMap { $0 }.min()
        combined.visible = survivor.visible || absorbed.visible
        let visibleParts = [survivor, absorbed].filter(\.visible)
        combined.score = visibleParts.map(\.score).max() ?? 0
        let present = Set(visibleParts.flatMap(\.categories))
        combined.categories = categoryOrder.filter(present.contains)
        if let other = absorbed.representative, survivor.representative.map({ other.precedes($0) }) ?? true {
            combined.representative = other
            combined.title = absorbed.title
        }
        try writeSummary(combined, of: survivorID, replacing: survivor.categories, at: now)
    }

    /// A story's summary columns and its representative's ordering key.
    func storySummary(_ storyID: Int64) throws(StoreError) -> StorySummary? {
        try connection.queryOne(
            """
            SELECT s.title, s.score, s.categories, s.item_count, s.visible, s.published, r.id, r.published,
                r.updated, r.first_seen, r.copy_of IS NOT NULL, r.dropped
            FROM stories s LEFT JOIN items r ON r.id = s.representative_item_id
            WHERE s.id = ?
            """, [storyID]
        ) { row in
            let representative =
                row.optionalInt64(6).map { id in
                    RepresentativeKey(
                        itemID: id, isCopy: row.int(10) != 0, kept: row.int(11) == 0,
                        eventTime: RepresentativeKey.eventTime(
                            published: row.optionalDouble(7), updated: row.optionalDouble(8), firstSeen: row.double(9)))
                }
            let categories = row.string(2)
            return StorySummary(
                title: row.string(0), score: row.int(1),
                categories: CommaSeparatedColumn.strings(categories),
                itemCount: row.int(3), visible: row.int(4) != 0, published: row.optionalDouble(5),
                representative: representative)
        }
    }

    /// Writes a story's summary columns; its category rows only when they
    /// differ from `oldCategories` (nil: not known, always rewritten).
    /// `updated` never goes before `first_seen`, even when the clock has
    /// stepped back: listings with `since` rely on it.
    private func writeSummary(
        _ summary: StorySummary, of storyID: Int64, replacing oldCategories: [String]?, at now: Date
    )
        throws(StoreError)
    {
        try connection.run(
            """
            UPDATE stories SET title = ?2, representative_item_id = ?3, updated = max(first_seen, ?4),
                published = ?5, score = ?6, categories = ?7, item_count = ?8, visible = ?9
            WHERE id = ?1
            """,
            [
                storyID, summary.title, summary.representative?.itemID, now.unixTime, summary.published,
                summary.score, summary.categories.joined(separator: ","), summary.itemCount, summary.visible,
            ])
        guard summary.categories != oldCategories else { return }
        try connection.run("DELETE FROM story_categories WHERE story_id = ?", [storyID])
        for category in summary.categories {
            try connection.run("INSERT INTO story_categories (story_id, category) VALUES (?, ?)", [storyID, category])
        }
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
                firstSeen: $0.double(4), isCopy: $0.int(5) != 0, categories: CommaSeparatedColumn.parts($0.string(6)),
                score: $0.int(7), dropped: $0.int(8) != 0)
        }
        guard !members.isEmpty else { return }
        let kept = members.filter { !$0.dropped }
        let candidates = kept.isEmpty ? members : kept
        func key(_ member: Member) -> RepresentativeKey {
            RepresentativeKey(
                itemID: member.id, isCopy: member.isCopy, kept: !member.dropped,
                eventTime: RepresentativeKey.eventTime(
                    published: member.published, updated: member.updated, firstSeen: member.firstSeen))
        }
        let representative = candidates.min { key($0).precedes(key($1)) }
        guard let representative else { return }
        let present = Set(kept.flatMap { $0.categories.map(String.init) })
        let categories = categoryOrder.filter(present.contains)
        let summary = StorySummary(
            title: representative.title, score: kept.map(\.score).max() ?? 0, categories: categories,
            itemCount: members.count, visible: !kept.isEmpty, published: members.compactMap(\.published).min(),
            representative: key(representative))
        try writeSummary(summary, of: storyID, replacing: nil, at: now)
    }
}

/// A story's summary columns, as `refreshStory` computes them from its items.
struct StorySummary {
    var title: String
    var score: Int
    var categories: [String]
    var itemCount: Int
    var visible: Bool
    var published: Double?
    var representative: RepresentativeKey?
}

/// What decides which item represents a story: items that were not dropped
/// first, then originals before copies, then the earliest, then the lowest id.
struct RepresentativeKey {
    var itemID: Int64
    var isCopy: Bool
    var kept: Bool
    var eventTime: Double

    /// When the item's story happened, as deduplication orders items: its
    /// publication date, else update date, else first-seen time, never
    /// later than first seen.
    static func eventTime(published: Double?, updated: Double?, firstSeen: Double) -> Double {
        min(published ?? updated ?? firstSeen, firstSeen)
    }

    func precedes(_ other: RepresentativeKey) -> Bool {
        if kept != other.kept { return kept }
        if isCopy != other.isCopy { return !isCopy }
        return eventTime != other.eventTime ? eventTime < other.eventTime : itemID < other.itemID
    }
}
