internal import CCurl

extension FetchError {
    /// The error for a transfer curl ended with `code`, using what the
    /// callbacks recorded to tell a size cap or an SSRF refusal from the
    /// generic abort curl reports for both.
    static func transferFailed(_ code: CURLcode, transfer: EasyTransfer) -> FetchError {
        let spec = transfer.spec
        let state = transfer.state
        let curlText = transfer.errorDetail ?? String(cString: curl_easy_strerror(code))
        func error(_ kind: Code, _ message: String, address: String? = nil) -> FetchError {
            FetchError(
                code: kind, feedName: spec.feedName, url: spec.url, message: message, curlCode: Int(code.rawValue),
                address: address)
        }
        if let (address, category) = state.refusedAddress {
            let hint =
                category.isAllowedWhenPrivateAllowed
                ? "; allow-private would permit it" : ""
            return error(
                .blockedAddress, "refused to connect to \(address) (\(category.rawValue) address)\(hint)",
                address: address.description)
        }
        if state.exceededSize || code == CURLE_FILESIZE_EXCEEDED {
            return error(.tooLarge, "the body is larger than the \(formatBytes(spec.maxSize)) limit")
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            let phase = spec.isFile || transfer.connected ? "the transfer" : "connecting"
            return error(.timedOut, "\(phase) timed out (\(curlText))")
        case CURLE_COULDNT_RESOLVE_HOST:
            return error(.resolveFailed, "the host name could not be resolved (\(curlText))")
        case CURLE_COULDNT_CONNECT:
            return error(.connectionFailed, "could not connect (\(curlText))")
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            return error(.connectionFailed, "the connection broke off (\(curlText))")
        case CURLE_PARTIAL_FILE:
            return error(.truncated, "the body ended before its announced length (\(curlText))")
        case CURLE_FILE_COULDNT_READ_FILE, CURLE_READ_ERROR:
            return error(.fileUnreadable, "the file cannot be read (\(curlText))")
        case CURLE_URL_MALFORMAT:
            return error(.invalidURL, "the URL cannot be fetched (\(curlText))")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            return error(.tls, "the TLS handshake failed (\(curlText))")
        // The scheme was checked before curl saw the URL, so an unsupported
        // protocol here is the server's reply (HTTP/0.9, say).
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2,
            CURLE_HTTP2_STREAM,
            CURLE_HTTP3, CURLE_QUIC_CONNECT_ERROR, CURLE_TOO_MANY_REDIRECTS:
            return error(.protocolError, "the server's response is malformed (\(curlText))")
        default:
            return error(.other, "the transfer failed (\(curlText))")
        }
    }

    static func cancelled(_ spec: TransferSpec, shutDown: Bool) -> FetchError {
        FetchError(
            code: .cancelled, feedName: spec.feedName, url: spec.url,
            message: shutDown ? "the fetcher was shut down" : "the fetch was cancelled")
    }
}

/// `10 MB`, `512 KB`, `300 bytes`: sizes as feeds.conf writes them.
func formatBytes(_ count: Int) -> String {
    if count >= 1024 * 1024, count % (1024 * 1024) == 0 { return "\(count / (1024 * 1024)) MB" }
    if count >= 1024, count % 1024 == 0 { return "\(count / 1024) KB" }
    return "\(count) bytes"
}
