import ArgumentParser
import Dispatch
import FeedSiftCore
import FeedSiftRules
import FeedSiftTestSupport
import FoundationEssentials
import Glibc
import Synchronization

/// `feedsift-bench rules`: classification throughput of the compiled rule
/// matcher for rule sets of 10 to 10,000 rules over generated items of
/// about 2 KB of news-like text. Prints items per second on one thread
/// (wall clock and CPU time) and on one thread per core (the target:
/// ≥ 20,000 items/s at 1,000 rules on 2 cores, and at 10,000 rules at
/// least half the throughput at 10).
struct RulesBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Items per second classified with 10 to 10,000 rules.")

    @Option(help: "Distinct generated items.")
    var items = 2000

    @Option(help: "Rule set sizes to measure.")
    var ruleCounts: [Int] = [10, 100, 1000, 10000]

    @Option(help: "Seconds to measure each figure for.")
    var seconds = 2.0

    @Option(help: "Words of the generated items: news (the proportions of real trade news) or trade-heavy.")
    var mix: NewsTextGenerator.Mix = .news

    func run() throws {
        var generator = NewsTextGenerator(seed: 42, mix: mix)
        let corpus = (0..<items).map { _ in generator.item() }
        let averageBytes = corpus.reduce(0) { $0 + $1.title.utf8.count + $1.content.utf8.count } / max(1, corpus.count)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("rules: \(corpus.count) items of ~\(averageBytes) bytes (\(mix.rawValue) words); \(cores) cores")
        for count in ruleCounts {
            var ruleGenerator = NewsTextGenerator(seed: UInt64(count))
            let configuration = ruleGenerator.configuration(rules: count)
            let compileStart = ContinuousClock.now
            let rules = try RuleSet.compile(configuration)
            let compileTime = ContinuousClock.now - compileStart
            var fired = 0
            for item in corpus.prefix(500) { fired += rules.classify(item).firedRules.count }
            let single = measure(rules, corpus, threads: 1)
            let parallel = measure(rules, corpus, threads: cores)
            print(
                formatted(
                    "rules: %6d rules  %8.0f items/s (1 thread)  %8.0f items/CPU-s  %8.0f items/s (%d threads)  "
                        + "compile %.2fs  %.1f rules fired/item",
                    count, single.wall, single.cpu, parallel.wall, cores, compileTime.seconds, Double(fired) / 500))
        }
    }

    /// Items per second of wall-clock time over all threads, and per second
    /// of CPU time the threads used (steadier on a busy machine).
    private func measure(_ rules: RuleSet, _ corpus: [ClassifiableItem], threads: Int) -> (wall: Double, cpu: Double) {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let total = Mutex((items: 0, cpuSeconds: 0.0))
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let cpuStart = Self.threadCPUSeconds()
            var done = 0
            var index = thread * 7919 % corpus.count
            while done % 64 != 0 || ContinuousClock.now < deadline {
                _ = rules.classify(corpus[index])
                index = (index + 1) % corpus.count
                done += 1
            }
            let cpu = Self.threadCPUSeconds() - cpuStart
            total.withLock { $0 = ($0.items + done, $0.cpuSeconds + cpu) }
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let (items, cpuSeconds) = total.withLock { $0 }
        return (Double(items) / elapsed, Double(items) / cpuSeconds)
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Deterministic news-like text and rules: common English words, a few
/// hundred trade and commodity words, numbers, a general vocabulary and
/// thousands of rarer names, drawn with a Zipf-like skew so some rule terms
/// are frequent and most are rare.
struct NewsTextGenerator {
    /// Which words items are made of.
    enum Mix: String, ExpressibleByArgument, CaseIterable {
        /// In the proportions of the development corpus of trade news
        /// (`../shared/corpora/dedupe/dev`, 20,000 words): 31% the common
        /// words below, 11% trade words, 8% numbers, 38% other vocabulary,
        /// 12% names.
        case news
        /// The earlier generator, kept to compare with older figures: half
        /// common words, 30% trade words, 20% names, no numbers and no other
        /// vocabulary (more rule terms per item than real news has).
        case tradeHeavy = "trade-heavy"
    }

    private var random: SeededRandom
    private let mix: Mix

    init(seed: UInt64, mix: Mix = .news) {
        random = SeededRandom(seed: seed)
        self.mix = mix
    }

    static let common = """
        the of and to in a is that for on it with as was by said at from its an be has have are were \
        will which this or but not after their had new also more than been year would about who up one \
        over last two into its other could they week month percent per people first since some can
        """.split(separator: " ").map(String.init)

    static let trade = """
        tariff tariffs duty duties export exports import imports control controls licence licences license \
        sanctions sanction ministry commerce trade quota quotas steel aluminium aluminum copper nickel zinc \
        lithium cobalt graphite gallium germanium antimony rare earth earths magnet magnets semiconductor chips \
        crude oil gas lng opec output barrels brent tanker tankers vessel vessels shipping freight port ports \
        container containers wheat corn soybean soybeans rice sugar palm edible fertiliser fertilizer harvest \
        grain grains dumping subsidy subsidies investigation probe retaliation retaliatory measures rule rules \
        regulation agency commission council union european china chinese united states washington beijing \
        brussels india japan korea mexico canada brazil russia iran treasury ofac entity list bis smelter \
        refinery mine mining ore prices price futures exchange lme record slump rally demand supply shortage
        """.split(separator: " ").map(String.init)

    private static let syllables = ["ka", "lo", "mi", "ren", "tos", "vel", "dar", "qui", "zen", "por", "lum", "bex"]

    /// A pseudo-word name (company, place, vessel, product) from a pool of
    /// 100,000: items mention them with a Zipf-like skew, rules pick any.
    private mutating func rareWord(skewed isSkewed: Bool = false) -> String {
        let index = isSkewed ? random.skewed(100_000) : random.uniform(100_000)
        var word = ""
        var value = index + 37
        repeat {
            word += Self.syllables[value % Self.syllables.count]
            value /= Self.syllables.count
        } while value > 0
        return word
    }

    private static let vocabularySyllables = [
        "a", "in", "ter", "con", "ment", "pro", "al", "de", "ing", "re", "sta", "tion", "ble", "ex", "com", "ly",
        "ous", "ver", "an", "ed",
    ]

    /// A word of the general vocabulary (not a trade word, not a name): a
    /// pseudo-word from a pool of 20,000, skewed like word frequencies.
    private mutating func vocabularyWord() -> String {
        var word = ""
        var value = random.skewed(20_000) + 20
        repeat {
            word += Self.vocabularySyllables[value % Self.vocabularySyllables.count]
            value /= Self.vocabularySyllables.count
        } while value > 0
        return word
    }

    /// A number as news writes them: years, counts, prices with decimals.
    private mutating func number() -> String {
        switch random.uniform(4) {
        case 0: return String(2024 + random.uniform(4))
        case 1: return "\(random.uniform(100)).\(random.uniform(10))"
        default: return String(random.uniform(1000))
        }
    }

    private mutating func word() -> String {
        switch mix {
        case .news:
            switch random.uniform(100) {
            case 0..<31: return Self.common[random.skewed(Self.common.count)]
            case 31..<42: return Self.trade[random.skewed(Self.trade.count)]
            case 42..<50: return number()
            case 50..<88: return vocabularyWord()
            default: return rareWord(skewed: true)
            }
        case .tradeHeavy:
            switch random.uniform(10) {
            case 0..<5: return Self.common[random.skewed(Self.common.count)]
            case 5..<8: return Self.trade[random.skewed(Self.trade.count)]
            default: return rareWord(skewed: true)
            }
        }
    }

    private mutating func sentence() -> String {
        var words = (0..<(8 + random.uniform(14))).map { _ in word() }
        words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
        return words.joined(separator: " ") + "."
    }

    mutating func item() -> ClassifiableItem {
        var content = ""
        while content.utf8.count < 1900 { content += sentence() + " " }
        let title = String(sentence().dropLast())
        return ClassifiableItem(
            title: title, summary: "", content: content, authors: ["Staff reporter"],
            feedName: "source\(random.uniform(50))", feedTags: random.uniform(2) == 0 ? ["official"] : ["industry"],
            link: "https://news\(random.uniform(50)).example.com/a/\(random.uniform(100000))")
    }

    private mutating func tradeTerm() -> String {
        let word = Self.trade[random.skewed(Self.trade.count)]
        switch random.uniform(4) {
        case 0: return String(word.prefix(5)) + "*"
        case 1: return "\"\(word) \(Self.trade[random.skewed(Self.trade.count)])\""
        default: return word
        }
    }

    /// One query as an analyst's watch-list rule would have it: specific
    /// names (most rules are about one company, vessel, mine or product),
    /// often narrowed by trade words, with phrases, NEAR, NOT and scopes.
    /// `everyItem` gives the one rule per set that holds through NOT alone.
    private mutating func query(everyItem: Bool) -> String {
        if everyItem { return "NOT \(rareWord())" }
        switch random.uniform(9) {
        case 0: return "\(rareWord()) OR \(rareWord()) OR \(rareWord())"
        case 1: return "\(rareWord()) AND (\(tradeTerm()) OR \(tradeTerm()))"
        case 2: return "\(rareWord()) NEAR/5 \(tradeTerm())"
        case 3: return "title:(\(rareWord()) OR \(rareWord())) \(tradeTerm())"
        case 4: return "(\(rareWord()) OR \(rareWord())) -\(tradeTerm())"
        case 5:
            return "\"\(rareWord()) \(rareWord())\" OR \"\(Self.trade[random.skewed(Self.trade.count)]) \(rareWord())\""
        case 6: return "tag:official \(rareWord())"
        case 7: return "domain:news\(random.uniform(50)).example.com \(rareWord())*"
        default: return "\(tradeTerm()) \(rareWord())"
        }
    }

    mutating func configuration(rules count: Int) -> Configuration {
        let file = "bench.conf"
        let slugs = [
            "export-controls", "tariffs", "sanctions", "critical-minerals", "metals", "energy", "agriculture",
            "shipping",
        ]
        var configuration = Configuration(
            file: file, daemon: DaemonSettings(stateDirectory: "/tmp", socketPath: "/tmp/s"),
            output: OutputSettings(atomPath: "/tmp/a"), digest: DigestSettings(directory: "/tmp/d"))
        let location = SourceLocation(file: file, line: 1, column: 1)
        configuration.categories = slugs.map { CategoryDefinition(slug: $0, label: $0, location: location) }
        configuration.rules = (0..<count).map { index in
            RuleDefinition(
                name: "rule\(index)", category: slugs[index % slugs.count],
                match: QuerySource(text: query(everyItem: index == 0), location: location),
                exclude: index % 10 == 0 ? QuerySource(text: rareWord(), location: location) : nil,
                score: 1 + index % 5, location: location)
        }
        return configuration
    }
}
