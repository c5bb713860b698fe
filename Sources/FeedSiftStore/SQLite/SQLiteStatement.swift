internal import CSQLite

/// One prepared statement, owned by its connection's statement cache.
///
/// The connection finalizes every statement before it closes, because
/// SQLite refuses to close a connection with live statements.
final class SQLiteStatement {
    private(set) var handle: OpaquePointer?
    let sql: String
    private unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String) throws(StoreError) {
        self.connection = connection
        self.sql = sql
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw connection.error(.statement, "cannot prepare statement", code: code, sql: sql)
        }
        handle = statement
    }

    /// Frees the statement; called by the connection before it closes.
    func finalize() {
        if let handle { sqlite3_finalize(handle) }
        handle = nil
    }

    deinit { finalize() }

    /// Clears the previous run and binds `values` to `?1`, `?2`, …
    /// What an empty text binds to: static, so it never dangles.
    private static let emptyText: StaticString = ""

    func bind(_ values: [any SQLiteBindable]) throws(StoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value.sqliteValue {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                code = sqlite3_bind_double(handle, index, number)
            case .text(var text):
                // By its UTF-8 bytes and their count: no C string is made
                // (a heap copy for short strings), SQLite does not measure
                // it, and a U+0000 inside is kept rather than ending it.
                code = text.withUTF8 { bytes in
                    // An empty buffer may have no address, which binds NULL.
                    let start = UnsafeRawPointer(bytes.baseAddress ?? Self.emptyText.utf8Start)
                    return sqlite3_bind_text64(
                        handle, index, start.assumingMemoryBound(to: CChar.self), sqlite3_uint64(bytes.count),
                        feedsift_sqlite_transient(), UInt8(SQLITE_UTF8))
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes {
                    sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), feedsift_sqlite_transient())
                }
            }
            guard code == SQLITE_OK else {
                throw connection.error(.statement, "cannot bind parameter \(index)", code: code, sql: sql)
            }
        }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw connection.error(.statement, "statement failed", code: code, sql: sql)
        }
    }

    /// Ends the current run so the statement releases its read snapshot.
    func reset() {
        sqlite3_reset(handle)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func optionalDouble(_ column: Int32) -> Double? {
        isNull(column) ? nil : double(column)
    }

    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    func optionalBlob(_ column: Int32) -> [UInt8]? {
        isNull(column) ? nil : blob(column)
    }
}
