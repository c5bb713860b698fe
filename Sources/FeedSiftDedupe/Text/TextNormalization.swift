/// The character-level normalization every text goes through before it is
/// compared: Unicode NFKC (full-width digits, ligatures and compatibility
/// forms become their plain equivalents), typographic quotes and dashes
/// unified to `'` `"` `-`, and no-break or odd spaces made plain spaces.
///
/// Case folding and diacritics are left to `TextTokenizer`, which compares
/// words exactly as the rule language does. Numbers are kept as written.
public enum TextNormalization {
    public static func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            // Pure ASCII is already in normal form: the common case costs one scan.
            guard !isASCII(input) else { return nil }
            return normalized(input)
        } ?? text
    }

    /// Word by word: most words need no Unicode tables (see
    /// `appendWithoutTables`), and NFKC costs several times a
    /// scan, so only the words that need it go through it. Splitting at ASCII
    /// white space is exact: no composition starts or ends there. ASCII is
    /// copied in runs, not byte by byte.
    private static func normalized(_ input: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        // input[..<copied] is in `output`; the bytes after it up to the
        // current one are ASCII, copied unchanged at the next flush.
        var copied = 0
        var wordStart = 0
        var wordOutputStart = 0
        var wordNeedsTables = false
        func flush(to end: Int) {
            if copied < end { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<end])) }
            copied = end
        }
        func endWord(at end: Int) {
            guard wordNeedsTables else { return }
            let word = String(decoding: UnsafeBufferPointer(rebasing: input[wordStart..<end]), as: UTF8.self)
            output.append(contentsOf: withUnicodeTables(word).utf8)
            copied = end
            wordNeedsTables = false
        }
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte < 0x80 {
                index += 1
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                    || byte == UInt8(ascii: "\r")
                {
                    endWord(at: index - 1)
                    wordStart = index
                    // Everything pending before the next word is ASCII.
                    wordOutputStart = output.count + (wordStart - copied)
                }
                continue
            }
            let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            if !wordNeedsTables {
                flush(to: index)
                if appendWithoutTables(input, at: index, length: length, to: &output) {
                    copied = min(index + length, input.count)
                } else {
                    // The whole word goes through the tables at its end.
                    output.removeSubrange(wordOutputStart...)
                    wordNeedsTables = true
                }
            }
            index += length
        }
        endWord(at: input.count)
        if !wordNeedsTables { flush(to: input.count) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether every byte is ASCII, 8 bytes at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        var high: UInt64 = 0
        while index + 8 <= bytes.count {
            high |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(base[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Appends the normal form of the character encoded at `input[start...]`
    /// (`length` bytes, not ASCII) when it is its own NFKC form (the Latin-1
    /// letters and signs) or one `replacement` maps; false, appending
    /// nothing, when it takes Unicode's tables.
    private static func appendWithoutTables(
        _ input: UnsafeBufferPointer<UInt8>, at start: Int, length: Int, to output: inout [UInt8]
    ) -> Bool {
        guard length <= 3, start + length <= input.count else { return false }
        let value: UInt32 =
            length == 2
            ? UInt32(input[start] & 0x1F) << 6 | UInt32(input[start + 1] & 0x3F)
            : UInt32(input[start] & 0x0F) << 12 | UInt32(input[start + 1] & 0x3F) << 6
                | UInt32(input[start + 2] & 0x3F)
        if let replacement = Unicode.Scalar(value).flatMap(replacement(for:)) {
            output.append(UInt8(replacement.value))
        } else if value == 0x2026 {
            output.append(contentsOf: "...".utf8)  // … is "..." in NFKC
        } else if value <= 0xFF && !isLatin1CompatibilityForm(value) {
            output.append(input[start])
            output.append(input[start + 1])
        } else {
            return false
        }
        return true
    }

    /// Latin-1 characters NFKC changes (¨ ª ¯ ² ³ ´ µ ¸ ¹ º ¼ ½ ¾; the
    /// no-break space is a `replacement`).
    private static func isLatin1CompatibilityForm(_ value: UInt32) -> Bool {
        switch value {
        case 0xA8, 0xAA, 0xAF, 0xB2, 0xB3, 0xB4, 0xB5, 0xB8, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE: true
        default: false
        }
    }

    static func withUnicodeTables(_ text: String) -> String {
        let composed = NFKC.normalize(text)
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
