import FeedSiftCore
import FeedSiftTestSupport
import Foundation

/// Configuration files written to a private temporary directory, loaded by
/// absolute path; messages are returned with that directory stripped so
/// tests read like the user's `feeds.conf:12:3: …`.
struct ConfigurationFixture {
    let directory: TemporaryDirectory

    init(_ files: [String: String]) throws {
        directory = try TemporaryDirectory(prefix: "feedsift-config")
        for (name, contents) in files {
            try directory.write(name, contents)
        }
    }

    init(_ mainFile: String) throws {
        try self.init(["feeds.conf": mainFile])
    }

    func load(_ name: String = "feeds.conf") throws(ConfigurationError) -> Configuration {
        try ConfigurationLoader.load(path: directory.file(name))
    }

    /// Every diagnostic of loading `name`, without the directory prefix.
    func errors(_ name: String = "feeds.conf") -> [String] {
        do {
            _ = try ConfigurationLoader.load(path: directory.file(name))
            return []
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }

    func path(_ name: String) -> String { directory.file(name) }
}
