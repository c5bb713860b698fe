/// The daemon's whole configuration, as read from `feeds.conf` and the
/// files it includes.
///
/// A `Configuration` is only ever built from a file that passed every check
/// (see `ConfigurationLoader`), so its values are in range and its paths are
/// absolute. Rule queries are kept as text with their location; the rules
/// target compiles them and reports syntax errors at that location.
public struct Configuration: Sendable {
    /// The main file, as named by the user.
    public var file: String
    public var daemon: DaemonSettings
    public var fetch: FetchSettings
    public var output: OutputSettings
    public var digest: DigestSettings
    public var dedupe: DedupeSettings
    public var filter: FilterSettings
    /// In the order they appear in the configuration (digests group by it).
    public var categories: [CategoryDefinition]
    public var feeds: [FeedDefinition] {
        didSet { feedIndex = Self.index(of: feeds) }
    }
    public var rules: [RuleDefinition]
    /// Each feed's place in `feeds` by name (names are unique): a cycle
    /// looks up every due feed, and a linear search made that quadratic
    /// in the number of feeds.
    private var feedIndex: [String: Int]

    public init(
        file: String,
        daemon: DaemonSettings,
        fetch: FetchSettings = FetchSettings(),
        output: OutputSettings,
        digest: DigestSettings,
        dedupe: DedupeSettings = DedupeSettings(),
        filter: FilterSettings = FilterSettings(),
        categories: [CategoryDefinition] = [],
        feeds: [FeedDefinition] = [],
        rules: [RuleDefinition] = []
    ) {
        self.file = file
        self.daemon = daemon
        self.fetch = fetch
        self.output = output
        self.digest = digest
        self.dedupe = dedupe
        self.filter = filter
        self.categories = categories
        self.feeds = feeds
        self.rules = rules
        feedIndex = Self.index(of: feeds)
    }

