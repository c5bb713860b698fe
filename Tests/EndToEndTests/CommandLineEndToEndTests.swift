import FeedSiftTestSupport
import Foundation
import Testing

/// `feedsift check` and `feedsift parse`, run as a user runs them.
@Suite struct CommandLineEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func checkReportsAMisspeltKeyWithItsLocationAndASuggestion() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "feeds.conf",
            """
            [feed "mofcom"]
            url = https://english.mofcom.gov.cn/feed.xml
            intervall = 1h
            """)
        let result = try ProcessRunner.run(
            RepositoryPaths.feedsiftBinary, ["check", "--config", "feeds.conf"], currentDirectory: directory.path)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "feeds.conf:3:1: unknown key \"intervall\" in [feed \"mofcom\"] (did you mean \"interval\"?)"),
            "\(result.stderr)")
    }

    @Test func checkAcceptsTheShippedConfigurationAndTheDemo() throws {
        for config in ["feeds.conf", "examples/demo.conf"] {
            let result = try ProcessRunner.run(
                RepositoryPaths.feedsiftBinary, ["check", "--config", config], currentDirectory: RepositoryPaths.root)
            #expect(result.status == 0, "\(config): \(result.stderr)")
            #expect(result.stdout.contains("ok"), "\(config): \(result.stdout)")
        }
    }

    @Test(arguments: [("alpha.xml", "rss20"), ("bravo.atom", "atom10")])
    func parsePrintsTheContractJSON(file: String, format: String) throws {
        let path = Self.fixtures.appendingPathComponent(file).path
        let result = try ProcessRunner.run(RepositoryPaths.feedsiftBinary, ["parse", path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == format)
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        let first = try #require(entries.first)
        for key in [
            "id", "title", "link", "published", "updated", "authors", "categories", "summary", "content", "text",
            "enclosures",
        ] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(object["warnings"] is [Any])
    }

    @Test func parseDatesAreUTCRFC3339() throws {
        let path = Self.fixtures.appendingPathComponent("alpha.xml").path
        let result = try ProcessRunner.run(RepositoryPaths.feedsiftBinary, ["parse", path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.first?["published"] as? String == "2026-11-26T08:00:00Z")
    }
}

@Suite struct ParseURLEndToEndTests {
    @Test func parseFetchesAURLWithTheRealFetcherAndResolvesAgainstIt() throws {
        let feed = """
            <rss version="2.0"><channel><title>Remote</title><link>/</link>
            <item><title>Relative link</title><link>/news/1</link></item></channel></rss>
            """
        let server = try LoopbackHTTPServer { request in
            request.path == "/feed.xml" ? .ok(feed, contentType: "application/rss+xml") : .response(status: 404)
        }
        defer { server.stop() }
        let result = try ProcessRunner.run(
            RepositoryPaths.feedsiftBinary, ["parse", server.baseURL + "/feed.xml", "--json", "--allow-private"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.first?["link"] as? String == server.baseURL + "/news/1")

        let missing = try ProcessRunner.run(
            RepositoryPaths.feedsiftBinary, ["parse", server.baseURL + "/gone.xml", "--allow-private"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("HTTP 404"), "\(missing.stderr)")

        // Without --allow-private the fetcher refuses loopback addresses.
        let refused = try ProcessRunner.run(RepositoryPaths.feedsiftBinary, ["parse", server.baseURL + "/feed.xml"])
        #expect(refused.status == 1)
        #expect(server.requests.count == 2)
    }
}
