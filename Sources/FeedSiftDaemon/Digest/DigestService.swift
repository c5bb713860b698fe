import FeedSiftCore
import FeedSiftPublish
import FeedSiftStore
import FoundationEssentials
import Glibc
import Logging

/// Writes each day's digest at its cut-off, catches up on one missed while
/// the daemon was down, rebuilds past days on request, and delivers them
/// with retries that survive restarts.
///
/// Every digest operation runs one at a time (a manual `--send` and the
/// scheduler never deliver the same day concurrently). The bookkeeping goes
/// through the pipeline's store: a day is recorded with its window once it
/// is written on schedule or sent, and delivery state moves `pending` →
/// `sending` (before any byte leaves) → `sent`, so a crash mid-send means
/// one retry with the same bytes and Message-ID, never a lost digest.
actor DigestService {
    private let pipeline: FeedPipeline
    private let logger: Logger
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Longest wait between two delivery attempts.
    static let maximumRetryDelay: TimeInterval = 3600

    /// What the configuration says about digests, as one value so a reload
    /// replaces all of it at once.
    private struct Setup {
        var settings: DigestSettings
        var categories: [CategoryDefinition]
        var includeUncategorized: Bool
        var calendar: DigestCalendar
        var files: DigestFiles
        var transport: DigestTransport

        init(_ configuration: Configuration) throws(DaemonError) {
            guard let calendar = DigestCalendar(configuration.digest) else {
                throw DaemonError(.configuration, "unknown time zone \"\(configuration.digest.timeZone)\" in [digest]")
            }
            settings = configuration.digest
            categories = configuration.categories
            includeUncategorized = configuration.output.uncategorized
            self.calendar = calendar
            files = DigestFiles(directory: configuration.digest.directory)
            transport = DigestTransport(configuration.digest)
        }
    }

    private var setup: Setup
    private var settings: DigestSettings { setup.settings }
    private var categories: [CategoryDefinition] { setup.categories }
    private var includeUncategorized: Bool { setup.includeUncategorized }
    private var calendar: DigestCalendar { setup.calendar }
    private var files: DigestFiles { setup.files }
    private var transport: DigestTransport { setup.transport }

    init(configuration: Configuration, pipeline: FeedPipeline, logger: Logger) throws(DaemonError) {
        setup = try Setup(configuration)
        self.pipeline = pipeline
        var logger = logger
        logger[metadataKey: "component"] = "digest"
        self.logger = logger
    }

    /// Follows a reloaded configuration: new time, zone, recipients,
    /// delivery and categories apply from the next wake-up (within minutes).
    func reconfigure(_ configuration: Configuration) throws(DaemonError) {
        setup = try Setup(configuration)
    }

    // MARK: Requests (`feedsift digest [--date D] [--send]`)

    /// `digest` with the day as the control protocol and CLI give it
    /// (`YYYY-MM-DD`, nil for the latest due day).
    func digest(date: String?, send: Bool) async throws(DigestError) -> DigestOutcome {
        var day: DigestDay?
        if let date {
            guard let parsed = DigestDay(date) else {
                throw DigestError(.invalidDate, "\"\(date)\" is not a day; use YYYY-MM-DD, like 2026-11-29")
            }
            day = parsed
        }
        return try await digest(day: day, send: send)
    }

    /// Writes the digest of `day` (nil: the latest day whose cut-off has
    /// passed) and, with `send`, delivers it now unless it was sent before.
    /// A day written before keeps the window it had, so the content is the
    /// same. A failed delivery throws `.delivery` and stays queued.
    func digest(day requested: DigestDay?, send: Bool, now: Date = Date()) async throws(DigestError) -> DigestOutcome {
        await acquire()
        defer { release() }
        let day = requested ?? calendar.latestDueDay(at: now)
        let cutoff = calendar.cutoff(of: day)
        guard cutoff <= now else {
            throw DigestError(
                .notDue,
                "the digest of \(day) is not due until \(calendar.localDescription(of: cutoff)) "
                    + "(\(calendar.timeZone.identifier))")
        }
        let built = try await build(day, cutoff: cutoff)
        var outcome = DigestOutcome(
            day: "\(day)", path: built.path, stories: built.message.storyCount,
            sent: built.record?.deliveryState == .sent, delivery: transport.name)
        guard send else { return outcome }
        if case .none = transport {
            throw DigestError(
                .configuration, "the digest of \(day) was written to \(built.path) but [digest] deliver is none")
        }
        // Recording the day fixes its window (a recorded day keeps its own),
        // so whatever is delivered can be rebuilt.
        try await record(built, now: now, deliver: false)
        let queued = try await store { writer throws(StoreError) in try writer.requestDelivery(day: "\(day)", at: now) }
        if let queued, queued.deliveryState != .sent, let failure = await attempt(queued, now: now) {
            throw DigestError(.delivery, "the digest of \(day) was written to \(built.path) but \(failure)")
        }
        outcome.sent = true
        return outcome
    }

    // MARK: Schedule

    /// Writes the latest due day's digest if it was not written yet (and
    /// fell due after digests began), then makes the delivery attempts
    /// that are due. Failures are logged; the next wake retries.
    func catchUp(now: Date = Date()) async {
        await acquire()
        defer { release() }
        do {
            let day = calendar.latestDueDay(at: now)
            let cutoff = calendar.cutoff(of: day)
            let since = try await store { writer throws(StoreError) in
                try writer.digestTrackingStart(recordingIfAbsent: now)
            }
            if cutoff > since, try await store({ writer throws(StoreError) in try writer.digest(day: "\(day)") }) == nil
            {
                let built = try await build(day, cutoff: cutoff)
                let skipped = settings.skipEmpty && built.message.storyCount == 0
                if skipped {
                    try? FileManager.default.removeItem(atPath: files.emlPath(day))
                    try? FileManager.default.removeItem(atPath: files.textPath(day))
                }
                try await record(built, now: now, deliver: !skipped, skipped: skipped)
                logger.info(
                    skipped ? "digest skipped: no stories" : "digest written",
                    metadata: [
                        "digest.day": "\(day)", "digest.stories": "\(built.message.storyCount)",
                        "path": "\(built.path)",
                    ])
            }
            if case .none = transport { return }
            for record in try await store({ writer throws(StoreError) in try writer.dueDeliveries(at: now) }) {
                _ = await attempt(record, now: now)
            }
        } catch {
            logger.error("cannot write the digest", metadata: ["error": "\(error.message)"])
        }
    }

    /// When `catchUp` has work next: the next cut-off or delivery attempt.
    func nextWake(after now: Date = Date()) async -> Date {
        let cutoff = calendar.cutoff(of: calendar.nextDueDay(after: now))
        if case .none = transport { return cutoff }
        let retry = (try? await store { writer throws(StoreError) in try writer.nextDeliveryAttempt() }) ?? nil
        return min(cutoff, retry ?? cutoff)
    }

    // MARK: Building

    /// A day's digest as built and written.
    private struct BuiltDigest {
        var day: DigestDay
        /// The day's bookkeeping, when it was recorded before.
        var record: DigestRecord?
        var windowStart: Date
        var cutoff: Date
        var message: DigestMessage
        var path: String
    }

    /// Builds `day`'s digest over its recorded window (or, if it has none,
    /// from the previous recorded cut-off, else the 24 hours before) and
    /// writes the files.
    private func build(_ day: DigestDay, cutoff: Date) async throws(DigestError) -> BuiltDigest {
        let includeUncategorized = self.includeUncategorized
        let (record, windowStart, stories) = try await store { writer throws(StoreError) in
            let record = try writer.digest(day: "\(day)")
            var windowStart = cutoff.addingTimeInterval(-86400)
            if let record {
                windowStart = record.windowStart
            } else if let previous = try writer.latestDigest(before: cutoff) {
                windowStart = previous.cutoff
            }
            let stories = try writer.digestStories(
                from: windowStart, to: record?.cutoff ?? cutoff, includeUncategorized: includeUncategorized)
            return (record, windowStart, stories)
        }
        let end = record?.cutoff ?? cutoff
        let content = DigestContent(
            day: day, windowStart: windowStart, cutoff: end, stories: stories, categories: categories,
            includeUncategorized: includeUncategorized)
        let message = DigestComposer(settings: settings, calendar: calendar).compose(content)
        do {
            let path = try files.write(message)
            return BuiltDigest(
                day: day, record: record, windowStart: windowStart, cutoff: end, message: message, path: path)
        } catch {
            throw DigestError(.output, "cannot write the digest of \(day): \(error.description)")
        }
    }

    private func record(_ built: BuiltDigest, now: Date, deliver: Bool, skipped: Bool = false)
        async throws(DigestError)
    {
        var queued = deliver && !skipped
        if case .none = transport { queued = false }
        let record = DigestRecord(
            day: "\(built.day)", windowStart: built.windowStart, cutoff: built.cutoff, writtenAt: now,
            stories: built.message.storyCount, path: skipped ? nil : built.path, messageID: built.message.messageID,
            deliveryState: queued ? .pending : .none, nextAttemptAt: queued ? now : nil)
        try await store { writer throws(StoreError) in try writer.recordDigest(record) }
    }

    // MARK: Delivery

    /// One delivery attempt; nil when it went out, else why not (the
    /// digest stays queued with its next attempt recorded).
    private func attempt(_ record: DigestRecord, now: Date) async -> String? {
        var deliveryLogger = logger
        deliveryLogger[metadataKey: "digest.day"] = "\(record.day)"
        deliveryLogger[metadataKey: "delivery"] = "\(transport.name)"
        let attempts = record.deliveryAttempts + 1
        let delay = min(60 * pow(2, Double(min(attempts - 1, 16))), Self.maximumRetryDelay)
        let retryAt = now.addingTimeInterval(delay)
        do {
            let bytes = try await message(for: record)
            try await store { writer throws(StoreError) in
                try writer.recordDeliveryAttempt(day: record.day, at: now, retryAt: retryAt)
            }
            do {
                try await transport.send(bytes, settings: settings)
            } catch {
                try await store { writer throws(StoreError) in
                    try writer.recordDeliveryFailed(day: record.day, error: error.description, retryAt: retryAt)
                }
                deliveryLogger.warning(
                    "digest delivery failed; will retry",
                    metadata: [
                        "error": "\(error.description)", "attempt": "\(attempts)",
                        "retry_at": "\(RFC3339.format(retryAt))",
                    ])
                return error.description
            }
            try await store { writer throws(StoreError) in
                try writer.recordDeliverySucceeded(day: record.day, at: Date())
            }
            deliveryLogger.info("digest delivered", metadata: ["attempt": "\(attempts)"])
            return nil
        } catch {
            deliveryLogger.error("digest delivery failed", metadata: ["error": "\(error.message)"])
            return error.message
        }
    }

    /// The bytes to deliver: the written `.eml`, or, if it has gone
    /// missing, the same digest rebuilt from its recorded window.
    private func message(for record: DigestRecord) async throws(DigestError) -> [UInt8] {
        if let path = record.path, let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
        guard let day = DigestDay(record.day) else {
            throw DigestError(.database, "the digest bookkeeping names an invalid day \"\(record.day)\"")
        }
        return try await build(day, cutoff: record.cutoff).message.bytes
    }

    // MARK: Plumbing

    private func store<T: Sendable>(_ body: @Sendable (StoreWriter) throws(StoreError) -> T)
        async throws(DigestError) -> T
    {
        do {
            return try await pipeline.withDigestStore(body)
        } catch {
            throw DigestError(.database, "digest bookkeeping: \(error.message)")
        }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the turn to the next waiter, or frees it.
    private func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
