import ArgumentParser
import FeedSiftDaemon

@main
struct FeedSiftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedsift",
        abstract: "Polls trade and commodity news feeds, folds copies into stories, classifies and publishes them.",
        subcommands: [CheckCommand.self, ParseCommand.self]
    )
}
