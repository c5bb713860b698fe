import FeedSiftCore
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// A real SMTP server on 127.0.0.1 for delivery tests: it speaks enough of
/// RFC 5321 (EHLO/HELO, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA with
/// dot-unstuffing, RSET, NOOP, QUIT) to accept mail from curl, records
/// every accepted message byte for byte, and can be told to refuse the
/// message data with a temporary failure, as a busy server does.
///
/// It offers no STARTTLS (it has no certificate), which feedsift accepts
/// only for loopback servers. One thread per connection.
public final class SMTPSink: @unchecked Sendable {
    /// One message the sink accepted.
    public struct Message: Sendable {
        public var sender: String
        public var recipients: [String]
        /// The message as the client meant it: CRLF lines, dots unstuffed,
        /// without the terminating `.` line.
        public var data: [UInt8]
        /// `user`, `password` from AUTH, when the client authenticated.
        public var user: String?
        public var password: String?
    }

    public let port: Int
    private let listener: LoopbackListener
    private let lock = ConditionLock()
    private var accepted: [Message] = []
    private var refusals: Int
    private var refused = 0

    /// Starts listening at once; the first `refusingFirst` messages get
    /// `451` after their data (the client must retry them later).
    public init(refusingFirst: Int = 0) throws {
        refusals = refusingFirst
        listener = try LoopbackListener(host: "127.0.0.1", backlog: 16)
        port = listener.port
        listener.start { [self] client, _ in serve(client) }
    }

    deinit { stop() }

    /// `smtp://127.0.0.1:PORT`
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// Every message accepted so far, in order.
    public var messages: [Message] { lock.withLock { accepted } }

    /// How many messages were refused with 451 so far.
    public var refusedCount: Int { lock.withLock { refused } }

    /// Refuse the next `count` messages' data with 451.
    public func refuseNext(_ count: Int) {
        lock.withLock { refusals = count }
    }

    public func stop() {
        listener.stop()
    }

    /// One SMTP session.
    private func serve(_ client: Int32) {
        var reader = LineReader(socket: client)
        var sender: String?
        var recipients: [String] = []
        var user: String?
        var password: String?
        func reply(_ text: String) -> Bool { LoopbackListener.writeAll(client, Array((text + "\r\n").utf8)) }
        guard reply("220 sink.test ESMTP feedsift test sink") else { return }
        while let line = reader.next() {
            let text = String(decoding: line, as: UTF8.self)
            let verb = text.split(separator: " ", maxSplits: 1).first.map { $0.uppercased() } ?? ""
            let argument = text.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            switch verb {
            case "EHLO":
                guard
                    reply("250-sink.test") && reply("250-AUTH PLAIN LOGIN") && reply("250-8BITMIME")
                        && reply("250 SIZE 10485760")
                else { return }
            case "HELO":
                guard reply("250 sink.test") else { return }
            case "AUTH":
                let parts = argument.split(separator: " ").map(String.init)
                if parts.first?.uppercased() == "PLAIN" {
                    var encoded = parts.count > 1 ? parts[1] : nil
                    if encoded == nil {
                        guard reply("334 "), let next = reader.next() else { return }
                        encoded = String(decoding: next, as: UTF8.self)
                    }
                    let fields = Data(base64Encoded: encoded ?? "").map { [UInt8]($0) }?.split(
                        separator: 0, omittingEmptySubsequences: false)
                    if let fields, fields.count == 3 {
                        user = String(decoding: fields[1], as: UTF8.self)
                        password = String(decoding: fields[2], as: UTF8.self)
                    }
                } else {
                    guard reply("334 VXNlcm5hbWU6"), let name = reader.next(), reply("334 UGFzc3dvcmQ6"),
                        let secret = reader.next()
                    else { return }
                    user = Data(base64Encoded: String(decoding: name, as: UTF8.self)).map {
                        String(decoding: $0, as: UTF8.self)
                    }
                    password = Data(base64Encoded: String(decoding: secret, as: UTF8.self)).map {
                        String(decoding: $0, as: UTF8.self)
                    }
                }
                guard reply("235 2.7.0 Authentication successful") else { return }
            case "MAIL":
                sender = Self.address(in: argument)
                recipients = []
                guard reply("250 2.1.0 Ok") else { return }
            case "RCPT":
                recipients.append(Self.address(in: argument))
                guard reply("250 2.1.5 Ok") else { return }
            case "DATA":
                guard sender != nil, !recipients.isEmpty else {
                    guard reply("503 5.5.1 Need MAIL and RCPT first") else { return }
                    continue
                }
                guard reply("354 End data with <CR><LF>.<CR><LF>") else { return }
                var data: [UInt8] = []
                var ended = false
                while let dataLine = reader.next() {
                    if dataLine == [0x2E] {
                        ended = true
                        break
                    }
                    data += dataLine.first == 0x2E ? Array(dataLine.dropFirst()) : dataLine
                    data += [0x0D, 0x0A]
                }
                guard ended else { return }
                let refuse = lock.withLock { () -> Bool in
                    guard refusals > 0 else { return false }
                    refusals -= 1
                    refused += 1
                    return true
                }
                if refuse {
                    guard reply("451 4.3.0 Try again later") else { return }
                } else {
                    let message = Message(
                        sender: sender ?? "", recipients: recipients, data: data, user: user, password: password)
                    lock.withLock { accepted.append(message) }
                    guard reply("250 2.0.0 Ok: queued") else { return }
                }
                sender = nil
                recipients = []
            case "RSET":
                sender = nil
                recipients = []
                guard reply("250 2.0.0 Ok") else { return }
            case "NOOP":
                guard reply("250 2.0.0 Ok") else { return }
            case "QUIT":
                _ = reply("221 2.0.0 Bye")
                return
            default:
                guard reply("502 5.5.2 Command not recognized") else { return }
            }
        }
    }

    /// `FROM:<a@b> SIZE=12` → `a@b`
    private static func address(in argument: String) -> String {
        guard let open = argument.firstIndex(of: "<"), let close = argument[open...].firstIndex(of: ">") else {
            return argument
        }
        return String(argument[argument.index(after: open)..<close])
    }

}

/// Reads CRLF-terminated lines from a socket (without the CRLF).
private struct LineReader {
    let socket: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 8192)

    init(socket: Int32) {
        self.socket = socket
    }

    private var start = 0

    mutating func next() -> [UInt8]? {
        while true {
            if let end = buffer[start...].firstRange(of: [0x0D, 0x0A]) {
                let line = Array(buffer[start..<end.lowerBound])
                start = end.upperBound
                return line
            }
            buffer.removeSubrange(..<start)
            start = 0
            let count = read(socket, &chunk, chunk.count)
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
