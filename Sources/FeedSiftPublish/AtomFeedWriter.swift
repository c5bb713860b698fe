public import FeedSiftCore
import FoundationEssentials

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

/// Renders stories as an RFC 4287 Atom document: one entry per story, in the
/// order given, with a story id that never changes as copies join.
///
/// The output depends only on its inputs (no clock), so an unchanged set of
/// stories renders to identical bytes and the file is not rewritten.
public enum AtomFeedWriter {
    public static func render(_ stories: [StorySnapshot], options: AtomFeedOptions) -> String {
        let updated = stories.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>\(XMLEscaping.text(options.title))</title>
              <id>\(XMLEscaping.text(options.feedID))</id>
              <updated>\(RFC3339.format(updated))</updated>
              <author><name>feedsift</name></author>
              <generator version="\(FeedSiftVersion.current)">feedsift</generator>

            """
        if let selfURL = options.selfURL {
            out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLEscaping.attribute(selfURL))\"/>\n"
        }
        for story in stories {
            out += entry(story, options: options)
        }
        out += "</feed>\n"
        return out
    }

    /// The entry id of a story: a tag URI from its uid, dated by
    /// when feedsift first saw it.
    public static func entryID(for story: StorySnapshot) -> String {
        let day = String(RFC3339.format(story.firstSeen).prefix(10))
        return "tag:feedsift,\(day):story/\(story.uid)"
    }

    private static func entry(_ story: StorySnapshot, options: AtomFeedOptions) -> String {
        var out = "  <entry>\n"
        out += "    <id>\(entryID(for: story))</id>\n"
        out += "    <title type=\"text\">\(XMLEscaping.text(story.title))</title>\n"
        out += "    <updated>\(RFC3339.format(story.updated))</updated>\n"
        if let published = story.published {
            out += "    <published>\(RFC3339.format(published))</published>\n"
        }
        let representative = story.representative
        var linked: Set<String> = []
        if let link = representative?.link.flatMap(WebLink.validated) {
            linked.insert(link)
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaping.attribute(link))\"/>\n"
        }
        // Every other copy the rules kept.
        for item in story.items where !item.dropped && item.id != representative?.id {
            guard let link = item.link.flatMap(WebLink.validated), linked.insert(link).inserted else { continue }
            out += "    <link rel=\"related\" type=\"text/html\" href=\"\(XMLEscaping.attribute(link))\""
            out += " title=\"\(XMLEscaping.attribute(item.sourceName))\"/>\n"
        }
        for slug in story.categories {
            let label = options.categoryLabels[slug] ?? slug
            out += "    <category term=\"\(XMLEscaping.attribute(slug))\" label=\"\(XMLEscaping.attribute(label))\"/>\n"
        }
        if let representative {
            for author in representative.authors {
                guard let name = author.name, !name.isEmpty else { continue }
                out += "    <author><name>\(XMLEscaping.text(name))</name></author>\n"
            }
            out += source(representative)
            let summary = (representative.summaryHTML ?? "") + sourcesLine(story)
            out += "    <summary type=\"html\">\(XMLEscaping.text(summary))</summary>\n"
            if let content = representative.contentHTML, !content.isEmpty {
                out += "    <content type=\"html\">\(XMLEscaping.text(content))</content>\n"
            }
        }
        out += "  </entry>\n"
        return out
    }

    /// `atom:source` naming the feed the representative item came from.
    private static func source(_ item: ItemSnapshot) -> String {
        var out = "    <source>\n"
        out += "      <id>\(XMLEscaping.text(item.feedURL))</id>\n"
        out += "      <title>\(XMLEscaping.text(item.sourceName))</title>\n"
        if let site = item.feedLink.flatMap(WebLink.validated) {
            out += "      <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaping.attribute(site))\"/>\n"
        }
        if let feedURL = WebLink.validated(item.feedURL) {
            out += "      <link rel=\"self\" href=\"\(XMLEscaping.attribute(feedURL))\"/>\n"
        }
        out += "    </source>\n"
        return out
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

/// Escapes text for inclusion in HTML.
enum HTMLEscaping {
    static func text(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
