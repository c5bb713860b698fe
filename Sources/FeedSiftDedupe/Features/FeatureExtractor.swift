/// An item as it arrives, in the terms deduplication needs.
public struct DedupeInput: Sendable {
    public var title: String
    public var summaryText: String?
    public var contentText: String?
    /// `CanonicalURL.canonicalize(link)`.
    public var canonicalURL: String?
    /// Publication date, else update date, else first-seen time (seconds
    /// since 1970).
    public var eventTime: Double
    /// Something unique and stable about the item (its entry id or link),
    /// to order items with equal event times the same way on every run.
    public var identity: String

    public init(
        title: String, summaryText: String?, contentText: String?, canonicalURL: String?, eventTime: Double,
        identity: String
    ) {
        self.title = title
        self.summaryText = summaryText
        self.contentText = contentText
        self.canonicalURL = canonicalURL
        self.eventTime = eventTime
        self.identity = identity
    }
}

/// Computes `ItemFeatures` from an item's text: normalization, the source's
/// boilerplate and datelines removed, then fingerprints, shingles and the
/// weighted terms of headline and lead.
public struct FeatureExtractor: Sendable {
    /// The lead: the first 60 words of the cleaned body (about the first
    /// two paragraphs of a news story, where its facts are).
    public static let leadWords = 60
    /// A body shorter than this is not a text of its own (a headline with a
    /// byline or a "read more"), so the item counts as headline-only.
    public static let minimumBodyWords = 12
    /// An exact body fingerprint needs at least this many words to mean
    /// "the same text" rather than "the same short phrase".
    public static let fingerprintWords = 15
    /// Headline and lead terms kept per item (headline terms and numbers
    /// first): enough for a 60-word lead, a bound on memory per item.
    public static let maximumTerms = 40

    public init() {}

    public func features(of input: DedupeInput, boilerplate: SourceBoilerplate) -> ItemFeatures {
        features(
            of: input,
            text: PreparedText(title: input.title, summaryText: input.summaryText, contentText: input.contentText),
            boilerplate: boilerplate)
    }

    /// The features of `input`, whose text was prepared beforehand.
    public func features(of input: DedupeInput, text prepared: PreparedText, boilerplate: SourceBoilerplate)
        -> ItemFeatures
    {
        let text = prepared.text
        let title = boilerplate.cleanTitle(text.title)
        let (titleWords, titleTerms) = ItemText.wordsAndTerms(title)
        // The headline as compared: without the source's affixes, if any.
        let titleHashes = title == text.title ? text.titleHashes : titleWords.map(StableHash.of)
        let strippedTitleHashes = text.titleHashes
        let headlines = [text.fullTitleHashes, strippedTitleHashes, titleHashes]
        let body = cleanBody(text.paragraphs, boilerplate: boilerplate, headlines: headlines)
        var bodyHashes = body.flatMap(\.hashes)
        let isHeadlineOnly =
            bodyHashes.count < Self.minimumBodyWords || bodyHashes == titleHashes || bodyHashes == strippedTitleHashes
        var leadText: [String] = []
        var leadWords: [String] = []
        var leadTerms: [String] = []
        if isHeadlineOnly {
            bodyHashes = []
        } else {
            for paragraph in body where leadWords.count < Self.leadWords {
                guard let paragraphText = paragraph.text else {
                    // The lead reaches past the paragraphs that kept their
                    // text: rare, since that is many times the lead.
                    let full = PreparedText(
                        title: input.title, summaryText: input.summaryText, contentText: input.contentText,
                        keepingAllText: true)
                    return features(of: input, text: full, boilerplate: boilerplate)
                }
                leadText.append(paragraphText)
                let (words, terms) = ItemText.wordsAndTerms(paragraphText, limit: Self.leadWords - leadWords.count)
                leadWords += words
                leadTerms += terms
            }
        }

        let numbers = Self.mergedNumbers(
            NumberScanner.numbers(in: title, inTitle: true),
            NumberScanner.numbers(in: leadText.joined(separator: " "), inTitle: false))
        let (terms, termWords) = Self.terms(titleWords: titleTerms, leadWords: leadTerms, numbers: numbers)
        var direction = NewsCues.direction(of: titleWords)
        if direction == .none { direction = NewsCues.direction(of: leadWords.prefix(25)) }

        let shingles = Self.shingles(bodyHashes)
        return ItemFeatures(
            eventTime: input.eventTime,
            orderKey: StableHash.of(input.identity),
            urlKey: input.canonicalURL.map { StableHash.of($0) | 1 } ?? 0,
            bodyKey: bodyHashes.count >= Self.fingerprintWords ? ItemText.key(bodyHashes) | 1 : 0,
            headlineKey: titleHashes.isEmpty ? 0 : ItemText.key(titleHashes) | 1,
            isHeadlineOnly: isHeadlineOnly,
            shingleCount: shingles.count,
            signature: MinHashSignature.of(shingles),
            terms: terms,
            numbers: numbers,
            direction: direction,
            periods: NewsCues.periods(in: titleWords),
            subjects: NewsCues.subjects(in: titleWords),
            termWords: termWords)
    }

