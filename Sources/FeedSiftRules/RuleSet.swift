public import FeedSiftCore

/// The rules of a configuration compiled into one matcher: classifies
/// items into categories, scores them and applies `[filter] drop`.
///
/// An item gets the categories of every enabled rule whose `match` matches
/// and whose `exclude` does not; its score is the sum of those rules'
/// scores. Classification cost does not grow with the number of rules
/// beyond the terms that occur in the item. Immutable and safe to share
/// between threads.
public struct RuleSet: Sendable {
    struct Rule: Sendable {
        var name: String
        var category: String
        var categoryIndex: Int
        var score: Int
        var matchQuery: Int32
        var excludeQuery: Int32?
    }

    let rules: [Rule]
    let ruleByMatchQuery: [Int32: Int]
    let dropQuery: Int32?
    let matcher: CompiledMatcher

    /// Number of enabled rules.
    public var ruleCount: Int { rules.count }

    /// Compiles every rule and the drop filter of `configuration`; reports
    /// all syntax errors, unknown categories and empty queries at once.
    /// Disabled rules are checked too, but never fire.
    public static func compile(_ configuration: Configuration) throws(RuleCompileError) -> RuleSet {
        try RuleSetCompiler(configuration: configuration).compile()
    }

    public func classify(_ item: ClassifiableItem) -> Classification {
        matcher.withEvaluation(of: item) { scratch, matched in
            verdicts(item, &scratch, matched).classification
        }
    }

    /// Like `classify`, with every rule that fired or was excluded and the
    /// terms that matched, for `feedsift explain` and `rules test`.
    public func explain(_ item: ClassifiableItem) -> RuleExplanation {
        matcher.withEvaluation(of: item) { scratch, matched in
            let verdicts = verdicts(item, &scratch, matched)
            var explainer = MatchExplainer(matcher: matcher, item: item)
            func verdict(_ index: Int, excluded: Bool) -> RuleVerdict {
                let rule = rules[index]
                return RuleVerdict(
                    rule: rule.name, category: rule.category, score: rule.score,
                    matches: explainer.matches(of: rule.matchQuery, &scratch),
                    exclusions: excluded ? rule.excludeQuery.map { explainer.matches(of: $0, &scratch) } ?? [] : [])
            }
            return RuleExplanation(
                classification: verdicts.classification,
                fired: verdicts.fired.map { verdict($0, excluded: false) },
                excluded: verdicts.excluded.map { verdict($0, excluded: true) },
                drop: dropQuery.map { query in
                    FilterVerdict(
                        dropped: verdicts.classification.dropped,
                        matches: verdicts.classification.dropped ? explainer.matches(of: query, &scratch) : [])
                })
        }
    }

    private func verdicts(_ item: ClassifiableItem, _ scratch: inout MatchScratch, _ matchedQueries: [Int32]) -> (
        classification: Classification, fired: [Int], excluded: [Int]
    ) {
        var fired: [Int] = []
        var excluded: [Int] = []
        var dropped = false
        for query in matchedQueries {
            if query == dropQuery {
                dropped = true
                continue
            }
            guard let index = ruleByMatchQuery[query] else { continue }
            if let exclude = rules[index].excludeQuery, matcher.evaluate(exclude, item, &scratch) {
                excluded.append(index)
            } else {
                fired.append(index)
            }
        }
        // Categories in configuration order, each once: the first fired
        // rule of each category names it.
        var firstOfCategory: [(categoryIndex: Int, rule: Int)] = []
        var score = 0
        var names: [String] = []
        names.reserveCapacity(fired.count)
        for index in fired {
            let rule = rules[index]
            score += rule.score
            names.append(rule.name)
            if !firstOfCategory.contains(where: { $0.categoryIndex == rule.categoryIndex }) {
                firstOfCategory.append((rule.categoryIndex, index))
            }
        }
        firstOfCategory.sort { $0.categoryIndex < $1.categoryIndex }
        let classification = Classification(
            categories: firstOfCategory.map { rules[$0.rule].category }, score: score, dropped: dropped,
            firedRules: names)
        return (classification, fired, excluded)
    }
}
