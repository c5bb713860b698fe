import FeedSiftCore
import Foundation
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

    /// Feeds as publishers write them: every summary and content of
    /// feedparser's corpus (1,600 documents from the wild and its own
    /// edge cases) has the same words both ways. Needs `../shared` (or
    /// FEEDSIFT_SHARED); skipped, saying so, without it.
    @Test(
        "feedparser's corpus gives the same words both ways",
        .enabled(if: Self.feedparserCorpusPath != nil, "skipped: the shared feedparser corpus was not found"))
    func feedparserCorpus() throws {
        let root = try #require(Self.feedparserCorpusPath)
        let files = try #require(FileManager.default.enumerator(atPath: root)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".xml") }
        func words(_ text: String) -> [Substring] { text.split(whereSeparator: \.isWhitespace) }
        var values = 0
        var exact = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: "\(root)/\(file)"),
                let feed = try? FeedParser().parse(Array(data))
            else { continue }
            for entry in feed.entries {
                for (html, text) in [(entry.summary, entry.summaryText), (entry.content, entry.contentText)] {
                    guard let html else { continue }
                    values += 1
                    let recovered = SanitizedHTMLText.plainText(of: html)
                    if recovered == text ?? "" { exact += 1 }
                    #expect(words(recovered) == words(text ?? ""), "\(file): \(html)")
                }
            }
        }
        print("recovered text: \(exact) of \(values) summaries and contents exactly, the rest in white space only")
        #expect(values > 400, "the corpus has 522 summaries and contents")
    }

    static let feedparserCorpusPath: String? = {
        let corpus = "\(ConformanceEnvironment.sharedDirectory)/corpora/feedparser"
        return FileManager.default.fileExists(atPath: corpus) ? corpus : nil
    }()

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
