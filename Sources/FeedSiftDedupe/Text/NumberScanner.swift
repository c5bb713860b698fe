/// Finds the numbers in a text.
public enum NumberScanner {
    static let maximumDigits = 15

    public static func numbers(in text: String, inTitle: Bool) -> [NumberMention] {
        let bytes = Array(text.utf8)
        var result: [NumberMention] = []
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]) && bytes[index - 1] != dot else {
                index += 1
                continue
            }
            let (number, end) = scan(bytes, from: index, inTitle: inTitle)
            if let number { result.append(number) }
            index = max(end, index + 1)
        }
        return result
    }

    private static let dot = UInt8(ascii: ".")
    private static let comma = UInt8(ascii: ",")

    /// Reads `1,234.5 million` from `start`; returns the number (nil when it
    /// is a year, a day of the month or too long) and where it ended.
    private static func scan(_ bytes: [UInt8], from start: Int, inTitle: Bool) -> (NumberMention?, Int) {
        var digits: [UInt8] = []
        var index = start
        while index < bytes.count, isDigit(bytes[index]) {
            digits.append(bytes[index])
            index += 1
        }
        // Thousands separators: only after 1-3 leading digits, in groups of three.
        if digits.count <= 3 {
            while isThousandsGroup(bytes, at: index) {
                digits.append(contentsOf: bytes[(index + 1)..<(index + 4)])
                index += 4
            }
        }
        var decimals = 0
        if index + 1 < bytes.count, bytes[index] == dot, isDigit(bytes[index + 1]) {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                digits.append(bytes[index])
                decimals += 1
                index += 1
            }
        }
        let afterNumber = index
        var multiplier = 0
        var wordEnd = index
        if let (power, end) = multiplierWord(bytes, from: index) {
            multiplier = power
            wordEnd = end
        }
        let end = multiplier > 0 ? wordEnd : afterNumber
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        guard significant.count <= maximumDigits else { return (nil, end) }
        var mantissa: Int64 = 0
        for digit in significant { mantissa = mantissa * 10 + Int64(digit - UInt8(ascii: "0")) }
        var exponent = multiplier - decimals
        if mantissa == 0 {
            exponent = 0
        } else {
            while mantissa % 10 == 0 {
                mantissa /= 10
                exponent += 1
            }
        }
        let isPlainInteger = decimals == 0 && multiplier == 0
        if isPlainInteger && significant.count <= 4 {
            let value = significant.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            if significant.count == 4 && value >= 1900 && value <= 2100 { return (nil, end) }
            if value >= 1 && value <= 31 && isNextToMonth(bytes, start: start, end: afterNumber) { return (nil, end) }
        }
        return (NumberMention(mantissa: mantissa, exponent: Int8(clamping: exponent), inTitle: inTitle), end)
    }

    /// `,` followed by exactly three digits.
    private static func isThousandsGroup(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 3 < bytes.count, bytes[index] == comma else { return false }
        guard bytes[(index + 1)...(index + 3)].allSatisfy(isDigit) else { return false }
        return index + 4 == bytes.count || !isDigit(bytes[index + 4])
    }

    /// Powers of ten by the words that name them.
    private static let multipliers = ShortWordTable([
        ("thousand", 3), ("million", 6), ("mln", 6), ("billion", 9), ("bln", 9), ("bn", 9), ("trillion", 12),
    ])

    private static func multiplierWord(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let wordStart = index
        while index < bytes.count, isLetter(bytes[index]) { index += 1 }
        guard index > wordStart, let power = multipliers[bytes: lowercased(bytes[wordStart..<index])] else {
            return nil
        }
        return (power, index)
    }

    private static let months = ShortWordTable(words: [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    ])

    /// `Oct. 1`, `Nov 5`, `12 October`: the number is a day, not a fact.
    private static func isNextToMonth(_ bytes: [UInt8], start: Int, end: Int) -> Bool {
        var index = start
        while index > 0, bytes[index - 1] == UInt8(ascii: " ") || bytes[index - 1] == dot { index -= 1 }
        let previousEnd = index
        while index > 0, isLetter(bytes[index - 1]) { index -= 1 }
        if previousEnd > index, months.contains(bytes: lowercased(bytes[index..<previousEnd])) { return true }
        index = end
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let nextStart = index
        while index < bytes.count, isLetter(bytes[index]) { index += 1 }
        return index > nextStart && months.contains(bytes: lowercased(bytes[nextStart..<index]))
    }

    /// ASCII letters folded to lower case, without copying.
    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> LazyMapSequence<ArraySlice<UInt8>, UInt8> {
        bytes.lazy.map { $0 | 0x20 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
    /// Letters, digits, underscore and any non-ASCII byte (a letter in another script).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
