import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftStore

@Suite struct StoreWriterTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("feedsift.db")
    }

    private func feed(_ name: String, _ url: String) -> FeedDefinition {
        FeedDefinition(name: name, url: url, location: SourceLocation(file: "feeds.conf", line: 1, column: 1))
    }

    private func item(
        feedID: Int64, key: String, link: String? = nil, title: String = "Title", categories: [String] = []
    )
        -> NewItem
    {
        NewItem(
            feedID: feedID, entryKey: key, entryID: key, link: link, canonicalURL: link, title: title,
            summaryHTML: "<p>\(title)</p>", contentHTML: nil, summaryText: title, contentText: nil,
            authors: [ParsedAuthor(name: "Ann \"Q\" Lee", email: nil, uri: nil)], entryCategories: ["x"],
            enclosures: [], published: Date(timeIntervalSince1970: 1_700_000_000), updated: nil,
            contentHash: "h-\(title)", categories: categories, score: categories.count, dropped: false)
    }

    @Test func migratesANewFileAndReopensIt() throws {
        let writer = try StoreWriter(path: path)
        _ = try writer.synchronizeFeeds([feed("a", "https://a.example/feed")])
        #expect(try writer.integrityCheck() == "ok")
        writer.close()

        let reopened = try StoreWriter(path: path)
        let states = try reopened.feedStates()
        #expect(states.map(\.name) == ["a"])
        #expect(states[0].hasBeenFetched == false)
        #expect(states[0].isDue(at: Date()))
    }

    @Test func itemsStoredBeforeBoilerplateEvidenceExistedAreLearnedFromTheirText() throws {
        do {
            let writer = try StoreWriter(path: path)
            let feedID = try writer.synchronizeFeeds([feed("a", "https://a.example/feed")])[0].id
            let old = try writer.insertItem(
                item(feedID: feedID, key: "old", title: "Old item"), placement: .newStory, categoryOrder: [],
                at: Date())
            try writer.saveDedupeFeatures(itemID: old.itemID, eventTime: 1, features: [1], boilerplate: [1, 0])
            writer.close()
        }
        // The file as schema version 6 left it: no evidence column, and
        // the search text a column of items.
        do {
            let connection = try SQLiteConnection(path: path)
            try connection.execute(
                """
                ALTER TABLE item_dedupe DROP COLUMN boilerplate; DROP TABLE installation;
                DROP VIEW items_search_content;
                ALTER TABLE items ADD COLUMN search_text TEXT
                    GENERATED ALWAYS AS (COALESCE(content_text, summary_text)) VIRTUAL;
                PRAGMA user_version = 6;
                """)
            connection.close()
        }
        let writer = try StoreWriter(path: path)
        let feedID = try #require(try writer.feedStates().first).id
        let new = try writer.insertItem(
            item(feedID: feedID, key: "new", title: "New item"), placement: .newStory, categoryOrder: [], at: Date())
        try writer.saveDedupeFeatures(itemID: new.itemID, eventTime: 2, features: [1], boilerplate: [1, 0])
        let samples = try writer.sourceSamples(feedID: feedID, limit: 10)
        #expect(samples.count == 2)
        guard case .evidence(let bytes) = samples[0], case .text(let title, let summary, _) = samples[1] else {
            Issue.record("newest first: the new item's evidence, then the old item's text; got \(samples)")
            return
        }
        #expect(bytes == [1, 0])
        #expect(title == "Old item" && summary == "Old item")
        #expect(try writer.integrityCheck() == "ok")
    }

    @Test func aFeedsPublicationHistoryReadsBackAsWritten() throws {
        let writer = try StoreWriter(path: path)
        defer { writer.close() }
        let feedID = try writer.synchronizeFeeds([feed("a", "https://a.example/feed")])[0].id
        #expect(try writer.feedState(named: "a")?.publicationHistory == nil, "none recorded yet")
        let dates = [1_796_000_000.25, 1_795_990_000, 0.5, -86_400].map(Date.init(timeIntervalSince1970:))
        try writer.recordPublicationHistory(dates, feedID: feedID)
        #expect(try writer.feedState(named: "a")?.publicationHistory == dates)
        try writer.recordPublicationHistory([], feedID: feedID)
        #expect(try writer.feedState(named: "a")?.publicationHistory == [])
        #expect(FeedStateRow.publicationHistory("1,x,,2.5") == [1, 2.5].map(Date.init(timeIntervalSince1970:)))
    }

    @Test func commaSeparatedColumnsLeaveEmptyPartsOut() {
        #expect(CommaSeparatedColumn.strings("") == [])
        #expect(CommaSeparatedColumn.strings("metals") == ["metals"])
        #expect(CommaSeparatedColumn.strings(",tariffs,,critical-minerals,") == ["tariffs", "critical-minerals"])
        #expect(CommaSeparatedColumn.parts("a,b") == ["a", "b"])
    }

    /// Listings with `since` rely on no story being updated before it was
    /// first seen; a file of schema version 13 may hold such a story (the
    /// clock stepped back), and the upgrade mends it.
    @Test func theUpgradeMendsAStoryUpdatedBeforeItWasFirstSeen() throws {
        let seen = Date(timeIntervalSince1970: 1_700_000_000)
        do {
            let writer = try StoreWriter(path: path)
            let feedID = try writer.synchronizeFeeds([feed("a", "https://a.example/feed")])[0].id
            try writer.insertItem(
                item(feedID: feedID, key: "1", categories: ["metals"]), placement: .newStory,
                categoryOrder: ["metals"], at: seen)
            writer.close()
        }
        do {
            let connection = try SQLiteConnection(path: path)
            try connection.execute("UPDATE stories SET updated = first_seen - 600; PRAGMA user_version = 13;")
            connection.close()
        }
        let writer = try StoreWriter(path: path)
        defer { writer.close() }
        #expect(try writer.storyIDs(matching: StoryQuery(since: seen)).count == 1)
    }

    @Test func eachInstallationHasItsOwnPermanentFeedID() throws {
        let writer = try StoreWriter(path: path)
        let id = try writer.installationFeedID()
        writer.close()
        let pattern = /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/
        #expect(id.wholeMatch(of: pattern) != nil, "\(id)")
        #expect(try StoreWriter(path: path).installationFeedID() == id, "drawn once")
        let other = try StoreWriter(path: directory.file("other.db"))
        #expect(try other.installationFeedID() != id)
    }

    @Test func refusesADatabaseFromANewerVersion() throws {
        do {
            let writer = try StoreWriter(path: path)
            writer.close()
        }
        // Bump the schema version behind the store's back.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=999'); c.commit()",
            path,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        #expect {
            _ = try StoreWriter(path: path)
        } throws: { error in
            (error as? StoreError)?.code == .schemaTooNew
        }
    }

    @Test func changingAFeedURLStartsItAfresh() throws {
        let writer = try StoreWriter(path: path)
        let states = try writer.synchronizeFeeds([feed("a", "https://a.example/feed"), feed("b", "file:///tmp/b.xml")])
        let now = Date()
        try writer.recordFetch(
            FetchRecord(
                at: now, status: 200, succeeded: true, conditional: false,
                validators: .replace(etag: "W/\"abc\"", lastModified: "Tue, 01 Sep 2026 10:00:00 GMT"),
                nextPollAt: now.addingTimeInterval(1800)), feedID: states[0].id)
        var a = try #require(try writer.feedState(named: "a"))
        #expect(a.etag == "W/\"abc\"")
        #expect(a.lastModified == "Tue, 01 Sep 2026 10:00:00 GMT")
        #expect(!a.isDue(at: now))

        let after = try writer.synchronizeFeeds([feed("a", "https://a.example/other")])
        #expect(after.map(\.name) == ["a"])
        a = try #require(try writer.feedState(named: "a"))
        #expect(a.etag == nil && a.lastModified == nil)
        #expect(a.url == "https://a.example/other")
        #expect(a.isDue(at: now))
    }

    @Test func thePublicationFingerprintFollowsStoriesAndFeedTitles() throws {
        let writer = try StoreWriter(path: path)
        let states = try writer.synchronizeFeeds([feed("a", "https://a.example/feed")])
        let now = Date()
        func fetched(title: String?) throws {
            try writer.recordFetch(
                FetchRecord(
                    at: now, status: 200, succeeded: true, conditional: false, nextPollAt: now, title: title),
                feedID: states[0].id)
        }
        let empty = try writer.publicationFingerprint()
        #expect(try writer.publicationFingerprint() == empty, "stable while nothing changes")
        try fetched(title: "Metals Daily")
        let titled = try writer.publicationFingerprint()
        #expect(titled != empty, "a feed's title is in its entries' atom:source")
        try fetched(title: "Metals Daily")
        #expect(try writer.publicationFingerprint() == titled)
        try writer.insertItem(
            item(feedID: states[0].id, key: "1", title: "Copper record", categories: ["metals"]),
            placement: .newStory, categoryOrder: ["metals"], at: now)
        let withStory = try writer.publicationFingerprint()
        #expect(withStory != titled, "a new story")
        _ = try writer.synchronizeFeeds([feed("a", "https://a.example/moved")])
        #expect(try writer.publicationFingerprint() != withStory, "a feed's URL is its source id")
    }

    @Test func failuresKeepValidatorsAndCountUp() throws {
        let writer = try StoreWriter(path: path)
        let id = try writer.synchronizeFeeds([feed("a", "https://a.example/feed")])[0].id
        let now = Date()
        try writer.recordFetch(
            FetchRecord(
                at: now, status: 200, succeeded: true, conditional: false,
                validators: .replace(etag: "\"v1\"", lastModified: nil), nextPollAt: now), feedID: id)
        try writer.recordFetch(
            FetchRecord(
                at: now, status: 503, error: "HTTP 503", succeeded: false, conditional: true,
                nextPollAt: now.addingTimeInterval(60)), feedID: id)
        try writer.recordFetch(
            FetchRecord(
                at: now, status: 304, succeeded: true, notModified: true, conditional: true,
                nextPollAt: now.addingTimeInterval(60)), feedID: id)
        let state = try #require(try writer.feedState(named: "a"))
        #expect(state.etag == "\"v1\"")
        #expect(state.fetchCount == 3)
        #expect(state.notModifiedCount == 1)
        #expect(state.unconditionalCount == 1)
        #expect(state.consecutiveFailures == 0)
        #expect(state.lastStatus == 304)
    }

    @Test func itemsJoinStoriesAndStoriesSummariseThem() throws {
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds([feed("a", "https://a.example/"), feed("b", "https://b.example/")])
        let order = ["tariffs", "metals"]
        let now = Date()
        let first = try writer.insertItem(
            item(
                feedID: feeds[0].id, key: "1", link: "https://a.example/1", title: "Copper record",
                categories: ["metals"]),
            placement: .newStory, categoryOrder: order, at: now)
        let copy = item(
            feedID: feeds[1].id, key: "9", link: "https://a.example/1", title: "Copper record (copy)",
            categories: ["tariffs"])
        let second = try writer.insertItem(
            copy,
            placement: StoryPlacement(storyID: first.storyID, copyOf: first.itemID, reason: "same canonical URL"),
            categoryOrder: order, at: now.addingTimeInterval(5))
        #expect(second.storyID == first.storyID)

        let existing = try #require(try writer.existingItem(feedID: feeds[0].id, entryKey: "1"))
        #expect(existing.id == first.itemID)
        #expect(try writer.existingItem(feedID: feeds[1].id, entryKey: "1") == nil)

        let stories = try writer.stories(matching: StoryQuery())
        #expect(stories.count == 1)
        let story = try #require(stories.first)
        #expect(story.title == "Copper record")
        #expect(story.categories == ["tariffs", "metals"])
        #expect(story.score == 1)
        #expect(story.items.map(\.entryID) == ["1", "9"])
        #expect(story.items[1].copyOf == first.itemID)
        #expect(story.items[0].authors == [ParsedAuthor(name: "Ann \"Q\" Lee")])
    }

    @Test func storyUIDsAreUniqueAndFollowTheOrderStoriesWereOpened() throws {
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds([feed("a", "https://a.example/")])
        // Many stories in one millisecond, then one with the clock set back:
        // the uids still only grow.
        let now = Date(timeIntervalSince1970: 1_790_000_000.25)
        var storyIDs: [Int64] = []
        for index in 0..<300 {
            let at = index == 299 ? now.addingTimeInterval(-3600) : now
            storyIDs.append(
                try writer.insertItem(
                    item(feedID: feeds[0].id, key: "\(index)", title: "Story \(index)", categories: ["metals"]),
                    placement: .newStory, categoryOrder: ["metals"], at: at
                ).storyID)
        }
        let uids = try storyIDs.map { try #require(try writer.story(id: $0)).uid }
        #expect(Set(uids).count == uids.count)
        #expect(uids.allSatisfy { $0.count == 24 && $0.allSatisfy(\.isHexDigit) })
        #expect(uids == uids.sorted(), "opened later, ordered later")
        // The ordering key is the time in milliseconds, then a counter.
        let millisecond = UInt64(uids[0].prefix(12), radix: 16)
        #expect(millisecond == 1_790_000_000_250)
        // Another writer (a restart) draws different random digits.
        let other = try StoreWriter(path: directory.file("other.db"))
        let otherFeeds = try other.synchronizeFeeds([feed("a", "https://a.example/")])
        let otherStory = try other.insertItem(
            item(feedID: otherFeeds[0].id, key: "0", title: "Story 0"), placement: .newStory, categoryOrder: [],
            at: now)
        let otherUID = try #require(try other.story(id: otherStory.storyID)).uid
        #expect(otherUID.prefix(16) == uids[0].prefix(16))
        #expect(otherUID != uids[0])
    }

    @Test func uncategorizedAndDroppedStoriesStayOutOfListingsUnlessAsked() throws {
        let writer = try StoreWriter(path: path)
        let id = try writer.synchronizeFeeds([feed("a", "https://a.example/")])[0].id
        let now = Date()
        try writer.insertItem(item(feedID: id, key: "plain"), placement: .newStory, categoryOrder: [], at: now)
        var dropped = item(feedID: id, key: "dropped", categories: ["metals"])
        dropped.dropped = true
        try writer.insertItem(dropped, placement: .newStory, categoryOrder: ["metals"], at: now)

        #expect(try writer.stories(matching: StoryQuery()).isEmpty)
        #expect(try writer.stories(matching: StoryQuery(includeUncategorized: true)).count == 1)
        #expect(try writer.stories(matching: StoryQuery(includeUncategorized: true, includeDropped: true)).count == 2)
    }
}
