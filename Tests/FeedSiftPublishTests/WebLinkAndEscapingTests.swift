import Testing

@testable import FeedSiftPublish

@Suite struct WebLinkAndEscapingTests {
    @Test(
        "Only absolute http and https links without spaces or controls are offered",
        arguments: [
            ("https://example.com/a?b=1", "https://example.com/a?b=1"),
            ("  HTTP://Example.com/x \n", "HTTP://Example.com/x"),
            ("https://例え.jp/パス", "https://例え.jp/パス"),
            ("https://example.com/a b", nil),
            ("https://example.com/a\u{1}b", nil),
            ("https://example.com/a\u{2028}b", nil),
            ("https://example.com/\u{A0}x", nil),
            ("https://example.com/\u{3000}x", nil),
            ("\u{1}https://example.com/a", nil),
            ("javascript:alert(1)", nil),
            ("//example.com/a", nil),
            ("/relative", nil),
            ("https://", nil),
            ("http\u{1A}//example.com", nil),
        ] as [(String, String?)])
    func links(_ text: String, _ expected: String?) {
        #expect(WebLink.validated(text) == expected)
    }

    @Test func escapingCopiesRunsAndDropsWhatXMLForbids() {
        let html = "<p class=\"x\">Fish &amp; chips</p>\n\tnext\u{1}\u{FFFE}end\r"
        #expect(
            XMLEscaping.text(html)
                == "&lt;p class=\"x\"&gt;Fish &amp;amp; chips&lt;/p&gt;\n\tnextend&#13;")
        #expect(
            XMLEscaping.attribute(html)
                == "&lt;p class=&quot;x&quot;&gt;Fish &amp;amp; chips&lt;/p&gt;&#10;&#9;nextend&#13;")
        #expect(XMLEscaping.text("plain words") == "plain words")
        #expect(XMLEscaping.text("ﾟ日本語 &") == "ﾟ日本語 &amp;", "0xEF that starts another character is kept")
    }

    @Test func htmlEscapingEscapesMarkupAndDropsControls() {
        #expect(HTMLEscaping.text("Reuters, Kyodo and Xinhua") == "Reuters, Kyodo and Xinhua")
        #expect(HTMLEscaping.text("A&B <i> \"q\" 'a'") == "A&amp;B &lt;i&gt; &quot;q&quot; &#39;a&#39;")
        #expect(HTMLEscaping.text("tab\tline\nbell\u{7}del\u{7F}c1\u{85}") == "tab\tline\nbelldelc1")
        #expect(HTMLEscaping.text("25 °C, ¼ ton, Zürich, 日本") == "25 °C, ¼ ton, Zürich, 日本", "U+00A0 on stays")
    }
}
