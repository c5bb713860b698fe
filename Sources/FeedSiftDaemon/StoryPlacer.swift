import FeedSiftStore

/// Decides which story a new item joins: a stored item with the same
/// canonical URL, else one with the same lead paragraph, makes it a copy
/// in that item's story; anything else opens a story of its own.
struct StoryPlacer {
    func place(_ item: NewItem, in store: StoreWriter) throws(StoreError) -> StoryPlacement {
        if let url = item.canonicalURL, let original = try store.itemWithCanonicalURL(url) {
            return StoryPlacement(
                storyID: original.storyID, copyOf: original.id, reason: "same canonical URL as item \(original.id)")
        }
        if let lead = item.leadFingerprint, let original = try store.itemWithLeadFingerprint(lead) {
            return StoryPlacement(
                storyID: original.storyID, copyOf: original.id, reason: "same lead paragraph as item \(original.id)")
        }
        return .newStory
    }
}
