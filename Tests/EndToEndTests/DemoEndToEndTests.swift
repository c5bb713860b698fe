import FeedSiftTestSupport
import Foundation
import FoundationXML
import Testing

/// `make demo`: the offline pipeline on examples/, as a newcomer first sees it.
@Suite struct DemoEndToEndTests {
    @Test func theDemoFoldsTheThreeSourceStoryAndWritesValidAtom() throws {
        let result = try ProcessRunner.run(
            RepositoryPaths.root + "/scripts/demo.sh", [RepositoryPaths.feedsiftBinary],
            currentDirectory: RepositoryPaths.root)
        #expect(result.status == 0, "\(result.stderr)")
        let path = try #require(result.stdout.split(separator: "\n").last.map(String.init))
        #expect(path.hasSuffix("/out/feed.atom"))
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: state) }

        let document = try XMLDocument(data: Data(contentsOf: URL(fileURLWithPath: path)))
        let entries = try document.nodes(forXPath: "/*[local-name()='feed']/*[local-name()='entry']")
        let titles = entries.compactMap { try? $0.nodes(forXPath: "*[local-name()='title']").first?.stringValue }
        #expect(!titles.contains { $0.contains("pumpkin") }, "no rule selects the recipe")
        let mofcom = try #require(
            entries.first {
                ((try? $0.nodes(forXPath: "*[local-name()='title']"))?.first?.stringValue ?? "").contains("not a ban")
            })
        #expect(try mofcom.nodes(forXPath: "*[local-name()='link'][@rel='related']").count == 2)
        #expect(titles.filter { $0.contains("not a ban") }.count == 1, "one entry for the three copies")

        if let shared = RepositoryPaths.shared, RepositoryPaths.hasProgram("xmllint") {
            let valid = try ProcessRunner.run("xmllint", ["--noout", "--relaxng", shared + "/schemas/atom.rng", path])
            #expect(valid.status == 0, "\(valid.stderr)")
        } else {
            print("DemoEndToEndTests: ../shared/schemas/atom.rng or xmllint absent; schema check skipped")
        }
    }
}
