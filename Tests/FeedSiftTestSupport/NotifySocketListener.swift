import FeedSiftCore
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Plays systemd's side of the notification protocol for tests: a Unix
/// datagram socket whose path goes into `NOTIFY_SOCKET`, collecting every
/// message the daemon sends.
public final class NotifySocketListener: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private let lock = ConditionLock()
    private var received: [String] = []
    private var closed = false

    public init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let started = DetachedThread.start(name: "notify-listener") { [self] in receiveLoop() }
        precondition(started == nil, "cannot start the notify listener")
    }

    deinit {
        lock.withLock { closed = true }
        close(descriptor)
        unlink(path)
    }

    /// Every datagram so far, in order.
    public var messages: [String] { lock.withLock { received } }

    /// The `KEY=VALUE` lines of every message, flattened, in order.
    public var lines: [String] { messages.flatMap { $0.split(separator: "\n").map(String.init) } }

    private func receiveLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !lock.withLock({ closed }) {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                let message = String(decoding: buffer[..<count], as: UTF8.self)
                lock.withLock { received.append(message) }
            }
        }
    }
}
