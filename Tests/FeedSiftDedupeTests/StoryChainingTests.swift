import Testing

@testable import FeedSiftDedupe

/// Single-link clustering's failure mode: items that share only everyday
/// vocabulary chained, link by link, into one giant story.
@Suite struct StoryChainingTests {
    /// Different items written from one small vocabulary: every pair shares
    /// words, and many pairs pass the similarity threshold by chance.
    static func wordSalad(count: Int) -> [NewsItem] {
        let vocabulary = """
            market price trade export import tariff supply demand shipping port freight rate bank policy \
            government ministry report data growth output factory worker contract deal partner revenue profit \
            quarter share stock investor energy power fuel metal steel grain harvest weather storm river route \
            cargo vessel fleet index week month year analyst forecast outlook estimate figure chart record level \
            pressure risk concern support buyer seller producer consumer cost margin volume capacity plant mine
            """.split(separator: " ").map(String.init)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextWord() -> String {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return vocabulary[Int(state >> 33) % vocabulary.count]
        }
        return (0..<count).map { number in
            let title = (0..<9).map { _ in nextWord() }.joined(separator: " ")
            let text = (0..<70).map { _ in nextWord() }.joined(separator: " ")
            return NewsItem(title: title, text: text, hours: Double(number) * 0.2, identity: "salad-\(number)")
        }
    }

    @Test func sharedEverydayWordsDoNotChainItemsIntoOneStory() {
        let harness = DedupeHarness()
        let items = Self.wordSalad(count: 400)
        var joinedOnceTheWindowKnowsTheWords = 0
        for (number, item) in items.enumerated() {
            let (_, placement) = harness.place(item)
            if number >= 200 && placement.storyID != nil { joinedOnceTheWindowKnowsTheWords += 1 }
        }
        let sizes = Dictionary(grouping: harness.storyOf.values, by: { $0 }).values.map(\.count)
        // The first items are placed in a nearly empty window, where no word
        // is known to be common yet, and a few of them link; later items
        // hardly ever do, so no chain runs through the window.
        #expect(joinedOnceTheWindowKnowsTheWords <= 4)
        #expect(sizes.max() ?? 0 <= 40, "largest story: \(sizes.max() ?? 0) of \(items.count) items")
    }

    @Test func aRewriteSharingTheStorysNamesStillJoinsInABusyWindow() throws {
        let harness = DedupeHarness()
        for item in Self.wordSalad(count: 400) { harness.place(item) }
        let (original, _) = harness.place(NewsFixtures.tinOriginal)
        let (rewrite, placement) = harness.place(NewsFixtures.tinRewrite)
        #expect(harness.sameStory(original, rewrite))
        #expect(placement.reason?.hasPrefix("same story as item \(original)") == true)
    }
}
