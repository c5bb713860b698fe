import FeedSiftCore

/// Turns the raw bytes of an XML feed into UTF-8 without a byte-order mark,
/// choosing the encoding in the precedence of RFC 7303 §3: a byte-order
/// mark, then the `charset` of the HTTP Content-Type, then the XML
/// declaration (or the UTF-16/32 pattern of `<?xml` without a BOM), then
/// UTF-8.
///
/// Guarantees: the result is valid UTF-8. A document declared (or defaulted
/// to) UTF-8 that is not valid UTF-8 is repaired byte by byte, reading every
/// invalid byte as Windows-1252 (the usual mistake: a CMS pasting cp1252
/// into a UTF-8 page), with a warning. An unknown encoding name falls back
/// to UTF-8, with a warning.
struct DocumentDecoder {
    struct Result {
        var utf8: [UInt8]
        var encoding: String
        var warnings: [ParseWarning]
    }

    static func decode(_ bytes: [UInt8], contentType: String?) -> Result {
        var warnings: [ParseWarning] = []
        let (bomEncoding, bomLength) = byteOrderMark(bytes)
        let sniffed = bomEncoding == nil ? sniffWithoutBOM(bytes) : nil
        let declared = declaredEncoding(bytes, family: bomEncoding ?? sniffed)
        let httpCharset = contentType.flatMap(charsetParameter)

        var chosen: String
        if let bomEncoding {
            chosen = bomEncoding
            if let declared, !TextEncoding.sameFamily(declared, bomEncoding) {
                warnings.append(
                    ParseWarning(
                        "byte-order mark says \(bomEncoding) but the XML declaration says \(declared); using \(bomEncoding)",
                        kind: .encoding))
            }
        } else if let httpCharset {
            chosen = httpCharset
        } else if let declared {
            // "UTF-16" declared on a document whose bytes show the byte order: use that order.
            if let sniffed, TextEncoding.sameFamily(declared, sniffed) {
                chosen = sniffed
            } else {
                chosen = declared
            }
        } else {
            chosen = sniffed ?? "utf-8"
        }
        let body = bomLength > 0 ? Array(bytes[bomLength...]) : bytes

        let normalized = TextEncoding.normalizedName(chosen)
        switch normalized {
        case "utf-8":
            return Result(
                utf8: validatedUTF8(body, declaredAs: chosen, warnings: &warnings), encoding: "utf-8",
                warnings: warnings)
        case "us-ascii":
            // ASCII is a subset of UTF-8; non-ASCII bytes mean the declaration is wrong.
            if body.contains(where: { $0 >= 0x80 }) {
                warnings.append(
                    ParseWarning(
                        "document declared as \(chosen) contains non-ASCII bytes; read as UTF-8", kind: .encoding))
            }
            return Result(
                utf8: validatedUTF8(body, declaredAs: chosen, warnings: &warnings), encoding: "utf-8",
                warnings: warnings)
        case "windows-1252", "iso-8859-1":
            // Browsers read Latin-1 labels as Windows-1252; so do publishers.
            return Result(
                utf8: removingDeclaration(TextEncoding.decodeWindows1252(body)), encoding: normalized,
                warnings: warnings)
        default:
            if let converted = TextEncoding.convertToUTF8(body, from: normalized) {
                return Result(
                    utf8: removingDeclaration(stripUTF8BOM(converted)), encoding: normalized, warnings: warnings)
            }
            warnings.append(ParseWarning("cannot decode the document as \(chosen); read as UTF-8", kind: .encoding))
            return Result(
                utf8: validatedUTF8(body, declaredAs: "utf-8", warnings: &warnings), encoding: "utf-8",
                warnings: warnings)
        }
    }

    private static func stripUTF8BOM(_ bytes: [UInt8]) -> [UInt8] {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes
    }

    /// The document without its XML declaration, once it has been transcoded
    /// to UTF-8 (the declaration would name the old encoding, and libxml2
    /// rejects some real-world names such as "437").
    private static func removingDeclaration(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.starts(with: Array("<?xml".utf8)), bytes.count > 5,
            [0x20, 0x09, 0x0A, 0x0D].contains(bytes[5]), let end = bytes.firstIndex(of: UInt8(ascii: ">"))
        else { return bytes }
        return Array(bytes[(end + 1)...])
    }

