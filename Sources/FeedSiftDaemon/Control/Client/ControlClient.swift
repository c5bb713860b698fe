import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking client of the control socket: sends one JSON-RPC request per
/// line and reads the answer. What the `feedsift` subcommands, the tests
/// and the benchmark use to talk to a daemon.
///
/// Calls block the calling thread for at most `timeout` each; not for use
/// from several threads at once.
public final class ControlClient {
    public let socketPath: String
    private let socket: UnixSocket
    private var nextID: Int64 = 1

    /// Connects to the daemon's socket. Throws `.notRunning` or
    /// `.permissionDenied` with a message that names the path.
    public init(socketPath: String, timeout: Duration = .seconds(60)) throws(ControlClientError) {
        self.socketPath = socketPath
        do {
            socket = try UnixSocket.connect(path: socketPath, timeout: timeout)
        } catch {
            throw Self.connectFailure(error, path: socketPath)
        }
    }

    /// Calls `method` and returns its result; throws `.requestFailed` with
    /// the daemon's error when it answered with one.
    public func call(_ method: String, _ params: JSONObject = [:]) throws(ControlClientError) -> JSONValue {
        let id = nextID
        nextID += 1
        var request: JSONObject = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if !params.members.isEmpty { request["params"] = .object(params) }
        let line = try exchange(JSONValue.object(request).serialized())
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
            throw ControlClientError(.protocolFailure, "the daemon's answer on \(socketPath) is not a JSON-RPC response")
        }
        return result
    }

    /// Sends `line` as is (a newline is added) and returns the answer line,
    /// for tests that speak the protocol by hand.
    public func exchange(_ line: String) throws(ControlClientError) -> String {
        try send(Array(line.utf8) + [UInt8(ascii: "\n")])
        return try receiveLine()
    }

    /// Sends raw bytes without waiting for an answer.
    public func send(_ bytes: [UInt8]) throws(ControlClientError) {
        do {
            try socket.send(bytes)
        } catch {
            throw ControlClientError(
                .protocolFailure, "cannot send to the daemon on \(socketPath): \(error.reason)")
        }
    }

    /// Reads one answer line. Throws `.protocolFailure` when the daemon
    /// closed the connection instead.
    public func receiveLine() throws(ControlClientError) -> String {
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

    /// Half-closes the connection: the daemon sees end-of-file.
    public func finishSending() {
        socket.shutdownWrite()
    }

    private static func connectFailure(_ failure: UnixSocket.Failure, path: String) -> ControlClientError {
        switch failure.errorNumber {
        case ENOENT, ECONNREFUSED:
            ControlClientError(
                .notRunning, "feedsift is not running: nothing answers on the control socket \(path) (\(failure.reason))")
        case EACCES, EPERM:
            ControlClientError(
                .permissionDenied,
                "permission denied on the control socket \(path): run as the daemon's user or a member of its group")
        case ENAMETOOLONG:
            ControlClientError(
                .unreachable,
                "control socket path \(path) is longer than the \(UnixSocket.maximumPathLength) bytes a socket path may have")
        default:
            ControlClientError(.unreachable, "cannot connect to the control socket \(path): \(failure.reason)")
        }
    }
}
