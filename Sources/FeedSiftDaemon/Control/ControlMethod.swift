/// The methods of the control protocol; they mirror the CLI subcommands.
public enum ControlMethod: String, Sendable, CaseIterable {
    case status, feeds, refresh, reload, search, stories, story, explain, digest, metrics

    /// Whether answering needs the running daemon (`DaemonControl`) rather
    /// than only the store.
    public var needsDaemon: Bool {
        switch self {
        case .refresh, .reload, .explain, .digest: true
        case .status, .feeds, .search, .stories, .story, .metrics: false
        }
    }
}
