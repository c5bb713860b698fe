public import FeedSiftCore
public import FoundationEssentials

extension StoreWriter {
    /// Makes the stored feeds match the configuration: new feeds are added,
    /// a feed whose configured URL changed starts afresh (no validators, due
    /// now), feeds no longer configured are kept (their items stay) but
    /// marked inactive. Returns the active feeds in configuration order.
    public func synchronizeFeeds(_ definitions: [FeedDefinition]) throws(StoreError) -> [FeedState] {
        try transaction { () throws(StoreError) in
            try connection.run("UPDATE feeds SET active = 0")
            for feed in definitions {
                let existing = try connection.queryOne(
                    "SELECT id, configured_url FROM feeds WHERE name = ?", [feed.name]
                ) { ($0.int64(0), $0.string(1)) }
                if let (id, configuredURL) = existing {
                    if configuredURL != feed.url {
                        try connection.run(
                            """
                            UPDATE feeds SET configured_url = ?1, url = ?1, etag = NULL, last_modified = NULL,
                                next_poll_at = NULL, consecutive_failures = 0, disabled_reason = NULL, active = 1
                            WHERE id = ?2
                            """, [feed.url, id])
                    } else {
                        try connection.run("UPDATE feeds SET active = 1 WHERE id = ?", [id])
                    }
                } else {
                    try connection.run(
                        "INSERT INTO feeds (name, configured_url, url) VALUES (?1, ?2, ?2)", [feed.name, feed.url])
                }
            }
        }
        let states = try feedStates()
        let order = Dictionary(definitions.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return states.filter { order[$0.name] != nil }.sorted {
            order[$0.name, default: 0] < order[$1.name, default: 0]
        }
    }

    /// Every active feed's state.
    public func feedStates() throws(StoreError) -> [FeedState] {
        try connection.query("\(FeedStateRow.select) WHERE active = 1 ORDER BY id", row: FeedStateRow.decode)
    }

    /// One feed's state by name, active or not.
    public func feedState(named name: String) throws(StoreError) -> FeedState? {
        try connection.queryOne("\(FeedStateRow.select) WHERE name = ?", [name], row: FeedStateRow.decode)
    }

    /// Stores the outcome of a fetch. Call inside the feed's transaction
    /// when items are written too.
    public func recordFetch(_ record: FetchRecord, feedID: Int64) throws(StoreError) {
        try connection.run(
            """
            UPDATE feeds SET
                last_fetch_at = ?2,
                last_status = ?3,
                last_error = ?4,
                last_success_at = CASE WHEN ?5 THEN ?2 ELSE last_success_at END,
                consecutive_failures = CASE WHEN ?5 THEN 0 ELSE consecutive_failures + 1 END,
                fetch_count = fetch_count + 1,
                not_modified_count = not_modified_count + ?6,
                unconditional_count = unconditional_count + ?7,
                next_poll_at = ?8,
                interval_seconds = ?9,
                interval_reason = ?10,
                disabled_reason = ?11,
                url = COALESCE(?12, url),
                title = COALESCE(?13, title),
                site_link = COALESCE(?14, site_link),
                polling_hints = COALESCE(?15, polling_hints)
            WHERE id = ?1
            """,
            [
                feedID, record.at.unixTime, record.status, record.error, record.succeeded,
                record.notModified ? 1 : 0, record.conditional ? 0 : 1, record.nextPollAt.unixTime,
                record.interval.map { Double($0.components.seconds) }, record.intervalReason,
                record.disabledReason, record.permanentURL, record.title, record.siteLink,
                record.pollingHints.map(PollingHintsColumn.encode),
            ])
        if case .replace(let etag, let lastModified) = record.validators {
            try connection.run(
                "UPDATE feeds SET etag = ?2, last_modified = ?3 WHERE id = ?1", [feedID, etag, lastModified])
        }
    }
}

/// Reads `FeedState` from the feeds table.
enum FeedStateRow {
    static let select = """
        SELECT id, name, configured_url, url, title, site_link, etag, last_modified, polling_hints,
            last_fetch_at, last_success_at, last_status, last_error, consecutive_failures, fetch_count,
            not_modified_count, unconditional_count, next_poll_at, interval_seconds, interval_reason,
            disabled_reason, publication_history
        FROM feeds
        """

