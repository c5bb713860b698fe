import ArgumentParser
import FeedSiftDaemon

/// `feedsift stories`: the stories the rules selected, newest first.
struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories", abstract: "List stories, newest change first, with how many sources carry each.")

    @Option(help: "Only stories in this category (slug).")
    var category: String?

    @Option(help: "Only stories first seen since then: an age (1d) or a date.")
    var since: String?

    @Option(help: "At most this many stories (1-1000).")
    var limit = 50

    @Flag(help: "Include stories no category selected.")
    var all = false

    @OptionGroup var connection: ControlConnectionOptions

    func validate() throws {
        try ControlConnectionOptions.validateInstant(since, option: "--since")
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() throws {
        var params: JSONObject = ["limit": JSONValue(limit)]
        if let category { params["category"] = .string(category) }
        if let since { params["since"] = .string(since) }
        if all { params["all"] = true }
        connection.print(try connection.call(.stories, params), render: Self.render)
    }

    static func render(_ result: JSONValue, _ terminal: Terminal) -> String {
        let stories = result["stories"]?.arrayValue ?? []
        guard !stories.isEmpty else { return "no stories\n" }
        var table = TextTable([
            .init(header: "ID", alignRight: true), .init(header: "FIRST SEEN", alignRight: true),
            .init(header: "SCORE", alignRight: true), .init(header: "SOURCES", alignRight: true),
            .init(header: "CATEGORIES", flexible: true, minimumWidth: 10),
            .init(header: "TITLE", flexible: true, minimumWidth: 20),
        ])
        for story in stories {
            let items = story["items"]?.arrayValue ?? []
            let feeds = Set(items.compactMap { $0["feed"]?.stringValue })
            table.append([
                .init(text: HumanFormat.cell(story["id"])), .init(text: HumanFormat.relative(story["first_seen"])),
                .init(text: HumanFormat.cell(story["score"])), .init(text: String(feeds.count)),
                .init(text: HumanFormat.list(story["categories"]), style: .dim),
                .init(text: HumanFormat.cell(story["title"])),
            ])
        }
        return table.rendered(for: terminal)
    }
}
