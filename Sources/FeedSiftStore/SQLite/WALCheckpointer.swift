import FeedSiftCore
import Glibc

/// Copies the write-ahead log back into the database file from a connection
/// and a thread of its own, so that the pipeline's commits never wait for it.
///
/// SQLite's automatic checkpoint runs inside the commit that makes the log
/// cross its threshold: that commit copies the whole log into the database
/// file and syncs it, in the pipeline's critical path (about 1.2 s of the
/// 1,000-feed cold cycle). Here the writer's commit only reports the log's
/// size (`logGrew(to:)`); past `pagesPerCheckpoint` this thread runs a
/// passive checkpoint, which never waits for the writer or for readers.
/// The writer still checkpoints by itself if the log ever reaches
/// `pagesPerCheckpoint × 16`, in case this thread falls behind.
final class WALCheckpointer: @unchecked Sendable {
    // `@unchecked`: `logPages`, `stopping`, `finished` and
    // `checkpointsRun` are only touched under `condition`; `connection`
    // only by the thread.
    private let condition = ConditionLock()
    private var logPages = 0
    private var stopping = false
    private var finished = false
    private var checkpointsRun = 0
    private let connection: SQLiteConnection
    let pagesPerCheckpoint: Int

    /// Opens its own connection to the database at `path` and starts the
    /// thread.
    init(path: String, pagesPerCheckpoint: Int) throws(StoreError) {
        connection = try SQLiteConnection(path: path)
        self.pagesPerCheckpoint = pagesPerCheckpoint
        // The thread holds the checkpointer until `stop()` ends its loop.
        if let error = DetachedThread.start(name: "feedsift-checkpoint", { [self] in run() }) {
            connection.close()
            throw StoreError(
                .open, "cannot start the checkpoint thread for \(path): \(String(cString: strerror(error)))")
        }
    }

    /// After a commit: the log now holds `pages` pages. Never blocks on a
    /// checkpoint.
    func logGrew(to pages: Int) {
        guard pages >= pagesPerCheckpoint else { return }
        condition.lock()
        logPages = pages
        condition.signal()
        condition.unlock()
    }

    /// How many checkpoints the thread has run (for tests and metrics).
    var completedCheckpoints: Int {
        condition.lock()
        defer { condition.unlock() }
        return checkpointsRun
    }

    /// Ends the thread, letting a checkpoint in progress finish, and closes
    /// its connection. Idempotent.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while logPages == 0 && !stopping { condition.wait() }
            let stop = stopping
            logPages = 0
            condition.unlock()
            if stop { break }
            // A failed passive checkpoint (the file is busy in a way SQLite
            // reports) is retried after the next commit.
            try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            condition.lock()
            checkpointsRun += 1
            condition.unlock()
        }
        connection.close()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