    private static func index(of feeds: [FeedDefinition]) -> [String: Int] {
        Dictionary(feeds.indices.map { (feeds[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The same configuration with its state directory at `directory`
    /// (absolute): paths that lay inside the old state directory move
    /// with it; paths configured elsewhere stay.
    public func relocatingStateDirectory(to directory: String) -> Configuration {
        let old = daemon.stateDirectory
        func moved(_ path: String) -> String {
            if path == old { return directory }
            guard path.hasPrefix(old + "/") else { return path }
            return directory + path.dropFirst(old.count)
        }
        var copy = self
        copy.daemon.stateDirectory = directory
        copy.daemon.socketPath = moved(daemon.socketPath)
        copy.output.atomPath = moved(output.atomPath)
        copy.digest.directory = moved(digest.directory)
        return copy
    }

    public func feed(named name: String) -> FeedDefinition? {
        feedIndex[name].map { feeds[$0] }
    }

    public func category(slug: String) -> CategoryDefinition? {
        categories.first { $0.slug == slug }
    }
}

/// `[daemon]`: where state lives and how the daemon presents itself.
public struct DaemonSettings: Sendable {
    /// Absolute directory for the database and default outputs.
    public var stateDirectory: String
    /// Absolute path of the control socket.
    public var socketPath: String
    public var userAgent: String
    public var logLevel: LogLevelSetting

    public init(
        stateDirectory: String,
        socketPath: String,
        userAgent: String = DaemonSettings.defaultUserAgent,
        logLevel: LogLevelSetting = .info
    ) {
        self.stateDirectory = stateDirectory
        self.socketPath = socketPath
        self.userAgent = userAgent
        self.logLevel = logLevel
    }

    public static let defaultUserAgent = "feedsift/\(FeedSiftVersion.current) (+https://github.com/feedsift/feedsift)"
}

/// Log verbosity, as named in `[daemon] log-level`.
public enum LogLevelSetting: String, Sendable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

/// Where HTTP 429/503 `Retry-After` applies: to the one feed, or to every
/// feed on the same host.
public enum RetryAfterScope: String, Sendable, CaseIterable {
    case feed, host
}

/// `[fetch]`: how politely and within which limits feeds are polled.
public struct FetchSettings: Sendable {
    public var interval: Duration = .seconds(30 * 60)
    public var minInterval: Duration = .seconds(15 * 60)
    public var maxInterval: Duration = .seconds(24 * 3600)
    /// Transfers at once, all hosts together.
    public var concurrency: Int = 16
    /// Transfers at once to one host.
    public var perHost: Int = 2
    public var timeout: Duration = .seconds(30)
    public var connectTimeout: Duration = .seconds(10)
    /// Largest body accepted, in bytes, before and after decompression.
    public var maxSize: Int = 10 * 1024 * 1024
    /// Whether loopback and private addresses may be fetched.
    public var allowPrivate: Bool = false
    /// How long items and stories are kept.
    public var retention: Duration = .seconds(90 * 86400)
    public var retryAfterScope: RetryAfterScope = .host
    /// Longest back-off after repeated failures.
    public var backoffCap: Duration = .seconds(24 * 3600)

    public init() {}
}

/// `[output]`: the published Atom feed and the built-in HTTP server.
public struct OutputSettings: Sendable {
    /// Absolute path of the main Atom file; per-category files go to
    /// `categories/<slug>.atom` next to it.
    public var atomPath: String
    public var title: String = "feedsift"
    /// `host:port` of the built-in HTTP server, or nil when disabled.
    public var listen: String?
    /// The public URL of the main feed, for the Atom `self` link.
    public var url: String?
    public var maxEntries: Int = 200
    /// Whether items no rule selected appear in the Atom feed and digest.
    public var uncategorized: Bool = false

    public init(atomPath: String) {
        self.atomPath = atomPath
    }
}

/// How a finished digest leaves the machine.
public enum DigestDelivery: Sendable, Hashable {
    case none
    case sendmail
    /// `smtp://host:port` or `smtps://host:port`.
    case smtp(url: String)
}

/// `[digest]`: the daily email-ready summary.
public struct DigestSettings: Sendable {
    /// Absolute directory for `YYYY-MM-DD.eml` and `.txt`.
    public var directory: String
    /// Local time of day the digest is written.
    public var hour: Int = 7
    public var minute: Int = 0
    /// IANA time zone name.
    public var timeZone: String = "UTC"
    public var from: String = "feedsift@localhost"
    public var to: [String] = []
    public var deliver: DigestDelivery = .none
    /// File holding `user:password` for SMTP authentication.
    public var credentialsFile: String?
    public var skipEmpty: Bool = false
    public var title: String = "Trade & commodities digest"

    public init(directory: String) {
        self.directory = directory
    }
}

/// `[dedupe]`: how stories are formed.
public struct DedupeSettings: Sendable {
    /// How far back a new item looks for its story.
    public var window: Duration = .seconds(7 * 86400)

    public init() {}
}

/// `[filter]`: items removed everywhere.
public struct FilterSettings: Sendable {
    /// Items matching this query are stored as dropped and never published.
    public var drop: QuerySource?

    public init(drop: QuerySource? = nil) {
        self.drop = drop
    }
}

/// A rule-language query as written in the configuration, with where it
/// was written so compile errors can point into the file.
public struct QuerySource: Sendable, Hashable {
    public var text: String
    /// Location of the first character of `text`.
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// `[category "slug"]`.
public struct CategoryDefinition: Sendable, Hashable {
    public var slug: String
    public var label: String
    public var location: SourceLocation

    public init(slug: String, label: String, location: SourceLocation) {
        self.slug = slug
        self.label = label
        self.location = location
    }
}

/// `[feed "name"]`: one polled document.
public struct FeedDefinition: Sendable, Hashable {
    public var name: String
    /// `http`, `https` or `file` URL (relative file paths already resolved).
    public var url: String
    /// Poll interval for this feed, overriding `[fetch] interval`.
    public var interval: Duration?
    public var tags: [String]
    /// Overrides `[fetch] allow-private` for this feed.
    public var allowPrivate: Bool?
    public var enabled: Bool
    /// A display title overriding the document's own.
    public var title: String?
    public var location: SourceLocation

    public init(
        name: String,
        url: String,
        interval: Duration? = nil,
        tags: [String] = [],
        allowPrivate: Bool? = nil,
        enabled: Bool = true,
        title: String? = nil,
        location: SourceLocation
    ) {
        self.name = name
        self.url = url
        self.interval = interval
        self.tags = tags
        self.allowPrivate = allowPrivate
        self.enabled = enabled
        self.title = title
        self.location = location
    }
}

/// `[rule "name"]`: one keyword rule assigning a category.
public struct RuleDefinition: Sendable, Hashable {
    public var name: String
    /// Slug of the category this rule assigns.
    public var category: String
    public var categoryLocation: SourceLocation?
    public var match: QuerySource
    public var exclude: QuerySource?
    public var score: Int
    public var enabled: Bool
    public var location: SourceLocation

    public init(
        name: String,
        category: String,
        categoryLocation: SourceLocation? = nil,
        match: QuerySource,
        exclude: QuerySource? = nil,
        score: Int = 1,
        enabled: Bool = true,
        location: SourceLocation
    ) {
        self.name = name
        self.category = category
        self.categoryLocation = categoryLocation
        self.match = match
        self.exclude = exclude
        self.score = score
        self.enabled = enabled
        self.location = location
    }
}
