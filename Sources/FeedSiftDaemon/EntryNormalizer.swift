import FeedSiftCore
import FeedSiftDedupe
import FeedSiftRules
import FeedSiftStore

/// Turns a parsed entry into the item the store keeps: identity within
/// the feed, canonical URL, the fingerprints deduplication uses, and, for
/// the entries that will be written, the rules' verdict.
struct EntryNormalizer: Sendable {
    var rules: RuleSet

    /// The item for `entry`, not yet classified (no categories, score 0)
    /// and without its canonical URL: both are only needed for items that
    /// will be written (`completeForWriting`).
    func item(from entry: ParsedEntry, feed: FeedState) -> NewItem {
        let title = entry.title ?? ""
        return NewItem(
            feedID: feed.id,
            entryKey: EntryIdentity.key(for: entry),
            entryID: entry.id,
            link: entry.link,
            canonicalURL: nil,
            title: title,
            summaryHTML: entry.summary,
            contentHTML: entry.content,
            summaryText: entry.summaryText,
            contentText: entry.contentText,
            authors: entry.authors,
            entryCategories: entry.categories,
            enclosures: entry.enclosures,
            published: entry.published,
            updated: entry.updated,
            contentHash: ContentFingerprint.of(
                title: title, summary: entry.summary, content: entry.content, link: entry.link),
            categories: [],
            score: 0,
            dropped: false)
    }

    /// Sets `item`'s canonical URL, and its categories, score and drop
    /// verdict from the rules; returns the names of the rules that fired
    /// (for metrics).
    func completeForWriting(_ item: inout NewItem, feed: FeedState, definition: FeedDefinition) -> [String] {
        item.canonicalURL = item.link.flatMap(CanonicalURL.canonicalize)
        let classification = rules.classify(
            ClassifiableItem(
                title: item.title, summary: item.summaryText ?? "", content: item.contentText ?? "",
                authors: item.authors.compactMap(\.name), feedName: feed.name, feedTags: definition.tags,
                link: item.link))
        item.categories = classification.categories
        item.score = classification.score
        item.dropped = classification.dropped
        return classification.firedRules
    }
}

extension NewItem {
    /// Whether the item's content is what the stored fingerprint `stored`
    /// says (nil: nothing stored), in its current form or the old one.
    func hasContent(fingerprintedAs stored: String?) -> Bool {
        guard let stored else { return false }
        return ContentFingerprint.matches(
            stored, current: contentHash, title: title, summary: summaryHTML, content: contentHTML, link: link)
    }
}
