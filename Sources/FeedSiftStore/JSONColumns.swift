import FeedSiftCore
import Foundation

/// Encodes the list-valued columns (authors, categories, enclosures) as
/// compact JSON text, and decodes them again. Hand-written because it runs
/// for every stored item and Foundation's coders cost more than the rest of
/// the insert.
enum JSONColumns {
    static func encode(authors: [ParsedAuthor]) -> String {
        var out = "["
        for (index, author) in authors.enumerated() {
            if index > 0 { out += "," }
            out +=
                "{\"name\":\(literal(author.name)),\"email\":\(literal(author.email)),\"uri\":\(literal(author.uri))}"
        }
        return out + "]"
    }

    static func encode(strings: [String]) -> String {
        "[" + strings.map { literal($0) }.joined(separator: ",") + "]"
    }

    static func encode(enclosures: [ParsedEnclosure]) -> String {
        var out = "["
        for (index, enclosure) in enclosures.enumerated() {
            if index > 0 { out += "," }
            let length = enclosure.length.map(String.init) ?? "null"
            out += "{\"url\":\(literal(enclosure.url)),\"type\":\(literal(enclosure.type)),\"length\":\(length)}"
        }
        return out + "]"
    }

    static func decodeAuthors(_ text: String) -> [ParsedAuthor] {
        guard let array = object(text) as? [[String: Any]] else { return [] }
        return array.map {
            ParsedAuthor(name: $0["name"] as? String, email: $0["email"] as? String, uri: $0["uri"] as? String)
        }
    }

    static func decodeStrings(_ text: String) -> [String] {
        (object(text) as? [String]) ?? []
    }

    private static func object(_ text: String) -> Any? {
        guard text != "[]" else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// A JSON string literal, or `null`.
    static func literal(_ value: String?) -> String {
        value.map(JSONString.literal) ?? "null"
    }
}
