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

    /// Each statement copies its bound texts and blobs into one buffer that
    /// SQLite reads in place: values must not overlap, must survive every
    /// step of the run, and must stay right when a later run needs a
    /// larger buffer.
    @Test func textsAndBlobsSharingAStatementKeepTheirOwnBytesAsTheyGrow() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("binding.db"))
        defer { connection.close() }
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b BLOB, c TEXT, d BLOB)")
        let sizes = [0, 1, 15, 16, 5_000, 100_000, 3]
        var rows: [(String, [UInt8], String, [UInt8])] = []
        for (id, size) in sizes.enumerated() {
            let blob = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ id) }
            let row = (
                String(repeating: "a", count: size), blob, "c\(id)" + String(repeating: "é", count: size),
                Array(blob.reversed())
            )
            rows.append(row)
            try connection.run(
                "INSERT INTO t (id, a, b, c, d) VALUES (?1, ?2, ?3, ?4, ?5)",
                [id, row.0, SQLiteValue.blob(row.1), row.2, SQLiteValue.blob(row.3)])
        }
        let stored = try connection.query("SELECT a, b, c, d, b IS NULL FROM t ORDER BY id") {
            ($0.string(0), $0.blob(1), $0.string(2), $0.blob(3), $0.int(4))
        }
        #expect(stored.map(\.0) == rows.map(\.0))
        #expect(stored.map(\.1) == rows.map(\.1))
        #expect(stored.map(\.2) == rows.map(\.2))
        #expect(stored.map(\.3) == rows.map(\.3))
        #expect(stored.allSatisfy { $0.4 == 0 })  // an empty blob is not NULL

        // A text parameter compared on every row the query steps through.
        let longer = try connection.query("SELECT id FROM t WHERE length(a) > length(?1) ORDER BY id", ["a"]) {
            $0.int(0)
        }
        #expect(longer == [2, 3, 4, 5, 6])
    }

    /// A cached statement that once bound a multi-megabyte value gives the
    /// buffer back at its next ordinary run, and binds right after.
    @Test func aStatementKeepsNoLargeBufferAfterALargeValue() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("binding.db"))
        defer { connection.close() }
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)")
        let insert = "INSERT INTO t (id, value) VALUES (?1, ?2)"
        let large = String(repeating: "metals ", count: 500_000)
        try connection.run(insert, [1, large])
        #expect(try connection.prepare(insert, [2, "small"]).boundByteCapacity <= SQLiteStatement.retainedBoundBytes)
        try connection.run(insert, [3, "after"])
        let stored = try connection.query("SELECT value FROM t ORDER BY id") { $0.string(0) }
        #expect(stored == [large, "after"], "the prepared row 2 was never stepped")
    }
}
