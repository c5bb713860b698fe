import FoundationEssentials

/// Lexical path arithmetic for configuration files: joining a relative path
/// to the directory of the file that names it, without touching the file
/// system (so a path that does not exist yet, like a state directory,
/// resolves the same way).
enum ConfigurationPaths {
    /// `path` if absolute, else `path` inside `directory`; `.` and `..`
    /// components are folded away.
    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        if directory.isEmpty { return normalize(path) }
        return normalize(directory + "/" + path)
    }

    /// The absolute form of a path as the user named it (relative to the
    /// current directory).
    static func absolute(_ path: String) -> String {
        resolve(path, against: FileManager.default.currentDirectoryPath)
    }

    /// Removes `.`, `..` and repeated slashes; keeps a relative path relative.
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", isAbsolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
