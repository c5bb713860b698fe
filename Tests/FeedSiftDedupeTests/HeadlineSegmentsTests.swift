import FeedSiftTestSupport
import Testing

@testable import FeedSiftDedupe

/// A headline's segments (what a site adds before or after every headline
/// is learned per segment) are found on the bytes of ASCII headlines and by
/// characters otherwise; both must split alike.
@Suite struct HeadlineSegmentsTests {
    @Test func separatorsAreColonBarAndDashWithSpaces() {
        #expect(
            Headline.segments("Industry News: Copper rises | Agency Blog") == [
                "Industry News", "Copper rises", "Agency Blog",
            ])
        #expect(Headline.segments("Copper - up - 3%") == ["Copper", "up", "3%"])
        #expect(Headline.segments("ratio 3:1 and a-b|c") == ["ratio 3:1 and a-b|c"])
        #expect(Headline.segments("ends with: ") == ["ends with"])
        #expect(Headline.segments(" | ") == [])
        #expect(Headline.segments("Zürich: Gold | Blog") == ["Zürich", "Gold", "Blog"])
    }

    @Test func theByteScanSplitsEveryASCIIHeadlineAsCharactersDo() {
        let alphabet: [String] = [":", " ", "|", "-", "a", "Z", "7", "\r", "\n", "\r\n", ": ", " | ", " - "]
        var random = SeededRandom(seed: 0x5eed)
        for _ in 0..<3_000 {
            let title = (0..<random.uniform(24)).map { _ in random.pick(alphabet) }.joined()
            #expect(Headline.segments(title) == Headline.characterSegments(title), "\(title.debugDescription)")
        }
    }
}
