import FeedSiftCore
import FeedSiftPublish
import FeedSiftTestSupport
import Foundation
import Testing

/// The `.eml` as an independent, strict MIME parser reads it.
@Suite(.enabled(if: RepositoryPaths.hasProgram("python3"), "needs python3 for the strict MIME parser"))
struct DigestMessageTests {
    typealias F = DigestFixtures

    static func written(_ stories: [StorySnapshot], settings: DigestSettings = F.settings()) throws -> (
        DigestMessage, ParsedMail, TemporaryDirectory
    ) {
        let directory = try TemporaryDirectory(prefix: "feedsift-digest")
        let message = DigestComposer(settings: settings, calendar: F.calendar).compose(F.content(stories))
        let path = try DigestFiles(directory: directory.path).write(message)
        return (message, try ParsedMail.parse(file: path), directory)
    }

    @Test func strictParserReadsHeadersAndBothParts() throws {
        let settings = F.settings(to: ["analyst@example.com", "desk@example.org", "a.very.long.name@example.net"])
        let (message, mail, directory) = try Self.written(F.busyDay, settings: settings)
        #expect(mail.subject == "Trade & commodities digest — Sun 29 Nov 2026 (4 stories)")
        #expect(mail.from == ["feedsift@news.example"])
        #expect(mail.to == settings.to)
        #expect(mail.headers["MIME-Version"] == "1.0")
        #expect(mail.messageID == message.messageID)
        #expect(mail.messageID.hasPrefix("<digest.2026-11-29.") && mail.messageID.hasSuffix("@news.example>"))
        #expect(mail.date == F.cutoff.timeIntervalSince1970)
        #expect(mail.headers["Date"] == "Sun, 29 Nov 2026 07:00:00 +0100")
        #expect(mail.contentType == "multipart/alternative")
        #expect(mail.parts.map(\.contentType) == ["text/plain", "text/html"])
        #expect(mail.parts.allSatisfy { $0.charset == "utf-8" })
        #expect(mail.longestLine <= 78)
        #expect(!mail.hasBareLineFeed)
        #expect(!mail.hasEightBitBytes)

        let text = try #require(mail.parts.first?.content)
        #expect(
            text
                == String(
                    decoding: try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/2026-11-29.txt")),
                    as: UTF8.self))
        #expect(text.contains("Zölle auf Stahl: EU prüft Schutzmaßnahmen — 関税"))
        #expect(text.contains("[updated] US raises section 232 tariffs"))
        let unwrapped = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(unwrapped.contains("Metals Daily; also reported by Asia Trade Monitor, Port Wire and 3 more"))
        #expect(text.contains(".leading dot line From the desk:"))
        // Links are never broken across lines.
        #expect(text.contains("https://trade.example/" + String(repeating: "very-long-path-segment/", count: 8) + "\n"))
        let html = try #require(mail.parts.last?.content)
        #expect(html.contains("Tariffs &amp; trade remedies"))
        #expect(html.contains("href=\"https://news.example/11\""))
        // Sections in configuration order, in both parts.
        for part in [text, html] {
            let order = ["Critical minerals", "Tariffs &", "Shipping"].compactMap { part.range(of: $0)?.lowerBound }
            #expect(order.count == 3 && order == order.sorted())
        }
    }

    @Test func mostlyNonASCIITextIsBase64AndStillDecodes() throws {
        let chinese = String(repeating: "稀土出口管制收紧，镓和锗的出口许可证审批放缓。", count: 6)
        let story = F.story(
            1, categories: ["critical-minerals"],
            items: [F.item(1, feed: "商务部", title: "稀土出口管制", text: chinese, hoursBeforeCutoff: 2)])
        let (_, mail, _) = try Self.written([story])
        #expect(mail.parts.map(\.transferEncoding) == ["base64", "base64"])
        #expect(mail.parts[0].content.contains("商务部"))
        #expect(mail.longestLine <= 78)
    }

    @Test func emptyDayAndLongSubjectsStayValid() throws {
        var settings = F.settings()
        settings.title = "Überwachung der Handels- und Rohstoffnachrichten für das Analyseteam in Brüssel"
        let (message, mail, _) = try Self.written([], settings: settings)
        #expect(message.storyCount == 0)
        #expect(mail.subject == "\(settings.title) — Sun 29 Nov 2026 (0 stories)")
        #expect(mail.longestLine <= 78)
        #expect(mail.parts[0].content.contains("No new stories from Sat 28 Nov 2026 07:00 to Sun 29 Nov 2026 07:00"))
    }

    @Test func sameContentGivesSameBytes() {
        let composer = DigestComposer(settings: F.settings(), calendar: F.calendar)
        #expect(composer.compose(F.content(F.busyDay)).bytes == composer.compose(F.content(F.busyDay)).bytes)
        // A copy that arrives after the cut-off changes nothing in that day's digest.
        var later = F.busyDay
        later[3].items.append(F.item(42, feed: "Late Wire", hoursBeforeCutoff: -3))
        #expect(composer.compose(F.content(later)).bytes == composer.compose(F.content(F.busyDay)).bytes)
    }
}
