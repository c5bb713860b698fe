import Testing

@testable import FeedSiftDedupe

/// Numbers reduced to values, and the headline cues that veto a merge.
@Suite struct NumberAndCueTests {
    private func values(_ text: String) -> [String] {
        NumberScanner.numbers(in: text, inTitle: false).map(\.canonicalText)
    }

    @Test func spellingsOfOneNumberHaveOneValue() {
        #expect(values("137,000 bpd") == ["137000"])
        #expect(values("137 thousand barrels") == ["137000"])
        #expect(
            values("177.6 mln t and 177.6 million tonnes and 177,600,000 t") == ["177600000", "177600000", "177600000"])
        #expect(values("$11,245 a tonne, up 2.8%") == ["11245", "2.8"])
        #expect(values("0.1% and 1,5 and 4.60") == ["0.1", "1", "5", "4.6"])
    }

    @Test func yearsDaysAndCodesAreNotFacts() {
        #expect(values("in 2026, from Oct. 1 to Oct. 25, and on 12 October") == [])
        #expect(values("Q1 output of A320 jets rose 3% in 2027") == ["3"])
        #expect(values("section 232") == ["232"])
    }

    @Test func roundedFiguresRoughlyEqualPreciseOnes() throws {
        let rounded = try #require(NumberScanner.numbers(in: "above $11,200", inTitle: true).first)
        let precise = try #require(NumberScanner.numbers(in: "$11,245", inTitle: false).first)
        #expect(rounded.roughlyEquals(precise))
        #expect(!rounded.sameValue(precise))
        let four = try #require(NumberScanner.numbers(in: "4%", inTitle: true).first)
        let fourPointTwo = try #require(NumberScanner.numbers(in: "4.2%", inTitle: false).first)
        let six = try #require(NumberScanner.numbers(in: "6.1%", inTitle: false).first)
        #expect(four.roughlyEquals(fourPointTwo))
        #expect(!four.roughlyEquals(six))
    }

    @Test func theFirstMovementWordGivesTheDirection() {
        #expect(NewsCues.direction(of: ["cocoa", "sinks", "as", "arrivals", "climb"]) == .down)
        #expect(NewsCues.direction(of: ["baltic", "index", "posts", "weekly", "gain"]) == .up)
        #expect(NewsCues.direction(of: ["mexico", "passes", "up", "to", "50", "tariffs"]) == .none)
    }

    @Test func periodsAndCommoditiesAreNamedByCode() {
        #expect(NewsCues.periods(in: ["opec", "raises", "november", "output"]) == [11])
        #expect(NewsCues.periods(in: ["q1", "premium", "week", "42"]).sorted() == [13, 62])
        #expect(
            NewsCues.subjects(in: ["argentina", "cuts", "soybean", "tax"]) == NewsCues.subjects(in: ["soy", "tax"]))
        #expect(NewsCues.subjects(in: ["rare", "earth", "curbs"]) != NewsCues.subjects(in: ["antimony", "curbs"]))
        #expect(NewsCues.subjects(in: ["us", "tariffs", "widen"]).isEmpty)
    }
}
