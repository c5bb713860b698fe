import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftStore

/// The lookups made before a document is analysed, through a read-only
/// connection of their own, against a real database file.
@Suite struct StoredEntriesReaderTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("feedsift.db")
    }

    private func item(feedID: Int64, key: String) -> NewItem {
        NewItem(
            feedID: feedID, entryKey: key, entryID: key, link: nil, canonicalURL: nil, title: "Title \(key)",
            summaryHTML: "Text \(key)", contentHTML: nil, summaryText: "Text \(key)", contentText: nil, authors: [],
            entryCategories: [], enclosures: [], published: nil, updated: nil, contentHash: "hash-\(key)",
            categories: [], score: 0, dropped: false)
    }

    private func writerWithTwoFeeds() throws -> (StoreWriter, [Int64]) {
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds(
            ["a", "b"].map {
                FeedDefinition(
                    name: $0, url: "https://\($0).example/feed", location: SourceLocation(file: "f", line: 1, column: 1)
                )
            })
        return (writer, feeds.map(\.id))
    }

    @Test func aFeedsFirstDocumentIsAllNewWithNothingToLearnFrom() throws {
        let (writer, feeds) = try writerWithTwoFeeds()
        defer { writer.close() }
        try writer.insertItem(item(feedID: feeds[1], key: "1"), placement: .newStory, categoryOrder: [], at: Date())
        let reader = try StoredEntriesReader(path: path)

        let stored = try reader.storedEntries(feedID: feeds[0], entryKeys: ["1", "2"], sampleLimit: 10)
        #expect(
            stored == StoredEntries(contentHashes: [nil, nil], samples: []), "another feed's item is not this feed's")
    }

    @Test func storedEntriesHaveTheirHashesAndNewOnesBringTheFeedsRecentItems() throws {
        let (writer, feeds) = try writerWithTwoFeeds()
        defer { writer.close() }
        for key in ["1", "2", "3"] {
            let placed = try writer.insertItem(
                item(feedID: feeds[0], key: key), placement: .newStory, categoryOrder: [], at: Date())
            try writer.saveDedupeFeatures(
                itemID: placed.itemID, eventTime: 0, features: [1], boilerplate: [UInt8(key.utf8.first ?? 0)])
        }
        let reader = try StoredEntriesReader(path: path)

        let withNew = try reader.storedEntries(feedID: feeds[0], entryKeys: ["3", "new", "1"], sampleLimit: 2)
        #expect(withNew.contentHashes == ["hash-3", nil, "hash-1"])
        #expect(withNew.samples == [.evidence([UInt8(ascii: "3")]), .evidence([UInt8(ascii: "2")])], "newest first")

        let allStored = try reader.storedEntries(feedID: feeds[0], entryKeys: ["2", "1"], sampleLimit: 2)
        #expect(allStored == StoredEntries(contentHashes: ["hash-2", "hash-1"], samples: []))
    }

    @Test func readsWhatIsCommittedWhileTheWriterIsStoringMore() throws {
        let (writer, feeds) = try writerWithTwoFeeds()
        defer { writer.close() }
        try writer.insertItem(item(feedID: feeds[0], key: "1"), placement: .newStory, categoryOrder: [], at: Date())
        let reader = try StoredEntriesReader(path: path)

        try writer.transaction { () throws(StoreError) in
            try writer.insertItem(
                item(feedID: feeds[0], key: "2"), placement: .newStory, categoryOrder: [], at: Date())
            let during = try reader.storedEntries(feedID: feeds[0], entryKeys: ["1", "2"], sampleLimit: 0)
            #expect(during.contentHashes == ["hash-1", nil], "the open transaction's item is not visible yet")
        }
        let after = try reader.storedEntries(feedID: feeds[0], entryKeys: ["1", "2"], sampleLimit: 0)
        #expect(after.contentHashes == ["hash-1", "hash-2"])
    }

    @Test func aClosedReaderFailsAndLeavesTheWriterToRemoveTheLog() throws {
        let (writer, feeds) = try writerWithTwoFeeds()
        try writer.insertItem(item(feedID: feeds[0], key: "1"), placement: .newStory, categoryOrder: [], at: Date())
        let reader = try StoredEntriesReader(path: path)
        _ = try reader.storedEntries(feedID: feeds[0], entryKeys: ["1"], sampleLimit: 0)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))

        reader.close()
        #expect(throws: StoreError.self) {
            _ = try reader.storedEntries(feedID: feeds[0], entryKeys: ["1"], sampleLimit: 0)
        }
        writer.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the last connection checkpointed the log")
    }

    @Test func aDatabaseThatIsNotThereIsAnError() {
        #expect(throws: StoreError.self) {
            _ = try StoredEntriesReader(path: directory.file("missing/feedsift.db"))
        }
    }
}
