import FeedSiftCore
import FeedSiftRules
import FeedSiftStore
import FoundationEssentials
import Logging

/// The running daemon behind the control server's `refresh`, `reload`,
/// `explain`, `digest` and `status`.
struct RuntimeControl: DaemonControl {
    let runtime: Runtime
    let reloader: ConfigurationReloader
    let reader: StoreReader
    let activity: DaemonActivity
    let metrics: FeedSiftMetrics

    func runtimeStatus() async -> DaemonRuntimeStatus {
        await activity.status
    }

    /// Polls the feeds now, each as a cycle of its own (so each gets its own
    /// summary; the fetcher still bounds transfers overall), then publishes.
    func refresh(feed name: String?) async throws(ControlError) -> RefreshReport {
        let states: [FeedState]
        do {
            states = try await reader.feedStates()
        } catch {
            throw ControlDispatcher.storeFailure(error)
        }
        let chosen = name.map { name in states.filter { $0.name == name } } ?? states
        if let name, chosen.isEmpty {
            throw ControlError(.notFound, "no feed named \"\(name)\" is configured")
        }
        let polled = chosen.filter { $0.disabledReason == nil }
        let summaries = await withTaskGroup(of: (String, CycleSummary).self) { group in
            for feed in polled {
                group.addTask {
                    let cycle = PollCycle(
                        configuration: runtime.configuration, fetcher: runtime.fetcher, pipeline: runtime.pipeline,
                        normalizer: runtime.normalizer, metrics: metrics, logger: runtime.logger)
                    return (feed.name, await cycle.run([feed]))
                }
            }
            var summaries: [String: CycleSummary] = [:]
            for await (name, summary) in group { summaries[name] = summary }
            return summaries
        }
        do {
            _ = try await runtime.pipeline.publish()
        } catch {
            throw ControlError(.operationFailed, "the feeds were polled but the outputs could not be written: \(error)")
        }
        await runtime.indexSearch()
        let after: [String: FeedState]
        do {
            after = Dictionary(
                try await reader.feedStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        } catch {
            throw ControlDispatcher.storeFailure(error)
        }
        return RefreshReport(
            feeds: chosen.map { feed in
                guard let summary = summaries[feed.name] else {
                    return RefreshReport.Feed(name: feed.name, outcome: "disabled", error: feed.disabledReason)
                }
                let state = after[feed.name]
                let outcome =
                    summary.failedFeeds > 0 ? "failed" : state?.lastStatus == 304 ? "not-modified" : "ok"
                return RefreshReport.Feed(
                    name: feed.name, outcome: outcome, status: state?.lastStatus,
                    error: summary.failedFeeds > 0 ? state?.lastError : nil, newItems: summary.newItems)
            })
    }

    /// Re-reads the configuration and applies it, or rejects it with every
    /// reason and keeps the running one.
    func reload() async throws(ControlError) -> ReloadReport {
        do {
            let outcome = try await reloader.reload()
            return ReloadReport(
                configurationPath: outcome.path, feeds: outcome.feeds, rules: outcome.rules,
                categories: outcome.categories, addedFeeds: outcome.addedFeeds, removedFeeds: outcome.removedFeeds)
        } catch {
            throw ReloadReport.rejection(path: error.path, diagnostics: error.reasons)
        }
    }

    func explain(itemID: Int64) async throws(ControlError) -> ExplainReport {
        let item: ItemSnapshot?
        do {
            item = try await reader.item(id: itemID)
        } catch {
            throw ControlDispatcher.storeFailure(error)
        }
        guard let item else { throw ControlError(.notFound, "no item \(itemID)") }
        let explanation = runtime.normalizer.rules.explain(
            ClassifiableItem(
                title: item.title, summary: item.summaryText ?? "", content: item.contentText ?? "",
                authors: item.authors.compactMap(\.name), feedName: item.feedName,
                feedTags: runtime.configuration.feed(named: item.feedName)?.tags ?? [], link: item.link))
        let verdicts =
            explanation.fired.map { ($0, true) } + explanation.excluded.map { ($0, false) }
        return ExplainReport(
            itemID: item.id, entryID: item.entryID, title: item.title, feed: item.feedName,
            categories: explanation.classification.categories, score: explanation.classification.score,
            dropped: explanation.classification.dropped, dropMatches: explanation.drop?.matches ?? [],
            rules: verdicts.map { verdict, fired in
                ExplainReport.Rule(
                    name: verdict.rule, category: verdict.category, score: verdict.score, fired: fired,
                    excluded: !fired, matches: fired ? verdict.matches : verdict.exclusions)
            })
    }

    /// Builds (and with `send`, delivers) the digest of `date`, or of the
    /// latest day whose cut-off has passed.
    func digest(date: String?, send: Bool) async throws(ControlError) -> DigestReport {
        do {
            let outcome = try await runtime.digests.digest(date: date, send: send)
            return DigestReport(
                date: outcome.day, path: outcome.path ?? "", stories: outcome.stories, sent: outcome.sent,
                delivery: outcome.delivery)
        } catch {
            switch error.code {
            case .invalidDate, .notDue: throw ControlError(.invalidParams, error.message)
            default: throw ControlError(.operationFailed, error.message)
            }
        }
    }
}

extension RuntimeControl {
    /// At most this many items go into one `rules_test` answer.
    static let rulesTestLimit = 20_000

