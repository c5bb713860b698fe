/// The sections feeds.conf knows and the keys each accepts (besides
/// `include`, which is valid anywhere).
enum SectionKind: String, CaseIterable {
    case daemon, fetch, output, digest, dedupe, filter, category, feed, rule

    /// Whether the section is written `[kind "name"]` and may repeat.
    var isNamed: Bool {
        switch self {
        case .category, .feed, .rule: return true
        default: return false
        }
    }

    var keys: [String] {
        switch self {
        case .daemon: return ["state-dir", "socket", "user-agent", "log-level"]
        case .fetch:
            return [
                "interval", "min-interval", "max-interval", "concurrency", "per-host", "timeout", "connect-timeout",
                "max-size", "allow-private", "retention", "retry-after-scope", "backoff-cap",
            ]
        case .output: return ["atom", "title", "listen", "url", "max-entries", "uncategorized"]
        case .digest:
            return ["dir", "at", "timezone", "from", "to", "deliver", "credentials", "skip-empty", "title"]
        case .dedupe: return ["window"]
        case .filter: return ["drop"]
        case .category: return ["label"]
        case .feed: return ["url", "interval", "tags", "allow-private", "enabled", "title"]
        case .rule: return ["category", "match", "exclude", "score", "enabled"]
        }
    }

    var requiredKeys: [String] {
        switch self {
        case .feed: return ["url"]
        case .rule: return ["category", "match"]
        default: return []
        }
    }

    /// Keys whose values are rule queries: they keep their quotes, and an
    /// empty one is reported by the rule compiler.
    static let queryKeys: Set<String> = ["match", "exclude", "drop"]

    /// Keys that may be empty (an empty `listen` disables the HTTP server).
    static let keysAllowingEmpty: Set<String> = ["listen", "url", "tags", "to", "match", "exclude", "drop"]
}
