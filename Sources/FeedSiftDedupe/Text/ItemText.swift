import FeedSiftCore

/// An item's text after character normalization: the headline without wire
/// prefixes and the body as paragraphs. The body is the longer of the
/// content and the summary (feeds put an excerpt in one and the full text
/// in the other).
struct ItemText: Sendable {
    /// The headline as written, normalized.
    var fullTitle: String
    /// Without `UPDATE 1-`-style prefixes.
    var title: String
    /// The stable hashes of the folded words of `fullTitle` and `title`,
    /// which boilerplate evidence and the features both compare with.
    var fullTitleHashes: [UInt64]
    var titleHashes: [UInt64]
    var paragraphs: [BodyParagraph]

    /// A body paragraph, tokenized once for everything that reads it:
    /// boilerplate learning, boilerplate removal and the fingerprints.
    struct BodyParagraph: Sendable {
        /// Its text, nil once let go after tokenizing (see
        /// `ItemText.textWords`; the hashes and sentences stay).
        private(set) var text: String?
        /// The stable hashes of its folded words: a slice of one buffer
        /// shared by the item's paragraphs (its indices are the item's word
        /// positions, not from 0).
        private(set) var hashes: ArraySlice<UInt64> = []
        /// Its sentences, each with the range of `hashes` that are its words
        /// (sentences split only between words, so they cover them all): a
        /// slice of one buffer shared by the item's paragraphs, as `hashes`.
        private(set) var sentences: ArraySlice<Sentence> = []

        init(_ text: String) {
            var scratch = Scratch()
            self.init(text, scratch: &scratch)
            hashes = scratch.itemHashes[...]
            sentences = scratch.itemSentences[...]
        }

        /// A sentence's text (nil when the paragraph's was let go).
        func text(of sentence: Sentence) -> Substring? {
            text?.substring(utf8Range: sentence.utf8Range)
        }

        mutating func dropText() {
            text = nil
        }

        /// Where its words and sentences are in the item's buffers.
        private var wordRange: Range<Int> = 0..<0
        private var sentenceRange: Range<Int> = 0..<0

        /// Points `hashes` and `sentences` into the item's buffers, once
        /// they are complete.
        mutating func attach(to itemHashes: [UInt64], _ itemSentences: [Sentence]) {
            hashes = itemHashes[wordRange]
            sentences = itemSentences[sentenceRange]
        }

        /// Buffers that an item's paragraphs are tokenized into, one after
        /// the other, before the words and sentences of all of them are
        /// copied out once at their exact size (`ItemText.init`): arrays
        /// grown from empty cost an allocation per doubling and left up to
        /// half of each unused, and one buffer per item rather than per
        /// paragraph is one block to free, often on another thread (where
        /// glibc takes a lock).
        struct Scratch {
            /// The word hashes and sentences of the item's paragraphs
            /// tokenized so far.
            var itemHashes: [UInt64] = []
            var itemSentences: [Sentence] = []
            /// Where the current paragraph's words start, and its sentences.
            var wordStarts: [Int] = []
            var sentenceRanges: [Range<Int>] = []

            init() {}

            /// Room for a paragraph of `bytes` bytes of ordinary text at once
            /// and a body of `bodyBytes` (a word and its separator take
            /// about five bytes or more).
            init(reservingFor bytes: Int, bodyBytes: Int = 0) {
                wordStarts.reserveCapacity(bytes / 4 + 8)
                sentenceRanges.reserveCapacity(bytes / 32 + 4)
                itemHashes.reserveCapacity(bodyBytes / 4 + 8)
                itemSentences.reserveCapacity(bodyBytes / 32 + 4)
            }
        }

        /// Tokenizes `text`, appending its word hashes and sentences to
        /// `scratch.itemHashes` and `itemSentences`; its sentences' word
        /// ranges are positions in the first. `hashes` and `sentences` are
        /// set once the item's last paragraph is done (`attach`).
        init(_ text: String, scratch: inout Scratch) {
            self.text = text
            let base = scratch.itemHashes.count
            TextBlocks.sentenceRanges(text, into: &scratch.sentenceRanges)
            scratch.wordStarts.removeAll(keepingCapacity: true)
            TextTokenizer.forEachWord(in: text) { word in
                scratch.itemHashes.append(StableHash.of(word.folded))
                scratch.wordStarts.append(word.utf8Range.lowerBound)
            }
            // The paragraph is tokenized once and each word assigned to the
            // first sentence that ends after the word starts. A sentence ends
            // at punctuation (a separator to the tokenizer) and the next
            // starts after spaces, so every word lies inside one sentence,
            // and the words are those each sentence would give alone.
            let firstSentence = scratch.itemSentences.count
            let starts = scratch.wordStarts
            var next = 0
            for range in scratch.sentenceRanges {
                let first = next
                while next < starts.count && starts[next] < range.upperBound { next += 1 }
                scratch.itemSentences.append(Sentence(utf8Range: range, words: (base + first)..<(base + next)))
            }
            // Only words inside a sentence are kept.
            scratch.itemHashes.removeLast(starts.count - next)
            wordRange = base..<(base + next)
            sentenceRange = firstSentence..<scratch.itemSentences.count
        }
    }

