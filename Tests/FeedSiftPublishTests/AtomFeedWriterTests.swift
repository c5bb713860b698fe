import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import FoundationXML
import Testing

@testable import FeedSiftPublish

@Suite struct AtomFeedWriterTests {
    static func item(_ id: Int64, feed: String, link: String?, summary: String? = nil) -> ItemSnapshot {
        ItemSnapshot(
            id: id, feedName: feed, feedTitle: "\(feed) & Co", feedLink: "https://\(feed).example/",
            feedURL: "https://\(feed).example/feed.xml", entryID: "urn:\(id)", link: link, title: "Item \(id)",
            summaryHTML: summary, contentHTML: id == 1 ? "<p>Full <b>text</b></p>" : nil, summaryText: nil,
            contentText: nil, authors: [ParsedAuthor(name: "Li <Wei>")],
            published: Date(timeIntervalSince1970: 1_790_000_000),
            updated: nil, firstSeen: Date(timeIntervalSince1970: 1_790_000_100), copyOf: nil, joinReason: nil,
            categories: ["metals"], score: 3, dropped: false)
    }

    static let story = StorySnapshot(
        id: 7, uid: "9f3a", title: "Copper <hits> record & more \u{1}",
        firstSeen: Date(timeIntervalSince1970: 1_790_000_100),
        updated: Date(timeIntervalSince1970: 1_790_000_500), published: Date(timeIntervalSince1970: 1_790_000_000),
        score: 3, categories: ["metals", "critical-minerals"],
        items: [
            item(1, feed: "wire", link: "https://wire.example/a", summary: "<p>Summary &amp; more</p>"),
            item(2, feed: "metals", link: "https://metals.example/b"),
            item(3, feed: "roundup", link: "https://wire.example/a"),
        ])

    @Test func rendersOneEntryPerStoryWithRelatedLinksAndCategories() throws {
        let xml = AtomFeedWriter.render(
            [Self.story],
            options: AtomFeedOptions(
                title: "Watch", feedID: "tag:feedsift,2026:feed", selfURL: "http://127.0.0.1:8088/feed.atom",
                categoryLabels: ["metals": "Metals", "critical-minerals": "Critical minerals"]))
        let document = try XMLDocument(data: Data(xml.utf8))
        let entries = try document.nodes(forXPath: "/*[local-name()='feed']/*[local-name()='entry']")
        #expect(entries.count == 1)
        let entry = try #require(entries.first as? XMLElement)
        func values(_ path: String) throws -> [String] {
            try entry.nodes(forXPath: path).compactMap(\.stringValue)
        }
        #expect(try values("*[local-name()='id']") == ["tag:feedsift,2026-09-21:story/9f3a"])
        #expect(try values("*[local-name()='title']") == ["Copper <hits> record & more "])
        #expect(try values("*[local-name()='link'][@rel='alternate']/@href") == ["https://wire.example/a"])
        // The third item repeats the representative's link; it is not listed twice.
        #expect(try values("*[local-name()='link'][@rel='related']/@href") == ["https://metals.example/b"])
        #expect(try values("*[local-name()='category']/@term") == ["metals", "critical-minerals"])
        #expect(try values("*[local-name()='category']/@label") == ["Metals", "Critical minerals"])
        #expect(try values("*[local-name()='source']/*[local-name()='title']") == ["wire & Co"])
        let summary = try #require(try values("*[local-name()='summary']").first)
        #expect(summary.hasPrefix("<p>Summary &amp; more</p>"))
        #expect(summary.contains("Reported by 3 sources: wire &amp; Co, metals &amp; Co and roundup &amp; Co."))
        #expect(try values("*[local-name()='updated']") == ["2026-09-21T14:21:40Z"])
    }

