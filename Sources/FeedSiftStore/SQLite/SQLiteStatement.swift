internal import CSQLite

/// One prepared statement, owned by its connection's statement cache.
///
/// The connection finalizes every statement before it closes, because
/// SQLite refuses to close a connection with live statements.
final class SQLiteStatement {
    private(set) var handle: OpaquePointer?
    let sql: String
    private unowned let connection: SQLiteConnection
    /// The bytes of the bound text and blobs (see `bind`); freed after the
    /// statement is finalized.
    private var boundBytes = UnsafeMutableRawBufferPointer(start: nil, count: 0)

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

    deinit {
        finalize()
        boundBytes.deallocate()
    }

    /// Clears the previous run and binds `values` to `?1`, `?2`, …
    ///
    /// Text and blobs are copied into `boundBytes`, which SQLite reads in
    /// place until the next `bind` (`SQLITE_STATIC`). Letting SQLite copy
    /// each value (`SQLITE_TRANSIENT`) cost an allocation and a free per
    /// value: about twenty for every stored item.
    func bind(_ values: [any SQLiteBindable]) throws(StoreError) {
        sqlite3_reset(handle)
        // From here on no parameter points into `boundBytes`.
        sqlite3_clear_bindings(handle)
        reserveBoundBytes(values.reduce(0) { $0 + Self.boundByteCount($1.sqliteValue) })
        var used = 0
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
                // By its UTF-8 bytes and their count: SQLite does not measure
                // it, and a U+0000 inside is kept rather than ending it.
                let start = text.withUTF8 { copyToBoundBytes($0, at: &used) }
                code = sqlite3_bind_text64(
                    handle, index, start.assumingMemoryBound(to: CChar.self), sqlite3_uint64(text.utf8.count), nil,
                    UInt8(SQLITE_UTF8))
            case .blob(let bytes):
                let start = bytes.withUnsafeBytes {
                    copyToBoundBytes($0.assumingMemoryBound(to: UInt8.self), at: &used)
                }
                code = sqlite3_bind_blob64(handle, index, start, sqlite3_uint64(bytes.count), nil)
            }
            guard code == SQLITE_OK else {
                throw connection.error(.statement, "cannot bind parameter \(index)", code: code, sql: sql)
            }
        }
    }

    private static func boundByteCount(_ value: SQLiteValue) -> Int {
        switch value {
        case .text(let text): text.utf8.count
        case .blob(let bytes): bytes.count
        case .null, .integer, .real: 0
        }
    }

    /// Makes `boundBytes` hold at least `count` bytes. Only called once the
    /// bindings are cleared, so nothing bound still points into it.
    ///
    /// A buffer grown past `retainedBoundBytes` for one large value goes
    /// back to that size at the next run that needs no more: statements are
    /// cached for the connection's life, and a multi-megabyte entry would
    /// otherwise keep its buffer as long.
    private func reserveBoundBytes(_ count: Int) {
        if count > boundBytes.count {
            replaceBoundBytes(byteCount: max(count, 2 * boundBytes.count, 4096))
        } else if boundBytes.count > Self.retainedBoundBytes && count <= Self.retainedBoundBytes {
            replaceBoundBytes(byteCount: Self.retainedBoundBytes)
        }
    }

    private func replaceBoundBytes(byteCount: Int) {
        boundBytes.deallocate()
        boundBytes = .allocate(byteCount: byteCount, alignment: 16)
    }

    /// The most bound-value memory a statement keeps between runs: far
    /// more than an ordinary item's texts.
    static let retainedBoundBytes = 1 << 20

    /// How many bytes the statement holds for bound values (for tests).
    var boundByteCapacity: Int { boundBytes.count }

    /// Copies `bytes` to `boundBytes` at `used` and returns where they are
    /// now. Empty values point to a static empty string: a null pointer
    /// would bind NULL instead of an empty text or blob.
    private func copyToBoundBytes(_ bytes: UnsafeBufferPointer<UInt8>, at used: inout Int) -> UnsafeRawPointer {
        guard let source = bytes.baseAddress, !bytes.isEmpty, let base = boundBytes.baseAddress else {
            return UnsafeRawPointer(Self.emptyText.utf8Start)
        }
        let destination = base + used
        destination.copyMemory(from: source, byteCount: bytes.count)
        used += bytes.count
        return UnsafeRawPointer(destination)
    }

    /// What an empty text or blob binds to: static, so it never dangles.
    private static let emptyText: StaticString = ""

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
