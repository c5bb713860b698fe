import FeedSiftCore
import FeedSiftParse
import Foundation
import Testing

@Suite("Feed formats")
struct FeedFormatTests {
    @Test("RSS 2.0 with content:, dc:, media: and enclosures")
    func rss20() throws {
        let feed = try Fixtures.parse("rss20-trade.xml")
        #expect(feed.format == .rss20)
        #expect(feed.title == "Metals & Mining Desk")
        #expect(feed.link == "https://news.example.com/metals/")
        #expect(feed.language == "en-gb")
        #expect(feed.updated == instant("2025-06-03T09:30:00Z"))
        #expect(feed.warnings.isEmpty)
        #expect(feed.entries.count == 2)

        let first = feed.entries[0]
        #expect(first.id == "urn:uuid:5f1c2a4e-0001")
        #expect(first.link == "https://news.example.com/metals/2025/06/gallium-licences")
        #expect(first.published == instant("2025-06-03T07:15:00Z"))
        #expect(first.authors == [ParsedAuthor(name: "Ana Ruiz")])
        #expect(first.categories == ["critical minerals", "export controls"])
        #expect(first.summary == "<p>Licences for <b>gallium</b> exports now need end-user checks.</p>")
        #expect(first.content?.contains("<script") == false)
        #expect(
            first.contentText == "Licences for gallium exports now need end-user checks.\n\nGermanium follows in July.",
            "&nbsp; separates words like a space")
        #expect(first.text == first.contentText)
        #expect(
            first.enclosures == [
                ParsedEnclosure(url: "https://cdn.example.com/audio/gallium.mp3", type: "audio/mpeg", length: 123_456)
            ])
        #expect(first.media.map(\.kind) == [.content, .thumbnail])
        #expect(first.media.first?.width == 640)

        let second = feed.entries[1]
        #expect(second.link == "https://news.example.com/metals/2025/06/copper-stocks", "a permalink guid is the link")
        #expect(second.published == instant("2025-06-02T22:00:00Z"))
        #expect(second.authors == [ParsedAuthor(name: "Metals Desk", email: "desk@news.example.com")])
        #expect(second.summaryText == "Stocks fell for a fifth week.")
    }

    @Test("RSS polling hints: ttl, skipHours, skipDays")
    func rssPollingHints() throws {
        let hints = try Fixtures.parse("rss20-trade.xml").pollingHints
        #expect(hints.ttlMinutes == 45)
        #expect(hints.skipHours == [0, 1])
        #expect(hints.skipDays == [7, 1])
    }

    @Test("RSS 0.91 in ISO-8859-1")
    func rss091() throws {
        let feed = try Fixtures.parse("rss091.xml")
        #expect(feed.format == .rss09x)
        #expect(feed.title == "Café du Commerce")
        #expect(feed.entries.first?.title == "Tarifs douaniers à la hausse")
        #expect(feed.entries.first?.summaryText == "Le béton et l'acier.")
        #expect(feed.warnings.isEmpty)
    }

    @Test("RSS 1.0 (RDF) with dc:, content: and sy:")
    func rss10() throws {
        let feed = try Fixtures.parse("rss10-rdf.xml")
        #expect(feed.format == .rss10)
        #expect(feed.updated == instant("2025-06-03T04:00:00Z"))
        #expect(feed.pollingHints.syndicationInterval == .seconds(21_600))
        let entry = try #require(feed.entries.first)
        #expect(entry.id == "https://agri.example.net/wheat-1")
        #expect(entry.updated == instant("2025-06-02T15:30:00Z"))
        #expect(entry.published == nil, "dc:date is an update time, not back-filled")
        #expect(entry.authors.first?.name == "Grain Desk")
        #expect(entry.categories == ["agriculture"])
        #expect(entry.content == "<p>Quota announced for the <em>new</em> season.</p>")
    }

    @Test("Atom 1.0: text constructs, xml:base, xml:lang, xhtml content")
    func atom10() throws {
        let feed = try Fixtures.parse("atom10-shipping.xml")
        #expect(feed.format == .atom10)
        #expect(feed.title == "Shipping & Freight")
        #expect(feed.subtitle == "Rates &lt;and&gt; routes", "type=text is escaped when shown as HTML")
        #expect(feed.rights == "<b>CC BY</b>")
        #expect(feed.link == "https://ship.example.org/news/")
        #expect(feed.id == "tag:ship.example.org,2025:feed")
        #expect(feed.language == "en")

        let first = feed.entries[0]
        #expect(first.title == "Red Sea diversions <continue>")
        #expect(first.link == "https://ship.example.org/archive/2025/red-sea.html")
        #expect(first.enclosures.first?.url == "https://ship.example.org/media/route-map.pdf")
        #expect(first.published == instant("2025-06-01T10:00:00Z"))
        #expect(first.updated == instant("2025-06-02T08:00:00Z"))
        #expect(
            first.authors == [
                ParsedAuthor(
                    name: "Lena Berg", email: "lena@ship.example.org", uri: "https://ship.example.org/people/lena")
            ])
        #expect(
            first.summary
                == "<p>Carriers keep routing <a href=\"https://ship.example.org/archive/2025/cape.html\">around the Cape</a>.</p>"
        )
        #expect(
            first.content
                == "<p>Transit times are up <strong>10 days</strong>.</p><p><img src=\"https://ship.example.org/archive/2025/map.png\" alt=\"map\" /></p>"
        )
        #expect(first.contentText == "Transit times are up 10 days.")
        #expect(first.language == "en")

        let second = feed.entries[1]
        #expect(second.language == "de")
        #expect(second.content == "Rates &lt;b&gt;rose&lt;/b&gt; 3%.")
        #expect(second.contentText == "Rates <b>rose</b> 3%.")
    }

    @Test("Relative URLs resolve against the document URL when there is no xml:base")
    func documentURLBase() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><link>/</link><item><link>a/b.html</link><description>&lt;a href=\"../c\"&gt;c&lt;/a&gt;</description></item></channel></rss>",
            documentURL: "https://example.com/feeds/rss.xml")
        #expect(feed.link == "https://example.com/")
        #expect(feed.entries[0].link == "https://example.com/feeds/a/b.html")
        #expect(feed.entries[0].summary == "<a href=\"https://example.com/c\">c</a>")
    }

    @Test("xml:base and xml:lang end with the element that sets them")
    func scopes() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
            <entry xml:base="https://a.example/one/" xml:lang="fr"><title>1</title><link href="x.html"/>
              <content type="html" xml:base="https://b.example/">&lt;a href="y"&gt;y&lt;/a&gt;</content>
              <summary type="html">&lt;a href="z"&gt;z&lt;/a&gt;</summary></entry>
            <entry><title>2</title><link href="x.html"/></entry>
            </feed>
            """, documentURL: "https://doc.example/feeds/atom.xml")
        #expect(feed.entries[0].link == "https://a.example/one/x.html")
        #expect(feed.entries[0].language == "fr")
        #expect(feed.entries[0].content == "<a href=\"https://b.example/y\">y</a>")
        #expect(feed.entries[0].summary == "<a href=\"https://a.example/one/z\">z</a>")
        #expect(feed.entries[1].link == "https://doc.example/feeds/x.html")
        #expect(feed.entries[1].language == "en")
    }

    @Test("A prefix bound to another namespace is read by that namespace")
    func redeclaredPrefix() throws {
        let feed = try parse(
            """
            <rss version="2.0" xmlns:x="http://purl.org/dc/elements/1.1/"><channel>
            <item><title>1</title><x:creator>Dublin Core</x:creator></item>
            <item xmlns:x="urn:example:other"><title>2</title><x:creator>Other</x:creator></item>
            <item><title>3</title><x:creator>Dublin Core again</x:creator></item>
            </channel></rss>
            """)
        #expect(feed.entries.map { $0.authors.first?.name } == ["Dublin Core", nil, "Dublin Core again"])
    }

    @Test("Elements are recognized however many distinct names a document uses")
    func manyElementNames() throws {
        let unknown = (0..<150).map { "<ext\($0)>v</ext\($0)>" }.joined()
        let feed = try parse(
            "<rss version=\"2.0\"><channel><title>t</title>\(unknown)<item><title>after</title><link>https://x.example/a</link><pubDate>Tue, 03 Jun 2025 08:15:00 GMT</pubDate></item></channel></rss>"
        )
        let entry = try #require(feed.entries.first)
        #expect(entry.title == "after")
        #expect(entry.link == "https://x.example/a")
        #expect(entry.published == instant("2025-06-03T08:15:00Z"))
    }

    @Test("Atom 0.3: issued/modified, escaped and inline XML content")
    func atom03() throws {
        let feed = try Fixtures.parse("atom03.xml")
        #expect(feed.format == .atom03)
        #expect(feed.updated == instant("2004-06-02T10:00:00Z"))
        let entry = try #require(feed.entries.first)
        #expect(entry.published == instant("2004-06-01T14:00:00Z"))
        #expect(entry.updated == instant("2004-06-01T15:00:00Z"))
        #expect(entry.summary == "<p>OPEC+ holds output.</p>")
        #expect(entry.content == "<p>OPEC+ holds <em>output</em>.</p>")
    }

    @Test("JSON Feed 1.1 and 1.0 fields")
    func jsonFeed() throws {
        let feed = try FeedParser().parse(
            try Fixtures.bytes("jsonfeed11.json"), documentURL: "https://lithium.example.com/feed.json")
        #expect(feed.format == .jsonfeed)
        #expect(feed.title == "Lithium Watch")
        #expect(feed.link == "https://lithium.example.com/")
        let first = feed.entries[0]
        #expect(first.id == "2025-06-03-spodumene")
        #expect(first.link == "https://lithium.example.com/2025/06/spodumene")
        #expect(first.content == "<p>Prices held at <b>$900/t</b>.</p>")
        #expect(first.summary == "Prices held.")
        #expect(first.published == instant("2025-06-03T07:00:00Z"))
        #expect(first.updated == instant("2025-06-03T07:00:00Z"))
        #expect(first.categories == ["lithium", "batteries"])
        #expect(first.authors == [ParsedAuthor(name: "Battery Desk", uri: "https://lithium.example.com/desk")])
        #expect(
            first.enclosures == [
                ParsedEnclosure(url: "https://lithium.example.com/chart.png", type: "image/png", length: 5120)
            ])
        let second = feed.entries[1]
        #expect(second.id == "42")
        #expect(second.content == "Cobalt &lt;tariffs&gt; &amp; quotas.")
        #expect(second.contentText == "Cobalt <tariffs> & quotas.")
        #expect(second.authors.first?.name == "Old-style 1.0 author")
        #expect(second.published == nil)
        #expect(feed.warnings.contains { $0.kind == .value })
    }

    @Test("The format comes from the document, not the Content-Type")
    func formatDetection() throws {
        let atom = try parse(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>", contentType: "application/rss+xml")
        #expect(atom.format == .atom10)
        let json = try parse("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[]}", contentType: "text/xml")
        #expect(json.format == .jsonfeed)
        #expect(throws: ParseError.self) { try parse("<html><body>not a feed</body></html>") }
        #expect(throws: ParseError.self) { try parse("") }
    }
}
