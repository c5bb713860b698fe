public import FeedSiftCore
public import FoundationEssentials

/// Digest bookkeeping: which day covered which window, and delivery state.
extension StoreWriter {
    /// When the daemon started writing digests; recorded as `now` the
    /// first time it is asked. Days due before it are not "missed".
    public func digestTrackingStart(recordingIfAbsent now: Date) throws(StoreError) -> Date {
        try connection.run(
            "INSERT OR IGNORE INTO digest_schedule (id, tracking_since) VALUES (1, ?)", [now.unixTime])
        let since = try connection.queryOne("SELECT tracking_since FROM digest_schedule WHERE id = 1") { $0.double(0) }
        return since.map(Date.init(unixTime:)) ?? now
    }

    public func digest(day: String) throws(StoreError) -> DigestRecord? {
        try connection.queryOne("SELECT \(Self.digestColumns) FROM digests WHERE day = ?", [day], row: Self.decode)
    }

    /// The recorded digest with the latest cut-off before `cutoff`; its
    /// cut-off is where the next window starts.
    public func latestDigest(before cutoff: Date) throws(StoreError) -> DigestRecord? {
        try connection.queryOne(
            "SELECT \(Self.digestColumns) FROM digests WHERE cutoff < ? ORDER BY cutoff DESC LIMIT 1",
            [cutoff.unixTime], row: Self.decode)
    }

    /// Records a written (or skipped) day. For a day already recorded the
    /// window and file are replaced and its delivery state is kept.
    public func recordDigest(_ record: DigestRecord) throws(StoreError) {
        try connection.run(
            """
            INSERT INTO digests (day, window_start, cutoff, written_at, stories, path, message_id, delivery_state,
                delivery_attempts, next_attempt_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9)
            ON CONFLICT (day) DO UPDATE SET window_start = ?2, cutoff = ?3, written_at = ?4, stories = ?5,
                path = ?6, message_id = ?7
            """,
            [
                record.day, record.windowStart.unixTime, record.cutoff.unixTime, record.writtenAt.unixTime,
                record.stories, record.path, record.messageID, record.deliveryState.rawValue,
                record.nextAttemptAt?.unixTime,
            ])
    }

    /// Asks for a recorded day to be delivered, unless it was sent or is
    /// already waiting. Returns the record as it now stands.
    @discardableResult
    public func requestDelivery(day: String, at now: Date) throws(StoreError) -> DigestRecord? {
        try connection.run(
            """
            UPDATE digests SET delivery_state = 'pending', next_attempt_at = ?2
            WHERE day = ?1 AND delivery_state = 'none' AND path IS NOT NULL
            """, [day, now.unixTime])
        return try digest(day: day)
    }

    /// Digests waiting for delivery whose next attempt has come, oldest first.
    public func dueDeliveries(at now: Date) throws(StoreError) -> [DigestRecord] {
        try connection.query(
            """
            SELECT \(Self.digestColumns) FROM digests
            WHERE delivery_state IN ('pending', 'sending') AND COALESCE(next_attempt_at, 0) <= ?
            ORDER BY cutoff
            """, [now.unixTime], row: Self.decode)
    }

    /// The earliest next attempt of any waiting delivery.
    public func nextDeliveryAttempt() throws(StoreError) -> Date? {
        try connection.queryOne(
            "SELECT MIN(COALESCE(next_attempt_at, 0)) FROM digests WHERE delivery_state IN ('pending', 'sending')"
        ) { $0.optionalDouble(0).map(Date.init(unixTime:)) } ?? nil
    }

    /// Marks an attempt as started, before anything is sent: if the daemon
    /// dies mid-send, the digest is retried at `retryAt`, never forgotten.
    public func recordDeliveryAttempt(day: String, at now: Date, retryAt: Date) throws(StoreError) {
        try connection.run(
            """
            UPDATE digests SET delivery_state = 'sending', delivery_attempts = delivery_attempts + 1,
                last_attempt_at = ?2, next_attempt_at = ?3
            WHERE day = ?1 AND delivery_state IN ('pending', 'sending')
            """, [day, now.unixTime, retryAt.unixTime])
    }

    public func recordDeliverySucceeded(day: String, at now: Date) throws(StoreError) {
        try connection.run(
            """
            UPDATE digests SET delivery_state = 'sent', sent_at = ?2, next_attempt_at = NULL, last_error = NULL
            WHERE day = ?1
            """, [day, now.unixTime])
    }

    public func recordDeliveryFailed(day: String, error: String, retryAt: Date) throws(StoreError) {
        try connection.run(
            """
            UPDATE digests SET delivery_state = 'pending', last_error = ?2, next_attempt_at = ?3
            WHERE day = ?1 AND delivery_state != 'sent'
            """, [day, error, retryAt.unixTime])
    }

    /// The stories a digest of `windowStart ..< cutoff` draws on: those
    /// first seen in it, and older ones with an item first seen in it
    /// (candidates for "updated"). Stories whose items were all dropped
    /// never appear; uncategorized ones only when asked for.
    public func digestStories(from windowStart: Date, to cutoff: Date, includeUncategorized: Bool)
        throws(StoreError) -> [StorySnapshot]
    {
        let rows = try connection.query(
            """
            SELECT \(StoryRow.columns)
            FROM stories s
            WHERE s.item_count > 0 AND s.visible AND (?3 OR s.categories != '') AND s.first_seen < ?2
              AND (s.first_seen >= ?1
                   OR s.id IN (SELECT story_id FROM items WHERE first_seen >= ?1 AND first_seen < ?2 AND NOT dropped))
            ORDER BY s.first_seen, s.id
            """,
            [windowStart.unixTime, cutoff.unixTime, includeUncategorized], row: StoryRow.decode)
        return try connection.attachItems(to: rows)
    }

    private static let digestColumns = """
        day, window_start, cutoff, written_at, stories, path, message_id, delivery_state, delivery_attempts,
        next_attempt_at, last_attempt_at, last_error, sent_at
        """

    private static func decode(_ row: SQLiteStatement) -> DigestRecord {
        DigestRecord(
            day: row.string(0), windowStart: Date(unixTime: row.double(1)), cutoff: Date(unixTime: row.double(2)),
            writtenAt: Date(unixTime: row.double(3)), stories: row.int(4), path: row.optionalString(5),
            messageID: row.optionalString(6),
            deliveryState: DigestRecord.DeliveryState(rawValue: row.string(7)) ?? .none,
            deliveryAttempts: row.int(8), nextAttemptAt: row.optionalDouble(9).map(Date.init(unixTime:)),
            lastAttemptAt: row.optionalDouble(10).map(Date.init(unixTime:)), lastError: row.optionalString(11),
            sentAt: row.optionalDouble(12).map(Date.init(unixTime:)))
    }
}