    /// A body paragraph and its word hashes (its text nil when it was
    /// not kept, see `ItemText.textWords`).
    struct Paragraph {
        var text: String?
        var hashes: ArraySlice<UInt64>
    }

    /// The body without what is not the story's own text: paragraphs that
    /// are just a headline (the item's own, or a link to another item of the
    /// source) and the source's boilerplate sentences.
    private func cleanBody(
        _ paragraphs: [ItemText.BodyParagraph], boilerplate: SourceBoilerplate, headlines: [[UInt64]]
    ) -> [Paragraph] {
        var result: [Paragraph] = []
        for paragraph in paragraphs {
            let hashes = paragraph.hashes
            if hashes.isEmpty || headlines.contains(where: { $0[...] == hashes })
                || boilerplate.isHeadline(ItemText.key(hashes))
            {
                continue
            }
            guard !boilerplate.sentences.isEmpty else {
                result.append(Paragraph(text: paragraph.text, hashes: hashes))
                continue
            }
            func isDropped(_ sentence: ItemText.Sentence) -> Bool {
                guard let key = ItemText.sentenceKey(words: hashes[sentence.words], headlines: headlines) else {
                    return true
                }
                return boilerplate.isBoilerplate(sentenceKey: key)
            }
            // Most paragraphs keep every sentence: no list of kept ones then.
            guard let firstDropped = paragraph.sentences.firstIndex(where: isDropped) else {
                result.append(Paragraph(text: paragraph.text, hashes: hashes))
                continue
            }
            let kept =
                paragraph.sentences[..<firstDropped]
                + paragraph.sentences[(firstDropped + 1)...].filter { !isDropped($0) }
            if !kept.isEmpty {
                let text = paragraph.text == nil ? nil : kept.compactMap(paragraph.text(of:)).joined(separator: " ")
                result.append(Paragraph(text: text, hashes: ArraySlice(kept.flatMap { hashes[$0.words] })))
            }
        }
        return result
    }

    /// Distinct word 3-shingles of the body (given as word hashes), in
    /// order of first occurrence.
    static func shingles(_ hashes: [UInt64]) -> [UInt64] {
        guard hashes.count >= 3 else { return [] }
        let count = hashes.count - 2
        // Duplicates are dropped with an open-addressing set at most half
        // full, indexed by the (well-mixed) shingle's low bits: linear in
        // the body's length, where sorting it was not. 0 marks an empty
        // bucket, so a zero shingle is tracked apart.
        var capacity = 16
        while capacity < 2 * count { capacity <<= 1 }
        let mask = capacity - 1
        var seen = [UInt64](repeating: 0, count: capacity)
        var sawZero = false
        var unique: [UInt64] = []
        unique.reserveCapacity(count)
        for index in 0..<count {
            let value = StableHash.combine(StableHash.combine(hashes[index], hashes[index + 1]), hashes[index + 2])
            if value == 0 {
                if !sawZero { unique.append(value) }
                sawZero = true
                continue
            }
            var bucket = Int(truncatingIfNeeded: value) & mask
            while seen[bucket] != 0 && seen[bucket] != value { bucket = (bucket + 1) & mask }
            if seen[bucket] == 0 {
                seen[bucket] = value
                unique.append(value)
            }
        }
        return unique
    }

