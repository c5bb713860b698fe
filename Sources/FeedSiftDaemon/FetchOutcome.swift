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
        /// 200 with a usable document, and its entries ready to store
        /// (normalized, classified, and the new ones' deduplication
        /// analyses computed, off the pipeline, in parallel; one analysis
        /// per item, nil for the items that were stored already).
        case document(FetchResponse, ParsedFeed, [NewItem], [StoryPlacer.EntryAnalysis?])
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
