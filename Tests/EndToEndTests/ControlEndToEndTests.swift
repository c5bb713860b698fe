import FeedSiftTestSupport
import Foundation
import Testing

/// The real `feedsift run` (not --once) with its control socket, driven by
/// the real client subcommands: output, JSON shapes and exit codes.
@Suite struct ControlEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/control")

    let directory: TemporaryDirectory
    let upstream: LoopbackHTTPServer
    let configPath: String
    var socketPath: String { directory.file("ctl.sock") }

    /// Serves a wire feed (with an ETag, so a second poll is answered 304)
    /// and a blog that re-posts the wire's gallium story.
    init() throws {
        directory = try TemporaryDirectory(prefix: "fs-e2e")
        let wire = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("wire.xml")))
        let blog = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("blog.xml")))
        upstream = try LoopbackHTTPServer { request in
            switch request.path {
            case "/wire.xml":
                if request.header("If-None-Match") == "\"w1\"" { return .response(status: 304) }
                return .response(
                    status: 200, headers: [("Content-Type", "application/rss+xml"), ("ETag", "\"w1\"")], body: wire)
            case "/blog.xml":
                return .response(status: 200, headers: [("Content-Type", "application/rss+xml")], body: blog)
            default:
                return .response(status: 404)
            }
        }
        configPath = try directory.write("feeds.conf", Self.configuration(upstream.baseURL, state: directory.path))
    }

    static func configuration(_ baseURL: String, state: String, extra: String = "") -> String {
        """
        [daemon]
        state-dir = \(state)/state
        socket = \(state)/ctl.sock
        \(extra)
        [fetch]
        allow-private = yes
        timeout = 10s

        [output]
        listen =

        [category "critical-minerals"]
        label = Critical minerals

        [rule "minerals"]
        category = critical-minerals
        match = gallium OR germanium
        score = 10

        [feed "wire"]
        url = \(baseURL)/wire.xml

        [feed "blog"]
        url = \(baseURL)/blog.xml
        """
    }

    /// Runs `feedsift ARGS --config …` as a script would: not on a terminal,
    /// 80 columns.
    func feedsift(_ arguments: [String], config: Bool = true) throws -> ProcessResult {
        try ProcessRunner.run(
            RepositoryPaths.feedsiftBinary, arguments + (config ? ["--config", configPath] : []),
            environment: ["COLUMNS": "80"])
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try feedsift(arguments + ["--json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], "\(arguments) printed \(result.stdout)")
    }

    /// Starts the daemon and waits until its first cycle is done.
    func startDaemon() throws -> DaemonProcess {
        let daemon = try DaemonProcess(arguments: ["run", "--config", configPath])
        let ready = daemon.wait(upTo: 60) {
            guard let result = try? feedsift(["status", "--json"]), result.status == 0 else { return false }
            return !result.stdout.contains("\"last_cycle\": null")
        }
        #expect(ready, "the daemon did not answer with a finished cycle: \(daemon.stderr)")
        return daemon
    }

    @Test func everyClientSubcommandAgainstARunningDaemon() throws {
        let daemon = try startDaemon()

        let status = try feedsift(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("items      3\n"), "\(status.stdout)")
        #expect(status.stdout.contains("stories    2\n"))
        #expect(!status.stdout.contains("\u{1B}["), "no colour when not on a terminal")
        let statusJSON = try json(["status"])
        #expect((statusJSON["feeds"] as? [String: Any])?["total"] as? Int == 2)
        #expect(statusJSON["socket"] as? String == socketPath)

        let feeds = try feedsift(["feeds"])
        #expect(feeds.status == 0)
        let feedLines = feeds.stdout.split(separator: "\n")
        #expect(feedLines.first?.hasPrefix("FEED") == true)
        #expect(feedLines.contains { $0.hasPrefix("wire") && $0.contains(" ok ") }, "\(feeds.stdout)")
        #expect(feedLines.contains { $0.hasPrefix("blog") && $0.contains(" ok ") })

        // The contract shape of `stories --json`.
        let stories = try #require(try json(["stories"])["stories"] as? [[String: Any]])
        #expect(stories.count == 1, "the uncategorized copper story is left out")
        let story = try #require(stories.first)
        #expect(Set(story.keys) == ["id", "title", "categories", "score", "first_seen", "items"])
        #expect(story["categories"] as? [String] == ["critical-minerals"])
        #expect(story["score"] as? Int == 10)
        let items = try #require(story["items"] as? [[String: Any]])
        #expect(items.allSatisfy { Set($0.keys) == ["id", "link", "feed", "title", "published", "copy_of"] })
        #expect(
            Set(items.compactMap { $0["id"] as? String }) == [
                "urn:wire:2026:gallium", "https://blog.example.net/posts/gallium-licences",
            ])
        let originals = items.filter { $0["copy_of"] is NSNull }
        let copies = items.filter { $0["copy_of"] is String }
        #expect(originals.count == 1 && copies.count == 1)
        #expect(copies.first?["copy_of"] as? String == originals.first?["id"] as? String)
        let all = try #require(try json(["stories", "--all"])["stories"] as? [[String: Any]])
        #expect(all.count == 2)

        let table = try feedsift(["stories", "--all"])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "fitted to COLUMNS")
        #expect(table.stdout.contains("Copper holds near record on …"), "long titles are cut: \(table.stdout)")

        // On a terminal (a pseudo-terminal from script(1)) headers are bold,
        // unless NO_COLOR is set (the test runner may set it: cleared here).
        if RepositoryPaths.hasProgram("script") {
            let command = "\(RepositoryPaths.feedsiftBinary) stories --socket \(socketPath)"
            let colored = try ProcessRunner.run(
                "script", ["-qec", command, "/dev/null"],
                environment: ["COLUMNS": "80", "TERM": "xterm", "NO_COLOR": ""])
            #expect(colored.status == 0)
            #expect(colored.stdout.contains("\u{1B}[1mID"), "\(colored.stdout)")
            let plain = try ProcessRunner.run(
                "script", ["-qec", command, "/dev/null"],
                environment: ["COLUMNS": "80", "TERM": "xterm", "NO_COLOR": "1"])
            #expect(plain.status == 0 && plain.stdout.contains("ID"))
            #expect(!plain.stdout.contains("\u{1B}["), "\(plain.stdout)")
        }

        let storyID = try #require(story["id"] as? Int)
        let shown = try feedsift(["story", String(storyID)])
        #expect(shown.status == 0)
        #expect(
            shown.stdout.contains("same ") || shown.stdout.contains("near-duplicate of item"),
            "the copy says why it joined: \(shown.stdout)")
        #expect(shown.stdout.contains("wire") && shown.stdout.contains("blog"))

        let hits = try #require(try json(["search", "gallium"])["hits"] as? [[String: Any]])
        #expect(hits.count == 2)
        let copper = try #require(try json(["search", "copper", "--feed", "wire"])["hits"] as? [[String: Any]])
        #expect(copper.map { $0["id"] as? String } == ["urn:wire:2026:copper"])
        let searchTable = try feedsift(["search", "gallium"])
        #expect(searchTable.status == 0 && searchTable.stdout.hasPrefix("REF"))

        let ref = try #require(hits.first?["ref"] as? Int)
        let explained = try feedsift(["explain", String(ref)])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("minerals") && explained.stdout.contains("fired"), "\(explained.stdout)")

        let refreshed = try feedsift(["refresh", "wire"])
        #expect(refreshed.status == 0, "\(refreshed.stderr)")
        #expect(refreshed.stdout.contains("not-modified"), "\(refreshed.stdout)")
        #expect(upstream.requests(for: "/wire.xml").last?.header("If-None-Match") == "\"w1\"")

        let metrics = try feedsift(["metrics"])
        #expect(metrics.status == 0)
        #expect(metrics.stdout.contains("\nfeedsift_items 3\n"), "\(metrics.stdout)")
        #expect(metrics.stdout.contains("feedsift_control_requests_total{method=\"refresh\",outcome=\"ok\"} 1"))

        // A configuration with an error is rejected with its diagnostics;
        // the daemon keeps answering.
        try directory.write(
            "feeds.conf", Self.configuration(upstream.baseURL, state: directory.path, extra: "intervall = 5m\n"))
        let reload = try feedsift(["reload", "--socket", socketPath], config: false)
        #expect(reload.status == 1)
        #expect(reload.stderr.contains("feeds.conf:4:1"), "\(reload.stderr)")
        #expect(reload.stderr.contains("keeps running"))
        #expect(try feedsift(["feeds", "--socket", socketPath], config: false).status == 0)

        // Usage errors exit 2, before anything is sent.
        #expect(try feedsift(["stories", "--since", "yesterday"]).status == 2)
        #expect(try feedsift(["search"]).status == 2)
        #expect(try feedsift(["status", "--bogus"]).status == 2)
        // A request the daemon refuses exits 1 with its message.
        let missing = try feedsift(["story", "999999", "--socket", socketPath], config: false)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no story 999999"))

        #expect(daemon.stop() == 0, "SIGTERM: \(daemon.stderr)")
        #expect(!FileManager.default.fileExists(atPath: socketPath), "the socket is removed on shutdown")
        #expect(FileManager.default.fileExists(atPath: directory.file("state/feedsift.db")))
        #expect(
            !FileManager.default.fileExists(atPath: directory.file("state/feedsift.db-wal")),
            "every reader closes before the writer, which then folds the log into the file")
        let down = try feedsift(["status", "--socket", socketPath], config: false)
        #expect(down.status == 3)
        #expect(down.stderr.contains("not running") && down.stderr.contains(socketPath), "\(down.stderr)")
    }

    @Test func aSecondDaemonOnTheSameSocketRefusesToStart() throws {
        let first = try startDaemon()
        let second = try feedsift(["run"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("already running"), "\(second.stderr)")
        #expect(try feedsift(["status"]).status == 0, "the first daemon still answers")
        #expect(first.stop() == 0)
    }

    @Test func aStaleSocketFromAKilledDaemonIsReplaced() throws {
        let killed = try startDaemon()
        #expect(killed.stop(signal: SIGKILL) != nil)
        #expect(FileManager.default.fileExists(atPath: socketPath), "kill -9 leaves the socket file behind")
        #expect(try feedsift(["status"]).status == 3)

        let restarted = try startDaemon()
        #expect(try feedsift(["status"]).status == 0)
        #expect(restarted.stop() == 0)
    }

    @Test(.enabled(if: RepositoryPaths.hasProgram("python3"), "needs python3 to speak raw socket"))
    func hostileClientsDoNotHarmTheDaemon() throws {
        let daemon = try startDaemon()
        // A silent connection held open, an oversized line without a
        // newline, garbage followed by a valid request: each gets what it
        // deserves, and a normal client is served meanwhile.
        let script = """
            import json, socket, subprocess, sys
            path, binary, config = sys.argv[1:4]
            def connect():
                s = socket.socket(socket.AF_UNIX); s.settimeout(20); s.connect(path); return s
            def reader(s):
                return s.makefile("rb")
            silent = connect(); silent.send(b'{"jsonrpc":"2.0","id":1,"me')
            big = connect()
            try: big.sendall(b"x" * (2 * 1024 * 1024))
            except OSError: pass
            oversized = json.loads(reader(big).readline())["error"]["code"]
            garbage = connect(); garbage.sendall(b'\\xff\\xfe{{{\\n{"jsonrpc":"2.0","id":7,"method":"status"}\\n')
            answers = reader(garbage)
            first = json.loads(answers.readline()); second = json.loads(answers.readline())
            status = subprocess.run([binary, "status", "--config", config], capture_output=True).returncode
            print(json.dumps({"oversized": oversized, "garbage": first["error"]["code"],
                "after": second["result"]["items"], "status": status}))
            """
        let result = try ProcessRunner.run(
            "python3", ["-c", script, socketPath, RepositoryPaths.feedsiftBinary, configPath])
        #expect(result.status == 0, "\(result.stderr)")
        let answers = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Int], "\(result.stdout)")
        #expect(answers == ["oversized": -32600, "garbage": -32700, "after": 3, "status": 0])
        #expect(try feedsift(["status"]).status == 0)
        #expect(daemon.stop() == 0)
    }
}
