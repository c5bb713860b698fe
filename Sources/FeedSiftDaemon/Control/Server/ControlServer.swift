public import Logging
import NIOCore
public import NIOPosix
public import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The control socket: JSON-RPC 2.0, one request per line, on a Unix
/// stream socket that only the daemon's user and group may open.
///
/// `start` claims the socket (refusing when another feedsift answers on it,
/// replacing a stale one), binds it and starts answering, so start-up fails
/// before the daemon reports ready; `run` waits for graceful shutdown or
/// task cancellation, then closes every connection and removes the socket.
///
/// Each connection is served by a task of its own, one request after the
/// other; requests are answered off the event loop, on the server's own
/// threads (store queries on the reader's), so a slow, silent or hostile
/// client holds up only itself, and a busy pipeline does not hold up
/// answers. Connections are bounded in number, in request size, and in idle
/// time (see `ControlServerSettings`).
public final class ControlServer: Service, Sendable {
    public let settings: ControlServerSettings
    private let dispatcher: ControlDispatcher
    private let logger: Logger
    private let serverChannel: NIOAsyncChannel<NIOAsyncChannel<ControlFrame, Never>, Never>
    private let socketFile: ControlSocketFile
    private let socketInode: ino_t
    private let connections: OpenConnections
    private let executor = ControlTaskExecutor(threads: 2, name: "feedsift-control")
    /// The accept loop, set once `start` has begun serving.
    private let accepting = Mutex<Task<Void, Never>?>(nil)

    private init(
        settings: ControlServerSettings, dispatcher: ControlDispatcher, logger: Logger,
        serverChannel: NIOAsyncChannel<NIOAsyncChannel<ControlFrame, Never>, Never>, socketFile: ControlSocketFile,
        socketInode: ino_t
    ) {
        self.settings = settings
        self.dispatcher = dispatcher
        self.logger = logger
        self.serverChannel = serverChannel
        self.socketFile = socketFile
        self.socketInode = socketInode
        self.connections = OpenConnections(limit: settings.maximumConnections)
    }

    /// Throws `.alreadyRunning` when another daemon answers on `socketPath`,
    /// and removes a stale socket file; a daemon checks this before it
    /// touches its database.
    public static func claimSocket(_ socketPath: String) throws(DaemonError) {
        try ControlSocketFile(path: socketPath).claim()
    }

