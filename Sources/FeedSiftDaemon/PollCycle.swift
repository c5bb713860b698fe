import FeedSiftCore
import FeedSiftDedupe
import FeedSiftFetch
import FeedSiftParse
import FeedSiftStore
import FoundationEssentials
import Logging

/// One round of polling: fetch the due feeds concurrently, parse, normalize
/// and classify each document as it arrives, hand every outcome to the
/// pipeline, publish.
///
/// At most `concurrency` feeds are between request and storage at once,
/// and of those at most three per core are parsed documents waiting to be
/// stored, which bounds memory however many feeds are due. Three rather
/// than two keep both cores busy while the pipeline's serial stage stores
/// a large document (cold benchmark cycle: 3-6 % faster for under 1 MiB
/// more at the peak, once the index had shrunk).
struct PollCycle {
    var configuration: Configuration
    var fetcher: HTTPFetcher
    var pipeline: FeedPipeline
    var normalizer: EntryNormalizer
    var metrics: FeedSiftMetrics
    var logger: Logger
    /// No cycle follows in this process (`run --once`).
    var isLast = false

    /// Polls `feeds` and returns what happened.
    func run(_ feeds: [FeedState]) async -> CycleSummary {
        let started = ContinuousClock.now
        var summary = CycleSummary()
        let limit = max(configuration.fetch.concurrency, 1)
        let processing = AsyncLimiter(limit: 3 * ProcessInfo.processInfo.activeProcessorCount)
        await withTaskGroup(of: IngestSummary.self) { group in
            var pending = feeds[...]
            func startNext() {
                guard let feed = pending.popFirst(), let definition = configuration.feed(named: feed.name) else {
                    return
                }
                group.addTask { [self] in
                    await fetchAndStore(feed, definition: definition, processing: processing)
                }
            }
            for _ in 0..<limit { startNext() }
            metrics.setQueueDepth(pending.count)
            while let result = await group.next() {
                summary.add(result)
                startNext()
                metrics.setQueueDepth(pending.count)
            }
        }
        await pipeline.endCycle(at: Date(), last: isLast)
        summary.feeds = feeds.count
        summary.duration = ContinuousClock.now - started
        return summary
    }

    /// Fetches the feed, then — holding a processing place — parses,
    /// classifies the entries that will be written, computes the new
    /// entries' deduplication features and stores what came back.
    private func fetchAndStore(_ feed: FeedState, definition: FeedDefinition, processing: AsyncLimiter) async
        -> IngestSummary
    {
        var fetched = await fetch(feed, definition: definition)
        // A document's text is freed once it is stored; after a large one
        // the allocator may hold enough free pages to give back.
        let documentBytes = (try? fetched.result.get().body.count) ?? 0
        defer { if documentBytes >= Self.largeDocument { AllocatorTrim.trimIfWorthwhile() } }
        return await processing.withPlace {
            var outcome = process(&fetched, feed: feed, definition: definition)
            if case .document(var document) = outcome.result {
                let context = pipeline.placementContext(of: document.items, feedID: feed.id)
                metrics.ruleHits(
                    await document.prepare(
                        given: context, normalizer: normalizer, feed: feed, definition: definition, now: Date()))
                outcome.result = .document(document)
            }
            return await pipeline.ingest(outcome)
        }
    }

    /// Documents from this size on may leave megabytes free in the
    /// allocator (in the cold benchmark cycle, one in ten).
    static let largeDocument = 256 * 1024

    /// A transfer's result before processing: the response, or why none came.
    private typealias Fetched = (requestedAt: Date, conditional: Bool, result: Result<FetchResponse, FetchError>)

    private func fetch(_ feed: FeedState, definition: FeedDefinition) async -> Fetched {
        let fetch = configuration.fetch
        let request = FetchRequest(
            feedName: feed.name, url: feed.url, etag: feed.etag, lastModified: feed.lastModified,
            userAgent: configuration.daemon.userAgent, timeout: fetch.timeout, connectTimeout: fetch.connectTimeout,
            maxSize: fetch.maxSize, allowPrivate: definition.allowPrivate ?? fetch.allowPrivate)
        let conditional = feed.etag != nil || feed.lastModified != nil
        let requestedAt = Date()
        do {
            let response = try await fetcher.fetch(request)
            metrics.fetchFinished(status: response.status, bytes: response.bodyBytesOnWire)
            return (requestedAt, conditional, .success(response))
        } catch {
            metrics.fetchFinished(status: nil, bytes: 0)
            return (requestedAt, conditional, .failure(error))
        }
    }

    /// Parses and normalizes a fetched document. Its bytes are moved out of
    /// `fetched` and handed to the parser, which lets them go once the XML
    /// is read: a multi-megabyte document would otherwise stay in memory
    /// while its entries are sanitized, analysed and stored.
    private func process(_ fetched: inout Fetched, feed: FeedState, definition: FeedDefinition) -> FetchOutcome {
        func outcome(_ result: FetchOutcome.Result) -> FetchOutcome {
            FetchOutcome(
                feed: feed, definition: definition, requestedAt: fetched.requestedAt,
                conditional: fetched.conditional, result: result)
        }
        var headers: FetchResponse
        switch fetched.result {
        case .failure(let error): return outcome(.transportFailure(error))
        case .success(let value): headers = value
        }
        let body = headers.body
        headers.body = []
        fetched.result = .success(headers)
        switch headers.status {
        case 200..<300:
            do {
                var parsed = try FeedParser().parse(
                    consume body, documentURL: headers.finalURL, contentType: headers.contentType)
                metrics.parsed(warnings: parsed.warnings.count)
                let items = parsed.entries.map { normalizer.item(from: $0, feed: feed) }
                // The entries live on as `items`; what waits for the
                // pipeline keeps only the feed's own fields.
                parsed.entries = []
                return outcome(.document(PreparedDocument(response: headers, parsed: parsed, items: items)))
            } catch {
                return outcome(.unreadable(headers, error))
            }
        case 304:
            return outcome(.notModified(headers))
        default:
            return outcome(.httpStatus(headers))
        }
    }
}

/// Totals of one poll cycle.
public struct CycleSummary: Sendable {
    public var feeds = 0
    public var failedFeeds = 0
    public var newItems = 0
    public var updatedItems = 0
    public var copies = 0
    public var duration: Duration = .zero

    mutating func add(_ ingest: IngestSummary) {
        if ingest.failed { failedFeeds += 1 }
        newItems += ingest.newItems
        updatedItems += ingest.updatedItems
        copies += ingest.copies
    }
}
