import FeedSiftParse
import Foundation
import Testing

@Suite("Feed dates")
struct FeedDateParserTests {
    /// Real-world spellings and the instant each one means.
    static let readable: [(String, String)] = [
        ("Tue, 03 Jun 2025 08:15:00 +0100", "2025-06-03T07:15:00Z"),
        ("Tue, 03 Jun 2025 08:15:00 GMT", "2025-06-03T08:15:00Z"),
        ("Tue, 3 Jun 2025 08:15 GMT", "2025-06-03T08:15:00Z"),  // no seconds
        ("03 Jun 2025 08:15:00 UT", "2025-06-03T08:15:00Z"),  // no weekday
        ("Mon, 03 Jun 2025 08:15:00 EST", "2025-06-03T13:15:00Z"),  // wrong weekday, named zone
        ("Tue, 03 Jun 2025 08:15:00 PDT", "2025-06-03T15:15:00Z"),
        ("Tue, 03 Jun 25 08:15:00 Z", "2025-06-03T08:15:00Z"),  // two-digit year
        ("Thu, 01 Jan 98 00:00:00 GMT", "1998-01-01T00:00:00Z"),
        ("Tue, 03 June 2025 08:15:00 -0500", "2025-06-03T13:15:00Z"),  // full month name
        ("Tue, 03 Jun 2025 08:15:00 A", "2025-06-03T09:15:00Z"),  // military zone (RFC 822: A = -1)
        ("Tue, 03 Jun 2025 08:15:00 N", "2025-06-03T07:15:00Z"),
        ("Tue, 03 Jun 2025 08:15:00 GMT+2", "2025-06-03T06:15:00Z"),
        ("Tue,03 Jun 2025 08:15:00 +0000", "2025-06-03T08:15:00Z"),
        ("03-Jun-2025 08:15:00 +0000", "2025-06-03T08:15:00Z"),
        ("Jun 03 2025 08:15:00 GMT", "2025-06-03T08:15:00Z"),  // month first
        ("Tue, 03 Jun 2025", "2025-06-03T00:00:00Z"),  // date only
        ("Tue, 03 Jun 2025 8:15:00 PM GMT", "2025-06-03T20:15:00Z"),
        ("2025-06-03T08:15:00Z", "2025-06-03T08:15:00Z"),
        ("2025-06-03T08:15:00+02:00", "2025-06-03T06:15:00Z"),
        ("2025-06-03T08:15:00.123-05:00", "2025-06-03T13:15:00Z"),
        ("2025-06-03T08:15:00.123456789012Z", "2025-06-03T08:15:00Z"),  // twelve digits of fraction
        ("2025-06-03T08:15:00,5Z", "2025-06-03T08:15:00Z"),
        ("2025-06-03T08:15:00-14:00", "2025-06-03T22:15:00Z"),
        ("2025-06-03T24:00:00Z", "2025-06-04T00:00:00Z"),
        ("2025-06-03T08:15Z", "2025-06-03T08:15:00Z"),  // W3C-DTF without seconds
        ("2025-06-03 08:15:00", "2025-06-03T08:15:00Z"),  // space, no zone = UTC
        ("2025-06-03t08:15:00z", "2025-06-03T08:15:00Z"),
        ("2025-06-03", "2025-06-03T00:00:00Z"),
        ("2025-06", "2025-06-01T00:00:00Z"),
        ("2025", "2025-01-01T00:00:00Z"),
        ("20250603T081500Z", "2025-06-03T08:15:00Z"),  // ISO 8601 basic format
        ("2025-154", "2025-06-03T00:00:00Z"),  // ordinal date
        ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),  // leap day
        ("Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z"),  // asctime
        ("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"),
        ("  Tue, 03 Jun 2025 08:15:00 GMT \n", "2025-06-03T08:15:00Z"),
    ]

    @Test("Readable dates give the right instant", arguments: readable)
    func readableDates(_ text: String, _ expected: String) throws {
        #expect(FeedDateParser.parse(text) == instant(expected))
    }

    @Test(
        "Unreadable or impossible dates give nil",
        arguments: [
            "", "yesterday", "Tue, 32 Jun 2025 08:15:00 GMT", "2025-13-01", "2025-02-29T00:00:00Z",
            "Tue, 03 Foo 2025 08:15:00 GMT", "2025-06-03T25:00:00Z", "12:00", "2025-06-03T08:15:00+99:00",
            "Tue, 03 Jun 2025 08:15:00 +01:00:00:00", "2025-06-03T08:15:00.1234567890123Z", "2025-06-03T08:15:00+15:00",
            "2025-06-03T08:15:60.5Zx",
        ])
    func unreadableDates(_ text: String) {
        #expect(FeedDateParser.parse(text) == nil)
    }

    @Test("An unparseable date in a feed is nil plus a value warning, not a malformed document")
    func unparseableInFeed() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><item><title>t</title><pubDate>someday soon</pubDate></item></channel></rss>"
        )
        #expect(feed.entries[0].published == nil)
        #expect(feed.warnings.map(\.kind) == [.value])
        #expect(feed.warnings[0].message.contains("someday soon"))
        #expect(!feed.contractJSON().contains("\"warnings\":[\""))
    }
}
