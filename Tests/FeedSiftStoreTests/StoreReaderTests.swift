import FeedSiftCore
import FeedSiftStore
import FeedSiftTestSupport
import Foundation
import Testing

@Suite struct StoreReaderTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("feedsift.db")
    }

    private func item(feedID: Int64, key: String, title: String, text: String) -> NewItem {
        NewItem(
            feedID: feedID, entryKey: key, entryID: key, link: nil, canonicalURL: nil, title: title,
            summaryHTML: "<p>\(text)</p>", contentHTML: nil, summaryText: text, contentText: nil, authors: [],
            entryCategories: [],
            enclosures: [], published: nil, updated: nil, contentHash: "h-\(key)-\(title)", categories: [], score: 0,
            dropped: false)
    }

    private func writer() throws -> (StoreWriter, Int64) {
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds([
            FeedDefinition(
                name: "a", url: "https://a.example/feed", location: SourceLocation(file: "f", line: 1, column: 1))
        ])
        return (writer, feeds[0].id)
    }

    @Test func theSearchIndexFollowsInsertsEditsAndDiacritics() async throws {
        let (writer, feedID) = try writer()
        let first = try writer.insertItem(
            item(feedID: feedID, key: "1", title: "Élysée talks on tariffs", text: "Rare-earth magnets"),
            placement: .newStory, categoryOrder: [], at: Date())
        let reader = try StoreReader(path: path)
        func ids(_ text: String) async throws -> [String] {
            try await reader.search(ItemSearchQuery(text: text)).hits.map(\.entryID)
        }
        // New items are searchable once the daemon has indexed its backlog.
        #expect(try await ids("elysee") == [])
        #expect(try writer.searchBacklog() == 1)
        #expect(try writer.indexSearchBacklog() == 1)
        #expect(try writer.indexSearchBacklog() == 0)
        #expect(try await ids("elysee") == ["1"], "diacritics and case fold")
        #expect(try await ids("rare-earth") == ["1"], "a hyphenated word is the phrase of its parts")
        #expect(try await ids("tariff") == [], "no stemming")
        #expect(try await ids("tariff*") == ["1"])
        _ = try writer.insertItem(
            item(feedID: feedID, key: "2", title: "中国 稀土出口管制", text: "Straße"),
            placement: .newStory, categoryOrder: [], at: Date())
        _ = try writer.insertItem(
            item(feedID: feedID, key: "3", title: "商务部：稀土出口管制措施不是禁令", text: "中国商务部新闻发言人表示。"),
            placement: .newStory, categoryOrder: [], at: Date())
        try writer.indexSearchBacklog()
        #expect(try await ids("稀土").sorted() == ["2", "3"])
        #expect(try await ids("出口管制").sorted() == ["2", "3"], "inside a longer run of Han characters")
        #expect(try await ids("不是禁令") == ["3"])
        #expect(try await ids("发言人") == ["3"], "in the text too")
        #expect(try await ids("禁止") == [], "the characters must be consecutive")
        #expect(try await ids("straße") == ["2"])
        let snippet = try await reader.search(ItemSearchQuery(text: "发言人")).hits.first?.snippet
        #expect(snippet == "中国商务部新闻发言人表示。")

        // An edit replaces the indexed words.
        let existing = try #require(try writer.existingItem(feedID: feedID, entryKey: "1"))
        try writer.updateItem(
            existing, with: item(feedID: feedID, key: "1", title: "Copper outlook", text: "Smelters"),
            categoryOrder: [], at: Date())
        #expect(try await ids("tariffs") == [])
        #expect(try await ids("copper") == ["1"])
        _ = first
    }

    @Test func findsAnItemByItsEntryIDOrLink() async throws {
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds(
            ["a", "b"].map {
                FeedDefinition(
                    name: $0, url: "https://\($0).example/feed", location: SourceLocation(file: "f", line: 1, column: 1)
                )
            })
        func stored(feed: Int, id: String?, link: String?, key: String) throws -> Int64 {
            var entry = item(feedID: feeds[feed].id, key: key, title: "T", text: "x")
            entry.entryID = id
            entry.link = link
            return try writer.insertItem(entry, placement: .newStory, categoryOrder: [], at: Date()).itemID
        }
        let withID = try stored(feed: 1, id: "urn:x:1", link: "https://b.example/1", key: "id:urn:x:1")
        let sameIDLater = try stored(feed: 0, id: "urn:x:1", link: nil, key: "id:urn:x:1")
        let linkOnly = try stored(feed: 0, id: nil, link: "https://a.example/2", key: "link:https://a.example/2")
        let reader = try StoreReader(path: path)
        #expect(try await reader.itemID(forEntryID: "urn:x:1") == withID, "the earliest of two feeds")
        #expect(try await reader.itemID(forEntryID: " urn:x:1\n") == withID, "white space around it")
        #expect(try await reader.itemID(forEntryID: "https://a.example/2") == linkOnly, "an item without id")
        #expect(try await reader.itemID(forEntryID: "https://b.example/1") == nil, "a link, when the item has an id")
        #expect(try await reader.itemID(forEntryID: "urn:x:2") == nil)
        #expect(try await reader.itemID(forEntryID: "  ") == nil)
        _ = sameIDLater
    }

    @Test func buildsMatchExpressionsFromWordsOnly() {
        #expect(FullTextExpression.build(from: "gallium") == "\"gallium\"")
        #expect(FullTextExpression.build(from: "rare-earth export*") == "\"rare earth\" AND \"export\" *")
        #expect(FullTextExpression.build(from: "\"rare earth\"* title:x") == "\"rare earth\" * AND \"title x\"")
        #expect(FullTextExpression.build(from: "a\"b OR c)") == "\"a b\" AND \"OR\" AND \"c\"")
        #expect(FullTextExpression.build(from: " -- ** \"\" ") == nil)
        #expect(FullTextExpression.build(from: "稀土") == "\"稀 土\"", "a Han run is a phrase of its characters")
    }

    @Test func refusesADatabaseTheWriterHasNotMigrated() throws {
        // An empty SQLite file: schema version 0.
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect {
            _ = try StoreReader(path: path)
        } throws: { error in
            (error as? StoreError)?.code == .migration
        }
    }
}

