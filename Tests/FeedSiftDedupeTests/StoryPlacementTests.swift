import Testing

@testable import FeedSiftDedupe

/// Where the index puts items: copies with their original, other outlets'
/// write-ups in the same story, look-alike stories apart, whatever the
/// order of arrival.
@Suite struct StoryPlacementTests {
    @Test func theFirstItemOpensAStoryWithoutAReason() {
        let harness = DedupeHarness()
        let (_, placement) = harness.place(NewsFixtures.tinOriginal)
        #expect(placement.storyID == nil)
        #expect(placement.copyOf == nil)
        #expect(placement.reason == nil)
    }

    @Test func aRepostUnderTheSameURLIsACopy() {
        let harness = DedupeHarness()
        let (original, _) = harness.place(NewsFixtures.tinOriginal)
        var repost = NewsFixtures.tinOriginal
        repost.link = (repost.link ?? "") + "?utm_source=roundup&utm_medium=referral"
        repost.identity = "roundup-1"
        repost.hours = 4
        let (_, placement) = harness.place(repost)
        #expect(placement.storyID == original)
        #expect(placement.copyOf == original)
        #expect(placement.reason == "same canonical URL as item \(original)")
    }

    @Test func aSyndicatedCopyWithDatelineAndCreditIsANearDuplicate() throws {
        let harness = DedupeHarness()
        let (original, _) = harness.place(NewsFixtures.tinOriginal)
        let (_, placement) = harness.place(NewsFixtures.tinWireCopy)
        #expect(placement.copyOf == original)
        let reason = try #require(placement.reason)
        #expect(reason.hasPrefix("near-duplicate of item \(original) ("), "\(reason)")
    }

    @Test func aWrappedCopyIsFoundByContainment() throws {
        let harness = DedupeHarness()
        let (original, _) = harness.place(NewsFixtures.tinOriginal)
        let (_, placement) = harness.place(NewsFixtures.tinFarmCopy)
        #expect(placement.copyOf == original, "\(placement.reason ?? "no reason")")
    }

    @Test func aRewriteJoinsTheStoryAndSaysWhy() throws {
        let harness = DedupeHarness()
        let (original, _) = harness.place(NewsFixtures.tinOriginal)
        let (rewrite, placement) = harness.place(NewsFixtures.tinRewrite)
        #expect(harness.sameStory(original, rewrite))
        #expect(placement.copyOf == nil, "a rewrite is not a copy")
        let reason = try #require(placement.reason)
        #expect(reason.hasPrefix("same story as item \(original): similarity 0."), "\(reason)")
        #expect(reason.contains("shared: "), "\(reason)")
        #expect(["34150", "maw", "tin", "wa"].contains { reason.contains($0) }, "\(reason)")
    }

    @Test func aHeadlineJoinsOnStrongEvidenceOnly() {
        let harness = DedupeHarness()
        let (original, _) = harness.place(NewsFixtures.tinOriginal)
        let (headline, _) = harness.place(NewsFixtures.tinHeadline)
        #expect(harness.sameStory(original, headline), "shares the price and the mine's name")
        let (vague, _) = harness.place(NewsItem(title: "Tin market news", text: nil, hours: 1))
        #expect(!harness.sameStory(original, vague), "one shared word is not enough for a headline")
    }

    @Test func theOppositeMoveTheNextDayIsAnotherStory() {
        let harness = DedupeHarness()
        let (up, _) = harness.place(NewsFixtures.tinOriginal)
        let (down, placement) = harness.place(NewsFixtures.tinNextDayFall)
        #expect(!harness.sameStory(up, down), "\(placement.reason ?? "")")
    }

    @Test func anotherCommodityInTheSameRegionIsAnotherStory() {
        let harness = DedupeHarness()
        let (tin, _) = harness.place(NewsFixtures.tinOriginal)
        let (rareEarths, _) = harness.place(NewsFixtures.rareEarthHalt)
        #expect(!harness.sameStory(tin, rareEarths))
    }

    @Test func theSameReleaseForAnotherMonthIsAnotherStory() {
        let harness = DedupeHarness()
        let (october, _) = harness.place(
            NewsFixtures.tinExports(month: "October", percent: "12", tonnes: "6,840", hours: 0))
        let (november, _) = harness.place(
            NewsFixtures.tinExports(month: "November", percent: "9", tonnes: "6,410", hours: 24 * 6))
        #expect(!harness.sameStory(october, november))
    }

