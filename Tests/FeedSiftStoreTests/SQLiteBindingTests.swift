import FeedSiftTestSupport
import Testing

@testable import FeedSiftStore

/// Values bound to statements come back exactly as given.
@Suite struct SQLiteBindingTests {
    @Test func textsRoundTripWhateverTheirLengthAndContent() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("binding.db"))
        defer { connection.close() }
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)")
        let texts = [
            "",  // an empty text, not NULL
            "short",  // stored inside the String value itself
            "embedded\u{0}zero",  // kept whole, not cut at U+0000
            "Ölpreise 稀土 — " + String(repeating: "long text ", count: 200),
        ]
        for (id, text) in texts.enumerated() {
            try connection.run("INSERT INTO t (id, value) VALUES (?1, ?2)", [id, text])
        }
        let stored = try connection.query("SELECT value, value IS NULL, length(CAST(value AS BLOB)) FROM t ORDER BY id")
        {
            ($0.string(0), $0.int(1), $0.int(2))
        }
        #expect(stored.map(\.0) == texts)
        #expect(stored.allSatisfy { $0.1 == 0 })
        #expect(stored.map(\.2) == texts.map(\.utf8.count))
    }
}
