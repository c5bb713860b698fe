import Foundation

/// The character-level normalization every text goes through before it is
/// compared: Unicode NFKC (full-width digits, ligatures and compatibility
/// forms become their plain equivalents), typographic quotes and dashes
/// unified to `'` `"` `-`, and no-break or odd spaces made plain spaces.
///
/// Case folding and diacritics are left to `TextTokenizer`, which compares
/// words exactly as the rule language does. Numbers are kept as written.
public enum TextNormalization {
    public static func normalize(_ text: String) -> String {
        // Pure ASCII is already in normal form: the common case costs one scan.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        // Word by word: most words need no Unicode tables (see
        // `appendWithoutTables`), and Foundation's NFKC costs several times
        // a scan, so only the words that need it go through it. Splitting at
        // ASCII white space is exact: no composition starts or ends there.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let scalars = text.unicodeScalars
        var wordStart = scalars.startIndex
        var wordOffset = 0
        var wordNeedsTables = false
        func finishWord(before end: String.UnicodeScalarView.Index) {
            guard wordNeedsTables else { return }
            bytes.removeSubrange(wordOffset...)
            bytes.append(contentsOf: withUnicodeTables(String(scalars[wordStart..<end])).utf8)
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                finishWord(before: index)
                bytes.append(UInt8(scalar.value))
                wordStart = next
                wordOffset = bytes.count
                wordNeedsTables = false
            } else if !wordNeedsTables && !appendWithoutTables(scalar, to: &bytes) {
                wordNeedsTables = true
            }
            index = next
        }
        finishWord(before: scalars.endIndex)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the normal form of a character that is its own NFKC form
    /// (ASCII, the Latin-1 letters and signs) or one `replacement` maps;
    /// false, appending nothing, when it takes Unicode's tables.
    private static func appendWithoutTables(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else if let replacement = replacement(for: scalar) {
            bytes.append(UInt8(replacement.value))
        } else if value == 0x2026 {
            bytes.append(contentsOf: [0x2E, 0x2E, 0x2E])  // … is "..." in NFKC
        } else if value <= 0xFF && !latin1CompatibilityForms.contains(value) {
            bytes.append(contentsOf: scalar.utf8)
        } else {
            return false
        }
        return true
    }

    /// Latin-1 characters NFKC changes (¨ ª ¯ ² ³ ´ µ ¸ ¹ º ¼ ½ ¾; the
    /// no-break space is a `replacement`).
    private static let latin1CompatibilityForms: Set<UInt32> = [
        0xA8, 0xAA, 0xAF, 0xB2, 0xB3, 0xB4, 0xB5, 0xB8, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE,
    ]

    static func withUnicodeTables(_ text: String) -> String {
        let composed = text.precomposedStringWithCompatibilityMapping
        var bytes: [UInt8] = []
        bytes.reserveCapacity(composed.utf8.count)
        for scalar in composed.unicodeScalars {
            if let replacement = replacement(for: scalar) {
                bytes.append(UInt8(replacement.value))
            } else {
                bytes.append(contentsOf: scalar.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC: "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: "\""
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: "-"
        case 0x00A0, 0x2007, 0x202F, 0x3000: " "
        default: nil
        }
    }
}
