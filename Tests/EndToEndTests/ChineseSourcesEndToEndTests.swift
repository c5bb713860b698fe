import FeedSiftTestSupport
import Foundation
import Testing

/// The Chinese sources the tool is for (a ministry's statement, a portal's
/// repost, an unrelated trade report), through the real daemon: a rule in
/// Chinese classifies, the repost folds into the statement's story, the
/// unrelated report stays apart, and search finds a term inside a run.
@Suite struct ChineseSourcesEndToEndTests {
    static let statement = (
        title: "商务部：稀土出口管制不是禁令",
        text: "商务部新闻发言人10月12日表示，中国对稀土相关物项实施出口管制，不是禁止出口，对符合规定的申请将予以许可。"
            + "有关措施旨在维护国家安全和利益，更好履行防扩散等国际义务。"
    )
    static let repost = (
        title: "商务部回应稀土出口管制：不是禁止出口",
        text: "商务部新闻发言人12日就稀土出口管制答记者问时表示，中国对稀土相关物项实施出口管制不是禁止出口，"
            + "对符合规定的申请将予以许可。"
    )
    static let soybeans = (
        title: "中国9月大豆进口量同比增长",
        text: "海关总署数据显示，中国9月大豆进口量达到1287万吨，同比增长13%。分析人士表示，巴西大豆到港量增加是主要原因。"
    )

    static func feed(_ name: String, _ items: [(title: String, text: String)], day: Int) -> String {
        let entries = items.enumerated().map { index, item in
            """
            <item><title>\(item.title)</title><link>https://\(name).example/\(index)</link>
            <guid>https://\(name).example/\(index)</guid><pubDate>\(day) Oct 2026 0\(index):00:00 GMT</pubDate>
            <description>\(item.text)</description></item>
            """
        }.joined()
        return "<rss version=\"2.0\"><channel><title>\(name)</title>\(entries)</channel></rss>"
    }

    @Test func aChineseRuleClassifiesTheRepostFoldsAndSearchFindsATermInsideARun() throws {
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/mofcom.xml": .ok(Self.feed("mofcom", [Self.statement], day: 12))
            case "/portal.xml": .ok(Self.feed("portal", [Self.soybeans, Self.repost], day: 13))
            default: .response(status: 404)
            }
        }
        defer { server.stop() }
        let directory = try TemporaryDirectory(prefix: "fs-zh")
        let state = directory.file("state")
        let config = try directory.write(
            "feeds.conf",
            DaemonLifecycleEndToEndTests.configuration(
                server, state: state, feeds: ["mofcom", "portal"],
                rules: "[rule \"rare-earths\"]\ncategory = metals\nmatch = 稀土\n"))
        let daemon = try DaemonProcess(arguments: ["run", "--config", config])
        func json(_ arguments: [String]) throws -> [String: Any] {
            let result = try ProcessRunner.run(
                RepositoryPaths.feedsiftBinary, arguments + ["--json", "--config", config])
            return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        }
        func stories() throws -> [[String: Any]] {
            try json(["stories", "--all"])["stories"] as? [[String: Any]] ?? []
        }
        #expect(
            daemon.wait { (try? stories().flatMap { $0["items"] as? [Any] ?? [] }.count) == 3 }, "\(daemon.stderr)")

        let found = try stories()
        let rareEarths = try #require(found.first { ($0["categories"] as? [String]) == ["metals"] })
        let items = try #require(rareEarths["items"] as? [[String: Any]])
        #expect(Set(items.compactMap { $0["title"] as? String }) == [Self.statement.title, Self.repost.title])
        #expect(items.contains { $0["copy_of"] is String }, "the repost is a copy of the statement")
        #expect(found.count == 2, "the soybean report is a story of its own")

        // The search index is built after each cycle.
        let hits = {
            try json(["search", "出口管制"])["hits"] as? [[String: Any]] ?? []
        }
        #expect(daemon.wait { (try? hits().count) == 2 }, "a term inside a run of Han characters")
        #expect(try json(["search", "大豆进口"])["hits"].map { ($0 as? [Any])?.count } == 1)
        #expect(daemon.stop() == 0)
    }
}
