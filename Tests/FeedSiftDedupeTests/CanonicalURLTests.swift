import FeedSiftDedupe
import Testing

@Suite struct CanonicalURLTests {
    @Test(arguments: [
        ("https://Example.ORG/a/b?utm_source=x&utm_medium=rss#frag", "https://example.org/a/b"),
        ("http://www.example.org:80/a/?b=2&a=1&fbclid=zz", "https://example.org/a?a=1&b=2"),
        ("https://example.org/story/1?gclid=1&id=7", "https://example.org/story/1?id=7"),
        ("https://example.org/", "https://example.org"),
        ("HTTPS://EXAMPLE.org:443/Path/Case", "https://example.org/Path/Case"),
    ])
    func canonicalForm(link: String, expected: String) {
        #expect(CanonicalURL.canonicalize(link) == expected)
    }

    @Test(arguments: ["", "not a url", "/relative/path", "mailto:a@example.org", "file:///tmp/x.xml"])
    func nonWebLinksHaveNoCanonicalForm(link: String) {
        #expect(CanonicalURL.canonicalize(link) == nil)
    }

    @Test func copiesUnderTrackingParametersCompareEqual() {
        let original = "https://metalsdaily.example.org/2026/10/copper-record"
        let tracked = original + "?utm_source=newsroundup&utm_medium=referral&utm_campaign=daily"
        #expect(CanonicalURL.canonicalize(original) == CanonicalURL.canonicalize(tracked))
    }

    @Test func fingerprintsSeparateParts() {
        #expect(Fingerprint.hash("ab", "c") != Fingerprint.hash("a", "bc"))
        #expect(Fingerprint.hash("same") == Fingerprint.hash("same"))
        #expect(Fingerprint.hash("x").count == 16)
    }
}
