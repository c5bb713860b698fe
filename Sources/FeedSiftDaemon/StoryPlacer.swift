import FeedSiftCore
import FeedSiftDedupe
import FeedSiftStore
import FoundationEssentials

/// Places new items into stories with the deduplication index, and keeps
/// the index in step with the store: the store is the truth, the index is
/// rebuilt from stored features (only the window's worth) and learns each
/// decision after the store has written it.
///
/// An instance is used only from the pipeline actor, inside each feed's
/// transaction; the static `features(of:context:now:)`, the CPU-heavy half,
/// runs anywhere.
final class StoryPlacer {
    /// Past items of a feed read to learn its boilerplate.
    static let boilerplateSamples = 200

    private var index: DedupeIndex
    /// The index holds every stored item whose event time is at or after
    /// this; nil until first loaded (and after `invalidate`).
    private var loadedFrom: Double?
    /// Every stored item first seen after this is in the index, whatever
    /// its event time: what reaching further back has to read from the
    /// store is only among the items first seen at or before it (nil:
    /// none; the store had no item when the index was loaded).
    private var completeAfter: Double?
    /// The latest first-seen time of an item this placer stored.
    private var latestStored: Double?

    /// Below this many slots an index is never replaced to give back
    /// memory (`trim`): the reload would cost more than it frees.
    private let compactionMinimum: Int

    init(window: Duration, compactionMinimum: Int = 16_384) {
        index = DedupeIndex(policy: DedupePolicy(window: Double(window.components.seconds)))
        self.compactionMinimum = compactionMinimum
    }

    /// What computing a document's features needs from the store: which of
    /// its entries are new, and the feed's recent items to learn its
    /// boilerplate from (none when nothing is new).
    struct DocumentContext: Sendable {
        /// The stored content hash of each entry (nil for new entries).
        var storedHashes: [String?]
        var stored: [StoredSourceSample]
        /// How many of the feed's documents the pipeline had stored when
        /// this was read (`FeedPipeline` sets it): the entries found new are
        /// still new while that count is the same, since only storing one of
        /// the feed's documents adds items to it.
        var feedDocumentsStored: Int?

        static let unknown = DocumentContext(storedHashes: [], stored: [])

        var isNew: [Bool] { storedHashes.map { $0 == nil } }

        /// Which of `items` will be written: the new ones and the ones whose
        /// content changed (every item when the context does not match).
        func needsClassification(_ items: [NewItem]) -> [Bool] {
            guard storedHashes.count == items.count else { return items.map { _ in true } }
            return items.indices.map { !items[$0].hasContent(fingerprintedAs: storedHashes[$0]) }
        }
    }

    /// What a new entry brings to placement, computed off the pipeline: its
    /// features, and what it tells about its source's boilerplate (stored
    /// with it, for learning from on later polls). Both are encoded for
    /// storage here too, so that the pipeline, the cycle's serial stage,
    /// only writes the bytes.
    struct EntryAnalysis: Sendable {
        var features: ItemFeatures
        var encodedFeatures: [UInt8]
        var encodedEvidence: [UInt8]

        init(features: ItemFeatures, evidence: BoilerplateEvidence) {
            self.features = features
            encodedFeatures = features.encoded()
            encodedEvidence = evidence.encoded()
        }
    }

    /// Reads the context of a feed's document from `reader`, which does
    /// not wait for the pipeline's writer.
    static func context(of items: [NewItem], feedID: Int64, reader: StoredEntriesReader) throws(StoreError)
        -> DocumentContext
    {
        let stored = try reader.storedEntries(
            feedID: feedID, entryKeys: items.map(\.entryKey), sampleLimit: boilerplateSamples)
        return DocumentContext(storedHashes: stored.contentHashes, stored: stored.samples)
    }

