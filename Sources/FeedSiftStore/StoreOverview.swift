public import FoundationEssentials

/// Whole-store figures for `feedsift status` and the metrics.
public struct StoreOverview: Sendable, Hashable {
    /// Feeds in the current configuration.
    public var feeds: Int
    /// Configured feeds whose last fetch failed.
    public var failingFeeds: Int
    /// Configured feeds that will not be polled again (HTTP 410).
    public var disabledFeeds: Int
    public var items: Int
    /// Stories with at least one item.
    public var stories: Int
    /// The earliest next poll among the configured, enabled feeds.
    public var nextPoll: Date?
    /// The latest fetch of any configured feed.
    public var lastFetch: Date?
    /// Size of the database file in bytes (pages in use and free).
    public var databaseBytes: Int64
}
