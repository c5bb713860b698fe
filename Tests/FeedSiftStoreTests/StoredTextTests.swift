import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftStore

/// Items store their sanitized HTML and not its plain text; what reads the
/// text recovers it from the HTML (`feedsift_text`).
@Suite struct StoredTextTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("feedsift.db")
    }

    private func item(feedID: Int64, key: String, summary: String, content: String?) -> NewItem {
        NewItem(
            feedID: feedID, entryKey: key, entryID: key, link: nil, canonicalURL: nil, title: "Title \(key)",
            summaryHTML: summary, contentHTML: content, summaryText: SanitizedHTMLText.plainText(of: summary),
            contentText: content.map(SanitizedHTMLText.plainText(of:)), authors: [], entryCategories: [],
            enclosures: [], published: nil, updated: nil, contentHash: "h-\(key)-\(summary)", categories: [],
            score: 0, dropped: false)
    }

    private func writerWithFeed() throws -> (StoreWriter, Int64) {
        let writer = try StoreWriter(path: path)
        let feeds = try writer.synchronizeFeeds([
            FeedDefinition(
                name: "a", url: "https://a.example/feed", location: SourceLocation(file: "f", line: 1, column: 1))
        ])
        return (writer, feeds[0].id)
    }

    /// Rows the search index holds for `word`, read from the index alone:
    /// words indexed from one text and deleted with another stay behind.
    private func indexedRows(_ writer: StoreWriter, _ word: String) throws -> Int {
        try writer.connection.queryOne("SELECT count(*) FROM items_search WHERE items_search MATCH ?1", [word]) {
            $0.int(0)
        } ?? -1
    }

    @Test func aNewItemKeepsItsHTMLAndItsReadersGetTheText() async throws {
        let (writer, feedID) = try writerWithFeed()
        try writer.insertItem(
            item(
                feedID: feedID, key: "1", summary: "<p>Export &amp; controls</p><p>not a ban</p>",
                content: "<p>Full <b>story</b> on rare earths</p>"),
            placement: .newStory, categoryOrder: [], at: Date())
        let stored = try writer.connection.query("SELECT summary_text, content_text FROM items") {
            [$0.optionalString(0), $0.optionalString(1)]
        }
        #expect(stored == [[nil, nil]], "no text is written")

        let inputs = try writer.classificationInputs(since: .distantPast, afterID: 0, limit: 10)
        #expect(inputs.map(\.summaryText) == ["Export & controls\n\nnot a ban"])
        #expect(inputs.map(\.contentText) == ["Full story on rare earths"])

        try writer.indexSearchBacklog()
        let reader = try StoreReader(path: path)
        let hits = try await reader.search(ItemSearchQuery(text: "earths")).hits
        #expect(hits.map(\.entryID) == ["1"], "the content's text is indexed")
        #expect(hits.first?.snippet.contains("rare earths") == true)

        // An edit replaces the words: the trigger recovers the old text to
        // delete what was indexed.
        let existing = try #require(try writer.existingItem(feedID: feedID, entryKey: "1"))
        try writer.updateItem(
            existing, with: item(feedID: feedID, key: "1", summary: "<p>Copper</p>", content: nil), categoryOrder: [],
            at: Date())
        #expect(try await reader.search(ItemSearchQuery(text: "earths")).hits.isEmpty)
        #expect(try await reader.search(ItemSearchQuery(text: "copper")).hits.map(\.entryID) == ["1"])
        #expect(try indexedRows(writer, "earths") == 0)
        try writer.connection.execute("DELETE FROM items")
        #expect(try indexedRows(writer, "copper") == 0)
    }

    @Test func itemsStoredWithTheirTextKeepItAfterTheUpgrade() async throws {
        do {
            let (writer, feedID) = try writerWithFeed()
            try writer.insertItem(
                item(feedID: feedID, key: "old", summary: "<p>html words</p>", content: nil), placement: .newStory,
                categoryOrder: [], at: Date())
            writer.close()
        }
        // The file as schema version 11 left it: text stored beside the
        // HTML (here different from it, to tell which one is read), the
        // search text taken from it alone, and the item indexed. The
        // upgrade indexes it again, from its stored text.
        do {
            let connection = try SQLiteConnection(path: path)
            try connection.execute(
                """
                DROP TRIGGER items_search_delete;
                DROP TRIGGER items_search_update;
                UPDATE items SET summary_text = 'stored words';
                DROP TABLE items_search;
                DROP VIEW items_search_content;
                ALTER TABLE items ADD COLUMN search_text TEXT
                    GENERATED ALWAYS AS (COALESCE(content_text, summary_text)) VIRTUAL;
                CREATE VIRTUAL TABLE items_search USING fts5(
                    title, search_text, content = 'items', content_rowid = 'id', tokenize = 'feedsift');
                CREATE TRIGGER items_search_delete AFTER DELETE ON items
                WHEN old.id <= (SELECT indexed_up_to FROM search_progress) BEGIN
                    INSERT INTO items_search (items_search, rowid, title, search_text)
                        VALUES ('delete', old.id, old.title, old.search_text);
                END;
                CREATE TRIGGER items_search_update AFTER UPDATE OF title, summary_text, content_text ON items
                WHEN old.id <= (SELECT indexed_up_to FROM search_progress) BEGIN
                    INSERT INTO items_search (items_search, rowid, title, search_text)
                        VALUES ('delete', old.id, old.title, old.search_text);
                    INSERT INTO items_search (rowid, title, search_text) VALUES (new.id, new.title, new.search_text);
                END;
                INSERT INTO items_search (items_search) VALUES ('rebuild');
                UPDATE search_progress SET indexed_up_to = (SELECT max(id) FROM items);
                PRAGMA user_version = 11;
                """)
            connection.close()
        }
        let (writer, feedID) = try writerWithFeed()
        try writer.insertItem(
            item(feedID: feedID, key: "new", summary: "<p>fresh words</p>", content: nil), placement: .newStory,
            categoryOrder: [], at: Date())
        try writer.indexSearchBacklog()
        let reader = try StoreReader(path: path)
        func ids(_ text: String) async throws -> [String] {
            try await reader.search(ItemSearchQuery(text: text)).hits.map(\.entryID).sorted()
        }
        #expect(try await ids("stored") == ["old"])
        #expect(try await ids("html") == [])
        #expect(try await ids("words") == ["new", "old"])
        let inputs = try writer.classificationInputs(since: .distantPast, afterID: 0, limit: 10)
        #expect(inputs.map(\.summaryText) == ["stored words", "fresh words"])
        try writer.connection.execute("DELETE FROM items WHERE entry_key = 'old'")
        #expect(try await ids("words") == ["new"])
        #expect(try indexedRows(writer, "stored") == 0, "deleted with the words it was indexed with")
        #expect(try writer.integrityCheck() == "ok")
    }

    @Test func toolsWithoutTheTextFunctionCanCheckTheFileAndUpdateItems() throws {
        let (writer, feedID) = try writerWithFeed()
        try writer.insertItem(
            item(feedID: feedID, key: "1", summary: "<p>words</p>", content: nil), placement: .newStory,
            categoryOrder: [], at: Date())
        try writer.indexSearchBacklog()
        writer.close()
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("UPDATE items SET first_seen = first_seen - 60")
            c.commit()
            print(c.execute("PRAGMA integrity_check").fetchone()[0])
            """,
            path,
        ]
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(printed == "ok\n")
    }
}
