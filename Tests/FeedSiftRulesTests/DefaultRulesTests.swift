import FeedSiftCore
import FeedSiftRules
import FeedSiftTestSupport
import Foundation
import Testing

/// The shipped `rules.conf` compiles and sorts typical headlines the way an
/// analyst would expect (headlines written for this test).
@Suite("Default rules (rules.conf)")
struct DefaultRulesTests {
    static let rulesFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules.conf").path

    static func ruleSet() throws -> (Configuration, RuleSet) {
        let directory = try TemporaryDirectory(prefix: "feedsift-default-rules")
        let path = try directory.write("feeds.conf", "include = \(rulesFile)\n")
        let configuration = try ConfigurationLoader.load(path: path)
        return (configuration, try RuleSet.compile(configuration))
    }

    @Test("defines the eight categories in order")
    func categories() throws {
        let (configuration, rules) = try Self.ruleSet()
        #expect(
            configuration.categories.map(\.slug) == [
                "export-controls", "tariffs", "sanctions", "critical-minerals", "metals", "energy", "agriculture",
                "shipping",
            ])
        #expect(rules.ruleCount == configuration.rules.count)
    }

    @Test(
        "classifies typical headlines",
        arguments: [
            ("Commerce adds 12 chipmakers to the Entity List", ["export-controls"]),
            ("Beijing tightens graphite export licences", ["export-controls", "critical-minerals"]),
            ("Canada imposes anti-dumping duties on Chinese wire rod", ["tariffs"]),
            ("Treasury sanctions shipping firms moving Iranian crude", ["sanctions", "energy", "shipping"]),
            ("Lithium prices slide as new mines ramp up", ["critical-minerals"]),
            ("Zinc smelter restarts after power outage", ["metals"]),
            ("Brent rises as OPEC+ holds output steady", ["energy"]),
            ("Egypt buys 240,000 tonnes of wheat in tender", ["agriculture"]),
            ("Container freight rates ease on Asia-Europe lanes", ["shipping"]),
            ("How to pick a freight forwarder: tips for beginners", []),
            ("India cuts import duty on crude palm oil", ["tariffs", "agriculture"]),
            ("Quarterly results beat expectations", []),
        ])
    func headline(title: String, expected: [String]) throws {
        let (_, rules) = try Self.ruleSet()
        #expect(rules.classify(ClassifiableItem(title: title)).categories == expected)
    }
}
