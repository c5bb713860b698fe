import FeedSiftCore
import FeedSiftParse
import FeedSiftTestSupport
import Foundation
import Testing

/// Hostile documents must fail fast, with a warning and bounded output,
/// and never reach the file system or the network.
@Suite("Attack documents")
struct AttackDocumentTests {
    @Test("Billion laughs: nested entities are not expanded")
    func billionLaughs() throws {
        var doctype = "<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            doctype +=
                "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10)
                + "\">\n"
        }
        doctype += "]>"
        let feed = try parse(
            doctype
                + "<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>ok</title></item></channel></rss>")
        #expect(feed.entries.count == 1)
        #expect((feed.title ?? "").utf8.count < 100)
        #expect(feed.warnings.contains { $0.kind == .limit })
    }

    @Test("Quadratic blow-up: total expansion is capped")
    func quadraticBlowup() throws {
        let value = String(repeating: "A", count: 50_000)
        let references = String(repeating: "&a;", count: 50_000)  // would expand to 2.5 GB
        let xml =
            "<!DOCTYPE rss [<!ENTITY a \"\(value)\">]><rss version=\"2.0\"><channel><item><title>t</title><description>\(references)</description></item></channel></rss>"
        let feed = try parse(xml)
        let text = feed.entries.first?.summaryText ?? ""
        #expect(text.utf8.count <= ParseLimits().maxEntityExpansionBytes)
        #expect(feed.warnings.contains { $0.kind == .limit && $0.message.contains("expansion") })
    }

    @Test("Plain internal entities are still expanded")
    func internalEntity() throws {
        let feed = try parse(
            "<!DOCTYPE rss [<!ENTITY org \"Trade &#38; Co\">]><rss version=\"2.0\"><channel><title>&org;</title></channel></rss>"
        )
        #expect(feed.title == "Trade & Co")
        #expect(feed.warnings.isEmpty)
    }

    @Test("XXE: an external entity naming a real file is never read")
    func externalEntity() throws {
        let directory = try TemporaryDirectory(prefix: "feedsift-xxe")
        let secret = try directory.write("secret.txt", "TOP-SECRET-MARKER-9f2c")
        let dtd = try directory.write("evil.dtd", "<!ENTITY stolen SYSTEM \"file://\(secret)\">")
        let documents = [
            "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://\(secret)\">]><rss version=\"2.0\"><channel><title>&xxe;</title><item><description>&xxe;</description></item></channel></rss>",
            "<!DOCTYPE rss [<!ENTITY % ext SYSTEM \"file://\(dtd)\"> %ext;]><rss version=\"2.0\"><channel><title>&stolen;</title></channel></rss>",
            "<!DOCTYPE rss SYSTEM \"file://\(dtd)\"><rss version=\"2.0\"><channel><title>&stolen;</title></channel></rss>",
            "<!DOCTYPE rss PUBLIC \"-//x//y\" \"file://\(secret)\"><rss version=\"2.0\"><channel><title>t</title></channel></rss>",
        ]
        for xml in documents {
            let feed = try parse(xml)
            let json = feed.contractJSON()
            #expect(!json.contains("TOP-SECRET-MARKER"))
            #expect(feed.format == .rss20)
        }
    }

    @Test("100,000-deep nesting stops at the depth limit with a warning")
    func deepNesting() throws {
        let depth = 100_000
        let xml =
            "<rss version=\"2.0\"><channel><item><title>before</title></item>" + String(repeating: "<x>", count: depth)
            + String(repeating: "</x>", count: depth) + "</channel></rss>"
        let feed = try parse(xml)
        #expect(feed.entries.first?.title == "before")
        #expect(feed.isMalformed)
    }

    @Test("100,000-deep nesting inside content is flattened")
    func deepNestingInContent() throws {
        let depth = 100_000
        let html =
            String(repeating: "&lt;div&gt;", count: depth) + "x" + String(repeating: "&lt;/div&gt;", count: depth)
        let feed = try parse(
            "<rss version=\"2.0\"><channel><item><description>\(html)</description></item></channel></rss>")
        let summary = try #require(feed.entries.first?.summary)
        #expect(summary.utf8.count < 10_000)
        #expect(feed.entries.first?.summaryText == "x")
    }

    @Test("Deeply nested JSON is refused, not recursed into")
    func deepJSON() {
        let json = "{\"items\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let error = #expect(throws: ParseError.self) { try parse(json) }
        #expect(error?.message.contains("nests JSON deeper than 64 levels") == true)
        // Unbalanced nesting is refused the same way, before its end is seen.
        #expect(throws: ParseError.self) { try parse("{\"items\":" + String(repeating: "[", count: 100_000)) }
    }

    @Test("Oversized documents are refused")
    func oversized() {
        let parser = FeedParser(limits: ParseLimits(maxDocumentBytes: 1000))
        #expect(throws: ParseError.self) { try parser.parse(Array(repeating: UInt8(ascii: " "), count: 1001)) }
    }

    @Test("Too many entries: the rest are dropped with a warning")
    func entryLimit() throws {
        let items = String(repeating: "<item><title>t</title></item>", count: 50)
        let feed = try FeedParser(limits: ParseLimits(maxEntries: 10)).parse(
            Array("<rss><channel>\(items)</channel></rss>".utf8))
        #expect(feed.entries.count == 10)
        #expect(feed.warnings.contains { $0.kind == .limit })
    }
}
