internal import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

/// The mutable side of one transfer that curl's callbacks fill in. Reached
/// from C through an unretained pointer; its `EasyTransfer` keeps it alive.
final class TransferState {
    let maxSize: Int
    let allowPrivate: Bool
    var body: [UInt8] = []
    var headers = ResponseHeaders()
    /// Set when the body passed `maxSize`, on the wire or decoded.
    var exceededSize = false
    /// Set when an SSRF rule refused a connection or a reused connection's peer.
    var refusedAddress: (address: IPAddress, category: AddressPolicy.Category)?
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(maxSize: Int, allowPrivate: Bool) {
        self.maxSize = maxSize
        self.allowPrivate = allowPrivate
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        errorBuffer.deallocate()
    }

    private static func from(_ context: UnsafeMutableRawPointer?) -> TransferState? {
        guard let context else { return nil }
        return Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
    }

    /// Collects decoded body bytes; returning less than given aborts the
    /// transfer, which is how a gzip bomb is stopped at `maxSize`.
    static let writeBody: curl_write_callback = { data, size, count, context in
        guard let state = from(context), let data else { return 0 }
        let length = size * count
        guard state.body.count + length <= state.maxSize else {
            state.exceededSize = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    static let writeHeader: curl_write_callback = { data, size, count, context in
        guard let state = from(context), let data else { return 0 }
        let length = size * count
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            state.headers.add(line: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    /// Stops a transfer whose announced or received (still encoded) size
    /// passes the cap, before the decoder ever sees the bytes.
    static let progress: curl_xferinfo_callback = { context, total, now, _, _ in
        guard let state = from(context) else { return 1 }
        if total > state.maxSize || now > state.maxSize {
            state.exceededSize = true
            return 1
        }
        return 0
    }

    /// Creates each socket curl wants, after DNS, unless the address it is
    /// for is forbidden; this is where every spelling of a host ends up as
    /// plain address bytes.
    static let openSocket: curl_opensocket_callback = { context, _, address in
        guard let state = from(context), let address,
            let socketAddress = feedsift_sockaddr_address(address),
            let peer = IPAddress(socketAddress: socketAddress, length: Int(address.pointee.addrlen))
        else { return CURL_SOCKET_BAD }
        if let category = AddressPolicy.refusal(for: peer, allowPrivate: state.allowPrivate) {
            state.refusedAddress = (peer, category)
            return CURL_SOCKET_BAD
        }
        #if canImport(Glibc)
            let type = address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = address.pointee.socktype
        #endif
        return socket(address.pointee.family, type, address.pointee.protocol)
    }

    /// Runs before every request, on new and reused connections alike: a
    /// connection opened for a feed with `allow-private` must not carry a
    /// request for one without it.
    static let checkPeer: curl_prereq_callback = { context, primaryIP, _, _, _ in
        guard let state = from(context), let primaryIP else { return Int32(CURL_PREREQFUNC_ABORT) }
        guard let peer = IPAddress(String(cString: primaryIP)) else { return Int32(CURL_PREREQFUNC_ABORT) }
        if let category = AddressPolicy.refusal(for: peer, allowPrivate: state.allowPrivate) {
            state.refusedAddress = (peer, category)
            return Int32(CURL_PREREQFUNC_ABORT)
        }
        return Int32(CURL_PREREQFUNC_OK)
    }
}
