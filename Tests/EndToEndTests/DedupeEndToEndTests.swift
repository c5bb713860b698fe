import FeedSiftTestSupport
import Foundation
import Testing

/// Story deduplication through the real `feedsift` binary: copies that
/// arrive before their original, restarts, and the labelled dev corpus
/// scored with its own `score.py` in several arrival orders.
@Suite(.enabled(if: RepositoryPaths.hasProgram("python3"), "needs python3 (sqlite3 reader, score.py)"))
struct DedupeEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dedupe")

    /// A configuration polling `feeds` (name, file path) from `state`.
    static func configuration(state: String, feeds: [(String, String)]) -> String {
        var text = """
            [daemon]
            state-dir = \(state)
            socket = \(state)/ctl.sock

            [output]
            listen =
            uncategorized = yes

            [dedupe]
            window = 7d

            """
        for (name, path) in feeds { text += "\n[feed \"\(name)\"]\nurl = file://\(path)\n" }
        return text
    }

    static func runOnce(config: String) throws {
        let result = try ProcessRunner.run(RepositoryPaths.feedsiftBinary, ["run", "--once", "--config", config])
        #expect(result.status == 0, "feedsift run --once: \(result.stderr)")
    }

    /// Rows of a query on the daemon's database, read with Python's sqlite3
    /// (an independent reader), columns separated by tabs.
    static func rows(_ query: String, database: String) throws -> [[String]] {
        let script = """
            import sqlite3, sys
            for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
                print("\\t".join("" if v is None else str(v) for v in row))
            """
        let result = try ProcessRunner.run("python3", ["-c", script, database, query])
        return result.stdout.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test func anOriginalThatArrivesLateTakesOverItsCopiesAndRestartsKeepEveryAssignment() throws {
        let directory = try TemporaryDirectory(prefix: "fs-dedupe")
        let state = directory.file("state")
        let database = state + "/feedsift.db"
        let farm = ("farm", Self.fixtures.appendingPathComponent("farm.xml").path)
        let wire = ("wire", Self.fixtures.appendingPathComponent("wire.xml").path)

        // The content farm's copy is polled first; the wire's original later.
        try Self.runOnce(config: try directory.write("first.conf", Self.configuration(state: state, feeds: [farm])))
        try Self.runOnce(
            config: try directory.write("both.conf", Self.configuration(state: state, feeds: [farm, wire])))

        let items = try Self.rows(
            "SELECT i.id, f.name, i.title, i.story_id, i.copy_of, i.join_reason FROM items i JOIN feeds f ON f.id = i.feed_id ORDER BY i.id",
            database: database)
        #expect(items.count == 5, "\(items)")
        let copy = try #require(items.first { $0[1] == "farm" && $0[2].contains("Tin jumps") })
        let original = try #require(items.first { $0[1] == "wire" && $0[2].contains("Tin jumps") })
        #expect(copy[4] == original[0], "the farm's copy now copies the wire's original: \(items)")
        #expect(original[4].isEmpty, "the original copies nothing")
        #expect(copy[3] == original[3], "one story")
        #expect(original[5].hasPrefix("original of item \(copy[0]) ("), "\(original[5])")
        #expect(copy[5].contains("item \(original[0])"), "the copy names its original: \(copy[5])")
        let representative = try Self.rows(
            "SELECT representative_item_id, item_count FROM stories WHERE id = \(original[3])", database: database)
        #expect(representative.first == [original[0], "2"], "the earliest original represents the story")
        // The farm's two how-to posts share only the farm's boilerplate.
        let howTo = items.filter { $0[1] == "farm" && !$0[2].contains("Tin jumps") }
        #expect(howTo.count == 2 && howTo[0][3] != howTo[1][3], "\(howTo)")

        // A third run (a new process, so the index is rebuilt from the
        // store) adds a syndicated copy: it finds its original, and nothing
        // placed before moves.
        let before = try Self.rows(
            "SELECT id, story_id, copy_of, join_reason FROM items ORDER BY id", database: database)
        let syndicate = ("syndicate", Self.fixtures.appendingPathComponent("syndicate.xml").path)
        try Self.runOnce(
            config: try directory.write("all.conf", Self.configuration(state: state, feeds: [farm, wire, syndicate])))
        let after = try Self.rows(
            "SELECT id, story_id, copy_of, join_reason FROM items ORDER BY id", database: database)
        #expect(Array(after.prefix(before.count)) == before, "restarts keep every assignment")
        let added = try #require(after.last)
        #expect(after.count == 6 && added[1] == original[3] && added[2] == original[0], "\(added)")
        let features = try Self.rows("SELECT count(*) FROM item_dedupe", database: database)
        #expect(features == [["6"]], "every item's features are stored")
    }
}

