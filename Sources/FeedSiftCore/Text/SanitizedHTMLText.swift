/// The plain text of HTML that feedsift's sanitizer wrote: the same text
/// the parser gave for it (an entry's `summaryText` and `contentText`),
/// recovered from the stored HTML, so that the store keeps the HTML alone.
///
/// Sanitized HTML is a narrow dialect: lower-case names of allowed
/// elements, quoted attributes, and no references in text but `&amp;`,
/// `&lt;` and `&gt;` (other characters are written as themselves). The
/// text follows the parser's rules (`HTMLProcessor` in FeedSiftParse):
/// white space collapses to one space, tags separate text as
/// `HTMLTextBoundary` says, and the text never starts or ends with white
/// space. A no-break space counts as white space: the sanitizer
/// writes `&nbsp;` as the character itself. `FeedSiftParseTests` checks
/// both against each other on every element the sanitizer keeps.
///
/// Text that was plain at the source (Atom `type="text"`, JSON Feed
/// `content_text`) is stored as escaped HTML; its text recovered here has
/// its white space collapsed, which no word-based reader (rules, search)
/// can tell apart.
///
/// The search index holds words of this text and deletes them by
/// recomputing it: a change to what this returns for stored HTML must come
/// with a migration that rebuilds that index.
public enum SanitizedHTMLText {
    /// The plain text of `html`; empty when it has none.
    public static func plainText(of html: String) -> String {
        var copy = html
        return copy.withUTF8 { plainText(ofUTF8: $0) }
    }

    /// The plain text of the sanitized HTML in `html`, UTF-8 bytes.
    public static func plainText(ofUTF8 html: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: plainTextBytes(ofUTF8: html), as: UTF8.self)
    }

    /// The plain text's UTF-8 bytes, for a caller that hands bytes on
    /// (the SQL function) and need not make a String of them.
    public static func plainTextBytes(ofUTF8 html: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var text = TextWriter(capacity: html.count)
        var index = 0
        while index < html.count {
            let byte = html[index]
            switch byte {
            case UInt8(ascii: "<"):
                if let tag = Self.tag(in: html, at: index) {
                    text.separate(tag.boundary)
                    index = tag.end
                    continue
                }
            case UInt8(ascii: "&"):
                if let reference = Self.reference(in: html, at: index) {
                    if isSpace(reference.scalar) || reference.scalar == 0xA0 {
                        text.space()
                    } else {
                        text.append(reference.scalar)
                    }
                    index = reference.end
                    continue
                }
            case 0x20, 0x0A, 0x09, 0x0D, 0x0C:
                text.space()
                index += 1
                continue
            case 0xC2 where index + 1 < html.count && html[index + 1] == 0xA0:
                // A no-break space: the sanitizer writes `&nbsp;` as the
                // character, and the parser's text had a space for it.
                text.space()
                index += 2
                continue
            default:
                break
            }
            // The run of bytes up to the next markup, reference or space is
            // copied at once.
            var end = index + 1
            while end < html.count, !Self.endsRun(html[end]) { end += 1 }
            text.append(UnsafeBufferPointer(rebasing: html[index..<end]))
            index = end
        }
        return text.bytes
    }

    /// The text so far and the separator it owes before its next word,
    /// written only if a word follows.
    private struct TextWriter {
        var bytes: [UInt8] = []
        var pending = HTMLTextBoundary.none

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func separate(_ boundary: HTMLTextBoundary) { pending = max(pending, boundary) }

        mutating func space() { separate(.space) }

        mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
            flush()
            bytes.append(contentsOf: run)
        }

        mutating func append(_ scalar: UInt32) {
            guard let character = Unicode.Scalar(scalar), let encoded = UTF8.encode(character) else { return }
            flush()
            bytes.append(contentsOf: encoded)
        }

        private mutating func flush() {
            if pending != .none && !bytes.isEmpty {
                if pending == .space {
                    bytes.append(0x20)
                } else {
                    bytes.append(0x0A)
                    if pending == .paragraph { bytes.append(0x0A) }
                }
            }
            pending = .none
        }
    }

    @inline(__always)
    private static func endsRun(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: "&"), 0x20, 0x0A, 0x09, 0x0D, 0x0C, 0xC2: return true
        default: return false
        }
    }

    private static func isSpace(_ scalar: UInt32) -> Bool {
        scalar == 0x20 || scalar == 0x0A || scalar == 0x09 || scalar == 0x0D
    }

    /// The tag starting at `start` (a `<`): where it ends and what it
    /// separates. Nil when `<` opens no tag (then it is text).
    private static func tag(in html: UnsafeBufferPointer<UInt8>, at start: Int) -> (
        end: Int, boundary: HTMLTextBoundary
    )? {
        var index = start + 1
        if index < html.count && html[index] == UInt8(ascii: "/") { index += 1 }
        let nameStart = index
        while index < html.count, isNameByte(html[index]) { index += 1 }
        guard index > nameStart else { return nil }
        // At most 15 bytes: a String that small is stored inline, so naming
        // the element allocates nothing. The sanitizer writes names in
        // lower case.
        let name =
            index - nameStart <= 15
            ? String(decoding: UnsafeBufferPointer(rebasing: html[nameStart..<index]), as: UTF8.self) : ""
        // Attribute values are quoted and may hold `>`.
        var quote: UInt8?
        while index < html.count {
            let byte = html[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            index += 1
        }
        return (min(index + 1, html.count), HTMLTextBoundary.of(element: name))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":")
    }

    /// The character reference at `start` (an `&`): the sanitizer's three,
    /// the other two that escaping may write, and numeric ones. Nil for
    /// anything else (then `&` is text).
    private static func reference(in html: UnsafeBufferPointer<UInt8>, at start: Int) -> (
        scalar: UInt32, end: Int
    )? {
        guard let semicolon = html[start..<min(html.count, start + 12)].firstIndex(of: UInt8(ascii: ";")) else {
            return nil
        }
        let body = html[(start + 1)..<semicolon]
        let scalar: UInt32?
        if body.first == UInt8(ascii: "#") {
            scalar = numericValue(body.dropFirst())
        } else {
            switch String(decoding: UnsafeBufferPointer(rebasing: body), as: UTF8.self) {
            case "amp": scalar = 0x26
            case "lt": scalar = 0x3C
            case "gt": scalar = 0x3E
            case "quot": scalar = 0x22
            case "apos": scalar = 0x27
            case "nbsp": scalar = 0xA0
            default: scalar = nil
            }
        }
        return scalar.map { ($0, semicolon + 1) }
    }

    private static func numericValue(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var digits = digits
        var radix: UInt32 = 10
        if let first = digits.first, first | 0x20 == UInt8(ascii: "x") {
            radix = 16
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * radix + digit
            guard value <= 0x10FFFF else { return nil }
        }
        guard Unicode.Scalar(value) != nil, value != 0 else { return nil }
        return value
    }
}
