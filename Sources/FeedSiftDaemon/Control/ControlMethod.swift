/// The methods of the control protocol; they mirror the CLI subcommands.
public enum ControlMethod: String, Sendable, CaseIterable {
    case status, feeds, refresh, reload, search, stories, story, explain, digest, metrics
    case rulesTest = "rules_test"
    case reclassify
}
