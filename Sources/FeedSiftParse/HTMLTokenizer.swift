/// A forgiving byte-level HTML tokenizer over UTF-8. Tokens are ranges into
/// the input, so tokenizing allocates nothing; attribute lists are parsed
/// only when asked for.
///
/// It follows the HTML parsing rules where they matter for safety: tag and
/// attribute names are case-insensitive, attribute values may be quoted
/// either way or unquoted, the content of raw-text elements (`script`,
/// `style`, …) is one token up to the matching end tag, and comments,
/// doctypes, CDATA sections and processing instructions never yield text.
struct HTMLTokenizer {
    enum Token {
        case text(Range<Int>)
        /// `name` is the tag name; `attributes` the bytes between the name and `>`.
        case startTag(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case endTag(name: Range<Int>)
        /// The content of a raw-text element, up to (not including) its end tag.
        case rawText(Range<Int>)
        case ignorable
    }

    let input: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// Set after a start tag of a raw-text element: the next token is its content.
    private var rawTextEnd: [UInt8]?

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    mutating func next() -> Token? {
        let count = input.count
        guard position < count, let base = input.baseAddress else { return nil }
        if let endName = rawTextEnd {
            rawTextEnd = nil
            return rawText(until: endName)
        }
        if base[position] != UInt8(ascii: "<") {
            let start = position
            position = ByteScan.first(UInt8(ascii: "<"), in: base, from: position, to: count)
            return .text(start..<position)
        }
        // At "<".
        guard position + 1 < count else {
            position += 1
            return .text((position - 1)..<position)
        }
        let next = base[position + 1]
        if next == UInt8(ascii: "!") {
            if hasPrefix("<!--", at: position) {
                // An unterminated comment ends at the next ">" (SGML's reading), else at the end.
                position =
                    find("-->", from: position + 4).map { $0 + 3 } ?? find(">", from: position + 4).map { $0 + 1 }
                    ?? count
                return .ignorable
            }
            if hasPrefix("<![CDATA[", at: position) {
                position = find("]]>", from: position + 9).map { $0 + 3 } ?? count
                return .ignorable
            }
            if position + 2 < count, isLetter(base[position + 2]), let end = find(">", from: position + 2) {
                position = end + 1
                return .ignorable
            }
            // "<!" that starts no declaration is text.
            position += 1
            return .text((position - 1)..<position)
        }
        if next == UInt8(ascii: "?") {
            position = find(">", from: position + 2).map { $0 + 1 } ?? count
            return .ignorable
        }
        if next == UInt8(ascii: "/") {
            let nameStart = position + 2
            var index = nameStart
            while index < count, isNameByte(base[index]) { index += 1 }
            if index == nameStart {
                // "</ " or "</>": not a tag; browsers treat "</>" as nothing and "</ x>" as a comment.
                position = find(">", from: position + 2).map { $0 + 1 } ?? count
                return .ignorable
            }
            let nameEnd = index
            position = find(">", from: index).map { $0 + 1 } ?? count
            return .endTag(name: nameStart..<nameEnd)
        }
        guard isLetter(next) else {
            // A "<" that starts no tag is text.
            position += 1
            return .text((position - 1)..<position)
        }
        let nameStart = position + 1
        var index = nameStart
        while index < count, isNameByte(base[index]) { index += 1 }
        let nameEnd = index
        // Find the closing ">", skipping quoted attribute values.
        var quote: UInt8 = 0
        let attributesStart = index
        while index < count {
            let byte = base[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                // Quotes only open a value right after "=" (possibly with spaces).
                var back = index - 1
                while back > attributesStart, isSpace(base[back]) { back -= 1 }
                if back >= attributesStart, base[back] == UInt8(ascii: "=") { quote = byte }
            } else if byte == UInt8(ascii: ">") {
                break
            }
            index += 1
        }
        let tagEnd = index
        position = min(count, index + 1)
        var attributesEnd = tagEnd
        var selfClosing = false
        if attributesEnd > attributesStart, base[attributesEnd - 1] == UInt8(ascii: "/") {
            selfClosing = true
            attributesEnd -= 1
        }
        let name = nameStart..<nameEnd
        if !selfClosing, let endName = Self.rawTextEndName(input, name) {
            rawTextEnd = endName
        }
        return .startTag(name: name, attributes: attributesStart..<attributesEnd, selfClosing: selfClosing)
    }

    /// The lower-cased name of a raw-text element whose content runs to its end tag.
    private static func rawTextEndName(_ input: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> [UInt8]? {
        let length = name.count
        guard length == 5 || length == 6 else { return nil }
        var lower: [UInt8] = []
        lower.reserveCapacity(length)
        for index in name { lower.append(input[index] | 0x20) }
        switch lower {
        case Array("script".utf8), Array("style".utf8):
            return lower
        default:
            return nil
        }
    }

    private mutating func rawText(until name: [UInt8]) -> Token {
        let count = input.count
        let start = position
        var index = position
        while index < count {
            if input[index] == UInt8(ascii: "<"), index + 1 + name.count < count, input[index + 1] == UInt8(ascii: "/")
            {
                var matches = true
                for offset in 0..<name.count where input[index + 2 + offset] | 0x20 != name[offset] {
                    matches = false
                    break
                }
                if matches {
                    position = index
                    return .rawText(start..<index)
                }
            }
            index += 1
        }
        position = count
        return .rawText(start..<count)
    }

    private func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= input.count else { return false }
        for offset in 0..<length where input[index + offset] != literal.utf8Start[offset] { return false }
        return true
    }

    private func find(_ literal: StaticString, from start: Int) -> Int? {
        let length = literal.utf8CodeUnitCount
        let first = literal.utf8Start[0]
        var index = start
        while index + length <= input.count {
            if input[index] == first && hasPrefix(literal, at: index) { return index }
            index += 1
        }
        return nil
    }

    @inline(__always) private func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always) private func isNameByte(_ byte: UInt8) -> Bool {
        !(isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">"))
    }

    @inline(__always) func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }
}
