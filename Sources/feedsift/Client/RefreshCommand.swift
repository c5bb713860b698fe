import ArgumentParser
import FeedSiftDaemon

/// `feedsift refresh [FEED]`: poll now.
struct RefreshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh", abstract: "Poll one feed, or every feed, now and show how each poll ended.")

    @Argument(help: "The feed to poll (default: all).")
    var feed: String?

    @OptionGroup var connection: ControlConnectionOptions

    func run() throws {
        var params: JSONObject = [:]
        if let feed { params["feed"] = .string(feed) }
        // Polling every feed may take as long as the slowest server allows.
        connection.print(try connection.call(.refresh, params, timeout: .seconds(600)), render: Self.render)
    }

    static func render(_ result: JSONValue, _ terminal: Terminal) -> String {
        var table = TextTable([
            .init(header: "FEED", minimumWidth: 10), .init(header: "OUTCOME"), .init(header: "HTTP", alignRight: true),
            .init(header: "NEW", alignRight: true), .init(header: "ERROR", flexible: true, minimumWidth: 12),
        ])
        for feed in result["feeds"]?.arrayValue ?? [] {
            let outcome = HumanFormat.cell(feed["outcome"])
            table.append([
                .init(text: HumanFormat.cell(feed["name"])),
                .init(text: outcome, style: outcome == "failed" ? .red : outcome == "ok" ? .green : .plain),
                .init(text: HumanFormat.cell(feed["status"])), .init(text: HumanFormat.cell(feed["new_items"])),
                .init(text: feed["error"]?.stringValue ?? "", style: .red),
            ])
        }
        return table.rendered(for: terminal)
    }
}
