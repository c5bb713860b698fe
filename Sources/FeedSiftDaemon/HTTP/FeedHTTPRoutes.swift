import FeedSiftCore
import FoundationEssentials

/// What the built-in HTTP server serves: the published files by URL path,
/// and the health and metrics texts, which the daemon supplies.
struct FeedHTTPRoutes: Sendable {
    enum Target: Equatable {
        case file(String)
        case health
        case metrics
        case notFound
    }

    /// Absolute path of the main Atom file; categories live next to it.
    var atomPath: String
    var health: @Sendable () -> (Bool, String)
    var metrics: @Sendable () -> String

    func resolve(_ path: String) -> Target {
        switch path {
        case "/feed.atom", "/": return .file(atomPath)
        case "/healthz": return .health
        case "/metrics": return .metrics
        default: break
        }
        let prefix = "/categories/"
        let suffix = ".atom"
        guard path.hasPrefix(prefix), path.hasSuffix(suffix) else { return .notFound }
        let slug = path.dropFirst(prefix.count).dropLast(suffix.count)
        // Slugs are configuration names; nothing that could climb out of the directory.
        guard !slug.isEmpty, slug.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            return .notFound
        }
        let directory = PathNames.parent(of: atomPath)
        return .file("\(directory)/categories/\(slug).atom")
    }
}
