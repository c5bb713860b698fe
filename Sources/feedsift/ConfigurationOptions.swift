import ArgumentParser
import FeedSiftCore
import FoundationEssentials

/// `--config PATH`, shared by every subcommand that reads the configuration.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: "The configuration file (default: ./feeds.conf, then /etc/feedsift/feeds.conf).")
    var path: String?

    var resolvedPath: String { path ?? ConfigurationLoader.defaultPath() }

    /// Loads the configuration or prints every error and exits 1.
    func load(stateDirectoryOverride: String? = nil) throws -> Configuration {
        do {
            return try ConfigurationLoader.load(path: resolvedPath, stateDirectoryOverride: stateDirectoryOverride)
        } catch {
            for diagnostic in error.diagnostics {
                StandardStreams.writeError("\(diagnostic)\n")
            }
            throw ExitCode(1)
        }
    }
}
