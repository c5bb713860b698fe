import FeedSiftCore
import FeedSiftRules
import Testing

@Suite("Rule matching")
struct RuleMatchingTests {
    typealias Rule = RuleFixture.Rule

    static let item = ClassifiableItem(
        title: "China tightens rare-earth export controls",
        summary: "Beijing adds gallium and germanium to its list; tariffs on magnets unchanged.",
        content:
            "The Ministry of Commerce (MOFCOM) said licences for Élysée-listed firms … Earth Day events were cancelled.",
        authors: ["Li Wei", "Jane Smith"],
        feedName: "MOFCOM-EN",
        feedTags: ["official", "China"],
        link: "https://news.English.mofcom.gov.cn:443/art/2026/x.html?utm_source=rss")

    /// Query → whether it matches `item`.
    static let cases: [(String, Bool)] = [
        // Words are whole words, case and diacritics folded, no stemming.
        ("gallium", true),
        ("GALLIUM", true),
        ("elysee", true),
        ("tariff", false),
        ("tariff*", true),
        ("tar*", true),
        ("export*", true),
        ("exports", false),
        // Phrases are consecutive words within one field.
        ("\"rare earth\"", true),
        ("rare-earth", true),
        ("\"rare earth export\"", true),
        ("\"earth export controls\"", true),
        ("\"rare export\"", false),
        ("\"controls beijing\"", false),
        ("\"rare earth*\"", true),
        ("\"rare* earth\"", true),
        ("\"tightens rare\"", true),
        // NEAR: either order, within the distance, in one field.
        ("gallium NEAR/1 germanium", false),
        ("gallium NEAR/2 germanium", true),
        ("germanium NEAR/2 gallium", true),
        ("china NEAR/5 controls", true),
        ("controls NEAR/5 china", true),
        ("china NEAR/4 controls", false),
        ("\"rare earth\" NEAR/2 controls", true),
        ("controls NEAR/2 \"rare earth\"", true),
        ("\"rare earth\" NEAR/1 controls", false),
        ("controls NEAR/3 beijing", false),
        ("magnet* NEAR/2 tariff*", true),
        ("gallium NEAR/3 gallium", false),
        ("(cobalt OR gallium) NEAR/2 (lithium OR germanium)", true),
        ("(cobalt OR lithium) NEAR/2 germanium", false),
        // Boolean operators.
        ("gallium cobalt", false),
        ("gallium OR cobalt", true),
        ("-cobalt", true),
        ("NOT gallium", false),
        ("gallium -\"earth day\"", false),
        ("(cobalt OR lithium) OR (gallium germanium)", true),
        ("NOT (cobalt OR lithium)", true),
        // Scopes.
        ("title:china", true),
        ("title:gallium", false),
        ("summary:gallium", true),
        ("content:gallium", false),
        ("content:mofcom", true),
        ("author:smith", true),
        ("author:\"wei jane\"", false),
        ("author:\"jane smith\"", true),
        ("smith", false),
        ("title:(china OR cobalt) summary:beijing", true),
        ("feed:mofcom-en", true),
        ("feed:\"mofcom en\"", true),
        ("feed:mofcom", false),
        ("feed:mof*", true),
        ("tag:china", true),
        ("tag:official china", true),
        ("tag:industry", false),
        ("tag:offic*", true),
        ("domain:mofcom.gov.cn", true),
        ("domain:gov.cn", true),
        ("domain:news.english.mofcom.gov.cn", true),
        ("domain:com.gov.cn", false),
        ("domain:ofcom.gov.cn", false),
        ("domain:english", false),
        // Han characters are words of their own.
        ("稀土", false),
    ]

    @Test("query semantics on one item", arguments: cases)
    func matches(query: String, expected: Bool) throws {
        let rules = try RuleFixture.ruleSet(match: query)
        #expect(rules.classify(Self.item).firedRules == (expected ? ["r"] : []))
    }

    @Test("phrases and NEAR never span two fields or two authors")
    func fieldsAreSeparate() throws {
        let item = ClassifiableItem(title: "export", summary: "controls", content: "x", authors: ["Ann", "Lee"])
        for query in ["\"export controls\"", "export NEAR/1 controls", "author:\"ann lee\"", "author:(ann NEAR/5 lee)"]
        {
            #expect(try RuleFixture.ruleSet(match: query).classify(item).firedRules == [], "\(query)")
        }
        #expect(try RuleFixture.ruleSet(match: "export controls").classify(item).firedRules == ["r"])
    }

    @Test("Han, Hiragana and Katakana characters match one by one and as phrases")
    func ideographs() throws {
        let item = ClassifiableItem(title: "商务部：稀土出口管制", summary: "レアアース輸出")
        #expect(try RuleFixture.ruleSet(match: "稀土").classify(item).firedRules == ["r"])
        #expect(try RuleFixture.ruleSet(match: "土").classify(item).firedRules == ["r"])
        #expect(try RuleFixture.ruleSet(match: "稀出").classify(item).firedRules == [])
        #expect(try RuleFixture.ruleSet(match: "summary:レアアース").classify(item).firedRules == ["r"])
    }

    @Test("entity-looking text is plain text: &amp; is the word amp, never an ampersand to decode")
    func entitiesArePlainText() throws {
        let item = ClassifiableItem(title: "Steel &amp; aluminium", content: "AT&T")
        #expect(try RuleFixture.ruleSet(match: "\"steel amp aluminium\"").classify(item).firedRules == ["r"])
        #expect(try RuleFixture.ruleSet(match: "\"steel aluminium\"").classify(item).firedRules == [])
        #expect(try RuleFixture.ruleSet(match: "\"at t\"").classify(item).firedRules == ["r"])
    }

