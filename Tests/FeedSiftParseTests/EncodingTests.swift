import FeedSiftCore
import FeedSiftParse
import Foundation
import Testing

@Suite("Character encodings")
struct EncodingTests {
    let body = "<rss version=\"2.0\"><channel><title>Zürich – Ærø</title></channel></rss>"

    @Test("UTF-8 byte-order mark")
    func utf8BOM() throws {
        let feed = try FeedParser().parse([0xEF, 0xBB, 0xBF] + Array(body.utf8))
        #expect(feed.title == "Zürich – Ærø")
        #expect(feed.warnings.isEmpty)
    }

    @Test("UTF-16 with a byte-order mark, both byte orders")
    func utf16() throws {
        for (bom, little) in [([UInt8](arrayLiteral: 0xFF, 0xFE), true), ([0xFE, 0xFF], false)] {
            var bytes = bom
            for unit in ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body).utf16 {
                bytes += little ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            }
            let feed = try FeedParser().parse(bytes)
            #expect(feed.title == "Zürich – Ærø")
            #expect(feed.warnings.isEmpty)
        }
    }

    @Test("The XML declaration names the encoding")
    func declaration() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes += [0xCC, 0xE5, 0xE4, 0xFC]  // "Медь" in Windows-1251
        bytes += Array("</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes)
        #expect(feed.title == "Медь")
        #expect(feed.warnings.isEmpty)
    }

    @Test("The HTTP charset wins over the XML declaration (RFC 7303)")
    func httpCharsetWins() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes += [0x43, 0x61, 0x66, 0xE9]  // "Café" in ISO-8859-1
        bytes += Array("</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes, contentType: "application/rss+xml; charset=ISO-8859-1")
        #expect(feed.title == "Café")
        #expect(feed.warnings.isEmpty)
    }

    @Test("A byte-order mark wins over the HTTP charset")
    func bomWinsOverHTTP() throws {
        let feed = try FeedParser().parse(
            [0xEF, 0xBB, 0xBF] + Array(body.utf8), contentType: "text/xml; charset=iso-8859-1")
        #expect(feed.title == "Zürich – Ærø")
    }

    @Test("Windows-1252 declared as UTF-8 is recovered, with a warning")
    func windows1252DeclaredUTF8() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes += [0x93, 0x53, 0x74, 0x65, 0x65, 0x6C, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]  // “Steel” – €5
        bytes += Array("</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes)
        #expect(feed.title == "\u{201C}Steel\u{201D} \u{2013} \u{20AC}5")
        #expect(feed.warnings.contains { $0.kind == .encoding })
    }

    @Test("A stray cp1252 byte in otherwise UTF-8 text keeps the UTF-8")
    func mixedUTF8() throws {
        var bytes = Array("<rss version=\"2.0\"><channel><title>Zürich ".utf8)
        bytes += [0x96]
        bytes += Array(" Ærø</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes)
        #expect(feed.title == "Zürich – Ærø")
        #expect(feed.warnings.contains { $0.kind == .encoding })
    }

    @Test("An unknown encoding name falls back to UTF-8 with a warning")
    func unknownEncoding() throws {
        let feed = try parse("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>" + body)
        #expect(feed.title == "Zürich – Ærø")
        #expect(feed.warnings.contains { $0.kind == .encoding })
    }

    @Test("HTML named entities in XML are resolved")
    func htmlEntities() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><title>caf&eacute;&nbsp;&mdash;&hellip;</title></channel></rss>")
        #expect(feed.title == "café\u{A0}—…")
        #expect(feed.isMalformed, "undefined entities make the document not well-formed")
    }

    @Test("UTF-8 that was read as Latin-1 upstream is decoded again; C1 controls become cp1252")
    func doubleDecoding() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><title>cafÃ© ok</title><item><title>a &#150; b</title></item></channel></rss>"
        )
        #expect(feed.title == "café ok")
        #expect(feed.entries.first?.title == "a – b")
    }

    @Test("C1 controls are repaired in text that also has characters outside Latin-1")
    func c1AfterOtherCharacters() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><title>東京 &#150; 大阪</title><item><title>t</title><description>日本 &#147;quoted&#148;</description></item></channel></rss>"
        )
        #expect(feed.title == "東京 – 大阪")
        #expect(feed.entries.first?.summaryText == "日本 “quoted”")
    }
}
