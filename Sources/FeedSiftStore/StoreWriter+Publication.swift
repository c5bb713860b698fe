import FeedSiftCore

extension StoreWriter {
    /// A summary of what the Atom files are built from that changes
    /// whenever a story is added, changed (its `updated` moves) or deleted,
    /// or a feed's name, URL, title or site link changes (entries name their
    /// source feed): the store's part of what decides whether the Atom
    /// files must be rebuilt.
    public func publicationFingerprint() throws(StoreError) -> String {
        let stories =
            try connection.queryOne("SELECT count(*), max(updated), max(id) FROM stories") { row in
                "\(row.int(0))/\(row.optionalDouble(1) ?? 0)/\(row.optionalInt64(2) ?? 0)"
            } ?? ""
        // Stable across processes (unlike `Hasher`), so a `run --once` from
        // cron skips unchanged work.
        var hash = FNV1a()
        let feeds = try connection.query("SELECT id, name, url, title, site_link FROM feeds ORDER BY id") { row in
            [
                String(row.int64(0)), row.string(1), row.string(2), row.optionalString(3) ?? "",
                row.optionalString(4) ?? "",
            ]
        }
        for field in feeds.joined() {
            hash.add(field)
            hash.add(0x1F)
        }
        return stories + "/" + String(hash.value, radix: 16)
    }

    /// This installation's Atom feed id (`urn:uuid:…`), drawn once when the
    /// database was created or upgraded.
    public func installationFeedID() throws(StoreError) -> String {
        guard let id = try connection.queryOne("SELECT feed_id FROM installation WHERE id = 1", row: { $0.string(0) })
        else {
            throw StoreError(.statement, "database \(connection.path) has no installation feed id")
        }
        return id
    }

    /// The fingerprint recorded with the last publication.
    public func lastPublication() throws(StoreError) -> String? {
        try connection.queryOne("SELECT fingerprint FROM publication_state WHERE id = 1") { $0.string(0) }
    }

    public func recordPublication(_ fingerprint: String) throws(StoreError) {
        try connection.run(
            """
            INSERT INTO publication_state (id, fingerprint) VALUES (1, ?1)
            ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint
            """, [fingerprint])
    }
}