/// The labelled dev corpus of `../shared/corpora/dedupe/dev`, when present.
struct DedupeDevCorpus: Sendable {
    var directory: String
    var skipReason: String

    static let current: DedupeDevCorpus = {
        let directory = (RepositoryPaths.shared ?? "../shared") + "/corpora/dedupe/dev"
        var reason = ""
        if !FileManager.default.fileExists(atPath: directory + "/score.py") {
            reason = "skipped: \(directory) not found (set FEEDSIFT_SHARED to the shared folder)"
        } else if !FileManager.default.isExecutableFile(atPath: RepositoryPaths.feedsiftBinary) {
            reason = "skipped: \(RepositoryPaths.feedsiftBinary) not built (run `swift build` first)"
        } else if !RepositoryPaths.hasProgram("python3") {
            reason = "skipped: python3 not found (score.py needs it)"
        }
        if !reason.isEmpty { print("Dedupe dev corpus \(reason)") }
        return DedupeDevCorpus(directory: directory, skipReason: reason)
    }()

    var isAvailable: Bool { skipReason.isEmpty }

    var feeds: [(String, String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/feeds")) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map {
            (String($0.dropLast(4)), directory + "/feeds/" + $0)
        }
    }
}

/// The bar of issue 5, on the dev corpus, for every arrival order.
@Suite(
    .enabled(
        if: DedupeDevCorpus.current.isAvailable, "needs ../shared/corpora/dedupe/dev, a built feedsift and python3"))
struct DedupeDevCorpusTests {
    let corpus = DedupeDevCorpus.current

    /// Scores from `score.py`'s output.
    struct Score {
        var pairwiseF1: Double
        var bcubedF1: Double
        var hardNegativesMerged: Double?

        init(_ output: String) throws {
            let last = try #require(output.split(separator: "\n").last { $0.hasPrefix("pairwise_f1=") })
            let values = last.split(separator: " ").compactMap { $0.split(separator: "=").last.flatMap { Double($0) } }
            try #require(values.count == 2, "\(output)")
            pairwiseF1 = values[0]
            bcubedF1 = values[1]
            let total = output.split(separator: "\n").first { $0.contains("TOTAL") && $0.contains("merged (") }
            hardNegativesMerged = total.flatMap { line in
                line.split(separator: "(").last.flatMap { Double($0.dropLast()) }
            }
        }
    }

    /// One item as `feedsift stories --all --json` lists it.
    struct ExportedItem: Hashable {
        var id: String
        var link: String?
        var story: Int
        var copyOf: String?
    }

