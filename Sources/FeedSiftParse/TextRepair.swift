import FeedSiftCore
import FoundationEssentials

/// Repairs of text values that feeds commonly get wrong, and the guess
/// whether an RSS value declared as plain text is really HTML.
enum TextRepair {
    /// C1 control characters (U+0080–U+009F, never meant in feeds) read as
    /// the Windows-1252 characters they encode; text that is UTF-8 decoded
    /// as Latin-1 ("cafÃ©") decoded again.
    static func repair(_ text: String) -> String {
        // Only text with U+0080–U+00FF (lead bytes 0xC2/0xC3) can need either repair.
        var hasLatin1 = false
        var onlyLatin1 = true
        var hasC1 = false
        var maybeMisread = false
        var copy = text
        copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var index = 0
            let count = bytes.count
            while index < count {
                index = ByteScan.firstNonASCII(in: base, from: index, to: count)
                guard index < count else { break }
                let byte = base[index]
                if byte == 0xC2 || byte == 0xC3 {
                    hasLatin1 = true
                    if byte == 0xC2, index + 1 < count, base[index + 1] <= 0x9F { hasC1 = true }
                    // UTF-8 read as Latin-1 shows a lead-byte character (Â–ô, U+00C2–U+00F4)
                    // followed by a continuation-byte character (U+0080–U+00BF, encoded C2 xx).
                    if byte == 0xC3, index + 2 < count, base[index + 1] >= 0x82, base[index + 1] <= 0xB4,
                        base[index + 2] == 0xC2
                    {
                        maybeMisread = true
                    }
                } else if byte >= 0xC4 {
                    onlyLatin1 = false
                    // Past the only-Latin-1 misreading: what is left to find is a C1 control (C2 80–9F).
                    while !hasC1, index < count {
                        index = ByteScan.first(0xC2, in: base, from: index + 1, to: count)
                        if index + 1 < count, base[index + 1] <= 0x9F { (hasLatin1, hasC1) = (true, true) }
                    }
                    break
                }
                index += 1
            }
        }
        guard hasLatin1 else { return text }
        var result = text
        if onlyLatin1, maybeMisread, let fixed = undoLatin1Misreading(text) {
            result = fixed
            hasC1 = result.unicodeScalars.contains { $0.value >= 0x80 && $0.value <= 0x9F }
        }
        guard hasC1 else { return result }
        var scalars = String.UnicodeScalarView()
        for scalar in result.unicodeScalars {
            if scalar.value >= 0x80 && scalar.value <= 0x9F,
                let mapped = Unicode.Scalar(TextEncoding.windows1252High[Int(scalar.value - 0x80)])
            {
                scalars.append(mapped)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// If every character is Latin-1 and those bytes are valid UTF-8 with at
    /// least one multi-byte sequence, the UTF-8 reading.
    private static func undoLatin1Misreading(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var sawHigh = false
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            if scalar.value >= 0x80 { sawHigh = true }
            bytes.append(UInt8(scalar.value))
        }
        guard sawHigh, UTF8Validation.isValid(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// feedparser's heuristic: a close tag or an entity reference, all tags
    /// HTML elements and all entities HTML entities.
    static func looksLikeHTML(_ text: String) -> Bool {
        var copy = text
        let markup = copy.withUTF8 { bytes in
            bytes.baseAddress.map {
                ByteScan.first(UInt8(ascii: "<"), or: UInt8(ascii: "&"), in: $0, from: 0, to: bytes.count) < bytes.count
            } ?? false
        }
        guard markup else { return false }
        let utf8 = Array(text.utf8)
        var hasCloseTag = false
        var hasEntity = false
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "<") {
                var cursor = index + 1
                let isClose = cursor < utf8.count && utf8[cursor] == UInt8(ascii: "/")
                if isClose { cursor += 1 }
                let nameStart = cursor
                while cursor < utf8.count, isWordByte(utf8[cursor]) { cursor += 1 }
                if cursor > nameStart {
                    let name = String(decoding: utf8[nameStart..<cursor], as: UTF8.self).lowercased()
                    if !htmlElements.contains(name) { return false }
                    if isClose, cursor < utf8.count, utf8[cursor] == UInt8(ascii: ">") { hasCloseTag = true }
                }
                index = max(cursor, index + 1)
            } else if byte == UInt8(ascii: "&") {
                var cursor = index + 1
                let numeric = cursor < utf8.count && utf8[cursor] == UInt8(ascii: "#")
                if numeric { cursor += 1 }
                let nameStart = cursor
                while cursor < utf8.count, isWordByte(utf8[cursor]) { cursor += 1 }
                if cursor > nameStart, cursor < utf8.count, utf8[cursor] == UInt8(ascii: ";") {
                    hasEntity = true
                    if !numeric {
                        let name = String(decoding: utf8[nameStart..<cursor], as: UTF8.self)
                        if HTMLEntities.value(named: name) == nil { return false }
                    }
                }
                index = max(cursor, index + 1)
            } else {
                index += 1
            }
        }
        return hasCloseTag || hasEntity
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39 || byte == UInt8(ascii: "_")
    }

    private static let htmlElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br",
        "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid",
        "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source",
        "fieldset", "figcaption", "figure", "font", "footer", "form", "header", "h1", "h2", "h3", "h4", "h5", "h6",
        "hgroup", "hr", "i", "img", "input", "ins", "keygen", "kbd", "label", "legend", "li", "m", "map", "menu",
        "meter", "multicol", "nav", "nextid", "ol", "output", "optgroup", "option", "p", "pre", "progress", "q", "s",
        "samp", "section", "select", "small", "sound", "source", "spacer", "span", "strike", "strong", "sub", "sup",
        "table", "tbody", "td", "textarea", "time", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "video",
        "noscript",
    ]
}

/// Reads an RSS-style author string: `me@example.com (Me)`, `Me <me@example.com>`, or a bare name/address.
enum AuthorText {
    static func parse(_ text: String) -> ParsedAuthor {
        // Most authors are a bare name: no address to look for.
        guard text.utf8.contains(UInt8(ascii: "@")) else { return ParsedAuthor(name: text.isEmpty ? nil : text) }
        var name = text
        var email: String?
        if let range = emailRange(in: text) {
            email = String(text[range])
            name.removeSubrange(range)
            for junk in ["()", "<>", "&lt;&gt;"] { name = name.replacingAll(junk, with: "") }
            name = name.trimming(" \t\r\n")
            if name.hasPrefix("(") { name.removeFirst() }
            if name.hasSuffix(")") { name.removeLast() }
            name = name.trimming(" \t\r\n")
        }
        return ParsedAuthor(name: name.isEmpty ? nil : name, email: email)
    }

    /// The first `local@domain.tld` in `text`.
    private static func emailRange(in text: String) -> Range<String.Index>? {
        guard let at = text.firstIndex(of: "@") else { return nil }
        func isLocal(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || "_-.+".contains(c)) }
        func isDomain(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || "-.".contains(c)) }
        var start = at
        while start > text.startIndex, isLocal(text[text.index(before: start)]) { start = text.index(before: start) }
        var end = text.index(after: at)
        while end < text.endIndex, isDomain(text[end]) { end = text.index(after: end) }
        // Trailing dots belong to the sentence, not the domain.
        while end > text.index(after: at), text[text.index(before: end)] == "." { end = text.index(before: end) }
        guard start < at, text[text.index(after: at)..<end].contains(".") else { return nil }
        return start..<end
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
