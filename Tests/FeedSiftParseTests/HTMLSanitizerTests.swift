import FeedSiftParse
import Testing

@Suite("HTML sanitizer")
struct HTMLSanitizerTests {
    func clean(_ html: String, base: String? = nil) -> String {
        HTMLSanitizer.sanitize(html, baseURL: base)
    }

    @Test(
        "Active elements are removed",
        arguments: [
            ("a<script>alert(1)</script>b", "ab"),
            ("a<SCRIPT src=x.js></SCRIPT>b", "ab"),
            ("a<style>body{background:url(x)}</style>b", "ab"),
            ("a<iframe src=\"https://evil.example\">fallback</iframe>b", "afallbackb"),
            ("a<object data=x.swf>fallback</object>b", "afallbackb"),
            ("a<embed src=x.swf>b", "ab"),
            ("a<applet code=x.class>text</applet>b", "ab"),
            ("a<form action=/steal><input name=p><button>Go</button></form>b", "aGob"),
            ("a<link rel=stylesheet href=x.css><meta http-equiv=refresh content=0><base href=//evil/>b", "ab"),
            ("a<svg onload=alert(1)><text>t</text></svg>b", "atb"),
            ("a<math><mi>x</mi></math>b", "axb"),
            ("<frameset><frame src=x></frameset>ok", "ok"),
        ])
    func activeElements(_ input: String, _ expected: String) {
        #expect(clean(input) == expected)
    }

    @Test("Event handlers and unknown attributes are removed")
    func eventHandlers() {
        #expect(
            clean("<img src=\"a.png\" onerror=\"steal()\" ONLOAD='x()' alt=\"A\">") == "<img src=\"a.png\" alt=\"A\" />"
        )
        #expect(clean("<p onclick=\"x()\" data-x=\"1\" class=\"lead\">t</p>") == "<p class=\"lead\">t</p>")
    }

    @Test(
        "Dangerous URL schemes are removed, however they are spelled",
        arguments: [
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>",
            "<a href=\" javascript:alert(1)\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        ])
    func dangerousSchemes(_ input: String) {
        #expect(clean(input) == "<a>x</a>")
    }

    @Test("data: URLs are allowed only for raster images")
    func dataImages() {
        #expect(
            clean("<img src=\"data:image/png;base64,iVBORw0KGgo=\">")
                == "<img src=\"data:image/png;base64,iVBORw0KGgo=\" />")
        #expect(clean("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">") == "<img />")
    }

    @Test("CSS that loads or executes is removed; harmless declarations stay")
    func css() {
        #expect(
            clean("<p style=\"color: red; background: url(http://x/y.png)\">t</p>") == "<p style=\"color: red\">t</p>")
        #expect(clean("<p style=\"width: expression(alert(1))\">t</p>") == "<p>t</p>")
        #expect(clean("<p style=\"behavior: url(x.htc); -moz-binding: url(x)\">t</p>") == "<p>t</p>")
        #expect(clean("<p style=\"color: re\\64\">t</p>") == "<p>t</p>")
    }

    @Test("Relative URLs resolve against the base; absolute and safe ones stay")
    func relativeURLs() {
        #expect(
            clean("<a href=\"../b/c.html\">x</a><img src=\"/i.png\">", base: "https://example.com/a/d/e.html")
                == "<a href=\"https://example.com/a/b/c.html\">x</a><img src=\"https://example.com/i.png\" />")
        #expect(clean("<a href=\"mailto:desk@example.com\">m</a>") == "<a href=\"mailto:desk@example.com\">m</a>")
    }

    @Test("Output is balanced and escaped")
    func balanced() {
        #expect(clean("<b><i>x</b> y</i> z") == "<b><i>x</i></b> y z")
        #expect(clean("</p>a < b & c > d") == "a &lt; b &amp; c &gt; d")
        #expect(clean("<!-- <script>x</script> -->after") == "after")
        #expect(clean("<p title='\"><script>'>t</p>") == "<p title=\"&quot;&gt;&lt;script&gt;\">t</p>")
    }

    @Test("Character references: two code points, the longest name, legacy names without a semicolon")
    func characterReferences() {
        #expect(clean("&NotEqualTilde; &CounterClockwiseContourIntegral; x") == "\u{2242}\u{338} \u{2233} x")
        #expect(clean("&copy2025 &AMP &bogus; &amp") == "©2025 &amp; &amp;bogus; &amp;")
        // In attributes a legacy name followed by "=" or a letter is not a reference (HTML's rule).
        #expect(clean("<a title=\"&copy=1 &copyx &copy;\">t</a>") == "<a title=\"&amp;copy=1 &amp;copyx ©\">t</a>")
        #expect(
            clean("<a href=\"/q?a=1&amp;b=2&c\">q</a>", base: "https://x.example/")
                == "<a href=\"https://x.example/q?a=1&amp;b=2&amp;c\">q</a>")
    }

    @Test("Deep nesting is flattened past the depth limit")
    func deepNesting() {
        let html = String(repeating: "<div>", count: 10_000) + "x" + String(repeating: "</div>", count: 10_000)
        let cleaned = clean(html)
        #expect(cleaned.contains("x"))
        #expect(cleaned.utf8.count < 3_000)
    }
}

@Suite("HTML to text")
struct HTMLTextTests {
    @Test("Markup and attributes never become words; entities are decoded")
    func words() {
        #expect(
            HTMLText.plainText(
                fromHTML: "<a href=\"https://x.example/tariff\" title=\"hidden\">Steel</a> &amp; aluminium&nbsp;tariffs"
            ) == "Steel & aluminium tariffs")
        #expect(HTMLText.plainText(fromHTML: "a<script>var words = 1</script>b<style>p{}</style>c") == "abc")
        #expect(HTMLText.plainText(fromHTML: "caf&eacute; &#8212; &#x2014; &copy 2025") == "café — — © 2025")
    }

    @Test("Blocks become paragraphs, <br> a line break, other whitespace one space")
    func paragraphs() {
        #expect(
            HTMLText.plainText(
                fromHTML: "<h2>Title</h2><p>First   line<br>second\n line</p><ul><li>a</li><li>b</li></ul>")
                == "Title\n\nFirst line\nsecond line\n\na\n\nb")
        #expect(HTMLText.plainText(fromHTML: "<td>1</td><td>2</td>") == "1 2")
        #expect(HTMLText.plainText(fromHTML: "  \n ") == "")
    }

    @Test("Runs of words keep their spaces; whitespace at their edges is one separator")
    func wordRuns() {
        let long = "a run of words longer than sixteen bytes, and then some more"
        #expect(HTMLText.plainText(fromHTML: "<b>x</b>  \(long)  <i>y</i>") == "x \(long) y")
        #expect(HTMLText.plainText(fromHTML: "\(long)<br>\(long)") == "\(long)\n\(long)")
        #expect(HTMLText.plainText(fromHTML: "a  b\tc \n d&nbsp;&nbsp;e > f &lt; g") == "a b c d e > f < g")
        #expect(HTMLSanitizer.sanitize("  \(long) >  ", baseURL: nil) == "  \(long) &gt;  ")
    }
}
