public import FeedSiftCore
import FeedSiftPublish
import FoundationEssentials

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

    /// Creates the state directory (and the output directories) if needed,
    /// and removes temporary files a killed predecessor left behind.
    public func prepare() throws(DaemonError) {
        let outputs = PathNames.parent(of: atom)
        for directory in [stateDirectory, outputs, digests] {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw DaemonError(
                    .stateDirectory, "cannot create directory \(directory): \(ErrorText.description(error))")
            }
        }
        for directory in [outputs, outputs + "/categories", digests] {
            AtomicFile.removeLeftovers(in: directory)
        }
    }
}
