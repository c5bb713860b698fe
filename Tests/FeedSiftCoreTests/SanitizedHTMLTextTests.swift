import FeedSiftCore
import FoundationEssentials
import Testing

@Suite("Plain text of sanitized HTML")
struct SanitizedHTMLTextTests {
    @Test(
        "Tags separate text as the parser's text does",
        arguments: [
            ("<p>One</p><p>Two</p>", "One\n\nTwo"),
            ("one<br />two", "one\ntwo"),
            ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
            ("a<img src=\"x.png\" alt=\"picture\" />b", "a b"),
            ("<b>bold</b>face and <a href=\"https://example.com/\">link</a>", "boldface and link"),
            ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
            ("<p>para</p>tail<br />", "para\n\ntail"),
            ("<h2>Head</h2>\n<p>Body</p>\n", "Head\n\nBody"),
        ])
    func boundaries(_ html: String, _ text: String) {
        #expect(SanitizedHTMLText.plainText(of: html) == text)
    }

    @Test(
        "References decode and white space collapses",
        arguments: [
            ("Fish &amp; chips &lt;3 &gt;", "Fish & chips <3 >"),
            ("  spaced \n\t out\u{0C} ", "spaced out"),
            ("caf&#233; &#x4E2D;&quot;&apos;", "café 中\"'"),
            ("a\u{A0}b&nbsp;c", "a b c"),
            ("&unknown; & &amp", "&unknown; & &amp"),
            ("&#0; &#x110000;", "&#0; &#x110000;"),
        ])
    func references(_ html: String, _ text: String) {
        #expect(SanitizedHTMLText.plainText(of: html) == text)
    }

    @Test("A quoted attribute may hold '>' without ending its tag")
    func quotedAttributes() {
        #expect(SanitizedHTMLText.plainText(of: "<a title=\"x > y\" href='a>b'>word</a> next") == "word next")
    }

    @Test("HTML without text has none; text without markup is itself")
    func degenerate() {
        #expect(SanitizedHTMLText.plainText(of: "") == "")
        #expect(SanitizedHTMLText.plainText(of: "<p></p><br /><img src=\"x\" />") == "")
        #expect(SanitizedHTMLText.plainText(of: "just words") == "just words")
        #expect(SanitizedHTMLText.plainText(of: "a < b") == "a < b")
    }
}

@Suite("Text of a stored item's snapshot")
struct ItemSnapshotTextTests {
    func snapshot(summaryHTML: String?, summaryText: String?) -> ItemSnapshot {
        ItemSnapshot(
            id: 1, feedName: "a", feedTitle: nil, feedLink: nil, feedURL: "https://a.example/feed", entryID: "1",
            link: nil, title: "T", summaryHTML: summaryHTML, contentHTML: nil, summaryText: summaryText,
            contentText: nil, authors: [], published: nil, updated: nil, firstSeen: Date(timeIntervalSince1970: 0),
            copyOf: nil, joinReason: nil, categories: [], score: 0, dropped: false)
    }

    @Test func textIsRecoveredFromTheHTMLUnlessItWasStored() {
        #expect(snapshot(summaryHTML: "<p>Fish &amp; chips</p>", summaryText: nil).summaryText == "Fish & chips")
        #expect(snapshot(summaryHTML: "<p>Fish &amp; chips</p>", summaryText: "stored").summaryText == "stored")
        #expect(snapshot(summaryHTML: "<img src=\"x.png\" />", summaryText: nil).summaryText == nil)
        #expect(snapshot(summaryHTML: nil, summaryText: nil).summaryText == nil)
        #expect(snapshot(summaryHTML: nil, summaryText: nil).contentText == nil)
    }
}
