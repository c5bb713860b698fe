internal import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Process-wide libcurl set-up, done exactly once.
///
/// `curl_global_init` is not guaranteed thread-safe on every build, so the
/// executable should run it before it starts threads, by calling
/// `HTTPFetcher.initializeLibrary()` first thing in `main`. `HTTPFetcher.init`
/// touches it too, so a library user who forgets still gets a working (if
/// less carefully timed) initialisation; Swift runs the `static let` once.
enum CurlLibrary {
    /// The `CURLcode` of `curl_global_init` (0 when it worked).
    static let initialization: Int = {
        // A peer closing a socket mid-write must be an error code, not a
        // process-killing signal; CURLOPT_NOSIGNAL alone does not cover
        // every code path (OpenSSL writes, for one).
        signal(SIGPIPE, SIG_IGN)
        return Int(feedsift_global_init().rawValue)
    }()
}
