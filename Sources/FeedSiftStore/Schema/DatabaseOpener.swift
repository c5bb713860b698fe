/// Opens a database file in the configuration feedsift relies on (WAL,
/// foreign keys, incremental vacuum) and brings its schema up to date.
enum DatabaseOpener {
    static func openWriter(path: String) throws(StoreError) -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path)
        // WAL lets control queries read while the pipeline writes. With WAL,
        // synchronous=NORMAL survives a killed process without loss; a power
        // failure may undo the last transactions but never corrupts the file,
        // and each transaction holds a whole feed, validators included, so an
        // undone feed is simply fetched again. A new file gets 8 KiB pages
        // (an existing one keeps its own): an item, about 5 KB of HTML and
        // text on average, then usually fits one page instead of spilling
        // into an overflow page, and a feed's commit writes about 40% fewer
        // log frames, each two system calls (cold cycle: 0.1–0.3 s faster,
        // 0.2–0.45 s less CPU). The writer's page cache is 2 MiB: what it
        // rereads is the tails of the tables and indexes it appends to, and
        // 4 or 16 MiB made no cycle faster, only the process larger.
        try connection.execute(
            """
            PRAGMA page_size = 8192;
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -2048;
            """
        )
        try migrate(connection)
        return connection
    }

    static func openReader(path: String) throws(StoreError) -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, readOnly: true)
        try connection.execute("PRAGMA query_only = ON;")
        return connection
    }

    /// Applies every migration newer than the file's `user_version`, each in
    /// its own transaction.
    static func migrate(_ connection: SQLiteConnection) throws(StoreError) {
        let current = try connection.queryOne("PRAGMA user_version") { $0.int(0) } ?? 0
        let latest = Migrations.all.count
        if current > latest {
            throw StoreError(
                .schemaTooNew,
                "database \(connection.path) has schema version \(current), newer than this feedsift knows (\(latest))"
            )
        }
        if current == 0 {
            // auto_vacuum must be chosen before the first table exists.
            try connection.execute("PRAGMA auto_vacuum = INCREMENTAL;")
        }
        for version in (current + 1)...max(latest, current + 1) where version <= latest {
            do {
                try connection.transaction { () throws(StoreError) in
                    try connection.execute(Migrations.all[version - 1])
                    try connection.execute("PRAGMA user_version = \(version)")
                }
            } catch {
                throw StoreError(
                    .migration, "cannot migrate \(connection.path) to schema version \(version): \(error.message)",
                    sqliteCode: error.sqliteCode)
            }
        }
    }
}
