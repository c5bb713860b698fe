import FeedSiftTestSupport
import Foundation
import Testing

/// Trying rules before they go live: `rules test` on files (no daemon) and
/// on stored items (through the daemon), then `reclassify`.
@Suite struct RulesEndToEndTests {
    @Test func rulesTestOnFilesPrintsTheContractJSON() throws {
        let directory = try TemporaryDirectory(prefix: "fs-rules")
        let document = try directory.write(
            "metals.xml", DaemonLifecycleEndToEndTests.feed("metals", items: ["Copper climbs", "Weather report"]))
        let config = try directory.write(
            "feeds.conf",
            """
            [category "metals"]
            label = Metals

            [rule "copper"]
            category = metals
            match = title:copper
            score = 5

            [feed "metals-daily"]
            url = metals.xml
            tags = industry
            """)
        let result = try ProcessRunner.run(
            RepositoryPaths.feedsiftBinary, ["rules", "test", "--config", config, "--json", document])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries[0]["id"] as? String == "https://metals.example/0")
        #expect(entries[0]["categories"] as? [String] == ["metals"])
        #expect(entries[0]["score"] as? Int == 5)
        #expect(entries[0]["dropped"] as? Bool == false)
        let match = try #require((entries[0]["matches"] as? [[String: Any]])?.first)
        #expect(match["rule"] as? String == "copper")
        #expect(match["field"] as? String == "title")
        #expect(match["term"] as? String == "copper")
        #expect(match["position"] as? Int == 0)
        #expect(entries[1]["categories"] as? [String] == [])

        let table = try ProcessRunner.run(
            RepositoryPaths.feedsiftBinary, ["rules", "test", "--config", config, document])
        #expect(table.stdout.contains("2 entries: 1 selected, 0 dropped"), "\(table.stdout)")
    }

    @Test func storedItemsShowWhatANewRuleWouldChangeAndReclassifyAppliesIt() throws {
        let server = try LoopbackHTTPServer { _ in
            .ok(DaemonLifecycleEndToEndTests.feed("alpha", items: ["Copper climbs", "Nickel slips"]))
        }
        defer { server.stop() }
        let directory = try TemporaryDirectory(prefix: "fs-rules")
        let state = directory.file("state")
        let config = try directory.write(
            "feeds.conf",
            DaemonLifecycleEndToEndTests.configuration(
                server, state: state, feeds: ["alpha"], rules: DaemonLifecycleEndToEndTests.copperRule))
        let daemon = try DaemonProcess(arguments: ["run", "--config", config])
        func cli(_ arguments: [String]) throws -> ProcessResult {
            try ProcessRunner.run(RepositoryPaths.feedsiftBinary, arguments + ["--config", config])
        }
        func stories() throws -> Set<String> {
            let object = try JSONSerialization.jsonObject(with: Data(try cli(["stories", "--json"]).stdout.utf8))
            let list = (object as? [String: Any])?["stories"] as? [[String: Any]] ?? []
            return Set(list.compactMap { $0["title"] as? String })
        }
        #expect(daemon.wait { (try? stories()) == ["Copper climbs"] }, "\(daemon.stderr)")

        try directory.write(
            "feeds.conf",
            DaemonLifecycleEndToEndTests.configuration(
                server, state: state, feeds: ["alpha"],
                rules: DaemonLifecycleEndToEndTests.copperRule
                    + "\n\n[rule \"nickel\"]\ncategory = metals\nmatch = nickel\n"))
        let tried = try cli(["rules", "test", "--stored", "--json"])
        #expect(tried.status == 0, "\(tried.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(tried.stdout.utf8)) as? [String: Any])
        let entries = try #require(report["entries"] as? [[String: Any]])
        let nickel = try #require(entries.first { $0["title"] as? String == "Nickel slips" })
        #expect(nickel["changed"] as? Bool == true)
        #expect(nickel["categories"] as? [String] == ["metals"])
        #expect(nickel["stored_categories"] as? [String] == [])
        // Trying changed nothing.
        #expect(try stories() == ["Copper climbs"])

        #expect(try cli(["reload"]).status == 0)
        let reclassified = try cli(["reclassify", "--json"])
        #expect(reclassified.status == 0, "\(reclassified.stderr)")
        #expect(reclassified.stdout.contains("\"changed\": 1"), "\(reclassified.stdout)")
        #expect(try stories() == ["Copper climbs", "Nickel slips"])
        #expect(daemon.stop() == 0)
    }
}
