public import FeedSiftStore
public import FoundationEssentials
public import Logging

/// Turns one request line into one response line: parses and checks the
/// JSON-RPC 2.0 envelope, runs the method, and wraps its result or error.
///
/// It never throws and never traps on input: every malformed, unknown or
/// failing request becomes a JSON-RPC error object. Notifications (requests
/// without an `id`) are carried out and answered with nothing.
public struct ControlDispatcher: Sendable {
    let reader: StoreReader
    let metrics: FeedSiftMetrics
    let daemon: (any DaemonControl)?
    let startedAt: Date
    let socketPath: String
    let logger: Logger

    public init(
        reader: StoreReader, metrics: FeedSiftMetrics, daemon: (any DaemonControl)?, startedAt: Date = Date(),
        socketPath: String, logger: Logger
    ) {
        self.reader = reader
        self.metrics = metrics
        self.daemon = daemon
        self.startedAt = startedAt
        self.socketPath = socketPath
        self.logger = logger
    }

    /// The response to `line` (without its newline), or nil for a notification.
    public func response(to line: [UInt8]) async -> String? {
        let request: JSONValue
        do {
            request = try JSONParser.parse(line)
        } catch {
            metrics.controlRequest(method: "", outcome: String(ControlError.Code.parseError.rawValue))
            return Self.errorResponse(id: .null, ControlError(.parseError, "request is not valid JSON: \(error)"))
        }
        guard case .object(let envelope) = request else {
            let message =
                request.arrayValue != nil
                ? "batch requests are not supported: send one request object per line"
                : "a request must be a JSON object, not \(request.typeDescription)"
            return Self.errorResponse(id: .null, ControlError(.invalidRequest, message))
        }
        let id = envelope["id"]
        let replyID = id.flatMap { $0.isValidID ? $0 : nil } ?? .null
        let methodName = envelope["method"]?.stringValue ?? ""
        do throws(ControlError) {
            try Self.checkEnvelope(envelope)
            let result = try await run(methodName, params: envelope["params"])
            metrics.controlRequest(method: methodName, outcome: "ok")
            guard id != nil else { return nil }
            return #"{"jsonrpc":"2.0","id":\#(replyID.serialized()),"result":\#(result.serialized())}"#
        } catch {
            let known = ControlMethod(rawValue: methodName) != nil ? methodName : ""
            metrics.controlRequest(method: known, outcome: String(error.code.rawValue))
            if error.code == .internalError {
                logger.warning(
                    "control request failed", metadata: ["control.method": "\(methodName)", "error": "\(error)"])
            }
            guard id != nil || error.code == .invalidRequest else { return nil }
            return Self.errorResponse(id: replyID, error)
        }
    }

    private static func checkEnvelope(_ envelope: JSONObject) throws(ControlError) {
        guard envelope["jsonrpc"] == .string("2.0") else {
            throw ControlError(.invalidRequest, "request must have \"jsonrpc\": \"2.0\"")
        }
        guard let method = envelope["method"] else {
            throw ControlError(.invalidRequest, "request has no \"method\"")
        }
        guard method.stringValue != nil else {
            throw ControlError(.invalidRequest, "\"method\" must be a string, not \(method.typeDescription)")
        }
        if let id = envelope["id"], !id.isValidID {
            throw ControlError(.invalidRequest, "\"id\" must be a string, a number or null, not \(id.typeDescription)")
        }
        if let params = envelope["params"], params.objectValue == nil, params.arrayValue == nil, !params.isNull {
            throw ControlError(.invalidRequest, "\"params\" must be an object, not \(params.typeDescription)")
        }
    }

    private func run(_ name: String, params: JSONValue?) async throws(ControlError) -> JSONValue {
        guard let method = ControlMethod(rawValue: name) else {
            let known = ControlMethod.allCases.map(\.rawValue).joined(separator: ", ")
            throw ControlError(.methodNotFound, "no method \"\(name)\" (methods: \(known))")
        }
        var parameters = try ControlParameters(method: name, params: params)
        switch method {
        case .status: return try await status(&parameters)
        case .feeds: return try await feeds(&parameters)
        case .search: return try await search(&parameters)
        case .stories: return try await stories(&parameters)
        case .story: return try await story(&parameters)
        case .metrics: return try await metricsText(&parameters)
        case .refresh: return try await refresh(&parameters)
        case .reload: return try await reload(&parameters)
        case .explain: return try await explain(&parameters)
        case .digest: return try await digest(&parameters)
        case .rulesTest: return try await rulesTest(&parameters)
        case .reclassify: return try await reclassify(&parameters)
        }
    }

    /// The daemon, or `.unavailable` naming what could not be done.
    func requireDaemon(for method: ControlMethod) throws(ControlError) -> any DaemonControl {
        guard let daemon else {
            throw ControlError(.unavailable, "\(method.rawValue) needs the running daemon, and none is attached")
        }
        return daemon
    }

    /// A store failure, as the client sees it.
    static func storeFailure(_ error: StoreError) -> ControlError {
        if error.isInterrupted {
            return ControlError(
                .queryTooBroad, "the query ran too long and was stopped; narrow it (since, feed, category)")
        }
        return ControlError(.internalError, "cannot read the database: \(error.message)")
    }

    static func errorResponse(id: JSONValue, _ error: ControlError) -> String {
        #"{"jsonrpc":"2.0","id":\#(id.serialized()),"error":\#(error.jsonValue.serialized())}"#
    }
}

extension JSONValue {
    /// JSON-RPC ids are strings, numbers or null.
    fileprivate var isValidID: Bool {
        switch self {
        case .string, .int, .double, .null: true
        default: false
        }
    }
}