    /// A sentence of a paragraph: where it lies in the paragraph's text
    /// and which of its words it has, in 16 bytes (a paragraph of a long
    /// text has hundreds, and every new entry of a document is prepared
    /// before any is analysed). A body is at most `bodyLimit` bytes, far
    /// inside the 32-bit bounds.
    struct Sentence: Sendable {
        private var utf8Start: Int32
        private var utf8End: Int32
        private var firstWord: Int32
        private var endWord: Int32

        init(utf8Range: Range<Int>, words: Range<Int>) {
            utf8Start = Int32(clamping: utf8Range.lowerBound)
            utf8End = Int32(clamping: utf8Range.upperBound)
            firstWord = Int32(clamping: words.lowerBound)
            endWord = Int32(clamping: words.upperBound)
        }

        /// Its bytes in the paragraph's text.
        var utf8Range: Range<Int> { Int(utf8Start)..<Int(utf8End) }
        /// The range of the paragraph's `hashes` that are its words.
        var words: Range<Int> { Int(firstWord)..<Int(endWord) }
    }

    /// Words of body into which paragraphs keep their text: many times the
    /// lead (`FeatureExtractor.leadWords`), the only part of the body read
    /// as text after tokenizing. The paragraphs after are hashes and
    /// sentences only, about 40% less for a long text. Should boilerplate
    /// removal drop so much of the opening that the lead reaches a
    /// paragraph without text, the features are computed again from the
    /// full text.
    static let textWords = 400

    init(title: String, summaryText: String?, contentText: String?, keepingTextOf textWords: Int = textWords) {
        fullTitle = TextNormalization.normalize(title)
        self.title = Headline.withoutWirePrefix(fullTitle)
        fullTitleHashes = Self.hashes(fullTitle)
        titleHashes = self.title == fullTitle ? fullTitleHashes : Self.hashes(self.title)
        let summary = summaryText ?? ""
        let content = contentText ?? ""
        let body = Self.opening(of: content.utf8.count > summary.utf8.count ? content : summary)
        // Datelines are stripped wherever a paragraph opens with one: copies
        // add, change or drop them, and they are never the story's text.
        let texts = TextBlocks.paragraphs(TextNormalization.normalize(body)).map(Dateline.strip)
        var scratch = BodyParagraph.Scratch(
            reservingFor: texts.lazy.map(\.utf8.count).max() ?? 0, bodyBytes: texts.reduce(0) { $0 + $1.utf8.count })
        paragraphs = texts.map { BodyParagraph($0, scratch: &scratch) }
        let itemHashes = scratch.itemHashes[...].exactCopy()
        let itemSentences = scratch.itemSentences[...].exactCopy()
        var words = 0
        for index in paragraphs.indices {
            paragraphs[index].attach(to: itemHashes, itemSentences)
            if words >= textWords { paragraphs[index].dropText() }
            words += paragraphs[index].hashes.count
        }
    }

    /// Bytes of a body compared: about 2,500 words, more than almost any
    /// news story. Two texts that agree on this much are copies, and a
    /// 60 KB long read or a hostile multi-megabyte entry costs no more to
    /// compare than a long story.
    static let bodyLimit = 16_384

    /// At most the first `bodyLimit` bytes of `body`, cut before a space or
    /// line break (or, in text without one, before the limit).
    static func opening(of body: String) -> String {
        let utf8 = body.utf8
        guard utf8.count > bodyLimit else { return body }
        let limit = utf8.index(utf8.startIndex, offsetBy: bodyLimit)
        var end = limit
        while end > utf8.startIndex && utf8[end] != UInt8(ascii: " ") && utf8[end] != UInt8(ascii: "\n") {
            end = utf8.index(before: end)
        }
        // Without white space, the cut may fall inside a character: decoding
        // repairs it.
        return String(decoding: utf8[..<(end > utf8.startIndex ? end : limit)], as: UTF8.self)
    }

    /// The folded words of `text` (at most `limit`), and the same words as
    /// story terms, in one pass: a run of Han or kana characters (one word
    /// each to the tokenizer) gives its overlapping character pairs as
    /// terms, as CJK retrieval does. Single characters are too common to
    /// tell stories apart: two unrelated Chinese reports share most of
    /// theirs, but few pairs. For other text the terms are the words.
    static func wordsAndTerms(_ text: String, limit: Int = .max) -> (words: [String], terms: [String]) {
        // Ideographs start at U+3040, encoded from byte 0xE3 on: text
        // without such bytes (most of it) has its words as its terms.
        guard mayHoldIdeographs(text) else {
            var words: [String] = []
            // Room for every word at once (a word takes at least a byte and
            // a separator), rather than a reallocation per doubling.
            words.reserveCapacity(min(limit, text.utf8.count / 2 + 1))
            guard limit > 0 else { return ([], []) }
            TextTokenizer.forLeadingWords(in: text) { word in
                words.append(word.foldedString)
                return words.count < limit
            }
            return (words, words)
        }
        var words: [String] = []
        var terms: [String] = []
        // The run of ideographs so far: its last character, where it ends,
        // and how long it is (a lone character is a term of its own).
        var run: (last: String, end: Int, length: Int)?
        func endRun() {
            if let pending = run, pending.length == 1 { terms.append(pending.last) }
            run = nil
        }
        guard limit > 0 else { return ([], []) }
        TextTokenizer.forLeadingWords(in: text) { word in
            let folded = word.foldedString
            words.append(folded)
            if !isIdeograph(folded) {
                endRun()
                terms.append(folded)
            } else if let pending = run, pending.end == word.utf8Range.lowerBound {
                terms.append(pending.last + folded)
                run = (folded, word.utf8Range.upperBound, pending.length + 1)
            } else {
                endRun()
                run = (folded, word.utf8Range.upperBound, 1)
            }
            return words.count < limit
        }
        endRun()
        return (words, terms)
    }

