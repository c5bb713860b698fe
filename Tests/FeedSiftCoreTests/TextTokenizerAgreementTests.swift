import Testing

@testable import FeedSiftCore

/// The tokenizer scans bytes with fast paths for ASCII; these tests compare
/// it with a plain scalar-by-scalar reading of the same definition on
/// random text mixing every kind of character the definition treats apart.
@Suite("Text tokenizer agrees with the definition")
struct TextTokenizerAgreementTests {
    /// Lower and upper ASCII, digits, punctuation and spaces, Latin letters
    /// with diacritics, ß and dotted İ, combining marks, soft hyphen and
    /// zero-width characters, Han, Hiragana, Katakana (and half-width),
    /// Hangul, Greek, Cyrillic, Arabic-Indic digits, a titlecase letter,
    /// Roman numerals and full-width letters (above the folding table),
    /// emoji, line and ideographic spaces.
    static let alphabet: [Unicode.Scalar] =
        Array("abcxyzAMZ0479 .,-'/:\t\n").flatMap(\.unicodeScalars) + [
            "é", "É", "ß", "İ", "ø", "\u{301}", "\u{308}", "\u{AD}", "\u{200B}", "\u{200D}", "稀", "土", "ひ", "カ",
            "\u{FF76}", "한", "Ω", "ω", "Ж", "\u{663}", "ǅ", "\u{1E9E}", "\u{2160}", "\u{FF21}", "😀", "\u{2028}",
            "\u{3000}", "\u{10400}",
        ]

    @Test("words, positions and ranges of random text")
    func randomText() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        for _ in 0..<5000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<next(40) {
                // Mostly ASCII letters, so long ASCII runs meet the other kinds.
                let scalar = next(3) == 0 ? Self.alphabet[next(Self.alphabet.count)] : Self.alphabet[next(9)]
                scalars.append(scalar)
            }
            let text = String(scalars)
            let first = next(5)
            let expected = Self.referenceTokens(text, firstPosition: first)
            #expect(TextTokenizer.tokens(in: text, firstPosition: first) == expected, "\(text.debugDescription)")
            #expect(
                TextTokenizer.forEachWord(in: text, firstPosition: first) { _ in }
                    == (expected.last.map { $0.position + 1 } ?? first))
        }
    }

    /// The definition read one scalar at a time: letters and digits make
    /// words (ASCII upper case lowered, others folded by the shared table),
    /// ignorable marks join the word they are in, ideographs are words of
    /// their own, everything else separates.
    static func referenceTokens(_ text: String, firstPosition: Int) -> [TextToken] {
        var tokens: [TextToken] = []
        var position = firstPosition
        var word: [UInt8] = []
        var start: Int?
        var end = 0
        var offset = 0
        func finish() {
            if let wordStart = start {
                tokens.append(
                    TextToken(
                        word: String(decoding: word, as: UTF8.self), position: position, utf8Range: wordStart..<end))
                position += 1
            }
            start = nil
            word = []
        }
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            let value = scalar.value
            if value < 0x80 {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    if start == nil { start = offset }
                    word += String(scalar).lowercased().utf8
                    end = offset + width
                } else {
                    finish()
                }
            } else {
                switch NonASCIIFolding.table.characterClass(of: value) {
                case .separator:
                    finish()
                case .ignorable:
                    if start != nil { end = offset + width }
                case .wordCharacter:
                    if start == nil { start = offset }
                    var buffer = FoldBuffer()
                    NonASCIIFolding.table.appendFolded(value, to: &buffer)
                    word += buffer.contents
                    buffer.deallocate()
                    end = offset + width
                case .ideograph:
                    finish()
                    tokens.append(
                        TextToken(word: String(scalar), position: position, utf8Range: offset..<offset + width))
                    position += 1
                }
            }
            offset += width
        }
        finish()
        return tokens
    }
}
