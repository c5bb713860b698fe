extension StoreWriter {
    /// A summary of the stories that changes whenever a story is added,
    /// changed (its `updated` moves) or deleted: the store's part of what
    /// decides whether the Atom files must be rebuilt.
    public func storiesFingerprint() throws(StoreError) -> String {
        try connection.queryOne("SELECT count(*), max(updated), max(id) FROM stories") { row in
            "\(row.int(0))/\(row.optionalDouble(1) ?? 0)/\(row.optionalInt64(2) ?? 0)"
        } ?? ""
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
