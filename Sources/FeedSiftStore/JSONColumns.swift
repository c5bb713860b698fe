import FeedSiftCore

/// Encodes the list-valued columns (authors, categories, enclosures) as
/// compact JSON text, and decodes them again. Hand-written because it runs
/// for every stored item and Foundation's coders cost more than the rest of
/// the insert.
enum JSONColumns {
    static func encode(authors: [ParsedAuthor]) -> String {
        var out = "["
        for (index, author) in authors.enumerated() {
            out += index > 0 ? ",{\"name\":" : "{\"name\":"
            append(author.name, to: &out)
            out += ",\"email\":"
            append(author.email, to: &out)
            out += ",\"uri\":"
            append(author.uri, to: &out)
            out += "}"
        }
        return out + "]"
    }

    static func encode(strings: [String]) -> String {
        var out = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { out += "," }
            JSONString.append(string, to: &out)
        }
        return out + "]"
    }

    static func encode(enclosures: [ParsedEnclosure]) -> String {
        var out = "["
        for (index, enclosure) in enclosures.enumerated() {
            out += index > 0 ? ",{\"url\":" : "{\"url\":"
            append(enclosure.url, to: &out)
            out += ",\"type\":"
            append(enclosure.type, to: &out)
            out += ",\"length\":" + (enclosure.length.map(String.init) ?? "null") + "}"
        }
        return out + "]"
    }

    /// The authors of an `authors` column; none if the text is not an array
    /// of objects (as the `[[String: Any]]` cast it replaces).
    static func decodeAuthors(_ text: String) -> [ParsedAuthor] {
        var authors: [ParsedAuthor] = []
        for element in array(text) ?? [] {
            guard case .object(let author) = element else { return [] }
            authors.append(
                ParsedAuthor(
                    name: author["name"]?.stringValue, email: author["email"]?.stringValue,
                    uri: author["uri"]?.stringValue))
        }
        return authors
    }

    /// The strings of a `categories` column; none if the text is not an
    /// array of strings only (as the `[String]` cast it replaces).
    static func decodeStrings(_ text: String) -> [String] {
        var strings: [String] = []
        for element in array(text) ?? [] {
            guard let string = element.stringValue else { return [] }
            strings.append(string)
        }
        return strings
    }

    private static func array(_ text: String) -> [LenientJSON]? {
        guard text != "[]" else { return nil }
        return (try? LenientJSON.parse(Array(text.utf8)))?.arrayValue
    }

    /// Appends a JSON string literal, or `null`.
    private static func append(_ value: String?, to out: inout String) {
        if let value {
            JSONString.append(value, to: &out)
        } else {
            out += "null"
        }
    }
}
