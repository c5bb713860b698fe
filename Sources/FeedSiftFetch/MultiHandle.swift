internal import CCurl

/// Owns the one `CURLM` of an `HTTPFetcher`: its connection cache is what
/// lets consecutive transfers to a host reuse a connection.
///
/// Only the transfer loop's thread drives it; `wakeup()` is the one call
/// other threads make (libcurl documents `curl_multi_wakeup` as callable
/// from any thread), which is why the class is `@unchecked Sendable`.
final class MultiHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer

    init(limits: FetcherLimits) throws(FetchError) {
        _ = CurlLibrary.initialization
        guard let pointer = curl_multi_init() else {
            throw FetchError(
                code: .other, feedName: "", url: "", message: "libcurl could not create a multi handle")
        }
        self.pointer = pointer
        // Keep enough idle connections that every slot can find one to reuse.
        _ = feedsift_multi_setopt_long(pointer, CURLMOPT_MAXCONNECTS, max(8, limits.concurrency * 2))
    }

    /// Interrupts a `curl_multi_poll` in progress (or the next one).
    func wakeup() {
        _ = curl_multi_wakeup(pointer)
    }

    deinit {
        curl_multi_cleanup(pointer)
    }
}