    /// The analyses of a document's new entries (nil for the others): the
    /// feed's boilerplate learned from the new entries and its stored
    /// items, then each new entry's features. This is most of
    /// deduplication's work and reads nothing shared, so the daemon runs it
    /// in parallel, outside the pipeline.
    ///
    /// Only new entries' texts are prepared: the document's other entries
    /// are stored items, and what they tell about the boilerplate is among
    /// the stored samples. A poll that brings one new item costs one item.
    ///
    /// A document's analyses take milliseconds, and they share the
    /// cooperative threads with the pipeline actor, the cycle's serial
    /// stage: the task yields every few entries, so that a pipeline job
    /// waits for a thread an entry's time rather than a document's (the
    /// cold benchmark cycle keeps its two cores about 5% busier).
    static func analyses(of items: [NewItem], context: DocumentContext, now: Date) async -> [EntryAnalysis?] {
        let isNew = context.isNew
        guard isNew.count == items.count, isNew.contains(true) else { return items.map { _ in nil } }
        var texts: [PreparedText?] = []
        texts.reserveCapacity(items.count)
        var prepared = 0
        for position in items.indices {
            guard isNew[position] else {
                texts.append(nil)
                continue
            }
            texts.append(PreparedText(items[position]))
            prepared += 1
            if prepared % entriesBetweenYields == 0 { await Task.yield() }
        }
        let evidence = texts.map { $0.map(BoilerplateEvidence.init) }
        let boilerplate = Self.boilerplate(learningFrom: evidence.compactMap { $0 }, stored: context.stored)
        var analyses: [EntryAnalysis?] = []
        analyses.reserveCapacity(items.count)
        var analyzed = 0
        for position in items.indices {
            guard let text = texts[position], let evidence = evidence[position] else {
                analyses.append(nil)
                continue
            }
            analyses.append(
                analysis(of: items[position], text: text, evidence: evidence, boilerplate: boilerplate, now: now))
            analyzed += 1
            if analyzed % entriesBetweenYields == 0 { await Task.yield() }
        }
        return analyses
    }

    private static let entriesBetweenYields = 4

    /// The feed's boilerplate, learned from what the document's entries
    /// (`evidence`) and its stored items tell.
    private static func boilerplate(learningFrom evidence: [BoilerplateEvidence], stored: [StoredSourceSample])
        -> SourceBoilerplate
    {
        SourceBoilerplate(learningFrom: evidence + stored.compactMap(Self.evidence(of:)))
    }

    /// One entry's analysis, its text prepared and the boilerplate learned.
    private static func analysis(
        of item: NewItem, text: PreparedText, evidence: BoilerplateEvidence, boilerplate: SourceBoilerplate,
        now: Date
    ) -> EntryAnalysis {
        EntryAnalysis(
            features: FeatureExtractor().features(of: input(for: item, now: now), text: text, boilerplate: boilerplate),
            evidence: evidence)
    }

    /// What a stored item tells about its source: as stored, or from its
    /// text. Evidence that cannot be read is left out (it only helps learn).
    private static func evidence(of sample: StoredSourceSample) -> BoilerplateEvidence? {
        switch sample {
        case .evidence(let bytes):
            return try? BoilerplateEvidence(decoding: bytes)
        case .text(let title, let summaryText, let contentText):
            return BoilerplateEvidence(
                of: PreparedText(title: title, summaryText: summaryText, contentText: contentText))
        }
    }

    /// One feed document's entries being placed, with the analyses computed
    /// beforehand (nil where an entry was not new then).
    final class Batch {
        let items: [NewItem]
        let analyses: [EntryAnalysis?]
        let feedID: Int64
        let now: Date
        var isCovered = false
        /// Every entry's prepared text and what it tells, and the feed's
        /// boilerplate learned from them: only for an entry that had no
        /// analysis computed, and then once for the document.
        var late: (texts: [PreparedText], evidence: [BoilerplateEvidence], boilerplate: SourceBoilerplate)?

        init(items: [NewItem], analyses: [EntryAnalysis?], feedID: Int64, now: Date) {
            self.items = items
            self.analyses = analyses
            self.feedID = feedID
            self.now = now
        }
    }

    func beginBatch(_ items: [NewItem], analyses: [EntryAnalysis?], feedID: Int64, now: Date) -> Batch {
        Batch(items: items, analyses: analyses, feedID: feedID, now: now)
    }

    /// Before a document's first new entry: makes the index hold at least
    /// the window around the document's new entries (from the earliest
    /// one's time minus the window on), so every entry of the document is
    /// placed against the same items.
    private func cover(_ batch: Batch, store: StoreWriter) throws(StoreError) {
        guard !batch.isCovered else { return }
        var earliest = batch.now.timeIntervalSince1970
        if batch.analyses.contains(where: { $0 != nil }) {
            // Analyses were computed for exactly the entries that were new.
            for analysis in batch.analyses {
                if let analysis { earliest = min(earliest, analysis.features.eventTime) }
            }
        } else {
            for item in batch.items
            where try store.existingItem(feedID: batch.feedID, entryKey: item.entryKey) == nil {
                earliest = min(earliest, item.eventTime(firstSeen: batch.now))
            }
        }
        try cover(from: earliest - index.policy.window, store: store)
        batch.isCovered = true
    }