    private static func validatedUTF8(_ bytes: [UInt8], declaredAs name: String, warnings: inout [ParseWarning])
        -> [UInt8]
    {
        if UTF8Validation.isValid(bytes) { return bytes }
        let (valid, invalid) = UTF8Validation.countSequences(bytes)
        if invalid > valid {
            // Mostly invalid: the whole document is single-byte text.
            warnings.append(
                ParseWarning("document declared as \(name) is not UTF-8; read as Windows-1252", kind: .encoding))
            return removingDeclaration(TextEncoding.decodeWindows1252(bytes))
        }
        warnings.append(
            ParseWarning(
                "document declared as \(name) is not valid UTF-8; invalid bytes read as Windows-1252", kind: .encoding))
        return UTF8Validation.repairAsWindows1252(bytes)
    }

    /// (encoding, length of the mark) for a byte-order mark at the start.
    static func byteOrderMark(_ bytes: [UInt8]) -> (String?, Int) {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("utf-32be", 4) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("utf-32le", 4) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
        return (nil, 0)
    }

    /// The encoding family implied by how `<?xml` or `<` is written (XML 1.0 Appendix F).
    private static func sniffWithoutBOM(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 4 else { return nil }
        switch (bytes[0], bytes[1], bytes[2], bytes[3]) {
        case (0x00, 0x00, 0x00, 0x3C): return "utf-32be"
        case (0x3C, 0x00, 0x00, 0x00): return "utf-32le"
        case (0x00, 0x3C, 0x00, _): return "utf-16be"
        case (0x3C, 0x00, _, 0x00): return "utf-16le"
        case (0x4C, 0x6F, 0xA7, 0x94): return "cp037"
        default: return nil
        }
    }

    /// The `encoding` pseudo-attribute of the XML declaration, if any.
    private static func declaredEncoding(_ bytes: [UInt8], family: String?) -> String? {
        // Read the declaration as ASCII: for UTF-16/32 keep every 2nd/4th byte.
        var head: [UInt8]
        switch family {
        case "utf-16le": head = strided(bytes, offset: 0, step: 2)
        case "utf-16be": head = strided(bytes, offset: 1, step: 2)
        case "utf-32le": head = strided(bytes, offset: 0, step: 4)
        case "utf-32be": head = strided(bytes, offset: 3, step: 4)
        case "cp037": head = TextEncoding.convertToUTF8(Array(bytes.prefix(200)), from: "cp037") ?? []
        default: head = Array(bytes.prefix(512))
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        while let first = head.first, first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09 {
            head.removeFirst()
        }
        guard head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) else {
            return nil
        }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        return pseudoAttribute("encoding", in: declaration)
    }

    private static func strided(_ bytes: [UInt8], offset: Int, step: Int) -> [UInt8] {
        var out: [UInt8] = []
        var index = offset + (bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) ? 2 : 0)
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            index = offset + 4
        }
        while index < bytes.count, out.count < 512 {
            out.append(bytes[index])
            index += step
        }
        return out
    }

    /// `name="value"` or `name='value'` inside a declaration.
    private static func pseudoAttribute(_ name: String, in text: String) -> String? {
        guard let range = text.firstRange(of: name) else { return nil }
        var rest = text[range.upperBound...].drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return nil }
        let value = rest[..<close].trimming(" \t")
        return value.isEmpty ? nil : value
    }

    /// The `charset` parameter of a Content-Type header value.
    static func charsetParameter(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimming(" \t").lowercased() == "charset" else { continue }
            var value = parts[1].trimming(" \t")
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}

extension String {
    /// Trims the given ASCII characters from both ends; returns the string
    /// itself, without copying, when neither end has one (the usual case).
    func trimming(_ set: StaticString) -> String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        let pointer = set.utf8Start
        let edges = UnsafeBufferPointer(start: pointer, count: set.utf8CodeUnitCount)
        guard edges.contains(first) || edges.contains(last) else { return self }
        return Substring(self).trimming(set)
    }
}

extension StringProtocol {
    /// Trims the given ASCII characters from both ends (no Foundation needed).
    func trimming(_ set: StaticString) -> String {
        let slice = Substring(self)
        let utf8 = slice.utf8
        func trimmed(_ byte: UInt8) -> Bool {
            let pointer = set.utf8Start
            for offset in 0..<set.utf8CodeUnitCount where pointer[offset] == byte { return true }
            return false
        }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, trimmed(utf8[start]) { start = utf8.index(after: start) }
        while end > start, trimmed(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        if start == utf8.startIndex && end == utf8.endIndex, let string = self as? String { return string }
        return String(slice[start..<end])
    }
}
