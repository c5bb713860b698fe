import FeedSiftCore
import FeedSiftRules
import Testing

@Suite("Rule compile errors")
struct RuleErrorTests {
    /// A file whose line 3 is `match = QUERY` (column 9 starts the query).
    static func file(match query: String) -> String {
        "[category \"tariffs\"]\n[rule \"r\"]\nmatch = \(query)\ncategory = tariffs\n"
    }

    static let syntaxCases: [(String, String)] = [
        ("(tariff OR duty", "feeds.conf:3:24: expected ')' to close '(' at 3:9"),
        ("tariff)", "feeds.conf:3:15: unexpected ')' without a matching '('"),
        ("tariff OR", "feeds.conf:3:18: expected a term after OR, found end of query"),
        ("tariff AND )", "feeds.conf:3:20: expected a term after AND, found ')'"),
        ("NOT", "feeds.conf:3:12: expected a term after NOT, found end of query"),
        ("OR duty", "feeds.conf:3:9: expected a term, found OR"),
        ("()", "feeds.conf:3:10: expected a term after '(', found ')'"),
        ("tariff - duty", "feeds.conf:3:16: expected a term after '-'"),
        ("\"rare earth", "feeds.conf:3:20: expected '\"' to close the phrase started at 3:9"),
        ("\"\"", "feeds.conf:3:9: empty phrase \"\""),
        ("\" - \"", "feeds.conf:3:9: empty phrase \" - \""),
        ("&", "feeds.conf:3:9: \"&\" has no letters or digits to match"),
        ("ta*riff", "feeds.conf:3:9: '*' may only end a word, as in tariff*; found \"ta*riff\""),
        ("*", "feeds.conf:3:9: '*' must follow a word, as in tariff*"),
        ("titel:tariff", "feeds.conf:3:9: unknown field scope \"titel:\" (did you mean \"title:\"?)"),
        (
            "https://x.example",
            "feeds.conf:3:9: unknown field scope \"https:\" (scopes are title: summary: content: author: feed: tag: domain:; quote text containing ':')"
        ),
        ("title: tariff", "feeds.conf:3:9: expected a term or '(' right after title:, without a space"),
        ("title:OR x", "feeds.conf:3:15: expected a term or '(' after title:, found OR"),
        ("title:(summary:x)", "feeds.conf:3:16: field scope summary: inside title:; scopes do not nest"),
        ("tariff NEAR/0 duty", "feeds.conf:3:16: invalid distance in \"NEAR/0\": use NEAR/N with N from 1 to 100"),
        ("tariff NEAR/x duty", "feeds.conf:3:16: invalid distance in \"NEAR/x\": use NEAR/N with N from 1 to 100"),
        ("NEAR/3 duty", "feeds.conf:3:9: expected a term, found NEAR/3"),
        ("tariff NEAR/3 OR", "feeds.conf:3:23: expected a word, prefix or phrase after NEAR/3, found OR"),
        (
            "(a b) NEAR/3 c",
            "feeds.conf:3:15: NEAR joins words, prefixes, phrases, or ORs of them in parentheses; found a group with AND or NOT before it"
        ),
        (
            "a NEAR/3 (b OR -c)",
            "feeds.conf:3:11: NEAR joins words, prefixes, phrases, or ORs of them in parentheses; found a group with AND or NOT after it"
        ),
        ("a NEAR/3 title:b", "feeds.conf:3:18: expected a word, prefix or phrase after NEAR/3, found title:"),
        ("a NEAR/3 b NEAR/3 c", "feeds.conf:3:20: NEAR joins exactly two terms: combine NEAR groups with AND"),
        (
            "title:a NEAR/5 b",
            "feeds.conf:3:17: a field scope on a NEAR operand: scope the whole group, like title:(a NEAR/5 b)"
        ),
        ("feed:(a NEAR/5 b)", "feeds.conf:3:17: NEAR cannot be used in feed: scope"),
        ("domain:gov*", "feeds.conf:3:16: domain: takes a host name like example.com, found \"gov*\""),
        ("domain:\"a b\"", "feeds.conf:3:16: domain: takes a host name like example.com, found \"a b\""),
        ("tag:\"a* b\"", "feeds.conf:3:13: in tag: only the last word may end in '*'"),
    ]

    @Test("each syntax error names the offending token's file:line:col and what was expected", arguments: syntaxCases)
    func syntaxError(query: String, expected: String) throws {
        #expect(try RuleFixture.errors(ofFile: Self.file(match: query)) == [expected])
    }

    @Test("unknown categories, empty queries and errors in exclude and drop are all reported")
    func semanticErrors() throws {
        let errors = try RuleFixture.errors(
            ofFile: """
                [category "tariffs"]
                [filter]
                drop = sponsored OR
                [rule "typo"]
                category = tarifs
                match = tariff
                [rule "nowhere"]
                category = metals
                match = copper
                [rule "empty"]
                category = tariffs
                match =
                exclude = -
                [rule "disabled but checked"]
                category = tariffs
                match = (duty
                enabled = no
                """)
        #expect(
            errors == [
                "feeds.conf:5:12: unknown category \"tarifs\" in [rule \"typo\"] (did you mean \"tariffs\"?)",
                "feeds.conf:8:12: unknown category \"metals\" in [rule \"nowhere\"]",
                "feeds.conf:12:8: empty query for \"match\" in [rule \"empty\"]",
                "feeds.conf:13:11: expected a term after '-'",
                "feeds.conf:16:14: expected ')' to close '(' at 16:9",
                "feeds.conf:3:20: expected a term after OR, found end of query",
            ])
    }

    @Test("a rule without a category, built in code, is an error; without categories the message says so")
    func missingCategory() throws {
        var configuration = RuleFixture.configuration([RuleFixture.Rule("r", "", "x")])
        #expect(throws: RuleCompileError.self) { try RuleSet.compile(configuration) }
        do {
            _ = try RuleSet.compile(configuration)
        } catch {
            #expect(error.description == "test.conf:1:1: rule \"r\" has no category")
        }
        configuration.categories = []
        configuration.rules[0].category = "tariffs"
        do {
            _ = try RuleSet.compile(configuration)
        } catch {
            #expect(
                error.diagnostics.map(\.message) == [
                    "unknown category \"tariffs\" in [rule \"r\"] (no [category] is defined)"
                ])
        }
    }

    @Test("columns count Unicode scalars, so errors after accented words point where the user looks")
    func unicodeColumns() throws {
        #expect(
            try RuleFixture.errors(ofFile: Self.file(match: "\"Élysée\" (x"))
                == ["feeds.conf:3:20: expected ')' to close '(' at 3:18"])
    }
}
