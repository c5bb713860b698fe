import FeedSiftCore
import FeedSiftParse
import Foundation
import Testing

@Suite("Contract JSON")
struct ContractJSONTests {
    @Test("Shape, field names and date format of `feedsift parse --json`")
    func shape() throws {
        let json = try Fixtures.parse("rss20-trade.xml").contractJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["format", "title", "link", "id", "updated", "entries", "warnings"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["format"] as? String == "rss20")
        #expect(object["updated"] as? String == "2025-06-03T09:30:00Z")
        #expect(object["id"] is NSNull)
        let entry = try #require((object["entries"] as? [[String: Any]])?.first)
        for key in [
            "id", "title", "link", "published", "updated", "authors", "categories", "summary", "content", "text",
            "enclosures",
        ] {
            #expect(entry.keys.contains(key), "missing entries[].\(key)")
        }
        #expect(entry["published"] as? String == "2025-06-03T07:15:00Z")
        let author = try #require((entry["authors"] as? [[String: Any]])?.first)
        #expect(Set(author.keys) == ["name", "email", "uri"])
        let enclosure = try #require((entry["enclosures"] as? [[String: Any]])?.first)
        #expect(enclosure["length"] as? Int == 123_456)
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test("Strings are escaped as JSON requires")
    func escaping() throws {
        let feed = ParsedFeed(format: .atom10, title: "quote \" backslash \\ newline \n tab \t bell \u{7} sep \u{2028}")
        let object = try JSONSerialization.jsonObject(with: Data(feed.contractJSON().utf8)) as? [String: Any]
        #expect(object?["title"] as? String == feed.title)
    }

    @Test("Dates before 1970 and far in the future are written correctly")
    func dates() throws {
        var entry = ParsedEntry()
        entry.published = instant("1969-07-20T20:17:40Z")
        entry.updated = instant("2099-12-31T23:59:59Z")
        let json = ParsedFeed(format: .rss20, entries: [entry]).contractJSON()
        #expect(json.contains("\"published\":\"1969-07-20T20:17:40Z\""))
        #expect(json.contains("\"updated\":\"2099-12-31T23:59:59Z\""))
    }
}
