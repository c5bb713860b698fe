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

    /// The leaves an item satisfies, with the field and value that did.
    func leaves(of item: ClassifiableItem) -> [(leaf: Int32, field: QueryField, value: String)] {
        var result: [(leaf: Int32, field: QueryField, value: String)] = []
        if !feeds.isEmpty || !feedPrefixes.isEmpty {
            let key = Self.key(item.feedName)
            for leaf in feeds[key] ?? [] { result.append((leaf, .feed, item.feedName)) }
            for (prefix, leaf) in feedPrefixes where key.hasPrefix(prefix) {
                result.append((leaf, .feed, item.feedName))
            }
        }
        if !tags.isEmpty || !tagPrefixes.isEmpty {
            for tag in item.feedTags {
                let key = Self.key(tag)
                for leaf in tags[key] ?? [] { result.append((leaf, .tag, tag)) }
                for (prefix, leaf) in tagPrefixes where key.hasPrefix(prefix) {
                    result.append((leaf, .tag, tag))
                }
            }
        }
        if !domains.isEmpty, let host = item.host {
            var suffix = Substring(host)
            while true {
                for leaf in domains[String(suffix)] ?? [] { result.append((leaf, .domain, host)) }
                guard let dot = suffix.firstIndex(of: ".") else { break }
                suffix = suffix[suffix.index(after: dot)...]
            }
        }
        return result
    }
}
