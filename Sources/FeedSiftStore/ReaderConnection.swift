import FeedSiftCore
import FoundationEssentials

/// One read-only connection of a `StoreReader`, on a thread of its own
/// (see `DedicatedThreadExecutor`), so a slow query blocks neither the
/// cooperative thread pool nor the other connections.
actor ReaderConnection {
    private let executor: DedicatedThreadExecutor
    let connection: SQLiteConnection
    private let timeLimit: QueryTimeLimit

    nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    init(path: String, queryTimeLimit: Duration) throws(StoreError) {
        connection = try DatabaseOpener.openReader(path: path)
        let version = try connection.queryOne("PRAGMA user_version") { $0.int(0) } ?? 0
        guard version >= Migrations.all.count else {
            connection.close()
            throw StoreError(
                .migration,
                "database \(path) has schema version \(version), but this feedsift reads version "
                    + "\(Migrations.all.count); start the daemon once to migrate it")
        }
        executor = DedicatedThreadExecutor(name: "feedsift-store-reader")
        timeLimit = QueryTimeLimit(limit: queryTimeLimit, connection: connection)
    }

    // The connection closes in its own deinit, which runs as the actor is
    // freed; no job can be queued on the executor after that.
    deinit { executor.shutdown() }

    /// Closes the connection, on its own thread; later queries fail.
    func close() {
        connection.close()
    }

    /// Counts and times for `status`.
    func overview(at now: Date) throws(StoreError) -> StoreOverview {
        try timeLimit.enforce { () throws(StoreError) in try readOverview(at: now) }
    }

    private func readOverview(at now: Date) throws(StoreError) -> StoreOverview {
        let feeds =
            try connection.queryOne(
                """
                SELECT count(*),
                    count(*) FILTER (WHERE consecutive_failures > 0 AND disabled_reason IS NULL),
                    count(*) FILTER (WHERE disabled_reason IS NOT NULL),
                    min(CASE WHEN disabled_reason IS NULL THEN COALESCE(next_poll_at, ?1) END),
                    max(last_fetch_at)
                FROM feeds WHERE active = 1
                """, [now.unixTime]
            ) { row in
                (
                    total: row.int(0), failing: row.int(1), disabled: row.int(2),
                    nextPoll: row.optionalDouble(3).map(Date.init(unixTime:)),
                    lastFetch: row.optionalDouble(4).map(Date.init(unixTime:))
                )
            }
        let items = try connection.queryOne("SELECT count(*) FROM items") { $0.int(0) } ?? 0
        let stories = try connection.queryOne("SELECT count(*) FROM stories WHERE item_count > 0") { $0.int(0) } ?? 0
        return StoreOverview(
            feeds: feeds?.total ?? 0, failingFeeds: feeds?.failing ?? 0, disabledFeeds: feeds?.disabled ?? 0,
            items: items, stories: stories, nextPoll: feeds?.nextPoll, lastFetch: feeds?.lastFetch,
            databaseBytes: try databaseBytes())
    }

    /// Size of the database file in bytes.
    private func databaseBytes() throws(StoreError) -> Int64 {
        let pages = try connection.queryOne("PRAGMA page_count") { $0.int64(0) } ?? 0
        let pageSize = try connection.queryOne("PRAGMA page_size") { $0.int64(0) } ?? 0
        return pages * pageSize
    }

    /// Every configured feed's state, in the order they were first configured.
    func feedStates() throws(StoreError) -> [FeedState] {
        try connection.query("\(FeedStateRow.select) WHERE active = 1 ORDER BY id", row: FeedStateRow.decode)
    }

    /// Stories for a listing, newest change first, each with its items.
    func stories(matching query: StoryQuery) throws(StoreError) -> [StorySnapshot] {
        try timeLimit.enforce { () throws(StoreError) in
            try connection.stories(matching: query)
        }
    }

    func story(id: Int64) throws(StoreError) -> StorySnapshot? {
        try connection.story(id: id)
    }

    func item(id: Int64) throws(StoreError) -> ItemSnapshot? {
        guard
            let storyID = try connection.queryOne("SELECT story_id FROM items WHERE id = ?", [id], row: { $0.int64(0) })
        else { return nil }
        return try connection.story(id: storyID)?.items.first { $0.id == id }
    }

    /// The entry ids of the given items, by store id (for items named by
    /// `copy_of` that are not in the story being shown).
    func entryIDs(ofItems ids: [Int64]) throws(StoreError) -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        let pairs = try connection.query(
            """
            SELECT id, COALESCE(entry_id, link, entry_key) FROM items
            WHERE id IN (SELECT value FROM json_each(?1))
            """, [list]
        ) { ($0.int64(0), $0.string(1)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// The store id of the item an entry id names (its guid or atom:id,
    /// else its link), the earliest one when several feeds carry it.
    func itemID(forEntryID entryID: String) throws(StoreError) -> Int64? {
        try timeLimit.enforce { () throws(StoreError) in try findItem(entryID: entryID) }
    }

    private func findItem(entryID: String) throws(StoreError) -> Int64? {
        // The (feed_id, entry_key) index finds an item by its key (see
        // `EntryKey`) with one probe per feed.
        for key in [EntryKey.id(entryID), EntryKey.link(entryID)].compactMap({ $0 }) {
            if let id = try connection.queryOne(
                """
                SELECT id FROM items WHERE feed_id IN (SELECT id FROM feeds) AND entry_key = ?
                ORDER BY id LIMIT 1
                """, [key], row: { $0.int64(0) })
            {
                return id
            }
        }
        return nil
    }

    /// Whether an item with this store id exists.
    func itemExists(id: Int64) throws(StoreError) -> Bool {
        try connection.queryOne("SELECT 1 FROM items WHERE id = ?", [id]) { _ in true } ?? false
    }

    /// One page of items matching `query`; empty when its text holds no
    /// word to search for (check with `FullTextExpression.build` first to
    /// tell the user).
    func search(_ query: ItemSearchQuery) throws(StoreError) -> ItemSearchPage {
        try timeLimit.enforce { () throws(StoreError) in try searchPage(query) }
    }

    private func searchPage(_ query: ItemSearchQuery) throws(StoreError) -> ItemSearchPage {
        guard let expression = FullTextExpression.build(from: query.text) else {
            return ItemSearchPage(hits: [], nextOffset: nil)
        }
        // `since` becomes a lower bound on the item id too: every item first
        // seen at or after it has an id at least that of the earliest such
        // item, and FTS5 can skip to an id range, which it cannot do for a
        // column of `items`. (The index scan costs as much as the items in
        // range; the planner's own choice, scanning ids upwards, costs as
        // much as the items before it, which is usually far more.)
        var lowestID: Int64 = 0
        if let since = query.since {
            guard
                let bound = try connection.queryOne(
                    "SELECT min(id) FROM items INDEXED BY items_first_seen WHERE first_seen >= ?", [since.unixTime],
                    row: { $0.optionalInt64(0) }),
                let bound
            else { return ItemSearchPage(hits: [], nextOffset: nil) }
            lowestID = bound
        }
        if query.order == .relevance {
            // Rank only the newest `relevanceWindow` matches (see there).
            let windowStart = try connection.queryOne(
                """
                SELECT rowid FROM items_search WHERE items_search MATCH ?1 AND rowid >= ?2
                ORDER BY rowid DESC LIMIT 1 OFFSET ?3
                """, [expression, lowestID, StoreReader.relevanceWindow - 1], row: { $0.int64(0) })
            lowestID = max(lowestID, windowStart ?? 0)
        }
        // FTS5 sorts by `rank` itself, faster than ORDER BY bm25(); the
        // weights make a title hit count four times a text hit.
        let (ranking, order) =
            switch query.order {
            case .newest: ("", "items_search.rowid DESC")
            case .relevance: ("AND items_search.rank MATCH 'bm25(4.0, 1.0)'", "items_search.rank")
            }
        let hits = try connection.query(
            """
            SELECT i.id, i.story_id, COALESCE(i.entry_id, i.link, i.entry_key), f.name, i.title, i.link,
                i.published, i.first_seen, i.categories, snippet(items_search, 1, '', '', '…', 16)
            FROM items_search
            JOIN items i ON i.id = items_search.rowid
            JOIN feeds f ON f.id = i.feed_id
            WHERE items_search MATCH ?1 \(ranking)
              AND items_search.rowid >= ?2
              AND NOT i.dropped
              AND (?3 IS NULL OR instr(',' || i.categories || ',', ',' || ?3 || ',') > 0)
              AND (?4 IS NULL OR f.name = ?4)
              AND (?5 IS NULL OR i.first_seen >= ?5)
              AND (?6 IS NULL OR i.first_seen <= ?6)
              AND (?7 IS NULL OR i.story_id = ?7)
            ORDER BY \(order)
            LIMIT ?8 OFFSET ?9
            """,
            [
                expression, lowestID, query.category, query.feed, query.since?.unixTime, query.until?.unixTime,
                query.storyID, query.limit + 1, query.offset,
            ]
        ) { row in
            ItemSearchHit(
                id: row.int64(0), storyID: row.int64(1), entryID: row.string(2), feedName: row.string(3),
                title: row.string(4), link: row.optionalString(5),
                published: row.optionalDouble(6).map(Date.init(unixTime:)), firstSeen: Date(unixTime: row.double(7)),
                categories: CommaSeparatedColumn.strings(row.string(8)), snippet: row.string(9))
        }
        let hasMore = hits.count > query.limit
        return ItemSearchPage(
            hits: Array(hits.prefix(query.limit)), nextOffset: hasMore ? query.offset + query.limit : nil)
    }
}
