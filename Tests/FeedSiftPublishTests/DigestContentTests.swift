import FeedSiftCore
import FeedSiftPublish
import Foundation
import Testing

@Suite struct DigestContentTests {
    typealias F = DigestFixtures

    @Test func groupsByFirstCategoryInConfigurationOrderHighestScoreFirst() {
        let content = F.content(F.busyDay)
        #expect(content.sections.map(\.label) == ["Critical minerals", "Tariffs & trade remedies", "Shipping"])
        // Story 2 is in tariffs and critical-minerals: it appears once, under the first configured.
        #expect(content.sections.map { $0.entries.map(\.storyID) } == [[1, 2], [3], [4]])
        #expect(content.storyCount == 4)
    }

    @Test func namesSourcesAndCountsTheRest() throws {
        let content = F.content(F.busyDay)
        let gallium = try #require(content.sections.first?.entries.first)
        #expect(gallium.source == "Metals Daily")
        #expect(
            gallium.sourcesLine == "Metals Daily; also reported by Asia Trade Monitor, Port Wire and 3 more")
        #expect(
            gallium.summary
                == "Beijing's commerce ministry has approved fewer gallium export licences this month. "
                + "Traders in Rotterdam report premiums of 40%.")
        #expect(gallium.link == "https://news.example/11")
        let shipping = try #require(content.sections.last?.entries.first)
        #expect(shipping.sourcesLine == "Port Wire")
    }

    @Test func anOlderStoryAppearsOnlyWhenANewSourceJoinedIt() {
        let older = F.story(
            5, categories: ["shipping"],
            items: [
                F.item(51, feed: "Port Wire", hoursBeforeCutoff: 40),
                // Same feed again: not a new source.
                F.item(52, feed: "Port Wire", hoursBeforeCutoff: 3),
            ])
        #expect(F.content([older]).storyCount == 0)
        let content = F.content(F.busyDay)
        let updated = content.sections[1].entries[0]
        #expect(updated.storyID == 3 && updated.isUpdate)
        #expect(content.sections[0].entries.allSatisfy { !$0.isUpdate })
    }

    @Test func ignoresWhatArrivedAfterTheCutoffDroppedItemsAndUncategorizedStories() {
        let late = F.story(6, categories: ["shipping"], items: [F.item(61, feed: "Port Wire", hoursBeforeCutoff: -1)])
        let lateCopy = F.story(
            7, categories: ["shipping"],
            items: [
                F.item(71, feed: "Port Wire", hoursBeforeCutoff: 2),
                F.item(72, feed: "Late Wire", hoursBeforeCutoff: -2),
                F.item(73, feed: "Dropped Wire", hoursBeforeCutoff: 1, dropped: true),
            ])
        let plain = F.story(8, categories: [], items: [F.item(81, feed: "Misc", hoursBeforeCutoff: 2)])
        let content = F.content([late, lateCopy, plain])
        #expect(content.sections.flatMap(\.entries).map(\.storyID) == [7])
        #expect(content.sections[0].entries[0].otherSources.isEmpty)
        let withOther = F.content([plain], includeUncategorized: true)
        #expect(withOther.sections.map(\.label) == ["Other stories"])
    }

    @Test func summariesKeepTwoSentencesAndStopAtAbbreviations() {
        func summary(_ text: String) -> String {
            F.content([
                F.story(9, categories: ["shipping"], items: [F.item(91, feed: "W", text: text, hoursBeforeCutoff: 1)])
            ])
            .sections[0].entries[0].summary
        }
        #expect(
            summary("The U.S. Commerce Department said so. Mr. Lee agreed. Third.")
                == "The U.S. Commerce Department said so. Mr. Lee agreed.")
        #expect(summary("  One   line\nwithout a stop") == "One line without a stop")
        let long = summary(String(repeating: "word ", count: 200))
        #expect(long.count <= 321 && long.hasSuffix("…"))
    }
}
