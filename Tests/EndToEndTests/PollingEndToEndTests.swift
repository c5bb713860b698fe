import FeedSiftTestSupport
import Foundation
import FoundationXML
import Testing

/// Drives the real `feedsift` binary against feeds served by a loopback
/// HTTP server, the way a user's first and second runs go.
@Suite struct PollingEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// Serves alpha with an ETag and Last-Modified, bravo with Last-Modified
    /// only, and charlie without validators (a new item on the second run).
    static func makeServer() throws -> LoopbackHTTPServer {
        let alpha = try fixture("alpha.xml")
        let bravo = try fixture("bravo.atom")
        let charlie = [try fixture("charlie-1.xml"), try fixture("charlie-2.xml")]
        let charlieServed = LockedCounter()
        let alphaETag = "W/\"alpha-v1\""
        let alphaModified = "Thu, 26 Nov 2026 08:00:00 GMT"
        let bravoModified = "Thu, 26 Nov 2026 10:00:00 GMT"
        return try LoopbackHTTPServer { request in
            switch request.path {
            case "/alpha.xml":
                if request.header("If-None-Match") == alphaETag {
                    return .response(status: 304, headers: [("ETag", alphaETag)])
                }
                return .response(
                    status: 200,
                    headers: [
                        ("Content-Type", "application/rss+xml"), ("ETag", alphaETag), ("Last-Modified", alphaModified),
                    ],
                    body: alpha)
            case "/bravo.atom":
                if request.header("If-Modified-Since") == bravoModified { return .response(status: 304) }
                return .response(
                    status: 200, headers: [("Content-Type", "application/atom+xml"), ("Last-Modified", bravoModified)],
                    body: bravo)
            case "/charlie.xml":
                let index = min(charlieServed.next(), 1)
                return .response(status: 200, headers: [("Content-Type", "application/rss+xml")], body: charlie[index])
            default:
                return .response(status: 404)
            }
        }
    }

    static func configuration(server: LoopbackHTTPServer, state: String) -> String {
        """
        [daemon]
        state-dir = \(state)
        log-level = info

        [fetch]
        allow-private = yes
        timeout = 10s

        [output]
        title = End-to-end watch
        listen =

        [category "critical-minerals"]
        label = Critical minerals

        [category "tariffs"]
        label = Tariffs

        [category "shipping"]
        label = Shipping

        [rule "minerals"]
        category = critical-minerals
        match = gallium OR germanium OR "rare earth"
        score = 10

        [rule "tariffs"]
        category = tariffs
        match = tariff OR tariffs OR "section 232"

        [rule "tankers"]
        category = shipping
        match = tanker OR tankers OR vlcc

        [feed "alpha"]
        url = \(server.baseURL)/alpha.xml

        [feed "bravo"]
        url = \(server.baseURL)/bravo.atom

        [feed "charlie"]
        url = \(server.baseURL)/charlie.xml
        """
    }

    struct Entry {
        var title: String
        var categories: [String]
        var alternate: [String]
        var related: [String]
    }

    static func entries(in path: String) throws -> [Entry] {
        let document = try XMLDocument(data: Data(contentsOf: URL(fileURLWithPath: path)))
        return try document.nodes(forXPath: "/*[local-name()='feed']/*[local-name()='entry']").map { node in
            func values(_ path: String) throws -> [String] { try node.nodes(forXPath: path).compactMap(\.stringValue) }
            return Entry(
                title: try values("*[local-name()='title']").first ?? "",
                categories: try values("*[local-name()='category']/@term"),
                alternate: try values("*[local-name()='link'][@rel='alternate']/@href"),
                related: try values("*[local-name()='link'][@rel='related']/@href"))
        }
    }

    /// Runs one SQL statement on the daemon's database with Python's sqlite3
    /// (an independent reader) and returns the first column of the first row.
    @discardableResult
    static func sql(_ statement: String, database: String) throws -> String {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); row = c.execute(sys.argv[2]).fetchone(); c.commit()
            print(row[0] if row else "")
            """
        let result = try ProcessRunner.run("python3", ["-c", script, database, statement])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func itemCount(database: String) throws -> Int {
        Int(try sql("SELECT count(*) FROM items", database: database)) ?? -1
    }

    @Test func twoRunsPublishClassifiedStoriesThenAskPolitelyAndDuplicateNothing() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let directory = try TemporaryDirectory()
        let state = directory.file("state")
        let config = try directory.write("feeds.conf", Self.configuration(server: server, state: state))
        let atom = state + "/out/feed.atom"

        let first = try ProcessRunner.run(RepositoryPaths.feedsiftBinary, ["run", "--once", "--config", config])
        #expect(first.status == 0, "first run: \(first.stderr)")
        let firstEntries = try Self.entries(in: atom)
        // The football story matches no rule and stays out; the gallium story
        // and its re-post are one entry.
        #expect(
            Set(firstEntries.map(\.title)) == [
                "Gallium export licences slow as China tightens controls",
                "US raises tariffs on steel derivatives to 50%",
            ])
        let gallium = try #require(firstEntries.first { $0.title.hasPrefix("Gallium") })
        #expect(gallium.categories == ["critical-minerals"])
        #expect(gallium.alternate == ["https://alpha.example.org/news/gallium-licences"])
        #expect(
            gallium.related == ["https://alpha.example.org/news/gallium-licences?utm_source=charlie&utm_medium=rss"])
        let tariffs = try #require(firstEntries.first { $0.title.hasPrefix("US raises") })
        #expect(tariffs.categories == ["tariffs"])
        #expect(try Self.itemCount(database: state + "/feedsift.db") == 5)

        // The first requests are unconditional and carry the User-Agent.
        for path in ["/alpha.xml", "/bravo.atom", "/charlie.xml"] {
            let request = try #require(server.requests(for: path).first)
            #expect(request.header("If-None-Match") == nil && request.header("If-Modified-Since") == nil)
            #expect(request.header("User-Agent")?.hasPrefix("feedsift/") == true)
        }

        // Time passes: every feed falls due again.
        try Self.sql("UPDATE feeds SET next_poll_at = 0", database: state + "/feedsift.db")
        let second = try ProcessRunner.run(RepositoryPaths.feedsiftBinary, ["run", "--once", "--config", config])
        #expect(second.status == 0, "second run: \(second.stderr)")
        // Validators go back exactly as received, and the server answers 304.
        let alphaAgain = try #require(server.requests(for: "/alpha.xml").dropFirst().first)
        #expect(alphaAgain.header("If-None-Match") == "W/\"alpha-v1\"")
        #expect(alphaAgain.header("If-Modified-Since") == "Thu, 26 Nov 2026 08:00:00 GMT")
        let bravoAgain = try #require(server.requests(for: "/bravo.atom").dropFirst().first)
        #expect(bravoAgain.header("If-None-Match") == nil)
        #expect(bravoAgain.header("If-Modified-Since") == "Thu, 26 Nov 2026 10:00:00 GMT")
        let charlieAgain = try #require(server.requests(for: "/charlie.xml").dropFirst().first)
        #expect(charlieAgain.header("If-None-Match") == nil && charlieAgain.header("If-Modified-Since") == nil)

        // Charlie's repeated entry updated nothing; only its new item was added.
        #expect(try Self.itemCount(database: state + "/feedsift.db") == 6)
        let secondEntries = try Self.entries(in: atom)
        #expect(secondEntries.count == 3)
        #expect(secondEntries.filter { $0.title.hasPrefix("Gallium") }.count == 1)
        let tankers = try #require(secondEntries.first { $0.title.hasPrefix("Tanker") })
        #expect(tankers.categories == ["shipping"])
    }
}

/// A thread-safe counter for handlers that answer differently over time.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Returns the current value and increments it.
    func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}
