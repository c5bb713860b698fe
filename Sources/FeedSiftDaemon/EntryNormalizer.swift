import FeedSiftCore
import FeedSiftDedupe
import FeedSiftRules
import FeedSiftStore

/// Turns a parsed entry into the item the store keeps: identity within
/// the feed, canonical URL, the fingerprints deduplication uses, and the
/// rules' verdict.
struct EntryNormalizer {
    var rules: RuleSet

    /// The item, and the names of the rules that fired for it (for metrics).
    func classifiedItem(from entry: ParsedEntry, feed: FeedState, definition: FeedDefinition)
        -> (item: NewItem, firedRules: [String])
    {
        let title = entry.title ?? ""
        let classification = rules.classify(
            ClassifiableItem(
                title: title, summary: entry.summaryText ?? "", content: entry.contentText ?? "",
                authors: entry.authors.compactMap(\.name), feedName: feed.name, feedTags: definition.tags,
                link: entry.link))
        let item = NewItem(
            feedID: feed.id,
            entryKey: EntryIdentity.key(for: entry),
            entryID: entry.id,
            link: entry.link,
            canonicalURL: entry.link.flatMap(CanonicalURL.canonicalize),
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
            contentHash: Fingerprint.hash(title, entry.summary, entry.content, entry.link),
            categories: classification.categories,
            score: classification.score,
            dropped: classification.dropped)
        return (item, classification.firedRules)
    }
}
