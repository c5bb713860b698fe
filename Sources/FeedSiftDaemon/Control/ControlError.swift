/// A request that failed, as the JSON-RPC error object the client receives:
/// a code from the list below, one readable sentence naming what was wrong,
/// and optional structured `data` (a rejected configuration's diagnostics).
///
/// Handlers and `DaemonControl` implementations throw it; the server turns
/// every other failure into `.internalError` so nothing escapes unanswered.
public struct ControlError: Error, Sendable, CustomStringConvertible {
    /// JSON-RPC 2.0 error codes; the -32000 range is feedsift's own.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: Int

        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// The request line is not JSON (or not UTF-8).
        public static let parseError = Code(rawValue: -32700)
        /// JSON, but not a JSON-RPC 2.0 request (also: a line over the size limit).
        public static let invalidRequest = Code(rawValue: -32600)
        public static let methodNotFound = Code(rawValue: -32601)
        /// Missing, unknown or mistyped parameters.
        public static let invalidParams = Code(rawValue: -32602)
        /// A failure inside the daemon (the store could not be read).
        public static let internalError = Code(rawValue: -32603)
        /// The story, item or feed named does not exist.
        public static let notFound = Code(rawValue: -32001)
        /// `reload` found errors in the configuration; `data.diagnostics` lists them.
        public static let configurationRejected = Code(rawValue: -32002)
        /// This daemon cannot do that now (no pipeline attached, shutting down).
        public static let unavailable = Code(rawValue: -32003)
        /// The server is at its connection limit.
        public static let tooManyConnections = Code(rawValue: -32004)
        /// The request did its work but the work failed (a digest could not be delivered).
        public static let operationFailed = Code(rawValue: -32005)
        /// A query ran past the reader's time limit and was stopped.
        public static let queryTooBroad = Code(rawValue: -32006)
    }

    public var code: Code
    public var message: String
    public var data: JSONValue?

    public init(_ code: Code, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { message }

    /// The `error` member of a response.
    public var jsonValue: JSONValue {
        var object: JSONObject = ["code": .int(Int64(code.rawValue)), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}
