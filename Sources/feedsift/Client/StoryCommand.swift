import ArgumentParser
import FeedSiftDaemon

/// `feedsift story ID`: one story, every item in it and why it joined.
struct StoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story", abstract: "Show one story: every item, its source, and why it joined the story.")

    @Argument(help: "The story's id (from `feedsift stories`).")
    var id: Int

    @OptionGroup var connection: ControlConnectionOptions

    func validate() throws {
        guard id > 0 else { throw ValidationError("a story id is a positive number") }
    }

    func run() throws {
        connection.print(try connection.call(.story, ["id": JSONValue(id)]), render: Self.render)
    }

    static func render(_ story: JSONValue, _ terminal: Terminal) -> String {
        var text = terminal.styled("story \(HumanFormat.cell(story["id"])): \(HumanFormat.cell(story["title"]))", .bold)
        text += "\ncategories \(HumanFormat.list(story["categories"])), score \(HumanFormat.cell(story["score"])), "
        text +=
            "first seen \(HumanFormat.cell(story["first_seen"])), updated \(HumanFormat.relative(story["updated"]))\n\n"
        var table = TextTable([
            .init(header: "REF", alignRight: true), .init(header: "FEED", flexible: true, minimumWidth: 8),
            .init(header: "PUBLISHED"), .init(header: "TITLE", flexible: true, minimumWidth: 16),
            .init(header: "JOINED BECAUSE", flexible: true, minimumWidth: 14),
        ])
        for item in story["items"]?.arrayValue ?? [] {
            let reason = item["join_reason"]?.stringValue ?? "first item"
            let dropped = item["dropped"]?.boolValue == true
            table.append([
                .init(text: HumanFormat.cell(item["ref"])), .init(text: HumanFormat.cell(item["feed"])),
                .init(text: HumanFormat.day(item["published"])),
                .init(
                    text: HumanFormat.cell(item["title"]) + (dropped ? " (dropped)" : ""),
                    style: dropped ? .dim : .plain),
                .init(text: reason, style: .dim),
            ])
        }
        return text + table.rendered(for: terminal)
    }
}
