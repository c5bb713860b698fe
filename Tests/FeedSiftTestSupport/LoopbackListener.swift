import FeedSiftCore
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// The listening half of the tests' servers (`LoopbackHTTPServer`,
/// `SMTPSink`): a TCP socket on a loopback address and port chosen by the
/// kernel, an accept loop on a thread of its own, and a thread per
/// connection that runs the server's session.
///
/// `stop()` shuts the listener and every open connection down. Descriptors
/// are only ever closed by the threads that use them, and shut down here
/// under the lock, so a second `stop()`, or a descriptor number reused by
/// another server in a parallel test, is never touched.
final class LoopbackListener: @unchecked Sendable {
    // `@unchecked`: the mutable state is only touched under `lock`.
    let port: Int
    private let socketFD: Int32
    private let lock = ConditionLock()
    private var stopped = false
    private var openSockets: Set<Int32> = []
    private var connectionCount = 0

    /// Binds and listens on `host` (any 127.x.y.z address works on Linux).
    init(host: String, backlog: Int32) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var reuse: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(host)
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketFD, backlog) == 0 else {
            close(socketFD)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.socketFD = socketFD
    }

    /// Starts accepting; `session` runs on each connection's own thread
    /// with its socket and its number (1, 2, …), and the socket is closed
    /// when it returns.
    func start(_ session: @escaping @Sendable (_ socket: Int32, _ connection: Int) -> Void) {
        let started = DetachedThread.start(name: "loopback-accept") { [self] in acceptLoop(session) }
        precondition(started == nil, "cannot start the accept loop")
    }

    func stop() {
        lock.withLock {
            if stopped { return }
            stopped = true
            shutdown(socketFD, Int32(SHUT_RDWR))  // wakes the accept loop, which closes it
            for socket in openSockets { shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }

    /// Writes all of `bytes` to `socket`; false when the peer is gone.
    static func writeAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    private func acceptLoop(_ session: @escaping @Sendable (Int32, Int) -> Void) {
        defer { close(socketFD) }
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let number: Int? = lock.withLock {
                if stopped { return nil }
                connectionCount += 1
                openSockets.insert(client)
                return connectionCount
            }
            guard let number else {
                close(client)
                return
            }
            let started = DetachedThread.start(name: "loopback-conn") { [self] in
                defer {
                    lock.withLock { _ = openSockets.remove(client) }
                    close(client)
                }
                session(client, number)
            }
            precondition(started == nil, "cannot start a connection thread")
        }
    }
}
