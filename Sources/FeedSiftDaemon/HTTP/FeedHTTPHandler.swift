import FeedSiftCore
import FoundationEssentials
import NIOCore
import NIOHTTP1

/// Answers one HTTP connection: the published Atom feeds, `/healthz` and
/// `/metrics`. GET and HEAD only; conditional requests get 304; gzip when
/// the client accepts it; anything else gets a short error.
final class FeedHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let routes: FeedHTTPRoutes
    private let files: PublishedFileCache
    private var request: HTTPRequestHead?
    private var bodyBytes = 0

    init(routes: FeedHTTPRoutes, files: PublishedFileCache) {
        self.routes = routes
        self.files = files
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
            bodyBytes = 0
        case .body(let chunk):
            // Nothing here takes a body; a large one is a client to be rid of.
            bodyBytes += chunk.readableBytes
            if bodyBytes > FeedHTTPServer.maximumBodyBytes {
                context.close(promise: nil)
            }
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard head.method == .GET || head.method == .HEAD else {
            send(
                status: .methodNotAllowed, headers: [("Allow", "GET, HEAD")], text: "method not allowed\n", head: head,
                context: context)
            return
        }
        let path = String(head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        switch routes.resolve(path) {
        case .file(let filePath):
            guard let file = files.file(at: filePath) else {
                send(status: .notFound, text: "not published yet\n", head: head, context: context)
                return
            }
            sendFile(file, head: head, context: context)
        case .health:
            let (healthy, text) = routes.health()
            send(status: healthy ? .ok : .serviceUnavailable, text: text, head: head, context: context)
        case .metrics:
            send(
                status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", text: routes.metrics(),
                head: head, context: context)
        case .notFound:
            send(status: .notFound, text: "not found\n", head: head, context: context)
        }
    }

    private func sendFile(_ file: PublishedFile, head: HTTPRequestHead, context: ChannelHandlerContext) {
        let useGzip = file.gzipped != nil && Self.acceptsGzip(head.headers)
        // Each representation has its own validator, as RFC 9110 requires.
        let etag = useGzip ? String(file.etag.dropLast()) + "-gz\"" : file.etag
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/atom+xml; charset=utf-8")
        headers.add(name: "ETag", value: etag)
        headers.add(name: "Last-Modified", value: file.lastModifiedText)
        headers.add(name: "Cache-Control", value: "no-cache")
        headers.add(name: "Vary", value: "Accept-Encoding")
        if Self.isNotModified(head.headers, etag: etag, lastModified: file.lastModified) {
            writeHead(.notModified, headers: headers, head: head, context: context)
            finish(head: head, context: context)
            return
        }
        let body = useGzip ? file.gzipped! : file.body
        if useGzip { headers.add(name: "Content-Encoding", value: "gzip") }
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        writeHead(.ok, headers: headers, head: head, context: context)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        finish(head: head, context: context)
    }

    private func send(
        status: HTTPResponseStatus, headers extra: [(String, String)] = [],
        contentType: String = "text/plain; charset=utf-8", text: String, head: HTTPRequestHead,
        context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders(extra)
        let body = context.channel.allocator.buffer(string: text)
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        headers.add(name: "Cache-Control", value: "no-store")
        writeHead(status, headers: headers, head: head, context: context)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        finish(head: head, context: context)
    }

    private func writeHead(
        _ status: HTTPResponseStatus, headers: HTTPHeaders, head: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        var headers = headers
        if !head.isKeepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let response = HTTPResponseHead(version: head.version, status: status, headers: headers)
        context.write(wrapOutboundOut(.head(response)), promise: nil)
    }

    private func finish(head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard !head.isKeepAlive else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            loopBound.value.close(promise: nil)
        }
    }

    /// RFC 9110 13.1.2/13.1.3: If-None-Match wins over If-Modified-Since.
    static func isNotModified(_ headers: HTTPHeaders, etag: String, lastModified: Date) -> Bool {
        let noneMatch = headers[canonicalForm: "If-None-Match"]
        if !noneMatch.isEmpty {
            return noneMatch.contains { candidate in
                candidate == "*" || weakComparable(String(candidate)) == weakComparable(etag)
            }
        }
        if let since = headers.first(name: "If-Modified-Since"), let date = HTTPDate.parse(since) {
            return lastModified.timeIntervalSince1970.rounded(.down) <= date.timeIntervalSince1970
        }
        return false
    }

    private static func weakComparable(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }

    /// Whether `Accept-Encoding` allows gzip (listed, or `*`, without `q=0`).
    static func acceptsGzip(_ headers: HTTPHeaders) -> Bool {
        for value in headers[canonicalForm: "Accept-Encoding"] {
            let parts = value.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
        return false
    }
}
