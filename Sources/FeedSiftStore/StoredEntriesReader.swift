import Synchronization

/// A read-only connection for the lookups the daemon makes before it
/// analyses a feed's document (`StoredEntries`): never through the writer,
/// so preparing a document does not wait while the pipeline stores another.
///
/// The lookups run on the caller's thread, one at a time under a lock. Each
/// is a few index probes (one for a feed's first document), shorter than
/// the hop to a reader thread of its own that `StoreReader` makes for
/// queries of any length. WAL mode gives every lookup a committed snapshot.
public final class StoredEntriesReader: Sendable {
    private let connection: Mutex<SQLiteConnection>

    /// Opens a read-only connection to the database at `path`, which the
    /// writer must have created and migrated.
    public init(path: String) throws(StoreError) {
        let connection = try DatabaseOpener.openReader(path: path)
        // The lookups read index pages and a few rows per entry: a small
        // page cache holds what repeats (SQLite's default is 2 MiB).
        try connection.execute("PRAGMA cache_size = -512")
        self.connection = Mutex(connection)
    }

    /// Closes the connection; later lookups fail. Call it before closing the
    /// writer: the last connection to close copies the log into the
    /// database file and removes it, which a read-only one cannot do.
    public func close() {
        connection.withLock { $0.close() }
    }

    /// What the store holds of the entries with `entryKeys` in the feed, and
    /// up to `sampleLimit` of its recent items when any entry is new, read
    /// in one snapshot.
    public func storedEntries(feedID: Int64, entryKeys: [String], sampleLimit: Int) throws(StoreError)
        -> StoredEntries
    {
        try connection.withLock { (connection) throws(StoreError) in
            try connection.readTransaction { () throws(StoreError) in
                try connection.storedEntries(feedID: feedID, entryKeys: entryKeys, sampleLimit: sampleLimit)
            }
        }
    }
}
