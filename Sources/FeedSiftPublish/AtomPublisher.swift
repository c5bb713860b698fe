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

    /// Every file, main feed first: the order `publish` writes them in.
    public var outputs: [Output] {
        [Output(path: mainPath, category: nil)]
            + categories.map { Output(path: path(forCategory: $0.slug), category: $0.slug) }
    }

    /// The options of `output`'s feed document.
    private func options(for output: Output) -> AtomFeedOptions {
        guard let slug = output.category else {
            return AtomFeedOptions(title: title, feedID: feedID, selfURL: selfURL, categoryLabels: categoryLabels)
        }
        return AtomFeedOptions(
            title: "\(title) — \(categoryLabels[slug] ?? slug)", feedID: "\(feedID)#category/\(slug)",
            selfURL: selfURL.map { categoryURL(base: $0, slug: slug) }, categoryLabels: categoryLabels)
    }

    private var categoryLabels: [String: String] {
        Dictionary(categories.map { ($0.slug, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    /// Writes every output: `listing` names the stories a feed shows, in
    /// order, and `stories` loads the ones not yet rendered. A story that
    /// several feeds show (the main feed and its categories') is loaded
    /// and rendered once; its entry is kept until the last feed that shows
    /// it is written, so at most the entries still to be used are held.
    /// Files whose content did not change are left alone. Returns the
    /// paths that changed. Rethrows the loaders' errors; writing fails with
    /// `PublishError`.
    @discardableResult
    public func publish(
        listing: (Output) throws -> [Int64], stories load: ([Int64]) throws -> [StorySnapshot]
    ) throws -> [String] {
        let outputs = self.outputs
        let listings = try outputs.map(listing)
        var lastUse: [Int64: Int] = [:]
        for (index, ids) in listings.enumerated() {
            for id in ids { lastUse[id] = index }
        }
        let labels = categoryLabels
        var entries: [Int64: AtomEntry] = [:]
        var changed: [String] = []
        for (index, output) in outputs.enumerated() {
            let ids = listings[index]
            for story in try load(ids.filter { entries[$0] == nil }) {
                entries[story.id] = AtomFeedWriter.entry(story, categoryLabels: labels)
            }
            let document = AtomFeedWriter.document(ids.compactMap { entries[$0] }, options: options(for: output))
            if try AtomicFile.write(document, to: output.path) { changed.append(output.path) }
            for id in ids where lastUse[id] == index { entries[id] = nil }
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
