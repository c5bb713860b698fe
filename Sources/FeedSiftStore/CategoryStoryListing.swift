import FeedSiftCore
import FoundationEssentials

/// Story listings of one category, fast whether the category is common or
/// rare.
///
/// A category of at most `categoryWindow` stories is read through its own
/// rows and sorted: the cost follows the category's size. A larger one is
/// found by scanning the newest stories first, checking each against the
/// category's index, which finds a common category's newest stories after
/// a few hundred rows; only when that window holds too few, and may not
/// hold them all, are the category's own rows read and sorted after all.
///
/// Before, both paths ended in a scan of every story in update order,
/// checking each against the category's list: cheap for a common category,
/// but for a rare or empty one a scan of the whole table, as publishing
/// did for each of its category feeds every cycle (45 M instructions each
/// over the cold benchmark cycle's 44,482 stories).
extension SQLiteConnection {
    /// How many of the most recently updated stories the window path looks
    /// at, and the largest category read through its own rows at once.
    static let categoryWindow = 5000

    /// The filters and order both category queries end with: ?2 since,
    /// ?3 uncategorized wanted, ?4 dropped wanted, ?5 the limit.
    private static let categoryListingTail = """
        AND (?2 IS NULL OR s.first_seen >= ?2)
          AND (?3 OR s.categories != '')
          AND (?4 OR s.visible)
          AND s.item_count > 0
        ORDER BY s.updated DESC, s.id DESC
        LIMIT ?5
        """

    func storyRows(inCategory category: String, matching query: StoryQuery) throws(StoreError) -> [StoryRow] {
        let size =
            try queryOne("SELECT count(*) FROM story_categories WHERE category = ?", [category]) { $0.int(0) } ?? 0
        guard size > Self.categoryWindow else { return try ownRows(of: category, matching: query) }
        // The update time of the window's oldest story; nil when the store
        // holds fewer stories than the window.
        let boundary = try queryOne(
            "SELECT updated FROM stories ORDER BY updated DESC, id DESC LIMIT 1 OFFSET ?", [Self.categoryWindow - 1],
            row: { $0.double(0) })
        let rows = try self.query(
            """
            SELECT \(StoryRow.columns)
            FROM stories s
            WHERE s.updated >= ?6
              AND EXISTS (SELECT 1 FROM story_categories c WHERE c.category = ?1 AND c.story_id = s.id)
              \(Self.categoryListingTail)
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
            return try ownRows(of: category, matching: query)
        }
        return rows
    }

    /// The category's stories read through its own rows (`CROSS JOIN`
    /// keeps SQLite from scanning the stories instead), sorted.
    private func ownRows(of category: String, matching query: StoryQuery) throws(StoreError) -> [StoryRow] {
        try self.query(
            """
            SELECT \(StoryRow.columns)
            FROM story_categories c CROSS JOIN stories s ON s.id = c.story_id
            WHERE c.category = ?1
              \(Self.categoryListingTail)
            """,
            [category, query.since?.unixTime, query.includeUncategorized, query.includeDropped, query.limit],
            row: StoryRow.decode)
    }
}
