/// An item's text normalized and split into paragraphs: what boilerplate
/// learning and feature extraction both start from. Preparing it is most of
/// the per-item cost of deduplication and needs nothing but the item, so
/// the daemon prepares texts in parallel, before the serial placement.
public struct PreparedText: Sendable {
    let text: ItemText

    public init(title: String, summaryText: String?, contentText: String?) {
        text = ItemText(title: title, summaryText: summaryText, contentText: contentText)
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
        var sentenceTitles: [UInt64: Set<UInt64>] = [:]
        var prefixTitles: [UInt64: Set<UInt64>] = [:]
        var suffixTitles: [UInt64: Set<UInt64>] = [:]
        var headlines: Set<UInt64> = []
        for sample in samples {
            guard let headline = sample.headline else { continue }
            headlines.insert(headline.full)
            headlines.insert(headline.title)
            for key in sample.sentenceKeys { sentenceTitles[key, default: []].insert(headline.title) }
            if let affixes = sample.affixes {
                prefixTitles[affixes.prefix, default: []].insert(headline.title)
                suffixTitles[affixes.suffix, default: []].insert(headline.title)
            }
        }
        func frequent(_ counts: [UInt64: Set<UInt64>]) -> Set<UInt64> {
            Set(counts.filter { $0.value.count >= Self.minimumItems }.keys)
        }
        self.init(
            sentences: frequent(sentenceTitles), titlePrefixes: frequent(prefixTitles),
            titleSuffixes: frequent(suffixTitles), headlines: headlines)
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
