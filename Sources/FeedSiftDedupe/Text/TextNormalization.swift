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
        let composed = text.precomposedStringWithCompatibilityMapping
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(composed.unicodeScalars.count)
        for scalar in composed.unicodeScalars {
            scalars.append(replacement(for: scalar) ?? scalar)
        }
        return String(scalars)
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
