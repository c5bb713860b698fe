import ArgumentParser
import FeedSiftCore
import FeedSiftRules
import FoundationEssentials

/// `feedsift check`: validates the configuration and compiles its rules
/// without starting anything, so a mistake is found before the daemon
/// (or a reload) meets it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and compile the rules.",
        discussion: """
            Prints every error as file:line:col: message (sorted by file and line) and exits 1, \
            or prints one summary line and exits 0.
            """
    )

    @Option(name: .long, help: "The configuration file (default: ./feeds.conf, else /etc/feedsift/feeds.conf).")
    var config: String?

    func run() throws {
        let path = config ?? ConfigurationLoader.defaultPath()
        let report = ConfigurationLoader.inspect(path: path)
        var diagnostics = report.diagnostics
        let mainFileRead = !diagnostics.contains { $0.location == nil }
        if mainFileRead {
            do {
                _ = try RuleSet.compile(report.configuration)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else {
            let text = diagnostics.sorted().map { "\($0)\n" }.joined()
            StandardStreams.writeError(text)
            throw ExitCode(1)
        }
        let configuration = report.configuration
        let disabled = configuration.rules.count { !$0.enabled }
        print(
            "\(path): ok — \(Self.count(configuration.feeds.count, "feed")), "
                + "\(Self.count(configuration.categories.count, "category", "categories")), "
                + "\(Self.count(configuration.rules.count, "rule"))" + (disabled > 0 ? " (\(disabled) disabled)" : ""))
    }

    private static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }
}
