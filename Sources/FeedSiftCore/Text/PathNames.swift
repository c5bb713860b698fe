/// The parent and the last component of a file path, as Foundation's
/// `NSString.deletingLastPathComponent` and `lastPathComponent` gave them:
/// runs of `/` count as one and a trailing `/` is ignored, so
/// `/var/lib//feedsift/` has the parent `/var/lib` and the last component
/// `feedsift`; `/` is its own parent and last component; a path of slashes
/// only (`//`) has neither (an empty string for both).
///
/// Where Foundation stopped the process (a one-character relative path such
/// as `a`), the parent is the empty string, as for any relative path of one
/// component.
public enum PathNames {
    /// The path without its last component (`deletingLastPathComponent`).
    public static func parent(of path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" || fixed.isEmpty { return fixed }
        let start = startOfLastComponent(fixed)
        if start == fixed.startIndex { return "" }
        if start == fixed.index(after: fixed.startIndex) { return "/" }
        return String(fixed[..<fixed.index(before: start)])
    }

    /// The last component of the path (`lastPathComponent`).
    public static func lastComponent(of path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed.utf16.count <= 1 { return fixed }
        return String(fixed[startOfLastComponent(fixed)...])
    }

    /// Runs of `/` made one, and one trailing `/` dropped (`/` stays `/`).
    private static func fixingSlashes(_ path: String) -> String {
        if path == "/" { return path }
        var result = ""
        var previousWasSlash = false
        for character in path {
            let isSlash = character == "/"
            if !(isSlash && previousWasSlash) { result.append(character) }
            previousWasSlash = isSlash
        }
        if result.hasSuffix("/") { result.removeLast() }
        return result
    }

    private static func startOfLastComponent(_ path: String) -> String.Index {
        var position = path.endIndex
        while position > path.startIndex {
            let previous = path.index(before: position)
            if path[previous] == "/" { break }
            position = previous
        }
        return position
    }
}