    /// Whether `text` holds a byte of 0xE3 or more, the first byte of
    /// U+3040 and above. Eight bytes are read at a time, and only a group
    /// with a non-ASCII byte is looked at byte by byte: iterating the UTF-8
    /// view took 1.3 % of a cold cycle's instructions, for every lead
    /// paragraph of every new item.
    static func mayHoldIdeographs(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index + 8 <= bytes.count {
                let group = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if group & 0x8080_8080_8080_8080 != 0, bytes[index..<(index + 8)].contains(where: { $0 >= 0xE3 }) {
                    return true
                }
                index += 8
            }
            return bytes[index...].contains { $0 >= 0xE3 }
        }
    }

    /// Whether `word` is one Han, Hiragana or Katakana character (the
    /// tokenizer's ideographs).
    private static func isIdeograph(_ word: String) -> Bool {
        // U+3040 and above start with byte 0xE3 or more: ASCII words end here.
        guard let lead = word.utf8.first, lead >= 0xE3 else { return false }
        let scalars = word.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, scalar.value >= 0x3040 else { return false }
        return scalar.properties.isIdeographic || (0x3040...0x30FF).contains(scalar.value)
    }

    /// The stable hashes of the folded words of `text` (the same values
    /// as `words(text).map(StableHash.of)`, without making strings).
    static func hashes(_ text: some StringProtocol) -> [UInt64] {
        var result: [UInt64] = []
        TextTokenizer.forEachWord(in: String(text)) { result.append(StableHash.of($0.folded)) }
        return result
    }

    /// A key for a word sequence: equal keys, equal folded words.
    static func key(_ hashes: some Sequence<UInt64>) -> UInt64 {
        StableHash.of(sequence: hashes)
    }

    /// A sentence's key, with the item's own headline replaced by a
    /// placeholder, so "The post <headline> appeared first on …" is the
    /// same sentence in every item of a site.
    static func sentenceKey(_ sentence: some StringProtocol, headlines: [[UInt64]]) -> UInt64? {
        sentenceKey(words: hashes(sentence)[...], headlines: headlines)
    }

    /// The key of a sentence given as its word hashes.
    static func sentenceKey(words sentence: ArraySlice<UInt64>, headlines: [[UInt64]]) -> UInt64? {
        guard !sentence.isEmpty else { return nil }
        // Most sentences quote no headline: nothing to replace, and no copy.
        let quotesHeadline = headlines.contains { headline in
            !headline.isEmpty && headline.count <= sentence.count && contains(headline, in: sentence)
        }
        guard quotesHeadline else { return StableHash.of(sequence: sentence) }
        var words = Array(sentence)
        for headline in headlines where !headline.isEmpty {
            words = replacing(headline, in: words)
        }
        return key(words)
    }

    private static let placeholder: UInt64 = 0x7ea6_11e0_0000_0001

    /// Whether `sequence` (not empty) occurs in `words` as consecutive words.
    private static func contains(_ sequence: [UInt64], in words: ArraySlice<UInt64>) -> Bool {
        guard let first = sequence.first, sequence.count <= words.count else { return false }
        var index = words.startIndex
        let lastStart = words.endIndex - sequence.count
        while index <= lastStart {
            if words[index] == first && words[index..<(index + sequence.count)].elementsEqual(sequence) {
                return true
            }
            index += 1
        }
        return false
    }

    private static func replacing(_ sequence: [UInt64], in words: [UInt64]) -> [UInt64] {
        guard sequence.count <= words.count, let first = sequence.first else { return words }
        var result: [UInt64] = []
        var index = 0
        while index < words.count {
            if words[index] == first, index + sequence.count <= words.count,
                words[index..<(index + sequence.count)].elementsEqual(sequence)
            {
                result.append(placeholder)
                index += sequence.count
            } else {
                result.append(words[index])
                index += 1
            }
        }
        return result
    }
}

extension ArraySlice where Element: BitwiseCopyable {
    /// The elements in a new array sized for exactly them (`Array(slice)`
    /// may share the whole underlying buffer, slack and all).
    func exactCopy() -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
        }
    }
}
