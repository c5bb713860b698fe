/// The answer to a successful `reload`, and the error a rejected one throws.
public struct ReloadReport: Sendable {
    /// The configuration file now in use.
    public var configurationPath: String
    public var feeds: Int
    public var rules: Int
    public var categories: Int
    /// Feeds that appeared or disappeared with this configuration.
    public var addedFeeds: [String]
    public var removedFeeds: [String]

    public init(
        configurationPath: String, feeds: Int, rules: Int, categories: Int, addedFeeds: [String] = [],
        removedFeeds: [String] = []
    ) {
        self.configurationPath = configurationPath
        self.feeds = feeds
        self.rules = rules
        self.categories = categories
        self.addedFeeds = addedFeeds
        self.removedFeeds = removedFeeds
    }

    /// `{"config", "feeds", "rules", "categories", "added_feeds": [..], "removed_feeds": [..]}`
    public var jsonValue: JSONValue {
        [
            "config": .string(configurationPath), "feeds": JSONValue(feeds), "rules": JSONValue(rules),
            "categories": JSONValue(categories), "added_feeds": JSONValue(strings: addedFeeds),
            "removed_feeds": JSONValue(strings: removedFeeds),
        ]
    }

    /// The error for a configuration with errors: every diagnostic as
    /// `file:line:col: message`, in `data.diagnostics` and, the first few,
    /// in the message.
    public static func rejection(path: String, diagnostics: [String]) -> ControlError {
        let shown = diagnostics.prefix(3).joined(separator: "; ")
        let more = diagnostics.count > 3 ? " (and \(diagnostics.count - 3) more)" : ""
        return ControlError(
            .configurationRejected,
            "configuration \(path) has errors, the previous configuration keeps running: \(shown)\(more)",
            data: ["diagnostics": JSONValue(strings: diagnostics)])
    }
}