    /// Claims and binds the socket. Throws `.alreadyRunning` when another
    /// daemon answers on it.
    public static func start(
        settings: ControlServerSettings, dispatcher: ControlDispatcher,
        eventLoopGroup: MultiThreadedEventLoopGroup = .singleton, logger: Logger
    ) async throws(DaemonError) -> ControlServer {
        let socketFile = ControlSocketFile(path: settings.socketPath)
        try socketFile.claim()
        let boundPath = socketFile.temporaryPath ?? settings.socketPath
        let maximumLength = settings.maximumRequestBytes
        let idleTimeout = TimeAmount.nanoseconds(
            Int64(settings.idleTimeout.components.seconds) * 1_000_000_000
                + settings.idleTimeout.components.attoseconds / 1_000_000_000)
        let channel: NIOAsyncChannel<NIOAsyncChannel<ControlFrame, Never>, Never>
        do {
            channel = try await ServerBootstrap(group: eventLoopGroup)
                .serverChannelOption(.backlog, value: 64)
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(unixDomainSocketPath: boundPath, cleanupExistingSocketFile: boundPath != settings.socketPath) {
                    child in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(ControlFrameDecoder(maximumLength: maximumLength)))
                        try child.pipeline.syncOperations.addHandler(IdleConnectionHandler(timeout: idleTimeout))
                        return try NIOAsyncChannel<ControlFrame, Never>(wrappingChannelSynchronously: child)
                    }
                }
        } catch {
            throw DaemonError(.stateDirectory, "cannot listen on the control socket \(settings.socketPath): \(error)")
        }
        let inode: ino_t
        do {
            inode = try socketFile.publish(boundPath: boundPath, mode: settings.fileMode)
        } catch {
            try? await channel.channel.close()
            throw error
        }
        logger.info("control socket listening", metadata: ["control.socket": "\(settings.socketPath)"])
        let server = ControlServer(
            settings: settings, dispatcher: dispatcher, logger: logger, serverChannel: channel, socketFile: socketFile,
            socketInode: inode)
        let accepting = server.startAccepting()
        server.accepting.withLock { $0 = accepting }
        return server
    }

    deinit { executor.shutdown() }

    /// Accepts connections until the socket is closed, each served by a
    /// task of its own. Runs on the server's own threads (a task executor
    /// preference, see `ControlTaskExecutor`), so answering never waits for
    /// the cooperative pool, whatever the pipeline is doing with it.
    private func startAccepting() -> Task<Void, Never> {
        Task(executorPreference: executor) { [self] in
            do {
                try await serverChannel.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { group in
                        for try await connection in inbound {
                            group.addTask { await self.serve(connection) }
                        }
                    }
                }
            } catch {
                logger.debug("control socket stopped accepting", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Waits for graceful shutdown or cancellation (connections are
    /// served from `start` on), then closes every connection and removes
    /// the socket file.
    public func run() async {
        let serverChannel = self.serverChannel
        let connections = self.connections
        await withTaskCancellationOrGracefulShutdownHandler {
            await accepting.withLock { $0 }?.value
        } onCancelOrGracefulShutdown: {
            serverChannel.channel.close(promise: nil)
            connections.closeAll()
        }
        socketFile.remove(ifInode: socketInode)
        logger.info("control socket closed", metadata: ["control.socket": "\(settings.socketPath)"])
    }

    private func serve(_ connection: NIOAsyncChannel<ControlFrame, Never>) async {
        let channel = connection.channel
        guard let open = connections.admit(channel) else {
            let error = ControlError(
                .tooManyConnections, "the daemon is serving \(settings.maximumConnections) connections; try again")
            try? await connection.executeThenClose { _ in
                try await channel.writeAndFlush(Self.line(ControlDispatcher.errorResponse(id: .null, error))).get()
            }
            return
        }
        dispatcher.metrics.setControlConnections(open)
        defer { dispatcher.metrics.setControlConnections(connections.release(channel)) }
        do {
            try await connection.executeThenClose { inbound in
                for try await frame in inbound {
                    switch frame {
                    case .line(let bytes):
                        if let response = await dispatcher.response(to: bytes) {
                            try await channel.writeAndFlush(Self.line(response)).get()
                        }
                        try await channel.triggerUserOutboundEvent(IdleConnectionHandler.RequestFinished()).get()
                    case .oversized:
                        let error = ControlError(
                            .invalidRequest,
                            "request is larger than \(settings.maximumRequestBytes) bytes; closing the connection")
                        try await channel.writeAndFlush(Self.line(ControlDispatcher.errorResponse(id: .null, error)))
                            .get()
                        return
                    }
                }
            }
        } catch {
            // The client went away mid-answer, or the connection was closed
            // at shutdown; nothing to tell anyone but the debug log.
            logger.debug("control connection ended", metadata: ["error": "\(error)"])
        }
    }

    private static func line(_ text: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(text.utf8.count + 1)
        buffer.writeString(text)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }
}

/// The open connections, so they can be counted against the limit and
/// closed at shutdown.
private final class OpenConnections: Sendable {
    private let limit: Int
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Registers `channel`; nil when the limit is reached. Returns how many are open.
    func admit(_ channel: any Channel) -> Int? {
        channels.withLock { open in
            guard open.count < limit else { return nil }
            open[ObjectIdentifier(channel)] = channel
            return open.count
        }
    }

    /// Returns how many remain open.
    func release(_ channel: any Channel) -> Int {
        channels.withLock { open in
            open[ObjectIdentifier(channel)] = nil
            return open.count
        }
    }

    func closeAll() {
        for channel in channels.withLock({ Array($0.values) }) { channel.close(promise: nil) }
    }
}