    @Test("categories follow configuration order, unique; score sums fired rules; exclude removes only its rule")
    func classification() throws {
        let rules = try RuleFixture.ruleSet([
            Rule("ship", "shipping", "vessel* OR tanker*", score: 2),
            Rule("steel", "metals", "steel", score: 5),
            Rule("duty", "tariffs", "duty OR duties", score: 3),
            Rule("steel-duty", "tariffs", "steel dut*", score: 4),
            Rule("no-oil", "energy", "tanker*", exclude: "steel", score: 7),
            Rule("off", "energy", "steel", enabled: false),
        ])
        let result = rules.classify(ClassifiableItem(title: "Tanker of steel pays new duties"))
        #expect(result.categories == ["tariffs", "metals", "shipping"])
        #expect(result.firedRules == ["ship", "steel", "duty", "steel-duty"])
        #expect(result.score == 2 + 5 + 3 + 4)
        #expect(!result.dropped)
        #expect(rules.ruleCount == 5)

        let other = rules.classify(ClassifiableItem(title: "Tanker rates rise"))
        #expect(
            other
                == Classification(
                    categories: ["energy", "shipping"], score: 9, dropped: false, firedRules: ["ship", "no-oil"]))
        #expect(rules.classify(ClassifiableItem(title: "Nothing here")) == Classification())
    }

    @Test("NOT-only rules fire on items that contain none of their terms")
    func notOnlyRules() throws {
        let rules = try RuleFixture.ruleSet([
            Rule("not-opinion", "tariffs", "NOT opinion"),
            Rule("double-negative", "metals", "NOT NOT copper"),
            Rule("either", "energy", "-opinion OR oil"),
        ])
        #expect(
            rules.classify(ClassifiableItem(title: "Copper")).firedRules == [
                "not-opinion", "double-negative", "either",
            ])
        #expect(rules.classify(ClassifiableItem(title: "Opinion")).firedRules == [])
        #expect(rules.classify(ClassifiableItem(title: "Opinion on oil")).firedRules == ["either"])
        #expect(rules.classify(ClassifiableItem()).firedRules == ["not-opinion", "either"])
    }

    @Test("[filter] drop marks matching items dropped and still classifies them")
    func drop() throws {
        let rules = try RuleFixture.ruleSet([Rule("steel", "metals", "steel")], drop: "sponsored OR title:advert*")
        let dropped = rules.classify(ClassifiableItem(title: "Advertorial: steel", content: "x"))
        #expect(dropped.dropped)
        #expect(dropped.categories == ["metals"])
        #expect(rules.classify(ClassifiableItem(title: "Steel", content: "about adverts")).dropped == false)
        let negative = try RuleFixture.ruleSet([], drop: "NOT tag:official")
        #expect(negative.classify(ClassifiableItem(title: "x", feedTags: ["blog"])).dropped)
        #expect(!negative.classify(ClassifiableItem(title: "x", feedTags: ["official"])).dropped)
    }

    @Test("AND finds a rule through any of its operands, whichever the matcher indexes")
    func conjunctionsAreFoundEitherWay() throws {
        let rules = try RuleFixture.ruleSet([
            Rule("a", "tariffs", "the kazatomprom"),
            Rule("b", "metals", "(tariff OR duty) AND \"uranium output\""),
            Rule("c", "energy", "tag:official uranium -kazatomprom"),
        ])
        let item = ClassifiableItem(
            title: "The duty on uranium output", content: "Kazatomprom said", feedTags: ["official"])
        #expect(rules.classify(item).firedRules == ["a", "b"])
        let other = ClassifiableItem(title: "uranium", feedTags: ["official"])
        #expect(rules.classify(other).firedRules == ["c"])
    }

    @Test("many rules sharing terms classify every item exactly as each rule alone would")
    func sharedTermsAgreeWithSingleRules() throws {
        let queries = [
            "gallium", "gallium OR cobalt", "\"rare earth\"", "rare NEAR/2 export*", "title:china -cobalt",
            "tag:official gallium", "NOT cobalt", "domain:gov.cn (controls OR tariff*)", "earth* -\"earth day\"",
            "feed:mofcom* germanium", "author:smith OR author:lee", "\"export controls\" NEAR/3 tightens",
        ]
        let combined = try RuleFixture.ruleSet(
            queries.enumerated().map { Rule("q\($0.offset)", "tariffs", $0.element) })
        let items = [
            Self.item,
            ClassifiableItem(title: "Cobalt prices", summary: "rare earth exports", authors: ["Lee"]),
            ClassifiableItem(title: "China", content: "earth day", feedTags: ["official"], link: "http://a.gov.cn/x"),
        ]
        for item in items {
            let expected = try queries.enumerated().compactMap { index, query in
                try RuleFixture.ruleSet(match: query).classify(item).firedRules.isEmpty ? nil : "q\(index)"
            }
            #expect(combined.classify(item).firedRules == expected)
        }
    }

    @Test("a rule set is safe to share between concurrent classifications")
    func concurrentUse() async throws {
        let rules = try RuleFixture.ruleSet([Rule("g", "metals", "gallium"), Rule("n", "energy", "NOT gallium")])
        let results = await withTaskGroup(of: [String].self) { group in
            for index in 0..<200 {
                group.addTask {
                    let item = ClassifiableItem(title: index.isMultiple(of: 2) ? "gallium \(index)" : "copper \(index)")
                    return rules.classify(item).firedRules
                }
            }
            return await group.reduce(into: [[String]: Int]()) { $0[$1, default: 0] += 1 }
        }
        #expect(results == [["g"]: 100, ["n"]: 100])
    }
}
