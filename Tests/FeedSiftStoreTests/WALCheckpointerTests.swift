import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftStore

/// The write-ahead log is copied into the database by a thread of its own,
/// not inside the pipeline's commits.
@Suite struct WALCheckpointerTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func commitsHandCheckpointsToTheBackgroundThread() async throws {
        let path = directory.file("feedsift.db")
        let writer = try StoreWriter(path: path, pagesPerCheckpoint: 8)
        let feeds = try writer.synchronizeFeeds([
            FeedDefinition(
                name: "a", url: "https://a.example/", location: SourceLocation(file: "feeds.conf", line: 1, column: 1))
        ])
        let text = String(repeating: "Copper output at the mine fell sharply in October. ", count: 200)
        for number in 0..<40 {
            _ = try writer.transaction { () throws(StoreError) in
                try writer.insertItem(
                    NewItem(
                        feedID: feeds[0].id, entryKey: "k\(number)", entryID: "k\(number)", link: nil,
                        canonicalURL: nil, title: "Item \(number)", summaryHTML: text, contentHTML: nil,
                        summaryText: text, contentText: nil, authors: [], entryCategories: [], enclosures: [],
                        published: nil, updated: nil, contentHash: "h\(number)", categories: [], score: 0,
                        dropped: false),
                    placement: .newStory, categoryOrder: [], at: Date())
            }
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while writer.checkpointer.completedCheckpoints == 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(writer.checkpointer.completedCheckpoints > 0)
        #expect(try writer.integrityCheck() == "ok")
        writer.close()

        // Everything committed is in the file once the writer is closed.
        let reopened = try StoreWriter(path: path)
        #expect(try reopened.existingItem(feedID: feeds[0].id, entryKey: "k39") != nil)
        reopened.close()
        #expect(
            !FileManager.default.fileExists(atPath: path + "-wal"), "the last close checkpoints and removes the log")
    }
}
