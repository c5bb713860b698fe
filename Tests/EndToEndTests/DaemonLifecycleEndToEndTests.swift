import FeedSiftTestSupport
import Foundation
import Testing

/// The long-running daemon as systemd and an operator see it: reload on
/// SIGHUP and on request, notifications, and clean shutdown.
@Suite struct DaemonLifecycleEndToEndTests {
    static func feed(_ title: String, items: [String]) -> String {
        let entries = items.enumerated().map { index, item in
            """
            <item><title>\(item)</title><link>https://\(title).example/\(index)</link>
            <guid>https://\(title).example/\(index)</guid><description>\(item) in detail.</description></item>
            """
        }.joined()
        return "<rss version=\"2.0\"><channel><title>\(title)</title>\(entries)</channel></rss>"
    }

    static func configuration(_ server: LoopbackHTTPServer, state: String, feeds: [String], rules: String) -> String {
        """
        [daemon]
        state-dir = \(state)
        socket = \(state)/ctl.sock

        [fetch]
        allow-private = yes

        [output]
        listen =

        [category "metals"]
        label = Metals

        \(rules)

        """ + feeds.map { "[feed \"\($0)\"]\nurl = \(server.baseURL)/\($0).xml\n" }.joined(separator: "\n")
    }

    static let copperRule = """
        [rule "copper"]
        category = metals
        match = copper
        """

    @Test func reloadAppliesAGoodConfigurationAndKeepsRunningOnABadOne() throws {
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/alpha.xml": .ok(Self.feed("alpha", items: ["Copper climbs", "Nickel slips"]))
            case "/bravo.xml": .ok(Self.feed("bravo", items: ["Nickel output rises"]))
            default: .response(status: 404)
            }
        }
        defer { server.stop() }
        let directory = try TemporaryDirectory(prefix: "fs-reload")
        let state = directory.file("state")
        let config = try directory.write(
            "feeds.conf", Self.configuration(server, state: state, feeds: ["alpha"], rules: Self.copperRule))
        let daemon = try DaemonProcess(arguments: ["run", "--config", config])
        func cli(_ arguments: [String]) throws -> ProcessResult {
            try ProcessRunner.run(RepositoryPaths.feedsiftBinary, arguments + ["--config", config])
        }
        func storyTitles() throws -> Set<String> {
            let result = try cli(["stories", "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let stories = object?["stories"] as? [[String: Any]] ?? []
            return Set(stories.compactMap { $0["title"] as? String })
        }
        #expect(daemon.wait { (try? storyTitles()) == ["Copper climbs"] }, "\(daemon.stderr)")

        // A good configuration: a new feed and a nickel rule.
        try directory.write(
            "feeds.conf",
            Self.configuration(
                server, state: state, feeds: ["alpha", "bravo"],
                rules: Self.copperRule + "\n\n[rule \"nickel\"]\ncategory = metals\nmatch = nickel\n"))
        let reload = try cli(["reload", "--json"])
        #expect(reload.status == 0, "\(reload.stderr)")
        #expect(reload.stdout.contains("\"added_feeds\""), "\(reload.stdout)")
        #expect(reload.stdout.contains("bravo"))
        #expect(try cli(["refresh", "bravo"]).status == 0)
        #expect(daemon.wait { (try? storyTitles())?.contains("Nickel output rises") == true }, "\(daemon.stderr)")

        // A broken file: rejected with its location, on request and on SIGHUP.
        try directory.write(
            "feeds.conf",
            Self.configuration(
                server, state: state, feeds: ["alpha"], rules: "[rule \"x\"]\ncategory = metals\nmatch = (copper\n"))
        let rejected = try cli(["reload"])
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("feeds.conf:"), "\(rejected.stderr)")
        kill(daemon.processIdentifier, SIGHUP)
        #expect(daemon.wait { daemon.stderr.contains("configuration rejected") })
        #expect(try cli(["status"]).status == 0)
        // The old configuration still runs: both feeds are still configured.
        let feeds = try cli(["feeds", "--json"])
        #expect(feeds.stdout.contains("bravo"), "\(feeds.stdout)")

        // Moving the state directory needs a restart, and says so.
        try directory.write(
            "feeds.conf",
            Self.configuration(server, state: directory.file("elsewhere"), feeds: ["alpha"], rules: Self.copperRule)
                .replacingOccurrences(of: "socket = \(directory.file("elsewhere"))", with: "socket = \(state)"))
        let moved = try cli(["reload"])
        #expect(moved.status == 1)
        #expect(moved.stderr.contains("restart feedsift"), "\(moved.stderr)")

        #expect(daemon.stop() == 0, "\(daemon.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state + "/ctl.sock"))
    }

    @Test func speaksSystemdsNotificationProtocol() throws {
        let server = try LoopbackHTTPServer { _ in .ok(Self.feed("alpha", items: ["Copper climbs"])) }
        defer { server.stop() }
        let directory = try TemporaryDirectory(prefix: "fs-notify")
        let listener = try NotifySocketListener(path: directory.file("notify.sock"))
        let config = try directory.write(
            "feeds.conf",
            Self.configuration(server, state: directory.file("state"), feeds: ["alpha"], rules: Self.copperRule))
        let daemon = try DaemonProcess(
            arguments: ["run", "--config", config],
            environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "400000"])
        #expect(daemon.wait { listener.lines.contains("READY=1") }, "\(daemon.stderr)")
        #expect(daemon.wait { listener.lines.contains { $0.hasPrefix("STATUS=polled 1 feeds") } }, "\(listener.lines)")
        #expect(daemon.wait { listener.lines.filter { $0 == "WATCHDOG=1" }.count >= 2 }, "\(listener.lines)")

        kill(daemon.processIdentifier, SIGHUP)
        #expect(daemon.wait { listener.lines.contains("RELOADING=1") })
        #expect(daemon.wait { listener.lines.filter { $0 == "READY=1" }.count >= 2 })
        #expect(listener.lines.contains { $0.hasPrefix("MONOTONIC_USEC=") })

        #expect(daemon.stop() == 0, "\(daemon.stderr)")
        #expect(listener.lines.contains("STOPPING=1"))
    }
}
