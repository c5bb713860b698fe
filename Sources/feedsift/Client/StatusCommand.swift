import ArgumentParser
import FeedSiftDaemon

/// `feedsift status`: what the daemon is doing and how big the store is.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the running daemon's state: feeds, items, stories, last and next poll.")

    @OptionGroup var connection: ControlConnectionOptions

    func run() throws {
        connection.print(try connection.call(.status), render: Self.render)
    }

    static func render(_ status: JSONValue, _ terminal: Terminal) -> String {
        let feeds = status["feeds"]
        var feedSummary = "\(HumanFormat.cell(feeds?["total"])) configured"
        if let failing = feeds?["failing"]?.intValue, failing > 0 {
            feedSummary += ", " + terminal.styled("\(failing) failing", .red)
        }
        if let disabled = feeds?["disabled"]?.intValue, disabled > 0 {
            feedSummary += ", " + terminal.styled("\(disabled) disabled", .yellow)
        }
        var lastCycle = "none yet"
        if let cycle = status["last_cycle"], !cycle.isNull {
            lastCycle =
                "\(HumanFormat.relative(cycle["finished"])): \(HumanFormat.cell(cycle["feeds"])) feeds polled, "
                + "\(HumanFormat.cell(cycle["failed_feeds"])) failed, \(HumanFormat.cell(cycle["new_items"])) new items "
                + "in \(HumanFormat.duration(cycle["duration_seconds"]?.doubleValue ?? 0))"
        }
        if status["cycle_running"]?.boolValue == true { lastCycle += " (a cycle is running)" }
        let lines: [(String, String)] = [
            ("version", HumanFormat.cell(status["version"])),
            (
                "up",
                "\(HumanFormat.duration(status["uptime_seconds"]?.doubleValue ?? 0)) (since \(HumanFormat.cell(status["started"])))"
            ),
            ("config", HumanFormat.cell(status["config"])),
            ("socket", HumanFormat.cell(status["socket"])),
            ("feeds", feedSummary),
            ("items", HumanFormat.cell(status["items"])),
            ("stories", HumanFormat.cell(status["stories"])),
            ("database", HumanFormat.bytes(status["database_bytes"]?.intValue ?? 0)),
            ("last fetch", HumanFormat.relative(status["last_fetch"])),
            ("last cycle", lastCycle),
            ("next poll", HumanFormat.relative(status["next_poll"])),
        ]
        return lines.map { terminal.styled(Self.padded($0.0, to: 11), .bold) + $0.1 }
            .joined(separator: "\n") + "\n"
    }

    /// `label` cut or padded with spaces to `width` UTF-16 units, as
    /// `padding(toLength:withPad:startingAt:)` did.
    static func padded(_ label: String, to width: Int) -> String {
        let units = Array(label.utf16)
        if units.count >= width { return String(decoding: units[..<width], as: UTF16.self) }
        return label + String(repeating: " ", count: width - units.count)
    }
}
