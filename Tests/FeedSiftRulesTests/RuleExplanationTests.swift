import FeedSiftCore
import FeedSiftRules
import Foundation
import Testing

@Suite("Rule explanations")
struct RuleExplanationTests {
    typealias Rule = RuleFixture.Rule

    @Test("names fired and excluded rules with every matched term, field, position and text")
    func explain() throws {
        let rules = try RuleFixture.ruleSet(
            [
                Rule("minerals", "metals", "\"rare earth*\" OR gallium OR tag:official", score: 10),
                Rule("controls", "tariffs", "export* NEAR/3 control* -cobalt", score: 2),
                Rule("earth", "energy", "earth*", exclude: "\"earth day\""),
                Rule("quiet", "shipping", "vessel"),
            ],
            drop: "title:sponsored")
        let item = ClassifiableItem(
            title: "Rare-Earth Exports: new controls", summary: "Gallium too. Earth Day!",
            feedTags: ["Official"])
        let explanation = rules.explain(item)
        #expect(explanation.classification == rules.classify(item))
        #expect(explanation.classification.firedRules == ["minerals", "controls"])
        #expect(
            explanation.fired == [
                RuleVerdict(
                    rule: "minerals", category: "metals", score: 10,
                    matches: [
                        TermMatch(field: "title", term: "\"rare earth*\"", position: 0, text: "Rare-Earth"),
                        TermMatch(field: "summary", term: "gallium", position: 0, text: "Gallium"),
                        TermMatch(field: "tag", term: "official", position: nil, text: "Official"),
                    ],
                    exclusions: []),
                RuleVerdict(
                    rule: "controls", category: "tariffs", score: 2,
                    matches: [
                        TermMatch(
                            field: "title", term: "export* NEAR/3 control*", position: 2, text: "Exports: new controls")
                    ],
                    exclusions: []),
            ])
        #expect(
            explanation.excluded == [
                RuleVerdict(
                    rule: "earth", category: "energy", score: 1,
                    matches: [
                        TermMatch(field: "title", term: "earth*", position: 1, text: "Earth"),
                        TermMatch(field: "summary", term: "earth*", position: 2, text: "Earth"),
                    ],
                    exclusions: [TermMatch(field: "summary", term: "\"earth day\"", position: 2, text: "Earth Day")])
            ])
        #expect(explanation.drop == FilterVerdict(dropped: false, matches: []))
    }

    @Test("encodes to JSON with stable names; no drop filter gives null")
    func json() throws {
        let rules = try RuleFixture.ruleSet([Rule("r", "tariffs", "domain:example.com duty")])
        let explanation = rules.explain(ClassifiableItem(title: "Duty", link: "https://www.example.com/a"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(explanation), as: UTF8.self)
        #expect(
            json == #"{"classification":{"categories":["tariffs"],"dropped":false,"firedRules":["r"],"score":1},"#
                + #""excluded":[],"fired":[{"category":"tariffs","exclusions":[],"matches":["#
                + #"{"field":"title","position":0,"term":"duty","text":"Duty"},"#
                + #"{"field":"domain","term":"example.com","text":"www.example.com"}],"rule":"r","score":1}]}"#)
        #expect(try JSONDecoder().decode(RuleExplanation.self, from: Data(json.utf8)) == explanation)
    }

    @Test("a rule that fires only through NOT lists no terms; the drop filter lists what dropped the item")
    func negativeAndDrop() throws {
        let rules = try RuleFixture.ruleSet([Rule("r", "tariffs", "NOT opinion")], drop: "author:bot*")
        let explanation = rules.explain(ClassifiableItem(title: "News", authors: ["Ann", "Botany Bob"]))
        #expect(explanation.fired.map(\.matches) == [[]])
        #expect(
            explanation.drop
                == FilterVerdict(
                    dropped: true, matches: [TermMatch(field: "author", term: "bot*", position: 102, text: "Botany")]))
    }
}
