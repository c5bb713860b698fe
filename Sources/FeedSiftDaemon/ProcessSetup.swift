import FeedSiftFetch

/// Process-wide set-up that must happen once, before any thread uses the C
/// libraries: `curl_global_init` (not thread-safe) and ignoring SIGPIPE.
/// The executable calls it first thing in `main`.
public enum ProcessSetup {
    public static func initialize() {
        HTTPFetcher.initializeLibrary()
    }
}
