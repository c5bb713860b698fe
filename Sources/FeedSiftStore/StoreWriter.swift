import FeedSiftCore
import FoundationEssentials

/// The one connection that writes the database.
///
/// Owned by the daemon's pipeline, which is the serial context that all
/// writes go through (`StoreWriter` is deliberately not `Sendable`). Each
/// feed's results are written in one `transaction`, so a crash loses at most
/// the feed in flight. Readers use `StoreReader` on their own connection.
public final class StoreWriter {
    let connection: SQLiteConnection
    let checkpointer: WALCheckpointer
    var storyUIDs = StoryUIDGenerator()

    /// Opens or creates the database at `path` and migrates it.
    public convenience init(path: String) throws(StoreError) {
        try self.init(path: path, pagesPerCheckpoint: nil)
    }

    /// `pagesPerCheckpoint`: how much log the background thread lets grow
    /// before copying it back; nil for 16 MiB, whatever the file's page size.
    init(path: String, pagesPerCheckpoint: Int?) throws(StoreError) {
        connection = try DatabaseOpener.openWriter(path: path)
        let pageSize = try connection.queryOne("PRAGMA page_size") { $0.int(0) } ?? 4096
        checkpointer = try WALCheckpointer(
            path: path, pagesPerCheckpoint: pagesPerCheckpoint ?? Self.logBytesPerCheckpoint / max(pageSize, 512))
        connection.handCheckpoints(to: checkpointer)
    }

    private static let logBytesPerCheckpoint = 16 << 20

    deinit {
        connection.removeWALHook()
        checkpointer.stop()
    }

    /// Closes the connection (after the background checkpoints); the writer
    /// is unusable afterwards.
    public func close() {
        connection.removeWALHook()
        checkpointer.stop()
        connection.close()
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction.
    public func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.transaction(body)
    }

    /// SQLite's own consistency check; "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try connection.query("PRAGMA integrity_check") { $0.string(0) }.joined(separator: "; ")
    }
}

extension Date {
    var unixTime: Double { timeIntervalSince1970 }

    init(unixTime: Double) {
        self.init(timeIntervalSince1970: unixTime)
    }
}
