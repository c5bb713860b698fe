import FeedSiftCore
import FeedSiftDedupe
import FeedSiftFetch
import FeedSiftParse
import FeedSiftStore
import Foundation

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
/// normalized, the ones the store did not have unchanged classified, and
/// the new ones' deduplication analyses computed.
struct PreparedDocument: Sendable {
    var response: FetchResponse
    var parsed: ParsedFeed
    var items: [NewItem]
    /// Whether each item carries the rules' verdict. Unchanged stored
    /// entries are not classified: they are not written.
    var isClassified: [Bool]
    /// One per item, nil for the items that were stored already.
    var analyses: [StoryPlacer.EntryAnalysis?]
    /// Classifies an item the pipeline finds it must write after all (the
    /// store changed since the document was prepared).
    var normalizer: EntryNormalizer

    /// Classifies the items that `context` says are new or changed (all of
    /// them when the context is unknown) and returns how often each rule
    /// fired.
    mutating func classify(
        given context: StoryPlacer.DocumentContext, feed: FeedState, definition: FeedDefinition
    ) -> [String: Int] {
        let needed = context.needsClassification(items)
        var hits: [String: Int] = [:]
        for position in items.indices where needed[position] && !isClassified[position] {
            for rule in normalizer.classify(&items[position], feed: feed, definition: definition) {
                hits[rule, default: 0] += 1
            }
            isClassified[position] = true
        }
        return hits
    }
}
