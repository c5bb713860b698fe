import FeedSiftCore
import FeedSiftPublish
import Foundation

/// Stories and settings for the digest tests: built in memory, the way the
/// store hands them to the digest.
enum DigestFixtures {
    /// 2026-11-29 07:00 in Brussels (06:00 UTC) is the cut-off; the window
    /// is the 24 hours before.
    static let day = DigestDay(year: 2026, month: 11, day: 29)!
    static let calendar = DigestCalendar(timeZone: IANATimeZone(identifier: "Europe/Brussels")!, hour: 7, minute: 0)
    static var cutoff: Date { calendar.cutoff(of: day) }
    static var windowStart: Date { cutoff.addingTimeInterval(-86400) }

    static let categories = [
        CategoryDefinition(slug: "critical-minerals", label: "Critical minerals", location: location),
        CategoryDefinition(slug: "tariffs", label: "Tariffs & trade remedies", location: location),
        CategoryDefinition(slug: "shipping", label: "Shipping", location: location),
    ]
    static let location = SourceLocation(file: "feeds.conf", line: 1, column: 1)

    static func settings(to: [String] = ["analyst@example.com"]) -> DigestSettings {
        var settings = DigestSettings(directory: "/unused")
        settings.timeZone = "Europe/Brussels"
        settings.from = "feedsift@news.example"
        settings.to = to
        return settings
    }

    /// An item seen `hoursBeforeCutoff` hours before the cut-off.
    static func item(
        _ id: Int64, feed: String, title: String = "", link: String? = nil, text: String? = nil,
        html: String? = nil, hoursBeforeCutoff: Double, dropped: Bool = false
    ) -> ItemSnapshot {
        ItemSnapshot(
            id: id, feedName: feed.lowercased().replacingOccurrences(of: " ", with: "-"), feedTitle: feed,
            feedLink: nil, feedURL: "https://\(id).example/feed.xml", entryID: "urn:item:\(id)",
            link: link ?? "https://news.example/\(id)", title: title.isEmpty ? "Item \(id)" : title,
            summaryHTML: html, contentHTML: nil, summaryText: text, contentText: nil, authors: [],
            published: nil, updated: nil, firstSeen: cutoff.addingTimeInterval(-hoursBeforeCutoff * 3600),
            copyOf: nil, joinReason: nil, categories: [], score: 0, dropped: dropped)
    }

    static func story(
        _ id: Int64, score: Int = 1, categories: [String], items: [ItemSnapshot]
    ) -> StorySnapshot {
        StorySnapshot(
            id: id, uid: "uid\(id)", title: items.first?.title ?? "", firstSeen: items.map(\.firstSeen).min()!,
            updated: items.map(\.firstSeen).max()!, published: nil, score: score, categories: categories,
            items: items)
    }

    static func content(_ stories: [StorySnapshot], includeUncategorized: Bool = false) -> DigestContent {
        DigestContent(
            day: day, windowStart: windowStart, cutoff: cutoff, stories: stories, categories: categories,
            includeUncategorized: includeUncategorized)
    }

    /// A realistic day: three categories, copies from several sources, one
    /// update of an older story, non-ASCII text, long words and links,
    /// lines that start with a dot or "From ".
    static var busyDay: [StorySnapshot] {
        [
            story(
                1, score: 10, categories: ["critical-minerals"],
                items: [
                    item(
                        11, feed: "Metals Daily", title: "Gallium export licences slow as China tightens controls",
                        text: "Beijing's commerce ministry has approved fewer gallium export licences this month. "
                            + "Traders in Rotterdam report premiums of 40%. A third sentence is not shown.",
                        hoursBeforeCutoff: 5),
                    item(12, feed: "Asia Trade Monitor", hoursBeforeCutoff: 4),
                    item(13, feed: "Port Wire", hoursBeforeCutoff: 3),
                    item(14, feed: "Reuters Desk", hoursBeforeCutoff: 2),
                    item(15, feed: "Commodity Post", hoursBeforeCutoff: 2),
                    item(16, feed: "Métaux Hebdo", hoursBeforeCutoff: 1),
                ]),
            story(
                2, score: 3, categories: ["tariffs", "critical-minerals"],
                items: [
                    item(
                        21, feed: "Trade Roundup", title: "Zölle auf Stahl: EU prüft Schutzmaßnahmen — 関税",
                        text: ".leading dot line\nFrom the desk: Die EU-Kommission prüft neue Schutzmaßnahmen für "
                            + "Stahlimporte. Entscheidung im Dezember.",
                        hoursBeforeCutoff: 10)
                ]),
            story(
                3, score: 5, categories: ["tariffs"],
                items: [
                    item(
                        31, feed: "Trade Roundup", title: "US raises section 232 tariffs on steel derivatives",
                        link: "https://trade.example/" + String(repeating: "very-long-path-segment/", count: 8),
                        text: String(repeating: "Supercalifragilisticexpialidocious", count: 4) + " tariffs.",
                        hoursBeforeCutoff: 30),
                    item(32, feed: "Metals Daily", hoursBeforeCutoff: 6),
                ]),
            story(
                4, score: 2, categories: ["shipping"],
                items: [
                    item(41, feed: "Port Wire", title: "VLCC rates climb", text: "Rates rose.", hoursBeforeCutoff: 8)
                ]
            ),
        ]
    }
}
