/// A failure to write an output, naming the file and the system's reason.
public struct PublishError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case createDirectory
        case write
        case rename
    }

    public var code: Code
    public var path: String
    public var reason: String

    public init(_ code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch code {
        case .createDirectory: "cannot create directory \(path): \(reason)"
        case .write: "cannot write \(path): \(reason)"
        case .rename: "cannot replace \(path): \(reason)"
        }
    }
}
