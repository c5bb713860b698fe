internal import CCurl
import FeedSiftCore
import FoundationEssentials
import Glibc

/// Sends one message over SMTP with libcurl: the exact bytes given (curl
/// only dot-stuffs them, as SMTP requires), to every recipient in one
/// transaction, or throws a `MailError`.
///
/// `smtps://` is TLS from the first byte. `smtp://` upgrades with STARTTLS
/// and refuses to go on without it, except to a loopback host (a local
/// relay rarely has a certificate), where STARTTLS is used if offered.
/// Each send runs on a thread of its own, since a transfer blocks.
public struct SMTPMailer: Sendable {
    /// `smtp://host:port` or `smtps://host:port`.
    public var url: String
    public var credentials: SMTPCredentials?
    /// For the whole conversation, connection included.
    public var timeout: Duration
    public var connectTimeout: Duration

    public init(
        url: String, credentials: SMTPCredentials? = nil, timeout: Duration = .seconds(120),
        connectTimeout: Duration = .seconds(20)
    ) {
        self.url = url
        self.credentials = credentials
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    public func send(_ message: [UInt8], from sender: String, to recipients: [String]) async throws(MailError) {
        _ = CurlLibrary.initialization
        let result: Result<Void, MailError> = await withCheckedContinuation { continuation in
            let mailer = self
            let started = DetachedThread.start(name: "feedsift-smtp") {
                continuation.resume(
                    returning: Result { () throws(MailError) in
                        try SMTPTransfer(mailer: mailer, message: message, from: sender, to: recipients).perform()
                    })
            }
            if let error = started {
                continuation.resume(
                    returning: .failure(
                        MailError(.other, target: url, "cannot start a thread: \(String(cString: strerror(error)))")))
            }
        }
        try result.get()
    }

    /// Whether `url` names a loopback host, where STARTTLS is optional.
    var isLoopback: Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    var isImplicitTLS: Bool { url.lowercased().hasPrefix("smtps://") }
}

/// One SMTP transaction: owns the easy handle, the recipient list and the
/// upload buffer, and frees them in `deinit`.
private final class SMTPTransfer {
    private let handle: UnsafeMutableRawPointer
    private var recipients: UnsafeMutablePointer<curl_slist>?
    private let upload: UploadBuffer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let mailer: SMTPMailer
    private let sender: String
    private let recipientAddresses: [String]

    init(mailer: SMTPMailer, message: [UInt8], from sender: String, to addresses: [String]) throws(MailError) {
        guard let handle = curl_easy_init() else {
            throw MailError(.other, target: mailer.url, "libcurl could not create a transfer")
        }
        self.handle = handle
        self.mailer = mailer
        self.sender = sender
        self.recipientAddresses = addresses
        upload = UploadBuffer(message)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(recipients)
        errorBuffer.deallocate()
    }

    func perform() throws(MailError) {
        guard !recipientAddresses.isEmpty else {
            throw MailError(.configuration, target: mailer.url, "the digest has no recipients ([digest] to)")
        }
        for address in recipientAddresses { recipients = curl_slist_append(recipients, "<\(address)>") }
        let tls = mailer.isImplicitTLS || !mailer.isLoopback ? CURLUSESSL_ALL : CURLUSESSL_TRY
        var codes: [CURLcode] = [
            feedsift_easy_setopt_string(handle, CURLOPT_URL, mailer.url),
            feedsift_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"),
            feedsift_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            feedsift_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            feedsift_easy_setopt_long(handle, CURLOPT_USE_SSL, Int(tls.rawValue)),
            feedsift_easy_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>"),
            feedsift_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients),
            feedsift_easy_setopt_long(handle, CURLOPT_UPLOAD, 1),
            feedsift_easy_setopt_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.bytes.count)),
            feedsift_easy_setopt_read_callback(handle, smtpReadCallback),
            feedsift_easy_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque()),
            feedsift_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, mailer.connectTimeout.curlMilliseconds),
            feedsift_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, mailer.timeout.curlMilliseconds),
        ]
        if let credentials = mailer.credentials {
            codes.append(feedsift_easy_setopt_string(handle, CURLOPT_USERNAME, credentials.user))
            codes.append(feedsift_easy_setopt_string(handle, CURLOPT_PASSWORD, credentials.password))
        }
        if let refused = codes.first(where: { $0 != CURLE_OK }) {
            throw MailError(
                .configuration, target: mailer.url, "libcurl refused an option (\(Self.describe(refused)))",
                curlCode: Int(refused.rawValue))
        }
        let code = curl_easy_perform(handle)
        guard code != CURLE_OK else { return }
        throw failure(code)
    }

    private func failure(_ code: CURLcode) -> MailError {
        var reply = 0
        _ = feedsift_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        let detail = String(cString: errorBuffer)
        let reason = detail.isEmpty ? Self.describe(code) : detail
        let kind: MailError.Code
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
            CURLE_GOT_NOTHING:
            kind = reply >= 400 ? .rejected : .connectionFailed
        case CURLE_OPERATION_TIMEDOUT: kind = .timedOut
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR: kind = .authentication
        case CURLE_USE_SSL_FAILED, CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            kind = .tls
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: kind = .configuration
        default: kind = reply >= 400 ? .rejected : .other
        }
        let replyText = reply >= 400 ? " (server replied \(reply))" : ""
        return MailError(
            kind, target: mailer.url, reason + replyText, replyCode: reply > 0 ? reply : nil,
            curlCode: Int(code.rawValue))
    }

    private static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}

/// The message being uploaded and how far curl has read it.
private final class UploadBuffer {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// CURLOPT_READFUNCTION: copies the next piece of the message into curl's buffer.
private func smtpReadCallback(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let context else { return 0 }
    let upload = Unmanaged<UploadBuffer>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, upload.bytes.count - upload.offset)
    guard length > 0 else { return 0 }
    upload.bytes.withUnsafeBytes { source in
        UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + upload.offset, byteCount: length)
    }
    upload.offset += length
    return length
}
