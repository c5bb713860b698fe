internal import CCurl
import FoundationEssentials

/// Owns one `CURL` easy handle, configured for one `TransferSpec`, and the
/// buffers its callbacks fill. Lives on the transfer loop's thread only.
///
/// Freed in `deinit`, after detaching itself from the multi handle if it is
/// still attached, so an easy handle is always gone before its multi handle.
final class EasyTransfer {
    let handle: UnsafeMutableRawPointer
    let spec: TransferSpec
    let state: TransferState
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var attachedTo: MultiHandle?

    /// Creates and configures the handle; throws when curl refuses an option.
    init(spec: TransferSpec) throws(FetchError) {
        guard let handle = curl_easy_init() else {
            throw FetchError(
                code: .other, feedName: spec.feedName, url: spec.url, message: "libcurl could not create a transfer")
        }
        self.handle = handle
        self.spec = spec
        self.state = TransferState(maxSize: spec.maxSize, allowPrivate: spec.allowPrivate)
        if let failure = configure() {
            throw FetchError(
                code: .other, feedName: spec.feedName, url: spec.url,
                message: "libcurl refused a transfer option (\(String(cString: curl_easy_strerror(failure))))",
                curlCode: Int(failure.rawValue))
        }
    }

    deinit {
        detach()
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
    }

    /// Hands the transfer to `multi`; false if curl refuses it.
    func attach(to multi: MultiHandle) -> Bool {
        guard curl_multi_add_handle(multi.pointer, handle) == CURLM_OK else { return false }
        attachedTo = multi
        return true
    }

    func detach() {
        guard let multi = attachedTo else { return }
        curl_multi_remove_handle(multi.pointer, handle)
        attachedTo = nil
    }

    /// What the finished transfer produced; call once curl reports it done
    /// with `CURLE_OK`.
    func result() -> TransferResult {
        TransferResult(
            status: getLong(CURLINFO_RESPONSE_CODE),
            headers: spec.isFile ? ResponseHeaders() : state.headers,
            body: state.body,
            redirectURL: spec.isFile ? nil : getString(CURLINFO_REDIRECT_URL),
            wireBytes: wireBytes,
            elapsed: elapsed,
            httpVersion: spec.isFile ? nil : httpVersion,
            receivedAt: Date())
    }

    var wireBytes: Int {
        var value: curl_off_t = 0
        _ = feedsift_easy_getinfo_offset(handle, CURLINFO_SIZE_DOWNLOAD_T, &value)
        return Int(value)
    }

    var elapsed: Duration {
        var microseconds: curl_off_t = 0
        _ = feedsift_easy_getinfo_offset(handle, CURLINFO_TOTAL_TIME_T, &microseconds)
        return .microseconds(Int64(microseconds))
    }

    /// Whether a connection was established before the transfer ended.
    var connected: Bool {
        var microseconds: curl_off_t = 0
        _ = feedsift_easy_getinfo_offset(handle, CURLINFO_CONNECT_TIME_T, &microseconds)
        return microseconds > 0
    }

    /// curl's own detailed message for the last failure, if it wrote one.
    var errorDetail: String? {
        let text = String(cString: state.errorBuffer)
        return text.isEmpty ? nil : text
    }

    private var httpVersion: String? {
        switch getLong(CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_1_1): "1.1"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: nil
        }
    }

    private func getLong(_ info: CURLINFO) -> Int {
        var value = 0
        _ = feedsift_easy_getinfo_long(handle, info, &value)
        return value
    }

    private func getString(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard feedsift_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// Applies every option; returns the first code curl rejected.
    private func configure() -> CURLcode? {
        let context = Unmanaged.passUnretained(state).toOpaque()
        for header in spec.extraHeaders { headerList = curl_slist_append(headerList, header) }
        let codes: [CURLcode] = [
            feedsift_easy_setopt_string(handle, CURLOPT_URL, spec.url),
            // Configured URLs may be local files; anything reached by a
            // redirect is http or https (the fetcher also checks each hop).
            feedsift_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, spec.isFile ? "file" : "http,https"),
            feedsift_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
            feedsift_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            feedsift_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            feedsift_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, state.errorBuffer),
            // An empty proxy overrides http_proxy & co.: SSRF checks must see
            // the feed's server, and a proxy would hide it.
            feedsift_easy_setopt_string(handle, CURLOPT_PROXY, ""),
            feedsift_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)),
            // "" = every encoding this libcurl can decode; the write callback
            // then sees decoded bytes, which is what the size cap counts.
            feedsift_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""),
            feedsift_easy_setopt_string(handle, CURLOPT_USERAGENT, spec.userAgent),
            feedsift_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList),
            feedsift_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, spec.timeout.curlMilliseconds),
            feedsift_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, spec.connectTimeout.curlMilliseconds),
            feedsift_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, spec.lowSpeedLimit),
            feedsift_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, Int(spec.lowSpeedTime.components.seconds)),
            feedsift_easy_setopt_offset(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(spec.maxSize)),
            feedsift_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, TransferState.writeBody),
            feedsift_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context),
            feedsift_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, TransferState.writeHeader),
            feedsift_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context),
            feedsift_easy_setopt_long(handle, CURLOPT_NOPROGRESS, 0),
            feedsift_easy_setopt_xferinfo_callback(handle, TransferState.progress),
            feedsift_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, context),
            feedsift_easy_setopt_opensocket_callback(handle, TransferState.openSocket),
            feedsift_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, context),
        ]
        if let failure = codes.first(where: { $0 != CURLE_OK }) { return failure }
        guard !spec.isFile else { return nil }  // a file has no peer address to check
        let peerCheck = [
            feedsift_easy_setopt_prereq_callback(handle, TransferState.checkPeer),
            feedsift_easy_setopt_pointer(handle, CURLOPT_PREREQDATA, context),
        ]
        return peerCheck.first { $0 != CURLE_OK }
    }
}
