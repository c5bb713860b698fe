import ArgumentParser
import FeedSiftDaemon

/// `feedsift feeds`: every feed's health.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Show each feed's health: last fetch and status, failures, share of 304s, interval, next poll.")

    @OptionGroup var connection: ControlConnectionOptions

    func run() throws {
        connection.print(try connection.call(.feeds), render: Self.render)
    }

    static func render(_ result: JSONValue, _ terminal: Terminal) -> String {
        var table = TextTable([
            .init(header: "FEED", minimumWidth: 10),
            .init(header: "STATE"),
            .init(header: "LAST FETCH", alignRight: true),
            .init(header: "HTTP", alignRight: true),
            .init(header: "FAILS", alignRight: true),
            .init(header: "304s", alignRight: true),
            .init(header: "INTERVAL", alignRight: true),
            .init(header: "NEXT POLL", alignRight: true),
            .init(header: "LAST ERROR / WHY THIS INTERVAL", flexible: true, minimumWidth: 12),
        ])
        for feed in result["feeds"]?.arrayValue ?? [] {
            let state = HumanFormat.cell(feed["state"])
            let style: TextStyle =
                switch state {
                case "ok": .green
                case "failing": .red
                case "disabled": .yellow
                default: .plain
                }
            let share = feed["not_modified_share"]?.doubleValue.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
            let interval = feed["interval_seconds"]?.doubleValue.map(HumanFormat.duration) ?? "-"
            let note =
                feed["last_error"].flatMap(\.stringValue) ?? feed["disabled_reason"].flatMap(\.stringValue)
                ?? HumanFormat.cell(feed["interval_reason"])
            table.append([
                .init(text: HumanFormat.cell(feed["name"])), .init(text: state, style: style),
                .init(text: HumanFormat.relative(feed["last_fetch"])),
                .init(text: HumanFormat.cell(feed["last_status"])),
                .init(text: HumanFormat.cell(feed["consecutive_failures"])), .init(text: share),
                .init(text: interval), .init(text: HumanFormat.relative(feed["next_poll"])),
                .init(text: note, style: feed["last_error"]?.isNull == false ? .red : .dim),
            ])
        }
        return table.rendered(for: terminal)
    }
}
