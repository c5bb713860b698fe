/// What the rules see of one feed entry. Text fields are plain text (the
/// parser has already removed markup and decoded entities), so `&amp;` here
/// is literally an ampersand and the word `amp`.
public struct ClassifiableItem: Sendable, Hashable {
    public var title: String
    public var summary: String
    public var content: String
    public var authors: [String]
    /// The `[feed "name"]` the entry came from (`feed:` scope).
    public var feedName: String
    /// That feed's `tags` (`tag:` scope).
    public var feedTags: [String]
    /// The entry's link; its host feeds the `domain:` scope.
    public var link: String?

    public init(
        title: String = "", summary: String = "", content: String = "", authors: [String] = [],
        feedName: String = "", feedTags: [String] = [], link: String? = nil
    ) {
        self.title = title
        self.summary = summary
        self.content = content
        self.authors = authors
        self.feedName = feedName
        self.feedTags = feedTags
        self.link = link
    }

    /// The link's host, lower-cased, without user info, port or trailing dot.
    var host: String? {
        guard let link, let schemeEnd = link.range(of: "://") else { return nil }
        var authority = link[schemeEnd.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") { return nil }
        if let colon = authority.firstIndex(of: ":") { authority = authority[..<colon] }
        while authority.hasSuffix(".") { authority = authority.dropLast() }
        return authority.isEmpty ? nil : authority.lowercased()
    }
}
