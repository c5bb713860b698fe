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
    private var rawTextEnd: StaticString?

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
        let attributesStart = index
        while index < count {
            index = ByteScan.first(
                UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), in: base, from: index, to: count)
            guard index < count, base[index] != UInt8(ascii: ">") else { break }
            // Quotes only open a value right after "=" (possibly with spaces).
            let quote = base[index]
            var back = index - 1
            while back > attributesStart, isSpace(base[back]) { back -= 1 }
            if back >= attributesStart, base[back] == UInt8(ascii: "=") {
                index = ByteScan.first(quote, in: base, from: index + 1, to: count)
                guard index < count else { break }
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

    /// The name of a raw-text element whose content runs to its end tag.
    private static func rawTextEndName(_ input: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> StaticString? {
        guard name.count == 5 || name.count == 6, let key = PackedName.key(UnsafeBufferPointer(rebasing: input[name]))
        else { return nil }
        if key == scriptKey { return "script" }
        if key == styleKey { return "style" }
        return nil
    }

    private static let scriptKey = PackedName.key("script")
    private static let styleKey = PackedName.key("style")

    private mutating func rawText(until name: StaticString) -> Token {
        let count = input.count
        let start = position
        let length = name.utf8CodeUnitCount
        var index = position
        while index < count {
            if input[index] == UInt8(ascii: "<"), index + 1 + length < count, input[index + 1] == UInt8(ascii: "/") {
                var matches = true
                for offset in 0..<length where input[index + 2 + offset] | 0x20 != name.utf8Start[offset] {
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
