import FeedSiftTestSupport
import Testing

@testable import FeedSiftDedupe

/// Chinese reports, where the tokenizer makes every character a word:
/// story terms are character pairs, so unrelated reports that share common
/// characters stay apart, while a rewrite of one statement still joins it
/// and a repost is still a copy.
@Suite struct ChineseStoryTests {
    static let items: [(name: String, item: NewsItem)] = [
        (
            "rare-earths",
            NewsItem(
                title: "商务部：稀土出口管制不是禁令",
                text: "商务部新闻发言人10月12日表示，中国对稀土相关物项实施出口管制，不是禁止出口，对符合规定的申请将予以许可。"
                    + "有关措施旨在维护国家安全和利益，更好履行防扩散等国际义务。", hours: 0)
        ),
        (
            "soybeans",
            NewsItem(
                title: "中国9月大豆进口量同比增长",
                text: "海关总署数据显示，中国9月大豆进口量达到1287万吨，同比增长13%。分析人士表示，巴西大豆到港量增加是主要原因，"
                    + "国内压榨需求保持稳定。", hours: 1)
        ),
        (
            "rare-earths repost",
            NewsItem(
                title: "商务部回应稀土出口管制：不是禁止出口",
                text: "商务部新闻发言人12日就稀土出口管制答记者问时表示，中国对稀土相关物项实施出口管制不是禁止出口，"
                    + "对符合规定的申请将予以许可。", hours: 2)
        ),
        (
            "port",
            NewsItem(
                title: "上海港集装箱吞吐量创新高",
                text: "上海港9月集装箱吞吐量达到450万标准箱，同比增长8%，创历史新高。港口方面表示，航线网络持续完善，外贸需求回暖。",
                hours: 3)
        ),
        (
            "steel",
            NewsItem(
                title: "钢铁行业9月产量下降",
                text: "国家统计局数据显示，9月全国粗钢产量同比下降4.6%，钢铁行业需求偏弱，钢材价格持续低位运行，企业利润承压。",
                hours: 4)
        ),
        (
            "rare-earths rewrite",
            NewsItem(
                title: "中国商务部：对稀土实施出口管制并非禁令",
                text: "针对外界关于稀土出口的关切，商务部发言人周日说，对稀土相关物项实施出口管制符合国际通行做法，"
                    + "合规的出口申请会获得许可，这并不是禁令。", hours: 5)
        ),
    ]

    static let expected: Set<Set<String>> = [
        ["rare-earths", "rare-earths repost", "rare-earths rewrite"], ["soybeans"], ["port"], ["steel"],
    ]

    @Test func unrelatedReportsStayApartAndOneStatementIsOneStory() throws {
        for order in [Self.items, Self.items.reversed()] {
            let harness = DedupeHarness()
            var placed: [String: (id: Int64, placement: Placement)] = [:]
            for (name, item) in order {
                let result = harness.place(item)
                harness.remember(result.id, as: name)
                placed[name] = result
            }
            #expect(harness.partition == Self.expected)
            let repost = try #require(placed["rare-earths repost"]?.id)
            let original = try #require(placed["rare-earths"]?.id)
            #expect(harness.copyOf[repost] == original, "a repost is a copy of the earlier statement")
        }
    }

    @Test func hanRunsGiveCharacterPairsAndOtherWordsStayWords() {
        #expect(ItemText.wordsAndTerms("稀土出口 rare earths 中").terms == ["稀土", "土出", "出口", "rare", "earths", "中"])
        #expect(ItemText.wordsAndTerms("稀土，出口").terms == ["稀土", "出口"], "a separator ends a run")
        #expect(ItemText.wordsAndTerms("Tin price rises", limit: 2) == (["tin", "price"], ["tin", "price"]))
        // An ideograph after a long ASCII run, past the first eight bytes.
        let late = "Rare-earth export controls, says the ministry: 稀土出口"
        #expect(ItemText.wordsAndTerms(late).terms.suffix(3) == ["稀土", "土出", "出口"])
    }

    /// The eight-bytes-at-a-time check for ideographs agrees with reading
    /// every byte, wherever the first byte of 0xE3 or more falls.
    @Test func theIdeographCheckReadsEveryPosition() {
        var random = SeededRandom(seed: 0x1de0)
        // ASCII, Latin-1 (0xC3 lead), the euro sign (0xE2, just below), kana
        // and Han (0xE3, 0xE7), and an emoji (0xF0).
        let pieces = ["a", "tin ", "é", "€", "ぁ", "稀", "🙂", "1", ". "]
        for length in 0..<40 {
            for _ in 0..<25 {
                let text = (0..<length).map { _ in random.pick(pieces) }.joined()
                #expect(ItemText.mayHoldIdeographs(text) == text.utf8.contains { $0 >= 0xE3 }, "\(text)")
            }
        }
        #expect(!ItemText.mayHoldIdeographs(String(repeating: "café € ", count: 20)))
    }
}