/// Every listing path (a category's own rows, the recent window, the
/// window falling back, the main feed through the categorized index) gives
/// what filtering and sorting the stories by hand gives.
@Suite struct StoryListingPathsTests {
    @Test func everyPathListsWhatFilteringByHandLists() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("feedsift.db")
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds([
            FeedDefinition(
                name: "a", url: "https://a.example/", location: SourceLocation(file: "f", line: 1, column: 1))
        ])
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let count = 10_200
        // common: 5,100 stories, past the window, many recent; oldlarge:
        // 5,100, none among the newest 5,000; sparse and rare: few.
        func categories(_ index: Int) -> [String] {
            var result: [String] = []
            if index % 2 == 0 { result.append("common") }
            if index < 5_100 { result.append("oldlarge") }
            if index % 97 == 0 { result.append("sparse") }
            if index == 3 { result.append("rare") }
            return result
        }
        try writer.transaction { () throws(StoreError) in
            for index in 0..<count {
                try writer.insertItem(
                    NewItem(
                        feedID: feeds[0].id, entryKey: "\(index)", entryID: "\(index)", link: nil, canonicalURL: nil,
                        title: "Story \(index)", summaryHTML: nil, contentHTML: nil, summaryText: nil,
                        contentText: nil, authors: [], entryCategories: [], enclosures: [], published: nil,
                        updated: nil, contentHash: "\(index)", categories: categories(index), score: 0, dropped: false),
                    placement: .newStory, categoryOrder: ["rare", "sparse", "common", "oldlarge"],
                    at: start.addingTimeInterval(Double(index)))
            }
        }
        func byHand(_ query: StoryQuery) -> [String] {
            (0..<count).reversed().filter { index in
                let tags = categories(index)
                if let category = query.category, !tags.contains(category) { return false }
                if !query.includeUncategorized && tags.isEmpty { return false }
                if let since = query.since, start.addingTimeInterval(Double(index)) < since { return false }
                return true
            }.prefix(query.limit).map { "Story \($0)" }
        }
        var queries: [StoryQuery] = []
        for category in ["common", "oldlarge", "sparse", "rare", "missing"] {
            for limit in [3, 200] {
                queries.append(StoryQuery(category: category, limit: limit))
                queries.append(StoryQuery(category: category, since: start.addingTimeInterval(9_000), limit: limit))
            }
        }
        for limit in [3, 6_000] {
            queries.append(StoryQuery(limit: limit, includeUncategorized: false))
            queries.append(StoryQuery(limit: limit, includeUncategorized: true))
            // `since` bounds the scan in update order; past the newest
            // story, nothing is listed.
            for offset in [9_000.0, 20_000.0] {
                queries.append(StoryQuery(since: start.addingTimeInterval(offset), limit: limit))
                queries.append(
                    StoryQuery(since: start.addingTimeInterval(offset), limit: limit, includeUncategorized: true))
            }
        }
        for query in queries {
            let listed = try writer.stories(matching: query).map(\.title)
            #expect(listed == byHand(query), "\(query)")
        }
        writer.close()
        let reader = try StoreReader(path: path)
        for query in queries.prefix(4) {
            #expect(try await reader.stories(matching: query).map(\.title) == byHand(query))
        }
    }
}

