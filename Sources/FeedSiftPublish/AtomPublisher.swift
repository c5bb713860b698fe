public import FeedSiftCore
import FoundationEssentials

/// Writes the main Atom file and one per category
/// (`categories/<slug>.atom` next to the main file), each replaced
/// atomically and only when its content changed.
public struct AtomPublisher: Sendable {
    public var mainPath: String
    public var title: String
    public var selfURL: String?
    public var categories: [CategoryDefinition]
    /// The main feed's `atom:id`, unique to the installation
    /// (`urn:uuid:…`); a category's feed adds `#category/<slug>`.
    public var feedID: String

    public init(mainPath: String, title: String, selfURL: String?, categories: [CategoryDefinition], feedID: String) {
        self.mainPath = mainPath
        self.title = title
        self.selfURL = selfURL
        self.categories = categories
        self.feedID = feedID
    }

    /// Everything besides the stories that shapes the files, as one string:
    /// when it changes, the files must be rendered again.
    public func settingsFingerprint(maxEntries: Int, uncategorized: Bool) -> String {
        ([
            mainPath, title, selfURL ?? "", feedID, String(maxEntries), String(uncategorized), FeedSiftVersion.current,
        ]
            + categories.map { "\($0.slug)=\($0.label)" }).joined(separator: "\u{1F}")
    }

    /// Where the feed of one category is written.
    public func path(forCategory slug: String) -> String {
        "\(categoryDirectory)/\(slug).atom"
    }

    /// Where the category feeds are: `categories/` next to the main feed.
    private var categoryDirectory: String {
        PathNames.parent(of: mainPath) + "/categories"
    }

    /// One file this publisher writes: the main feed (`category` nil) or
    /// one category's.
    public struct Output: Sendable, Hashable {
        public var path: String
        public var category: String?
    }

    /// Every file, main feed first, so a caller can load, render and write
    /// one at a time and keep only one feed's stories in memory.
    public var outputs: [Output] {
        [Output(path: mainPath, category: nil)]
            + categories.map { Output(path: path(forCategory: $0.slug), category: $0.slug) }
    }

    /// Renders `stories` as `output`'s feed and replaces its file when the
    /// content changed. Returns whether it did.
    @discardableResult
    public func write(_ output: Output, stories: [StorySnapshot]) throws(PublishError) -> Bool {
        let labels = Dictionary(categories.map { ($0.slug, $0.label) }, uniquingKeysWith: { first, _ in first })
        let options: AtomFeedOptions
        if let slug = output.category {
            options = AtomFeedOptions(
                title: "\(title) — \(labels[slug] ?? slug)", feedID: "\(feedID)#category/\(slug)",
                selfURL: selfURL.map { categoryURL(base: $0, slug: slug) }, categoryLabels: labels)
        } else {
            options = AtomFeedOptions(
                title: title, feedID: feedID, selfURL: selfURL, categoryLabels: labels)
        }
        return try AtomicFile.write(Array(AtomFeedWriter.render(stories, options: options).utf8), to: output.path)
    }

    /// Writes the main feed from `stories` and each category's feed from
    /// `storiesByCategory`. Returns the paths that changed.
    @discardableResult
    public func publish(main stories: [StorySnapshot], byCategory storiesByCategory: [String: [StorySnapshot]])
        throws(PublishError) -> [String]
    {
        var changed: [String] = []
        for output in outputs {
            let chosen = output.category.map { storiesByCategory[$0] ?? [] } ?? stories
            if try write(output, stories: chosen) { changed.append(output.path) }
        }
        return changed
    }

    /// Deletes the files of categories that are no longer configured
    /// (`categories/<slug>.atom` for a slug no category has), so that
    /// neither a reader of the directory nor the HTTP server finds a feed
    /// that stopped being updated. Returns the paths removed; a file that
    /// cannot be removed is left for the next publication.
    @discardableResult
    public func removeStaleCategoryFiles() -> [String] {
        let directory = categoryDirectory
        let configured = Set(categories.map { "\($0.slug).atom" })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasSuffix(".atom") && !configured.contains(name) {
            let path = "\(directory)/\(name)"
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }

    /// The served URL of a category feed, next to the main feed's URL.
    private func categoryURL(base: String, slug: String) -> String {
        guard let slash = base.lastIndex(of: "/") else { return base }
        return base[...slash] + "categories/\(slug).atom"
    }
}
