import FeedSiftCore
import FeedSiftPublish
import FeedSiftTestSupport
import Foundation
import Testing

/// The HTML part carries no active content and loads nothing, whatever the
/// feed items held.
@Suite(.enabled(if: RepositoryPaths.hasProgram("python3"), "needs python3 for the MIME and HTML parsers"))
struct DigestHTMLSafetyTests {
    typealias F = DigestFixtures

    static let hostileStories: [StorySnapshot] = [
        F.story(
            1, score: 9, categories: ["critical-minerals"],
            items: [
                F.item(
                    1, feed: "Evil <script>alert(1)</script> Feed",
                    title: "<img src=x onerror=alert(1)> Gallium \"quotes\" & 'apostrophes'",
                    link: "javascript:alert(document.cookie)",
                    text: "<script>alert('text')</script> Prices rose. <iframe src=\"https://evil.example\"></iframe>",
                    html: "<p>Prices <script>alert(1)</script><b onclick=\"x()\">rose</b></p>",
                    hoursBeforeCutoff: 3),
                F.item(
                    2, feed: "\" onmouseover=\"alert(2)", link: "https://ok.example/\"><script>alert(3)</script>",
                    hoursBeforeCutoff: 2),
            ]),
        F.story(
            2, categories: ["shipping"],
            items: [
                F.item(
                    3, feed: "Data Feed", title: "<style>body{background:url(https://track.example/p.gif)}</style>",
                    link: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                    text: "<link rel=stylesheet href=https://evil.example/x.css> <a href=\"javascript:void(0)\">x</a>",
                    hoursBeforeCutoff: 1)
            ]),
    ]

    @Test func htmlPartHasNoActiveContentOrExternalResources() throws {
        let directory = try TemporaryDirectory(prefix: "feedsift-digest")
        let message = DigestComposer(settings: F.settings(), calendar: F.calendar).compose(
            F.content(Self.hostileStories))
        let mail = try ParsedMail.parse(file: try DigestFiles(directory: directory.path).write(message))
        let html = try #require(mail.parts.first { $0.contentType == "text/html" }?.content)
        let elements = try ParsedMail.htmlElements(html)
        let allowed: Set = ["html", "head", "meta", "title", "body", "table", "tr", "td", "h1", "h2", "p", "span", "a"]
        #expect(Set(elements.map(\.tag)).isSubset(of: allowed), "\(Set(elements.map(\.tag)).subtracting(allowed))")
        #expect(elements.count > 20)
        for element in elements {
            for (name, value) in element.attributes {
                #expect(!name.hasPrefix("on"), "event handler \(name) on <\(element.tag)>")
                #expect(name != "src" && name != "background" && name != "srcset")
                #expect(!value.lowercased().contains("url(") && !value.lowercased().contains("expression("))
                if name == "href" {
                    #expect(value.hasPrefix("https://") || value.hasPrefix("http://"), "href \(value)")
                }
            }
            if element.tag == "meta" {
                #expect(element.attributes["http-equiv"]?.lowercased() != "refresh")
            }
        }
        // The hostile text is shown as text, escaped, not dropped.
        #expect(html.contains("&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;"))
        #expect(html.contains("href=\"https://ok.example/&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;\"") == false)
        let hrefs = elements.compactMap { $0.attributes["href"] }
        #expect(hrefs.isEmpty, "no story here has a usable link: \(hrefs)")
    }
}
