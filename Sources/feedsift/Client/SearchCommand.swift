import ArgumentParser
import FeedSiftDaemon

/// `feedsift search QUERY`: full-text search over stored items.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search stored items' titles and text.",
        discussion: """
            Every word must occur; word* matches a prefix, "two words" a phrase. Case and accents do not matter. \
            Newest items come first unless --relevance is given.
            """)

    @Argument(help: "What to look for.")
    var query: String

    @Option(help: "Only items in this category (slug).")
    var category: String?

    @Option(help: "Only items from this feed.")
    var feed: String?

    @Option(help: "Only items first seen since then: an age (7d) or a date.")
    var since: String?

    @Option(help: "Only items first seen until then: an age (7d) or a date.")
    var until: String?

    @Option(help: "Only items of this story.")
    var story: Int?

    @Option(help: "Hits per page (1-1000).")
    var limit = 20

    @Option(help: "Skip this many hits (for the next page).")
    var offset = 0

    @Flag(help: "Best matches first instead of newest first.")
    var relevance = false

    @OptionGroup var connection: ControlConnectionOptions

    func validate() throws {
        try ControlConnectionOptions.validateInstant(since, option: "--since")
        try ControlConnectionOptions.validateInstant(until, option: "--until")
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
    }

    func run() throws {
        var params: JSONObject = ["query": .string(query), "limit": JSONValue(limit)]
        if offset > 0 { params["offset"] = JSONValue(offset) }
        if let category { params["category"] = .string(category) }
        if let feed { params["feed"] = .string(feed) }
        if let since { params["since"] = .string(since) }
        if let until { params["until"] = .string(until) }
        if let story { params["story"] = JSONValue(story) }
        if relevance { params["order"] = "relevance" }
        connection.print(try connection.call(.search, params), render: Self.render)
    }

    static func render(_ result: JSONValue, _ terminal: Terminal) -> String {
        let hits = result["hits"]?.arrayValue ?? []
        guard !hits.isEmpty else { return "no items match\n" }
        var table = TextTable([
            .init(header: "REF", alignRight: true), .init(header: "SEEN", alignRight: true),
            .init(header: "FEED", flexible: true, minimumWidth: 8), .init(header: "STORY", alignRight: true),
            .init(header: "TITLE", flexible: true, minimumWidth: 20),
            .init(header: "CATEGORIES", flexible: true, minimumWidth: 10),
        ])
        for hit in hits {
            table.append([
                .init(text: HumanFormat.cell(hit["ref"])), .init(text: HumanFormat.relative(hit["first_seen"])),
                .init(text: HumanFormat.cell(hit["feed"])), .init(text: HumanFormat.cell(hit["story"])),
                .init(text: HumanFormat.cell(hit["title"])),
                .init(text: HumanFormat.list(hit["categories"]), style: .dim),
            ])
        }
        var text = table.rendered(for: terminal)
        if let next = result["next_offset"]?.intValue { text += terminal.styled("more: --offset \(next)\n", .dim) }
        return text
    }
}
