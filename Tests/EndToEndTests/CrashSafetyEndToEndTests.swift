import FeedSiftTestSupport
import Foundation
import FoundationXML
import Testing

/// `kill -9` at arbitrary moments of a poll cycle, again and again: the
/// database stays consistent, every output file stays complete, nothing is
/// lost or duplicated, and validators once stored are never forgotten.
@Suite struct CrashSafetyEndToEndTests {
    static let feedCount = 12
    static let itemsPerFeed = 40

    static func document(_ feed: Int) -> [UInt8] {
        var items = ""
        for index in 0..<itemsPerFeed {
            let words = (0..<60).map { "word\(($0 * 7 + index * 13 + feed) % 97)" }.joined(separator: " ")
            items += """
                <item><title>Copper report \(feed)-\(index)</title>
                <link>https://feed\(feed).example/items/\(index)</link><guid>f\(feed)-i\(index)</guid>
                <description>Copper \(feed) \(index): \(words)</description></item>
                """
        }
        return Array("<rss version=\"2.0\"><channel><title>Feed \(feed)</title>\(items)</channel></rss>".utf8)
    }

    @Test func killNineAtAnyMomentLosesAndDuplicatesNothing() throws {
        let documents = (0..<Self.feedCount).map(Self.document)
        let server = try LoopbackHTTPServer { request in
            guard request.path.hasPrefix("/feed"), let number = Int(request.path.dropFirst(5).dropLast(4)),
                documents.indices.contains(number)
            else { return .response(status: 404) }
            let etag = "\"v\(number)\""
            if request.header("If-None-Match") == etag { return .response(status: 304, headers: [("ETag", etag)]) }
            // Trickle the bodies so kills land in the middle of transfers and ingestion.
            return .slowBody(
                status: 200, headers: [("Content-Type", "application/rss+xml"), ("ETag", etag)],
                body: documents[number], chunkSize: 4096, delay: .milliseconds(20))
        }
        defer { server.stop() }
        let directory = try TemporaryDirectory(prefix: "fs-crash")
        let state = directory.file("state")
        var config = """
            [daemon]
            state-dir = \(state)
            socket = \(state)/ctl.sock

            [fetch]
            allow-private = yes
            concurrency = 4
            min-interval = 1s
            interval = 1s

            [output]
            listen =
            uncategorized = yes

            """
        for feed in 0..<Self.feedCount {
            config += "\n[feed \"f\(feed)\"]\nurl = \(server.baseURL)/feed\(feed).xml\n"
        }
        let path = try directory.write("feeds.conf", config)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<8 {
            let daemon = try DaemonProcess(arguments: ["run", "--config", path])
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.6, using: &generator))
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
            try Self.expectConsistent(state: state, round: round)
        }
        // A last, undisturbed run completes the work.
        let final = try ProcessRunner.run(RepositoryPaths.feedsiftBinary, ["run", "--once", "--config", path])
        #expect(final.status == 0, "\(final.stderr)")
        try Self.expectConsistent(state: state, round: 99)
        let database = state + "/feedsift.db"
        #expect(try sql("SELECT count(*) FROM items", database) == String(Self.feedCount * Self.itemsPerFeed))
        #expect(
            try sql(
                "SELECT count(*) FROM (SELECT feed_id, entry_key FROM items GROUP BY 1, 2 HAVING count(*) > 1)",
                database) == "0")

        // Once a feed's request carried its validator, the validator was
        // stored; no later request may come without it.
        for feed in 0..<Self.feedCount {
            let requests = server.requests(for: "/feed\(feed).xml")
            if let firstConditional = requests.firstIndex(where: { $0.header("If-None-Match") != nil }) {
                let later = requests[firstConditional...].filter { $0.header("If-None-Match") == nil }
                #expect(later.isEmpty, "feed \(feed) was fetched unconditionally after its validator was stored")
            }
        }
    }

    static func expectConsistent(state: String, round: Int) throws {
        let database = state + "/feedsift.db"
        guard FileManager.default.fileExists(atPath: database) else { return }
        #expect(try sql("PRAGMA integrity_check", database) == "ok", "round \(round)")
        let outputs = state + "/out"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outputs)) ?? [] where name.hasSuffix(".atom")
        {
            let data = try Data(contentsOf: URL(fileURLWithPath: outputs + "/" + name))
            #expect((try? XMLDocument(data: data)) != nil, "round \(round): \(name) is not complete XML")
        }
    }
}

/// The first column of the first row of `statement`, read with Python's
/// sqlite3 (an independent reader that also recovers the WAL).
private func sql(_ statement: String, _ database: String) throws -> String {
    let script = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])"
    return try ProcessRunner.run("python3", ["-c", script, database, statement]).stdout
        .trimmingCharacters(in: .whitespacesAndNewlines)
}
