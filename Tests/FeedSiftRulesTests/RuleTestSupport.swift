import FeedSiftCore
import FeedSiftRules
import FeedSiftTestSupport
import Foundation

/// Rule sets for tests: either built in memory from (name, category, match,
/// exclude, score) rows, or written as a real feeds.conf and loaded, so
/// error locations are the loader's.
enum RuleFixture {
    static let categories = ["tariffs", "metals", "energy", "shipping"]

    struct Rule {
        var name: String
        var category: String
        var match: String
        var exclude: String?
        var score: Int = 1
        var enabled = true

        init(
            _ name: String, _ category: String, _ match: String, exclude: String? = nil, score: Int = 1,
            enabled: Bool = true
        ) {
            self.name = name
            self.category = category
            self.match = match
            self.exclude = exclude
            self.score = score
            self.enabled = enabled
        }
    }

    static func configuration(_ rules: [Rule], drop: String? = nil) -> Configuration {
        let location = SourceLocation(file: "test.conf", line: 1, column: 1)
        var configuration = Configuration(
            file: "test.conf", daemon: DaemonSettings(stateDirectory: "/tmp/s", socketPath: "/tmp/s/sock"),
            output: OutputSettings(atomPath: "/tmp/s/feed.atom"), digest: DigestSettings(directory: "/tmp/s/d"))
        configuration.categories = categories.map { CategoryDefinition(slug: $0, label: $0, location: location) }
        configuration.rules = rules.map { rule in
            RuleDefinition(
                name: rule.name, category: rule.category, match: QuerySource(text: rule.match, location: location),
                exclude: rule.exclude.map { QuerySource(text: $0, location: location) }, score: rule.score,
                enabled: rule.enabled, location: location)
        }
        configuration.filter.drop = drop.map { QuerySource(text: $0, location: location) }
        return configuration
    }

    static func ruleSet(_ rules: [Rule], drop: String? = nil) throws -> RuleSet {
        try RuleSet.compile(configuration(rules, drop: drop))
    }

    /// A one-rule set in category "tariffs" named "r".
    static func ruleSet(match: String) throws -> RuleSet {
        try ruleSet([Rule("r", "tariffs", match)])
    }

    /// Compile errors of `text` written as feeds.conf, directory stripped.
    static func errors(ofFile text: String) throws -> [String] {
        let directory = try TemporaryDirectory(prefix: "feedsift-rules")
        let path = try directory.write("feeds.conf", text)
        let configuration = try ConfigurationLoader.load(path: path)
        do {
            _ = try RuleSet.compile(configuration)
            return []
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }
}
