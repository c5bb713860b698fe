import FeedSiftCore
import FeedSiftDedupe
import FeedSiftStore
import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftDaemon

/// The glue between the deduplication index and the store: features
/// computed beforehand (the normal path) or while storing (an entry that
/// was not new when its document was prepared).
@Suite struct StoryPlacerTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func item(feedID: Int64, key: String, link: String, hours: Double = 0) -> NewItem {
        let text = """
            Myanmar's Man Maw tin mining region halted output on Monday for an audit of 214 licences, the Wa \
            authority said, in a move traders expect to tighten concentrate supply to Chinese smelters further.
            """
        return NewItem(
            feedID: feedID, entryKey: key, entryID: key, link: link, canonicalURL: "https://a.example/tin",
            title: "Tin output halted in Myanmar's Man Maw for licence audit", summaryHTML: nil, contentHTML: nil,
            summaryText: text, contentText: nil, authors: [], entryCategories: [], enclosures: [],
            published: Date(timeIntervalSince1970: 1_790_000_000 + hours * 3600), updated: nil, contentHash: key,
            categories: ["metals"], score: 1, dropped: false)
    }

    @Test func entriesArePlacedWithFeaturesComputedBeforehandOrWhileStored() async throws {
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        let location = SourceLocation(file: "feeds.conf", line: 1, column: 1)
        let feeds = try store.synchronizeFeeds([
            FeedDefinition(name: "a", url: "https://a.example/", location: location),
            FeedDefinition(name: "b", url: "https://b.example/", location: location),
        ])
        let placer = StoryPlacer(window: .seconds(7 * 86_400))
        let now = Date(timeIntervalSince1970: 1_790_003_600)

        let original = [item(feedID: feeds[0].id, key: "a1", link: "https://a.example/tin")]
        let reader = try StoredEntriesReader(path: directory.file("feedsift.db"))
        let context = try StoryPlacer.context(of: original, feedID: feeds[0].id, reader: reader)
        #expect(context.isNew == [true])
        let analyses = await StoryPlacer.analyses(of: original, context: context, now: now)
        #expect(analyses.allSatisfy { $0 != nil })
        let first = placer.beginBatch(original, analyses: analyses, feedID: feeds[0].id, now: now)
        #expect(try placer.place(at: 0, of: first, store: store, categoryOrder: ["metals"], at: now) == false)

        // No features computed beforehand: the placer computes them itself.
        let repost = [item(feedID: feeds[1].id, key: "b1", link: "https://a.example/tin?utm_source=x", hours: 1)]
        let second = placer.beginBatch(repost, analyses: [], feedID: feeds[1].id, now: now)
        #expect(try placer.place(at: 0, of: second, store: store, categoryOrder: ["metals"], at: now))

        let stories = try store.stories(matching: StoryQuery())
        #expect(stories.count == 1)
        #expect(stories.first?.items.map(\.entryID) == ["a1", "b1"])
        #expect(stories.first?.items.last?.copyOf == stories.first?.items.first?.id)

        // Known entries have no features computed.
        let again = try StoryPlacer.context(of: original + repost, feedID: feeds[0].id, reader: reader)
        #expect(again.isNew == [false, true])
        #expect(await StoryPlacer.analyses(of: original, context: .unknown, now: now).allSatisfy { $0 == nil })
    }

    /// The index is a cache of the store: after a trim has evicted an item,
    /// a late entry whose window reaches back to it loads it again, and a
    /// new placer (a restart) rebuilds what it needs from stored features.
    @Test func theIndexReachesBackIntoTheStoreAfterATrimAndAfterARestart() async throws {
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        let location = SourceLocation(file: "feeds.conf", line: 1, column: 1)
        let feeds = try store.synchronizeFeeds(
            ["a", "b", "c", "d"].map { FeedDefinition(name: $0, url: "https://\($0).example/", location: location) })
        let placer = StoryPlacer(window: .seconds(7 * 86_400))
        func place(_ entry: NewItem, with placer: StoryPlacer, at now: Date) throws -> Bool {
            let batch = placer.beginBatch([entry], analyses: [], feedID: entry.feedID, now: now)
            return try placer.place(at: 0, of: batch, store: store, categoryOrder: ["metals"], at: now)
        }
        let published = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(
            try !place(item(feedID: feeds[0].id, key: "a1", link: "https://a.example/tin"), with: placer, at: published)
        )

        // A month later the window has moved on: the trim evicts the item.
        let monthLater = published.addingTimeInterval(30 * 86_400)
        placer.trim(now: monthLater)
        // An unrelated item placed now does not bring it back.
        var other = item(feedID: feeds[3].id, key: "d1", link: "https://d.example/copper", hours: 30 * 24)
        other.title = "Copper stocks in Shanghai fall for a fifth week"
        other.summaryText = "Copper inventories in Shanghai Futures Exchange warehouses fell again, to 61,000 tonnes."
        other.canonicalURL = "https://d.example/copper"
        #expect(try !place(other, with: placer, at: monthLater))

        // A late copy from the month before reaches back and finds it.
        let late = item(feedID: feeds[1].id, key: "b1", link: "https://a.example/tin?ref=b", hours: 1)
        #expect(try place(late, with: placer, at: monthLater), "a copy of the evicted item")

        // A new placer, as after a restart, loads from the store too.
        let restarted = StoryPlacer(window: .seconds(7 * 86_400))
        let later = item(feedID: feeds[2].id, key: "c1", link: "https://a.example/tin?ref=c", hours: 2)
        #expect(try place(later, with: restarted, at: monthLater.addingTimeInterval(60)), "a copy after a restart")

        let stories = try store.stories(matching: StoryQuery(limit: 10, includeUncategorized: true))
        let tin = try #require(stories.first { $0.items.contains { $0.entryID == "a1" } })
        #expect(tin.items.map(\.entryID).sorted() == ["a1", "b1", "c1"])
        #expect(stories.count == 2)
    }

    /// A content farm's item: the story wrapped in the farm's header and footer.
    private func farmItem(feedID: Int64, number: Int, _ title: String, _ body: String) -> NewItem {
        let content = """
            We build websites and run campaigns for mining companies. Ask us for a free audit today!

            \(body)

            Leave a comment below. The post \(title) appeared first on Farm Blog.
            """
        return NewItem(
            feedID: feedID, entryKey: "farm\(number)", entryID: "farm\(number)", link: "https://farm.example/\(number)",
            canonicalURL: "https://farm.example/\(number)", title: title, summaryHTML: nil, contentHTML: nil,
            summaryText: nil, contentText: content, authors: [], entryCategories: [], enclosures: [],
            published: Date(timeIntervalSince1970: 1_790_000_000 + Double(number) * 3600), updated: nil,
            contentHash: "farm\(number)", categories: [], score: 0, dropped: false)
    }

    @Test func aLaterPollLearnsTheBoilerplateFromWhatStoredItemsToldAndPreparesOnlyNewEntries() async throws {
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        let location = SourceLocation(file: "feeds.conf", line: 1, column: 1)
        let feed = try store.synchronizeFeeds([
            FeedDefinition(name: "farm", url: "https://farm.example/", location: location)
        ])[0]
        let reader = try StoredEntriesReader(path: directory.file("feedsift.db"))
        let placer = StoryPlacer(window: .seconds(7 * 86_400))
        let now = Date(timeIntervalSince1970: 1_790_100_000)
        let first = [
            farmItem(
                feedID: feed.id, number: 1, "Tin jumps to two-year high", "Tin rose sharply in London on Tuesday."),
            farmItem(feedID: feed.id, number: 2, "Coffee harvest ends early", "Brazil finished its arabica harvest."),
            farmItem(feedID: feed.id, number: 3, "Freight rates ease again", "Container rates eased for a third week."),
        ]
        let firstBatch = placer.beginBatch(
            first,
            analyses: await StoryPlacer.analyses(
                of: first, context: try StoryPlacer.context(of: first, feedID: feed.id, reader: reader), now: now),
            feedID: feed.id, now: now)
        for position in first.indices {
            try placer.place(at: position, of: firstBatch, store: store, categoryOrder: [], at: now)
        }

        // The next document repeats the three stored entries and adds one.
        let next =
            first + [
                farmItem(feedID: feed.id, number: 4, "Nickel quota cut", "Indonesia will cut its nickel ore quota.")
            ]
        let context = try StoryPlacer.context(of: next, feedID: feed.id, reader: reader)
        #expect(context.isNew == [false, false, false, true])
        #expect(context.stored.count == 3)
        #expect(context.stored.allSatisfy { if case .evidence = $0 { true } else { false } })
        let analyses = await StoryPlacer.analyses(of: next, context: context, now: now)
        #expect(analyses.prefix(3).allSatisfy { $0 == nil })
        // The same features as learning from every entry's text: the farm's
        // header and footer are gone, only the story's words are left.
        let fromTexts = SourceBoilerplate(learningFrom: next.map { PreparedText($0) })
        #expect(!fromTexts.isEmpty)
        let expected = FeatureExtractor().features(
            of: DedupeInput(
                title: next[3].title, summaryText: nil, contentText: next[3].contentText,
                canonicalURL: next[3].canonicalURL, eventTime: 1_790_000_000 + 4 * 3600, identity: "farm4"),
            boilerplate: fromTexts)
        #expect(analyses[3]?.features == expected)
        #expect(analyses[3]?.features.termWords.contains("audit") == false)

        // An item whose text changed tells nothing stored until it is new
        // again: its text is read instead.
        let existing = try #require(try store.existingItem(feedID: feed.id, entryKey: "farm2"))
        var edited = first[1]
        edited.contentHash = "edited"
        try store.updateItem(existing, with: edited, categoryOrder: [], at: now)
        let afterEdit = try StoryPlacer.context(of: next, feedID: feed.id, reader: reader)
        #expect(afterEdit.stored.filter { if case .text = $0 { true } else { false } }.count == 1)
        #expect(await StoryPlacer.analyses(of: next, context: afterEdit, now: now)[3]?.features == expected)
    }

    /// A trim that leaves most of the index's slots free replaces the index
    /// with an empty one, so its storage is given back; the next batch
    /// reloads the window from the store.
    @Test func aTrimThatEmptiesMostOfTheIndexGivesItsMemoryBack() async throws {
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        let location = SourceLocation(file: "feeds.conf", line: 1, column: 1)
        let feeds = try store.synchronizeFeeds(
            ["a", "b"].map { FeedDefinition(name: $0, url: "https://\($0).example/", location: location) })
        let placer = StoryPlacer(window: .seconds(7 * 86_400), compactionMinimum: 32)
        func place(_ entry: NewItem, at now: Date) throws -> Bool {
            let batch = placer.beginBatch([entry], analyses: [], feedID: entry.feedID, now: now)
            return try placer.place(at: 0, of: batch, store: store, categoryOrder: ["metals"], at: now)
        }
        // A backlog reaching a month back, then one item of this week.
        let now = Date(timeIntervalSince1970: 1_790_000_000 + 30 * 86_400)
        for number in 0..<60 {
            let old = item(
                feedID: feeds[0].id, key: "a\(number)", link: "https://a.example/tin/\(number)", hours: Double(number))
            _ = try place(old, at: now)
        }
        var recent = item(feedID: feeds[1].id, key: "b1", link: "https://b.example/copper", hours: 30 * 24 - 5)
        recent.title = "Copper stocks in Shanghai fall for a fifth week"
        recent.summaryText = "Copper inventories in Shanghai Futures Exchange warehouses fell again, to 61,000 tonnes."
        recent.canonicalURL = "https://b.example/copper"
        #expect(try !place(recent, at: now))
        let full = placer.indexMemoryBytes

        placer.trim(now: now)
        #expect(placer.indexMemoryBytes < full / 4, "\(placer.indexMemoryBytes) bytes after the trim, \(full) before")

        // The window comes back from the store: a copy of this week's item
        // still finds it.
        var copy = recent
        copy.entryKey = "b2"
        copy.entryID = "b2"
        copy.link = "https://b.example/copper?utm_source=x"
        copy.contentHash = "b2"
        #expect(try place(copy, at: now.addingTimeInterval(60)), "a copy after the index was replaced")
        #expect(placer.indexMemoryBytes > 0)
    }
}
