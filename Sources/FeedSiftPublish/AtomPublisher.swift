public import FeedSiftCore
import Foundation

/// Writes the main Atom file and one per category
/// (`categories/<slug>.atom` next to the main file), each replaced
/// atomically and only when its content changed.
public struct AtomPublisher: Sendable {
    public var mainPath: String
    public var title: String
    public var selfURL: String?
    public var categories: [CategoryDefinition]

    public init(mainPath: String, title: String, selfURL: String?, categories: [CategoryDefinition]) {
        self.mainPath = mainPath
        self.title = title
        self.selfURL = selfURL
        self.categories = categories
    }

    /// Everything besides the stories that shapes the files, as one string:
    /// when it changes, the files must be rendered again.
    public func settingsFingerprint(maxEntries: Int, uncategorized: Bool) -> String {
        ([mainPath, title, selfURL ?? "", String(maxEntries), String(uncategorized), FeedSiftVersion.current]
            + categories.map { "\($0.slug)=\($0.label)" }).joined(separator: "\u{1F}")
    }

    /// Where the feed of one category is written.
    public func path(forCategory slug: String) -> String {
        let directory = (mainPath as NSString).deletingLastPathComponent
        return "\(directory)/categories/\(slug).atom"
    }

    /// Writes the main feed from `stories` and each category's feed from
    /// `storiesByCategory`. Returns the paths that changed.
    @discardableResult
    public func publish(main stories: [StorySnapshot], byCategory storiesByCategory: [String: [StorySnapshot]])
        throws(PublishError) -> [String]
    {
        let labels = Dictionary(categories.map { ($0.slug, $0.label) }, uniquingKeysWith: { first, _ in first })
        var changed: [String] = []
        let main = AtomFeedWriter.render(
            stories,
            options: AtomFeedOptions(
                title: title, feedID: "tag:feedsift,2026:feed", selfURL: selfURL, categoryLabels: labels))
        if try AtomicFile.write(Array(main.utf8), to: mainPath) { changed.append(mainPath) }
        for category in categories {
            let path = path(forCategory: category.slug)
            let document = AtomFeedWriter.render(
                storiesByCategory[category.slug] ?? [],
                options: AtomFeedOptions(
                    title: "\(title) — \(category.label)", feedID: "tag:feedsift,2026:feed/category/\(category.slug)",
                    selfURL: selfURL.map { categoryURL(base: $0, slug: category.slug) }, categoryLabels: labels))
            if try AtomicFile.write(Array(document.utf8), to: path) { changed.append(path) }
        }
        return changed
    }

    /// The served URL of a category feed, next to the main feed's URL.
    private func categoryURL(base: String, slug: String) -> String {
        guard let slash = base.lastIndex(of: "/") else { return base }
        return base[...slash] + "categories/\(slug).atom"
    }
}
