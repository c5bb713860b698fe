import ArgumentParser
import FeedSiftCore
import FeedSiftDaemon
import FoundationEssentials
import Logging

/// `feedsift run`: the daemon itself.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll feeds, store, deduplicate, classify and publish.",
        discussion: """
            Without --once it polls each feed as it falls due until SIGTERM or SIGINT. With --once it polls \
            the feeds that are due (all of them on a new state directory), publishes and exits 0, also when \
            some feeds failed; it exits 1 only when the configuration or state directory is unusable.
            """)

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Flag(help: "Poll the due feeds once, publish and exit.")
    var once = false

    @Option(name: .customLong("state-dir"), help: "Keep the database and default outputs in this directory.")
    var stateDirectory: String?

    func run() async throws {
        let configuration = try configurationOptions.load(stateDirectoryOverride: stateDirectory)
        let logger = LogSetup.bootstrap(level: configuration.daemon.logLevel)
        let daemon = Daemon(configuration: configuration, stateDirectoryOverride: stateDirectory, logger: logger)
        do {
            if once {
                let summary = try await daemon.runOnce()
                print(
                    "polled \(summary.feeds) feed\(summary.feeds == 1 ? "" : "s") (\(summary.failedFeeds) failed): "
                        + "\(summary.newItems) new items, \(summary.copies) copies, "
                        + "\(summary.updatedItems) updated")
                print("atom: \(configuration.output.atomPath)")
            } else {
                try await daemon.run()
            }
        } catch {
            StandardStreams.writeError("feedsift: \(error.description)\n")
            throw ExitCode(1)
        }
    }
}
