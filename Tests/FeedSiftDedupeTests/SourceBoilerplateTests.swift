import Testing

@testable import FeedSiftDedupe

/// Per-source boilerplate: what a site repeats around every story is
/// learned from its items and removed; the stories' own text stays.
@Suite struct SourceBoilerplateTests {
    /// A content farm wrapping each story in the same header and footer.
    static func farmItem(_ title: String, _ body: String) -> PreparedText {
        let text = farmText(title, body)
        return PreparedText(title: text.title, summaryText: nil, contentText: text.content)
    }

    static func farmText(_ title: String, _ body: String) -> (title: String, content: String) {
        (
            title: "Industry News: \(title)",
            content: """
            We build websites and run campaigns for mining and metals companies. Ask us for a free audit today!

            Industry News: \(title)

            \(body)

            Leave a comment below. The post Industry News: \(title) appeared first on Farm Blog.
            """
        )
    }

    static let farm = [
        farmItem("Tin jumps to two-year high", "Tin prices rose sharply on Tuesday in London, traders said."),
        farmItem("Coffee harvest ends early", "Brazilian farmers finished the arabica harvest two weeks early."),
        farmItem("Freight rates ease again", "Spot container rates eased for a third week, an index showed."),
        farmItem("Nickel quota cut", "Indonesia will cut its nickel ore quota next year, an official said."),
    ]

    @Test func repeatedSentencesAndHeadlineAffixesAreLearned() {
        let boilerplate = SourceBoilerplate(learningFrom: Self.farm)
        #expect(boilerplate.sentences.count >= 3, "header sentences and the footer")
        #expect(boilerplate.cleanTitle("Industry News: Zinc smelter restarts") == "Zinc smelter restarts")
        #expect(SourceBoilerplate(learningFrom: Array(Self.farm.prefix(2))).isEmpty, "two items are not a pattern")
    }

    @Test func whatAnItemToldWhenNewIsStoredAndTeachesAsMuchAsItsText() throws {
        let evidence = Self.farm.map(BoilerplateEvidence.init)
        let stored = try evidence.map { try BoilerplateEvidence(decoding: $0.encoded()) }
        #expect(stored == evidence)
        #expect(evidence.allSatisfy { $0.headline != nil && $0.affixes != nil && $0.sentenceKeys.count >= 4 })
        let fromText = SourceBoilerplate(learningFrom: Self.farm)
        let fromStored = SourceBoilerplate(learningFrom: stored)
        #expect(!fromText.sentences.isEmpty && fromStored.sentences == fromText.sentences)
        #expect(!fromText.titlePrefixes.isEmpty && fromStored.titlePrefixes == fromText.titlePrefixes)
        #expect(fromStored.titleSuffixes == fromText.titleSuffixes && fromStored.headlines == fromText.headlines)

        // An item without a headline tells nothing, and is stored as such.
        let untitled = BoilerplateEvidence(of: PreparedText(title: "", summaryText: "Text.", contentText: nil))
        #expect(untitled.headline == nil)
        #expect(try BoilerplateEvidence(decoding: untitled.encoded()) == untitled)
    }

    @Test func damagedStoredEvidenceIsRejected() {
        let good = BoilerplateEvidence(of: Self.farm[0]).encoded()
        let damaged: [[UInt8]] = [
            [], [1], [2] + good.dropFirst(), [1, 9] + good.dropFirst(2), Array(good.dropLast(3)),
            [1, 1] + [UInt8](repeating: 7, count: 8), [1, 3] + [UInt8](repeating: 7, count: 24),
        ]
        for bytes in damaged {
            #expect(throws: DedupeError.self, "\(bytes.count) bytes") { try BoilerplateEvidence(decoding: bytes) }
        }
    }

    @Test func aWrappedItemHasTheSameTextAsTheBareStory() {
        let boilerplate = SourceBoilerplate(learningFrom: Self.farm)
        let extractor = FeatureExtractor()
        let wrapped = Self.farmText(
            "Tin jumps to two-year high", "Tin prices rose sharply on Tuesday in London, traders said.")
        let wrappedFeatures = extractor.features(
            of: DedupeInput(
                title: wrapped.title, summaryText: nil, contentText: wrapped.content, canonicalURL: nil,
                eventTime: 0, identity: "farm"),
            boilerplate: boilerplate)
        let bare = extractor.features(
            of: DedupeInput(
                title: "Tin jumps to two-year high",
                summaryText: "Tin prices rose sharply on Tuesday in London, traders said.", contentText: nil,
                canonicalURL: nil, eventTime: 0, identity: "bare"),
            boilerplate: .empty)
        #expect(wrappedFeatures.headlineKey == bare.headlineKey, "the learned prefix is gone from the headline")
        #expect(wrappedFeatures.isHeadlineOnly == bare.isHeadlineOnly)
        #expect(wrappedFeatures.terms == bare.terms, "only the story's own words remain")
    }

    @Test func aLeadThatVersionsOfOneStoryShareIsNotBoilerplate() {
        let lead = "Copper rose 2% on Monday after a mine in Chile halted output, traders said."
        let versions = (1...4).map { update in
            PreparedText(
                title: "UPDATE \(update)-Copper rises after Chile mine halt", summaryText: "\(lead) Update \(update).",
                contentText: nil)
        }
        let boilerplate = SourceBoilerplate(learningFrom: versions)
        let key = ItemText.sentenceKey(lead, headlines: [])
        #expect(key.map(boilerplate.isBoilerplate) == false, "one headline, however many updates")
    }

    @Test func aParagraphThatIsAnotherItemsHeadlineIsALink() {
        let boilerplate = SourceBoilerplate(learningFrom: Self.farm)
        let extractor = FeatureExtractor()
        let related = extractor.features(
            of: DedupeInput(
                title: "Tin jumps to two-year high",
                summaryText: """
                    Tin prices rose sharply on Tuesday in London, traders said.

                    Industry News: Coffee harvest ends early
                    """, contentText: nil, canonicalURL: nil, eventTime: 0, identity: "x"),
            boilerplate: boilerplate)
        let plain = extractor.features(
            of: DedupeInput(
                title: "Tin jumps to two-year high",
                summaryText: "Tin prices rose sharply on Tuesday in London, traders said.",
                contentText: nil, canonicalURL: nil, eventTime: 0, identity: "y"),
            boilerplate: boilerplate)
        #expect(related.terms == plain.terms)
    }
}
