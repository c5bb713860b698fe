import ArgumentParser
import FeedSiftDaemon

/// `feedsift reload`: re-read the configuration.
struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Make the daemon re-read its configuration; on errors it keeps the old one and they are printed.")

    @OptionGroup var connection: ControlConnectionOptions

    func run() throws {
        connection.print(try connection.call(.reload), render: Self.render)
    }

    static func render(_ result: JSONValue, _ terminal: Terminal) -> String {
        var text =
            "reloaded \(HumanFormat.cell(result["config"])): \(HumanFormat.cell(result["feeds"])) feeds, "
            + "\(HumanFormat.cell(result["rules"])) rules, \(HumanFormat.cell(result["categories"])) categories\n"
        for (label, key) in [("added", "added_feeds"), ("removed", "removed_feeds")] {
            let names = result[key]?.arrayValue?.compactMap(\.stringValue) ?? []
            if !names.isEmpty { text += "\(label): \(names.joined(separator: ", "))\n" }
        }
        return text
    }
}
