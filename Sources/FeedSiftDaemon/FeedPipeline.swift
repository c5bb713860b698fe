import FeedSiftCore
import FeedSiftFetch
import FeedSiftParse
import FeedSiftPublish
import FeedSiftRules
import FeedSiftStore
import FoundationEssentials
import Logging
import Synchronization

/// The serial heart of the daemon: it owns the database writer and turns
/// each feed's fetch outcome into stored items, stories and polling state,
/// one transaction per feed, then publishes the outputs.
///
/// Fetching and parsing happen concurrently outside; everything that
/// writes goes through this actor, in arrival order.
actor FeedPipeline {
    let store: StoreWriter
    private var configuration: Configuration
    private var placer: StoryPlacer
    /// Documents stored per feed id (with failures), which tells whether a
    /// document's `placementContext` still holds when it is ingested. Read
    /// outside the actor, with the context.
    private let documentsStored = Mutex<[Int64: Int]>([:])
    /// Reads documents' contexts, so that preparing a document never waits
    /// for the writer to finish storing another.
    private let contextReader: StoredEntriesReader
    private let logger: Logger

    init(configuration: Configuration, databasePath: String, logger: Logger) throws(DaemonError) {
        do {
            store = try StoreWriter(path: databasePath)
            // Opened after the writer, which creates and migrates the file.
            contextReader = try StoredEntriesReader(path: databasePath)
        } catch {
            throw DaemonError(.database, error.message)
        }
        self.configuration = configuration
        self.placer = StoryPlacer(window: configuration.dedupe.window)
        self.logger = logger
    }

    /// Brings the stored feeds in line with the configuration and returns them.
    func synchronizeFeeds() throws(DaemonError) -> [FeedState] {
        do {
            return try store.synchronizeFeeds(configuration.feeds.filter(\.enabled))
        } catch {
            throw DaemonError(.database, error.message)
        }
    }

    /// Feeds whose next poll time has come (all of them on a new database).
    func dueFeeds(at now: Date) throws(DaemonError) -> [FeedState] {
        do {
            return try store.feedStates().filter { $0.isDue(at: now) }
        } catch {
            throw DaemonError(.database, error.message)
        }
    }

    /// The earliest next poll time of any active feed.
    func nextDueDate() -> Date? {
        (try? store.feedStates())?.filter { $0.disabledReason == nil }.compactMap(\.nextPollAt).min()
    }

    /// Which of a document's entries are new, and the feed's recent texts:
    /// what computing their deduplication features outside the pipeline
    /// needs. Read through a connection of its own, without waiting for the
    /// pipeline. On a store error, nothing: the features are then computed
    /// while storing.
    ///
    /// The count of the feed's stored documents is read before the store:
    /// if another of the feed's documents is stored in between, the count
    /// differs at ingestion and the entries are looked up again there.
    nonisolated func placementContext(of items: [NewItem], feedID: Int64) -> StoryPlacer.DocumentContext {
        let stored = documentsStored.withLock { $0[feedID, default: 0] }
        guard var context = try? StoryPlacer.context(of: items, feedID: feedID, reader: contextReader) else {
            return .unknown
        }
        context.feedDocumentsStored = stored
        return context
    }

    /// Stores one feed's outcome in one transaction. Never throws: a failure
    /// is logged with the feed's name and recorded as the feed's error.
    func ingest(_ outcome: FetchOutcome) -> IngestSummary {
        // After the transaction: a context read with the new count sees it.
        defer { documentsStored.withLock { $0[outcome.feed.id, default: 0] += 1 } }
        var feedLogger = logger
        feedLogger[metadataKey: "feed"] = "\(outcome.feed.name)"
        do {
            return try store.transaction { () throws(StoreError) in
                try apply(outcome, logger: feedLogger)
            }
        } catch {
            // The rolled-back transaction may have taught the index items
            // the store does not have: rebuild it from the store next time.
            placer.invalidate()
            feedLogger.error("cannot store feed", metadata: ["error": "\(error.message)"])
            return IngestSummary(failed: true)
        }
    }

    private func apply(_ outcome: FetchOutcome, logger: Logger) throws(StoreError) -> IngestSummary {
        let feed = outcome.feed
        let now = Date()
        var summary = IngestSummary()
        switch outcome.result {
        case .document(let document):
            let (response, parsed) = (document.response, document.parsed)
            let categoryOrder = configuration.categories.map(\.slug)
            let batch = placer.beginBatch(document.items, analyses: document.analyses, feedID: feed.id, now: now)
            // Entries found new when the document was prepared are still
            // new unless another document of the feed was stored since.
            let stillNew = document.feedDocumentsStored == documentsStored.withLock { $0[feed.id, default: 0] }
            for (position, item) in document.items.enumerated() where !document.unchanged[position] {
                if !(stillNew && document.newWhenPrepared[position]),
                    let existing = try store.existingItem(feedID: feed.id, entryKey: item.entryKey)
                {
                    if !item.hasContent(fingerprintedAs: existing.contentHash) {
                        try store.updateItem(
                            existing, with: item, categoryOrder: categoryOrder, at: now,
                            boilerplate: document.editedEvidence[position]?.encoded())
                        summary.updatedItems += 1
                    }
                    continue
                }
                let isCopy = try placer.place(
                    at: position, of: batch, store: store, categoryOrder: categoryOrder, at: now)
                summary.newItems += 1
                if isCopy { summary.copies += 1 }
            }
            for warning in parsed.warnings.prefix(3) {
                logger.debug("feed document needed repair", metadata: ["warning": "\(warning)"])
            }
            let next = try schedule(outcome, PollOutcome(response), hints: parsed.pollingHints, now: now)
            try store.recordFetch(
                FetchRecord(
                    at: now, status: response.status, succeeded: true, conditional: outcome.conditional,
                    validators: .replace(etag: response.etag, lastModified: response.lastModified),
                    permanentURL: response.permanentURL, nextPollAt: next.at, interval: next.interval,
                    intervalReason: next.reason.rawValue, title: outcome.definition.title ?? parsed.title,
                    siteLink: parsed.link, pollingHints: parsed.pollingHints),
                feedID: feed.id)
            logPermanentRedirect(response, logger: logger)
            logger.info(
                "feed updated",
                metadata: [
                    "http.status": "\(response.status)", "items.new": "\(summary.newItems)",
                    "items.updated": "\(summary.updatedItems)", "items.copies": "\(summary.copies)",
                ])
        case .notModified(let response):
            let next = try schedule(outcome, PollOutcome(response), hints: feed.pollingHints, now: now)
            let refreshed = response.etag != nil || response.lastModified != nil
            try store.recordFetch(
                FetchRecord(
                    at: now, status: 304, succeeded: true, notModified: true, conditional: outcome.conditional,
                    validators: refreshed
                        ? .replace(
                            etag: response.etag ?? feed.etag, lastModified: response.lastModified ?? feed.lastModified)
                        : .keep,
                    permanentURL: response.permanentURL, nextPollAt: next.at, interval: next.interval,
                    intervalReason: next.reason.rawValue),
                feedID: feed.id)
            logPermanentRedirect(response, logger: logger)
            logger.debug("feed not modified")
        case .httpStatus(let response):
            let next = try schedule(outcome, PollOutcome(response), hints: feed.pollingHints, now: now)
            let message = "HTTP \(response.status) from \(response.finalURL)"
            try store.recordFetch(
                FetchRecord(
                    at: now, status: response.status, error: message, succeeded: false,
                    conditional: outcome.conditional, permanentURL: response.permanentURL, nextPollAt: next.at,
                    interval: next.interval, intervalReason: next.reason.rawValue,
                    disabledReason: next.disablesFeed ? "the server answered 410 Gone" : nil),
                feedID: feed.id)
            if let retryAfter = response.retryAfter, configuration.fetch.retryAfterScope == .host,
                let host = URLComponents(string: response.finalURL)?.host
            {
                let deferred = try store.deferFeeds(onHost: host, until: max(retryAfter, next.at))
                if deferred > 0 {
                    logger.info("host asked to wait", metadata: ["host": "\(host)", "feeds.deferred": "\(deferred)"])
                }
            }
            summary.failed = true
            if next.disablesFeed {
                logger.error("feed disabled", metadata: ["http.status": "410", "error": "\(message)"])
            } else {
                logger.warning(
                    "feed fetch failed", metadata: ["http.status": "\(response.status)", "error": "\(message)"])
            }
        case .unreadable(let response, let error):
            let next = try schedule(outcome, .transportFailure, hints: feed.pollingHints, now: now)
            try store.recordFetch(
                FetchRecord(
                    at: now, status: response.status, error: error.description, succeeded: false,
                    conditional: outcome.conditional, nextPollAt: next.at, interval: next.interval,
                    intervalReason: next.reason.rawValue),
                feedID: feed.id)
            summary.failed = true
            logger.warning("feed document unreadable", metadata: ["error": "\(error.description)"])
        case .transportFailure(let error):
            let next = try schedule(outcome, .transportFailure, hints: feed.pollingHints, now: now)
            try store.recordFetch(
                FetchRecord(
                    at: now, status: nil, error: error.description, succeeded: false,
                    conditional: outcome.conditional, nextPollAt: next.at, interval: next.interval,
                    intervalReason: next.reason.rawValue),
                feedID: feed.id)
            summary.failed = true
            logger.warning("feed fetch failed", metadata: ["error": "\(error.description)"])
        }
        return summary
    }

    /// When to poll the feed next, from the politeness policy and the
    /// feed's publication history.
    private func schedule(_ outcome: FetchOutcome, _ result: PollOutcome, hints: PollingHints, now: Date)
        throws(StoreError) -> PollDecision
    {
        let policy = PollPolicy(settings: configuration.fetch)
        let windowStart = now.addingTimeInterval(-Double(policy.frequencyWindow.components.seconds))
        let history: [Date]
        if case .document = outcome.result {
            // New items may have arrived: read them, and keep the result for later polls.
            history = try store.recentPublicationDates(feedID: outcome.feed.id, since: windowStart)
            try store.recordPublicationHistory(history, feedID: outcome.feed.id)
        } else if let stored = outcome.feed.publicationHistory {
            history = stored.filter { $0 >= windowStart }
        } else {
            history = try store.recentPublicationDates(feedID: outcome.feed.id, since: windowStart)
        }
        let state = PollState(
            configuredInterval: outcome.definition.interval,
            consecutiveFailures: outcome.feed.consecutiveFailures, recentPublications: history)
        return policy.nextPoll(state: state, outcome: result, hints: hints, now: now)
    }

    private func logPermanentRedirect(_ response: FetchResponse, logger: Logger) {
        guard let moved = response.permanentURL else { return }
        logger.notice("feed moved permanently; polling the new URL from now on", metadata: ["url": "\(moved)"])
    }

    /// After a poll cycle: the deduplication index goes back to the window,
    /// or, after the `last` cycle of the process, is let go at once (its
    /// memory then serves publishing, instead of being evicted item by
    /// item for nothing).
    func endCycle(at now: Date, last: Bool = false) {
        if last { placer.invalidate() } else { placer.trim(now: now) }
    }

    /// Bytes the deduplication index holds now (for tests).
    var dedupeIndexBytes: Int { placer.indexMemoryBytes }

    /// Rewrites the Atom outputs from the stored stories (files whose
    /// content did not change are left alone).
    /// Returns the paths that changed. When neither the stories nor the
    /// output settings changed since the last publication and every file is
    /// there, nothing is read or rendered.
    func publish() throws(DaemonError) -> [String] {
        let output = configuration.output
        do {
            let publisher = AtomPublisher(
                mainPath: output.atomPath, title: output.title, selfURL: Self.selfURL(output),
                categories: configuration.categories, feedID: try store.installationFeedID())
            let fingerprint =
                try store.publicationFingerprint() + "|"
                + publisher.settingsFingerprint(
                    maxEntries: output.maxEntries, uncategorized: output.uncategorized)
            let files = [output.atomPath] + configuration.categories.map { publisher.path(forCategory: $0.slug) }
            if try store.lastPublication() == fingerprint, files.allSatisfy(FileManager.default.fileExists(atPath:)) {
                return []
            }
            var changed = try publisher.publish(
                listing: { output in try store.storyIDs(matching: publishedQuery(category: output.category)) },
                stories: { ids in try store.stories(ids: ids) })
            changed += publisher.removeStaleCategoryFiles()
            try store.recordPublication(fingerprint)
            return changed
        } catch let error as StoreError {
            throw DaemonError(.database, error.message)
        } catch let error as PublishError {
            throw DaemonError(.output, error.description)
        } catch {
            throw DaemonError(.output, "\(error)")
        }
    }

    /// Which stories the feed of `category` (nil: the main feed) shows.
    private func publishedQuery(category: String?) -> StoryQuery {
        let output = configuration.output
        guard let category else {
            return StoryQuery(limit: output.maxEntries, includeUncategorized: output.uncategorized)
        }
        return StoryQuery(category: category, limit: output.maxEntries)
    }

    /// The configuration the pipeline runs with.
    var currentConfiguration: Configuration { configuration }

    /// Runs with `configuration` from now on and brings the stored feeds in
    /// line with it.
    func apply(_ configuration: Configuration) throws(DaemonError) {
        if configuration.dedupe.window != self.configuration.dedupe.window {
            placer = StoryPlacer(window: configuration.dedupe.window)
        }
        self.configuration = configuration
        _ = try synchronizeFeeds()
    }

    /// Deletes stories unchanged for longer than `[fetch] retention`, except
    /// those still in an Atom file or not yet covered by a digest.
    func retain(now: Date) -> RetentionSummary? {
        let cutoff = now.addingTimeInterval(-Double(configuration.fetch.retention.components.seconds))
        do {
            guard try store.hasStories(updatedBefore: cutoff) else { return RetentionSummary() }
            var published: Set<Int64> = []
            for category in [nil] + configuration.categories.map(\.slug) {
                published.formUnion(try store.storyIDs(matching: publishedQuery(category: category)))
            }
            let lastDigest = try store.latestDigest(before: .distantFuture)?.cutoff
            let pendingSince = try lastDigest ?? store.digestTrackingStart(recordingIfAbsent: now)
            let summary = try store.deleteExpiredStories(
                updatedBefore: cutoff, protected: published, pendingSince: pendingSince)
            if summary.stories > 0 {
                // The index may hold items of the deleted stories.
                placer.invalidate()
                logger.info(
                    "retention removed old stories",
                    metadata: [
                        "stories": "\(summary.stories)", "items": "\(summary.items)",
                        "pages.freed": "\(summary.freedPages)",
                    ])
            }
            return summary
        } catch {
            logger.error("retention failed", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// The URL the main feed is served at: `[output] url`, else the
    /// built-in server's address.
    static func selfURL(_ output: OutputSettings) -> String? {
        if let url = output.url { return url }
        guard let listen = output.listen, let colon = listen.lastIndex(of: ":") else { return nil }
        // A wildcard address or a port picked at start-up names no place a
        // reader can fetch from: better no self link than a wrong one.
        let host = listen[..<colon]
        let port = listen[listen.index(after: colon)...]
        guard !["", "0.0.0.0", "::", "[::]", "*"].contains(host), !port.isEmpty, port != "0" else { return nil }
        return "http://\(listen)/feed.atom"
    }

    /// Indexes one batch of new items for search; returns how many (0 when
    /// the index is complete). One batch per call, so feeds waiting to be
    /// stored get the actor in between.
    func indexSearchBatch() -> Int {
        do {
            return try store.indexSearchBacklog()
        } catch {
            logger.error("cannot update the search index", metadata: ["error": "\(error.message)"])
            return 0
        }
    }

    /// Returns once the actor gets to it: proof of life for the watchdog.
    func ping() {}

    /// Closes the database: the context reader first, so that the writer
    /// closes last and leaves no write-ahead log behind.
    func close() {
        contextReader.close()
        store.close()
    }
}

/// What one feed's ingestion did, for logs and metrics.
struct IngestSummary: Sendable {
    var newItems = 0
    var updatedItems = 0
    var copies = 0
    var failed = false
}
