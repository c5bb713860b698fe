public import FeedSiftCore
import Foundation

/// Where the daemon keeps its state, derived from the configuration (and
/// `--state-dir`, which moves the database and every default output).
public struct StatePaths: Sendable {
    public var stateDirectory: String
    public var database: String
    public var atom: String
    public var digests: String
    public var socket: String

    public init(configuration: Configuration) {
        stateDirectory = configuration.daemon.stateDirectory
        database = stateDirectory + "/feedsift.db"
        atom = configuration.output.atomPath
        digests = configuration.digest.directory
        socket = configuration.daemon.socketPath
    }

    /// Creates the state directory (and the output directories) if needed.
    public func prepare() throws(DaemonError) {
        for directory in [stateDirectory, (atom as NSString).deletingLastPathComponent, digests] {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw DaemonError(
                    .stateDirectory, "cannot create directory \(directory): \((error as NSError).localizedDescription)")
            }
        }
    }
}
