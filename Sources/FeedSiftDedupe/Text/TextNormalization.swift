import Glibc

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
            guard firstNonASCII(input, from: 0) < input.count else { return nil }
            return normalized(input)
        } ?? text
    }

    /// Word by word: most words need no Unicode tables (see
    /// `appendWithoutTables`), and NFKC costs several times a scan, so only
    /// the words that need it go through it. Splitting at ASCII white space
    /// is exact: no composition starts or ends there.
    ///
    /// ASCII is copied unchanged, so the pass jumps from one non-ASCII
    /// character to the next, 8 bytes at a time, and copies the ASCII
    /// between in one run; only there does it look back for the start of
    /// the character's word. Checking every byte for white space made this
    /// 4.5 % of a cold cycle's instructions, for text that is mostly ASCII
    /// with a typographic quote or dash every few sentences.
    ///
    /// Returns nil when the text is already in normal form.
    private static func normalized(_ input: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        // input[..<copied] is in `output`; from there to `index` all is ASCII.
        var copied = 0
        // Where the current word starts, in the input and (once the ASCII
        // before it is copied) in the output.
        var wordStart = 0
        var wordOutputStart = 0
        var index = 0
        while true {
            index = firstNonASCII(input, from: index)
            if index == input.count { break }
            if let space = lastWhiteSpace(input, from: copied, before: index) {
                wordStart = space + 1
                wordOutputStart = output.count + (wordStart - copied)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<index]))
            let byte = input[index]
            let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            if appendWithoutTables(input, at: index, length: length, to: &output) {
                index = min(index + length, input.count)
                copied = index
                continue
            }
            // The whole word goes through the tables, what was written of it
            // included.
            let end = firstWhiteSpace(input, from: index)
            output.removeSubrange(wordOutputStart...)
            let word = String(decoding: UnsafeBufferPointer(rebasing: input[wordStart..<end]), as: UTF8.self)
            output.append(contentsOf: withUnicodeTables(word).utf8)
            index = end
            copied = end
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied...]))
        // Text whose non-ASCII characters are all their own normal form
        // (accented Latin, Greek, Cyrillic, CJK) comes out unchanged: the
        // caller keeps its string rather than validating a copy.
        if output.withUnsafeBufferPointer({ isSame($0, input) }) { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the two hold the same bytes (`memcmp`, after the counts).
    private static func isSame(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Bool {
        guard first.count == second.count else { return false }
        guard let firstBase = first.baseAddress, let secondBase = second.baseAddress else { return true }
        return memcmp(firstBase, secondBase, first.count) == 0
    }

    /// The index of the first byte from `start` on that is not ASCII, or
    /// `input.count`; 8 bytes at a time while 8 remain.
    private static func firstNonASCII(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = input.baseAddress else { return input.count }
        var index = start
        while index + 8 <= input.count {
            let high = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            if high != 0 { return index + UInt64(littleEndian: high).trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < input.count && input[index] < 0x80 { index += 1 }
        return index
    }

    /// The last ASCII space, line break, tab or carriage return in
    /// `input[start..<end]`, looking back from `end`.
    private static func lastWhiteSpace(_ input: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int? {
        var index = end - 1
        while index >= start {
            if isWhiteSpace(input[index]) { return index }
            index -= 1
        }
        return nil
    }

    /// The first ASCII white space from `start` on, or `input.count`.
    private static func firstWhiteSpace(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < input.count && !isWhiteSpace(input[index]) { index += 1 }
        return index
    }

    @inline(__always)
    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r")
    }

    /// Appends the normal form of the character encoded at `input[start...]`
    /// (`length` bytes, not ASCII) when it is its own NFKC form (the Latin-1
    /// letters and signs, `NFKCStableScalars`) or one `replacement` maps;
    /// false, appending nothing, when it takes Unicode's tables.
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
        } else if value >= 0xFF01 && value <= 0xFF5E {
            output.append(UInt8(value - 0xFEE0))  // full-width ASCII, as Chinese text writes ，：（）
        } else if value > 0xFF && NFKCStableScalars.contains(value) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<(start + length)]))
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
