import FeedSiftCore
import FeedSiftDaemon
import FeedSiftStore
import FeedSiftTestSupport
import Foundation
import Logging

/// A real database with a few known stories, and a real control server on
/// a Unix socket in a temp directory, for the server tests.
///
/// The store holds two feeds (`wire`, `blog`) and two stories: story 1,
/// "Gallium export controls tightened", categorized `critical-minerals`,
/// with the wire original and a blog copy; story 2, "Copper prices steady",
/// with no category.
final class ControlFixture: Sendable {
    let directory: TemporaryDirectory
    let databasePath: String
    let socketPath: String
    let reader: StoreReader
    let metrics = FeedSiftMetrics()

    init() throws {
        directory = try TemporaryDirectory(prefix: "fs-ctl")
        databasePath = directory.file("feedsift.db")
        socketPath = directory.file("control.sock")
        let writer = try StoreWriter(path: databasePath)
        try Self.fill(writer)
        writer.close()
        reader = try StoreReader(path: databasePath)
    }

    private static func fill(_ writer: StoreWriter) throws {
        let location = SourceLocation(file: "feeds.conf", line: 1, column: 1)
        let feeds = try writer.synchronizeFeeds([
            FeedDefinition(name: "wire", url: "https://wire.example/feed", location: location),
            FeedDefinition(name: "blog", url: "https://blog.example/feed", location: location),
        ])
        let now = Date()
        try writer.recordFetch(
            FetchRecord(
                at: now, status: 200, succeeded: true, conditional: false, nextPollAt: now.addingTimeInterval(1800)),
            feedID: feeds[0].id)
        try writer.recordFetch(
            FetchRecord(
                at: now, status: 503, error: "HTTP 503 from blog.example", succeeded: false, conditional: true,
                nextPollAt: now.addingTimeInterval(600)), feedID: feeds[1].id)
        let order = ["critical-minerals"]
        let original = try writer.insertItem(
            item(
                feedID: feeds[0].id, key: "wire-1", title: "Gallium export controls tightened",
                text: "Beijing restricts gallium and germanium exports from August.",
                categories: ["critical-minerals"]),
            placement: .newStory, categoryOrder: order, at: now)
        try writer.insertItem(
            item(
                feedID: feeds[1].id, key: "blog-7", title: "China tightens gallium export controls",
                text: "A copy: Beijing restricts gallium and germanium exports from August.",
                categories: ["critical-minerals"]),
            placement: StoryPlacement(
                storyID: original.storyID, copyOf: original.itemID, reason: "same lead paragraph as item 1"),
            categoryOrder: order, at: now)
        try writer.insertItem(
            item(
                feedID: feeds[0].id, key: "wire-2", title: "Copper prices steady",
                text: "Copper held near record highs on the LME.", categories: []),
            placement: .newStory, categoryOrder: order, at: now.addingTimeInterval(1))
        try writer.indexSearchBacklog()
    }

    private static func item(feedID: Int64, key: String, title: String, text: String, categories: [String])
        -> NewItem
    {
        NewItem(
            feedID: feedID, entryKey: "id:" + key, entryID: key, link: "https://example.org/\(key)",
            canonicalURL: "https://example.org/\(key)", title: title, summaryHTML: "<p>\(text)</p>",
            contentHTML: nil, summaryText: text, contentText: nil, authors: [], entryCategories: [], enclosures: [],
            published: Date(timeIntervalSince1970: 1_780_000_000), updated: nil, contentHash: "h-" + key,
            categories: categories, score: categories.isEmpty ? 0 : 10, dropped: false)
    }

    func dispatcher(daemon: (any DaemonControl)? = nil) -> ControlDispatcher {
        ControlDispatcher(
            reader: reader, metrics: metrics, daemon: daemon, socketPath: socketPath,
            logger: Logger(label: "feedsift.test"))
    }

    func settings(_ adjust: (inout ControlServerSettings) -> Void = { _ in }) -> ControlServerSettings {
        var settings = ControlServerSettings(socketPath: socketPath)
        adjust(&settings)
        return settings
    }

    /// Starts a server, runs `body`, then stops the server (as a shutdown
    /// would) and waits until it has finished.
    func withServer<T: Sendable>(
        daemon: (any DaemonControl)? = nil, settings: ControlServerSettings? = nil,
        _ body: (ControlServer) async throws -> T
    ) async throws -> T {
        let server = try await ControlServer.start(
            settings: settings ?? self.settings(), dispatcher: dispatcher(daemon: daemon),
            logger: Logger(label: "feedsift.test"))
        let running = Task { await server.run() }
        do {
            let result = try await body(server)
            running.cancel()
            await running.value
            return result
        } catch {
            running.cancel()
            await running.value
            throw error
        }
    }
}

/// Runs blocking socket code on a thread of its own, so that it never
/// occupies one of the few threads the server's tasks need.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}

/// One call through a fresh connection.
func call(_ socketPath: String, _ method: String, _ params: JSONObject = [:]) async throws -> JSONValue {
    try await onThread {
        let client = try ControlClient(socketPath: socketPath, timeout: .seconds(20))
        return try client.call(method, params)
    }
}

/// One raw line through a fresh connection; returns the parsed answer.
func exchange(_ socketPath: String, _ line: String) async throws -> JSONValue {
    try await onThread {
        let client = try ControlClient(socketPath: socketPath, timeout: .seconds(20))
        return try JSONParser.parse(try client.exchange(line))
    }
}
