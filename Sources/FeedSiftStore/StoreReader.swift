public import FeedSiftCore
public import FoundationEssentials
import Synchronization

/// Read-only access to the database for queries (the control server's), so
/// that reading never waits for the pipeline's writer and can never write.
///
/// WAL mode lets readers see a consistent snapshot while the writer
/// commits. The reader keeps a few connections, each on a thread of its
/// own, and gives each query to the least busy one, so one slow query
/// does not queue the others behind it; a query running past
/// `queryTimeLimit` is stopped (`StoreError.isInterrupted`). The database
/// must exist and be migrated (the writer does that on start-up).
public final class StoreReader: Sendable {
    /// Matches that `relevance` ordering ranks, newest first: scoring every
    /// match of a word found in most items would take seconds.
    public static let relevanceWindow = 5_000

    private let connections: [ReaderConnection]
    /// Queries running on each connection.
    private let load: Mutex<[Int]>

    /// Opens `connections` read-only connections to the database at `path`.
    public init(path: String, connections: Int = 2, queryTimeLimit: Duration = .seconds(2)) throws(StoreError) {
        var opened: [ReaderConnection] = []
        for _ in 0..<max(connections, 1) {
            opened.append(try ReaderConnection(path: path, queryTimeLimit: queryTimeLimit))
        }
        self.connections = opened
        load = Mutex(Array(repeating: 0, count: opened.count))
    }

    /// Closes every connection; later queries fail. Call it before the
    /// writer closes: the last connection to close copies the write-ahead
    /// log into the database file and removes it, which a read-only one
    /// cannot do.
    public func close() async {
        for connection in connections { await connection.close() }
    }

    /// Counts and times for `status`.
    public func overview(at now: Date) async throws(StoreError) -> StoreOverview {
        try await withConnection { connection throws(StoreError) in try await connection.overview(at: now) }
    }

    /// Every configured feed's state, in the order they were first configured.
    public func feedStates() async throws(StoreError) -> [FeedState] {
        try await withConnection { connection throws(StoreError) in try await connection.feedStates() }
    }

    /// Stories for a listing, newest change first, each with its items.
    public func stories(matching query: StoryQuery) async throws(StoreError) -> [StorySnapshot] {
        try await withConnection { connection throws(StoreError) in try await connection.stories(matching: query) }
    }

    public func story(id: Int64) async throws(StoreError) -> StorySnapshot? {
        try await withConnection { connection throws(StoreError) in try await connection.story(id: id) }
    }

    /// One item by store id, with its feed and how it joined its story.
    public func item(id: Int64) async throws(StoreError) -> ItemSnapshot? {
        try await withConnection { connection throws(StoreError) in try await connection.item(id: id) }
    }

    /// The entry ids of the given items, by store id.
    public func entryIDs(ofItems ids: [Int64]) async throws(StoreError) -> [Int64: String] {
        try await withConnection { connection throws(StoreError) in try await connection.entryIDs(ofItems: ids) }
    }

    /// The store id of the item an entry id names (its guid or atom:id,
    /// else its link), the earliest one when several feeds carry it.
    public func itemID(forEntryID entryID: String) async throws(StoreError) -> Int64? {
        try await withConnection { connection throws(StoreError) in try await connection.itemID(forEntryID: entryID) }
    }

    /// Whether an item with this store id exists.
    public func itemExists(id: Int64) async throws(StoreError) -> Bool {
        try await withConnection { connection throws(StoreError) in try await connection.itemExists(id: id) }
    }

    /// One page of items matching `query`; empty when its text holds no
    /// word to search for (check with `FullTextExpression.build` first to
    /// tell the user).
    public func search(_ query: ItemSearchQuery) async throws(StoreError) -> ItemSearchPage {
        try await withConnection { connection throws(StoreError) in try await connection.search(query) }
    }

    func withConnection<T: Sendable>(
        _ body: (ReaderConnection) async throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        let index = load.withLock { load in
            let index = load.indices.min { load[$0] < load[$1] } ?? 0
            load[index] += 1
            return index
        }
        defer { load.withLock { $0[index] -= 1 } }
        return try await body(connections[index])
    }
}
