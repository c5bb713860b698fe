import FeedSiftCore

/// Checks and compiles the rules and drop filter of a configuration,
/// collecting every problem before giving up.
struct RuleSetCompiler {
    let configuration: Configuration
    private var diagnostics: [Diagnostic] = []
    private var builder = MatcherProgramBuilder()

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    consuming func compile() throws(RuleCompileError) -> RuleSet {
        var categoryIndex: [String: Int] = [:]
        for (index, category) in configuration.categories.enumerated() where categoryIndex[category.slug] == nil {
            categoryIndex[category.slug] = index
        }
        var rules: [RuleSet.Rule] = []
        var ruleByMatchQuery: [Int32: Int] = [:]
        for rule in configuration.rules {
            let section = "[rule \"\(rule.name)\"]"
            let category = checkCategory(of: rule, known: categoryIndex)
            let match = parse(rule.match, key: "match", in: section)
            let exclude = rule.exclude.flatMap { parse($0, key: "exclude", in: section) }
            guard rule.enabled, let category, let match, rule.exclude == nil || exclude != nil else { continue }
            let matchQuery = builder.add(match)
            ruleByMatchQuery[matchQuery] = rules.count
            rules.append(
                RuleSet.Rule(
                    name: rule.name, category: rule.category, categoryIndex: category, score: rule.score,
                    matchQuery: matchQuery, excludeQuery: exclude.map { builder.add($0, searchable: false) }))
        }
        var dropQuery: Int32?
        if let drop = configuration.filter.drop, let expression = parse(drop, key: "drop", in: "[filter]") {
            dropQuery = builder.add(expression)
        }
        guard diagnostics.isEmpty else { throw RuleCompileError(diagnostics: diagnostics) }
        return RuleSet(
            rules: rules, ruleByMatchQuery: ruleByMatchQuery, dropQuery: dropQuery,
            matcher: CompiledMatcher(program: builder.build()))
    }

    private mutating func checkCategory(of rule: RuleDefinition, known: [String: Int]) -> Int? {
        let location = rule.categoryLocation ?? rule.location
        guard !rule.category.isEmpty else {
            diagnostics.append(Diagnostic(location: location, message: "rule \"\(rule.name)\" has no category"))
            return nil
        }
        if let index = known[rule.category] { return index }
        var message = "unknown category \"\(rule.category)\" in [rule \"\(rule.name)\"]"
        if let suggestion = SpellingSuggestion.closest(to: rule.category, in: configuration.categories.map(\.slug)) {
            message += " (did you mean \"\(suggestion)\"?)"
        } else if configuration.categories.isEmpty {
            message += " (no [category] is defined)"
        }
        diagnostics.append(Diagnostic(location: location, message: message))
        return nil
    }

    private mutating func parse(_ source: QuerySource, key: String, in section: String) -> QueryExpression? {
        guard source.text.contains(where: { !$0.isWhitespace }) else {
            diagnostics.append(
                Diagnostic(location: source.location, message: "empty query for \"\(key)\" in \(section)"))
            return nil
        }
        do {
            return try QueryParser.parse(source.text, base: source.location)
        } catch {
            diagnostics.append(Diagnostic(location: source.location.advanced(by: error.offset), message: error.message))
            return nil
        }
    }
}
