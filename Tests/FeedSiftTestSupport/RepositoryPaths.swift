import FoundationEssentials

/// Where the repository, the built binary and the shared corpora are, for
/// tests that drive real programs.
public enum RepositoryPaths {
    /// The repository root (two levels above this file's folder).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared` next to the repository, or `FEEDSIFT_SHARED`; nil when absent.
    public static let shared: String? = {
        let candidate =
            ProcessInfo.processInfo.environment["FEEDSIFT_SHARED"]
            ?? URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared").path
        return FileManager.default.fileExists(atPath: candidate + "/DESIGN.md") ? candidate : nil
    }()

    /// The `feedsift` binary that `swift build` produced, or `FEEDSIFT_BIN`.
    public static let feedsiftBinary: String = {
        if let override = ProcessInfo.processInfo.environment["FEEDSIFT_BIN"] { return override }
        return root + "/.build/debug/feedsift"
    }()

    /// Whether a program is on PATH (xmllint, python3).
    public static func hasProgram(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
}