    @Test func itemsFurtherApartThanTheWindowDoNotJoin() {
        let harness = DedupeHarness(window: 2 * 86400)
        let (original, _) = harness.place(NewsFixtures.tinOriginal)
        var late = NewsFixtures.tinWireCopy
        late.hours = 72
        let (copy, _) = harness.place(late)
        #expect(!harness.sameStory(original, copy))
    }

    @Test func copiesThatArriveFirstAreRepointedWhenTheirOriginalArrives() throws {
        let harness = DedupeHarness()
        let (farm, _) = harness.place(NewsFixtures.tinFarmCopy)
        let (wire, wirePlacement) = harness.place(NewsFixtures.tinWireCopy)
        // The wire copy is older than the farm's: until the original
        // arrives, it stands in for it.
        #expect(wirePlacement.newItemIsOriginal)
        #expect(harness.copyOf[farm] == wire)
        #expect(harness.copyOf[wire] == nil)
        let (original, placement) = harness.place(NewsFixtures.tinOriginal)
        #expect(placement.newItemIsOriginal)
        #expect(placement.copyOf == nil)
        #expect(harness.copyOf[farm] == original)
        #expect(harness.copyOf[wire] == original)
        #expect(harness.index.copyRoot(ofItem: farm) == original, "the index learned the new original too")
        let reason = try #require(placement.reason)
        #expect(reason.hasPrefix("original of item "), "\(reason)")
        let wireReason = try #require(harness.reasons[wire])
        #expect(wireReason.contains("of item \(original)"), "\(wireReason)")
    }

    @Test func anItemThatBridgesTwoStoriesMergesThem() throws {
        let harness = DedupeHarness()
        // A copy and a rewrite arrive before anything connects them…
        let (copy, _) = harness.place(NewsFixtures.tinWireCopy)
        let (headline, _) = harness.place(
            NewsItem(title: "Man Maw halt: Wa officials expect six-week review", text: nil, hours: 2))
        #expect(!harness.sameStory(copy, headline))
        // …the rewrite joins both.
        let (rewrite, placement) = harness.place(NewsFixtures.tinRewrite)
        #expect(harness.sameStory(copy, rewrite))
        if harness.sameStory(headline, rewrite) {
            #expect(!placement.mergedStoryIDs.isEmpty)
        }
    }

    /// The outcome depends on what arrived, not in which order.
    @Test func everyArrivalOrderGivesTheSameStories() {
        let items: [(String, NewsItem)] = [
            ("original", NewsFixtures.tinOriginal), ("wire", NewsFixtures.tinWireCopy),
            ("farm", NewsFixtures.tinFarmCopy), ("rewrite", NewsFixtures.tinRewrite),
            ("headline", NewsFixtures.tinHeadline), ("fall", NewsFixtures.tinNextDayFall),
            ("rare earths", NewsFixtures.rareEarthHalt), ("coffee", NewsFixtures.coffee),
        ]
        var partitions: Set<Set<Set<String>>> = []
        var originals: Set<String> = []
        for order in permutations(Array(items.indices)).prefix(200) {
            let harness = DedupeHarness()
            var idOf: [String: Int64] = [:]
            for position in order {
                let (id, _) = harness.place(items[position].1)
                harness.remember(id, as: items[position].0)
                idOf[items[position].0] = id
            }
            partitions.insert(harness.partition)
            let root = harness.copyOf[idOf["wire"] ?? 0]
            originals.insert(root == idOf["original"] ? "original" : "other")
        }
        #expect(partitions.count == 1, "\(partitions)")
        #expect(
            partitions.first?.contains(["original", "wire", "farm", "rewrite", "headline"]) == true,
            "\(partitions)")
        #expect(originals == ["original"], "the wire copy always copies the original")
    }

    private func permutations(_ elements: [Int]) -> [[Int]] {
        guard elements.count > 1 else { return [elements] }
        var result: [[Int]] = []
        for (index, element) in elements.enumerated() {
            var rest = elements
            rest.remove(at: index)
            for tail in permutations(rest) { result.append([element] + tail) }
            if result.count > 400 { break }
        }
        return result
    }
}