    /// The analysis of the entry at `position`: as computed beforehand, or
    /// now when it was not new then (the feed was being stored twice at
    /// once, by a `refresh` during a cycle). Then the boilerplate is learned
    /// from every entry of the document and the stored items.
    private func analysis(at position: Int, of batch: Batch, store: StoreWriter) throws(StoreError) -> EntryAnalysis {
        if position < batch.analyses.count, let analysis = batch.analyses[position] { return analysis }
        let late: (texts: [PreparedText], evidence: [BoilerplateEvidence], boilerplate: SourceBoilerplate)
        if let learned = batch.late {
            late = learned
        } else {
            let texts = batch.items.map(PreparedText.init)
            let evidence = texts.map(BoilerplateEvidence.init)
            let stored = try store.sourceSamples(feedID: batch.feedID, limit: Self.boilerplateSamples)
            late = (texts, evidence, Self.boilerplate(learningFrom: evidence, stored: stored))
            batch.late = late
        }
        return Self.analysis(
            of: batch.items[position], text: late.texts[position], evidence: late.evidence[position],
            boilerplate: late.boilerplate, now: batch.now)
    }

    private static func input(for item: NewItem, now: Date) -> DedupeInput {
        DedupeInput(
            title: item.title, summaryText: item.summaryText, contentText: item.contentText,
            canonicalURL: item.canonicalURL, eventTime: item.eventTime(firstSeen: now),
            identity: item.entryID ?? item.link ?? item.entryKey)
    }

    /// Decides where `item` goes, writes it and everything its arrival
    /// changes (merged stories, re-pointed copies), and teaches the index.
    /// Returns whether the item is a copy.
    @discardableResult
    func place(at position: Int, of batch: Batch, store: StoreWriter, categoryOrder: [String], at now: Date)
        throws(StoreError) -> Bool
    {
        try cover(batch, store: store)
        let item = batch.items[position]
        let analysis = try analysis(at: position, of: batch, store: store)
        let features = analysis.features
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
        try store.saveDedupeFeatures(
            itemID: itemID, eventTime: features.eventTime, features: analysis.encodedFeatures,
            boilerplate: analysis.encodedEvidence)
        index.commit(placement, itemID: itemID, storyID: storyID, features: features)
        latestStored = max(latestStored ?? now.timeIntervalSince1970, now.timeIntervalSince1970)
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
        // The evicted items were all stored by now.
        if let latestStored { completeAfter = max(completeAfter ?? latestStored, latestStored) }
        // The index keeps its storage for the slots it frees. After a
        // cycle that reached far back (a first cycle's backlog: 53,000
        // items over 67 days in the benchmark, of which a week's stay)
        // that is most of its memory, held for nothing: a fresh index,
        // reloaded from the store by the next batch, is a fraction of it.
        if index.slotCount >= compactionMinimum && index.slotCount > 4 * index.count { invalidate() }
    }

    /// Bytes the index holds (`DedupeIndex.memoryBytes`).
    var indexMemoryBytes: Int { index.memoryBytes }

    /// Forgets the index (after a rolled-back transaction it may hold items
    /// the store does not), storage and all; the next batch reloads it.
    func invalidate() {
        index = DedupeIndex(policy: index.policy)
        loadedFrom = nil
        completeAfter = nil
    }

    /// Makes the index hold every stored item from `start` on, loading
    /// what is missing below the current bound.
    ///
    /// Reaching back below the bound reads only the items first seen at or
    /// before `completeAfter`: the later ones are all in the index already.
    /// In a first cycle that is nothing at all, however far back its
    /// documents reach; on a running daemon, the items first seen since
    /// `start` until the last trim.
    private func cover(from start: Double, store: StoreWriter) throws(StoreError) {
        if let loadedFrom {
            guard start < loadedFrom else { return }
            if let completeAfter {
                try store.forEachDedupeItem(
                    eventTimeFrom: start, to: loadedFrom, firstSeenThrough: completeAfter, load)
            }
        } else {
            try store.forEachDedupeItem(eventTimeFrom: start, load)
            // Clocks can be set back: the latest stored first-seen time, not
            // the time now, bounds what was stored before this load.
            completeAfter = try store.latestFirstSeen()
        }
        loadedFrom = start
    }

    /// Loads a stored item into the index. An item whose stored features
    /// cannot be read keeps its story but is left out of comparisons:
    /// failing every later feed over it would be worse.
    private func load(_ item: StoredDedupeItem) {
        guard let features = try? ItemFeatures(decoding: item.features) else { return }
        index.load(itemID: item.itemID, storyID: item.storyID, copyOf: item.copyOf, features: features)
    }
}

extension PreparedText {
    init(_ item: NewItem) {
        self.init(title: item.title, summaryText: item.summaryText, contentText: item.contentText)
    }
}
