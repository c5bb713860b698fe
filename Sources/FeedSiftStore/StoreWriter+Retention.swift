public import FoundationEssentials

/// What one retention pass removed.
public struct RetentionSummary: Sendable, Hashable {
    public var stories = 0
    public var items = 0
    /// Database pages handed back to the file system.
    public var freedPages = 0

    public init() {}
}

extension StoreWriter {
    /// Whether any story has been unchanged since before `cutoff` (the
    /// cheap check before a retention pass).
    public func hasStories(updatedBefore cutoff: Date) throws(StoreError) -> Bool {
        try connection.queryOne("SELECT 1 FROM stories WHERE updated < ?1 LIMIT 1", [cutoff.unixTime]) { _ in true }
            ?? false
    }

    /// Deletes whole stories that have not changed since `cutoff`, with
    /// their items, in transactions of at most `batchSize` stories so the
    /// pipeline is never blocked for long; then returns freed pages to the
    /// file system (incremental vacuum).
    ///
    /// Stories in `protected` (in the Atom output) and stories first seen
    /// after `pendingSince` (not yet in a digest) are kept whatever their age.
    @discardableResult
    public func deleteExpiredStories(
        updatedBefore cutoff: Date, protected: Set<Int64>, pendingSince: Date?, batchSize: Int = 500
    ) throws(StoreError) -> RetentionSummary {
        var summary = RetentionSummary()
        let protectedJSON = "[" + protected.map(String.init).joined(separator: ",") + "]"
        while true {
            let removed = try transaction { () throws(StoreError) -> (stories: Int, items: Int) in
                let ids = try connection.query(
                    """
                    SELECT id FROM stories
                    WHERE updated < ?1
                      AND (?2 IS NULL OR first_seen <= ?2)
                      AND id NOT IN (SELECT value FROM json_each(?3))
                    ORDER BY updated LIMIT ?4
                    """, [cutoff.unixTime, pendingSince?.unixTime, protectedJSON, batchSize]
                ) { $0.int64(0) }
                guard !ids.isEmpty else { return (0, 0) }
                let batch = "[" + ids.map(String.init).joined(separator: ",") + "]"
                try connection.run(
                    "DELETE FROM items WHERE story_id IN (SELECT value FROM json_each(?1))", [batch])
                let items = connection.changes
                try connection.run("DELETE FROM stories WHERE id IN (SELECT value FROM json_each(?1))", [batch])
                return (ids.count, items)
            }
            summary.stories += removed.stories
            summary.items += removed.items
            if removed.stories < batchSize { break }
        }
        if summary.stories > 0 {
            summary.freedPages = try connection.queryOne("PRAGMA freelist_count") { $0.int(0) } ?? 0
            try connection.execute("PRAGMA incremental_vacuum")
        }
        return summary
    }
}
