import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftStore

/// Joining and merging stories update their summaries incrementally; the
/// result must be what recomputing them from their items gives.
@Suite struct StorySummaryTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("feedsift.db")
    }

    /// Every summary column and the category rows of every story.
    private func snapshot(_ writer: StoreWriter) throws -> [String] {
        let stories = try writer.connection.query(
            """
            SELECT id, title, representative_item_id, published, score, categories, item_count, visible
            FROM stories ORDER BY id
            """
        ) { row in
            "\(row.int64(0)) \(row.string(1)) rep=\(row.int64(2)) pub=\(String(describing: row.optionalDouble(3))) "
                + "score=\(row.int(4)) cats=\(row.string(5)) n=\(row.int(6)) visible=\(row.int(7))"
        }
        let categories = try writer.connection.query(
            "SELECT story_id, category FROM story_categories ORDER BY story_id, category"
        ) { "\($0.int64(0)):\($0.string(1))" }
        return stories + categories
    }

    @Test func incrementalSummariesEqualRecomputedOnes() throws {
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds([
            FeedDefinition(
                name: "a", url: "https://a.example/", location: SourceLocation(file: "feeds.conf", line: 1, column: 1))
        ])
        let order = ["tariffs", "metals", "energy"]
        var generator = SeededRandom(seed: 7)
        let base = Date(timeIntervalSince1970: 1_780_000_000)
        var storyIDs: [Int64] = []
        var itemsOfStory: [Int64: [Int64]] = [:]
        for number in 0..<300 {
            let dropped = generator.uniform(5) == 0
            let categories = order.filter { _ in generator.uniform(3) == 0 }
            let published: Date? =
                generator.uniform(4) == 0 ? nil : base.addingTimeInterval(Double(generator.uniform(100_000)))
            let updated: Date? = generator.uniform(2) == 0 ? nil : base.addingTimeInterval(50_000)
            let item = NewItem(
                feedID: feeds[0].id, entryKey: "k\(number)", entryID: "k\(number)", link: nil, canonicalURL: nil,
                title: "Item \(number)", summaryHTML: "Item \(number)", contentHTML: nil, summaryText: "Item \(number)",
                contentText: nil, authors: [], entryCategories: [], enclosures: [], published: published,
                updated: updated, contentHash: "h\(number)", categories: dropped ? [] : categories,
                score: (generator.uniform(9)), dropped: dropped)
            let now = base.addingTimeInterval(Double(200_000 + number))
            var placement = StoryPlacement.newStory
            if !storyIDs.isEmpty && generator.uniform(3) != 0 {
                let story = storyIDs[(generator.uniform(storyIDs.count))]
                let members = itemsOfStory[story] ?? []
                let copyOf = generator.uniform(3) == 0 ? members.randomElement(using: &generator) : nil
                placement = StoryPlacement(storyID: story, copyOf: copyOf, reason: "test")
            }
            let (itemID, storyID) = try writer.insertItem(item, placement: placement, categoryOrder: order, at: now)
            if placement.storyID == nil { storyIDs.append(storyID) }
            itemsOfStory[storyID, default: []].append(itemID)
            if storyIDs.count > 2 && generator.uniform(10) == 0 {
                let absorbed = storyIDs.remove(at: (generator.uniform(storyIDs.count)))
                let survivor = storyIDs[(generator.uniform(storyIDs.count))]
                try writer.mergeStory(absorbed, into: survivor, categoryOrder: order, at: now)
                itemsOfStory[survivor, default: []] += itemsOfStory.removeValue(forKey: absorbed) ?? []
            }
        }
        let incremental = try snapshot(writer)
        for story in storyIDs {
            try writer.refreshStorySummary(story, categoryOrder: order, at: base)
        }
        let recomputed = try snapshot(writer)
        #expect(storyIDs.count > 20)
        #expect(incremental.count == recomputed.count)
        for (lhs, rhs) in zip(incremental, recomputed) where lhs != rhs {
            Issue.record("incremental \(lhs) != recomputed \(rhs)")
        }
    }
}
