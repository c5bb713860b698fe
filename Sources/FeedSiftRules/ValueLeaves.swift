import FeedSiftCore

/// Leaves that test whole values: the feed name, a tag, the link's host.
/// An item's values are looked up once, when some query needs them, with
/// no allocation for values that are already folded (a lower-case feed
/// name or tag of one word, a lower-case host).
struct ValueLeaves: Sendable {
    private var feeds: [String: [Int32]] = [:]
    private var feedPrefixes: [(key: String, leaf: Int32)] = []
    private var tags: [String: [Int32]] = [:]
    private var tagPrefixes: [(key: String, leaf: Int32)] = []
    /// By the `WordHash` of the host name; an item's host and each of its
    /// parent domains are looked up.
    private var domains: [UInt64: [(host: [UInt8], leaf: Int32)]] = [:]

    mutating func add(field: QueryField, key: String, isPrefix: Bool, leaf: Int32) {
        switch (field, isPrefix) {
        case (.feed, false): feeds[key, default: []].append(leaf)
        case (.feed, true): feedPrefixes.append((key, leaf))
        case (_, false): tags[key, default: []].append(leaf)
        case (_, true): tagPrefixes.append((key, leaf))
        }
    }

    mutating func add(domain host: String, leaf: Int32) {
        let bytes = Array(host.utf8)
        domains[WordHash.hash(bytes), default: []].append((bytes, leaf))
    }

    /// The key a feed name or tag is compared by: its folded words joined by a space.
    static func key(_ value: String) -> String {
        let isFolded =
            !value.isEmpty && value.utf8.allSatisfy { $0 &- 0x61 < 26 || $0 &- 0x30 < 10 }
        return isFolded ? value : TextTokenizer.words(in: value).joined(separator: " ")
    }

    /// Calls `body` with each leaf the item satisfies, the field, and for a
    /// tag the index of the tag that did.
    func forEachLeaf(of item: ClassifiableItem, _ body: (_ leaf: Int32, QueryField, _ tag: Int) -> Void) {
        if !feeds.isEmpty || !feedPrefixes.isEmpty {
            let key = Self.key(item.feedName)
            for leaf in feeds[key] ?? [] { body(leaf, .feed, -1) }
            for (prefix, leaf) in feedPrefixes where key.utf8.starts(with: prefix.utf8) { body(leaf, .feed, -1) }
        }
        if !tags.isEmpty || !tagPrefixes.isEmpty {
            for (index, tag) in item.feedTags.enumerated() {
                let key = Self.key(tag)
                for leaf in tags[key] ?? [] { body(leaf, .tag, index) }
                for (prefix, leaf) in tagPrefixes where key.utf8.starts(with: prefix.utf8) { body(leaf, .tag, index) }
            }
        }
        if !domains.isEmpty, let host = item.host {
            var host = host
            host.withUTF8 { bytes in
                guard let start = bytes.baseAddress else { return }
                // The host, then each suffix after a dot.
                var offset = 0
                while offset < bytes.count {
                    let suffix = UnsafeBufferPointer(rebasing: bytes[offset...])
                    let head = WordHash.head(start + offset, count: suffix.count)
                    for entry in domains[WordHash.hash(start + offset, count: suffix.count, head: head)] ?? []
                    where entry.host.elementsEqual(suffix) {
                        body(entry.leaf, .domain, -1)
                    }
                    guard let dot = suffix.firstIndex(of: 0x2E) else { break }
                    offset += dot + 1
                }
            }
        }
    }

    /// The leaves an item satisfies with the field and the value that did,
    /// for explanations.
    func leaves(of item: ClassifiableItem) -> [(leaf: Int32, field: QueryField, value: String)] {
        var result: [(leaf: Int32, field: QueryField, value: String)] = []
        forEachLeaf(of: item) { leaf, field, tag in
            switch field {
            case .feed: result.append((leaf, field, item.feedName))
            case .tag: result.append((leaf, field, item.feedTags[tag]))
            default: result.append((leaf, field, item.host ?? ""))
            }
        }
        return result
    }
}
