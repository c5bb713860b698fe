import FeedSiftFetch

#if canImport(Glibc)
    import CMalloc
#endif

/// Process-wide set-up that must happen once, before any thread uses the C
/// libraries: `curl_global_init` (not thread-safe), ignoring SIGPIPE, and
/// the allocator's arena limit and mmap threshold. The executable calls it first thing in
/// `main`.
public enum ProcessSetup {
    public static func initialize() {
        #if canImport(Glibc)
            // glibc gives every thread that allocates its own arena (up to 8
            // per core); freed memory stays scattered over them and the
            // resident size of a long-running daemon creeps up. Two arenas
            // keep the two cooperative threads uncontended and the peak
            // of a cold 1,000-feed cycle about 10 MiB lower.
            _ = mallopt(M_ARENA_MAX, 2)
            // Feed bodies and parsed documents are large and short-lived.
            // By default glibc raises its mmap threshold to the largest
            // block freed so far, after which such buffers come from the
            // heap and leave it fragmented; a fixed 256 KiB keeps them in
            // their own mappings, returned on free (about 10 MiB lower peak
            // in the cold benchmark cycle).
            _ = mallopt(M_MMAP_THRESHOLD, 256 * 1024)
        #endif
        HTTPFetcher.initializeLibrary()
    }
}
