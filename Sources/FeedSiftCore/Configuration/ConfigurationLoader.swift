import FoundationEssentials

/// Reads feeds.conf (and what it includes) into a checked `Configuration`.
///
/// Every problem is reported, not just the first, as `file:line:col:
/// message` with the file as the user named it. Relative paths resolve
/// against the directory of the file that names them; the defaults for
/// outputs live under the state directory, `var` next to the main file.
public enum ConfigurationLoader {
    /// Reads and validates `path` and everything it includes.
    ///
    /// `stateDirectoryOverride` (`feedsift run --state-dir`) moves the state
    /// directory and every path the configuration keeps inside it (the
    /// database, and by default the socket, Atom file and digests).
    ///
    /// `files`: read the configuration from these texts, as `inspect` does.
    public static func load(path: String, stateDirectoryOverride: String? = nil, files: [String: String]? = nil)
        throws(ConfigurationError) -> Configuration
    {
        let report = inspect(path: path, files: files)
        guard report.diagnostics.isEmpty else { throw ConfigurationError(diagnostics: report.diagnostics) }
        guard let stateDirectoryOverride else { return report.configuration }
        let directory = ConfigurationPaths.resolve(
            stateDirectoryOverride, against: FileManager.default.currentDirectoryPath)
        return report.configuration.relocatingStateDirectory(to: directory)
    }

    /// Reads `path` like `load(path:)` but returns what could be built
    /// together with every problem, so a checker can go on and compile the
    /// rules of a configuration that has other errors. A configuration with
    /// diagnostics must not be run.
    ///
    /// With `files` (absolute path → text, as a report's `files` lists them),
    /// the configuration is read from those texts and nothing on disk: how
    /// the daemon checks rules it may not be allowed to read.
    public static func inspect(path: String, files: [String: String]? = nil) -> ConfigurationReport {
        var reader = ConfigurationFileReader(provided: files)
        reader.readMain(path)
        var builder = ConfigurationBuilder(mainFile: path)
        let configuration = builder.build(reader.sections)
        return ConfigurationReport(
            configuration: configuration, diagnostics: reader.diagnostics + builder.diagnostics, files: reader.files)
    }

    /// The default config path: ./feeds.conf if it exists, else /etc/feedsift/feeds.conf.
    public static func defaultPath() -> String {
        FileManager.default.fileExists(atPath: "feeds.conf") ? "feeds.conf" : "/etc/feedsift/feeds.conf"
    }
}

/// A configuration as far as it could be built, and the problems found.
public struct ConfigurationReport: Sendable {
    /// Complete, with defaults where values were missing or invalid;
    /// feeds and rules lacking required keys are left out.
    public var configuration: Configuration
    /// Syntax errors first (in reading order), then checks of the values.
    public var diagnostics: [Diagnostic]
    /// Every file read (the main file and what it includes), by absolute
    /// path, with its text.
    public var files: [String: String]
}
