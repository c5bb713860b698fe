import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// A connected Unix stream socket, with blocking, time-limited reads and
/// writes. Owns its file descriptor and closes it in `deinit`.
///
/// Used by the control client and by the server's start-up check for
/// another instance; the server itself runs on SwiftNIO.
final class UnixSocket {
    /// Why a socket operation failed, with the `errno` it failed with.
    struct Failure: Error {
        var operation: String
        var errorNumber: Int32

        var reason: String { String(cString: strerror(errorNumber)) }
    }

    /// The longest path a `sockaddr_un` holds (107 bytes on Linux, plus NUL).
    static let maximumPathLength = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    private var descriptor: Int32
    private var pending: [UInt8] = []

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Connects to the socket at `path`; `timeout` bounds every later read
    /// and write.
    static func connect(path: String, timeout: Duration) throws(Failure) -> UnixSocket {
        guard path.utf8.count <= maximumPathLength else {
            throw Failure(operation: "connect", errorNumber: ENAMETOOLONG)
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(operation: "socket", errorNumber: errno) }
        let connection = UnixSocket(descriptor: descriptor)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw Failure(operation: "connect", errorNumber: errno) }
        let (seconds, attoseconds) = timeout.components
        var interval = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        return connection
    }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "send", errorNumber: errno)
            }
            offset += written
        }
    }

    /// Reads up to the next `\n` (not included); nil when the peer closed
    /// before sending one. `EAGAIN` means the time-out passed.
    func receiveLine(maximumLength: Int) throws(Failure) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                return line
            }
            guard pending.count <= maximumLength else { throw Failure(operation: "receive", errorNumber: EMSGSIZE) }
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "receive", errorNumber: errno)
            }
            if count == 0 { return nil }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    /// Stops sending; the peer reads end-of-file after what was sent.
    func shutdownWrite() {
        shutdown(descriptor, Int32(SHUT_WR))
    }
}