    /// Polls the feeds (all in one run, or one more feed per run), then
    /// starts the daemon and lists every story through its control socket.
    func ingest(_ feeds: [(String, String)], oneAtATime: Bool) throws -> [ExportedItem] {
        let directory = try TemporaryDirectory(prefix: "fs-dedupe-dev")
        let state = directory.file("state")
        let config = directory.file("feeds.conf")
        let batches = oneAtATime ? (1...feeds.count).map { Array(feeds.prefix($0)) } : [feeds]
        for batch in batches {
            try directory.write("feeds.conf", DedupeEndToEndTests.configuration(state: state, feeds: batch))
            try DedupeEndToEndTests.runOnce(config: config)
        }
        // The daemon's first cycle finds every feed already polled: it only serves.
        let daemon = try DaemonProcess(arguments: ["run", "--config", config])
        defer { _ = daemon.stop() }
        var listing: ProcessResult?
        let ready = daemon.wait(upTo: 60) {
            guard
                let result = try? ProcessRunner.run(
                    RepositoryPaths.feedsiftBinary,
                    ["stories", "--all", "--limit", "1000", "--json", "--config", config]),
                result.status == 0
            else { return false }
            listing = result
            return true
        }
        let output = try #require(listing, "the daemon did not answer: \(ready) \(daemon.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let stories = try #require(object?["stories"] as? [[String: Any]], "\(output.stdout.prefix(500))")
        var items: [ExportedItem] = []
        for story in stories {
            let storyID = try #require(story["id"] as? Int)
            for item in try #require(story["items"] as? [[String: Any]]) {
                items.append(
                    ExportedItem(
                        id: try #require(item["id"] as? String), link: item["link"] as? String, story: storyID,
                        copyOf: item["copy_of"] as? String))
            }
        }
        return items
    }

    /// `score.py` on the exported clusters, at story or copy level.
    func score(_ items: [ExportedItem], level: String) throws -> Score {
        let directory = try TemporaryDirectory(prefix: "fs-dedupe-score")
        let lines = items.map { item -> String in
            let cluster = level == "copy" ? (item.copyOf ?? item.id) : String(item.story)
            let object: [String: Any] = ["id": item.id, "link": item.link ?? NSNull(), "cluster": cluster]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        let predictions = try directory.write("predictions.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try ProcessRunner.run(
            "python3",
            [corpus.directory + "/score.py", corpus.directory + "/labels.jsonl", predictions, "--level", level])
        #expect(result.status == 0, "score.py: \(result.stderr)")
        print("dedupe dev (\(level) level):\n\(result.stdout)")
        return try Score(result.stdout)
    }

    /// The partition (which items are together), independent of ids.
    static func partition(_ items: [ExportedItem], by key: (ExportedItem) -> String) -> Set<Set<String>> {
        Set(Dictionary(grouping: items, by: key).values.map { Set($0.map(\.id)) })
    }

    @Test func theDevCorpusMeetsTheBarInAnyArrivalOrder() throws {
        let feeds = corpus.feeds
        try #require(feeds.count == 12, "\(corpus.directory)/feeds")
        let together = try ingest(feeds, oneAtATime: false)
        let oneByOne = try ingest(feeds.reversed(), oneAtATime: true)
        for (name, items) in [("all feeds at once", together), ("one feed at a time, reversed", oneByOne)] {
            #expect(items.count == 174, "\(name): every item is listed once")
            let story = try score(items, level: "story")
            #expect(story.pairwiseF1 >= 0.97, "\(name): story pairwise F1 \(story.pairwiseF1)")
            #expect(story.bcubedF1 >= 0.98, "\(name): story B-cubed F1 \(story.bcubedF1)")
            let hardNegatives = try #require(story.hardNegativesMerged)
            #expect(hardNegatives <= 0.05, "\(name): hard-negative pairs merged \(hardNegatives)")
            let copies = try score(items, level: "copy")
            #expect(copies.pairwiseF1 >= 0.99, "\(name): copy pairwise F1 \(copies.pairwiseF1)")
        }
        #expect(
            Self.partition(together) { String($0.story) } == Self.partition(oneByOne) { String($0.story) },
            "the same stories whatever the arrival order")
        #expect(
            Self.partition(together) { $0.copyOf ?? $0.id } == Self.partition(oneByOne) { $0.copyOf ?? $0.id },
            "the same copies and originals whatever the arrival order")
    }
}
