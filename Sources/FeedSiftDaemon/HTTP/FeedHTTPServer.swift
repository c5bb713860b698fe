public import Logging
import NIOConcurrencyHelpers
public import NIOCore
import NIOHTTP1
import NIOPosix

/// The built-in HTTP server on `[output] listen`: serves `/feed.atom`,
/// `/categories/<slug>.atom`, `/healthz` and `/metrics` from its own event
/// loops, so a slow or hostile client never touches the pipeline.
///
/// Bounded: at most `maximumConnections` at once (more are closed on
/// accept), request bodies of at most `maximumBodyBytes` (none is needed),
/// request heads within SwiftNIO's header-size limit (a 400 beyond it),
/// and idle connections closed after `idleTimeout`.
public final class FeedHTTPServer: Sendable {
    static let maximumConnections = 512
    static let maximumBodyBytes = 16 * 1024
    static let idleTimeout: TimeAmount = .seconds(30)

    private let channel: any Channel
    /// The address the server actually listens on (port 0 picks a free one).
    public let address: SocketAddress?

    private init(channel: any Channel) {
        self.channel = channel
        self.address = channel.localAddress
    }

    /// Binds `listen` (`host:port`) and starts serving.
    public static func start(
        listen: String, atomPath: String, health: @escaping @Sendable () -> (Bool, String),
        metrics: @escaping @Sendable () -> String, group: any EventLoopGroup, logger: Logger
    ) async throws(DaemonError) -> FeedHTTPServer {
        guard let (host, port) = splitHostPort(listen) else {
            throw DaemonError(.configuration, "cannot listen on \(listen): expected host:port")
        }
        let routes = FeedHTTPRoutes(atomPath: atomPath, health: health, metrics: metrics)
        let files = PublishedFileCache()
        let connections = NIOLockedValueBox(0)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                let admitted = connections.withLockedValue { count -> Bool in
                    guard count < maximumConnections else { return false }
                    count += 1
                    return true
                }
                guard admitted else { return channel.close() }
                channel.closeFuture.whenComplete { _ in connections.withLockedValue { $0 -= 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        IdleStateHandler(readTimeout: idleTimeout, writeTimeout: idleTimeout))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(FeedHTTPHandler(routes: routes, files: files))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: host, port: port).get()
            logger.info(
                "serving feeds over HTTP", metadata: ["listen": "\(channel.localAddress?.description ?? listen)"])
            return FeedHTTPServer(channel: channel)
        } catch {
            throw DaemonError(.output, "cannot listen on \(listen): \(error)")
        }
    }

    /// Stops accepting; open connections finish on their own.
    public func stop() async {
        try? await channel.close()
    }

    static func splitHostPort(_ listen: String) -> (String, Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}
