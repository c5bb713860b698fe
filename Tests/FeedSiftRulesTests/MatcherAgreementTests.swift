import FeedSiftCore
import Testing

@testable import FeedSiftRules

/// The compiled matcher indexes each query under a few trigger terms and
/// evaluates only the queries whose triggers occur. These tests compare it,
/// on generated rules and items, with `NaiveQueryEvaluator`, which looks at
/// every rule in full: a trigger that loses a match, or a table that
/// confuses two words, shows up as a disagreement.
@Suite("Compiled matcher agrees with naive evaluation")
struct MatcherAgreementTests {
    @Test("classification and explanations of generated rule sets", arguments: [(1, 40), (2, 40), (3, 300), (4, 1500)])
    func agreement(seed: UInt64, ruleCount: Int) async throws {
        var corpus = RandomRuleCorpus(seed: seed)
        let rules = corpus.rules(ruleCount)
        let drop = corpus.drop()
        let ruleSet = try RuleFixture.ruleSet(rules, drop: drop)
        let location = SourceLocation(file: "test.conf", line: 1, column: 1)
        let parsed = try rules.map { rule in
            (
                rule,
                match: try QueryParser.parse(rule.match, base: location),
                exclude: try rule.exclude.map { try QueryParser.parse($0, base: location) }
            )
        }
        let dropQuery = try drop.map { try QueryParser.parse($0, base: location) }
        var firedSomewhere = Set<String>()
        for _ in 0..<(ruleCount > 1000 ? 60 : 150) {
            // Each item takes the naive evaluator a while at 1,500 rules:
            // yielding lets tests that wait on other tasks run meanwhile.
            await Task.yield()
            let item = corpus.item()
            let naive = NaiveQueryEvaluator(item: item)
            var fired: [String] = []
            var expectedFired: [RuleVerdict] = []
            var expectedExcluded: [RuleVerdict] = []
            for (rule, match, exclude) in parsed where naive.holds(match) {
                let verdict = RuleVerdict(
                    rule: rule.name, category: rule.category, score: rule.score,
                    matches: naive.explanation(of: match).map(Self.termMatch),
                    exclusions: exclude.map { naive.explanation(of: $0).map(Self.termMatch) } ?? [])
                if let exclude, naive.holds(exclude) {
                    expectedExcluded.append(verdict)
                } else {
                    fired.append(rule.name)
                    expectedFired.append(
                        RuleVerdict(
                            rule: rule.name, category: rule.category, score: rule.score, matches: verdict.matches,
                            exclusions: []))
                }
            }
            let dropped = dropQuery.map(naive.holds) ?? false
            let classification = ruleSet.classify(item)
            #expect(classification.firedRules == fired, "\(item)")
            #expect(classification.dropped == dropped, "\(item)")
            #expect(classification.score == expectedFired.reduce(0) { $0 + $1.score })
            let categories = RuleFixture.categories.filter { category in
                expectedFired.contains { $0.category == category }
            }
            #expect(classification.categories == categories)
            firedSomewhere.formUnion(fired)

            let explanation = ruleSet.explain(item)
            #expect(explanation.classification == classification)
            #expect(explanation.fired.map(Self.sorted) == expectedFired, "\(item)")
            #expect(explanation.excluded.map(Self.sorted) == expectedExcluded, "\(item)")
            if let dropQuery {
                let matches = dropped ? naive.explanation(of: dropQuery).map(Self.termMatch) : []
                #expect(explanation.drop.map { Self.sorted($0.matches) } == matches)
            }
        }
        // The generator must exercise matching, not only agree on "nothing fired".
        #expect(firedSomewhere.count > ruleCount / 5, "only \(firedSomewhere.count) of \(ruleCount) rules ever fired")
    }

    private static func termMatch(_ occurrence: NaiveQueryEvaluator.Occurrence) -> TermMatch {
        TermMatch(
            field: occurrence.field.name, term: occurrence.term, position: occurrence.position, text: occurrence.text)
    }

    /// Matches in the naive order (field, position, term, text), so ties the
    /// explainer may list either way compare equal.
    private static func sorted(_ matches: [TermMatch]) -> [TermMatch] {
        matches.sorted {
            (QueryField(name: $0.field)!, $0.position ?? -1, $0.term, $0.text)
                < (QueryField(name: $1.field)!, $1.position ?? -1, $1.term, $1.text)
        }
    }

    private static func sorted(_ verdict: RuleVerdict) -> RuleVerdict {
        RuleVerdict(
            rule: verdict.rule, category: verdict.category, score: verdict.score, matches: sorted(verdict.matches),
            exclusions: sorted(verdict.exclusions))
    }
}
