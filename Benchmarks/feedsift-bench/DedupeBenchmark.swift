import ArgumentParser
import FeedSiftDedupe
import Foundation

/// `feedsift-bench dedupe`: how fast new items are placed (features
/// extracted, compared, decided, learned) into a deduplication window that
/// already holds 100,000 and 1,000,000 generated items, and how much memory
/// the index takes per item. Target: ≥ 10,000 items/s at 1,000,000, cost
/// per item growing much slower than the window, ≤ 1 KB per item.
struct DedupeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe", abstract: "Items per second placed into a full deduplication window, and its memory.")

    @Option(help: "Items already in the window, one measurement each.")
    var windowSizes: [Int] = [100_000, 1_000_000]

    @Option(help: "New items placed per round (three rounds per window size; the best is reported).")
    var items = 10_000

    func run() throws {
        let window = 7.0 * 86400
        print("dedupe: window of 7 days; 3 rounds of \(items) new items per window size, best round; one thread")
        for size in windowSizes {
            var generator = StoryGenerator(seed: UInt64(size), window: window)
            var index: DedupeIndex? = DedupeIndex(policy: DedupePolicy(window: window))
            let fillStart = ContinuousClock.now
            var loaded = 0
            while loaded < size, let filling = index {
                let chunk = generator.items(min(20_000, size - loaded))
                for (offset, features) in Self.extractInParallel(chunk).enumerated() {
                    let item = chunk[offset]
                    filling.load(itemID: Int64(loaded + offset + 1), storyID: item.story, copyOf: nil, features: features)
                }
                loaded += chunk.count
            }
            let fillSeconds = (ContinuousClock.now - fillStart).inSeconds
            let best = measureRounds(index, generator: &generator, nextItemID: &loaded)
            let computed = index?.memoryBytes ?? 0
            let count = index?.count ?? 1

            // Memory: the index's own count, and what the process gives back
            // when the index is dropped (resident set, freed heap trimmed).
            let residentWithIndex = Self.residentBytes()
            index = nil
            let resident = residentWithIndex - Self.residentBytes()

            let perItem = (best.extract + best.place) / Double(items)
            print(
                String(
                    format:
                        "dedupe: window %8d  %7.0f items/CPU-s (%.0f items/s wall; %.1f µs/item: %.1f features + "
                        + "%.1f decide+learn)  %.0f%% joined a story, %.0f%% copies  index %.0f B/item "
                        + "(resident %.0f B/item)  rebuild %.0f items/s",
                    size, 1 / perItem, Double(items) / best.wall, perItem * 1e6,
                    best.extract / Double(items) * 1e6, best.place / Double(items) * 1e6,
                    100 * Double(best.joined) / Double(items), 100 * Double(best.copies) / Double(items),
                    Double(computed) / Double(count), Double(resident) / Double(count), Double(size) / fillSeconds))
        }
    }

    /// Three rounds of new items, each timed in CPU time (the machine may
    /// be busy with other work); returns the best round.
    private func measureRounds(_ index: DedupeIndex?, generator: inout StoryGenerator, nextItemID: inout Int) -> Round
    {
        guard let index else { return .none }
        let extractor = FeatureExtractor()
        var best = Round.none
        for _ in 0..<3 {
            let arrivals = generator.items(items)
            var round = Round()
            let wallStart = ContinuousClock.now
            for item in arrivals {
                let start = Self.threadCPUSeconds()
                let features = extractor.features(of: item.input, boilerplate: .empty)
                let extracted = Self.threadCPUSeconds()
                let placement = index.decide(features)
                nextItemID += 1
                let itemID = Int64(nextItemID)
                index.commit(placement, itemID: itemID, storyID: placement.storyID ?? itemID, features: features)
                round.extract += extracted - start
                round.place += Self.threadCPUSeconds() - extracted
                if placement.storyID != nil { round.joined += 1 }
                if placement.copyOf != nil { round.copies += 1 }
            }
            round.wall = (ContinuousClock.now - wallStart).inSeconds
            if round.extract + round.place < best.extract + best.place { best = round }
        }
        return best
    }

    /// One timed round of placements.
    struct Round {
        var extract = 0.0
        var place = 0.0
        var wall = 0.0
        var joined = 0
        var copies = 0

        static let none = Round(extract: .infinity)
    }

    /// Features of a chunk on every core (filling the window is not what
    /// is measured).
    static func extractInParallel(_ chunk: [GeneratedItem]) -> [ItemFeatures] {
        let extractor = FeatureExtractor()
        let results = UnsafeMutableBufferPointer<ItemFeatures?>.allocate(capacity: chunk.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let workers = ProcessInfo.processInfo.activeProcessorCount
        nonisolated(unsafe) let output = results
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: chunk.count, by: workers) {
                output[index] = extractor.features(of: chunk[index].input, boilerplate: .empty)
            }
        }
        return results.map { $0! }
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Resident set size of this process, from /proc, after returning
    /// freed heap memory to the system (so it counts what is in use).
    static func residentBytes() -> Int {
        // glibc's malloc_trim, looked up at run time (not in the Glibc module).
        if let trim = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

extension Duration {
    fileprivate var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// One generated item and the story it belongs to.
struct GeneratedItem: Sendable {
    var input: DedupeInput
    var story: Int64
}

/// News-like items in stories: an original, wire copies with small edits
/// and a dateline, rewrites of the same facts in other words, and
/// headline-only items; words drawn Zipf-like from a 30,000-word
/// vocabulary, with names and numbers per story, spread over the window.
struct StoryGenerator {
    private var state: UInt64
    private let window: Double
    private var storyCount: Int64 = 0
    private var itemCount = 0
    private var pending: [GeneratedItem] = []

    init(seed: UInt64, window: Double) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        self.window = window
    }

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    private mutating func uniform(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Index skewed towards 0 (roughly Zipf with exponent 1).
    private mutating func skewed(_ bound: Int) -> Int {
        let u = Double(next() % 1_000_000) / 1_000_000
        return min(bound - 1, Int(pow(Double(bound), u)) - 1)
    }

    private static let functionWords = """
        the of and to in a is that for on it with as was by said at from its an be has have are were will \
        which this or but not after their had also more than been would about who over into other could they
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    private static let syllables = [
        "ka", "lo", "mi", "ren", "tos", "vel", "dar", "qui", "zen", "por", "lum", "bex", "sa", "tri", "gon", "mar",
        "eli", "fu", "sto", "nak", "pre", "dun", "ilo", "wes",
    ]

    private static func word(_ number: Int, syllableCount: Int) -> String {
        var value = number
        var result = ""
        for _ in 0..<syllableCount {
            result += syllables[value % syllables.count]
            value /= syllables.count
        }
        return result
    }

    private static let vocabulary = (0..<30_000).map { word($0 &* 7919 % 331_776, syllableCount: 4) }

    private mutating func contentWord() -> String { Self.vocabulary[skewed(Self.vocabulary.count)] }

    private mutating func name() -> String {
        let base = Self.word(skewed(500_000) &* 104_729 % 7_962_624, syllableCount: 5)
        return base.prefix(1).uppercased() + base.dropFirst()
    }

    private mutating func number() -> String {
        switch uniform(3) {
        case 0: return "\(1 + uniform(99)).\(uniform(10))%"
        case 1: return "$\(1 + uniform(99)),\(100 + uniform(900))"
        default: return "\(10 + uniform(990)),000 tonnes"
        }
    }

    struct Facts {
        var names: [String]
        var numbers: [String]
        var topic: [String]
    }

    private mutating func sentence(_ facts: Facts) -> String {
        let length = 12 + uniform(14)
        var words: [String] = []
        for _ in 0..<length {
            let roll = uniform(100)
            if roll < 50 {
                words.append(Self.functionWords[uniform(Self.functionWords.count)])
            } else if roll < 80 {
                words.append(contentWord())
            } else if roll < 92 {
                words.append(facts.topic[uniform(facts.topic.count)])
            } else if roll < 97 {
                words.append(facts.names[uniform(facts.names.count)])
            } else {
                words.append(facts.numbers[uniform(facts.numbers.count)])
            }
        }
        return words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
    }

    private mutating func body(_ facts: Facts) -> [String] {
        (0..<(2 + uniform(4))).map { _ in
            (0..<(1 + uniform(3))).map { _ in sentence(facts) }.joined(separator: " ")
        }
    }

    private mutating func title(_ facts: Facts) -> String {
        var words = [facts.names[0], facts.topic[uniform(facts.topic.count)], contentWord()]
        words.append(facts.numbers[0])
        words.append(facts.topic[uniform(facts.topic.count)])
        if uniform(2) == 0 { words.append(facts.names[1]) }
        return words.joined(separator: " ")
    }

    /// A copy: the same text with a few words changed and a dateline.
    private mutating func copy(of paragraphs: [String]) -> [String] {
        var result = paragraphs.map { paragraph in
            paragraph.split(separator: " ").map { uniform(100) < 3 ? contentWord() : String($0) }.joined(separator: " ")
        }
        result[0] = "LONDON, Oct \(1 + uniform(28)) (Wire) - " + result[0]
        return result
    }

    private mutating func makeStory() {
        storyCount += 1
        let facts = Facts(
            names: (0..<3).map { _ in name() }, numbers: (0..<4).map { _ in number() },
            topic: (0..<6).map { _ in Self.vocabulary[uniform(Self.vocabulary.count)] })
        let time = Double(uniform(Int(window)))
        let original = body(facts)
        let originalTitle = title(facts)
        var items: [(String, [String])] = [(originalTitle, original)]
        for _ in 0..<skewed(8) {
            switch uniform(4) {
            case 0, 1: items.append(("UPDATE 1-" + originalTitle, copy(of: original)))
            case 2: items.append((title(facts), body(facts)))
            default: items.append((title(facts), []))
            }
        }
        for (offset, (title, paragraphs)) in items.enumerated() {
            itemCount += 1
            let input = DedupeInput(
                title: title, summaryText: paragraphs.joined(separator: "\n\n"), contentText: nil,
                canonicalURL: "https://source\(uniform(500)).example.com/news/\(itemCount)",
                eventTime: time + Double(offset * uniform(7200)), identity: "item-\(itemCount)")
            pending.append(GeneratedItem(input: input, story: storyCount))
        }
    }

    /// The next `count` items, whole stories at a time.
    mutating func items(_ count: Int) -> [GeneratedItem] {
        while pending.count < count { makeStory() }
        let result = Array(pending.prefix(count))
        pending.removeFirst(count)
        return result
    }
}