    /// One mention per value; a value the headline states counts as a
    /// headline number.
    static func mergedNumbers(_ title: [NumberMention], _ lead: [NumberMention]) -> [NumberMention] {
        var result: [NumberMention] = []
        for number in title + lead {
            if let index = result.firstIndex(where: { $0.sameValue(number) }) {
                result[index].inTitle = result[index].inTitle || number.inTitle
            } else {
                result.append(number)
            }
        }
        return result
    }

    /// Weighted terms: headline words count twice (a headline is the
    /// densest statement of the event), lead words once, numbers as terms
    /// of their own. Headline terms and numbers are kept first, then lead
    /// terms by weight, at most `maximumTerms`.
    static func terms(titleWords: [String], leadWords: [String], numbers: [NumberMention]) -> (
        [UInt32], [String]
    ) {
        // Candidates refer to their word by its place in the inputs
        // (`source`): a struct of plain integers sorts, merges and copies
        // without a reference count per move.
        struct Candidate {
            var hash: UInt64
            var weight: Int
            var priority: Int
            var order: Int
            var source: Int
        }
        let numberTexts = numbers.map(\.canonicalText)
        func word(_ source: Int) -> String {
            if source < titleWords.count { return titleWords[source] }
            if source < titleWords.count + leadWords.count { return leadWords[source - titleWords.count] }
            return numberTexts[source - titleWords.count - leadWords.count]
        }
        var candidates: [Candidate] = []
        candidates.reserveCapacity(titleWords.count + leadWords.count + numbers.count)
        for (index, word) in titleWords.enumerated() where isTerm(word) {
            candidates.append(
                Candidate(hash: StableHash.of(word), weight: 2, priority: 1, order: candidates.count, source: index))
        }
        for (index, word) in leadWords.enumerated() where isTerm(word) {
            candidates.append(
                Candidate(
                    hash: StableHash.of(word), weight: 1, priority: 0, order: candidates.count,
                    source: titleWords.count + index))
        }
        for (index, number) in numbers.enumerated() {
            candidates.append(
                Candidate(
                    hash: StableHash.of("#" + numberTexts[index]), weight: number.inTitle ? 2 : 1, priority: 2,
                    order: candidates.count, source: titleWords.count + leadWords.count + index))
        }
        // Merge repeated terms (sorted by id, first occurrence first): sort
        // keys packing id and order.
        var keys = candidates.indices.map { UInt64(candidates[$0].hash >> 36) << 32 | UInt64($0) }
        keys.sort()
        var merged: [Candidate] = []
        merged.reserveCapacity(candidates.count)
        for key in keys {
            let candidate = candidates[Int(key & 0xFFFF_FFFF)]
            if let last = merged.last, last.hash >> 36 == candidate.hash >> 36 {
                merged[merged.count - 1].weight += candidate.weight
                merged[merged.count - 1].priority = max(last.priority, candidate.priority)
            } else {
                merged.append(candidate)
            }
        }
        if merged.count > maximumTerms {
            // Headline terms and numbers first, then by weight, then in order
            // of appearance; the kept ones back in id order. Packed keys
            // again: priority, weight, order, then the index in `merged`.
            var ranked = merged.indices.map { index in
                let candidate = merged[index]
                let rank = UInt64(2 - candidate.priority) << 62 | UInt64(0x3FFF - min(candidate.weight, 0x3FFF)) << 48
                return rank | UInt64(min(candidate.order, 0xFF_FFFF)) << 24 | UInt64(index)
            }
            ranked.sort()
            var kept = ranked.prefix(maximumTerms).map { Int($0 & 0xFF_FFFF) }
            kept.sort()
            merged = kept.map { merged[$0] }
        }
        return (
            merged.map { TermEntry.id(ofHash: $0.hash) << 4 | min(UInt32($0.weight), TermEntry.maximumWeight) },
            merged.map { word($0.source) }
        )
    }

    /// A word that can say which event a story is about: not a stop word,
    /// not a bare number (numbers are collected with their value), not a
    /// single Latin letter.
    static func isTerm(_ word: String) -> Bool {
        guard !StopWords.contains(word) else { return false }
        if word.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return false }
        return word.utf8.count > 1 || word.utf8.first.map { $0 >= 0x80 } ?? false
    }
}
