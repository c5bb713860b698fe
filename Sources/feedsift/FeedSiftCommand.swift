import ArgumentParser
import FeedSiftCore
import FeedSiftDaemon
import FoundationEssentials
import Glibc

@main
struct FeedSiftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedsift",
        abstract: "Polls trade and commodity news feeds, folds copies into stories, classifies and publishes them.",
        version: FeedSiftVersion.current,
        subcommands: [
            RunCommand.self, CheckCommand.self, ParseCommand.self, RulesCommand.self,
            // Clients of the running daemon's control socket.
            StatusCommand.self, FeedsCommand.self, RefreshCommand.self, ReloadCommand.self, SearchCommand.self,
            StoriesCommand.self, StoryCommand.self, ExplainCommand.self, DigestCommand.self, MetricsCommand.self,
            ReclassifyCommand.self,
        ]
    )

    static func main() async {
        ProcessSetup.initialize()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // DESIGN.md's exit status for a usage error is 2, not ArgumentParser's 64 (EX_USAGE).
            if exitCode(for: error) == .validationFailure {
                StandardStreams.writeError(fullMessage(for: error) + "\n")
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
