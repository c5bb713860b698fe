public import FeedSiftCore
public import FoundationEssentials

/// What a rendered Atom feed is called and where it lives.
public struct AtomFeedOptions: Sendable {
    public var title: String
    /// The feed's own `atom:id`; stable across runs.
    public var feedID: String
    /// The URL the feed is served at, for `link rel="self"`.
    public var selfURL: String?
    /// Category slug to label, for `category label="…"`.
    public var categoryLabels: [String: String]

    public init(title: String, feedID: String, selfURL: String? = nil, categoryLabels: [String: String] = [:]) {
        self.title = title
        self.feedID = feedID
        self.selfURL = selfURL
        self.categoryLabels = categoryLabels
    }
}

/// One story's rendered `<entry>` element, with the time the feed's own
/// `<updated>` is taken from.
public struct AtomEntry: Sendable {
    public var updated: Date
    public var bytes: [UInt8]
}

/// Renders stories as an RFC 4287 Atom document: one entry per story, in the
/// order given, with a story id that never changes as copies join.
///
/// The output depends only on its inputs (no clock), so an unchanged set of
/// stories renders to identical bytes and the file is not rewritten. An
/// entry depends only on its story and the category labels, so a story that
/// several feeds show is rendered once (`AtomPublisher`). The document is
/// written as UTF-8 bytes, escaped text appended in place: no string per
/// element.
public enum AtomFeedWriter {
    public static func render(_ stories: [StorySnapshot], options: AtomFeedOptions) -> String {
        let entries = stories.map { entry($0, categoryLabels: options.categoryLabels) }
        return String(decoding: document(entries, options: options), as: UTF8.self)
    }

    /// The feed document around `entries`, in their order.
    public static func document(_ entries: [AtomEntry], options: AtomFeedOptions) -> [UInt8] {
        let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(1024) { $0 + $1.bytes.count })
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        out.append("  <title>")
        out.appendText(options.title)
        out.append("</title>\n  <id>")
        out.appendText(options.feedID)
        out.append("</id>\n  <updated>\(RFC3339.format(updated))</updated>\n")
        out.append("  <author><name>feedsift</name></author>\n")
        out.append("  <generator version=\"\(FeedSiftVersion.current)\">feedsift</generator>\n")
        if let selfURL = options.selfURL {
            out.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
            out.appendAttribute(selfURL)
            out.append("\"/>\n")
        }
        for entry in entries {
            out.append(contentsOf: entry.bytes)
        }
        out.append("</feed>\n")
        return out
    }

    /// The entry id of a story: a tag URI from its uid, dated by
    /// when feedsift first saw it.
    public static func entryID(for story: StorySnapshot) -> String {
        let day = String(RFC3339.format(story.firstSeen).prefix(10))
        return "tag:feedsift,\(day):story/\(story.uid)"
    }

    /// A story's `<entry>` element.
    public static func entry(_ story: StorySnapshot, categoryLabels: [String: String]) -> AtomEntry {
        var out: [UInt8] = []
        out.append("  <entry>\n    <id>\(entryID(for: story))</id>\n    <title type=\"text\">")
        out.appendText(story.title)
        out.append("</title>\n    <updated>\(RFC3339.format(story.updated))</updated>\n")
        if let published = story.published {
            out.append("    <published>\(RFC3339.format(published))</published>\n")
        }
        let representative = story.representative
        var linked: Set<String> = []
        if let link = representative?.link.flatMap(WebLink.validated) {
            linked.insert(link)
            out.append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
            out.appendAttribute(link)
            out.append("\"/>\n")
        }
        // Every other copy the rules kept.
        for item in story.items where !item.dropped && item.id != representative?.id {
            guard let link = item.link.flatMap(WebLink.validated), linked.insert(link).inserted else { continue }
            out.append("    <link rel=\"related\" type=\"text/html\" href=\"")
            out.appendAttribute(link)
            out.append("\" title=\"")
            out.appendAttribute(item.sourceName)
            out.append("\"/>\n")
        }
        for slug in story.categories {
            out.append("    <category term=\"")
            out.appendAttribute(slug)
            out.append("\" label=\"")
            out.appendAttribute(categoryLabels[slug] ?? slug)
            out.append("\"/>\n")
        }
        if let representative {
            for author in representative.authors {
                guard let name = author.name, !name.isEmpty else { continue }
                out.append("    <author><name>")
                out.appendText(name)
                out.append("</name></author>\n")
            }
            appendSource(representative, to: &out)
            out.append("    <summary type=\"html\">")
            out.appendText(representative.summaryHTML ?? "")
            out.appendText(sourcesLine(story))
            out.append("</summary>\n")
            if let content = representative.contentHTML, !content.isEmpty {
                out.append("    <content type=\"html\">")
                out.appendText(content)
                out.append("</content>\n")
            }
        }
        out.append("  </entry>\n")
        return AtomEntry(updated: story.updated, bytes: out)
    }

    /// `atom:source` naming the feed the representative item came from.
    private static func appendSource(_ item: ItemSnapshot, to out: inout [UInt8]) {
        out.append("    <source>\n      <id>")
        out.appendText(item.feedURL)
        out.append("</id>\n      <title>")
        out.appendText(item.sourceName)
        out.append("</title>\n")
        if let site = item.feedLink.flatMap(WebLink.validated) {
            out.append("      <link rel=\"alternate\" type=\"text/html\" href=\"")
            out.appendAttribute(site)
            out.append("\"/>\n")
        }
        if let feedURL = WebLink.validated(item.feedURL) {
            out.append("      <link rel=\"self\" href=\"")
            out.appendAttribute(feedURL)
            out.append("\"/>\n")
        }
        out.append("    </source>\n")
    }

    /// "Reported by 3 sources: A, B and C." as an HTML paragraph.
    static func sourcesLine(_ story: StorySnapshot) -> String {
        var names: [String] = []
        for item in story.items where !item.dropped && !names.contains(item.sourceName) {
            names.append(item.sourceName)
        }
        guard names.count > 1 else { return "" }
        let list = names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        return "<p>Reported by \(names.count) sources: \(HTMLEscaping.text(list)).</p>"
    }
}

extension [UInt8] {
    /// Appends markup or text known to need no escaping.
    fileprivate mutating func append(_ text: String) {
        append(contentsOf: text.utf8)
    }

    fileprivate mutating func appendText(_ text: String) {
        XMLEscaping.append(text, attribute: false, to: &self)
    }

    fileprivate mutating func appendAttribute(_ value: String) {
        XMLEscaping.append(value, attribute: true, to: &self)
    }
}
