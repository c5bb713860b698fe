import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking client of the control socket: sends one JSON-RPC request per
/// line and reads the answer. What the `feedsift` subcommands, the tests
/// and the benchmark use to talk to a daemon.
///
/// Calls block the calling thread for at most `timeout` each. Calls from
/// several threads take turns (the connection answers in order).
public final class ControlClient: Sendable {
    private struct Connection {
        var socket: UnixSocket
        var nextID: Int64 = 1
    }

    public let socketPath: String
    private let connection: Mutex<Connection>

    /// Connects to the daemon's socket. Throws `.notRunning` or
    /// `.permissionDenied` with a message that names the path.
    public init(socketPath: String, timeout: Duration = .seconds(60)) throws(ControlClientError) {
        self.socketPath = socketPath
        do {
            connection = Mutex(Connection(socket: try UnixSocket.connect(path: socketPath, timeout: timeout)))
        } catch {
            throw Self.connectFailure(error, path: socketPath)
        }
    }

    /// Calls `method` and returns its result; throws `.requestFailed` with
    /// the daemon's error when it answered with one.
    public func call(_ method: String, _ params: JSONObject = [:]) throws(ControlClientError) -> JSONValue {
        let (id, line) = try connection.withLock { connection throws(ControlClientError) in
            let id = connection.nextID
            connection.nextID += 1
            var request: JSONObject = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
            if !params.members.isEmpty { request["params"] = .object(params) }
            return (
                id, try Self.exchange(JSONValue.object(request).serialized(), on: connection.socket, path: socketPath)
            )
        }
        let response: JSONValue
        do {
            response = try JSONParser.parse(line)
        } catch {
            throw ControlClientError(.protocolFailure, "the daemon's answer on \(socketPath) is not JSON: \(error)")
        }
        if let error = response["error"]?.objectValue {
            let remote = ControlError(
                ControlError.Code(rawValue: error["code"]?.intValue ?? ControlError.Code.internalError.rawValue),
                error["message"]?.stringValue ?? "the daemon reported an error without a message",
                data: error["data"])
            throw ControlClientError(.requestFailed, remote.message, remote: remote)
        }
        guard let result = response["result"], response["id"] == .int(id) else {
            throw ControlClientError(
                .protocolFailure, "the daemon's answer on \(socketPath) is not a JSON-RPC response")
        }
        return result
    }

    /// Sends `line` as is (a newline is added) and returns the answer line,
    /// for tests that speak the protocol by hand.
    public func exchange(_ line: String) throws(ControlClientError) -> String {
        try connection.withLock { connection throws(ControlClientError) in
            try Self.exchange(line, on: connection.socket, path: socketPath)
        }
    }

    /// Sends raw bytes without waiting for an answer.
    public func send(_ bytes: [UInt8]) throws(ControlClientError) {
        try connection.withLock { connection throws(ControlClientError) in
            try Self.send(bytes, on: connection.socket, path: socketPath)
        }
    }

    /// Reads one answer line. Throws `.protocolFailure` when the daemon
    /// closed the connection instead.
    public func receiveLine() throws(ControlClientError) -> String {
        try connection.withLock { connection throws(ControlClientError) in
            try Self.receiveLine(on: connection.socket, path: socketPath)
        }
    }

    /// Half-closes the connection: the daemon sees end-of-file.
    public func finishSending() {
        connection.withLock { $0.socket.shutdownWrite() }
    }

    private static func exchange(_ line: String, on socket: UnixSocket, path: String) throws(ControlClientError)
        -> String
    {
        try send(Array(line.utf8) + [UInt8(ascii: "\n")], on: socket, path: path)
        return try receiveLine(on: socket, path: path)
    }

    private static func send(_ bytes: [UInt8], on socket: UnixSocket, path: String) throws(ControlClientError) {
        do {
            try socket.send(bytes)
        } catch {
            throw ControlClientError(.protocolFailure, "cannot send to the daemon on \(path): \(error.reason)")
        }
    }

    private static func receiveLine(on socket: UnixSocket, path socketPath: String) throws(ControlClientError)
        -> String
    {
        let line: [UInt8]?
        do {
            line = try socket.receiveLine(maximumLength: 256 * 1024 * 1024)
        } catch {
            if error.errorNumber == EAGAIN || error.errorNumber == EWOULDBLOCK {
                throw ControlClientError(.timedOut, "the daemon on \(socketPath) did not answer in time")
            }
            throw ControlClientError(.protocolFailure, "cannot read from the daemon on \(socketPath): \(error.reason)")
        }
        guard let line else {
            throw ControlClientError(.protocolFailure, "the daemon on \(socketPath) closed the connection")
        }
        return String(decoding: line, as: UTF8.self)
    }

    private static func connectFailure(_ failure: UnixSocket.Failure, path: String) -> ControlClientError {
        switch failure.errorNumber {
        case ENOENT, ECONNREFUSED:
            ControlClientError(
                .notRunning,
                "the daemon is not running: nothing answers on the control socket \(path) (\(failure.reason))")
        case EACCES, EPERM:
            ControlClientError(
                .permissionDenied,
                "permission denied on the control socket \(path): run as the daemon's user or a member of its group")
        case ENAMETOOLONG:
            ControlClientError(
                .unreachable,
                "control socket path \(path) is longer than the \(UnixSocket.maximumPathLength) bytes a socket path may have"
            )
        default:
            ControlClientError(.unreachable, "cannot connect to the control socket \(path): \(failure.reason)")
        }
    }
}
