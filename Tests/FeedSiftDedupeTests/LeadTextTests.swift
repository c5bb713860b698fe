import FeedSiftTestSupport
import Testing

@testable import FeedSiftDedupe

/// A prepared text keeps paragraph text only for its opening
/// (`ItemText.textWords`), the rest as hashes and sentences: features are
/// the same as from the full text, including when boilerplate removal
/// pushes the lead past the paragraphs that kept their text.
@Suite struct LeadTextTests {
    private static let words = [
        "copper", "tariff", "export", "licence", "smelter", "freight", "quota", "nickel", "cobalt", "tanker",
        "sanction", "port", "ministry", "said", "rose", "fell", "Monday", "1,200", "tonnes", "3.5%", "the", "of",
        "Beijing", "Jakarta", "Rotterdam", "Élysée", "straße", "U.S.", "Oct.",
    ]

    private static func sentence(_ random: inout SeededRandom, words count: Int) -> String {
        var words = (0..<count).map { _ in random.pick(Self.words) }
        words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
        return words.joined(separator: " ") + random.pick([".", ".", "!", "?"])
    }

    private static func paragraph(_ random: inout SeededRandom) -> String {
        (0...random.uniform(5)).map { _ in sentence(&random, words: 4 + random.uniform(20)) }.joined(separator: " ")
    }

    private func features(_ title: String, _ content: String, boilerplate: SourceBoilerplate, full: Bool)
        -> ItemFeatures
    {
        let input = DedupeInput(
            title: title, summaryText: nil, contentText: content, canonicalURL: nil, eventTime: 1_790_000_000,
            identity: title)
        let prepared = PreparedText(title: title, summaryText: nil, contentText: content, keepingAllText: full)
        return FeatureExtractor().features(of: input, text: prepared, boilerplate: boilerplate)
    }

    @Test func longTextsHaveTheFeaturesOfTheirFullText() {
        var random = SeededRandom(seed: 41)
        let farm = SourceBoilerplate(learningFrom: SourceBoilerplateTests.farm)
        for round in 0..<60 {
            let content = (0...random.uniform(40)).map { _ in Self.paragraph(&random) }.joined(separator: "\n\n")
            let title = Self.sentence(&random, words: 8)
            let prepared = PreparedText(title: title, summaryText: nil, contentText: content)
            if round == 0 { #expect(prepared.text.paragraphs.contains { $0.text == nil }, "texts long enough") }
            for boilerplate in [SourceBoilerplate.empty, farm] {
                #expect(
                    features(title, content, boilerplate: boilerplate, full: false)
                        == features(title, content, boilerplate: boilerplate, full: true), "\(content)")
            }
        }
    }

    @Test func aLeadPastTheKeptTextIsReadFromTheFullText() {
        // A source opening every story with 480 words of its own (three
        // paragraphs of eight sentences of twenty words): boilerplate
        // once learned, so the lead starts past the words whose text was
        // kept.
        var random = SeededRandom(seed: 7)
        let header = (0..<3).map { _ in
            (0..<8).map { _ in Self.sentence(&random, words: 20) }.joined(separator: " ")
        }.joined(separator: "\n\n")
        let stories = [
            ("Tin jumps to two-year high", "Tin prices rose sharply on Tuesday in London, traders said."),
            ("Coffee harvest ends early", "Brazilian farmers finished the arabica harvest two weeks early."),
            ("Freight rates ease again", "Spot container rates eased for a third week, an index showed."),
            (
                "Zinc smelter restarts",
                "Glencore restarted its zinc smelter in Nordenham after a halt of nine months for power costs."
            ),
        ]
        let texts = stories.map {
            (title: $0.0, content: header + "\n\n" + $0.1 + " More on \($0.0.lowercased()) soon.")
        }
        let boilerplate = SourceBoilerplate(
            learningFrom: texts.map { PreparedText(title: $0.title, summaryText: nil, contentText: $0.content) })
        #expect(!boilerplate.isEmpty)
        let prepared = PreparedText(title: texts[3].title, summaryText: nil, contentText: texts[3].content)
        #expect(prepared.text.paragraphs.last?.text == nil, "the story's paragraph kept no text")

        let lead = features(texts[3].title, texts[3].content, boilerplate: boilerplate, full: false)
        #expect(lead == features(texts[3].title, texts[3].content, boilerplate: boilerplate, full: true))
        #expect(lead.termWords.contains("nordenham"))
        #expect(!lead.isHeadlineOnly)
    }
}
