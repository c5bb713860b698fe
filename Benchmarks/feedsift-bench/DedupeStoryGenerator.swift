import FeedSiftDedupe
import FeedSiftTestSupport
import FoundationEssentials

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
    private var random: SeededRandom
    private let window: Double
    private var storyCount: Int64 = 0
    private var itemCount = 0
    private var pending: [GeneratedItem] = []

    init(seed: UInt64, window: Double) {
        random = SeededRandom(seed: seed)
        self.window = window
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

    private mutating func contentWord() -> String { Self.vocabulary[random.skewed(Self.vocabulary.count)] }

    private mutating func name() -> String {
        let base = Self.word(random.skewed(500_000) &* 104_729 % 7_962_624, syllableCount: 5)
        return base.prefix(1).uppercased() + base.dropFirst()
    }

    private mutating func number() -> String {
        switch random.uniform(3) {
        case 0: return "\(1 + random.uniform(99)).\(random.uniform(10))%"
        case 1: return "$\(1 + random.uniform(99)),\(100 + random.uniform(900))"
        default: return "\(10 + random.uniform(990)),000 tonnes"
        }
    }

    struct Facts {
        var names: [String]
        var numbers: [String]
        var topic: [String]
    }

    private mutating func sentence(_ facts: Facts) -> String {
        let length = 12 + random.uniform(14)
        var words: [String] = []
        for _ in 0..<length {
            let roll = random.uniform(100)
            if roll < 50 {
                words.append(Self.functionWords[random.uniform(Self.functionWords.count)])
            } else if roll < 80 {
                words.append(contentWord())
            } else if roll < 92 {
                words.append(facts.topic[random.uniform(facts.topic.count)])
            } else if roll < 97 {
                words.append(facts.names[random.uniform(facts.names.count)])
            } else {
                words.append(facts.numbers[random.uniform(facts.numbers.count)])
            }
        }
        return words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
    }

    private mutating func body(_ facts: Facts) -> [String] {
        (0..<(2 + random.uniform(4))).map { _ in
            (0..<(1 + random.uniform(3))).map { _ in sentence(facts) }.joined(separator: " ")
        }
    }

    private mutating func title(_ facts: Facts) -> String {
        var words = [facts.names[0], facts.topic[random.uniform(facts.topic.count)], contentWord()]
        words.append(facts.numbers[0])
        words.append(facts.topic[random.uniform(facts.topic.count)])
        if random.uniform(2) == 0 { words.append(facts.names[1]) }
        return words.joined(separator: " ")
    }

    /// A copy: the same text with a few words changed and a dateline.
    private mutating func copy(of paragraphs: [String]) -> [String] {
        var result = paragraphs.map { paragraph in
            paragraph.split(separator: " ").map { random.uniform(100) < 3 ? contentWord() : String($0) }.joined(
                separator: " ")
        }
        result[0] = "LONDON, Oct \(1 + random.uniform(28)) (Wire) - " + result[0]
        return result
    }

    private mutating func makeStory() {
        storyCount += 1
        let facts = Facts(
            names: (0..<3).map { _ in name() }, numbers: (0..<4).map { _ in number() },
            topic: (0..<6).map { _ in Self.vocabulary[random.uniform(Self.vocabulary.count)] })
        let time = Double(random.uniform(Int(window)))
        let original = body(facts)
        let originalTitle = title(facts)
        var items: [(String, [String])] = [(originalTitle, original)]
        for _ in 0..<random.skewed(8) {
            switch random.uniform(4) {
            case 0, 1: items.append(("UPDATE 1-" + originalTitle, copy(of: original)))
            case 2: items.append((title(facts), body(facts)))
            default: items.append((title(facts), []))
            }
        }
        for (offset, (title, paragraphs)) in items.enumerated() {
            itemCount += 1
            let input = DedupeInput(
                title: title, summaryText: paragraphs.joined(separator: "\n\n"), contentText: nil,
                canonicalURL: "https://source\(random.uniform(500)).example.com/news/\(itemCount)",
                eventTime: time + Double(offset * random.uniform(7200)), identity: "item-\(itemCount)")
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
