public import FeedSiftCore
import FoundationEssentials

extension ParsedFeed {
    /// The `feedsift parse --json` document (DESIGN.md, conformance/CONTRACT.md):
    /// one JSON object, dates as UTC RFC 3339, absent values as null.
    /// `warnings` lists problems with the document itself (malformed XML,
    /// encoding, limits); problems with single values (an unparseable date)
    /// are in the extra `value_warnings`.
    public func contractJSON() -> String {
        let out = JSONWriter()
        out.object {
            out.field("format", format.rawValue)
            out.field("title", title)
            out.field("link", link)
            out.field("id", id)
            out.field("updated", updated.map(RFC3339.format))
            out.field("subtitle", subtitle)
            out.field("rights", rights)
            out.field("info", info)
            out.field("language", language)
            out.key("entries")
            out.array(entries) { entry in
                out.object {
                    out.field("id", entry.id)
                    out.field("title", entry.title)
                    out.field("link", entry.link)
                    out.field("published", entry.published.map(RFC3339.format))
                    out.field("updated", entry.updated.map(RFC3339.format))
                    out.key("authors")
                    out.array(entry.authors) { author in
                        out.object {
                            out.field("name", author.name)
                            out.field("email", author.email)
                            out.field("uri", author.uri)
                        }
                    }
                    out.key("categories")
                    out.array(entry.categories) { out.string($0) }
                    out.field("summary", entry.summary ?? plainContentAsSummary(entry))
                    out.field("content", entry.content)
                    out.field("text", entry.text)
                    out.key("enclosures")
                    out.array(entry.enclosures) { enclosure in
                        out.object {
                            out.field("url", enclosure.url)
                            out.field("type", enclosure.type)
                            out.field("length", enclosure.length)
                        }
                    }
                    out.key("media")
                    out.array(entry.media) { media in
                        out.object {
                            out.field("kind", media.kind.rawValue)
                            out.field("url", media.url)
                            out.field("type", media.type)
                            out.field("medium", media.medium)
                        }
                    }
                }
            }
            out.key("warnings")
            out.array(warnings.filter { $0.kind != .value }) { out.string($0.description) }
            out.key("value_warnings")
            out.array(warnings.filter { $0.kind == .value }) { out.string($0.description) }
        }
        return out.text
    }
}

/// feedparser gives an entry without a summary its content as summary, but
/// as raw source text; the goldens therefore accept either no summary or
/// that source. Where the two readings have the same text (the content has
/// no markup, or no text at all, e.g. a lone image) the contract shows the
/// copy, as feedparser's users expect; otherwise the summary stays null.
private func plainContentAsSummary(_ entry: ParsedEntry) -> String? {
    guard let content = entry.content else { return nil }
    let hasMarkup = content.contains("<") || content.contains("&")
    return !hasMarkup || (entry.contentText ?? "").isEmpty ? content : nil
}

/// A minimal streaming JSON writer (compact output, strings escaped per RFC 8259).
final class JSONWriter {
    private(set) var text = ""
    private var needsComma = [false]

    func object(_ body: () -> Void) {
        separator()
        text += "{"
        needsComma.append(false)
        body()
        needsComma.removeLast()
        text += "}"
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        separator()
        text += "["
        needsComma.append(false)
        for item in items { body(item) }
        needsComma.removeLast()
        text += "]"
    }

    func key(_ name: String) {
        separator()
        JSONString.append(name, to: &text)
        text += ":"
        needsComma[needsComma.count - 1] = false
    }

    func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
        needsComma[needsComma.count - 1] = true
    }

    func field(_ name: String, _ value: Int?) {
        key(name)
        if let value { text += String(value) } else { text += "null" }
        needsComma[needsComma.count - 1] = true
    }

    func string(_ value: String) {
        separator()
        JSONString.append(value, to: &text)
    }

    func null() {
        separator()
        text += "null"
    }

    private func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

}
