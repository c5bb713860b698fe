import FeedSiftCore
import FoundationEssentials

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): `items` with
/// `content_html`/`content_text`, `summary`, `date_published`/`date_modified`,
/// `authors` (1.1) or `author` (1.0), `tags`, `attachments`.
struct JSONFeedParser {
    let limits: ParseLimits

    /// A JSON object at the start (after a BOM and whitespace).
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "{")
    }

    func parse(_ bytes: [UInt8], documentURL: String?) throws(ParseError) -> ParsedFeed {
        let name = documentURL ?? "document"
        var body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes
        var warnings: [ParseWarning] = []
        if !UTF8Validation.isValid(body) {
            body = UTF8Validation.repairAsWindows1252(body)
            warnings.append(
                ParseWarning("JSON Feed is not valid UTF-8; invalid bytes read as Windows-1252", kind: .encoding))
        }
        let document: LenientJSON
        do {
            // A JSON Feed is a few levels deep; 64 leaves room for extensions.
            document = try LenientJSON.parse(body, maximumDepth: 64)
        } catch  where error.isTooDeep {
            throw ParseError(.notAFeed, "\(name) nests JSON deeper than 64 levels")
        } catch {
            // The text Foundation's JSONSerialization gave for every syntax error.
            throw ParseError(.notAFeed, "\(name) is not valid JSON: \(LenientJSONError.foundationDescription)")
        }
        guard let root = document.objectValue else {
            throw ParseError(.notAFeed, "\(name) is JSON but not a JSON Feed object")
        }
        let version = root["version"]?.stringValue ?? ""
        guard version.hasPrefix("https://jsonfeed.org/version/") || root["items"]?.arrayValue != nil else {
            throw ParseError(.notAFeed, "\(name) is JSON but has no JSON Feed version or items")
        }
        if !version.hasPrefix("https://jsonfeed.org/version/") {
            warnings.append(ParseWarning("JSON Feed without a version", kind: .malformed))
        }
        let base =
            root["home_page_url"]?.stringValue.map { URLResolver.resolve($0, against: documentURL) } ?? documentURL
        let assembler = FeedAssembler(limits: limits)
        var entries: [ParsedEntry] = []
        for case .object(let item) in root["items"]?.arrayValue ?? [] {
            guard entries.count < limits.maxEntries else {
                warnings.append(
                    ParseWarning("more than \(limits.maxEntries) entries; the rest are ignored", kind: .limit))
                break
            }
            entries.append(
                entry(item, base: base, feedAuthors: authors(root), assembler: assembler, warnings: &warnings))
        }
        return ParsedFeed(
            format: .jsonfeed,
            title: root["title"]?.stringValue.map { assembler.collapseWhitespace($0) },
            link: root["home_page_url"]?.stringValue.map { URLResolver.resolve($0, against: documentURL) },
            id: root["feed_url"]?.stringValue,
            subtitle: root["description"]?.stringValue.map(assembler.escapeHTML),
            language: root["language"]?.stringValue,
            entries: entries,
            warnings: warnings)
    }

    private func entry(
        _ item: [String: LenientJSON], base: String?, feedAuthors: [ParsedAuthor], assembler: FeedAssembler,
        warnings: inout [ParseWarning]
    ) -> ParsedEntry {
        var content: (html: String, text: String)?
        if let html = item["content_html"]?.stringValue {
            content = assembler.rich(TextValue(value: html, type: .html, base: base))
        } else if let text = item["content_text"]?.stringValue {
            content = assembler.rich(TextValue(value: text, type: .text, base: base))
        }
        let summary = item["summary"]?.stringValue.map { assembler.rich(TextValue(value: $0, type: .text, base: base)) }
        // A numeric id reads as Foundation's NSNumber printed it ("42", "1.5",
        // "1" for true).
        let id = item["id"]?.stringValue ?? item["id"]?.numberValue?.stringValue
        let itemAuthors = authors(item)
        return ParsedEntry(
            id: id,
            title: item["title"]?.stringValue.map { assembler.collapseWhitespace($0) },
            link: item["url"]?.stringValue.map { URLResolver.resolve($0, against: base) },
            published: date(item["date_published"], warnings: &warnings),
            updated: date(item["date_modified"], warnings: &warnings),
            authors: itemAuthors.isEmpty ? feedAuthors : itemAuthors,
            categories: (item["tags"]?.arrayValue ?? []).compactMap(\.stringValue),
            summary: summary?.html,
            content: content?.html,
            summaryText: summary.flatMap { $0.text.isEmpty ? nil : $0.text },
            contentText: content.flatMap { $0.text.isEmpty ? nil : $0.text },
            enclosures: (item["attachments"]?.arrayValue ?? []).compactMap { attachment in
                guard let url = attachment["url"]?.stringValue else { return nil }
                return ParsedEnclosure(
                    url: URLResolver.resolve(url, against: base), type: attachment["mime_type"]?.stringValue,
                    length: attachment["size_in_bytes"]?.numberValue?.intValue)
            },
            language: item["language"]?.stringValue)
    }

    private func authors(_ object: [String: LenientJSON]) -> [ParsedAuthor] {
        var list = object["authors"]?.arrayValue ?? []
        if list.isEmpty, let single = object["author"] { list = [single] }
        return list.compactMap { value in
            guard case .object(let author) = value else { return nil }
            let parsed = ParsedAuthor(name: author["name"]?.stringValue, uri: author["url"]?.stringValue)
            return parsed.name == nil && parsed.uri == nil ? nil : parsed
        }
    }

    private func date(_ value: LenientJSON?, warnings: inout [ParseWarning]) -> Date? {
        guard let string = value?.stringValue, !string.isEmpty else { return nil }
        let date = FeedDateParser.parse(string)
        if date == nil {
            warnings.append(ParseWarning("unparseable date \"\(string.prefix(80))\" ignored", kind: .value))
        }
        return date
    }
}
