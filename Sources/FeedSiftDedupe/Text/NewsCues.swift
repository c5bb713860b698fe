/// The cues in a headline that tell two otherwise similar stories apart:
/// which way something moved, and which reporting period it is about.
/// "Copper climbs" and "copper slides" on consecutive days, or "OPEC+
/// raises November output" and "… December output", share most of their
/// words and are still different stories.
public enum NewsCues {
    /// Which way the story's subject moved.
    public enum Direction: Int8, Sendable {
        case down = -1
        case none = 0
        case up = 1
    }

    /// The direction named by the first movement word in `words` (headlines
    /// put the main verb first: in "cocoa sinks as arrivals climb" the
    /// subject sinks).
    public static func direction<Words: Sequence>(of words: Words) -> Direction where Words.Element == String {
        for word in words {
            if let direction = movements[word] { return direction }
        }
        return .none
    }

    /// Words of price, volume and policy moves. Ambiguous ones ("up", "lift",
    /// "record", "high") are left out on purpose: a veto must be certain.
    private static let movements = ShortWordTable(
        upWords.map { ($0, Direction.up) } + downWords.map { ($0, Direction.down) })
    private static let upWords = [
        "rise", "rises", "rose", "risen", "rising", "gain", "gains", "gained", "climb", "climbs", "climbed",
        "jump", "jumps", "jumped", "surge", "surges", "surged", "soar", "soars", "soared", "rally", "rallies",
        "rallied", "increase", "increases", "increased", "raise", "raises", "raised", "hike", "hikes", "hiked",
        "rebound", "rebounds", "rebounded", "advance", "advances", "advanced",
    ]
    private static let downWords = [
        "fall", "falls", "fell", "fallen", "falling", "drop", "drops", "dropped", "decline", "declines",
        "declined", "slump", "slumps", "slumped", "slide", "slides", "slid", "sink", "sinks", "sank", "sunk",
        "slip", "slips", "slipped", "plunge", "plunges", "plunged", "tumble", "tumbles", "tumbled", "retreat",
        "retreats", "retreated", "loss", "losses", "lose", "loses", "lost", "decrease", "decreases", "decreased",
        "cut", "cuts", "lower", "lowers", "lowered", "reduce", "reduces", "reduced", "trim", "trims", "trimmed",
        "halve", "halves", "halved", "slash", "slashes", "slashed",
    ]

    /// The reporting periods a headline names, as small codes: months 1-12,
    /// quarters 13-16, halves 17-18, weeks 20 + n. Two headlines that both
    /// name periods and share none are about different releases.
    public static func periods(in words: [String]) -> [UInt8] {
        var codes: Set<UInt8> = []
        for (index, word) in words.enumerated() {
            if let code = periodWords[word] {
                codes.insert(code)
            } else if word == "h1" || word == "h2" {
                codes.insert(word == "h1" ? 17 : 18)
            } else if word == "week" || word == "wk", index + 1 < words.count, let week = Int(words[index + 1]),
                (1...53).contains(week)
            {
                codes.insert(UInt8(20 + week))
            }
        }
        return codes.sorted()
    }

    private static let periodWords = ShortWordTable<UInt8>(
        [
            "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9,
            "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "apr": 4, "aug": 8, "sept": 9, "oct": 10,
            "nov": 11, "dec": 12, "q1": 13, "q2": 14, "q3": 15, "q4": 16,
        ].map { ($0.key, $0.value) })

    /// The commodities a headline names, as group codes (synonyms and
    /// spellings share one: `soy`, `soybeans`, `soyoil`). Two headlines
    /// that both name commodities and share none are different stories:
    /// the same ministry's rare-earth and antimony statements, a rice duty
    /// and an edible-oil duty on consecutive days.
    public static func subjects(in words: [String]) -> [UInt8] {
        var codes: Set<UInt8> = []
        for (index, word) in words.enumerated() {
            if index + 1 < words.count, let code = commodities[word, words[index + 1]] {
                codes.insert(code)
            } else if let code = commodities[word] {
                codes.insert(code)
            }
        }
        return codes.sorted()
    }

    /// Commodity names that mean the commodity in trade news ("oil",
    /// "lead", "crude" and "gas" name too many things to veto with).
    private static let commodityGroups: [[String]] = [
        ["copper"], ["nickel"], ["cobalt"], ["lithium"], ["antimony"], ["gallium"], ["germanium"], ["tungsten"],
        ["graphite"], ["zinc"], ["tin"], ["aluminium", "aluminum"], ["bauxite", "alumina"], ["manganese"],
        ["molybdenum"],
        ["gold"], ["silver"], ["platinum"], ["palladium"], ["rhodium"], ["uranium"], ["rare earth", "rare earths"],
        ["iron ore"], ["steel"], ["coal"], ["lng"], ["wheat"], ["corn", "maize"], ["rice"],
        ["soy", "soya", "soybean", "soybeans", "soyabean", "soyabeans", "soymeal", "soyoil"], ["barley"],
        ["sorghum"], ["canola", "rapeseed"], ["palm oil"], ["sugar"], ["cocoa"], ["coffee", "robusta", "arabica"],
        ["cotton"], ["rubber"], ["salmon"], ["beef", "cattle"], ["pork", "hogs"], ["poultry", "chicken"],
        ["dairy", "milk"], ["urea", "potash", "fertiliser", "fertilizer", "fertilisers", "fertilizers"], ["oats"],
        ["timber", "lumber"], ["cement"], ["hydrogen"],
    ]

    private static let commodities = ShortWordTable(
        commodityGroups.enumerated().flatMap { code, group in group.map { ($0, UInt8(code + 1)) } })
}
