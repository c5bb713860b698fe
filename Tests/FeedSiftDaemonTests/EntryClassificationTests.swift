import FeedSiftCore
import FeedSiftFetch
import FeedSiftRules
import FeedSiftStore
import FeedSiftTestSupport
import Foundation
import Logging
import Testing

@testable import FeedSiftDaemon

/// Rules run only on the entries that will be written: new entries and
/// changed ones. An entry the store already has unchanged is not
/// classified again on every poll, and the pipeline classifies an entry it
/// must write after all.
@Suite struct EntryClassificationTests {
    let directory: TemporaryDirectory
    let configuration: Configuration
    let normalizer: EntryNormalizer

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write(
            "feeds.conf",
            """
            [daemon]
            state-dir = \(directory.path)

            [category "metals"]
            label = Metals

            [rule "tin"]
            category = metals
            match = tin

            [feed "wire"]
            url = https://wire.example/feed
            """)
        configuration = try ConfigurationLoader.load(path: directory.file("feeds.conf"))
        normalizer = EntryNormalizer(rules: try RuleSet.compile(configuration))
    }

    private func entry(_ id: String, _ title: String) -> ParsedEntry {
        ParsedEntry(id: id, title: title, link: "https://wire.example/\(id)", summaryText: "\(title) today.")
    }

    private func document(_ entries: [ParsedEntry], feed: FeedState) -> PreparedDocument {
        let items = entries.map { normalizer.item(from: $0, feed: feed) }
        return PreparedDocument(
            response: FetchResponse(status: 200, finalURL: "https://wire.example/feed"),
            parsed: ParsedFeed(format: .rss20, entries: entries), items: items, isClassified: items.map { _ in false },
            analyses: [], normalizer: normalizer)
    }

    @Test func onlyNewAndChangedEntriesAreClassified() throws {
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        let feed = try #require(try store.synchronizeFeeds(configuration.feeds).first)
        let definition = try #require(configuration.feed(named: "wire"))
        var prepared = document(
            [entry("1", "Tin output halted"), entry("2", "Tin price rises"), entry("3", "Tin smelter restarts")],
            feed: feed)
        let context = StoryPlacer.DocumentContext(
            isNew: [false, false, true], storedHashes: [prepared.items[0].contentHash, "older version", nil],
            stored: [])
        let hits = prepared.classify(given: context, feed: feed, definition: definition)
        #expect(prepared.isClassified == [false, true, true])
        #expect(prepared.items.map { $0.categories } == [[], ["metals"], ["metals"]])
        #expect(hits == ["tin": 2])

        // Without a context (the store could not be read), everything.
        var unknown = document([entry("1", "Tin output halted")], feed: feed)
        _ = unknown.classify(given: .unknown, feed: feed, definition: definition)
        #expect(unknown.items[0].categories == ["metals"])
    }

    @Test func thePipelineClassifiesAnEntryItMustWriteAfterAll() async throws {
        let pipeline = try FeedPipeline(
            configuration: configuration, databasePath: directory.file("feedsift.db"),
            logger: Logger(label: "test"))
        let feed = try #require(try await pipeline.synchronizeFeeds().first)
        let definition = try #require(configuration.feed(named: "wire"))
        // Prepared as if the store had the entry unchanged; it does not.
        let prepared = document([entry("1", "Tin output halted")], feed: feed)
        let summary = await pipeline.ingest(
            FetchOutcome(
                feed: feed, definition: definition, requestedAt: Date(), conditional: false,
                result: .document(prepared)))
        #expect(summary.newItems == 1 && !summary.failed)
        await pipeline.close()
        let stories = try StoreWriter(path: directory.file("feedsift.db")).stories(matching: StoryQuery())
        #expect(stories.first?.items.first?.categories == ["metals"])
    }
}
