/// Scalars beyond Latin-1 that are their own NFKC form wherever a word
/// puts them, so `TextNormalization` copies them without Unicode's tables:
/// the letters of Latin Extended-A, Greek and Cyrillic, CJK punctuation,
/// kana and the CJK unified ideographs. Before, every word of a Greek or
/// Russian text, or a Polish or Czech name, went through NFKC, and so did
/// every paragraph of Chinese or Japanese (one word to the normalization,
/// which splits at ASCII white space): a third of the instructions of a
/// cycle over a Chinese feed.
///
/// A scalar qualifies when NFKC leaves it unchanged alone, its canonical
/// combining class is 0 (nothing reorders around it), and it is never the
/// second of a canonical composition (the seconds with class 0 are Hangul
/// jamo and some Indic and Sinhala vowel signs, none in these blocks). What
/// follows it cannot change it either: a mark after it is not stable, and
/// sends the whole word through the tables.
enum NFKCStableScalars {
    static func contains(_ value: UInt32) -> Bool {
        // CJK unified ideographs have no decomposition (the compatibility
        // ideographs, which do, are at U+F900 and U+2F800).
        if value >= 0x4E00 && value <= 0x9FFF { return true }
        if value >= 0x0100 && value < 0x0500 { return table.alphabetic[Int(value - 0x0100)] }
        if value >= 0x3000 && value < 0x3100 { return table.kana[Int(value - 0x3000)] }
        return false
    }

    /// Computed once from Unicode's properties, in well under a
    /// millisecond (NFKC on each scalar took 15 ms).
    private struct Table {
        let alphabetic: [Bool]
        /// CJK punctuation and kana.
        let kana: [Bool]

        init() {
            alphabetic = (0x0100..<0x0500).map(Self.isStable)
            kana = (0x3000..<0x3100).map(Self.isStable)
        }

        /// A starter without a compatibility decomposition that is not one
        /// of the blocks' canonical singletons (U+0374 GREEK NUMERAL SIGN,
        /// U+037E GREEK QUESTION MARK and U+0387 GREEK ANO TELEIA, which NFC
        /// replaces; every other canonical decomposition here NFC composes
        /// back).
        static func isStable(_ value: UInt32) -> Bool {
            guard let scalar = Unicode.Scalar(value), scalar.properties.canonicalCombiningClass == .notReordered
            else { return false }
            return !NFKC.hasCompatibilityDecomposition(value) && value != 0x0374 && value != 0x037E
                && value != 0x0387
        }
    }

    private static let table = Table()
}
