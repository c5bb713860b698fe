/// A failure of the store, naming what was being done and SQLite's own
/// reason, e.g. `cannot open database /var/lib/feedsift/feedsift.db: unable
/// to open database file (SQLITE_CANTOPEN)`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that react to it.
    public enum Code: Sendable, Hashable {
        /// The database file could not be opened or created.
        case open
        /// The schema could not be brought up to date.
        case migration
        /// A statement failed to prepare or run.
        case statement
        /// The file is newer than this program understands.
        case schemaTooNew
        /// The file is not a usable database (corrupt, or not SQLite).
        case corrupt
        /// A row the caller named does not exist.
        case notFound
    }

    public var code: Code
    public var message: String
    /// SQLite's extended result code, when the failure came from SQLite.
    public var sqliteCode: Int32?
    /// The statement involved, when there was one.
    public var sql: String?

    public init(_ code: Code, _ message: String, sqliteCode: Int32? = nil, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sqliteCode = sqliteCode
        self.sql = sql
    }

    public var description: String { message }
}
