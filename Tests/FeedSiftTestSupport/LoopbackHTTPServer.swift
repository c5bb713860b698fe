import FeedSiftCore
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 for tests: it accepts connections on
/// an ephemeral port, records every request, and answers each with what the
/// test's handler decides, including the broken and hostile behaviours a
/// feed fetcher must survive.
///
/// Each connection is served on its own thread and may carry several
/// requests (keep-alive), as curl reuses connections.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// One request as the server received it.
    public struct Request: Sendable {
        public var method: String
        /// The request target, e.g. `/feeds/a.xml?x=1`.
        public var target: String
        public var headers: [(name: String, value: String)]
        /// Sequence number of the connection it arrived on (reuse shows as
        /// equal numbers).
        public var connection: Int

        /// The path without the query string.
        public var path: String {
            String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }

        /// The first header of that name, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// What the server does with a request.
    public enum Reply: Sendable {
        /// A normal response; `Content-Length` is added unless the headers set one.
        case response(status: Int, headers: [(String, String)] = [], body: [UInt8] = [])
        /// A response whose body trickles out `chunkSize` bytes every `delay`.
        case slowBody(status: Int, headers: [(String, String)], body: [UInt8], chunkSize: Int, delay: Duration)
        /// Writes these exact bytes, then closes the connection.
        case raw([UInt8])
        /// Accepts, then closes the connection with a TCP reset.
        case reset
        /// Says nothing for this long, then closes.
        case silence(Duration)
        /// Sends headers and then `chunk` over and over until the client hangs up.
        case endless(status: Int, headers: [(String, String)], chunk: [UInt8])

        /// A 200 with a text body and the given content type.
        public static func ok(_ body: String, contentType: String = "application/xml", headers: [(String, String)] = [])
            -> Reply
        {
            .response(status: 200, headers: [("Content-Type", contentType)] + headers, body: Array(body.utf8))
        }
    }

    public let port: Int
    private let listener: LoopbackListener
    private let handler: @Sendable (Request) -> Reply
    private let lock = ConditionLock()
    private var recorded: [Request] = []

    /// The IPv4 address listened on.
    public let host: String

    /// Starts listening at once on `host` (any 127.x.y.z address works on
    /// Linux, which lets a test play two hosts); `handler` runs on the
    /// connection's thread.
    public init(host: String = "127.0.0.1", handler: @escaping @Sendable (Request) -> Reply) throws {
        self.handler = handler
        self.host = host
        listener = try LoopbackListener(host: host, backlog: 128)
        port = listener.port
        listener.start { [self] client, number in serve(client, connection: number) }
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://\(host):\(port)" }

    /// Every request received so far, in arrival order.
    public var requests: [Request] {
        lock.withLock { recorded }
    }

    /// Requests whose path is `path`.
    public func requests(for path: String) -> [Request] {
        requests.filter { $0.path == path }
    }

    /// Stops accepting and closes every open connection.
    public func stop() {
        listener.stop()
    }

    private func serve(_ client: Int32, connection: Int) {
        var keepAlive: Int32 = 1
        setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, &keepAlive, socklen_t(MemoryLayout<Int32>.size))
        var buffer: [UInt8] = []
        while true {
            guard let (request, rest) = readRequest(client, buffer: buffer, connection: connection) else { return }
            buffer = rest
            lock.withLock { recorded.append(request) }
            let keepAlive = perform(handler(request), on: client, request: request)
            if !keepAlive { return }
        }
    }

    /// Reads one request head; returns nil when the peer closed.
    private func readRequest(_ client: Int32, buffer: [UInt8], connection: Int) -> (Request, [UInt8])? {
        var data = buffer
        let terminator: [UInt8] = [13, 10, 13, 10]
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = data.firstRange(of: terminator) {
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
                let rest = Array(data[end.upperBound...])
                var lines = head.components(separatedBy: "\r\n")
                let requestLine = lines.removeFirst().split(separator: " ")
                guard requestLine.count >= 2 else { return nil }
                let headers = lines.compactMap { line -> (name: String, value: String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (
                        String(line[..<colon]),
                        line[line.index(after: colon)...].trimmingWhitespace()
                    )
                }
                return (
                    Request(
                        method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
                        connection: connection), rest
                )
            }
            let count = read(client, &chunk, chunk.count)
            if count <= 0 { return nil }
            data.append(contentsOf: chunk[..<count])
        }
    }

    /// Carries out a reply; returns whether the connection may be reused.
    private func perform(_ reply: Reply, on client: Int32, request: Request) -> Bool {
        switch reply {
        case .response(let status, let headers, let body):
            let includeBody = request.method != "HEAD" && status != 304 && status != 204
            var all = headers
            if !headers.contains(where: { $0.0.lowercased() == "content-length" }) && status != 304 {
                all.append(("Content-Length", String(body.count)))
            }
            guard LoopbackListener.writeAll(client, head(status: status, headers: all)) else { return false }
            if includeBody, !LoopbackListener.writeAll(client, body) { return false }
            return request.header("Connection")?.lowercased() != "close"
        case .slowBody(let status, let headers, let body, let chunkSize, let delay):
            var all = headers
            all.append(("Content-Length", String(body.count)))
            guard LoopbackListener.writeAll(client, head(status: status, headers: all)) else { return false }
            var offset = 0
            while offset < body.count {
                sleepThread(seconds: delay.seconds)
                let end = min(offset + max(chunkSize, 1), body.count)
                guard LoopbackListener.writeAll(client, Array(body[offset..<end])) else { return false }
                offset = end
            }
            return true
        case .raw(let bytes):
            _ = LoopbackListener.writeAll(client, bytes)
            return false
        case .reset:
            var lingerOption = linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &lingerOption, socklen_t(MemoryLayout<linger>.size))
            return false
        case .silence(let duration):
            sleepThread(seconds: duration.seconds)
            return false
        case .endless(let status, let headers, let chunk):
            guard LoopbackListener.writeAll(client, head(status: status, headers: headers)) else { return false }
            while LoopbackListener.writeAll(client, chunk) {}
            return false
        }
    }

    private func head(status: Int, headers: [(String, String)]) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
