public import FoundationEssentials

/// An item's stored deduplication state: where it was placed and the
/// features it was placed with (opaque bytes, owned by FeedSiftDedupe).
public struct StoredDedupeItem: Sendable {
    public var itemID: Int64
    public var storyID: Int64
    public var copyOf: Int64?
    public var features: [UInt8]
}

/// A past item of a feed, for learning the feed's boilerplate: what it told
/// when it was new (opaque bytes, owned by FeedSiftDedupe), or, for an item
/// stored without that, its text.
public enum StoredSourceSample: Sendable, Equatable {
    case evidence([UInt8])
    case text(title: String, summaryText: String?, contentText: String?)
}

extension StoreWriter {
    /// Stores the features an item was placed with, the event time the
    /// window is measured on, and what the item tells about its source's
    /// boilerplate.
    public func saveDedupeFeatures(itemID: Int64, eventTime: Double, features: [UInt8], boilerplate: [UInt8])
        throws(StoreError)
    {
        try connection.run(
            "INSERT OR REPLACE INTO item_dedupe (item_id, event_time, features, boilerplate) VALUES (?1, ?2, ?3, ?4)",
            [itemID, eventTime, SQLiteValue.blob(features), SQLiteValue.blob(boilerplate)])
    }

    /// Hands `body` each item with stored features whose event time is in
    /// `[from, to)` (no upper bound when `to` is nil) and, when
    /// `firstSeenThrough` is given, that was first seen at or before it, in
    /// the order they were first seen (the order the index learned them
    /// in), as it is read: a window of a million items is never held twice,
    /// nor sorted.
    ///
    /// An item's event time is never later than when it was first seen, so
    /// the `first_seen` index narrows the search to items first seen from
    /// `from` on: event times are not indexed, because they arrive in
    /// random order and each feed's commit rewrote about one page of such
    /// an index per new item.
    public func forEachDedupeItem(
        eventTimeFrom from: Double, to: Double? = nil, firstSeenThrough: Double? = nil,
        _ body: (StoredDedupeItem) -> Void
    ) throws(StoreError) {
        try connection.forEachRow(
            """
            SELECT d.item_id, i.story_id, i.copy_of, d.features
            FROM items i INDEXED BY items_first_seen JOIN item_dedupe d ON d.item_id = i.id
            WHERE i.first_seen BETWEEN ?1 AND ?3
              AND d.event_time >= ?1 AND (?2 IS NULL OR d.event_time < ?2)
            ORDER BY i.first_seen, i.id
            """, [from, to, firstSeenThrough ?? .infinity]
        ) { row in
            body(
                StoredDedupeItem(
                    itemID: row.int64(0), storyID: row.int64(1), copyOf: row.optionalInt64(2), features: row.blob(3)))
        }
    }

    /// The latest time an item was first seen; nil when there is none.
    public func latestFirstSeen() throws(StoreError) -> Double? {
        try connection.queryOne("SELECT max(first_seen) FROM items") { $0.optionalDouble(0) } ?? nil
    }

    /// The feed's most recent items, for learning its boilerplate. An
    /// item's text is read only when it has no stored evidence.
    public func sourceSamples(feedID: Int64, limit: Int) throws(StoreError) -> [StoredSourceSample] {
        try connection.sourceSamples(feedID: feedID, limit: limit)
    }

    /// Moves every item of story `absorbed` into story `survivor` and
    /// deletes the emptied story (an item arrived that joins both).
    public func mergeStory(_ absorbed: Int64, into survivor: Int64, categoryOrder: [String], at now: Date)
        throws(StoreError)
    {
        guard absorbed != survivor, let absorbedSummary = try storySummary(absorbed) else { return }
        try connection.run("UPDATE items SET story_id = ?2 WHERE story_id = ?1", [absorbed, survivor])
        try connection.run("DELETE FROM stories WHERE id = ?", [absorbed])
        try combineStorySummaries(absorbedSummary, into: survivor, categoryOrder: categoryOrder, at: now)
    }

    /// Makes `root` the original of the copy groups of `formerRoots`: the
    /// former roots and their copies all become copies of `root`.
    public func repointCopies(from formerRoots: [Int64], to root: Int64) throws(StoreError) {
        guard !formerRoots.isEmpty else { return }
        let ids = "[" + formerRoots.map(String.init).joined(separator: ",") + "]"
        try connection.run(
            """
            UPDATE items SET copy_of = ?2
            WHERE id != ?2 AND (id IN (SELECT value FROM json_each(?1)) OR copy_of IN (SELECT value FROM json_each(?1)))
            """, [ids, root])
    }

    /// Replaces an item's join reason.
    public func setJoinReason(itemID: Int64, _ reason: String?) throws(StoreError) {
        try connection.run("UPDATE items SET join_reason = ?2 WHERE id = ?1", [itemID, reason])
    }

    /// Recomputes a story's summary (representative, title, categories)
    /// after its items changed outside `insertItem`.
    public func refreshStorySummary(_ storyID: Int64, categoryOrder: [String], at now: Date) throws(StoreError) {
        try refreshStory(storyID, categoryOrder: categoryOrder, at: now)
    }
}
