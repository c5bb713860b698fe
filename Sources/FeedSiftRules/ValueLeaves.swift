import FeedSiftCore

/// Leaves that test whole values: the feed name, a tag, the link's host.
struct ValueLeaves: Sendable {
    var feeds: [String: [Int32]] = [:]
    var feedPrefixes: [(key: String, leaf: Int32)] = []
    var tags: [String: [Int32]] = [:]
    var tagPrefixes: [(key: String, leaf: Int32)] = []
    /// By host name; an item's host and each of its parent domains are looked up.
    var domains: [String: [Int32]] = [:]

    var isEmpty: Bool {
        feeds.isEmpty && feedPrefixes.isEmpty && tags.isEmpty && tagPrefixes.isEmpty && domains.isEmpty
    }

    mutating func add(field: QueryField, key: String, isPrefix: Bool, leaf: Int32) {
        switch (field, isPrefix) {
        case (.feed, false): feeds[key, default: []].append(leaf)
        case (.feed, true): feedPrefixes.append((key, leaf))
        case (_, false): tags[key, default: []].append(leaf)
        case (_, true): tagPrefixes.append((key, leaf))
        }
    }

    /// The key a feed name or tag is compared by: its folded words joined by a space.
    static func key(_ value: String) -> String {
        TextTokenizer.words(in: value).joined(separator: " ")
    }
}
