internal import CSQLite
import FeedSiftCore
import FoundationEssentials

/// One SQLite connection and its prepared-statement cache.
///
/// Not thread-safe by design: each connection lives inside one actor
/// (`FeedStore` for the writer, `StoreReader` for queries), which is what
/// serialises access. Statements are finalized before the connection is
/// closed, in `close()` or `deinit`.
final class SQLiteConnection {
    private(set) var handle: OpaquePointer?
    let path: String
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (creating if allowed) the database at `path`.
    init(path: String, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        var connection: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let reason = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(connection)
            throw StoreError(.open, "cannot open database \(path): \(reason)", sqliteCode: code)
        }
        handle = connection
        sqlite3_busy_timeout(connection, 5000)
        for (what, register) in [
            ("the search tokenizer", SearchTokenizer.register), ("the text function", PlainTextFunction.register),
        ] {
            let registered = register(connection)
            guard registered == SQLITE_OK else {
                throw StoreError(
                    .open, "cannot register \(what) on \(path): \(String(cString: sqlite3_errstr(registered)))",
                    sqliteCode: registered)
            }
        }
    }

    deinit { close() }

    /// Finalizes every statement, then closes the connection.
    func close() {
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// After every commit, tells `checkpointer` how large the write-ahead
    /// log is, instead of checkpointing inside the commit (this replaces
    /// SQLite's automatic checkpoints on this connection). Only when the
    /// log reaches 16 times the checkpointer's threshold does the commit
    /// checkpoint by itself. `checkpointer` must outlive the hook: call
    /// `removeWALHook()` before letting it go.
    func handCheckpoints(to checkpointer: WALCheckpointer) {
        guard let handle else { return }
        sqlite3_wal_hook(
            handle,
            { context, database, name, pages in
                guard let context else { return SQLITE_OK }
                let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                if Int(pages) >= 16 * checkpointer.pagesPerCheckpoint {
                    sqlite3_wal_checkpoint_v2(database, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                } else {
                    checkpointer.logGrew(to: Int(pages))
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(checkpointer).toOpaque())
    }

    /// Undoes `handCheckpoints(to:)`.
    func removeWALHook() {
        guard let handle else { return }
        sqlite3_wal_hook(handle, nil, nil)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let reason = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw StoreError(.statement, "\(reason) (in \(Self.abbreviate(sql)))", sqliteCode: code, sql: sql)
        }
    }

    /// The cached prepared statement for `sql`, bound to `values`.
    func prepare(_ sql: String, _ values: [any SQLiteBindable] = []) throws(StoreError) -> SQLiteStatement {
        let statement: SQLiteStatement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try SQLiteStatement(connection: self, sql: sql)
            statements[sql] = statement
        }
        try statement.bind(values)
        return statement
    }

    /// Runs a statement that returns no rows.
    func run(_ sql: String, _ values: [any SQLiteBindable] = []) throws(StoreError) {
        let statement = try prepare(sql, values)
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Runs a query and maps every row.
    func query<Row>(
        _ sql: String, _ values: [any SQLiteBindable] = [], row map: (SQLiteStatement) throws(StoreError) -> Row
    ) throws(StoreError) -> [Row] {
        var rows: [Row] = []
        try forEachRow(sql, values) { (statement) throws(StoreError) in rows.append(try map(statement)) }
        return rows
    }

    /// Runs a query and hands each row to `body` as it is read, so a large
    /// result is never held whole.
    func forEachRow(
        _ sql: String, _ values: [any SQLiteBindable] = [], _ body: (SQLiteStatement) throws(StoreError) -> Void
    ) throws(StoreError) {
        let statement = try prepare(sql, values)
        defer { statement.reset() }
        while try statement.step() { try body(statement) }
    }

    /// Runs a query and maps its first row, if any.
    func queryOne<Row>(
        _ sql: String, _ values: [any SQLiteBindable] = [], row map: (SQLiteStatement) throws(StoreError) -> Row
    ) throws(StoreError) -> Row? {
        let statement = try prepare(sql, values)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try map(statement)
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed when it
    /// returns, rolled back when it throws.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in a deferred (read) transaction, so that its queries
    /// all read one snapshot of the database; ended when it returns or
    /// throws.
    func readTransaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN DEFERRED")
        defer { try? execute("COMMIT") }
        return try body()
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    var changes: Int { Int(sqlite3_changes(handle)) }

    /// A StoreError carrying SQLite's message for the last failure.
    func error(_ code: StoreError.Code, _ what: String, code sqliteCode: Int32, sql: String? = nil) -> StoreError {
        let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(sqliteCode))
        let context = sql.map { " (in \(Self.abbreviate($0)))" } ?? ""
        return StoreError(code, "\(what): \(reason)\(context)", sqliteCode: sqliteCode, sql: sql)
    }

    private static func abbreviate(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.joined(
            separator: " ")
        return line.count > 80 ? String(line.prefix(77)) + "..." : line
    }
}
