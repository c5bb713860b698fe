import FeedSiftCore
import FoundationEssentials

/// Story listings of one category, fast whether the category is common or
/// rare.
///
/// The general listing materializes the category's whole story list on
/// every call, which costs as many rows as the category has (tens of
/// milliseconds for a common one in a large store). Here the newest stories
/// are scanned first, checking each against the category's index, which
/// finds a common category's newest stories after a few hundred rows; only
/// when that window holds too few, and may not hold them all, does the
/// listing fall back to the general query, which is then cheap because the
/// category is rare.
extension SQLiteConnection {
    /// How many of the most recently updated stories the fast path looks at.
    static let categoryWindow = 5000

    func stories(inCategory category: String, matching query: StoryQuery) throws(StoreError) -> [StorySnapshot] {
        // The update time of the window's oldest story; nil when the store
        // holds fewer stories than the window.
        let boundary = try queryOne(
            "SELECT updated FROM stories ORDER BY updated DESC, id DESC LIMIT 1 OFFSET ?", [Self.categoryWindow - 1],
            row: { $0.double(0) })
        let rows = try self.query(
            """
            SELECT s.id, s.uid, s.title, s.first_seen, s.updated, s.published, s.score, s.categories,
                s.representative_item_id
            FROM stories s
            WHERE s.updated >= ?6
              AND EXISTS (SELECT 1 FROM story_categories c WHERE c.category = ?1 AND c.story_id = s.id)
              AND (?2 IS NULL OR s.first_seen >= ?2)
              AND (?3 OR s.categories != '')
              AND (?4 OR s.visible)
              AND s.item_count > 0
            ORDER BY s.updated DESC, s.id DESC
            LIMIT ?5
            """,
            [
                category, query.since?.unixTime, query.includeUncategorized, query.includeDropped, query.limit,
                boundary ?? -Double.infinity,
            ], row: StoryRow.decode)
        // Stories outside the window were updated before `boundary`, and a
        // story's update is never before its first sighting; so with a
        // `since` at or after the boundary none of them can qualify.
        let windowHoldsAll = boundary.map { boundary in query.since.map { boundary <= $0.unixTime } ?? false } ?? true
        if rows.count < query.limit, !windowHoldsAll {
            return try stories(matching: query)
        }
        return try attachItems(to: rows)
    }
}
