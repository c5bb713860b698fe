internal import CCurl

/// A URL as libcurl itself parses it, so that scheme and host checks agree
/// with what curl will connect to (`http://2130706433/` has host
/// `127.0.0.1`). Owns a `CURLU` handle.
final class CurlURL {
    private let handle: OpaquePointer

    /// nil when curl cannot parse `text` as an absolute URL.
    init?(_ text: String) {
        _ = CurlLibrary.initialization
        guard let handle = curl_url() else { return nil }
        self.handle = handle
        guard curl_url_set(handle, CURLUPART_URL, text, 0) == CURLUE_OK else { return nil }
    }

    deinit {
        curl_url_cleanup(handle)
    }

    /// Lower-cased, e.g. `https`.
    var scheme: String? { part(CURLUPART_SCHEME)?.lowercased() }
    /// Lower-cased host name or address (IPv6 in brackets).
    var host: String? { part(CURLUPART_HOST)?.lowercased() }

    private func part(_ which: CURLUPart) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
