import FeedSiftCore
import FeedSiftDedupe
import FeedSiftFetch
import FeedSiftParse
import FeedSiftStore
import FoundationEssentials

/// What happened to one feed in one poll, from the request to the parsed
/// document: the pipeline's input.
struct FetchOutcome: Sendable {
    enum Result: Sendable {
        /// 200 with a usable document, its entries ready to store.
        case document(PreparedDocument)
        /// 304: nothing changed.
        case notModified(FetchResponse)
        /// Any other HTTP status (404, 410, 429, 5xx, …).
        case httpStatus(FetchResponse)
        /// 200, but not a feed feedsift can read.
        case unreadable(FetchResponse, ParseError)
        /// No response: DNS, connect, TLS, time-out, size limit, blocked address.
        case transportFailure(FetchError)
    }

    var feed: FeedState
    var definition: FeedDefinition
    var requestedAt: Date
    /// Whether the request carried validators.
    var conditional: Bool
    var result: Result
}

/// A fetched document's entries, prepared off the pipeline, in parallel:
/// normalized; compared with what the store holds; the ones that will be
/// written classified; the new ones' deduplication analyses computed.
struct PreparedDocument: Sendable {
    var response: FetchResponse
    /// The feed's own fields (title, links, polling hints, warnings); its
    /// entries are `items`, and `parsed.entries` is empty.
    var parsed: ParsedFeed
    var items: [NewItem]
    /// The entries the store held unchanged when the document was
    /// prepared: not classified, and skipped by the pipeline without
    /// reading them again. If the store changed in between (the feed was
    /// being stored twice at once), the next poll catches up.
    var unchanged: [Bool]
    /// One per item, nil for the items that were stored already.
    var analyses: [StoryPlacer.EntryAnalysis?]
    /// One per item: for a stored entry whose content changed, what its new
    /// text tells about the source's boilerplate, stored with the edit.
    var editedEvidence: [BoilerplateEvidence?]
    /// The entries the store did not hold when the document was prepared,
    /// and the feed's document count then (`DocumentContext`): while it is
    /// unchanged, the pipeline need not look these entries up again.
    var newWhenPrepared: [Bool]
    var feedDocumentsStored: Int?

    init(response: FetchResponse, parsed: ParsedFeed, items: [NewItem]) {
        self.response = response
        self.parsed = parsed
        self.items = items
        unchanged = Array(repeating: false, count: items.count)
        analyses = Array(repeating: nil, count: items.count)
        editedEvidence = Array(repeating: nil, count: items.count)
        newWhenPrepared = Array(repeating: false, count: items.count)
    }

    /// Readies the entries for the pipeline given what the store holds
    /// (`context`): marks the unchanged ones, classifies the others (all of
    /// them when the context is unknown) and computes the new ones'
    /// analyses. Returns how often each rule fired.
    mutating func prepare(
        given context: StoryPlacer.DocumentContext, normalizer: EntryNormalizer, feed: FeedState,
        definition: FeedDefinition, now: Date
    ) async -> [String: Int] {
        let needed = context.needsClassification(items)
        var hits: [String: Int] = [:]
        for position in items.indices {
            unchanged[position] = !needed[position]
            guard needed[position] else { continue }
            for rule in normalizer.completeForWriting(&items[position], feed: feed, definition: definition) {
                hits[rule, default: 0] += 1
            }
        }
        analyses = await StoryPlacer.analyses(of: items, context: context, now: now)
        let isNew = context.isNew
        if isNew.count == items.count {
            newWhenPrepared = isNew
            feedDocumentsStored = context.feedDocumentsStored
        }
        editedEvidence = items.indices.map { position in
            guard needed[position], position < isNew.count, !isNew[position] else { return nil }
            return BoilerplateEvidence(of: PreparedText(items[position]))
        }
        return hits
    }
}
