import ArgumentParser
import FeedSiftDaemon

/// `feedsift digest`: build (and deliver) a digest now.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "Write a day's digest now and, with --send, deliver it.")

    @Option(help: "The day, YYYY-MM-DD in the digest's time zone (default: today).")
    var date: String?

    @Flag(help: "Deliver it as configured in [digest] deliver.")
    var send = false

    @OptionGroup var connection: ControlConnectionOptions

    func validate() throws {
        if let date, date.count != 10 || ControlTime.timestamp(date) == nil {
            throw ValidationError("--date must be a day like 2026-05-01, not \"\(date)\"")
        }
    }

    func run() throws {
        var params: JSONObject = [:]
        if let date { params["date"] = .string(date) }
        if send { params["send"] = true }
        connection.print(try connection.call(.digest, params, timeout: .seconds(300)), render: Self.render)
    }

    static func render(_ result: JSONValue, _ terminal: Terminal) -> String {
        var text = "wrote \(HumanFormat.cell(result["path"])) (\(HumanFormat.cell(result["stories"])) stories)"
        if result["sent"]?.boolValue == true { text += ", sent via \(HumanFormat.cell(result["delivery"]))" }
        return text + "\n"
    }
}
