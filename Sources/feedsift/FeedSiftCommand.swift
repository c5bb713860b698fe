import ArgumentParser
import FeedSiftCore
import FeedSiftDaemon

@main
struct FeedSiftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedsift",
        abstract: "Polls trade and commodity news feeds, folds copies into stories, classifies and publishes them.",
        version: FeedSiftVersion.current,
        subcommands: [RunCommand.self, CheckCommand.self, ParseCommand.self]
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
            exit(withError: error)
        }
    }
}
