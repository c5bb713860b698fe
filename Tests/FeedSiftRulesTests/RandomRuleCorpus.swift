import FeedSiftCore
import FeedSiftRules
import FeedSiftTestSupport

/// Deterministic random queries and items over one small vocabulary, so
/// that terms, phrases and NEAR pairs often match and often just miss:
/// words that share long beginnings (longer than 8 and 16 bytes), case,
/// diacritics, Han characters, digits, every scope and operator.
struct RandomRuleCorpus {
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// Words as queries write them (already folded).
    static let queryWords = [
        "steel", "steels", "steelmaker", "rare", "earth", "earths", "oil", "tariff", "tariffs", "tariffed",
        "semiconductor", "semiconductors", "semicolon", "internationalisation", "internationalization",
        "internationalisations", "elysee", "strasse", "稀", "土", "u", "s", "25", "2026", "a", "the", "of", "x",
        "kazatomprom", "opinion", "day", "china", "export", "exports", "controls", "licences", "absent",
    ]

    /// Words as item text writes them.
    static let textWords = [
        "steel", "Steel", "STEELS", "steelmaker", "rare", "Rare-Earth", "earth", "earths", "oil", "Oil", "tariff",
        "tariffs", "Tariffed", "semiconductor", "Semiconductors", "semicolon", "internationalisation",
        "Internationalization", "internationalisations", "élysée", "Élysée", "Straße", "strasse", "稀土", "u.s.",
        "U.S.", "25", "2026", "a", "the", "The", "of", "x", "Kazatomprom", "opinion", "day", "China's", "china",
        "export", "Exports", "controls", "licences", "zinc", "tin",
    ]

    static let separators = [" ", " ", " ", ", ", "-", ". ", " — ", ": ", "/"]
    static let feedNames = ["MOFCOM-EN", "mofcom", "Reuters Wire", "Élysée Daily"]
    static let tags = ["official", "China", "Industry news", "blog"]
    static let links: [String?] = [
        "https://news.English.mofcom.gov.cn:443/a", "http://a.gov.cn/x", "https://example.com/p", "not a link", nil,
        "https://user@www.example.com./p",
    ]

    private mutating func text(words count: Int) -> String {
        var text = ""
        for index in 0..<count {
            if index > 0 { text += random.pick(Self.separators) }
            text += random.pick(Self.textWords)
        }
        return text
    }

    mutating func item() -> ClassifiableItem {
        ClassifiableItem(
            title: text(words: random.uniform(8)), summary: text(words: random.uniform(15)),
            content: text(words: random.uniform(80)),
            authors: (0..<random.uniform(3)).map { _ in text(words: 1 + random.uniform(3)) },
            feedName: random.pick(Self.feedNames),
            feedTags: (0..<random.uniform(3)).map { _ in random.pick(Self.tags) }, link: random.pick(Self.links))
    }

    private mutating func word() -> String {
        let word = random.pick(Self.queryWords)
        guard random.uniform(4) == 0 else { return word }
        return String(word.prefix(1 + random.uniform(word.count))) + "*"
    }

    private mutating func term() -> String {
        guard random.uniform(3) == 0 else { return word() }
        return "\"" + (0..<(2 + random.uniform(2))).map { _ in word() }.joined(separator: " ") + "\""
    }

    private mutating func nearOperand() -> String {
        random.uniform(4) == 0 ? "(\(term()) OR \(term()))" : term()
    }

    private mutating func near() -> String {
        let distance = random.uniform(5) == 0 ? "" : "/\(1 + random.uniform(6))"
        return "\(nearOperand()) NEAR\(distance) \(nearOperand())"
    }

    private mutating func value() -> String {
        switch random.uniform(3) {
        case 0:
            return "feed:" + random.pick(["mofcom-en", "mofcom", "mof*", "\"reuters wire\"", "reuters*", "elysee*"])
        case 1: return "tag:" + random.pick(["official", "offic*", "china", "\"industry news\"", "industry*", "blog"])
        default: return "domain:" + random.pick(["gov.cn", "mofcom.gov.cn", "example.com", "com", "cn"])
        }
    }

    /// A query; compound parts are parenthesised, so every one parses.
    mutating func query(depth: Int = 0, scoped: Bool = false) -> String {
        let choice = depth >= 3 ? random.uniform(3) : random.uniform(12)
        switch choice {
        case 0, 1: return term()
        case 2:
            return scoped
                ? near()
                : (random.uniform(2) == 0
                    ? value() : "\(random.pick(["title", "summary", "content", "author"])):\(term())")
        case 3, 4: return "(\(query(depth: depth + 1, scoped: scoped)) OR \(query(depth: depth + 1, scoped: scoped)))"
        case 5: return "(\(query(depth: depth + 1, scoped: scoped)) \(query(depth: depth + 1, scoped: scoped)))"
        case 6: return "(\(query(depth: depth + 1, scoped: scoped)) AND \(query(depth: depth + 1, scoped: scoped)))"
        case 7: return "NOT (\(query(depth: depth + 1, scoped: scoped)))"
        case 8: return "-\(term())"
        case 9, 10: return near()
        default:
            guard !scoped else { return term() }
            return
                "\(random.pick(["title", "summary", "content", "author"])):(\(query(depth: depth + 1, scoped: true)))"
        }
    }

    /// `count` rules over RuleFixture's categories, some with an exclude.
    mutating func rules(_ count: Int) -> [RuleFixture.Rule] {
        (0..<count).map { index in
            RuleFixture.Rule(
                "r\(index)", RuleFixture.categories[random.uniform(RuleFixture.categories.count)], query(),
                exclude: random.uniform(5) == 0 ? query() : nil, score: 1 + random.uniform(9))
        }
    }

    mutating func drop() -> String? { random.uniform(2) == 0 ? query() : nil }
}
