public import FeedSiftCore
public import FoundationEssentials

/// What one day's digest says, before it is rendered: the stories first
/// seen in its window (`windowStart ..< cutoff`) and the older stories that
/// gained sources in it, grouped by category in configuration order, the
/// highest score first.
///
/// It depends only on the stories given and the window, and it ignores
/// items first seen at or after the cut-off, so rebuilding a past day from
/// the store gives the same content (as long as retention has not deleted
/// its items).
public struct DigestContent: Sendable {
    public var day: DigestDay
    public var windowStart: Date
    public var cutoff: Date
    public var sections: [DigestSection]

    public var storyCount: Int { sections.reduce(0) { $0 + $1.entries.count } }

    public init(
        day: DigestDay, windowStart: Date, cutoff: Date, stories: [StorySnapshot], categories: [CategoryDefinition],
        includeUncategorized: Bool
    ) {
        self.day = day
        self.windowStart = windowStart
        self.cutoff = cutoff
        var bySlug: [String: [DigestEntry]] = [:]
        var uncategorized: [DigestEntry] = []
        for story in stories {
            guard let entry = DigestEntry(story: story, windowStart: windowStart, cutoff: cutoff) else { continue }
            // One place per story: its first category in configuration order.
            if let category = categories.first(where: { story.categories.contains($0.slug) }) {
                bySlug[category.slug, default: []].append(entry)
            } else if includeUncategorized {
                uncategorized.append(entry)
            }
        }
        var sections = categories.compactMap { category in
            bySlug[category.slug].map { DigestSection(slug: category.slug, label: category.label, entries: $0) }
        }
        if !uncategorized.isEmpty {
            sections.append(DigestSection(slug: nil, label: "Other stories", entries: uncategorized))
        }
        self.sections = sections.map { section in
            var sorted = section
            sorted.entries.sort()
            return sorted
        }
    }
}

/// The stories of one category in a digest.
public struct DigestSection: Sendable {
    /// nil for the stories no rule selected.
    public var slug: String?
    public var label: String
    public var entries: [DigestEntry]
}

/// One story as a digest shows it.
public struct DigestEntry: Sendable, Comparable {
    public var storyID: Int64
    public var title: String
    /// One or two sentences of plain text (may be empty).
    public var summary: String
    /// The representative item's link, when it is an http(s) URL.
    public var link: String?
    /// The source of the representative item.
    public var source: String
    /// The other sources, each once, in the order they reported it.
    public var otherSources: [String]
    /// Reported in an earlier digest; new sources joined in this window.
    public var isUpdate: Bool
    public var score: Int
    var firstSeen: Date

    /// The story as of `cutoff`, or nil when it belongs in no digest of
    /// this window (not new in it and no new source in it).
    init?(story: StorySnapshot, windowStart: Date, cutoff: Date) {
        let known = story.items.filter { !$0.dropped && $0.firstSeen < cutoff }
        guard let representative = known.first, story.firstSeen < cutoff else { return nil }
        if story.firstSeen < windowStart {
            let earlierSources = Set(known.filter { $0.firstSeen < windowStart }.map(\.feedName))
            let gainedSource = known.contains { $0.firstSeen >= windowStart && !earlierSources.contains($0.feedName) }
            guard gainedSource else { return nil }
            isUpdate = true
        } else {
            isUpdate = false
        }
        storyID = story.id
        title = representative.title.isEmpty ? story.title : representative.title
        summary = DigestSummary.sentences(
            from: known.lazy.compactMap { $0.summaryText ?? $0.contentText }.first { !$0.isEmpty } ?? "")
        link = representative.link.flatMap(WebLink.validated)
        source = representative.sourceName
        var seen: Set<String> = [source]
        otherSources = known.dropFirst().map(\.sourceName).filter { seen.insert($0).inserted }
        score = story.score
        firstSeen = story.firstSeen
    }

    /// "Metals Daily; also reported by Asia Trade Monitor, Port Wire and 3 more".
    public var sourcesLine: String {
        guard !otherSources.isEmpty else { return source }
        let list: String
        if otherSources.count > 3 {
            list = otherSources.prefix(2).joined(separator: ", ") + " and \(otherSources.count - 2) more"
        } else if let last = otherSources.last, otherSources.count > 1 {
            list = otherSources.dropLast().joined(separator: ", ") + " and " + last
        } else {
            list = otherSources[0]
        }
        return "\(source); also reported by \(list)"
    }

    /// Highest score first; among equals, the earlier story first.
    public static func < (lhs: DigestEntry, rhs: DigestEntry) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        if lhs.firstSeen != rhs.firstSeen { return lhs.firstSeen < rhs.firstSeen }
        return lhs.storyID < rhs.storyID
    }

    public static func == (lhs: DigestEntry, rhs: DigestEntry) -> Bool {
        lhs.storyID == rhs.storyID
    }
}
