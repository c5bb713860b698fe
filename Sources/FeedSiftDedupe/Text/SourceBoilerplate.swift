/// An item's text normalized and split into paragraphs: what boilerplate
/// learning and feature extraction both start from. Preparing it is most of
/// the per-item cost of deduplication and needs nothing but the item, so
/// the daemon prepares texts in parallel, before the serial placement.
public struct PreparedText: Sendable {
    let text: ItemText

    public init(title: String, summaryText: String?, contentText: String?) {
        text = ItemText(title: title, summaryText: summaryText, contentText: contentText)
    }

    /// `keepingAllText`: every paragraph keeps its text, not only the
    /// opening's (`ItemText.textWords`).
    init(title: String, summaryText: String?, contentText: String?, keepingAllText: Bool) {
        text = ItemText(
            title: title, summaryText: summaryText, contentText: contentText,
            keepingTextOf: keepingAllText ? .max : ItemText.textWords)
    }
}

/// What one source (feed) repeats around every story it publishes, learned
/// from the source's own recent items: agency headers ("We are a digital
/// agency …"), footers ("Leave a reply", "The post … appeared first on …"),
/// credit lines, headline prefixes and suffixes (`Industry News: …`,
/// `… | Agency Blog`), and links to its other items ("Related posts").
///
/// A sentence is boilerplate when it occurs in at least `minimumItems`
/// items of the source with different headlines. Counting headlines rather
/// than items keeps a story's own text: an original and its `UPDATE 1`
/// share their lead but have one headline between them. The item's own
/// headline inside a sentence counts as a placeholder, so a footer that
/// quotes the headline is one sentence across all items.
public struct SourceBoilerplate: Sendable {
    /// Three items: one repetition can be coincidence or a follow-up story,
    /// three different headlines with one sentence is a template.
    public static let minimumItems = 3

    var sentences: Set<UInt64>
    var titlePrefixes: Set<UInt64>
    var titleSuffixes: Set<UInt64>
    /// The source's headlines (as written and without wire prefix): a
    /// paragraph that is just a headline is a link, not text.
    var headlines: Set<UInt64>

    /// Learns nothing: for sources with no history yet.
    public static let empty = SourceBoilerplate(sentences: [], titlePrefixes: [], titleSuffixes: [], headlines: [])

    init(sentences: Set<UInt64>, titlePrefixes: Set<UInt64>, titleSuffixes: Set<UInt64>, headlines: Set<UInt64>) {
        self.sentences = sentences
        self.titlePrefixes = titlePrefixes
        self.titleSuffixes = titleSuffixes
        self.headlines = headlines
    }

    public init(learningFrom samples: [PreparedText]) {
        self.init(learningFrom: samples.map(BoilerplateEvidence.init))
    }

    /// Learns from what each sample item told when it was new.
    public init(learningFrom samples: [BoilerplateEvidence]) {
        // (key, headline) pairs, sorted below: a set of headlines per
        // distinct sentence cost an allocation and hashing for each of the
        // document's sentences, nearly all of which occur once.
        var sentenceTitles: [KeyAndTitle] = []
        var prefixTitles: [KeyAndTitle] = []
        var suffixTitles: [KeyAndTitle] = []
        var headlines: Set<UInt64> = []
        for sample in samples {
            guard let headline = sample.headline else { continue }
            headlines.insert(headline.full)
            headlines.insert(headline.title)
            for key in sample.sentenceKeys { sentenceTitles.append(KeyAndTitle(key: key, title: headline.title)) }
            if let affixes = sample.affixes {
                prefixTitles.append(KeyAndTitle(key: affixes.prefix, title: headline.title))
                suffixTitles.append(KeyAndTitle(key: affixes.suffix, title: headline.title))
            }
        }
        self.init(
            sentences: Self.frequent(sentenceTitles), titlePrefixes: Self.frequent(prefixTitles),
            titleSuffixes: Self.frequent(suffixTitles), headlines: headlines)
    }

    /// A key seen in an item with this headline.
    private struct KeyAndTitle: Comparable {
        var key: UInt64
        var title: UInt64

        static func < (left: Self, right: Self) -> Bool {
            (left.key, left.title) < (right.key, right.title)
        }
    }

    /// The keys seen with at least `minimumItems` different headlines.
    private static func frequent(_ pairs: [KeyAndTitle]) -> Set<UInt64> {
        var result: Set<UInt64> = []
        let sorted = pairs.sorted()
        var index = 0
        while index < sorted.count {
            let key = sorted[index].key
            var titles = 0
            var previous: UInt64?
            while index < sorted.count && sorted[index].key == key {
                if sorted[index].title != previous {
                    titles += 1
                    previous = sorted[index].title
                }
                index += 1
            }
            if titles >= minimumItems { result.insert(key) }
        }
        return result
    }

    /// Whether nothing was learned.
    public var isEmpty: Bool { sentences.isEmpty && titlePrefixes.isEmpty && titleSuffixes.isEmpty }

    /// The headline without the source's learned prefix and suffix segments.
    func cleanTitle(_ title: String) -> String {
        guard !titlePrefixes.isEmpty || !titleSuffixes.isEmpty else { return title }
        let segments = Headline.segments(title)
        guard segments.count > 1 else { return title }
        var kept = segments[...]
        if let first = kept.first, titlePrefixes.contains(ItemText.key(ItemText.hashes(first))) {
            kept = kept.dropFirst()
        }
        if kept.count > 1, let last = kept.last, titleSuffixes.contains(ItemText.key(ItemText.hashes(last))) {
            kept = kept.dropLast()
        }
        return kept.joined(separator: " ")
    }

    func isBoilerplate(sentenceKey: UInt64) -> Bool { sentences.contains(sentenceKey) }

    func isHeadline(_ key: UInt64) -> Bool { headlines.contains(key) }
}
