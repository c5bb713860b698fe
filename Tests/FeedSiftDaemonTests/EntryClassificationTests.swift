import FeedSiftCore
import FeedSiftDedupe
import FeedSiftFetch
import FeedSiftRules
import FeedSiftStore
import FeedSiftTestSupport
import Foundation
import Logging
import Testing

@testable import FeedSiftDaemon

/// Rules run only on the entries that will be written: new entries and
/// changed ones. An entry the store already has unchanged is neither
/// classified again nor read again by the pipeline. Also, with the same
/// fixture, what the pipeline keeps of its index when a cycle ends.
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
        PreparedDocument(
            response: FetchResponse(status: 200, finalURL: "https://wire.example/feed"),
            parsed: ParsedFeed(format: .rss20, entries: entries),
            items: entries.map { normalizer.item(from: $0, feed: feed) })
    }

    /// A pipeline on the suite's database, with its one feed.
    private func openPipeline() async throws -> (FeedPipeline, FeedState, FeedDefinition) {
        let pipeline = try FeedPipeline(
            configuration: configuration, databasePath: directory.file("feedsift.db"),
            logger: Logger(label: "test"))
        let feed = try #require(try await pipeline.synchronizeFeeds().first)
        return (pipeline, feed, try #require(configuration.feed(named: "wire")))
    }

    /// As the poll cycle does before storing: compare with the store, prepare.
    private func prepared(
        _ entries: [ParsedEntry], for pipeline: FeedPipeline, feed: FeedState, definition: FeedDefinition
    ) async -> FetchOutcome {
        var document = document(entries, feed: feed)
        let context = pipeline.placementContext(of: document.items, feedID: feed.id)
        _ = await document.prepare(
            given: context, normalizer: normalizer, feed: feed, definition: definition, now: Date())
        return FetchOutcome(
            feed: feed, definition: definition, requestedAt: Date(), conditional: false, result: .document(document))
    }

    /// Prepared, then ingested.
    private func ingest(
        _ entries: [ParsedEntry], into pipeline: FeedPipeline, feed: FeedState, definition: FeedDefinition
    ) async -> IngestSummary {
        await pipeline.ingest(await prepared(entries, for: pipeline, feed: feed, definition: definition))
    }

    @Test func onlyNewAndChangedEntriesAreClassified() async throws {
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        let feed = try #require(try store.synchronizeFeeds(configuration.feeds).first)
        let definition = try #require(configuration.feed(named: "wire"))
        var prepared = document(
            [entry("1", "Tin output halted"), entry("2", "Tin price rises"), entry("3", "Tin smelter restarts")],
            feed: feed)
        let context = StoryPlacer.DocumentContext(
            storedHashes: [prepared.items[0].contentHash, "older version", nil], stored: [])
        let hits = await prepared.prepare(
            given: context, normalizer: normalizer, feed: feed, definition: definition, now: Date())
        #expect(prepared.unchanged == [true, false, false])
        #expect(prepared.items.map { $0.categories } == [[], ["metals"], ["metals"]])
        #expect(prepared.items.map { $0.canonicalURL } == [nil, "https://wire.example/2", "https://wire.example/3"])
        #expect(hits == ["tin": 2])
        #expect(prepared.analyses.map { $0 != nil } == [false, false, true])

        // Without a context (the store could not be read), everything.
        var unknown = document([entry("1", "Tin output halted")], feed: feed)
        _ = await unknown.prepare(
            given: .unknown, normalizer: normalizer, feed: feed, definition: definition, now: Date())
        #expect(unknown.unchanged == [false] && unknown.items[0].categories == ["metals"])
    }

    @Test func thePipelineWritesNewAndChangedEntriesAndSkipsUnchangedOnes() async throws {
        let (pipeline, feed, definition) = try await openPipeline()
        func ingest(_ entries: [ParsedEntry]) async -> IngestSummary {
            await self.ingest(entries, into: pipeline, feed: feed, definition: definition)
        }
        let first = await ingest([entry("1", "Tin output halted"), entry("2", "Copper steady")])
        #expect(first.newItems == 2 && first.updatedItems == 0)
        let second = await ingest([
            entry("1", "Tin output halted"), entry("2", "Copper steady, tin firm"), entry("3", "Tin smelter restarts"),
        ])
        #expect(second.newItems == 1 && second.updatedItems == 1)
        await pipeline.close()
        // The context reader closes before the writer, which then copies the
        // log into the file and removes it.
        #expect(!FileManager.default.fileExists(atPath: directory.file("feedsift.db-wal")))
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        // The edited entry keeps what its new text tells about the feed's
        // boilerplate: no stored item has to be read as text.
        let samples = try store.sourceSamples(feedID: feed.id, limit: 10)
        #expect(samples.count == 3)
        #expect(samples.allSatisfy { if case .evidence = $0 { true } else { false } })
        let stories = try store.stories(matching: StoryQuery())
        let titles = stories.flatMap(\.items).map(\.title).sorted()
        #expect(titles == ["Copper steady, tin firm", "Tin output halted", "Tin smelter restarts"])
        #expect(stories.flatMap(\.items).allSatisfy { $0.categories == ["metals"] })
    }

    /// Between cycles the index keeps the window; after the process's last
    /// cycle it is let go before publishing.
    @Test func theLastCycleLetsTheIndexGoAndAnEarlierOneKeepsIt() async throws {
        let (pipeline, feed, definition) = try await openPipeline()
        let entries = (1...40).map { entry("\($0)", "Tin smelter \($0) restarts after a strike") }
        let summary = await ingest(entries, into: pipeline, feed: feed, definition: definition)
        #expect(summary.newItems == 40)
        let empty = StoryPlacer(window: configuration.dedupe.window).indexMemoryBytes
        let filled = await pipeline.dedupeIndexBytes
        #expect(filled > empty)
        await pipeline.endCycle(at: Date(), last: false)
        #expect(await pipeline.dedupeIndexBytes == filled, "the items are inside the window")
        await pipeline.endCycle(at: Date(), last: true)
        #expect(await pipeline.dedupeIndexBytes == empty)
        await pipeline.close()
    }

    /// Items stored before the `2:` content fingerprint carry the old FNV-1a
    /// one: seen again unchanged they are not edits (an upgrade would
    /// otherwise show every story as updated); changed, they are.
    @Test func itemsStoredWithTheOldFingerprintAreEditedOnlyWhenTheyChange() async throws {
        let path = directory.file("feedsift.db")
        let definition = try #require(configuration.feed(named: "wire"))
        func ingest(_ entries: [ParsedEntry]) async throws -> IngestSummary {
            let pipeline = try FeedPipeline(
                configuration: configuration, databasePath: path, logger: Logger(label: "t"))
            let feed = try #require(try await pipeline.synchronizeFeeds().first)
            let summary = await self.ingest(entries, into: pipeline, feed: feed, definition: definition)
            await pipeline.close()
            return summary
        }
        let entries = [entry("1", "Tin output halted"), entry("2", "Copper steady")]
        #expect(try await ingest(entries).newItems == 2)
        // Give both stored items the fingerprint an earlier version stored.
        do {
            let store = try StoreWriter(path: path)
            let feed = try #require(try store.feedStates().first)
            for parsed in entries {
                var item = normalizer.item(from: parsed, feed: feed)
                #expect(item.contentHash.hasPrefix("2:"))
                item.contentHash = Fingerprint.hash(item.title, item.summaryHTML, item.contentHTML, item.link)
                let existing = try #require(try store.existingItem(feedID: feed.id, entryKey: item.entryKey))
                try store.updateItem(existing, with: item, categoryOrder: ["metals"], at: Date())
            }
            store.close()
        }
        let unchanged = try await ingest(entries)
        #expect(unchanged.newItems == 0 && unchanged.updatedItems == 0, "\(unchanged)")
        let edited = try await ingest([entry("1", "Tin output halted"), entry("2", "Copper steady, tin firm")])
        #expect(edited.newItems == 0 && edited.updatedItems == 1, "\(edited)")
    }

    @Test func aDocumentPreparedBeforeAnotherOfItsFeedWasStoredLooksItsEntriesUpAgain() async throws {
        let (pipeline, feed, definition) = try await openPipeline()
        // A refresh during a cycle: two copies of the feed's document are
        // prepared while neither is stored, so both find entry 1 new.
        func prepared(_ entries: [ParsedEntry]) async -> FetchOutcome {
            await self.prepared(entries, for: pipeline, feed: feed, definition: definition)
        }
        let early = await prepared([entry("1", "Tin output halted")])
        let late = await prepared([entry("1", "Tin output halted"), entry("2", "Tin smelter restarts")])
        let first = await pipeline.ingest(early)
        #expect(!first.failed && first.newItems == 1)
        // Entry 1 is stored now: the second document must find it, not
        // insert it a second time (which the store would refuse).
        let second = await pipeline.ingest(late)
        #expect(!second.failed && second.newItems == 1 && second.updatedItems == 0)
        await pipeline.close()
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        let titles = try store.stories(matching: StoryQuery()).flatMap(\.items).map(\.title).sorted()
        #expect(titles == ["Tin output halted", "Tin smelter restarts"])
    }
}
