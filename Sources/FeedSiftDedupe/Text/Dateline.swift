/// Removes the dateline that wire copies put in front of a story's first
/// paragraph: `BUENOS AIRES, Nov 5 (Example Wire) - `, `LONDON (Reuters) - `,
/// `SAO PAULO, 8 Oct - `. Syndicated copies change or add datelines, so
/// they must not count as text.
///
/// A dateline is a capitalised place name followed by a date, an agency in
/// parentheses or both, then a spaced dash (dashes are already unified by
/// `TextNormalization`). Anything else is left alone.
public enum Dateline {
    static let maximumLength = 100

    public static func strip(_ paragraph: String) -> String {
        // A dateline opens with two capital letters; most paragraphs do not.
        var opening = paragraph.utf8.makeIterator()
        guard let first = opening.next(), let second = opening.next(), isUpper(first), isUpper(second) else {
            return paragraph
        }
        let bytes = Array(paragraph.utf8.prefix(maximumLength + 3))
        guard let dash = separator(in: bytes), isDateline(bytes[0..<dash]) else { return paragraph }
        var start = dash + 2
        while start < bytes.count, bytes[start] == space { start += 1 }
        return String(paragraph.utf8.dropFirst(start)) ?? paragraph
    }

    private static let space = UInt8(ascii: " ")

    /// The index of the first ` - ` within the length limit.
    private static func separator(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 3 else { return nil }
        for index in 1..<(bytes.count - 2) where bytes[index] == UInt8(ascii: "-") {
            if bytes[index - 1] == space && bytes[index + 1] == space { return index - 1 }
        }
        return nil
    }

    private static func isDateline(_ head: ArraySlice<UInt8>) -> Bool {
        var scanner = ByteScanner(head)
        // The place: capital letters and the punctuation of place names.
        guard let first = scanner.peek, isUpper(first) else { return false }
        var letters = 0
        while let byte = scanner.peek, isUpper(byte) || placePunctuation.contains(byte) {
            if isUpper(byte) { letters += 1 }
            scanner.advance()
        }
        guard letters >= 2 else { return false }
        scanner.skipSpaces()
        var hasDate = false
        if scanner.peek == UInt8(ascii: ",") {
            scanner.advance()
            scanner.skipSpaces()
            hasDate = scanner.date()
            guard hasDate else { return false }
            scanner.skipSpaces()
        }
        var hasAgency = false
        if scanner.peek == UInt8(ascii: "(") {
            while let byte = scanner.peek, byte != UInt8(ascii: ")") { scanner.advance() }
            guard scanner.peek == UInt8(ascii: ")") else { return false }
            scanner.advance()
            hasAgency = true
            scanner.skipSpaces()
        }
        return scanner.isAtEnd && (hasDate || hasAgency)
    }

    private static let placePunctuation: Set<UInt8> = [
        UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "'"), UInt8(ascii: "&"), UInt8(ascii: "/"),
        UInt8(ascii: "-"),
    ]

    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// A cursor over the bytes of a dateline candidate.
private struct ByteScanner {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var peek: UInt8? { index < bytes.endIndex ? bytes[index] : nil }
    var isAtEnd: Bool { index >= bytes.endIndex }

    mutating func advance() { index += 1 }

    mutating func skipSpaces() {
        while peek == UInt8(ascii: " ") { advance() }
    }

    /// `Nov 5`, `Nov. 5`, `November 5` or `5 Nov`.
    mutating func date() -> Bool {
        let saved = index
        if month(), skipRequiredSpace(), digits() { return true }
        index = saved
        if digits(), skipRequiredSpace(), month() { return true }
        index = saved
        return false
    }

    private mutating func month() -> Bool {
        guard let first = peek, Dateline.isUpper(first) else { return false }
        advance()
        var length = 1
        while let byte = peek, Dateline.isLower(byte) {
            advance()
            length += 1
        }
        if peek == UInt8(ascii: ".") { advance() }
        return length >= 3 && length <= 9
    }

    private mutating func digits() -> Bool {
        var count = 0
        while let byte = peek, Dateline.isDigit(byte) {
            advance()
            count += 1
        }
        return count >= 1 && count <= 2
    }

    private mutating func skipRequiredSpace() -> Bool {
        guard peek == UInt8(ascii: " ") else { return false }
        skipSpaces()
        return true
    }
}
