/// How the tokenizer treats a non-ASCII scalar, and what a word character
/// folds to. Built once: scalars below U+2000 (Latin, Greek, Cyrillic,
/// Armenian, Hebrew, Arabic, Indic… and Latin Extended Additional) come from
/// a precomputed table, so folding them costs one array read; rarer scalars
/// are classified through their Unicode properties.
final class NonASCIIFolding: Sendable {
    enum CharacterClass: UInt8 {
        case separator, ignorable, wordCharacter, ideograph
    }

    static let table = NonASCIIFolding()

    private static let tableEnd: UInt32 = 0x2000
    /// Class of each scalar in 0x80..<tableEnd.
    private let classes: [CharacterClass]
    /// `foldedBytes[offsets[i]..<offsets[i + 1]]` is the folded UTF-8 of
    /// scalar `0x80 + i` when it is a word character.
    private let offsets: [Int32]
    private let foldedBytes: [UInt8]

    private init() {
        var classes: [CharacterClass] = []
        var offsets: [Int32] = [0]
        var foldedBytes: [UInt8] = []
        for value in UInt32(0x80)..<Self.tableEnd {
            var characterClass = CharacterClass.separator
            if let scalar = Unicode.Scalar(value) {
                characterClass = Self.classify(scalar)
                if characterClass == .wordCharacter {
                    let folded = Self.fold(scalar)
                    if folded.isEmpty {
                        characterClass = .ignorable
                    } else {
                        foldedBytes.append(contentsOf: folded)
                    }
                }
            }
            classes.append(characterClass)
            offsets.append(Int32(foldedBytes.count))
        }
        self.classes = classes
        self.offsets = offsets
        self.foldedBytes = foldedBytes
    }

    @inline(__always)
    func characterClass(of value: UInt32) -> CharacterClass {
        if value < Self.tableEnd { return classes[Int(value) - 0x80] }
        if value >= 0x4E00 && value <= 0x9FFF { return .ideograph }  // the common Han block, without a lookup
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        return Self.classify(scalar)
    }

    @inline(__always)
    func appendFolded(_ value: UInt32, to buffer: inout FoldBuffer) {
        if value < Self.tableEnd {
            let index = Int(value) - 0x80
            for offset in Int(offsets[index])..<Int(offsets[index + 1]) { buffer.append(foldedBytes[offset]) }
            return
        }
        guard let scalar = Unicode.Scalar(value) else { return }
        let folded = scalar.properties.changesWhenLowercased ? scalar.properties.lowercaseMapping : String(scalar)
        for byte in folded.utf8 { buffer.append(byte) }
    }

    private static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber:
            return isIdeograph(scalar.value) ? .ideograph : .wordCharacter
        case .nonspacingMark, .spacingMark, .enclosingMark, .format:
            return .ignorable
        default:
            return .separator
        }
    }

    /// Case-folded, diacritics removed, marks dropped: `É` → `e`, `ß` → `ss`
    /// (as Foundation's case- and diacritic-insensitive folding does).
    private static func fold(_ scalar: Unicode.Scalar) -> [UInt8] {
        let folded =
            FoldingExceptions.table[scalar.value]
            ?? Array(
                (scalar.properties.changesWhenLowercased ? scalar.properties.lowercaseMapping : String(scalar))
                    .unicodeScalars)
        var bytes: [UInt8] = []
        for part in folded where classify(part) == .wordCharacter {
            bytes.append(contentsOf: String(part).utf8)
        }
        return bytes
    }

    /// Han (CJK ideographs and their extensions, compatibility ideographs,
    /// 々 〆 〇), Hiragana and Katakana (with the phonetic extensions and
    /// half-width forms): each such character is a word of its own.
    private static func isIdeograph(_ value: UInt32) -> Bool {
        switch value {
        case 0x3005...0x3007, 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xF900...0xFAFF, 0xFF66...0xFF9D, 0x1B000...0x1B16F, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }
}
