import FeedSiftCore
import Testing

@testable import FeedSiftParse

/// The store keeps an item's sanitized HTML and recovers its text with
/// `SanitizedHTMLText`; these check that what it recovers is the text the
/// parser gave when it sanitized the source.
@Suite("Text recovered from sanitized HTML")
struct SanitizedTextAgreementTests {
    func parsedText(_ source: String) -> String { HTMLText.plainText(fromHTML: source) }

    func recoveredText(_ source: String) -> String {
        SanitizedHTMLText.plainText(of: HTMLSanitizer.sanitize(source, baseURL: "https://example.com/"))
    }

    @Test("Every element the sanitizer keeps separates text as the parser did")
    func everyKeptElement() {
        let kept = HTMLElementPolicy.names.dropFirst().map { String(decoding: $0, as: UTF8.self) }.compactMap {
            name -> (String, HTMLElementPolicy)? in
            guard let policy = HTMLElementPolicy.table.value(for: PackedName.key(name)), policy.treatment == .allowed
            else { return nil }
            return (name, policy)
        }
        #expect(kept.count > 60)
        for (name, policy) in kept {
            let sources =
                policy.isVoid
                ? ["a<\(name)>b", "a <\(name) /> b"] : ["a<\(name)>b</\(name)>c", "a <\(name)> b </\(name)> c"]
            for source in sources {
                #expect(recoveredText(source) == parsedText(source), "\(source)")
            }
        }
    }

    /// Where the two part: a tag the sanitized HTML no longer has, because
    /// it closed nothing or its element is unwrapped, separated words for
    /// the parser only. Both are malformed or unsafe markup; the text
    /// recovered is the text of what readers of the Atom feed are shown.
    @Test("A stray end tag or an unwrapped block separates words for the parser only")
    func knownDifferences() {
        for source in ["a</p>b", "a</div>b", "a<form>b</form>c", "a<iframe>b</iframe>c"] {
            #expect(parsedText(source).split(separator: " ").count > 1 || parsedText(source).contains("\n"))
            #expect(!recoveredText(source).contains(" ") && !recoveredText(source).contains("\n"))
        }
    }

    @Test("Random well-nested documents give the same text both ways")
    func randomDocuments() {
        var random = SplitMix64(seed: 0x5EED_7E47)
        for _ in 0..<2_000 {
            let source = Self.randomDocument(using: &random)
            #expect(recoveredText(source) == parsedText(source), "\(source)")
        }
    }

    /// Markup as feeds write it, each element closed in order or left open:
    /// kept and dropped elements, attributes (some holding `>`),
    /// references, stray `&` and `<`, and every kind of white space.
    static func randomDocument(using random: inout SplitMix64) -> String {
        let tags = [
            "p", "div", "br", "b", "i", "a href=\"/x?a=1&amp;b=2\"", "span title=\"x > y\"", "img src=\"i.png\"",
            "td", "th", "tr", "table", "li", "ul", "h3", "blockquote", "pre", "code", "em", "hr", "section",
            "font color=red", "script", "style", "center", "figure", "figcaption", "sup", "del", "video",
        ]
        let voids: Set<Substring> = ["br", "img", "hr"]
        let words = [
            "export", "controls", "rare-earth", "&amp;", "&lt;", "&gt;", "&nbsp;", "&eacute;t&eacute;", "&#233;",
            "&#x4E2D;", "&quot;ban&quot;", "a&b", "x < y", "&bogus;", "稀土", "tariff,", "MOFCOM.", "&#160;",
        ]
        let spaces = [" ", "  ", "\n", "\t", "\r\n", "", " \n "]
        var source = ""
        var open: [Substring] = []
        for _ in 0..<Int.random(in: 1...24, using: &random) {
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                let tag = tags.randomElement(using: &random) ?? "p"
                let name = tag.split(separator: " ").first ?? "p"
                source += "<\(tag)>"
                if !voids.contains(name) { open.append(name) }
            case 1:
                if let name = open.popLast() { source += "</\(name)>" }
            default:
                source += words.randomElement(using: &random) ?? ""
            }
            source += spaces.randomElement(using: &random) ?? ""
        }
        return source
    }
}
