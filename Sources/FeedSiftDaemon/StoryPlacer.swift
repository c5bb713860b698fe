import FeedSiftCore
import FeedSiftDedupe
import FeedSiftStore
import Foundation

/// Places new items into stories with the deduplication index, and keeps
/// the index in step with the store: the store is the truth, the index is
/// rebuilt from stored features (only the window's worth) and learns each
/// decision after the store has written it.
///
/// Used only from the pipeline actor, inside each feed's transaction.
final class StoryPlacer {
    /// Past items of a feed read to learn its boilerplate.
    static let boilerplateSamples = 200

    private let index: DedupeIndex
    private let extractor = FeatureExtractor()
    /// The index holds every stored item whose event time is at or after
    /// this; nil until first loaded (and after `invalidate`).
    private var loadedFrom: Double?

    init(window: Duration) {
        index = DedupeIndex(policy: DedupePolicy(window: Double(window.components.seconds)))
    }

    /// One feed document's entries being placed: the feed's boilerplate,
    /// learned when the first new entry needs it (most polls bring none).
    final class Batch {
        let items: [NewItem]
        let feedID: Int64
        let now: Date
        var boilerplate: SourceBoilerplate?

        init(items: [NewItem], feedID: Int64, now: Date) {
            self.items = items
            self.feedID = feedID
            self.now = now
        }
    }

    func beginBatch(_ items: [NewItem], feedID: Int64, now: Date) -> Batch {
        Batch(items: items, feedID: feedID, now: now)
    }

    /// Before a document's first new entry: makes the index hold at least
    /// the window around the document's new entries (from the earliest
    /// one's time minus the window on), so every entry of the document is
    /// placed against the same items; and learns the feed's boilerplate from
    /// the document and the feed's stored items.
    private func prepare(_ batch: Batch, store: StoreWriter) throws(StoreError) -> SourceBoilerplate {
        if let boilerplate = batch.boilerplate { return boilerplate }
        let now = batch.now.timeIntervalSince1970
        var earliest = now
        for item in batch.items where try store.existingItem(feedID: batch.feedID, entryKey: item.entryKey) == nil {
            earliest = min(earliest, Self.eventTime(of: item, now: batch.now))
        }
        try cover(from: earliest - index.policy.window, store: store)
        var samples = batch.items.map {
            SourceSample(title: $0.title, summaryText: $0.summaryText, contentText: $0.contentText)
        }
        for text in try store.sourceTexts(feedID: batch.feedID, limit: Self.boilerplateSamples) {
            samples.append(
                SourceSample(title: text.title, summaryText: text.summaryText, contentText: text.contentText))
        }
        let boilerplate = SourceBoilerplate(learningFrom: samples)
        batch.boilerplate = boilerplate
        return boilerplate
    }

    /// Decides where `item` goes, writes it and everything its arrival
    /// changes (merged stories, re-pointed copies), and teaches the index.
    /// Returns whether the item is a copy.
    @discardableResult
    func place(_ item: NewItem, batch: Batch, store: StoreWriter, categoryOrder: [String], at now: Date)
        throws(StoreError) -> Bool
    {
        let input = DedupeInput(
            title: item.title, summaryText: item.summaryText, contentText: item.contentText,
            canonicalURL: item.canonicalURL, eventTime: Self.eventTime(of: item, now: now),
            identity: item.entryID ?? item.link ?? item.entryKey)
        let features = extractor.features(of: input, boilerplate: try prepare(batch, store: store))
        let placement = index.decide(features)
        let (itemID, storyID) = try store.insertItem(
            item,
            placement: StoryPlacement(storyID: placement.storyID, copyOf: placement.copyOf, reason: placement.reason),
            categoryOrder: categoryOrder, at: now)
        for absorbed in placement.mergedStoryIDs {
            try store.mergeStory(absorbed, into: storyID, categoryOrder: categoryOrder, at: now)
        }
        if let newRoot = placement.newRoot(incomingItemID: itemID) {
            try store.repointCopies(from: placement.formerRoots, to: newRoot)
            for root in placement.formerRoots {
                try store.setJoinReason(
                    itemID: root, placement.reason(forFormerRoot: root, newRoot: newRoot, incomingItemID: itemID))
            }
            try store.refreshStorySummary(storyID, categoryOrder: categoryOrder, at: now)
        }
        try store.saveDedupeFeatures(itemID: itemID, eventTime: features.eventTime, features: features.encoded())
        index.commit(placement, itemID: itemID, storyID: storyID, features: features)
        return placement.copyOf != nil
    }

    /// After a poll cycle: drops the items older than the window before
    /// `now`. Documents with old entries widen the index during a cycle
    /// (each older range is loaded once); trimming only between cycles
    /// keeps a cycle from loading the same range again and again, and the
    /// index between cycles bounded by the window.
    func trim(now: Date) {
        let start = now.timeIntervalSince1970 - index.policy.window
        guard let loadedFrom, loadedFrom < start else { return }
        index.evict(before: start)
        self.loadedFrom = start
    }

    /// Forgets the index (after a rolled-back transaction it may hold items
    /// the store does not); the next batch reloads it.
    func invalidate() {
        index.removeAll()
        loadedFrom = nil
    }

    /// When the story happened: publication date, else update date, else
    /// now (first seen); a date in the future counts as now.
    static func eventTime(of item: NewItem, now: Date) -> Double {
        min((item.published ?? item.updated ?? now).timeIntervalSince1970, now.timeIntervalSince1970)
    }

    /// Makes the index hold every stored item from `start` on, loading
    /// what is missing below the current bound.
    private func cover(from start: Double, store: StoreWriter) throws(StoreError) {
        if let loadedFrom {
            guard start < loadedFrom else { return }
            load(try store.dedupeItems(eventTimeFrom: start, to: loadedFrom))
        } else {
            load(try store.dedupeItems(eventTimeFrom: start))
        }
        loadedFrom = start
    }

    /// Loads stored items into the index. An item whose stored features
    /// cannot be read keeps its story but is left out of comparisons:
    /// failing every later feed over it would be worse.
    private func load(_ items: [StoredDedupeItem]) {
        for item in items {
            guard let features = try? ItemFeatures(decoding: item.features) else { continue }
            index.load(itemID: item.itemID, storyID: item.storyID, copyOf: item.copyOf, features: features)
        }
    }
}
