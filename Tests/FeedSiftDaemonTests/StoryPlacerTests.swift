import FeedSiftCore
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

    @Test func entriesArePlacedWithFeaturesComputedBeforehandOrWhileStored() throws {
        let store = try StoreWriter(path: directory.file("feedsift.db"))
        let location = SourceLocation(file: "feeds.conf", line: 1, column: 1)
        let feeds = try store.synchronizeFeeds([
            FeedDefinition(name: "a", url: "https://a.example/", location: location),
            FeedDefinition(name: "b", url: "https://b.example/", location: location),
        ])
        let placer = StoryPlacer(window: .seconds(7 * 86_400))
        let now = Date(timeIntervalSince1970: 1_790_003_600)

        let original = [item(feedID: feeds[0].id, key: "a1", link: "https://a.example/tin")]
        let context = try StoryPlacer.context(of: original, feedID: feeds[0].id, store: store)
        #expect(context.isNew == [true])
        let features = StoryPlacer.features(of: original, context: context, now: now)
        #expect(features.allSatisfy { $0 != nil })
        let first = placer.beginBatch(original, features: features, feedID: feeds[0].id, now: now)
        #expect(try placer.place(at: 0, of: first, store: store, categoryOrder: ["metals"], at: now) == false)

        // No features computed beforehand: the placer computes them itself.
        let repost = [item(feedID: feeds[1].id, key: "b1", link: "https://a.example/tin?utm_source=x", hours: 1)]
        let second = placer.beginBatch(repost, features: [], feedID: feeds[1].id, now: now)
        #expect(try placer.place(at: 0, of: second, store: store, categoryOrder: ["metals"], at: now))

        let stories = try store.stories(matching: StoryQuery())
        #expect(stories.count == 1)
        #expect(stories.first?.items.map(\.entryID) == ["a1", "b1"])
        #expect(stories.first?.items.last?.copyOf == stories.first?.items.first?.id)

        // Known entries have no features computed.
        let again = try StoryPlacer.context(of: original + repost, feedID: feeds[0].id, store: store)
        #expect(again.isNew == [false, true])
        #expect(StoryPlacer.features(of: original, context: .unknown, now: now).allSatisfy { $0 == nil })
    }
}