    static func decode(_ row: SQLiteStatement) -> FeedState {
        FeedState(
            id: row.int64(0),
            name: row.string(1),
            configuredURL: row.string(2),
            url: row.string(3),
            title: row.optionalString(4),
            siteLink: row.optionalString(5),
            etag: row.optionalString(6),
            lastModified: row.optionalString(7),
            pollingHints: row.optionalString(8).map(PollingHintsColumn.decode) ?? PollingHints(),
            lastFetchAt: row.optionalDouble(9).map(Date.init(unixTime:)),
            lastSuccessAt: row.optionalDouble(10).map(Date.init(unixTime:)),
            lastStatus: row.optionalInt64(11).map(Int.init),
            lastError: row.optionalString(12),
            consecutiveFailures: row.int(13),
            fetchCount: row.int(14),
            notModifiedCount: row.int(15),
            unconditionalCount: row.int(16),
            nextPollAt: row.optionalDouble(17).map(Date.init(unixTime:)),
            interval: row.optionalDouble(18).map { .seconds($0) },
            intervalReason: row.optionalString(19),
            disabledReason: row.optionalString(20),
            publicationHistory: row.optionalString(21).map(Self.publicationHistory)
        )
    }
}

extension FeedStateRow {
    /// The times of a `publication_history` column: numbers separated by
    /// commas (every feed's history, up to 200 times, is read at each start
    /// and each cycle's due check).
    static func publicationHistory(_ text: String) -> [Date] {
        CommaSeparatedColumn.parts(text).compactMap { Double($0).map(Date.init(unixTime:)) }
    }
}

/// The publisher's polling hints, kept so that a 304 (no document) still
/// schedules by the last document's ttl and skip lists.
enum PollingHintsColumn {
    private struct Stored: Codable {
        var ttl: Int?
        var syndication: Double?
        var skipHours: [Int]
        var skipDays: [Int]
    }

    static func encode(_ hints: PollingHints) -> String {
        let stored = Stored(
            ttl: hints.ttlMinutes,
            syndication: hints.syndicationInterval.map { Double($0.components.seconds) },
            skipHours: hints.skipHours.sorted(), skipDays: hints.skipDays.sorted())
        let data = (try? JSONEncoder().encode(stored)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> PollingHints {
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(text.utf8)) else { return PollingHints() }
        return PollingHints(
            ttlMinutes: stored.ttl, syndicationInterval: stored.syndication.map { .seconds($0) },
            skipHours: Set(stored.skipHours), skipDays: Set(stored.skipDays))
    }
}

extension StoreWriter {
    /// Publication times (first-seen where the feed gave none) of the
    /// feed's items since `since`, for the adaptive poll interval.
    public func recentPublicationDates(feedID: Int64, since: Date) throws(StoreError) -> [Date] {
        try connection.query(
            """
            SELECT COALESCE(published, first_seen) AS at FROM items
            WHERE feed_id = ?1 AND COALESCE(published, first_seen) >= ?2
            ORDER BY at DESC LIMIT 200
            """, [feedID, since.unixTime]
        ) { Date(unixTime: $0.double(0)) }
    }

    /// Remembers the feed's recent publication times (see
    /// `recentPublicationDates`), so later polls can be scheduled without
    /// reading its items.
    public func recordPublicationHistory(_ dates: [Date], feedID: Int64) throws(StoreError) {
        let text = dates.map { String($0.unixTime) }.joined(separator: ",")
        try connection.run("UPDATE feeds SET publication_history = ?2 WHERE id = ?1", [feedID, text])
    }

    /// Moves the next poll of every active feed on `host` to at least
    /// `date` (a 429/503 Retry-After scoped to the host). Returns how many
    /// feeds moved.
    @discardableResult
    public func deferFeeds(onHost host: String, until date: Date) throws(StoreError) -> Int {
        let feeds = try connection.query("SELECT id, url FROM feeds WHERE active = 1 AND disabled_reason IS NULL") {
            ($0.int64(0), $0.string(1))
        }
        var moved = 0
        for (id, url) in feeds where URLComponents(string: url)?.host?.lowercased() == host.lowercased() {
            try connection.run(
                """
                UPDATE feeds SET next_poll_at = ?2, interval_reason = 'retryAfter'
                WHERE id = ?1 AND COALESCE(next_poll_at, 0) < ?2
                """,
                [id, date.unixTime])
            moved += connection.changes
        }
        return moved
    }
}
