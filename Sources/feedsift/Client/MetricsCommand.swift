import ArgumentParser
import FeedSiftDaemon

/// `feedsift metrics`: the Prometheus text the daemon exports.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Print the daemon's metrics in the Prometheus text format.")

    @OptionGroup var connection: ControlConnectionOptions

    func run() throws {
        connection.print(try connection.call(.metrics)) { text, _ in text.stringValue ?? "" }
    }
}
