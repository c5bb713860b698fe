import FeedSiftStore

/// Decides which story a new item joins: a stored item with the same
/// canonical URL, else one with the same lead paragraph, is the same text,
/// so the new item joins that item's story as a copy — or, when it was
/// published earlier, as the original that the stored one copies. Anything
/// else opens a story of its own.
struct StoryPlacer {
    func place(_ item: NewItem, in store: StoreWriter) throws(StoreError) -> StoryPlacement {
        if let url = item.canonicalURL, let match = try store.itemWithCanonicalURL(url) {
            return placement(item, copying: match, key: "canonical URL")
        }
        if let lead = item.leadFingerprint, let match = try store.itemWithLeadFingerprint(lead) {
            return placement(item, copying: match, key: "lead paragraph")
        }
        return .newStory
    }

    private func placement(_ item: NewItem, copying match: ExistingItem, key: String) -> StoryPlacement {
        if let published = item.published, published < match.date {
            return StoryPlacement(
                storyID: match.storyID, reason: "original of item \(match.id) (same \(key), published earlier)",
                supersedes: match.id)
        }
        return StoryPlacement(storyID: match.storyID, copyOf: match.id, reason: "same \(key) as item \(match.id)")
    }
}