    @Test func droppedCopiesAndLinksThatAreNotWebPagesAreLeftOut() throws {
        var dropped = Self.item(4, feed: "spam", link: "https://spam.example/c")
        dropped.dropped = true
        var story = Self.story
        story.items = [
            Self.item(1, feed: "wire", link: "javascript:alert(1)"),
            Self.item(2, feed: "metals", link: "https://metals.example/b"),
            Self.item(3, feed: "roundup", link: "data:text/html,<p>x</p>"),
            Self.item(5, feed: "relative", link: "/news/5"),
            dropped,
        ]
        let xml = AtomFeedWriter.render([story], options: AtomFeedOptions(title: "Watch", feedID: "tag:x,2026:f"))
        let document = try XMLDocument(data: Data(xml.utf8))
        let entry = try #require(
            try document.nodes(forXPath: "/*[local-name()='feed']/*[local-name()='entry']").first as? XMLElement)
        func values(_ path: String) throws -> [String] {
            try entry.nodes(forXPath: path).compactMap(\.stringValue)
        }
        #expect(try values("*[local-name()='link'][@rel='alternate']/@href").isEmpty)
        #expect(try values("*[local-name()='link'][@rel='related']/@href") == ["https://metals.example/b"])
        let summary = try #require(try values("*[local-name()='summary']").first)
        #expect(
            summary.contains("Reported by 4 sources") && !summary.contains("spam"), "a dropped copy is not a source")
        #expect(WebLink.validated("HTTPS://Example.org/a") != nil && WebLink.validated("https://") == nil)
    }

    @Test func sameStoriesRenderToSameBytes() {
        let options = AtomFeedOptions(title: "Watch", feedID: "tag:feedsift,2026:feed")
        #expect(
            AtomFeedWriter.render([Self.story], options: options)
                == AtomFeedWriter.render([Self.story], options: options))
    }

    @Test(
        .enabled(
            if: RepositoryPaths.shared != nil && RepositoryPaths.hasProgram("xmllint"),
            "needs ../shared/schemas/atom.rng and xmllint"))
    func validatesAgainstTheAtomSchema() throws {
        let directory = try TemporaryDirectory()
        let publisher = AtomPublisher(
            mainPath: directory.file("out/feed.atom"), title: "Watch", selfURL: "http://127.0.0.1:8088/feed.atom",
            categories: [
                CategoryDefinition(
                    slug: "metals", label: "Metals", location: SourceLocation(file: "f", line: 1, column: 1))
            ], feedID: Self.feedID)
        try publisher.publish(main: [Self.story], byCategory: ["metals": [Self.story]])
        for path in [directory.file("out/feed.atom"), directory.file("out/categories/metals.atom")] {
            let result = try ProcessRunner.run(
                "xmllint", ["--noout", "--relaxng", RepositoryPaths.shared! + "/schemas/atom.rng", path])
            #expect(result.status == 0, "\(path): \(result.stderr)")
        }
    }

    static let feedID = "urn:uuid:4f0c3a52-9d1e-4b7a-8c55-0e2d6f1a9b34"

    @Test func eachFeedHasTheInstallationsIDAndEachCategoryItsOwn() throws {
        let directory = try TemporaryDirectory()
        let publisher = AtomPublisher(
            mainPath: directory.file("out/feed.atom"), title: "Watch", selfURL: nil,
            categories: [
                CategoryDefinition(
                    slug: "metals", label: "Metals", location: SourceLocation(file: "f", line: 1, column: 1))
            ], feedID: Self.feedID)
        try publisher.publish(main: [Self.story], byCategory: ["metals": [Self.story]])
        let main = try String(contentsOfFile: directory.file("out/feed.atom"), encoding: .utf8)
        let metals = try String(contentsOfFile: directory.file("out/categories/metals.atom"), encoding: .utf8)
        #expect(main.contains("<id>\(Self.feedID)</id>"))
        #expect(metals.contains("<id>\(Self.feedID)#category/metals</id>"))
        var other = publisher
        other.feedID = "urn:uuid:00000000-0000-4000-8000-000000000000"
        #expect(
            other.settingsFingerprint(maxEntries: 50, uncategorized: true)
                != publisher.settingsFingerprint(maxEntries: 50, uncategorized: true),
            "a new id rebuilds the files")
    }

    @Test func aStoryThatSeveralFeedsShowIsLoadedOnceAndRenderedAsAlone() throws {
        let directory = try TemporaryDirectory()
        let location = SourceLocation(file: "f", line: 1, column: 1)
        let publisher = AtomPublisher(
            mainPath: directory.file("out/feed.atom"), title: "Watch", selfURL: "http://127.0.0.1:8088/feed.atom",
            categories: ["metals", "energy"].map {
                CategoryDefinition(slug: $0, label: $0.uppercased(), location: location)
            },
            feedID: Self.feedID)
        var stories: [Int64: StorySnapshot] = [:]
        for id: Int64 in 1...4 {
            var story = Self.story
            story.id = id
            story.uid = "uid\(id)"
            story.title = "Story \(id)"
            story.updated = Date(timeIntervalSince1970: 1_790_000_000 + Double(id) * 60)
            stories[id] = story
        }
        let listings: [String: [Int64]] = ["": [4, 2, 1], "metals": [2, 3], "energy": [1]]
        var loaded: [[Int64]] = []
        try publisher.publish(
            listing: { output in listings[output.category ?? ""] ?? [] },
            stories: { ids in
                loaded.append(ids)
                return ids.compactMap { stories[$0] }
            })
        #expect(loaded == [[4, 2, 1], [3], []], "each story is loaded once, when a feed first shows it")
        for output in publisher.outputs {
            let shown = (listings[output.category ?? ""] ?? []).compactMap { stories[$0] }
            let labels = ["metals": "METALS", "energy": "ENERGY"]
            let options =
                output.category.map {
                    AtomFeedOptions(
                        title: "Watch — \(labels[$0] ?? $0)", feedID: "\(Self.feedID)#category/\($0)",
                        selfURL: "http://127.0.0.1:8088/categories/\($0).atom", categoryLabels: labels)
                }
                ?? AtomFeedOptions(
                    title: "Watch", feedID: Self.feedID, selfURL: "http://127.0.0.1:8088/feed.atom",
                    categoryLabels: labels)
            #expect(
                try String(contentsOfFile: output.path, encoding: .utf8)
                    == AtomFeedWriter.render(shown, options: options), "\(output.path)")
        }
    }

    @Test func theFilesOfRemovedCategoriesAreDeleted() throws {
        let directory = try TemporaryDirectory()
        let location = SourceLocation(file: "f", line: 1, column: 1)
        func publisher(_ slugs: [String]) -> AtomPublisher {
            AtomPublisher(
                mainPath: directory.file("out/feed.atom"), title: "Watch", selfURL: nil,
                categories: slugs.map { CategoryDefinition(slug: $0, label: $0, location: location) },
                feedID: Self.feedID)
        }
        try publisher(["metals", "energy"]).publish(main: [Self.story], byCategory: [:])
        try Data("notes".utf8).write(to: URL(fileURLWithPath: directory.file("out/categories/README.txt")))
        let removed = publisher(["metals"]).removeStaleCategoryFiles()
        #expect(removed == [directory.file("out/categories/energy.atom")])
        #expect(FileManager.default.fileExists(atPath: directory.file("out/categories/metals.atom")))
        #expect(FileManager.default.fileExists(atPath: directory.file("out/categories/README.txt")), "not ours")
        #expect(publisher(["metals"]).removeStaleCategoryFiles().isEmpty)
    }

    @Test func atomicFileReportsWhetherItChangedAndLeavesNoTemporaries() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("nested/out.atom")
        #expect(try AtomicFile.write(Array("one".utf8), to: path))
        #expect(try !AtomicFile.write(Array("one".utf8), to: path))
        #expect(try AtomicFile.write(Array("two".utf8), to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("nested")) == ["out.atom"])
    }

    @Test func leftoversOfAKilledWriterAreRemovedAndNothingElse() throws {
        let directory = try TemporaryDirectory()
        for name in [".feed.atom.Ab12Cd", ".2026-11-29.eml.zz99ZZ", "feed.atom", ".hidden", ".feed.atom.toolong1"] {
            try directory.write(name, "x")
        }
        AtomicFile.removeLeftovers(in: directory.path)
        let remaining = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(remaining == ["feed.atom", ".hidden", ".feed.atom.toolong1"])
    }

    @Test func textThatXMLForbidsIsDroppedAndTheRestEscaped() throws {
        var story = Self.story
        story.title = "Tariffs\u{FFFE} & <duties>\u{0}\u{1F}: \"up\" 5%\r\n— 日本"
        story.items[0].link = "https://wire.example/a?x=1&y=\"2\""
        let xml = AtomFeedWriter.render([story], options: AtomFeedOptions(title: "T", feedID: "tag:feedsift,2026:feed"))
        let document = try XMLDocument(data: Data(xml.utf8))
        let entry = try #require(try document.nodes(forXPath: "//*[local-name()='entry']").first as? XMLElement)
        let title = try entry.nodes(forXPath: "*[local-name()='title']").first?.stringValue
        #expect(title == "Tariffs & <duties>: \"up\" 5%\r\n— 日本")
        let link = try entry.nodes(forXPath: "*[local-name()='link'][@rel='alternate']/@href").first?.stringValue
        #expect(link == "https://wire.example/a?x=1&y=\"2\"")
    }
}

extension AtomPublisher {
    /// Publishes the main feed from `main` and each category's from
    /// `byCategory`, as the pipeline does from the store.
    @discardableResult
    func publish(main: [StorySnapshot], byCategory: [String: [StorySnapshot]]) throws -> [String] {
        let byID = Dictionary((main + byCategory.values.joined()).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try publish(
            listing: { output in (output.category.map { byCategory[$0] ?? [] } ?? main).map(\.id) },
            stories: { ids in ids.compactMap { byID[$0] } })
    }
}
