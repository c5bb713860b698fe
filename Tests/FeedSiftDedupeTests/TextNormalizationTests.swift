import FeedSiftCore
import FeedSiftTestSupport
import Testing

@testable import FeedSiftDedupe

/// What every text goes through before comparison: NFKC, unified quotes and
/// dashes, datelines removed, paragraphs and sentences split.
@Suite struct TextNormalizationTests {
    @Test func compatibilityFormsQuotesAndDashesBecomePlain() {
        #expect(TextNormalization.normalize("ＬＭＥ tin ＄３４,１５０") == "LME tin $34,150")
        #expect(
            TextNormalization.normalize("ﬁnal “quote” ‘single’ – dash — em\u{00A0}space")
                == "final \"quote\" 'single' - dash - em space")
        #expect(TextNormalization.normalize("plain ASCII stays") == "plain ASCII stays")
    }

    @Test(arguments: [
        ("LONDON, Oct 6 (Example Wire) - Tin prices rose.", "Tin prices rose."),
        ("SAO PAULO, 8 October - Farmers planted more.", "Farmers planted more."),
        ("BEIJING (Agency) - The ministry said.", "The ministry said."),
        ("NEW YORK, Nov. 12 - Cocoa fell.", "Cocoa fell."),
    ])
    func datelinesAreRemoved(paragraph: String, expected: String) {
        #expect(Dateline.strip(paragraph) == expected)
    }

    @Test(arguments: [
        "US - China talks resume next week, officials said.",
        "The port - which handles most exports - reopened.",
        "EU sanctions on Monday - a new package - were adopted.",
    ])
    func textThatMerelyStartsWithCapitalsIsKept(paragraph: String) {
        #expect(Dateline.strip(paragraph) == paragraph)
    }

    @Test func theShortcutWithoutUnicodeTablesAgreesWithThem() {
        // Every character below U+0100, the mapped punctuation, words that
        // need the tables next to words that do not, combining marks after
        // letters and after spaces.
        var samples = (0x80...0xFF).compactMap { Unicode.Scalar($0).map { "a\(Character($0))b c" } }
        samples += ["\u{2018}q\u{2019} \u{201C}d\u{201D} \u{2013}\u{2014} \u{2026}", "café ½ µm ² São Paulo ™"]
        samples += ["Zürich\u{00A0}–\u{00A0}Ærø", "na\u{0308}ive café", "ﬁ ① x", "日本語 Ελληνικά é"]
        samples += ["a \u{0301}b", "e\u{0301} \u{0308} \n\u{0301}x", "Ⅻ\tｶﾞ\r\n한국어 café"]
        for sample in samples {
            #expect(
                TextNormalization.normalize(sample).utf8.elementsEqual(
                    TextNormalization.withUnicodeTables(sample).utf8),
                "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(TextNormalization.normalize("café – “x”…") == "café - \"x\"...")
    }

    @Test func randomMixesOfWordsThatNeedTheTablesAndWordsThatDoNotAgreeWithThem() {
        // ASCII runs next to shortcut characters, table words in every
        // position (first, last, alone, after a shortcut character in the
        // same word), expansions (ﬃ, ㍿) and all four ASCII spaces.
        let pieces = [
            "tin", "LME", "café", "–", "“q”", "…", "ﬃx", "ｶﾞ", "㍿", "a\u{301}", "\u{301}", "①", "½", "µ", "日本",
            "Zürich", "x–ﬁ", "é²", "\u{00A0}", "2.5%", "",
            // Runs of ASCII longer than the 8 bytes the scan reads at once.
            "shipments", "exports-rose-sharply", "US$1,250,000/t", "a\u{301}ccording-to-officials",
            // Copied without the tables, and their unstable neighbours.
            "Ελληνικά", "ά\u{301}", "ϐ", "΄", ";", "·", "Łódź", "Ĳ", "ŉ", "ſ", "Москва", "й\u{308}", "か\u{3099}",
            "ゟ", "ヿ", "ｶ", "稀土", "中國\u{F900}", "ꙮ", "Ǆ", "商务部：“不是禁令”。", "（２０２５）", "、〃〆〡", "\u{3000}",
            "ＬＭＥ！～｡",
        ]
        let spaces = [" ", "\n", "\t", "\r", "  "]
        var random = SeededRandom(seed: 29)
        for _ in 0..<2_000 {
            var sample = ""
            for _ in 0...random.uniform(12) {
                sample += random.pick(pieces)
                if random.uniform(3) > 0 { sample += random.pick(pieces) }
                sample += random.pick(spaces)
            }
            if random.uniform(2) == 0 { sample.removeLast() }
            #expect(
                TextNormalization.normalize(sample).utf8.elementsEqual(
                    TextNormalization.withUnicodeTables(sample).utf8),
                "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Each scalar copied without the tables is its own NFKC form, after
    /// an ASCII letter and before a space, as the tables give it.
    @Test func everyScalarCopiedWithoutTheTablesIsItsOwnNormalForm() {
        let blocks = [0x0100..<0x0500, 0x3000..<0x3100, 0x4E00..<0xA000]
        var copied = 0
        for value in blocks.joined() {
            guard let scalar = Unicode.Scalar(UInt32(value)), NFKCStableScalars.contains(UInt32(value)) else {
                continue
            }
            copied += 1
            let word = "x\(Character(scalar))y \(Character(scalar))"
            #expect(NFKC.normalize(word).utf8.elementsEqual(word.utf8), "U+\(String(value, radix: 16))")
            #expect(
                TextNormalization.normalize(word).utf8.elementsEqual(TextNormalization.withUnicodeTables(word).utf8))
        }
        #expect(copied > 21_000, "Latin Extended-A, Greek, Cyrillic, kana and the unified ideographs")
        for value in UInt32(0xFF01)...0xFF5E {
            let word = "x\(Character(Unicode.Scalar(value)!))y"
            #expect(
                TextNormalization.normalize(word).utf8.elementsEqual(TextNormalization.withUnicodeTables(word).utf8))
        }
        #expect(!NFKCStableScalars.contains(0x037E) && !NFKCStableScalars.contains(0x0387), "canonical singletons")
        #expect(!NFKCStableScalars.contains(0x3099) && !NFKCStableScalars.contains(0x0301), "combining marks")
    }

    @Test func paragraphsAreSplitAtBlankLinesAndTheirLinesJoined() {
        let text = "First line\nstill first.\n\n  \nSecond paragraph.\n\n\nThird."
        #expect(TextBlocks.paragraphs(text) == ["First line still first.", "Second paragraph.", "Third."])
    }

    /// Paragraphs cut from random texts agree, byte for byte, with joining
    /// every paragraph's trimmed lines by hand: one-line paragraphs (sliced
    /// from the text) and longer ones (joined), marks after a line's
    /// start, CRLF, tabs, non-ASCII at the edges.
    @Test func paragraphsAgreeWithTrimmingAndJoiningLinesByHand() {
        func reference(_ text: String) -> [String] {
            var result: [String] = []
            var current: [String] = []
            // By scalars: as Characters, "\r\n" is one and would not split.
            for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
                var scalars = line
                while let first = scalars.first, [" ", "\t", "\r"].contains(first) { scalars.removeFirst() }
                while let last = scalars.last, [" ", "\t", "\r"].contains(last) { scalars.removeLast() }
                if scalars.isEmpty {
                    if !current.isEmpty { result.append(current.joined(separator: " ")) }
                    current = []
                } else {
                    current.append(String(scalars))
                }
            }
            if !current.isEmpty { result.append(current.joined(separator: " ")) }
            return result
        }
        let pieces = ["Copper", "rose", "\u{301}", "é", "日本", "–", "\n", "\n\n", "\r\n", "\t", " ", "  ", "x"]
        var random = SeededRandom(seed: 41)
        for _ in 0..<2_000 {
            let text = (0..<random.uniform(24)).map { _ in random.pick(pieces) }.joined()
            let expected = reference(text)
            let actual = TextBlocks.paragraphs(text)
            #expect(
                actual.count == expected.count && zip(actual, expected).allSatisfy { $0.utf8.elementsEqual($1.utf8) },
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func sentencesDoNotEndAtInitialsOrAbbreviations() {
        let paragraph =
            "The U.S. Treasury acted on Oct. 16 against Acme Corp. and others. Prices rose 2.5% to $1,200. "
            + "\"It is a ban,\" he said! Is it? Yes."
        #expect(
            TextBlocks.sentences(paragraph).map(String.init) == [
                "The U.S. Treasury acted on Oct. 16 against Acme Corp. and others.", "Prices rose 2.5% to $1,200.",
                "\"It is a ban,\" he said!", "Is it?", "Yes.",
            ])
    }

    /// The end of a paragraph after its last full sentence is trimmed
    /// byte by byte, yet as trimming it by characters does: a carriage
    /// return before a line feed and a space before a combining mark are
    /// parts of characters that are not spaces.
    @Test func theRestOfAParagraphIsTrimmedAsCharactersAre() {
        let pieces = [" ", "\t", "\r", "\n", "\r\n", "\u{301}", "a", "É", "日", "x\u{301}", "."]
        var random = SeededRandom(seed: 29)
        for _ in 0..<3_000 {
            var text = (0...random.uniform(10)).map { _ in random.pick(pieces) }.joined()
            let start = random.uniform(3)
            text = String(repeating: "S", count: start) + text
            let rest = String(text.utf8.dropFirst(start))!
            let piece = rest.trimmingSpaces()
            let lower = start + rest.utf8.distance(from: rest.startIndex, to: piece.startIndex)
            let expected = piece.isEmpty ? nil : lower..<(lower + piece.utf8.count)
            var bytes = text
            let actual = bytes.withUTF8 { TextBlocks.trimmedRest($0, from: start) }
            #expect(actual == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) from \(start)")
        }
    }

    @Test func aParagraphTokenizedOnceGivesEachSentenceTheWordsItHasAlone() {
        // Random paragraphs of awkward pieces: initials, abbreviations,
        // quotes and brackets after a full stop, non-ASCII capitals, Han,
        // combining marks and format characters next to sentence ends,
        // trailing spaces.
        let pieces = [
            "U.S.", "Oct.", "Corp.", "2.5%", "rose.", "fell!", "why?", "\"Ban.\"", "(Note.)", "[x].", "Élysée",
            "straße", "日本語。", "a\u{301}", "\u{301}b", "soft\u{AD}hyphen", "zero\u{200D}width", "It", "The",
            "said", "1,200", "...", "–", "'quoted'", "Yes.", "  ", "\t", "end.\r",
        ]
        var random = SeededRandom(seed: 17)
        for _ in 0..<400 {
            let paragraph = (0...random.uniform(30)).map { _ in random.pick(pieces) }.joined(separator: " ")
            let prepared = ItemText.BodyParagraph(paragraph)
            var expected: [UInt64] = []
            var ranges: [Range<Int>] = []
            for sentence in TextBlocks.sentences(paragraph) {
                let start = expected.count
                TextTokenizer.forEachWord(in: String(sentence)) { expected.append(StableHash.of($0.folded)) }
                ranges.append(start..<expected.count)
            }
            #expect(Array(prepared.hashes) == expected, "\(paragraph)")
            #expect(prepared.sentences.map(\.words) == ranges, "\(paragraph)")
            #expect(
                prepared.sentences.compactMap(prepared.text(of:)) == TextBlocks.sentences(paragraph), "\(paragraph)")
        }
    }

    /// An item's paragraphs share one buffer of word hashes and one of
    /// sentences: each one's are those it has when tokenized alone.
    @Test func anItemsParagraphsShareOneBufferOfWordsAndKeepTheirOwn() {
        var random = SeededRandom(seed: 23)
        let pieces = ["Copper rose.", "Tin fell 3.5% on Monday!", "U.S. tariffs widen", "Why?", "日本語。", "said"]
        for _ in 0..<100 {
            let body = (0...random.uniform(8)).map { _ in
                (0...random.uniform(12)).map { _ in random.pick(pieces) }.joined(separator: " ")
            }.joined(separator: "\n\n")
            let text = ItemText(title: "Metals", summaryText: nil, contentText: body, keepingTextOf: .max)
            var position = 0
            for paragraph in text.paragraphs {
                let alone = ItemText.BodyParagraph(paragraph.text ?? "")
                #expect(paragraph.hashes.startIndex == position, "\(body)")
                #expect(Array(paragraph.hashes) == Array(alone.hashes), "\(body)")
                #expect(paragraph.sentences.count == alone.sentences.count, "\(body)")
                for (sentence, own) in zip(paragraph.sentences, alone.sentences) {
                    #expect(Array(paragraph.hashes[sentence.words]) == Array(alone.hashes[own.words]), "\(body)")
                    #expect(paragraph.text(of: sentence) == alone.text(of: own), "\(body)")
                }
                position = paragraph.hashes.endIndex
            }
        }
    }

    @Test func wirePrefixesAreNotPartOfTheHeadline() {
        #expect(Headline.withoutWirePrefix("UPDATE 2-REFILE-Copper climbs") == "Copper climbs")
        #expect(Headline.withoutWirePrefix("BREAKING: Port strike ends") == "Port strike ends")
        #expect(Headline.withoutWirePrefix("Update on tariffs: what changes") == "Update on tariffs: what changes")
        #expect(Headline.withoutWirePrefix("US tariffs widen") == "US tariffs widen")
    }
}
