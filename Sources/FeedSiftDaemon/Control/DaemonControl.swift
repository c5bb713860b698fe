public import FoundationEssentials

/// What the control server needs from the running daemon for the methods
/// the store alone cannot answer: `refresh`, `reload`, `explain`, `digest`,
/// and the parts of `status` only the daemon knows.
///
/// The daemon implements it and hands it to `ControlServer`. Methods are
/// called from the server's request tasks, concurrently with each other
/// and with the poll cycle; implementations serialise what must be serial
/// (the pipeline actor does). Failures are thrown as `ControlError`s whose
/// message the user reads as is.
public protocol DaemonControl: Sendable {
    /// For `status`.
    func runtimeStatus() async -> DaemonRuntimeStatus

    /// Polls the named feed, or every configured feed when `feed` is nil,
    /// now (whatever their next poll time), and returns when they are
    /// stored. Throws `.notFound` for a feed not in the configuration.
    func refresh(feed: String?) async throws(ControlError) -> RefreshReport

    /// Re-reads the configuration file. A file with errors throws
    /// `.configurationRejected` with the diagnostics in `data` (see
    /// `ReloadReport.rejection`) and the old configuration keeps running.
    func reload() async throws(ControlError) -> ReloadReport

    /// Runs the current rules over one stored item (by store id; the server
    /// has checked it exists) and says what matched.
    func explain(itemID: Int64) async throws(ControlError) -> ExplainReport

    /// Writes the digest of `date` (`YYYY-MM-DD` in the digest's time zone;
    /// nil for today) now and, with `send`, delivers it.
    func digest(date: String?, send: Bool) async throws(ControlError) -> DigestReport

    /// Compiles the rules of the configuration file at `configurationPath`
    /// (not the running ones) and runs them over the items stored since
    /// `since`, changing nothing: a rule tried before it goes live. With
    /// `files` (absolute path → text) the configuration is read from them,
    /// not from disk.
    func testRules(configurationPath: String, files: [String: String]?, since: Date) async throws(ControlError)
        -> RulesTestReport

    /// Applies the running rules to the items stored since `since` and
    /// stores the verdicts that changed.
    func reclassify(since: Date) async throws(ControlError) -> ReclassifyReport
}

/// What `status` reports about the running daemon itself.
public struct DaemonRuntimeStatus: Sendable {
    public var startedAt: Date
    /// The configuration file in use, as an absolute path.
    public var configurationPath: String
    /// Whether a poll cycle is running right now.
    public var cycleRunning: Bool
    public var lastCycle: CycleReport?

    public init(startedAt: Date, configurationPath: String, cycleRunning: Bool = false, lastCycle: CycleReport? = nil) {
        self.startedAt = startedAt
        self.configurationPath = configurationPath
        self.cycleRunning = cycleRunning
        self.lastCycle = lastCycle
    }
}

/// One finished poll cycle.
public struct CycleReport: Sendable {
    public var finishedAt: Date
    public var duration: Duration
    /// Feeds polled, and how many of them failed.
    public var feeds: Int
    public var failedFeeds: Int
    public var newItems: Int
    public var updatedItems: Int
    public var copies: Int

    public init(
        finishedAt: Date, duration: Duration, feeds: Int, failedFeeds: Int, newItems: Int, updatedItems: Int = 0,
        copies: Int = 0
    ) {
        self.finishedAt = finishedAt
        self.duration = duration
        self.feeds = feeds
        self.failedFeeds = failedFeeds
        self.newItems = newItems
        self.updatedItems = updatedItems
        self.copies = copies
    }

    var jsonValue: JSONValue {
        [
            "finished": JSONValue(date: finishedAt), "duration_seconds": .double(duration.secondsValue),
            "feeds": JSONValue(feeds), "failed_feeds": JSONValue(failedFeeds), "new_items": JSONValue(newItems),
            "updated_items": JSONValue(updatedItems), "copies": JSONValue(copies),
        ]
    }
}

extension Duration {
    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
