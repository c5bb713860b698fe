import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftDedupe

/// `NFKC` replaced Foundation's `precomposedStringWithCompatibilityMapping`
/// (CoreFoundation's normalizer) in text normalization. Every character
/// normalizes as before, and so does real text; where CoreFoundation
/// departed from Unicode's algorithm (`foundationDepartures`), `NFKC`
/// follows Unicode.
@Suite struct NFKCTests {
    /// Scalar by scalar: `String`'s `==` would take canonically equivalent texts as equal.
    static func scalars(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value)
    }

    @Test func everyCharacterNormalizesAsFoundationNormalizedIt() {
        for value in 0..<0x11_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            #expect(
                Self.scalars(NFKC.normalize(text)) == Self.scalars(text.precomposedStringWithCompatibilityMapping),
                "U+\(String(value, radix: 16))")
        }
    }

    @Test func realTextNormalizesAsFoundationNormalizedIt() {
        let samples = [
            "ＬＭＥ tin ＄３４,１５０", "ﬁnal “quote” ‘single’ – dash — em\u{00A0}space", "Zürich Ærø São Paulo ½ µm ²",
            "\u{628}\u{651}\u{64E}", "مُحَمَّد", "\u{5D1}\u{5BC}\u{5B8}", "\u{5E9}\u{5C1}\u{5BC}", "e\u{302}\u{301}",
            "e\u{302}\u{323}", "z\u{30C}\u{323}", "\u{30AB}\u{3099}", "क़ि", "\u{915}\u{93C}", "น้ำ",
            "\u{1100}\u{1161}\u{11A8}",
            "한국어 日本語 Ελληνικά", "\u{3B1}\u{301}\u{345}", "\u{438}\u{306}", "o\u{304}\u{328}", "㍿ ① Ⅻ ℌ Å Ω", "😀\u{301}",
            "\u{1D400}\u{301}", "na\u{0308}ive cafe\u{301}",
        ]
        for sample in samples {
            #expect(
                Self.scalars(NFKC.normalize(sample)) == Self.scalars(sample.precomposedStringWithCompatibilityMapping),
                "\(sample)")
        }
    }

    /// Where CoreFoundation did not follow UAX #15: it composed only within
    /// each base character and the marks after it in the original text (so
    /// half-width ｶﾞ and compatibility jamo stayed apart), composed a
    /// scalar above U+FFFF as if it were its low 16 bits, composed a
    /// leading consonant with U+1176 (no modern vowel), did not know the
    /// marks of Unicode 16, and sorted some marks out of canonical order.
    @Test func foundationDepartures() {
        let cases: [(text: String, unicode: [UInt32], foundation: [UInt32])] = [
            ("\u{FF76}\u{FF9E}", [0x30AC], [0x30AB, 0x3099]),
            ("\u{1100}\u{314F}", [0xAC00], [0x1100, 0x1161]),
            ("a\u{10041}\u{301}", [0x61, 0x10041, 0x301], [0x61, 0xC1]),
            ("\u{1100}\u{1176}", [0x1100, 0x1176], [0xAE4C]),
            ("\u{1ACF}\u{3099}", [0x3099, 0x1ACF], [0x1ACF, 0x3099]),
            ("\u{385}\u{3099}", [0x20, 0x3099, 0x308, 0x301], [0x20, 0x308, 0x3099, 0x301]),
            ("a\u{F73}\u{301}", [0xE1, 0xF71, 0xF72], [0x61, 0xF71, 0xF72, 0x301]),
        ]
        for (text, unicode, foundation) in cases {
            #expect(Self.scalars(NFKC.normalize(text)) == unicode)
            #expect(Self.scalars(text.precomposedStringWithCompatibilityMapping) == foundation)
        }
    }

    @Test func randomTextIsInNormalFormAfterOnePass() {
        let alphabet: [Unicode.Scalar] = [
            "a", "e", "A", " ", "\u{301}", "\u{300}", "\u{308}", "\u{323}", "\u{327}", "\u{345}", "\u{3099}",
            "\u{309A}", "ﬁ", "ﬃ", "①", "½", "µ", "²", "ｶ", "ﾞ", "ｺ", "㍿", "ℌ", "Å", "Ω", "\u{1100}", "\u{1161}",
            "\u{11A8}", "가", "\u{AC01}", "\u{314F}", "\u{0B47}", "\u{0B3E}", "\u{0B57}", "ǅ", "ſ", "\u{1E9B}",
            "\u{0F73}",
            "\u{0F75}", "\u{0F81}", "\u{FB2C}", "\u{05B0}", "\u{05BC}", "é", "ȩ", "\u{2126}", "\u{212B}", "\u{1D400}",
            "\u{1F100}", "\u{3300}", "\u{FDFA}", "\u{2474}", "\u{00A0}", "\u{0149}",
        ]
        var random = SeededRandom(seed: 41)
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0...random.uniform(8) { text.append(random.pick(alphabet)) }
            let normalized = NFKC.normalize(String(text))
            #expect(Self.scalars(NFKC.normalize(normalized)) == Self.scalars(normalized))
        }
    }
}