    func testRules(configurationPath path: String, files: [String: String]?, since: Date) async throws(ControlError)
        -> RulesTestReport
    {
        let configuration: Configuration
        let rules: RuleSet
        do {
            configuration = try ConfigurationLoader.load(path: path, files: files)
            rules = try RuleSet.compile(configuration)
        } catch let error as ConfigurationError {
            throw ControlError(
                .configurationRejected, "\(path) has errors",
                data: ["diagnostics": JSONValue(strings: error.diagnostics.map(\.description))])
        } catch let error as RuleCompileError {
            throw ControlError(
                .configurationRejected, "\(path) has rule errors",
                data: ["diagnostics": JSONValue(strings: error.diagnostics.map(\.description))])
        } catch {
            throw ControlError(.configurationRejected, "\(path): \(error)")
        }
        let inputs: [ClassificationInput]
        do {
            inputs = try await reader.classificationInputs(since: since, limit: Self.rulesTestLimit + 1)
        } catch {
            throw ControlDispatcher.storeFailure(error)
        }
        let entries = inputs.prefix(Self.rulesTestLimit).map { input in
            let explanation = rules.explain(input.classifiable(tags: configuration.feed(named: input.feedName)?.tags))
            let matches = explanation.fired.flatMap { verdict in
                verdict.matches.map {
                    RulesTestReport.Match(rule: verdict.rule, field: $0.field, term: $0.term, position: $0.position)
                }
            }
            return RulesTestReport.Entry(
                itemID: input.itemID, entryID: input.entryID, feed: input.feedName, title: input.title,
                categories: explanation.classification.categories, score: explanation.classification.score,
                dropped: explanation.classification.dropped, storedCategories: input.categories,
                storedDropped: input.dropped, matches: matches)
        }
        return RulesTestReport(
            configurationPath: path, since: since, entries: Array(entries),
            truncated: inputs.count > Self.rulesTestLimit)
    }

    func reclassify(since: Date) async throws(ControlError) -> ReclassifyReport {
        let summary: ReclassifySummary
        do {
            summary = try await runtime.pipeline.reclassify(since: since, rules: runtime.normalizer.rules)
            _ = try await runtime.pipeline.publish()
        } catch {
            throw ControlError(.operationFailed, error.message)
        }
        return ReclassifyReport(since: since, examined: summary.examined, changed: summary.changed)
    }

    /// Opens the reader connections and starts the control server on the
    /// configured socket (refusing to when another daemon answers there).
    static func startServer(
        runtime: Runtime, reloader: ConfigurationReloader, activity: DaemonActivity, metrics: FeedSiftMetrics,
        logger: Logger
    ) async throws(DaemonError) -> (server: ControlServer, reader: StoreReader) {
        let configuration = runtime.configuration
        let reader: StoreReader
        do {
            reader = try StoreReader(path: StatePaths(configuration: configuration).database)
        } catch {
            throw DaemonError(.database, error.message)
        }
        let control = RuntimeControl(
            runtime: runtime, reloader: reloader, reader: reader, activity: activity, metrics: metrics)
        let dispatcher = ControlDispatcher(
            reader: reader, metrics: metrics, daemon: control, startedAt: activity.startedAt,
            socketPath: configuration.daemon.socketPath, logger: logger)
        let server = try await ControlServer.start(
            settings: ControlServerSettings(socketPath: configuration.daemon.socketPath), dispatcher: dispatcher,
            logger: logger)
        return (server, reader)
    }
}
