/// Limits and place of the control socket.
public struct ControlServerSettings: Sendable {
    /// Absolute path of the Unix socket (`[daemon] socket`).
    public var socketPath: String
    /// Longest request line accepted; longer ones are answered with an
    /// error and the connection is closed.
    public var maximumRequestBytes: Int = 1024 * 1024
    /// A connection that sends nothing for this long, with no answer
    /// pending, is closed.
    public var idleTimeout: Duration = .seconds(60)
    /// Connections served at once; more are answered with an error and closed.
    public var maximumConnections: Int = 64
    /// Permission bits of the socket file (0660: owner and group may connect).
    public var fileMode: UInt16 = 0o660

    public init(socketPath: String) {
        self.socketPath = socketPath
    }
}
