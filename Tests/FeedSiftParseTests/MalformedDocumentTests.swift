import FeedSiftCore
import FeedSiftParse
import Testing

@Suite("Malformed documents")
struct MalformedDocumentTests {
    @Test("Unclosed tags still yield every entry")
    func unclosedTags() throws {
        let feed = try parse(
            """
            <rss version="2.0"><channel><title>Desk</title>
            <item><title>One</title><link>https://example.com/1</link><description>first <b>bold</item>
            <item><title>Two</title><link>https://example.com/2</link></item>
            <item><title>Three</title>
            """)
        #expect(feed.entries.map(\.title) == ["One", "Two", "Three"])
        #expect(feed.entries[1].link == "https://example.com/2")
        #expect(feed.isMalformed)
    }

    @Test("Undefined entities: HTML ones resolved, unknown ones kept as text, bare ampersands escaped")
    func entities() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><item><title>AT&T &copy; &bogus; &amp; more</title><link>https://example.com/?a=1&b=2</link></item></channel></rss>"
        )
        #expect(feed.entries[0].title == "AT&T © &bogus; & more")
        #expect(feed.entries[0].link == "https://example.com/?a=1&b=2")
        #expect(feed.isMalformed)
    }

    @Test("&amp; survives after an earlier well-formedness error")
    func ampersandAfterError() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><item><title>A</b></title></item><item><title>Salt &amp; Pepper &lt;3</title></item></channel></rss>"
        )
        #expect(feed.entries.last?.title == "Salt & Pepper <3")
    }

    @Test("Missing namespace declarations: prefixes are read by their usual meaning")
    func missingNamespaces() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><item><title>t</title><dc:creator>Kim</dc:creator><content:encoded>&lt;p&gt;body&lt;/p&gt;</content:encoded><dc:date>2025-06-03T00:00:00Z</dc:date></item></channel></rss>"
        )
        let entry = try #require(feed.entries.first)
        #expect(entry.authors.first?.name == "Kim")
        #expect(entry.content == "<p>body</p>")
        #expect(entry.updated == instant("2025-06-03T00:00:00Z"))
        #expect(feed.isMalformed)
    }

    @Test("Garbage before and after the root element")
    func garbageAroundRoot() throws {
        let feed = try parse(
            "\n\n  Warning: PHP notice in feed.php line 3\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Kept</title></item></channel></rss>\n<!-- cache --> trailing junk <b>"
        )
        #expect(feed.entries.map(\.title) == ["Kept"])
        #expect(feed.isMalformed)
    }

    @Test("Whitespace before the XML declaration is tolerated without a warning")
    func leadingWhitespace() throws {
        let feed = try parse(
            "\n  <?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>")
        #expect(feed.title == "t")
        #expect(!feed.isMalformed)
    }

    @Test("A stray < in text is escaped, not a lost element")
    func strayLessThan() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><item><title>Prices < 5% up</title></item></channel></rss>")
        #expect(feed.entries.first?.title == "Prices < 5% up")
        #expect(feed.isMalformed)
    }

    @Test("Warnings carry line numbers")
    func lineNumbers() throws {
        let feed = try parse("<rss version=\"2.0\">\n<channel>\n<item><title>x</titel></item>\n</channel></rss>")
        #expect(feed.warnings.contains { $0.line == 3 })
    }
}
