extension StoreWriter {
    /// Adds up to `limit` stored items that the search index does not cover
    /// yet, oldest first, in one transaction. Returns how many it added; 0
    /// means the index is complete.
    @discardableResult
    public func indexSearchBacklog(limit: Int = 2000) throws(StoreError) -> Int {
        try transaction { () throws(StoreError) -> Int in
            let last = try connection.queryOne(
                "SELECT max(id) FROM (SELECT id FROM items WHERE id > (SELECT indexed_up_to FROM search_progress) ORDER BY id LIMIT ?1)",
                [limit]
            ) { $0.optionalInt64(0) }
            guard let last = last ?? nil else { return 0 }
            try connection.run(
                """
                INSERT INTO items_search (rowid, title, search_text)
                SELECT id, title, search_text FROM items_search_content
                WHERE id > (SELECT indexed_up_to FROM search_progress) AND id <= ?1
                """, [last])
            let added = connection.changes
            try connection.run("UPDATE search_progress SET indexed_up_to = ?1", [last])
            return added
        }
    }

    /// How many stored items the search index does not cover yet.
    public func searchBacklog() throws(StoreError) -> Int {
        try connection.queryOne(
            "SELECT count(*) FROM items WHERE id > (SELECT indexed_up_to FROM search_progress)"
        ) { $0.int(0) } ?? 0
    }
}
