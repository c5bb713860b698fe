internal import CSQLite
import FoundationEssentials

/// Interrupts any statement of one connection that runs longer than a
/// limit, so one expensive request (a search for a word in every item,
/// filtered to nothing) cannot hold a reader for long. The statement fails
/// with `SQLITE_INTERRUPT`, which `StoreError.isInterrupted` recognises.
///
/// SQLite calls the progress handler every few thousand virtual-machine
/// steps; it compares the clock with the deadline of the running call.
final class QueryTimeLimit {
    private let limit: Duration
    private var deadline: ContinuousClock.Instant?

    /// Installs itself on `connection`, which must not outlive it.
    init(limit: Duration, connection: SQLiteConnection) {
        self.limit = limit
        sqlite3_progress_handler(
            connection.handle, 10_000,
            { context in
                guard let context else { return 0 }
                let timeLimit = Unmanaged<QueryTimeLimit>.fromOpaque(context).takeUnretainedValue()
                guard let deadline = timeLimit.deadline else { return 0 }
                return ContinuousClock.now > deadline ? 1 : 0
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Runs `body` with the limit in force.
    func enforce<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        deadline = .now + limit
        defer { deadline = nil }
        return try body()
    }
}

extension StoreError {
    /// The statement was stopped for running longer than the reader allows.
    public var isInterrupted: Bool { sqliteCode == SQLITE_INTERRUPT }
}
