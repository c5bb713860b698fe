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

    /// The link's host, lower-cased, without user info, port or trailing
    /// dot; nil for links without `scheme://` or with an IP-literal host.
    var host: String? {
        guard var link else { return nil }
        return link.withUTF8 { bytes -> String? in
            var start = 0
            while start + 2 < bytes.count,
                !(bytes[start] == 0x3A && bytes[start + 1] == 0x2F && bytes[start + 2] == 0x2F)
            {
                start += 1
            }
            guard start + 2 < bytes.count else { return nil }
            start += 3
            var end = start
            while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x3F, bytes[end] != 0x23 { end += 1 }
            if let at = bytes[start..<end].lastIndex(of: 0x40) { start = at + 1 }
            guard start < end, bytes[start] != 0x5B else { return nil }
            if let colon = bytes[start..<end].firstIndex(of: 0x3A) { end = colon }
            while end > start, bytes[end - 1] == 0x2E { end -= 1 }
            guard end > start else { return nil }
            let host = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            return bytes[start..<end].contains(where: { $0 &- 0x41 < 26 || $0 >= 0x80 }) ? host.lowercased() : host
        }
    }
}
