import FeedSiftCore
import FeedSiftRules
import FeedSiftStore
import FoundationEssentials

/// What `reclassify` did.
struct ReclassifySummary: Sendable {
    var examined = 0
    var changed = 0
}

extension FeedPipeline {
    /// Applies `rules` to every item first seen since `since` and stores the
    /// verdicts that changed, a batch per transaction so polling goes on in
    /// between; stories follow their items' new categories.
    func reclassify(since: Date, rules: RuleSet) throws(DaemonError) -> ReclassifySummary {
        let configuration = currentConfiguration
        let categoryOrder = configuration.categories.map(\.slug)
        var summary = ReclassifySummary()
        var after: Int64 = 0
        do {
            while true {
                let batch = try store.classificationInputs(since: since, afterID: after, limit: 1000)
                guard let last = batch.last else { break }
                after = last.itemID
                summary.examined += batch.count
                var changes: [(itemID: Int64, categories: [String], score: Int, dropped: Bool)] = []
                for input in batch {
                    let verdict = rules.classify(
                        input.classifiable(tags: configuration.feed(named: input.feedName)?.tags))
                    if verdict.categories != input.categories || verdict.score != input.score
                        || verdict.dropped != input.dropped
                    {
                        changes.append((input.itemID, verdict.categories, verdict.score, verdict.dropped))
                    }
                }
                try store.updateClassifications(changes, categoryOrder: categoryOrder, at: Date())
                summary.changed += changes.count
            }
        } catch {
            throw DaemonError(.database, error.message)
        }
        return summary
    }
}

extension ClassificationInput {
    /// The item as the rules see it, under its feed's tags.
    func classifiable(tags: [String]?) -> ClassifiableItem {
        ClassifiableItem(
            title: title, summary: summaryText ?? "", content: contentText ?? "", authors: authors,
            feedName: feedName, feedTags: tags ?? [], link: link)
    }
}
