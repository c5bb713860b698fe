import FeedSiftDaemon
import FeedSiftTestSupport
import Foundation
import Synchronization
import Testing

/// What each method answers, through a real socket and a real database.
@Suite struct ControlMethodsTests {
    let fixture: ControlFixture

    init() throws {
        fixture = try ControlFixture()
    }

    @Test func storiesHaveTheContractShape() async throws {
        try await fixture.withServer { _ in
            let result = try await call(fixture.socketPath, "stories")
            let stories = try #require(result["stories"]?.arrayValue)
            #expect(stories.count == 1, "the uncategorized story is left out without all")
            let story = try #require(stories.first?.objectValue)
            #expect(story.keys == ["id", "title", "categories", "score", "first_seen", "items"])
            #expect(story["title"] == "Gallium export controls tightened")
            #expect(story["categories"] == ["critical-minerals"])
            #expect(story["score"] == 10)
            #expect(story["first_seen"]?.stringValue.flatMap(ControlTime.timestamp) != nil)
            let items = try #require(story["items"]?.arrayValue)
            #expect(
                items.map { $0.objectValue?.keys ?? [] }
                    == Array(repeating: ["id", "link", "feed", "title", "published", "copy_of"], count: 2))
            #expect(items[0]["id"] == "wire-1")
            #expect(items[0]["feed"] == "wire")
            #expect(items[0]["copy_of"] == .null)
            #expect(items[0]["published"] == "2026-05-28T20:26:40Z")
            #expect(items[1]["id"] == "blog-7")
            #expect(items[1]["copy_of"] == "wire-1", "copy_of names the entry id of the original")
        }
    }

    @Test func storiesAllIncludesUncategorizedAndLimitBounds() async throws {
        try await fixture.withServer { _ in
            let all = try await call(fixture.socketPath, "stories", ["all": true])
            #expect(
                all["stories"]?.arrayValue?.compactMap { $0["title"]?.stringValue }.sorted() == [
                    "Copper prices steady", "Gallium export controls tightened",
                ])
            let one = try await call(fixture.socketPath, "stories", ["all": true, "limit": 1])
            #expect(one["stories"]?.arrayValue?.count == 1)
            let other = try await call(fixture.socketPath, "stories", ["category": "tariffs"])
            #expect(other["stories"]?.arrayValue?.isEmpty == true)
            let future = try await call(fixture.socketPath, "stories", ["all": true, "since": "2999-01-01"])
            #expect(future["stories"]?.arrayValue?.isEmpty == true)
            let recent = try await call(fixture.socketPath, "stories", ["all": true, "since": "1h"])
            #expect(recent["stories"]?.arrayValue?.count == 2)
        }
    }

    @Test func storyShowsEveryItemAndWhyItJoined() async throws {
        try await fixture.withServer { _ in
            let listed = try await call(fixture.socketPath, "stories")
            let id = try #require(listed["stories"]?[0]?["id"]?.int64Value)
            let story = try await call(fixture.socketPath, "story", ["id": .int(id)])
            #expect(story["id"] == .int(id))
            let items = try #require(story["items"]?.arrayValue)
            #expect(items.count == 2)
            #expect(items[0]["join_reason"] == .null)
            #expect(items[1]["join_reason"] == "same lead paragraph as item 1")
            #expect(items[1]["copy_of"] == "wire-1")
            #expect(items[1]["ref"]?.int64Value != nil)
        }
    }

    @Test func searchFindsTitleAndTextWithFilters() async throws {
        try await fixture.withServer { _ in
            let gallium = try await call(fixture.socketPath, "search", ["query": "GALLIUM"])
            let hits = try #require(gallium["hits"]?.arrayValue)
            #expect(hits.count == 2)
            #expect(hits.map { $0["id"] } == ["blog-7", "wire-1"], "newest first")
            #expect(hits[0]["snippet"]?.stringValue?.contains("gallium") == true)
            #expect(gallium["next_offset"] == .null)

            let text = try await call(fixture.socketPath, "search", ["query": "LME"])
            #expect(text["hits"]?.arrayValue?.map { $0["id"] } == ["wire-2"], "text is searched, not only titles")

            let feed = try await call(fixture.socketPath, "search", ["query": "gallium", "feed": "wire"])
            #expect(feed["hits"]?.arrayValue?.map { $0["id"] } == ["wire-1"])

            let category = try await call(
                fixture.socketPath, "search", ["query": "copper", "category": "critical-minerals"])
            #expect(category["hits"]?.arrayValue?.isEmpty == true)

            let prefix = try await call(fixture.socketPath, "search", ["query": "germ*"])
            #expect(prefix["hits"]?.arrayValue?.count == 2)

            let phrase = try await call(fixture.socketPath, "search", ["query": "\"controls tightened\""])
            #expect(phrase["hits"]?.arrayValue?.map { $0["id"] } == ["wire-1"])

            let page = try await call(fixture.socketPath, "search", ["query": "gallium", "limit": 1])
            #expect(page["hits"]?.arrayValue?.map { $0["id"] } == ["blog-7"])
            #expect(page["next_offset"] == 1)
            let next = try await call(fixture.socketPath, "search", ["query": "gallium", "limit": 1, "offset": 1])
            #expect(next["hits"]?.arrayValue?.map { $0["id"] } == ["wire-1"])
            #expect(next["next_offset"] == .null)

            let ranked = try await call(fixture.socketPath, "search", ["query": "copper", "order": "relevance"])
            #expect(ranked["hits"]?.arrayValue?.map { $0["id"] } == ["wire-2"])

            let old = try await call(fixture.socketPath, "search", ["query": "gallium", "until": "2000-01-01"])
            #expect(old["hits"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func searchInputCannotInjectFullTextSyntax() async throws {
        try await fixture.withServer { _ in
            // FTS5 operators, column filters and stray quotes are only words here.
            for query in [
                "title:gallium", "gallium OR copper", "NEAR(gallium copper)", "\"gallium", "gallium)", "^gallium",
            ] {
                let result = try await call(fixture.socketPath, "search", ["query": .string(query)])
                #expect(result["hits"] != nil, "\(query)")
            }
            let or = try await call(fixture.socketPath, "search", ["query": "gallium OR copper"])
            #expect(or["hits"]?.arrayValue?.isEmpty == true, "OR is a word that must occur, not an operator")
        }
    }

    @Test func feedsReportTheirHealth() async throws {
        try await fixture.withServer { _ in
            let result = try await call(fixture.socketPath, "feeds")
            let feeds = try #require(result["feeds"]?.arrayValue)
            #expect(feeds.map { $0["name"] } == ["wire", "blog"])
            #expect(feeds[0]["state"] == "ok")
            #expect(feeds[0]["last_status"] == 200)
            #expect(feeds[0]["unconditional"] == 1)
            #expect(feeds[1]["state"] == "failing")
            #expect(feeds[1]["last_error"] == "HTTP 503 from blog.example")
            #expect(feeds[1]["consecutive_failures"] == 1)
            #expect(feeds[1]["not_modified_share"] == .double(0))
            let one = try await call(fixture.socketPath, "feeds", ["name": "blog"])
            #expect(one["feeds"]?.arrayValue?.count == 1)
        }
    }

    @Test func statusCountsTheStore() async throws {
        try await fixture.withServer { _ in
            let status = try await call(fixture.socketPath, "status")
            #expect(status["feeds"] == ["total": 2, "failing": 1, "disabled": 0])
            #expect(status["items"] == 3)
            #expect(status["stories"] == 2)
            #expect((status["database_bytes"]?.intValue ?? 0) > 0)
            #expect(status["next_poll"]?.stringValue != nil)
            #expect(status["last_cycle"] == .null)
        }
    }

    @Test func metricsArePrometheusText() async throws {
        try await fixture.withServer { _ in
            _ = try await call(fixture.socketPath, "status")
            let text = try #require(try await call(fixture.socketPath, "metrics").stringValue)
            #expect(text.contains("# TYPE feedsift_fetches_total counter\n"))
            #expect(text.contains("\nfeedsift_items 3\n"))
            #expect(text.contains("\nfeedsift_feeds{state=\"failing\"} 1\n"))
            #expect(text.contains("feedsift_control_requests_total{method=\"status\",outcome=\"ok\"} 1\n"))
        }
    }

    @Test func daemonMethodsReachTheDaemon() async throws {
        let daemon = RecordingDaemon()
        try await fixture.withServer(daemon: daemon) { _ in
            let refresh = try await call(fixture.socketPath, "refresh", ["feed": "wire"])
            #expect(refresh["feeds"]?[0]?["outcome"] == "not-modified")
            let digest = try await call(fixture.socketPath, "digest", ["date": "2026-05-01", "send": true])
            #expect(digest["path"] == "/tmp/2026-05-01.eml")
            let explained = try await call(fixture.socketPath, "explain", ["item": "blog-7"])
            #expect(explained["rules"]?[0]?["matches"]?[0]?["term"] == "gallium")
            let status = try await call(fixture.socketPath, "status")
            #expect(status["config"] == "/etc/feedsift/feeds.conf")
            #expect(status["last_cycle"]?["new_items"] == 3)
        }
        let calls = daemon.calls
        #expect(calls.count == 3)
        #expect(calls[0] == "refresh wire")
        #expect(calls[1] == "digest 2026-05-01 send")
        #expect(calls[2].hasPrefix("explain "))
    }

    @Test func aRejectedReloadCarriesItsDiagnostics() async throws {
        let daemon = RecordingDaemon()
        try await fixture.withServer(daemon: daemon) { _ in
            let answer = try await exchange(fixture.socketPath, #"{"jsonrpc":"2.0","id":1,"method":"reload"}"#)
            #expect(answer["error"]?["code"] == -32002)
            #expect(answer["error"]?["data"]?["diagnostics"] == [#"feeds.conf:3:1: unknown key "intervall""#])
            #expect(answer["error"]?["message"]?.stringValue?.contains("previous configuration keeps running") == true)
        }
    }

    @Test func explainOfAnUnknownItemIsNotFound() async throws {
        try await fixture.withServer(daemon: RecordingDaemon()) { _ in
            for item: JSONValue in [999, "no-such-entry"] {
                let answer = try await exchange(
                    fixture.socketPath,
                    #"{"jsonrpc":"2.0","id":1,"method":"explain","params":{"item":\#(item.serialized())}}"#)
                #expect(answer["error"]?["code"] == -32001)
            }
        }
    }

    @Test func rulesTestCarriesTheConfigurationTexts() async throws {
        let daemon = RecordingDaemon()
        try await fixture.withServer(daemon: daemon) { _ in
            let files: JSONObject = ["/x/feeds.conf": "include = rules.conf\n", "/x/rules.conf": "[category \"a\"]\n"]
            _ = try await call(
                fixture.socketPath, "rules_test", ["config": "/x/feeds.conf", "files": .object(files), "since": "7d"])
            _ = try await call(fixture.socketPath, "rules_test", ["config": "/x/feeds.conf"])
            let answer = try await exchange(
                fixture.socketPath,
                #"{"jsonrpc":"2.0","id":1,"method":"rules_test","params":{"config":"/x/f","files":{"/x/f":3}}}"#)
            #expect(answer["error"]?["code"] == -32602, "a file's text must be a string")
        }
        #expect(daemon.calls == ["rules_test /x/feeds.conf 2 files", "rules_test /x/feeds.conf 0 files"])
    }

    @Test func digestDatesAreChecked() async throws {
        try await fixture.withServer(daemon: RecordingDaemon()) { _ in
            let answer = try await exchange(
                fixture.socketPath, #"{"jsonrpc":"2.0","id":1,"method":"digest","params":{"date":"May 1st"}}"#)
            #expect(answer["error"]?["code"] == -32602)
        }
    }
}

/// A stand-in daemon that records what the server asked of it; what is
/// under test is the server's dispatch, not the daemon.
final class RecordingDaemon: DaemonControl {
    private let recorded = Mutex<[String]>([])

    var calls: [String] { recorded.withLock { $0 } }

    func runtimeStatus() async -> DaemonRuntimeStatus {
        DaemonRuntimeStatus(
            startedAt: Date(timeIntervalSinceNow: -60), configurationPath: "/etc/feedsift/feeds.conf",
            lastCycle: CycleReport(finishedAt: Date(), duration: .seconds(2), feeds: 2, failedFeeds: 1, newItems: 3))
    }

    func refresh(feed: String?) async throws(ControlError) -> RefreshReport {
        recorded.withLock { $0.append("refresh \(feed ?? "all")") }
        return RefreshReport(feeds: [.init(name: feed ?? "all", outcome: "not-modified", status: 304)])
    }

    func reload() async throws(ControlError) -> ReloadReport {
        recorded.withLock { $0.append("reload") }
        throw ReloadReport.rejection(
            path: "/etc/feedsift/feeds.conf", diagnostics: [#"feeds.conf:3:1: unknown key "intervall""#])
    }

    func explain(itemID: Int64) async throws(ControlError) -> ExplainReport {
        recorded.withLock { $0.append("explain \(itemID)") }
        return ExplainReport(
            itemID: itemID, entryID: "blog-7", title: "China tightens gallium export controls", feed: "blog",
            categories: ["critical-minerals"], score: 10, dropped: false,
            rules: [
                .init(
                    name: "gallium", category: "critical-minerals", score: 10, fired: true, excluded: false,
                    matches: [.init(field: "title", term: "gallium", position: 2, text: "gallium")])
            ])
    }

    func digest(date: String?, send: Bool) async throws(ControlError) -> DigestReport {
        recorded.withLock { $0.append("digest \(date ?? "today")\(send ? " send" : "")") }
        let day = date ?? "today"
        return DigestReport(date: day, path: "/tmp/\(day).eml", stories: 1, sent: send, delivery: "sendmail")
    }

    func testRules(configurationPath: String, files: [String: String]?, since: Date) async throws(ControlError)
        -> RulesTestReport
    {
        recorded.withLock { $0.append("rules_test \(configurationPath) \(files?.count ?? 0) files") }
        return RulesTestReport(configurationPath: configurationPath, since: since, entries: [], truncated: false)
    }

    func reclassify(since: Date) async throws(ControlError) -> ReclassifyReport {
        recorded.withLock { $0.append("reclassify") }
        return ReclassifyReport(since: since, examined: 4, changed: 1)
    }
}
