import FeedSiftCore
import FeedSiftStore
import FeedSiftTestSupport
import Foundation
import Testing

@Suite struct RetentionTests {
    @Test func oldStoriesGoWithTheirItemsButProtectedAndPendingOnesStay() throws {
        let directory = try TemporaryDirectory()
        let writer = try StoreWriter(path: directory.file("feedsift.db"))
        let feedID = try writer.synchronizeFeeds([
            FeedDefinition(
                name: "a", url: "https://a.example/", location: SourceLocation(file: "f", line: 1, column: 1))
        ])[0].id
        let day: TimeInterval = 86400
        let now = Date()
        func add(_ key: String, ageInDays: Double, copies: Int = 0) throws -> Int64 {
            let at = now.addingTimeInterval(-ageInDays * day)
            let item = NewItem(
                feedID: feedID, entryKey: key, entryID: key, link: nil, canonicalURL: nil, title: key,
                summaryHTML: String(repeating: "x", count: 4000), contentHTML: nil, summaryText: nil,
                contentText: nil, authors: [], entryCategories: [], enclosures: [], published: at, updated: nil,
                contentHash: key, categories: [], score: 0, dropped: false)
            let placed = try writer.insertItem(item, placement: .newStory, categoryOrder: [], at: at)
            for index in 0..<copies {
                var copy = item
                copy.entryKey = "\(key)-copy-\(index)"
                try writer.insertItem(
                    copy, placement: StoryPlacement(storyID: placed.storyID, copyOf: placed.itemID), categoryOrder: [],
                    at: at)
            }
            return placed.storyID
        }
        let old = try add("old", ageInDays: 100, copies: 2)
        let oldButPublished = try add("old-published", ageInDays: 120)
        let oldButPending = try add("old-pending", ageInDays: 95)
        let recent = try add("recent", ageInDays: 3)
        for index in 0..<30 { _ = try add("bulk-\(index)", ageInDays: 200) }

        let summary = try writer.deleteExpiredStories(
            updatedBefore: now.addingTimeInterval(-90 * day), protected: [oldButPublished],
            pendingSince: now.addingTimeInterval(-96 * day), batchSize: 7)
        #expect(summary.stories == 31)
        #expect(summary.items == 33)
        let remaining = Set(
            try writer.stories(matching: StoryQuery(limit: 100, includeUncategorized: true)).map(\.id))
        #expect(remaining == [oldButPublished, oldButPending, recent])
        #expect(!remaining.contains(old))
        #expect(try writer.integrityCheck() == "ok")
    }
}