@Suite struct StoryUpdateTimeTests {
    /// Listings with `since` rely on a story's update never coming before
    /// its first sighting, even when the clock steps back between two items.
    @Test func aStoryIsNeverUpdatedBeforeItWasFirstSeen() throws {
        let directory = try TemporaryDirectory()
        let writer = try StoreWriter(path: directory.file("feedsift.db"))
        defer { writer.close() }
        let feeds = try writer.synchronizeFeeds([
            FeedDefinition(
                name: "a", url: "https://a.example/", location: SourceLocation(file: "f", line: 1, column: 1))
        ])
        let seen = Date(timeIntervalSince1970: 1_700_000_000)
        func item(_ key: String) -> NewItem {
            NewItem(
                feedID: feeds[0].id, entryKey: key, entryID: key, link: nil, canonicalURL: nil, title: "Tin \(key)",
                summaryHTML: nil, contentHTML: nil, summaryText: nil, contentText: nil, authors: [],
                entryCategories: [], enclosures: [], published: nil, updated: nil, contentHash: key,
                categories: ["metals"], score: 0, dropped: false)
        }
        let first = try writer.insertItem(item("1"), placement: .newStory, categoryOrder: ["metals"], at: seen)
        try writer.insertItem(
            item("2"), placement: StoryPlacement(storyID: first.storyID, copyOf: nil, reason: "same event"),
            categoryOrder: ["metals"], at: seen.addingTimeInterval(-600))
        let story = try #require(try writer.story(id: first.storyID))
        #expect(story.items.count == 2)
        #expect(story.updated >= story.firstSeen)
        #expect(try writer.storyIDs(matching: StoryQuery(since: seen)) == [first.storyID])
    }
}

@Suite struct QueryTimeLimitTests {
    @Test func aQueryPastTheLimitIsStopped() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("feedsift.db")
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds([
            FeedDefinition(
                name: "a", url: "https://a.example/", location: SourceLocation(file: "f", line: 1, column: 1))
        ])
        try writer.transaction { () throws(StoreError) in
            for index in 0..<3000 {
                try writer.insertItem(
                    NewItem(
                        feedID: feeds[0].id, entryKey: "\(index)", entryID: "\(index)", link: nil, canonicalURL: nil,
                        title: "Tariff news \(index)", summaryHTML: "tariff", contentHTML: nil, summaryText: "tariff",
                        contentText: nil, authors: [], entryCategories: [], enclosures: [], published: nil,
                        updated: nil, contentHash: "\(index)", categories: [], score: 0, dropped: false),
                    placement: .newStory, categoryOrder: [], at: Date())
            }
        }
        try writer.indexSearchBacklog(limit: 5000)
        writer.close()
        // No time at all: every statement long enough to reach the progress handler is stopped.
        let reader = try StoreReader(path: path, queryTimeLimit: .zero)
        // A category no item has: every match is read and rejected.
        let broad = ItemSearchQuery(text: "tariff", category: "none")
        await #expect {
            _ = try await reader.search(broad)
        } throws: { error in
            (error as? StoreError)?.isInterrupted == true
        }
        let generous = try StoreReader(path: path, queryTimeLimit: .seconds(60))
        #expect(try await generous.search(broad).hits.isEmpty)
        #expect(try await generous.search(ItemSearchQuery(text: "tariff", limit: 5)).hits.count == 5)
    }
}
