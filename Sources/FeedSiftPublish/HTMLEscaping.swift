/// Escapes text for HTML element content and double- or single-quoted
/// attribute values, dropping control characters (C0 other than tab and
/// line feed, DEL and C1): the digest's HTML part and the sources line in
/// the Atom feed's summaries.
enum HTMLEscaping {
    static func text(_ value: String) -> String {
        // Most text (feed names, headlines) has nothing to escape or drop:
        // one pass over the bytes, and the string is returned as it is.
        // 0xC2 leads U+0080–U+00BF, which holds the C1 controls.
        guard value.utf8.contains(where: needsWork) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": continue
            case _ where (0x7F...0x9F).contains(scalar.value): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x0A: false
        case ..<0x20, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x7F, 0xC2: true
        default: false
        }
    }
}
